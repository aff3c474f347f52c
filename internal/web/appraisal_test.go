package web_test

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
)

// appraisalFixture is a county scheme ranking the registry's three cadres in
// one group: 王建国 has two cases closed, one signed off and one not.
type appraisalFixture struct {
	*registry
	scheme   *appraisal.Scheme
	unsigned *appraisal.Evidence
}

func newAppraisalFixture(t *testing.T, env *apptest.Env) *appraisalFixture {
	t.Helper()
	f := &appraisalFixture{registry: newRegistry(t, env)}
	op := access.With(context.Background(), access.Operator("test"))
	s := env.App.Appraisal
	sc, err := s.SaveScheme(op, env.Tree.County.ID, &appraisal.Scheme{Name: "2025年度副职实绩考核", Group: appraisal.GroupTownshipDeputies,
		Period: appraisal.Period{From: civil.MustParse("2025-01-01"), To: civil.MustParse("2025-12-31")},
		Indicators: []appraisal.Indicator{
			{Code: "D1", Name: "办结案件", Orientation: appraisal.OrientDevelopment, Weight: 60_00, Direction: appraisal.HigherBetter,
				Method: appraisal.Ranked, Measure: appraisal.MeasureCasesClosed},
			{Code: "C1", Name: "获奖表彰", Orientation: appraisal.OrientContribution, Weight: 40_00, Direction: appraisal.HigherBetter,
				Method: appraisal.Linear, Target: 2 * appraisal.One, Measure: appraisal.MeasureAwards},
		}})
	if err != nil {
		t.Fatal(err)
	}
	f.scheme = sc
	if err := s.AddMembers(op, sc.ID, "副职", []string{f.inA.Person.ID, f.inA2.Person.ID, f.inB.Person.ID}); err != nil {
		t.Fatal(err)
	}
	staff := env.Principal(t, access.CountyStaff)
	for i, doc := range []string{"正考〔2025〕11号", "正考〔2025〕12号"} {
		e, err := s.AddEvidence(op, &appraisal.Evidence{PersonID: f.inA.Person.ID, Kind: appraisal.KindCaseClosed,
			Date: civil.MustParse("2025-04-01"), DocumentNo: doc})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			if _, err := s.SignEvidence(staff, e.ID, civil.MustParse("2025-04-03")); err != nil {
				t.Fatal(err)
			}
		} else {
			f.unsigned = e
		}
	}
	if _, err := s.Recompute(op, sc.ID); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestAppraisalRankingAndExplanation(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		f := newAppraisalFixture(t, env)
		leader := f.client(t, access.Leader)
		list := page(t, leader, "/appraisal", http.StatusOK)
		if got := list.Find("#schemes tr.scheme-row a"); len(got) != 1 || got[0].Attr("href") != "/appraisal/"+f.scheme.ID {
			t.Fatalf("scheme list: got %d links, want the one scheme", len(got))
		}
		ranking := page(t, leader, "/appraisal/"+f.scheme.ID, http.StatusOK)
		rows := ranking.Find("#ranking tr.rank-row")
		if len(rows) != 3 {
			t.Fatalf("ranking: got %d rows, want 3", len(rows))
		}
		if name, total := rows[0].One(t, "td.name").Text(), rows[0].One(t, "td.total").Text(); name != "王建国" || total != "60.00" {
			t.Errorf("first place: got %s with %s, want 王建国 with 60.00", name, total)
		}

		x := page(t, leader, "/appraisal/"+f.scheme.ID+"/people/"+f.inA.Person.ID, http.StatusOK)
		lines := x.Find("#explanation tr.line-row")
		if len(lines) != 2 {
			t.Fatalf("explanation: got %d lines, want 2", len(lines))
		}
		var sum appraisal.Points
		for _, l := range lines {
			sum += points(t, l.One(t, "td.points").Text())
		}
		if total := x.One(t, "#total").Text(); sum.String() != total {
			t.Errorf("explanation lines add up to %s, want the total %s", sum, total)
		}
		if !strings.Contains(lines[0].Text(), "正考〔2025〕11号") || strings.Contains(lines[0].Text(), "正考〔2025〕12号") {
			t.Errorf("the cases line shows %q, want only the signed-off record's document number", lines[0].Text())
		}
		if got := len(x.Find("#evidence tr.evidence-row")); got != 2 {
			t.Errorf("evidence: got %d rows, want both records", got)
		}
		if got := len(x.Find("form.sign-form")); got != 0 {
			t.Errorf("a leader sees %d sign-off forms, want none", got)
		}
		organiser := f.client(t, access.TownshipOrganiser)
		page(t, organiser, "/appraisal/"+f.scheme.ID, http.StatusNotFound)
	})
}

// points reads "12.50" as 1250.
func points(t *testing.T, s string) appraisal.Points {
	t.Helper()
	whole, frac, _ := strings.Cut(s, ".")
	var n int64
	for _, c := range whole + frac {
		if c < '0' || c > '9' {
			t.Fatalf("points %q", s)
		}
		n = n*10 + int64(c-'0')
	}
	return appraisal.Points(n)
}

func TestAppraisalSignOffAndRecompute(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		f := newAppraisalFixture(t, env)
		staff := f.client(t, access.CountyStaff)
		base := "/appraisal/" + f.scheme.ID
		person := base + "/people/" + f.inA.Person.ID
		x := page(t, staff, person, http.StatusOK)
		if got := len(x.Find("form.sign-form")); got != 1 {
			t.Fatalf("got %d sign-off forms, want 1 for the unsigned record", got)
		}
		post(t, staff, person+"/evidence/"+f.unsigned.ID+"/sign", url.Values{"on": {"2025-04-05"}}, http.StatusSeeOther)
		before := page(t, staff, person, http.StatusOK).One(t, "#total").Text()
		post(t, staff, base+"/recompute", url.Values{}, http.StatusSeeOther)
		after := page(t, staff, person, http.StatusOK)
		if got := after.One(t, "#total").Text(); got != before || !strings.Contains(after.One(t, "#explanation").Text(), "正考〔2025〕12号") {
			t.Errorf("after sign-off and recompute: total %s (was %s), want the second record counted", got, before)
		}

		_, form := post(t, staff, person+"/evidence", url.Values{"kind": {"award"}, "date": {"2025-06-01"}}, http.StatusUnprocessableEntity)
		if got := fieldErrors(form)["document_no"]; got != zh("appraisal.evidence.proof_required") {
			t.Errorf("evidence without proof: document_no error %q, want %q", got, zh("appraisal.evidence.proof_required"))
		}
		post(t, staff, person+"/evidence", url.Values{"kind": {"award"}, "date": {"2025-06-01"}, "document_no": {"正表〔2025〕3号"}},
			http.StatusSeeOther)
		if got := len(page(t, staff, person, http.StatusOK).Find("form.sign-form")); got != 1 {
			t.Errorf("after entry: got %d sign-off forms, want 1 for the new record", got)
		}
	})
}

func TestAppraisalWhatIfAndLists(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		f := newAppraisalFixture(t, env)
		leader := f.client(t, access.Leader)
		base := "/appraisal/" + f.scheme.ID
		w := page(t, leader, base+"/whatif?group="+url.QueryEscape("副职")+"&run=1&w.D1=50&w.C1=50", http.StatusOK)
		moves := w.Find("#movements tr.move-row")
		if len(moves) != 3 {
			t.Fatalf("what-if: got %d movements, want 3", len(moves))
		}
		if got := moves[0].Find("td")[2].Text(); got != "1" {
			t.Errorf("what-if: first new rank %s, want 1", got)
		}
		bad := page(t, leader, base+"/whatif?group="+url.QueryEscape("副职")+"&run=1&w.D1=70", http.StatusUnprocessableEntity)
		if len(bad.Find("#movements")) != 0 || !strings.Contains(bad.Text(), zh("appraisal.scheme.weights_total", "110.00", "100.00")) {
			t.Errorf("what-if with weights adding up to 110: want the weights error and no movements")
		}
		lists := page(t, leader, base+"/lists?group="+url.QueryEscape("副职")+"&on=2026-01-15", http.StatusOK)
		grades := lists.Find("#grades tr.grade-row")
		if len(grades) != 3 {
			t.Fatalf("grades: got %d rows, want 3", len(grades))
		}
		for _, g := range grades {
			if len(g.Find("ul.reasons li")) == 0 {
				t.Errorf("grade proposal %q carries no reason", g.Text())
			}
		}
		if got := len(lists.Find("#promote")) + len(lists.Find("#held-back")) + len(lists.Find("#adjust")); got != 3 {
			t.Errorf("got %d recommendation lists, want 3", got)
		}
		// The leader only reads; the staff who run selections may record
		// the adjustment of each cadre on the list (能下).
		if n := len(lists.Find("#adjust a.action")); n != 0 {
			t.Errorf("the leader is offered %d stepdown links", n)
		}
		// An accountability outcome puts 李卫东 on the adjustment list.
		op := access.With(context.Background(), access.Operator("test"))
		e, err := env.App.Appraisal.AddEvidence(op, &appraisal.Evidence{PersonID: f.inB.Person.ID, Kind: appraisal.KindAccountability,
			Date: civil.MustParse("2025-06-01"), DocumentNo: "正纪〔2025〕5号"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := env.App.Appraisal.SignEvidence(env.Principal(t, access.CountyStaff), e.ID, civil.MustParse("2025-06-02")); err != nil {
			t.Fatal(err)
		}
		staff := page(t, f.client(t, access.CountyStaff), base+"/lists?group="+url.QueryEscape("副职")+"&on=2026-01-15", http.StatusOK)
		rows, links := staff.Find("#adjust tr.list-row"), staff.Find("#adjust a.action")
		if len(rows) == 0 || len(links) != len(rows) {
			t.Fatalf("adjustment list: %d rows with %d stepdown links, want a link on each of at least one row", len(rows), len(links))
		}
		if href := links[0].Attr("href"); href != "/stepdowns/new?person="+f.inB.Person.ID {
			t.Errorf("stepdown link %q", href)
		}
	})
}
