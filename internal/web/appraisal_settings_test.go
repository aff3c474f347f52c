package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"zugong/internal/access"
	"zugong/internal/app/apptest"
	"zugong/internal/web"
)

func settingsValues(adjust string) url.Values {
	return url.Values{"promote_percent": {"10"}, "adjust_percent": {adjust},
		"levels.section_deputy.min_years_in_post": {"3"}, "levels.section_deputy.age_below": {"40"},
		"levels.section_chief.min_years_in_post": {"2"}, "levels.section_chief.age_below": {"四十五"},
		"levels.county_deputy.min_years_in_post": {"3"}, "levels.county_deputy.age_below": {"50"}}
}

func TestAppraisalSettingsForm(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		staff := env.Client(t, access.CountyStaff)
		v := settingsValues("120")
		resp := staff.PostForm("/appraisal/settings", v)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("bad settings: status %d, want 422", resp.StatusCode)
		}
		doc := web.ParseHTML(t, apptest.Body(t, resp))
		errs := fieldErrors(doc)
		if len(errs) != 1 || errs["levels.section_chief.age_below"] != zh("appraisal.settings.whole_number") {
			t.Errorf("field errors %v, want the age in words refused", errs)
		}
		if got := doc.One(t, `input[name="levels.section_chief.age_below"]`).Attr("value"); got != "四十五" {
			t.Errorf("the typed age came back as %q", got)
		}
		v.Set("levels.section_chief.age_below", "45")
		resp = staff.PostForm("/appraisal/settings", v)
		doc = web.ParseHTML(t, apptest.Body(t, resp))
		if errs := fieldErrors(doc); resp.StatusCode != http.StatusUnprocessableEntity || errs["adjust_percent"] != zh("appraisal.config.percent") {
			t.Fatalf("a share of 120%%: status %d, errors %v", resp.StatusCode, errs)
		}
		v.Set("adjust_percent", "25")
		if resp := staff.PostForm("/appraisal/settings", v); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("good settings: status %d, want 303", resp.StatusCode)
		}
		leader := env.Client(t, access.Leader)
		shown := page(t, leader, "/appraisal/settings", http.StatusOK)
		if got := shown.One(t, `input[name="adjust_percent"]`); got.Attr("value") != "25" || !got.HasAttr("readonly") {
			t.Errorf("the leader sees adjust_percent %q (readonly %v), want 25 read-only", got.Attr("value"), got.HasAttr("readonly"))
		}
		if resp := leader.PostForm("/appraisal/settings", v); resp.StatusCode != http.StatusForbidden {
			t.Errorf("the leader saves settings: status %d, want 403", resp.StatusCode)
		}
	})
}
