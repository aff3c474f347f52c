package demo_test

import (
	"context"
	"slices"
	"testing"

	"zugong/internal/access"
	"zugong/internal/demo"
	"zugong/internal/person"
	"zugong/internal/selection"
	"zugong/internal/store"
	"zugong/internal/store/storetest"
	"zugong/internal/workday"
)

// TestSelectionPlansFollowTheRules applies every plan's steps as the
// domain would: each is accepted, and the plans stand at five different
// stages.
func TestSelectionPlansFollowTheRules(t *testing.T) {
	orgs := demo.County(1, demo.DefaultCounty)
	sum := demo.Summarize(orgs)
	plans := demo.Selections(sum.County, orgs, []string{"p1", "p2", "p3", "p4"})
	if len(plans) != 5 {
		t.Fatalf("plans: got %d, want 5", len(plans))
	}
	cal, err := workday.New()
	if err != nil {
		t.Fatal(err)
	}
	var stages []selection.Stage
	for _, p := range plans {
		sel := &selection.Selection{ID: "x", OrgID: p.OrgID, Post: p.Post}
		for _, st := range append([]selection.Step{p.Motion}, p.Steps...) {
			if err := sel.Apply(st, cal); err != nil {
				t.Fatalf("%s, %s: %v", p.Post, st.Stage(), err)
			}
		}
		for _, o := range p.Objections {
			o.ID = "o1"
			if err := sel.Object(o); err != nil {
				t.Fatalf("%s, objection: %v", p.Post, err)
			}
		}
		stages = append(stages, sel.Stage())
	}
	want := []selection.Stage{selection.StageProbation, selection.StageAppointment, selection.StagePublicity,
		selection.StageInspection, selection.StageMotion}
	if !slices.Equal(stages, want) {
		t.Errorf("stages: got %v, want %v", stages, want)
	}
	if got := demo.Selections(sum.County, orgs, []string{"p1"}); got != nil {
		t.Errorf("plans with one cadre: got %d, want none (no margin possible)", len(got))
	}
}

// TestRecordSelections records the plans of the demo county through the
// store, with cadres of its registry: the registry's checks (organ,
// candidates, dossier audit) accept them.
func TestRecordSelections(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		op := access.Operator("demo")
		ctx := access.With(context.Background(), op)
		orgs := demo.County(1, demo.DefaultCounty)
		if err := db.SeedOrgs(ctx, op, orgs); err != nil {
			t.Fatal(err)
		}
		sum := demo.Summarize(orgs)
		gen := demo.GeneratePeople(orgs, demo.PeopleSpec{Cadres: 12, FlawEvery: 3}, 1)
		if _, err := db.People().Import(ctx, sum.County.ID, gen.Dossiers); err != nil {
			t.Fatal(err)
		}
		page, err := db.People().List(ctx, person.Filter{Facet: person.FacetCadre, Sort: "name", Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		var cadres []string
		for _, s := range page.Items {
			cadres = append(cadres, s.ID)
		}
		n, err := demo.RecordSelections(ctx, db.Selections(), demo.Selections(sum.County, orgs, cadres))
		if err != nil || n != 5 {
			t.Fatalf("recorded %d selections, %v; want 5", n, err)
		}
		list, err := db.Selections().List(ctx, "", selection.StagePublicity)
		if err != nil || len(list) != 1 || len(list[0].Publicity.Objections) != 1 {
			t.Fatalf("in publicity: %d selections, %v; want one with its objection", len(list), err)
		}
	})
}
