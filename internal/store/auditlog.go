package store

import (
	"context"
	"encoding/json"
	"fmt"

	"zugong/internal/access"
	"zugong/internal/audit"
	"zugong/internal/org"
)

// AuditLog implements audit.Reader.
type AuditLog struct{ db *DB }

// AuditLog returns the audit trail reader.
func (db *DB) AuditLog() *AuditLog { return &AuditLog{db: db} }

var _ audit.Reader = (*AuditLog)(nil)

// maxAuditPage caps a page of the viewer.
const maxAuditPage = 200

// visibleChains returns the jurisdictions whose chains p may read: those of
// the organisations in p's audit.read scopes, and the system chain for a
// scope rooted at the top of a tree. nil with no error means every chain.
func (l *AuditLog) visibleChains(ctx context.Context, p *access.Principal) ([]string, error) {
	if p.Operator {
		return nil, nil
	}
	scopes := p.Scopes(access.AuditRead)
	cond, args := scopeCondition("path", scopes)
	rows, err := l.db.Query(ctx, `SELECT DISTINCT jurisdiction_id FROM orgs WHERE `+cond, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var j string
		if err := rows.Scan(&j); err != nil {
			return nil, err
		}
		out = append(out, j)
	}
	for _, g := range p.Grants {
		if g.Role.Allows(access.AuditRead) && len(org.PathIDs(g.ScopePath)) == 1 {
			out = append(out, audit.SystemJurisdiction)
			break
		}
	}
	return out, rows.Err()
}

func (l *AuditLog) filter(ctx context.Context, q audit.Query) (AuditFilter, error) {
	p, err := access.Require(ctx, access.AuditRead)
	if err != nil {
		return AuditFilter{}, err
	}
	chains, err := l.visibleChains(ctx, p)
	if err != nil {
		return AuditFilter{}, err
	}
	f := AuditFilter{JurisdictionID: q.JurisdictionID, ActorLogin: q.ActorLogin, Action: q.Action, Outcome: q.Outcome, From: q.From, To: q.To}
	if chains != nil {
		if len(chains) == 0 {
			chains = []string{"-"}
		}
		f.Jurisdictions = chains
	}
	return f, nil
}

// List implements audit.Reader.
func (l *AuditLog) List(ctx context.Context, q audit.Query) (*audit.Page, error) {
	f, err := l.filter(ctx, q)
	if err != nil {
		return nil, err
	}
	where, args := f.where()
	page := &audit.Page{}
	if err := l.db.QueryRow(ctx, `SELECT COUNT(*) FROM audit_events`+where, args...).Scan(&page.Total); err != nil {
		return nil, fmt.Errorf("count audit events: %w", err)
	}
	limit := q.Limit
	if limit <= 0 || limit > maxAuditPage {
		limit = 50
	}
	order := "DESC"
	if q.Oldest {
		order = "ASC"
	}
	rows, err := l.db.Query(ctx, fmt.Sprintf(`SELECT jurisdiction_id, seq, id, at, actor_id, actor_login, ip, action, target_kind,
		target_id, outcome, detail, prev_hash, hash FROM audit_events%s ORDER BY at %s, seq %s LIMIT %d OFFSET %d`,
		where, order, order, limit, max(q.Offset, 0)), args...)
	if err != nil {
		return nil, fmt.Errorf("list audit events: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanAuditEvent(rows)
		if err != nil {
			return nil, err
		}
		page.Items = append(page.Items, e)
	}
	return page, rows.Err()
}

// Export implements audit.Reader. The export itself is audited first, so
// the trail shows who took a copy of what.
func (l *AuditLog) Export(ctx context.Context, q audit.Query, fn func(audit.Event) error) error {
	f, err := l.filter(ctx, q)
	if err != nil {
		return err
	}
	p := access.From(ctx)
	detail, _ := json.Marshal(map[string]any{"jurisdiction": q.JurisdictionID, "actor": q.ActorLogin, "action": q.Action,
		"from": q.From, "to": q.To})
	jurisdiction := p.JurisdictionID
	if err := l.db.Write(ctx, func(tx *Tx) error {
		return tx.Audit(ctx, audit.Event{JurisdictionID: jurisdiction, ActorID: p.UserID, ActorLogin: p.Login, IP: p.IP,
			Action: "audit.export", TargetKind: "audit", Detail: string(detail)})
	}); err != nil {
		return err
	}
	return l.db.scanAudit(ctx, f, fn)
}
