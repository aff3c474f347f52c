package api_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"zugong/internal/access"
	"zugong/internal/app/apptest"
	"zugong/internal/appraisal"
	"zugong/internal/civil"
	"zugong/internal/store"
)

type rankingJSON struct {
	SchemeVersion int      `json:"scheme_version"`
	Group         string   `json:"group"`
	Groups        []string `json:"groups"`
	Total         int      `json:"total"`
	Items         []struct {
		PersonID   string   `json:"person_id"`
		PersonName string   `json:"person_name"`
		Rank       int      `json:"rank"`
		Total      string   `json:"total"`
		Parts      []string `json:"parts"`
	} `json:"items"`
	NextCursor string `json:"next_cursor"`
}

type explanationJSON struct {
	Total string `json:"total"`
	Lines []struct {
		Code     string `json:"code"`
		Points   string `json:"points"`
		Evidence []struct {
			DocumentNo string `json:"document_no"`
		} `json:"evidence"`
	} `json:"lines"`
}

// hundredths reads "12.50" as 1250.
func hundredths(t *testing.T, s string) int64 {
	t.Helper()
	whole, frac, ok := strings.Cut(s, ".")
	if !ok || len(frac) != 2 {
		t.Fatalf("points %q are not written with two decimals", s)
	}
	var n int64
	for _, c := range strings.TrimPrefix(whole, "-") + frac {
		n = n*10 + int64(c-'0')
	}
	if strings.HasPrefix(whole, "-") {
		n = -n
	}
	return n
}

func TestAppraisalAPI(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		op := access.With(context.Background(), access.Operator("test"))
		s := env.App.Appraisal
		sc, err := s.SaveScheme(op, env.Tree.County.ID, &appraisal.Scheme{Name: "2025年度实绩考核", Group: appraisal.GroupTownshipDeputies,
			Period: appraisal.Period{From: civil.MustParse("2025-01-01"), To: civil.MustParse("2025-12-31")},
			Indicators: []appraisal.Indicator{
				{Code: "D1", Name: "办结案件", Orientation: appraisal.OrientDevelopment, Weight: 70_00, Direction: appraisal.HigherBetter,
					Method: appraisal.Ranked, Measure: appraisal.MeasureCasesClosed},
				{Code: "P1", Name: "项目竣工", Orientation: appraisal.OrientProjects, Weight: 30_00, Direction: appraisal.HigherBetter,
					Method: appraisal.Linear, Target: 3 * appraisal.One, Measure: appraisal.MeasureProjectsCompleted}},
			Deductions: []appraisal.Item{{Code: "X1", Name: "问责", Kind: appraisal.KindAccountability, Per: 1_00, Cap: 3_00}}})
		if err != nil {
			t.Fatal(err)
		}
		ids := []string{cadreIn(t, env, env.Tree.VillageA.ID, "王建国", 31), cadreIn(t, env, env.Tree.VillageA.ID, "刘芳", 33),
			cadreIn(t, env, env.Tree.VillageB.ID, "李卫东", 35)}
		signed := appraisal.SignOff{Reviewer: "审核人", On: civil.MustParse("2025-06-10")}
		var ev []appraisal.Evidence
		for i, id := range ids {
			for range i + 1 {
				ev = append(ev, appraisal.Evidence{PersonID: id, Kind: appraisal.KindCaseClosed, Date: civil.MustParse("2025-06-01"),
					DocumentNo: "正考〔2025〕7号", SignOff: signed})
			}
		}
		ev = append(ev, appraisal.Evidence{PersonID: ids[2], Kind: appraisal.KindAccountability, Date: civil.MustParse("2025-06-01"),
			DocumentNo: "正纪〔2025〕1号", SignOff: signed},
			appraisal.Evidence{PersonID: ids[0], Kind: appraisal.KindProject, Completed: true, Progress: 100 * appraisal.One,
				Date: civil.MustParse("2025-06-01"), DocumentNo: "正发〔2025〕5号", SignOff: signed})
		members := make([]store.AppraisalMember, len(ids))
		for i, id := range ids {
			members[i] = store.AppraisalMember{PersonID: id, Group: "副职"}
		}
		if err := s.SeedAppraisal(op, sc.ID, members, ev); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Recompute(op, sc.ID); err != nil {
			t.Fatal(err)
		}

		c := newClient(t, env, access.Leader)
		var page rankingJSON
		c.json("GET", "/api/v1/appraisal/schemes/"+sc.ID+"/ranking?limit=2", nil, http.StatusOK, &page)
		if page.Group != "副职" || page.Total != 3 || len(page.Items) != 2 || page.NextCursor == "" || page.SchemeVersion != 1 {
			t.Fatalf("first page: got group %q, %d of %d, cursor %q; want 副职, 2 of 3 and a cursor", page.Group, len(page.Items), page.Total, page.NextCursor)
		}
		if page.Items[0].PersonName != "李卫东" || page.Items[0].Rank != 1 {
			t.Errorf("first place: got %s rank %d, want 李卫东 rank 1", page.Items[0].PersonName, page.Items[0].Rank)
		}
		var rest rankingJSON
		c.json("GET", "/api/v1/appraisal/schemes/"+sc.ID+"/ranking?limit=2&cursor="+url.QueryEscape(page.NextCursor), nil, http.StatusOK, &rest)
		if len(rest.Items) != 1 || rest.NextCursor != "" {
			t.Fatalf("second page: got %d items, cursor %q; want the last one", len(rest.Items), rest.NextCursor)
		}
		for _, it := range append(page.Items, rest.Items...) {
			var sum int64
			for _, p := range it.Parts {
				sum += hundredths(t, p)
			}
			if sum != hundredths(t, it.Total) {
				t.Errorf("%s: parts add up to %d, want the total %s", it.PersonName, sum, it.Total)
			}
			var x explanationJSON
			c.json("GET", "/api/v1/appraisal/schemes/"+sc.ID+"/people/"+it.PersonID+"/explanation", nil, http.StatusOK, &x)
			var lines int64
			for _, l := range x.Lines {
				lines += hundredths(t, l.Points)
			}
			if x.Total != it.Total || lines != hundredths(t, x.Total) {
				t.Errorf("%s: explanation total %s with lines adding up to %d, want %s", it.PersonName, x.Total, lines, it.Total)
			}
			if len(x.Lines) != 3 || len(x.Lines[0].Evidence) == 0 || x.Lines[0].Evidence[0].DocumentNo != "正考〔2025〕7号" {
				t.Errorf("%s: explanation lines %+v, want three with the cases' document numbers", it.PersonName, x.Lines)
			}
		}

		organiser := newClient(t, env, access.TownshipOrganiser)
		organiser.json("GET", "/api/v1/appraisal/schemes/"+sc.ID+"/ranking", nil, http.StatusNotFound, nil)
		organiser.json("GET", "/api/v1/appraisal/schemes/"+sc.ID+"/people/"+ids[0]+"/explanation", nil, http.StatusNotFound, nil)
	})
}
