package app

import (
	"context"
	"fmt"

	"zugong/internal/access"
	"zugong/internal/demo"
	"zugong/internal/org"
	"zugong/internal/store"
)

// seedAppraisal generates, for the cadres of each county of orgs, last
// year's appraisal scheme with their evidence, and publishes its ranking.
func (a *App) seedAppraisal(ctx context.Context, orgs []org.Org) error {
	opCtx := access.With(ctx, access.Operator("demo"))
	for i := range orgs {
		county := &orgs[i]
		if county.Kind != org.County {
			continue
		}
		cadres, err := a.demoTrainees(ctx, county.ID)
		if err != nil {
			return err
		}
		if len(cadres) == 0 {
			continue
		}
		members := make([]demo.AppraisalCadre, len(cadres))
		for j, c := range cadres {
			members[j] = demo.AppraisalCadre{PersonID: c.PersonID, Rank: c.Rank}
		}
		d := demo.GenerateAppraisal(members, uint64(i+1))
		sc, err := a.Appraisal.SaveScheme(opCtx, county.ID, &d.Scheme)
		if err != nil {
			return fmt.Errorf("seed the appraisal of %s: %w", county.Name, err)
		}
		ms := make([]store.AppraisalMember, len(d.Members))
		for j, m := range d.Members {
			ms[j] = store.AppraisalMember(m)
		}
		if err := a.Appraisal.SeedAppraisal(opCtx, sc.ID, ms, d.Evidence); err != nil {
			return fmt.Errorf("seed the appraisal of %s: %w", county.Name, err)
		}
		if _, err := a.Appraisal.Recompute(opCtx, sc.ID); err != nil {
			return fmt.Errorf("rank the appraisal of %s: %w", county.Name, err)
		}
	}
	return nil
}
