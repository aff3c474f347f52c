package store_test

import (
	"context"
	"testing"

	"zugong/internal/access"
	"zugong/internal/appraisal"
	"zugong/internal/civil"
	"zugong/internal/demo"
	"zugong/internal/fault"
	"zugong/internal/org"
	"zugong/internal/store"
	"zugong/internal/store/storetest"
)

// staffAs is a county-staff principal over o with its own user ID, so that
// two of them can enter and sign off each other's records.
func staffAs(userID string, o *org.Org) context.Context {
	p := &access.Principal{UserID: userID, Login: userID, Name: userID,
		Grants: []access.Grant{{Role: access.CountyStaff, ScopeOrgID: o.ID, ScopePath: o.Path, JurisdictionID: o.JurisdictionID}}}
	return access.With(context.Background(), p)
}

// smallScheme scores completed projects (linear), cases closed (ranked)
// and provincial awards (bonus), with a sanction veto.
func smallScheme() *appraisal.Scheme {
	return &appraisal.Scheme{Name: "2025 乡镇副职", Group: appraisal.GroupTownshipDeputies,
		Period: appraisal.Period{From: date("2025-01-01"), To: date("2025-12-31")},
		Indicators: []appraisal.Indicator{
			{Code: "P1", Name: "项目竣工", Orientation: appraisal.OrientProjects, Weight: 60_00, Direction: appraisal.HigherBetter,
				Method: appraisal.Linear, Target: 3 * appraisal.One, Measure: appraisal.MeasureProjectsCompleted},
			{Code: "D1", Name: "办结案件", Orientation: appraisal.OrientDevelopment, Weight: 40_00, Direction: appraisal.HigherBetter,
				Method: appraisal.Ranked, Measure: appraisal.MeasureCasesClosed},
		},
		Bonuses: []appraisal.Item{{Code: "B1", Name: "省级表彰", Kind: appraisal.KindAward, Class: "provincial", Per: 2_00, Cap: 4_00}},
		Vetoes:  []appraisal.Veto{{Code: "V1", Name: "处分", Kind: appraisal.KindSanction, Cap: "basic"}},
	}
}

// signed enters a record as one user and signs it off as another.
func signed(t *testing.T, s *store.AppraisalService, enter, sign context.Context, e appraisal.Evidence) appraisal.Evidence {
	t.Helper()
	got, err := s.AddEvidence(enter, &e)
	if err != nil {
		t.Fatalf("add %s: %v", e.Kind, err)
	}
	out, err := s.SignEvidence(sign, got.ID, e.Date.AddDays(2))
	if err != nil {
		t.Fatalf("sign %s: %v", e.Kind, err)
	}
	return *out
}

func record(personID string, kind appraisal.Kind, day string) appraisal.Evidence {
	return appraisal.Evidence{PersonID: personID, Kind: kind, Date: date(day), DocumentNo: "正考〔2025〕1号"}
}

// checkSums fails unless every part list adds up to its total.
func checkSums(t *testing.T, rk *appraisal.Ranking) {
	t.Helper()
	for _, r := range rk.Results {
		var sum appraisal.Points
		for _, p := range r.Parts {
			sum += p
		}
		if sum != r.Total {
			t.Errorf("%s: parts add up to %s, want the total %s", r.PersonID, sum, r.Total)
		}
	}
}

func TestAppraisalRecomputeCountsSignedEvidenceOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tr, _ := buildTree(t, db)
		s := db.Appraisal()
		clerk, reviewer := staffAs("clerk", tr.county), staffAs("reviewer", tr.county)
		zhang := cadre(t, clerk, db, tr.villageA, "张三", "19800101", "011", "副科级")
		li := cadre(t, clerk, db, tr.villageB, "李四", "19810101", "013", "副科级")
		wang := cadre(t, clerk, db, tr.villageB, "王五", "19820101", "015", "副科级")
		sc, err := s.SaveScheme(clerk, tr.county.ID, smallScheme())
		if err != nil {
			t.Fatal(err)
		}
		if err := s.AddMembers(clerk, sc.ID, "deputies", []string{zhang, li, wang}); err != nil {
			t.Fatal(err)
		}
		for range 3 {
			p := record(zhang, appraisal.KindProject, "2025-05-01")
			p.Completed, p.Progress = true, 100*appraisal.One
			signed(t, s, clerk, reviewer, p)
		}
		signed(t, s, clerk, reviewer, record(zhang, appraisal.KindCaseClosed, "2025-06-01"))
		signed(t, s, clerk, reviewer, record(li, appraisal.KindCaseClosed, "2025-06-01"))
		signed(t, s, clerk, reviewer, record(li, appraisal.KindCaseClosed, "2025-07-01"))
		award := record(li, appraisal.KindAward, "2025-08-01")
		award.Class = "provincial"
		signed(t, s, clerk, reviewer, award)
		// Wang's completed projects are entered but never signed off.
		for range 3 {
			p := record(wang, appraisal.KindProject, "2025-05-01")
			p.Completed, p.Progress = true, 100*appraisal.One
			if _, err := s.AddEvidence(clerk, &p); err != nil {
				t.Fatal(err)
			}
		}

		n, err := s.Recompute(clerk, sc.ID)
		if err != nil || n != 3 {
			t.Fatalf("recompute: got %d, %v; want 3 cadres ranked", n, err)
		}
		rk, total, err := s.Ranking(reviewer, sc.ID, "deputies", 0, 10)
		if err != nil || total != 3 {
			t.Fatalf("ranking: got %d cadres, %v; want 3", total, err)
		}
		checkSums(t, rk)
		got := map[string]appraisal.Points{}
		for _, r := range rk.Results {
			got[r.PersonID] = r.Total
		}
		// Zhang: 60 for three projects + 20 for the middle case count;
		// Li: 40 for the most cases + 2 bonus; Wang: nothing counted.
		want := map[string]appraisal.Points{zhang: 80_00, li: 42_00, wang: 0}
		for id, w := range want {
			if got[id] != w {
				t.Errorf("total of %s: got %s, want %s", id, got[id], w)
			}
		}
		if rk.Results[0].PersonID != zhang || rk.Results[0].Rank != 1 {
			t.Errorf("first place: got %s rank %d, want 张三 rank 1", rk.Results[0].PersonID, rk.Results[0].Rank)
		}
		if len(events(t, db, "appraisal.recompute")) != 1 {
			t.Errorf("recompute was not audited once")
		}
	})
}

func TestAppraisalSignOff(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tr, _ := buildTree(t, db)
		s := db.Appraisal()
		clerk, reviewer := staffAs("clerk", tr.county), staffAs("reviewer", tr.county)
		zhang := cadre(t, clerk, db, tr.villageA, "张三", "19800101", "011", "副科级")
		e, err := s.AddEvidence(clerk, ptr(record(zhang, appraisal.KindAward, "2025-03-01")))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.SignEvidence(clerk, e.ID, date("2025-03-05")); !fault.Is(err, fault.Conflict) {
			t.Errorf("signing one's own entry: got %v, want a conflict", err)
		}
		if _, err := s.SignEvidence(reviewer, e.ID, date("2025-02-01")); !fault.Is(err, fault.Invalid) {
			t.Errorf("signing before the record's date: got %v, want invalid input", err)
		}
		if _, err := s.SignEvidence(reviewer, e.ID, date("2025-03-05")); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SignEvidence(reviewer, e.ID, date("2025-03-06")); !fault.Is(err, fault.Conflict) {
			t.Errorf("signing twice: got %v, want a conflict", err)
		}
		if _, err := s.AddEvidence(clerk, ptr(appraisal.Evidence{PersonID: zhang, Kind: "login_days", Date: date("2025-03-01"),
			DocumentNo: "x"})); !fault.Is(err, fault.Invalid) {
			t.Errorf("app activity as evidence: got %v, want invalid input", err)
		}
	})
}

func ptr[T any](v T) *T { return &v }

func TestAppraisalScope(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tr, _ := buildTree(t, db)
		s := db.Appraisal()
		clerk := staffAs("clerk", tr.county)
		zhang := cadre(t, clerk, db, tr.villageA, "张三", "19800101", "011", "副科级")
		li := cadre(t, clerk, db, tr.villageB, "李四", "19810101", "013", "副科级")
		sc, err := s.SaveScheme(clerk, tr.county.ID, smallScheme())
		if err != nil {
			t.Fatal(err)
		}
		townA := organiserOf(tr.townA)
		if _, err := s.AddEvidence(townA, ptr(record(zhang, appraisal.KindAward, "2025-03-01"))); !fault.Is(err, fault.Forbidden) {
			t.Errorf("organiser entering evidence: got %v, want forbidden (read only)", err)
		}
		if _, err := s.Scheme(townA, sc.ID); !fault.Is(err, fault.NotFound) {
			t.Errorf("organiser reading a county scheme: got %v, want not found", err)
		}
		townStaff := staffAs("town-a-staff", tr.townA)
		if _, err := s.AddEvidence(townStaff, ptr(record(li, appraisal.KindAward, "2025-03-01"))); !fault.Is(err, fault.Invalid) {
			t.Errorf("evidence for a cadre of another township: got %v, want the person field not found", err)
		}
		if _, err := s.AddEvidence(townStaff, ptr(record(zhang, appraisal.KindAward, "2025-03-01"))); err != nil {
			t.Errorf("evidence for a cadre in scope: %v", err)
		}
		if _, err := s.PersonEvidence(townStaff, li); !fault.Is(err, fault.NotFound) {
			t.Errorf("reading evidence out of scope: got %v, want not found", err)
		}
		if err := s.AddMembers(townStaff, sc.ID, "g", []string{zhang}); !fault.Is(err, fault.NotFound) {
			t.Errorf("changing a county scheme from a township: got %v, want not found", err)
		}
		names, err := s.PersonNames(townStaff, []string{zhang, li})
		if err != nil || names[zhang] != "张三" || names[li] != "" {
			t.Errorf("names in scope: got %v, %v; want only 张三", names, err)
		}
	})
}

func TestAppraisalSchemeVersions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tr, _ := buildTree(t, db)
		s := db.Appraisal()
		clerk := staffAs("clerk", tr.county)
		v1, err := s.SaveScheme(clerk, tr.county.ID, smallScheme())
		if err != nil {
			t.Fatal(err)
		}
		next := *v1
		next.Indicators = append([]appraisal.Indicator(nil), v1.Indicators...)
		next.Indicators[0].Weight, next.Indicators[1].Weight = 50_00, 50_00
		v2, err := s.SaveScheme(clerk, tr.county.ID, &next)
		if err != nil || v2.Version != 2 || v2.ID != v1.ID {
			t.Fatalf("revision: got %+v, %v; want version 2 of the same scheme", v2, err)
		}
		list, err := s.Schemes(clerk)
		if err != nil || len(list) != 1 || list[0].Version != 2 {
			t.Fatalf("list: got %d schemes, %v; want the latest version only", len(list), err)
		}
		bad := *v2
		bad.Indicators = append([]appraisal.Indicator(nil), v2.Indicators...)
		bad.Indicators[0].Weight = 10_00
		if _, err := s.SaveScheme(clerk, tr.county.ID, &bad); !fault.Is(err, fault.Invalid) {
			t.Errorf("weights not adding up: got %v, want invalid input", err)
		}
	})
}

// TestAppraisalDemoExplanationsAddUp seeds a demo county's cadres with the
// demo evidence, publishes the ranking and checks, for every cadre, that
// the explanation's lines add up to the published total, and that a
// what-if with the same weights moves nobody.
func TestAppraisalDemoExplanationsAddUp(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := access.With(context.Background(), access.Operator("test"))
		orgs := demo.County(1, demo.DefaultCounty)
		if err := db.SeedOrgs(ctx, access.Operator("test"), orgs); err != nil {
			t.Fatal(err)
		}
		gen := demo.GeneratePeople(orgs, demo.PeopleSpec{Cadres: 90, PartyMembers: 80}, 1)
		if _, err := db.People().Import(ctx, orgs[0].ID, gen.Dossiers); err != nil {
			t.Fatal(err)
		}
		rows, err := db.Query(ctx, `SELECT id, post_rank FROM people WHERE is_cadre ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		var cadres []demo.AppraisalCadre
		for rows.Next() {
			var c demo.AppraisalCadre
			if err := rows.Scan(&c.PersonID, &c.Rank); err != nil {
				t.Fatal(err)
			}
			cadres = append(cadres, c)
		}
		rows.Close()
		d := demo.GenerateAppraisal(cadres, 1)
		members := make([]store.AppraisalMember, len(d.Members))
		for i, m := range d.Members {
			members[i] = store.AppraisalMember{PersonID: m.PersonID, Group: m.Group}
		}
		s := db.Appraisal()
		sc, err := s.SaveScheme(ctx, orgs[0].ID, &d.Scheme)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SeedAppraisal(ctx, sc.ID, members, d.Evidence); err != nil {
			t.Fatal(err)
		}
		if n, err := s.Recompute(ctx, sc.ID); err != nil || n != len(cadres) {
			t.Fatalf("recompute: got %d, %v; want %d", n, err, len(cadres))
		}
		groups, err := s.Groups(ctx, sc.ID)
		if err != nil || len(groups) == 0 {
			t.Fatalf("groups: %v, %v", groups, err)
		}
		explained := 0
		for _, g := range groups {
			rk, _, err := s.Ranking(ctx, sc.ID, g, 0, 500)
			if err != nil {
				t.Fatal(err)
			}
			checkSums(t, rk)
			for _, r := range rk.Results {
				x, _, err := s.Explain(ctx, sc.ID, r.PersonID)
				if err != nil {
					t.Fatalf("explain %s: %v", r.PersonID, err)
				}
				var sum appraisal.Points
				for _, l := range x.Lines {
					sum += l.Points
				}
				if sum != x.Total || x.Total != r.Total || x.Rank != r.Rank {
					t.Errorf("%s: lines add up to %s, explanation total %s rank %d; want the published %s rank %d",
						r.PersonID, sum, x.Total, x.Rank, r.Total, r.Rank)
				}
				explained++
			}
			moves, err := s.WhatIf(ctx, sc.ID, g, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range moves {
				if m.Delta != 0 || m.OldTotal != m.NewTotal {
					t.Errorf("what-if without changes moved %s by %d", m.PersonID, m.Delta)
				}
			}
		}
		if explained != len(cadres) {
			t.Errorf("explained %d cadres, want %d", explained, len(cadres))
		}
		if _, err := s.Grades(ctx, sc.ID, groups[0], false); err != nil {
			t.Errorf("grades: %v", err)
		}
		if _, err := s.Recommend(ctx, sc.ID, groups[0], civil.MustParse("2026-01-15")); err != nil {
			t.Errorf("recommendations: %v", err)
		}
	})
}
