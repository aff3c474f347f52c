package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"zugong/internal/audit"
	"zugong/internal/fault"
	"zugong/internal/vault"
)

// chainHead is the head of one jurisdiction's chain as this transaction has
// advanced it.
type chainHead struct {
	seq  int64
	hash string
}

// Audit appends e to its jurisdiction's chain inside the transaction. The
// head row is locked for the rest of the transaction, so chains of different
// jurisdictions never wait for each other.
func (tx *Tx) Audit(ctx context.Context, e audit.Event) error {
	if e.JurisdictionID == "" {
		e.JurisdictionID = audit.SystemJurisdiction
	}
	head, err := tx.head(ctx, e.JurisdictionID)
	if err != nil {
		return err
	}
	if e.ID == "" {
		e.ID = NewID()
	}
	if e.At.IsZero() {
		e.At = tx.Now()
	}
	if e.Outcome == "" {
		e.Outcome = audit.Success
	}
	if e.Detail == "" {
		e.Detail = "{}"
	}
	e.Seq = head.seq + 1
	audit.Link(tx.db.chainMAC, head.hash, &e)
	if _, err := tx.Exec(ctx, `INSERT INTO audit_events (jurisdiction_id, seq, id, at, actor_id, actor_login, ip, action,
		target_kind, target_id, outcome, detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		e.JurisdictionID, e.Seq, e.ID, e.At.UnixMicro(), e.ActorID, e.ActorLogin, e.IP, e.Action,
		e.TargetKind, e.TargetID, string(e.Outcome), e.Detail, e.PrevHash, e.Hash); err != nil {
		return fmt.Errorf("append audit event: %w", err)
	}
	if _, err := tx.Exec(ctx, `UPDATE audit_heads SET seq = ?, hash = ? WHERE jurisdiction_id = ?`, e.Seq, e.Hash, e.JurisdictionID); err != nil {
		return fmt.Errorf("advance audit head: %w", err)
	}
	head.seq, head.hash = e.Seq, e.Hash
	tx.audited++
	return nil
}

func (tx *Tx) head(ctx context.Context, jurisdiction string) (*chainHead, error) {
	if h, ok := tx.heads[jurisdiction]; ok {
		return h, nil
	}
	if _, err := tx.Exec(ctx, `INSERT INTO audit_heads (jurisdiction_id, seq, hash) VALUES (?, 0, '')
		ON CONFLICT (jurisdiction_id) DO NOTHING`, jurisdiction); err != nil {
		return nil, fmt.Errorf("create audit head: %w", err)
	}
	h := &chainHead{}
	if err := tx.QueryRow(ctx, `SELECT seq, hash FROM audit_heads WHERE jurisdiction_id = ?`+tx.db.dialect.ForUpdate(),
		jurisdiction).Scan(&h.seq, &h.hash); err != nil {
		return nil, fmt.Errorf("lock audit head: %w", normalize(err))
	}
	tx.heads[jurisdiction] = h
	return h, nil
}

func (db *DB) chainMAC(b []byte) []byte { return db.vault.MAC(vault.AuditChain, b) }

// VerifyAudit walks every chain in order and reports each break.
func (db *DB) VerifyAudit(ctx context.Context) (*audit.Verifier, error) {
	v := audit.NewVerifier(db.chainMAC)
	heads, err := db.auditHeads(ctx)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, h := range heads {
		seen[h.JurisdictionID] = true
		var lastSeq int64
		var lastHash string
		err := db.scanAudit(ctx, AuditFilter{JurisdictionID: h.JurisdictionID}, func(e audit.Event) error {
			v.Next(e)
			lastSeq, lastHash = e.Seq, e.Hash
			return nil
		})
		if err != nil {
			return nil, err
		}
		v.End(h, lastSeq, lastHash)
	}
	// Events of a jurisdiction whose head row was removed are orphans.
	rows, err := db.Query(ctx, `SELECT DISTINCT jurisdiction_id FROM audit_events`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var j string
		if err := rows.Scan(&j); err != nil {
			return nil, err
		}
		if !seen[j] {
			v.Findings = append(v.Findings, audit.Finding{JurisdictionID: j, Problem: audit.Truncated})
		}
	}
	return v, rows.Err()
}

func (db *DB) auditHeads(ctx context.Context) ([]audit.Head, error) {
	rows, err := db.Query(ctx, `SELECT jurisdiction_id, seq, hash FROM audit_heads ORDER BY jurisdiction_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []audit.Head
	for rows.Next() {
		var h audit.Head
		if err := rows.Scan(&h.JurisdictionID, &h.Seq, &h.Hash); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// AuditFilter selects audit events. Zero fields do not filter.
type AuditFilter struct {
	JurisdictionID string
	// Jurisdictions restricts to these chains (an audit admin's scope).
	Jurisdictions []string
	ActorLogin    string
	Action        string
	Outcome       audit.Outcome
	From, To      time.Time
}

// scanAudit streams matching events in chain order.
func (db *DB) scanAudit(ctx context.Context, f AuditFilter, fn func(audit.Event) error) error {
	where, args := f.where()
	rows, err := db.Query(ctx, `SELECT jurisdiction_id, seq, id, at, actor_id, actor_login, ip, action, target_kind,
		target_id, outcome, detail, prev_hash, hash FROM audit_events`+where+` ORDER BY jurisdiction_id, seq`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanAuditEvent(rows)
		if err != nil {
			return err
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ExportAudit streams the events matching f, in chain order, to fn.
func (db *DB) ExportAudit(ctx context.Context, f AuditFilter, fn func(audit.Event) error) error {
	return db.scanAudit(ctx, f, fn)
}

func (f AuditFilter) where() (string, []any) {
	var conds []string
	var args []any
	if f.JurisdictionID != "" {
		conds = append(conds, "jurisdiction_id = ?")
		args = append(args, f.JurisdictionID)
	}
	if len(f.Jurisdictions) > 0 {
		conds = append(conds, "jurisdiction_id IN ("+placeholders(len(f.Jurisdictions))+")")
		for _, j := range f.Jurisdictions {
			args = append(args, j)
		}
	}
	if f.ActorLogin != "" {
		conds = append(conds, "actor_login = ?")
		args = append(args, f.ActorLogin)
	}
	if f.Action != "" {
		conds = append(conds, "action = ?")
		args = append(args, f.Action)
	}
	if f.Outcome != "" {
		conds = append(conds, "outcome = ?")
		args = append(args, string(f.Outcome))
	}
	if !f.From.IsZero() {
		conds = append(conds, "at >= ?")
		args = append(args, f.From.UnixMicro())
	}
	if !f.To.IsZero() {
		conds = append(conds, "at < ?")
		args = append(args, f.To.UnixMicro())
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

type scanner interface{ Scan(dest ...any) error }

func scanAuditEvent(s scanner) (audit.Event, error) {
	var e audit.Event
	var at int64
	var outcome string
	err := s.Scan(&e.JurisdictionID, &e.Seq, &e.ID, &at, &e.ActorID, &e.ActorLogin, &e.IP, &e.Action,
		&e.TargetKind, &e.TargetID, &outcome, &e.Detail, &e.PrevHash, &e.Hash)
	if err != nil {
		return e, fmt.Errorf("scan audit event: %w", err)
	}
	e.At = time.UnixMicro(at).UTC()
	e.Outcome = audit.Outcome(outcome)
	return e, nil
}

// NewID returns a time-ordered UUID (version 7): generated in Go, so no
// engine sequence is needed, and ordered, so inserts stay local in B-trees.
func NewID() string { return uuid.Must(uuid.NewV7()).String() }

// ValidID reports whether s has the shape of an ID, so that a malformed ID in
// a URL is a 404 without a query.
func ValidID(s string) bool {
	_, err := uuid.Parse(s)
	return err == nil && len(s) == 36
}

var errBadID = fault.New(fault.NotFound, "error.not_found")
