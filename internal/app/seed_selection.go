package app

import (
	"context"
	"fmt"

	"zugong/internal/access"
	"zugong/internal/demo"
	"zugong/internal/org"
	"zugong/internal/person"
)

// seedSelections records the demo county's selections at their different
// stages, with candidates from its cadres.
func (a *App) seedSelections(ctx context.Context, county org.Org, orgs []org.Org) error {
	if county.ID == "" {
		return nil
	}
	dctx := access.With(ctx, access.Operator("demo"))
	pg, err := a.People.List(dctx, person.Filter{Under: county.ID, Facet: person.FacetCadre, Sort: "name", Limit: 10, SkipTotal: true})
	if err != nil {
		return fmt.Errorf("demo selections: %w", err)
	}
	if len(pg.Items) == 0 {
		return nil
	}
	var cadres []string
	for _, p := range pg.Items {
		cadres = append(cadres, p.ID)
	}
	if _, err := demo.RecordSelections(dctx, a.Selections, demo.Selections(county, orgs, cadres)); err != nil {
		return fmt.Errorf("demo selections: %w", err)
	}
	return nil
}
