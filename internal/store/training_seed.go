package store

import (
	"context"
	"fmt"

	"zugong/internal/access"
	"zugong/internal/training"
)

// SeedTraining writes a generated year of training — programmes,
// enrolments, self-reports and the credits they earned — in one
// transaction, as the demo seeding does for organisations: the records
// come whole from the generator, which applied the training rules, and one
// audit event records the seeding.
func (s *TrainingService) SeedTraining(ctx context.Context, p *access.Principal, jurisdiction string,
	programmes []training.Programme, enrolments []training.Enrolment, reports []training.SelfReport, credits []training.Credit) error {
	return s.db.Write(ctx, func(tx *Tx) error {
		for i := range programmes {
			pr := &programmes[i]
			o, err := s.db.Orgs().load(ctx, tx.QueryRow, pr.OrgID)
			if err != nil {
				return fmt.Errorf("programme %q: %w", pr.Title, err)
			}
			pr.Version = 1
			if err := s.insertProgramme(ctx, tx, pr, o.Path); err != nil {
				return err
			}
		}
		for i := range enrolments {
			e := enrolments[i]
			e.Version = 0
			if err := s.putEnrolment(ctx, tx, &e); err != nil {
				return fmt.Errorf("enrolment %d: %w", i, err)
			}
		}
		now := tx.Now().UnixMicro()
		for _, r := range reports {
			if _, err := tx.Exec(ctx, `INSERT INTO training_reports (`+reportColumns+`, created_at, updated_at)
				VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`, r.JurisdictionID, r.ID, r.PersonID, string(r.Kind), r.Title,
				r.Provider, r.Start, r.End, int64(r.Hours), r.Days, r.Evidence, r.CountsTowardQuota, string(r.Status),
				r.UnitReviewer, r.UnitReviewedOn, r.DeptReviewer, r.DeptReviewedOn, r.RejectReason, 1, now, now); err != nil {
				return fmt.Errorf("report %s: %w", r.ID, err)
			}
		}
		for _, c := range credits {
			if err := insertCredit(ctx, tx, jurisdiction, c); err != nil {
				return err
			}
		}
		return tx.Audit(ctx, trainingAudit(p, jurisdiction, "training.seed", "training_programmes", jurisdiction,
			map[string]any{"programmes": len(programmes), "enrolments": len(enrolments), "reports": len(reports), "credits": len(credits)}))
	})
}
