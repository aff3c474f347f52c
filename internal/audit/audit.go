// Package audit defines the tamper-evident audit trail. Every write, sign-in,
// permission change and read of sensitive personal data becomes an Event.
// Events of one jurisdiction form a chain: each event's hash is HMAC-SM3 over
// the previous hash and the event's canonical encoding, so editing or removing
// a stored event breaks the chain at that point and Verify names it.
package audit

import (
	"context"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// SystemJurisdiction owns events that belong to no county: sign-in attempts
// for unknown accounts and actions of administrators above every county.
const SystemJurisdiction = "00000000-0000-0000-0000-000000000000"

// MinRetention is how long events must be kept (网络安全法 §21: six months).
// zugong never deletes events; the constant documents the floor an archive
// policy may not go below.
const MinRetention = 180 * 24 * time.Hour

// Outcome says how an audited action ended.
type Outcome string

// The outcomes.
const (
	Success Outcome = "success"
	Failure Outcome = "failure"
	Denied  Outcome = "denied"
)

// Event is one audited action.
type Event struct {
	JurisdictionID string
	Seq            int64
	ID             string
	At             time.Time
	ActorID        string
	ActorLogin     string
	IP             string
	Action         string
	TargetKind     string
	TargetID       string
	Outcome        Outcome
	// Detail is a short JSON object describing what changed.
	Detail   string
	PrevHash string
	Hash     string
}

// Canonical returns the bytes the chain hashes: every field but Hash, in a
// fixed order, each length-prefixed so that no two events encode alike.
func (e *Event) Canonical() []byte {
	fields := []string{
		e.JurisdictionID, strconv.FormatInt(e.Seq, 10), e.ID,
		strconv.FormatInt(e.At.UnixMicro(), 10), e.ActorID, e.ActorLogin, e.IP,
		e.Action, e.TargetKind, e.TargetID, string(e.Outcome), e.Detail, e.PrevHash,
	}
	var b strings.Builder
	for _, f := range fields {
		b.WriteString(strconv.Itoa(len(f)))
		b.WriteByte(':')
		b.WriteString(f)
	}
	return []byte(b.String())
}

// MAC is the keyed hash that links the chain (HMAC-SM3 from the vault).
type MAC func(data []byte) []byte

// Link sets e's PrevHash and Hash so that e follows prevHash.
func Link(mac MAC, prevHash string, e *Event) {
	e.PrevHash = prevHash
	e.Hash = hex.EncodeToString(mac(e.Canonical()))
}

// Head is the last link of one jurisdiction's chain.
type Head struct {
	JurisdictionID string
	Seq            int64
	Hash           string
}

// Finding is one break in a chain.
type Finding struct {
	JurisdictionID string
	Seq            int64
	Problem        Problem
}

// Problem names the kind of break.
type Problem string

// The problems Verify reports.
const (
	// Altered: the stored hash does not match the event's content.
	Altered Problem = "altered"
	// Missing: sequence numbers jump, so events were removed before this one.
	Missing Problem = "missing"
	// Relinked: the event's PrevHash is not the previous event's hash.
	Relinked Problem = "relinked"
	// Truncated: the chain ends before the head says it does.
	Truncated Problem = "truncated"
)

// Verifier checks chains event by event, so a trail of any size is verified
// in constant memory. Feed it the events of each jurisdiction in Seq order.
type Verifier struct {
	mac      MAC
	cur      string
	lastSeq  int64
	lastHash string
	Checked  int
	Findings []Finding
}

// NewVerifier returns a verifier using mac.
func NewVerifier(mac MAC) *Verifier { return &Verifier{mac: mac} }

// Next checks one event.
func (v *Verifier) Next(e Event) {
	if e.JurisdictionID != v.cur {
		v.cur, v.lastSeq, v.lastHash = e.JurisdictionID, 0, ""
	}
	v.Checked++
	if e.Seq != v.lastSeq+1 {
		v.add(e, Missing)
	} else if e.PrevHash != v.lastHash {
		v.add(e, Relinked)
	}
	stored := e.Hash
	Link(v.mac, e.PrevHash, &e)
	if e.Hash != stored {
		v.add(e, Altered)
	}
	v.lastSeq, v.lastHash = e.Seq, stored
}

// End checks that the chain last fed for h's jurisdiction reached its head.
// Call it once per head after the jurisdiction's events.
func (v *Verifier) End(h Head, lastSeq int64, lastHash string) {
	if lastSeq != h.Seq || lastHash != h.Hash {
		v.Findings = append(v.Findings, Finding{JurisdictionID: h.JurisdictionID, Seq: h.Seq, Problem: Truncated})
	}
}

// Last returns the sequence number and hash of the last event fed.
func (v *Verifier) Last() (int64, string) { return v.lastSeq, v.lastHash }

func (v *Verifier) add(e Event, p Problem) {
	v.Findings = append(v.Findings, Finding{JurisdictionID: e.JurisdictionID, Seq: e.Seq, Problem: p})
}

// Query selects events for the viewer and exports. Zero fields do not filter.
type Query struct {
	JurisdictionID string
	ActorLogin     string
	Action         string
	Outcome        Outcome
	From, To       time.Time
	// Oldest lists oldest first; the default is newest first.
	Oldest bool
	Offset int
	Limit  int
}

// Page is one page of events.
type Page struct {
	Items []Event
	Total int
}

// Reader reads the trail on behalf of the principal in ctx, within the
// jurisdictions the principal's audit.read scope covers.
type Reader interface {
	List(ctx context.Context, q Query) (*Page, error)
	// Export streams every matching event, oldest first, and audits the export.
	Export(ctx context.Context, q Query, fn func(Event) error) error
}

// Record is an event as exports write it for auditors: every field,
// including the chain links, the instant both as RFC 3339 and as the
// microseconds the chain hashes, and the detail as the exact stored text, so
// that a copy can be checked on its own.
type Record struct {
	JurisdictionID string `json:"jurisdiction_id"`
	Seq            int64  `json:"seq"`
	ID             string `json:"id"`
	At             string `json:"at"`
	AtMicros       int64  `json:"at_us"`
	ActorID        string `json:"actor_id"`
	ActorLogin     string `json:"actor_login"`
	IP             string `json:"ip"`
	Action         string `json:"action"`
	TargetKind     string `json:"target_kind"`
	TargetID       string `json:"target_id"`
	Outcome        string `json:"outcome"`
	Detail         string `json:"detail"`
	PrevHash       string `json:"prev_hash"`
	Hash           string `json:"hash"`
}

// Record returns e as exports write it.
func (e Event) Record() Record {
	return Record{JurisdictionID: e.JurisdictionID, Seq: e.Seq, ID: e.ID, At: e.At.UTC().Format(time.RFC3339Nano),
		AtMicros: e.At.UnixMicro(), ActorID: e.ActorID, ActorLogin: e.ActorLogin, IP: e.IP, Action: e.Action,
		TargetKind: e.TargetKind, TargetID: e.TargetID, Outcome: string(e.Outcome), Detail: e.Detail,
		PrevHash: e.PrevHash, Hash: e.Hash}
}
