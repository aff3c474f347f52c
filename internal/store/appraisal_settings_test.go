package store_test

import (
	"testing"

	"zugong/internal/access"
	"zugong/internal/appraisal"
	"zugong/internal/fault"
	"zugong/internal/store"
	"zugong/internal/store/storetest"
)

func TestAppraisalSettingsShapeTheLists(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		tr, _ := buildTree(t, db)
		s := db.Appraisal()
		staff := staffAs("clerk", tr.county)
		access.From(staff).JurisdictionID = tr.county.JurisdictionID
		reviewer := staffAs("reviewer", tr.county)
		var ids []string
		for i, name := range []string{"张三", "李四", "王五", "赵六"} {
			ids = append(ids, cadre(t, staff, db, tr.villageA, name, "19800101", []string{"011", "013", "015", "017"}[i], "副科级"))
		}
		sc, err := s.SaveScheme(staff, tr.county.ID, smallScheme())
		if err != nil {
			t.Fatal(err)
		}
		if err := s.AddMembers(staff, sc.ID, "deputies", ids); err != nil {
			t.Fatal(err)
		}
		for i, id := range ids {
			for range i {
				signed(t, s, staff, reviewer, record(id, appraisal.KindCaseClosed, "2025-06-01"))
			}
		}
		if _, err := s.Recompute(staff, sc.ID); err != nil {
			t.Fatal(err)
		}
		adjusted := func() []appraisal.Recommendation {
			t.Helper()
			recs, err := s.Recommend(staff, sc.ID, "deputies", date("2026-01-15"))
			if err != nil {
				t.Fatal(err)
			}
			return recs.Adjust
		}
		if got := adjusted(); len(got) != 0 {
			t.Fatalf("with the default 5%% of four cadres, %d proposed for adjustment", len(got))
		}
		cfg, err := s.RecommendConfig(staff)
		if err != nil || cfg.AdjustPercent != appraisal.DefaultRecommendConfig().AdjustPercent {
			t.Fatalf("settings before any are saved: %+v, %v", cfg, err)
		}
		cfg.AdjustPercent = 25
		if err := s.SetRecommendConfig(staff, cfg); err != nil {
			t.Fatal(err)
		}
		if got := adjusted(); len(got) != 1 || got[0].PersonID != ids[0] {
			t.Fatalf("with 25%% the bottom cadre alone is proposed for adjustment; got %+v", got)
		}
		if back, _ := s.RecommendConfig(staff); back.AdjustPercent != 25 || back.Levels[appraisal.LevelSectionChief].AgeBelow != 45 {
			t.Errorf("settings read back as %+v", back)
		}
		bad := cfg
		bad.PromotePercent = 120
		err = s.SetRecommendConfig(staff, bad)
		wantFields(t, "a share over 100", err, map[string]string{"promote_percent": "appraisal.config.percent"})
		township := staffAs("town", tr.townA)
		access.From(township).JurisdictionID = tr.county.JurisdictionID
		if err := s.SetRecommendConfig(township, cfg); !fault.Is(err, fault.NotFound) && !fault.Is(err, fault.Forbidden) {
			t.Errorf("township staff set the county's thresholds: %v", err)
		}
		if n := len(events(t, db, "appraisal.settings")); n != 1 {
			t.Errorf("%d settings events, want 1", n)
		}
	})
}
