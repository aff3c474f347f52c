package audit

import (
	"crypto/sha256"
	"fmt"
	"testing"
	"time"
)

func testMAC(b []byte) []byte { s := sha256.Sum256(b); return s[:] }

func chain(n int) []Event {
	var out []Event
	prev := ""
	for i := 1; i <= n; i++ {
		e := Event{JurisdictionID: "j", Seq: int64(i), ID: fmt.Sprint(i), At: time.Unix(int64(i), 0), Action: "org.rename", Outcome: Success}
		Link(testMAC, prev, &e)
		prev = e.Hash
		out = append(out, e)
	}
	return out
}

func verify(events []Event, head Head) []Finding {
	v := NewVerifier(testMAC)
	for _, e := range events {
		v.Next(e)
	}
	seq, hash := v.Last()
	v.End(head, seq, hash)
	return v.Findings
}

func TestVerify(t *testing.T) {
	good := chain(5)
	head := Head{JurisdictionID: "j", Seq: 5, Hash: good[4].Hash}
	if f := verify(good, head); len(f) != 0 {
		t.Fatalf("untouched chain: findings %v", f)
	}

	edited := append([]Event{}, good...)
	edited[2].Detail = `{"name":"changed"}`
	if f := verify(edited, head); len(f) != 1 || f[0].Seq != 3 || f[0].Problem != Altered {
		t.Fatalf("edited event 3: findings %v, want altered at 3", f)
	}

	removed := append(append([]Event{}, good[:2]...), good[3:]...)
	if f := verify(removed, head); len(f) == 0 || f[0].Seq != 4 || f[0].Problem != Missing {
		t.Fatalf("removed event 3: findings %v, want missing at 4", f)
	}

	if f := verify(good[:4], head); len(f) != 1 || f[0].Problem != Truncated {
		t.Fatalf("removed last event: findings %v, want truncated", f)
	}
}

func TestRecordKeepsWhatTheChainHashes(t *testing.T) {
	e := chain(2)[1]
	e.Detail = `{"name": "真阳镇"}`
	r := e.Record()
	if r.AtMicros != e.At.UnixMicro() || r.Detail != e.Detail || r.PrevHash != e.PrevHash || r.Hash != e.Hash || r.Seq != 2 {
		t.Fatalf("record %+v does not carry the event %+v", r, e)
	}
}
