package api

import (
	"encoding/json"
	"net/http"
	"time"

	"zugong/internal/audit"
)

// auditJSON is one event of the audit trail.
type auditJSON struct {
	JurisdictionID string          `json:"jurisdiction_id"`
	Seq            int64           `json:"seq"`
	ID             string          `json:"id"`
	At             string          `json:"at"`
	ActorID        string          `json:"actor_id"`
	ActorLogin     string          `json:"actor_login"`
	IP             string          `json:"ip"`
	Action         string          `json:"action"`
	TargetKind     string          `json:"target_kind"`
	TargetID       string          `json:"target_id"`
	Outcome        string          `json:"outcome"`
	Detail         json.RawMessage `json:"detail"`
	PrevHash       string          `json:"prev_hash"`
	Hash           string          `json:"hash"`
}

func auditView(e *audit.Event) auditJSON {
	return auditJSON{
		JurisdictionID: e.JurisdictionID, Seq: e.Seq, ID: e.ID, At: instant(e.At), ActorID: e.ActorID,
		ActorLogin: e.ActorLogin, IP: e.IP, Action: e.Action, TargetKind: e.TargetKind, TargetID: e.TargetID,
		Outcome: string(e.Outcome), Detail: rawDetail(e.Detail), PrevHash: e.PrevHash, Hash: e.Hash,
	}
}

func validOutcome(s string) bool {
	switch audit.Outcome(s) {
	case audit.Success, audit.Failure, audit.Denied:
		return true
	}
	return false
}

// listAudit pages through the audit trail the caller may read, newest first.
// from and to are calendar days in China Standard Time, both inclusive.
func (s *Server) listAudit(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r.URL)
	q := audit.Query{
		ActorLogin: p.str("actor"),
		Action:     p.str("action"),
		Outcome:    audit.Outcome(p.choice("outcome", validOutcome)),
		Limit:      p.limit(),
	}
	from, to := p.date("from"), p.date("to")
	if !from.IsZero() {
		q.From = dayStart(from)
	}
	if !to.IsZero() {
		q.To = dayStart(to.AddDays(1))
		if !from.IsZero() && to.Before(from) {
			p.fields.Add("to", "api.field.date_order")
		}
	}
	listing := listingKey("audit", q.ActorLogin, q.Action, string(q.Outcome), from.String(), to.String())
	st := p.cursor(listing)
	if err := p.err(); err != nil {
		return err
	}
	q.Offset = st.Offset
	if st.Until != 0 {
		if until := time.UnixMicro(st.Until); q.To.IsZero() || until.Before(q.To) {
			q.To = until
		}
	}
	pg, err := s.audit.List(r.Context(), q)
	if err != nil {
		return err
	}
	items := make([]auditJSON, len(pg.Items))
	for i := range pg.Items {
		items[i] = auditView(&pg.Items[i])
	}
	if st.Until == 0 && len(pg.Items) > 0 {
		// Later pages see the trail as it was when this first page was read.
		st.Until = pg.Items[0].At.UnixMicro() + 1
	}
	return writeJSON(w, http.StatusOK, newPage(items, offsetCursor(st, len(items), pg.Total)))
}
