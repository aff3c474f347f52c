package store

import (
	"context"
	"fmt"
	"strings"

	"zugong/internal/access"
	"zugong/internal/appraisal"
	"zugong/internal/civil"
	"zugong/internal/fault"
)

const evidenceColumns = `id, person_id, kind, class, on_date, amount, in_place, progress, completed, score,
	document_no, attachment, reviewer, signed_on`

// scanEvidence reads one record in evidenceColumns order. The signed_on
// column is empty until sign-off, which civil.Date scans as the zero date.
func scanEvidence(s scanner, e *appraisal.Evidence, extra ...any) error {
	var kind string
	var amount, inPlace, progress, score int64
	dest := append([]any{&e.ID, &e.PersonID, &kind, &e.Class, &e.Date, &amount, &inPlace, &progress, &e.Completed, &score,
		&e.DocumentNo, &e.Attachment, &e.SignOff.Reviewer, &e.SignOff.On}, extra...)
	if err := s.Scan(dest...); err != nil {
		return normalize(err)
	}
	e.Kind = appraisal.Kind(kind)
	e.Amount, e.InPlace, e.Progress, e.Score = appraisal.Value(amount), appraisal.Value(inPlace), appraisal.Value(progress), appraisal.Value(score)
	return nil
}

// AddEvidence enters an evidence record for a cadre in the principal's
// scope. It is entered without a sign-off: the sign-off is another user's
// act (SignEvidence), so that nobody confirms their own entry.
func (s *AppraisalService) AddEvidence(ctx context.Context, in *appraisal.Evidence) (*appraisal.Evidence, error) {
	p, err := access.Require(ctx, access.AppraisalManage)
	if err != nil {
		return nil, err
	}
	e := *in
	e.ID, e.SignOff = NewID(), appraisal.SignOff{}
	e.DocumentNo, e.Attachment = strings.TrimSpace(e.DocumentNo), strings.TrimSpace(e.Attachment)
	if err := e.Validate(); err != nil {
		return nil, err
	}
	err = s.db.Write(ctx, func(tx *Tx) error {
		jur, err := s.cadreOf(ctx, tx.QueryRow, p, access.AppraisalManage, e.PersonID, "")
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO appraisal_evidence (jurisdiction_id, id, person_id, kind, class, on_date, amount,
			in_place, progress, completed, score, document_no, attachment, entered_by, created_at)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			jur, e.ID, e.PersonID, string(e.Kind), e.Class, e.Date, int64(e.Amount), int64(e.InPlace), int64(e.Progress),
			e.Completed, int64(e.Score), e.DocumentNo, e.Attachment, p.UserID, tx.Now().UnixMicro()); err != nil {
			return fmt.Errorf("insert evidence: %w", err)
		}
		return tx.Audit(ctx, appraisalAudit(p, jur, "appraisal.evidence.add", "appraisal_evidence", e.ID,
			map[string]any{"person": e.PersonID, "kind": e.Kind, "date": e.Date, "document_no": e.DocumentNo}))
	})
	if err != nil {
		return nil, err
	}
	return &e, nil
}

// SignEvidence records the principal's sign-off of a record on the day on.
// The user who entered a record may not sign it off, and a record is
// signed off once: it is never changed afterwards, so published results
// stay explainable from the records behind them.
func (s *AppraisalService) SignEvidence(ctx context.Context, id string, on civil.Date) (*appraisal.Evidence, error) {
	p, err := access.Require(ctx, access.AppraisalManage)
	if err != nil {
		return nil, err
	}
	var out appraisal.Evidence
	err = s.db.Write(ctx, func(tx *Tx) error {
		if !ValidID(id) {
			return fault.New(fault.NotFound, "error.not_found")
		}
		var jur, enteredBy string
		if err := scanEvidence(tx.QueryRow(ctx, `SELECT `+evidenceColumns+`, jurisdiction_id, entered_by
			FROM appraisal_evidence WHERE id = ?`, id), &out, &jur, &enteredBy); err != nil {
			return err
		}
		if _, err := s.cadreOf(ctx, tx.QueryRow, p, access.AppraisalManage, out.PersonID, jur); err != nil {
			return fault.New(fault.NotFound, "error.not_found")
		}
		switch {
		case out.SignOff.Done():
			return fault.New(fault.Conflict, "appraisal.evidence.signed_already")
		case enteredBy == p.UserID:
			return fault.New(fault.Conflict, "appraisal.evidence.own_entry")
		}
		out.SignOff = appraisal.SignOff{Reviewer: reviewerName(p), On: on}
		if err := out.Validate(); err != nil {
			return err
		}
		if err := tx.ExecOne(ctx, `UPDATE appraisal_evidence SET reviewer = ?, reviewer_id = ?, signed_on = ?, signed_at = ?
			WHERE jurisdiction_id = ? AND id = ? AND reviewer = ''`,
			out.SignOff.Reviewer, p.UserID, on, tx.Now().UnixMicro(), jur, id); err != nil {
			return err
		}
		return tx.Audit(ctx, appraisalAudit(p, jur, "appraisal.evidence.sign", "appraisal_evidence", id,
			map[string]any{"person": out.PersonID, "on": on}))
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// reviewerName is the name a sign-off shows: the user's name, else login.
func reviewerName(p *access.Principal) string {
	if p.Name != "" {
		return p.Name
	}
	return p.Login
}

// PersonEvidence lists a cadre's evidence records, newest first.
func (s *AppraisalService) PersonEvidence(ctx context.Context, personID string) ([]appraisal.Evidence, error) {
	p, err := access.Require(ctx, access.AppraisalRead)
	if err != nil {
		return nil, err
	}
	jur, err := s.cadreOf(ctx, s.db.QueryRow, p, access.AppraisalRead, personID, "")
	if err != nil {
		return nil, fault.New(fault.NotFound, "error.not_found")
	}
	return s.evidenceOf(ctx, jur, personID, 0)
}

// evidenceOf reads a person's records; signedBefore, when positive, keeps
// only those signed off at or before that instant (microseconds), the
// records a published result was computed from.
func (s *AppraisalService) evidenceOf(ctx context.Context, jurisdiction, personID string, signedBefore int64) ([]appraisal.Evidence, error) {
	q := `SELECT ` + evidenceColumns + ` FROM appraisal_evidence WHERE jurisdiction_id = ? AND person_id = ?`
	args := []any{jurisdiction, personID}
	if signedBefore > 0 {
		q += ` AND signed_at > 0 AND signed_at <= ?`
		args = append(args, signedBefore)
	}
	rows, err := s.db.Query(ctx, q+` ORDER BY on_date DESC, id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []appraisal.Evidence
	for rows.Next() {
		var e appraisal.Evidence
		if err := scanEvidence(rows, &e); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
