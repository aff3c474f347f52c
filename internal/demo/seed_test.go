package demo_test

import (
	"context"
	"testing"

	"zugong/internal/access"
	"zugong/internal/demo"
	"zugong/internal/org"
	"zugong/internal/store"
	"zugong/internal/store/storetest"
)

func TestSeedCounty(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		op := access.Operator("demo")
		ctx := access.With(context.Background(), op)
		orgs := demo.County(1, demo.DefaultCounty)
		if err := db.SeedOrgs(ctx, op, orgs); err != nil {
			t.Fatal(err)
		}
		all, err := db.Orgs().List(ctx, org.Filter{Limit: 1})
		if err != nil || all.Total != len(orgs) {
			t.Fatalf("list after seeding: %v, %v; want %d organisations", all, err, len(orgs))
		}

		s := demo.Summarize(orgs)
		want := 0
		for _, o := range orgs {
			if access.Covers(s.Township.Path, o.Path) {
				want++
			}
		}
		under, err := db.Orgs().List(ctx, org.Filter{Under: s.Township.ID, Limit: 1})
		if err != nil || under.Total != want {
			t.Fatalf("list under %s: %v, %v; want %d", s.Township.Name, under, err, want)
		}
		got, err := db.Orgs().Get(ctx, s.Branch.ID)
		if err != nil || got.Name != s.Branch.Name || got.PartyParentID != s.Branch.PartyParentID || got.FoundedOn != s.Branch.FoundedOn {
			t.Fatalf("get %s: %+v, %v", s.Branch.Name, got, err)
		}

		v, err := db.VerifyAudit(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(v.Findings) != 0 {
			t.Fatalf("audit findings after seeding: %+v", v.Findings)
		}
	})
}
