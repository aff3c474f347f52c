package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"zugong/internal/access"
	"zugong/internal/app/apptest"
	"zugong/internal/civil"
	"zugong/internal/web"
)

func countRows(t *testing.T, env *apptest.Env, table string) int {
	t.Helper()
	var n int
	if err := env.DB.QueryRow(context.Background(), `SELECT COUNT(*) FROM `+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestProgrammeFormRefusesBadInput posts a programme that ends before it
// starts, with negative online hours and an unreadable session line: the
// form comes back with 422, each problem beside its field, everything typed
// kept, and nothing written. The same form corrected is saved.
func TestProgrammeFormRefusesBadInput(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		c := env.Client(t, access.CountyStaff)
		form := url.Values{"title": {"乡镇干部培训班"}, "org": {env.Tree.County.ID}, "mode": {"centralised"}, "kind": {"rotation"},
			"themes": {"market"}, "start": {"2026-04-06"}, "end": {"2026-04-01"}, "online_hours": {"-3"},
			"sessions": {"2026-04-06,7,开班式\n2026-04-07 seven hours"}, "counts": {"1"}}
		resp := c.PostForm("/training/programmes", form)
		body := apptest.Body(t, resp)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("status %d, want 422", resp.StatusCode)
		}
		doc := web.ParseHTML(t, body)
		errs := fieldErrors(doc)
		for _, field := range []string{"end", "online_hours", "sessions"} {
			if errs[field] == "" {
				t.Errorf("no message beside %s (messages: %v)", field, errs)
			}
		}
		if !strings.Contains(errs["sessions"], "2") {
			t.Errorf("the sessions message %q does not name line 2", errs["sessions"])
		}
		if got := doc.One(t, "#title").Attr("value"); got != "乡镇干部培训班" {
			t.Errorf("title kept as %q", got)
		}
		if got := doc.One(t, "#sessions").Text(); !strings.Contains(got, "seven hours") {
			t.Errorf("sessions kept as %q", got)
		}
		if n := countRows(t, env, "training_programmes"); n != 0 {
			t.Fatalf("%d programmes written by a refused form", n)
		}

		form.Set("end", "2026-04-07")
		form.Set("online_hours", "3")
		form.Set("sessions", "2026-04-06,7,开班式\n2026-04-07,7,专题辅导")
		resp = c.PostForm("/training/programmes", form)
		apptest.Body(t, resp)
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/training/programmes/") {
			t.Fatalf("corrected form: status %d, location %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		if n := countRows(t, env, "training_sessions"); n != 2 {
			t.Fatalf("%d sessions written, want 2", n)
		}
	})
}

// TestTrainingThroughTheForms enrols a cadre, records attendance at both
// sessions, refuses a completion dated after today, then closes the
// enrolment and finds the fourteen hours on the cadre's training record.
func TestTrainingThroughTheForms(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		reg := newRegistry(t, env)
		c := env.Client(t, access.CountyStaff)
		today := civil.Today(mustZone(t, "Asia/Shanghai"))
		start := today.AddDays(-20)
		resp := c.PostForm("/training/programmes", url.Values{"title": {"专题培训班"}, "org": {env.Tree.County.ID}, "mode": {"centralised"},
			"kind": {"theory"}, "start": {start.String()}, "end": {start.AddDays(1).String()}, "counts": {"1"},
			"sessions": {start.String() + ",7,开班式\n" + start.AddDays(1).String() + ",7,讨论"}})
		apptest.Body(t, resp)
		programme := resp.Header.Get("Location")
		id := strings.TrimPrefix(programme, "/training/programmes/")
		if resp.StatusCode != http.StatusSeeOther || id == "" {
			t.Fatalf("create: status %d, location %q", resp.StatusCode, programme)
		}
		resp = c.PostForm(programme+"/enrol", url.Values{"person": {reg.inA2.Person.ID}})
		apptest.Body(t, resp)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("enrol: status %d", resp.StatusCode)
		}
		doc := web.ParseHTML(t, apptest.Body(t, c.Get(programme)))
		enrolment := doc.One(t, "#roster tr[data-enrolment]").Attr("data-enrolment")
		for _, session := range []string{"1", "2"} {
			resp = c.PostForm(programme+"/attendance", url.Values{"session": {session}, "presence." + enrolment: {"present"}})
			apptest.Body(t, resp)
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("attendance at session %s: status %d", session, resp.StatusCode)
			}
		}
		resp = c.PostForm("/training/enrolments/"+enrolment+"/close", url.Values{"programme": {id}, "online_done": {"0"},
			"completed_on": {today.AddDays(3).String()}})
		body := apptest.Body(t, resp)
		if resp.StatusCode != http.StatusUnprocessableEntity || countRows(t, env, "training_credits") != 0 {
			t.Fatalf("close dated after today: status %d, credits %d", resp.StatusCode, countRows(t, env, "training_credits"))
		}
		if !strings.Contains(body, today.AddDays(3).String()) {
			t.Errorf("the refused close does not keep the typed date")
		}
		resp = c.PostForm("/training/enrolments/"+enrolment+"/close", url.Values{"programme": {id}, "online_done": {"0"},
			"completed_on": {start.AddDays(1).String()}})
		apptest.Body(t, resp)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("close: status %d", resp.StatusCode)
		}
		record := web.ParseHTML(t, apptest.Body(t, c.Get("/people/"+reg.inA2.Person.ID+"/training?year="+strconv.Itoa(start.AddDays(1).Year))))
		if got := record.One(t, "#done-hours").Text(); got != "14" {
			t.Errorf("hours done %q, want 14", got)
		}
		compliance := apptest.Body(t, c.Get("/training/compliance?year="+strconv.Itoa(start.AddDays(1).Year)))
		if !strings.Contains(compliance, reg.inA2.Person.Name) {
			t.Errorf("the compliance list does not show %s", reg.inA2.Person.Name)
		}
	})
}
