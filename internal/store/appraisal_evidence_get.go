package store

import (
	"context"

	"zugong/internal/access"
	"zugong/internal/appraisal"
	"zugong/internal/fault"
)

// Evidence returns one evidence record. Its scope is its cadre's, checked
// as SignEvidence checks it but for reading: a record whose cadre is out of
// the principal's scope, or of another jurisdiction, is not found, so that
// a caller about to act on a record learns nothing of one it may not see.
func (s *AppraisalService) Evidence(ctx context.Context, id string) (*appraisal.Evidence, error) {
	p, err := access.Require(ctx, access.AppraisalRead)
	if err != nil {
		return nil, err
	}
	if !ValidID(id) {
		return nil, fault.New(fault.NotFound, "error.not_found")
	}
	var e appraisal.Evidence
	var jur string
	if err := scanEvidence(s.db.QueryRow(ctx, `SELECT `+evidenceColumns+`, jurisdiction_id FROM appraisal_evidence WHERE id = ?`, id),
		&e, &jur); err != nil {
		return nil, err
	}
	if _, err := s.cadreOf(ctx, s.db.QueryRow, p, access.AppraisalRead, e.PersonID, jur); err != nil {
		return nil, fault.New(fault.NotFound, "error.not_found")
	}
	return &e, nil
}
