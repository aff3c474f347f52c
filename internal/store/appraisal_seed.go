package store

import (
	"context"
	"fmt"
	"strings"

	"zugong/internal/access"
	"zugong/internal/appraisal"
	"zugong/internal/fault"
)

// AppraisalMember is a cadre a scheme ranks and the peer group compared with them.
type AppraisalMember struct {
	PersonID string
	Group    string
}

// appraisalSeedBatch is the number of rows one seeding INSERT writes.
const appraisalSeedBatch = 500

// SeedAppraisal adds members and evidence to a scheme in bulk, for the
// demo and the benchmarks: members and records (signed-off ones with their
// sign-off, signed now; records without an ID get one) are written in
// multi-row INSERTs in one transaction, and one audit event records the
// load. It is the operator's tool, not an entry path: records are
// validated, but nobody's scope is checked person by person, and a member
// already in the scheme is refused.
func (s *AppraisalService) SeedAppraisal(ctx context.Context, schemeID string, members []AppraisalMember,
	evidence []appraisal.Evidence) error {
	p, err := access.Require(ctx, access.AppraisalManage)
	if err != nil {
		return err
	}
	if !p.Operator {
		return fault.New(fault.Forbidden, "error.forbidden")
	}
	for i := range evidence {
		if evidence[i].ID == "" {
			evidence[i].ID = NewID()
		}
		if err := evidence[i].Validate(); err != nil {
			return fmt.Errorf("evidence %d: %w", i, err)
		}
	}
	err = s.db.Write(ctx, func(tx *Tx) error {
		row, err := s.loadScheme(ctx, tx.QueryRow, schemeID, 0)
		if err != nil {
			return err
		}
		saved := &row.Scheme
		jur := row.jurisdiction
		for _, q := range tx.db.dialect.BulkSettings() {
			if _, err := tx.Exec(ctx, q); err != nil {
				return err
			}
		}
		err = bulkInsert(ctx, tx, `INSERT INTO appraisal_members (jurisdiction_id, scheme_id, person_id, peer_group) VALUES `, 4,
			len(members), func(i int, args []any) []any {
				return append(args, jur, saved.ID, members[i].PersonID, members[i].Group)
			})
		if err != nil {
			return fmt.Errorf("seed members: %w", err)
		}
		now := tx.Now().UnixMicro()
		err = bulkInsert(ctx, tx, `INSERT INTO appraisal_evidence (jurisdiction_id, id, person_id, kind, class, on_date, amount,
			in_place, progress, completed, score, document_no, attachment, entered_by, reviewer, reviewer_id, signed_on, signed_at,
			created_at) VALUES `, 19, len(evidence), func(i int, args []any) []any {
			e := &evidence[i]
			var signedAt int64
			if e.SignOff.Done() {
				signedAt = now
			}
			return append(args, jur, e.ID, e.PersonID, string(e.Kind), e.Class, e.Date, int64(e.Amount), int64(e.InPlace),
				int64(e.Progress), e.Completed, int64(e.Score), e.DocumentNo, e.Attachment, p.UserID, e.SignOff.Reviewer,
				"", e.SignOff.On, signedAt, now)
		})
		if err != nil {
			return fmt.Errorf("seed evidence: %w", err)
		}
		return tx.Audit(ctx, appraisalAudit(p, jur, "appraisal.seed", "appraisal_schemes", saved.ID,
			map[string]any{"members": len(members), "evidence": len(evidence)}))
	})
	if err != nil {
		return err
	}
	// A load that grows the tables many times over leaves PostgreSQL's
	// planner with the figures of the empty tables.
	return s.db.analyze(ctx, "appraisal_members", "appraisal_evidence")
}

// bulkInsert writes n rows of width columns with the INSERT prefix head,
// appraisalSeedBatch rows a statement; row appends the arguments of row i.
func bulkInsert(ctx context.Context, tx *Tx, head string, width, n int, row func(i int, args []any) []any) error {
	tuple := "(" + placeholders(width) + ")"
	args := make([]any, 0, width*appraisalSeedBatch)
	for start := 0; start < n; start += appraisalSeedBatch {
		end := min(start+appraisalSeedBatch, n)
		args = args[:0]
		for i := start; i < end; i++ {
			args = row(i, args)
		}
		if _, err := tx.Exec(ctx, head+strings.Repeat(tuple+", ", end-start-1)+tuple, args...); err != nil {
			return err
		}
	}
	return nil
}
