package app

import (
	"context"
	"fmt"

	"zugong/internal/access"
	"zugong/internal/demo"
	"zugong/internal/org"
)

// SeedDevelopment generates and writes, for the cadres of each county of
// orgs, a year of training and the county's secondments, as the operator.
func (a *App) SeedDevelopment(ctx context.Context, orgs []org.Org) error {
	op := access.Operator("demo")
	opCtx := access.With(ctx, op)
	for i := range orgs {
		county := &orgs[i]
		if county.Kind != org.County {
			continue
		}
		var tree, townships []org.Org
		for _, o := range orgs {
			if o.JurisdictionID == county.ID {
				tree = append(tree, o)
				if o.Kind == org.Township {
					townships = append(townships, o)
				}
			}
		}
		cadres, err := a.demoTrainees(ctx, county.ID)
		if err != nil {
			return err
		}
		if len(cadres) == 0 {
			continue
		}
		t := demo.GenerateTraining(county, townships, cadres, demo.AsOf(), uint64(i+1))
		if err := a.Training.SeedTraining(ctx, op, county.ID, t.Programmes, t.Enrolments, t.Reports, t.Credits); err != nil {
			return fmt.Errorf("seed the training of %s: %w", county.Name, err)
		}
		for _, sec := range demo.Secondments(tree, cadres, demo.AsOf(), uint64(i+1)) {
			if _, err := a.Secondments.Save(opCtx, &sec); err != nil {
				return fmt.Errorf("seed the secondments of %s: %w", county.Name, err)
			}
		}
	}
	return nil
}

// demoTrainees lists the cadres of a county as registered.
func (a *App) demoTrainees(ctx context.Context, jurisdiction string) ([]demo.Trainee, error) {
	rows, err := a.DB.Query(ctx, `SELECT id, org_id, org_path, post_rank FROM people WHERE jurisdiction_id = ? AND is_cadre = ? ORDER BY id`,
		jurisdiction, true)
	if err != nil {
		return nil, fmt.Errorf("list the demo cadres: %w", err)
	}
	defer rows.Close()
	var out []demo.Trainee
	for rows.Next() {
		var t demo.Trainee
		if err := rows.Scan(&t.PersonID, &t.OrgID, &t.OrgPath, &t.Rank); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
