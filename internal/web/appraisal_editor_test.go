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
	"zugong/internal/gate"
	"zugong/internal/web"
)

// formValues reads what a browser would post from the form: every named
// input, ticked checkboxes, and each select's chosen option. The CSRF
// field is left to the client.
func formValues(form *web.Node) url.Values {
	v := url.Values{}
	for _, in := range form.Find("input") {
		name := in.Attr("name")
		switch {
		case name == "" || name == gate.CSRFField:
		case in.Attr("type") == "checkbox":
			if in.HasAttr("checked") {
				v.Add(name, in.Attr("value"))
			}
		default:
			v.Add(name, in.Attr("value"))
		}
	}
	for _, sel := range form.Find("select") {
		opts := sel.Find("option")
		var value string
		if len(opts) > 0 {
			value = opts[0].Attr("value")
		}
		for _, o := range opts {
			if o.HasAttr("selected") {
				value = o.Attr("value")
			}
		}
		v.Add(sel.Attr("name"), value)
	}
	return v
}

// selected is the chosen option of the select named name.
func selected(t *testing.T, doc *web.Node, name string) string {
	t.Helper()
	for _, o := range doc.One(t, "select[name="+name+"]").Find("option") {
		if o.HasAttr("selected") {
			return o.Attr("value")
		}
	}
	return ""
}

// schemeVersions maps each scheme an operator sees to its latest version.
func schemeVersions(t *testing.T, env *apptest.Env) map[string]int {
	t.Helper()
	list, err := env.App.Appraisal.Schemes(access.With(context.Background(), access.Operator("test")))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, sc := range list {
		out[sc.ID] = sc.Version
	}
	return out
}

// newSchemeForm is a complete new scheme of three indicators, one of each
// method, a bonus, a deduction and a veto; row 1 of the indicators is left
// empty, as a user skipping a row would.
func newSchemeForm(env *apptest.Env) url.Values {
	return url.Values{
		"name": {"2026年度乡镇正职实绩考核"}, "group": {string(appraisal.GroupTownshipLeaders)}, "org": {env.Tree.County.ID},
		"period.from": {"2026-01-01"}, "period.to": {"2026-12-31"}, "scale": {"1"},
		"indicators.0.code": {"P1"}, "indicators.0.name": {"项目投资"}, "indicators.0.orientation": {"projects"},
		"indicators.0.weight": {"50"}, "indicators.0.unit": {"万元"}, "indicators.0.direction": {"higher"},
		"indicators.0.method": {"linear"}, "indicators.0.target": {"5000"}, "indicators.0.measure": {"project_investment"},
		"indicators.1.direction": {"higher"}, "indicators.1.method": {"linear"},
		"indicators.2.code": {"I1"}, "indicators.2.name": {"到位资金"}, "indicators.2.orientation": {"investment"},
		"indicators.2.weight": {"30.5"}, "indicators.2.direction": {"higher"}, "indicators.2.method": {"bands"},
		"indicators.2.bands": {"1000:40，3000:70; 5000:100"}, "indicators.2.measure": {"funds_in_place"},
		"indicators.3.code": {"D1"}, "indicators.3.name": {"民主测评"}, "indicators.3.orientation": {"de"},
		"indicators.3.weight": {"19.5"}, "indicators.3.direction": {"higher"}, "indicators.3.method": {"rank"},
		"indicators.3.measure": {"assessment"}, "indicators.3.class": {"de"},
		"bonuses.0.code": {"B1"}, "bonuses.0.name": {"市级以上表彰"}, "bonuses.0.kind": {"award"}, "bonuses.0.class": {"city"},
		"bonuses.0.per": {"1"}, "bonuses.0.cap": {"3"},
		"deductions.0.code": {"X1"}, "deductions.0.name": {"问责"}, "deductions.0.kind": {"accountability"},
		"deductions.0.per": {"2"}, "deductions.0.cap": {"6"},
		"vetoes.0.code": {"V1"}, "vetoes.0.name": {"党纪处分"}, "vetoes.0.kind": {"disciplinary_sanction"}, "vetoes.0.cap": {"basic"},
	}
}

func TestAppraisalSchemeEditorCreates(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		staff := env.Client(t, access.CountyStaff)
		page(t, staff, "/appraisal", http.StatusOK).One(t, "a[href=/appraisal/new]")
		blank := page(t, staff, "/appraisal/new", http.StatusOK)
		if got := selected(t, blank, "org"); got != env.Tree.County.ID {
			t.Errorf("new form: organisation %q chosen, want the county %q", got, env.Tree.County.ID)
		}
		if got := len(blank.Find("#indicators tr.scheme-row")); got < 3 {
			t.Errorf("new form: %d indicator rows, want at least 3", got)
		}

		resp, _ := post(t, staff, "/appraisal", newSchemeForm(env), http.StatusSeeOther)
		loc := resp.Header.Get("Location")
		id := strings.TrimPrefix(loc, "/appraisal/")
		if id == loc || id == "" {
			t.Fatalf("after create: redirected to %q, want the scheme's page", loc)
		}
		rows := page(t, staff, "/appraisal", http.StatusOK).Find("#schemes tr.scheme-row")
		if len(rows) != 1 {
			t.Fatalf("schemes: got %d rows, want the new scheme", len(rows))
		}
		if got := rows[0].Text(); !strings.Contains(got, "2026年度乡镇正职实绩考核") || rows[0].Find("td.num")[1].Text() != "1" ||
			rows[0].Find("td.num")[2].Text() != "3" {
			t.Errorf("schemes row %q: want the name, version 1 and 3 indicators", got)
		}

		sc, err := env.App.Appraisal.Scheme(env.Principal(t, access.CountyStaff), id)
		if err != nil {
			t.Fatal(err)
		}
		codes := make([]string, len(sc.Indicators))
		for i, in := range sc.Indicators {
			codes[i] = in.Code
		}
		if strings.Join(codes, ",") != "P1,I1,D1" || sc.Indicators[1].Weight != 30_50 || !sc.Scale ||
			len(sc.Indicators[1].Bands) != 3 || sc.Indicators[1].Bands[2] != (appraisal.Band{Limit: 5000_00, Percent: 100}) ||
			sc.Indicators[0].Target != 5000_00 {
			t.Errorf("saved indicators %+v, want P1, I1 (30.50, three bands), D1 as typed", sc.Indicators)
		}
		if len(sc.Bonuses) != 1 || sc.Bonuses[0].Cap != 3_00 || len(sc.Deductions) != 1 || len(sc.Vetoes) != 1 ||
			sc.Vetoes[0].Cap != "basic" {
			t.Errorf("saved items %+v %+v %+v, want one bonus, deduction and veto as typed", sc.Bonuses, sc.Deductions, sc.Vetoes)
		}

		edit := page(t, staff, "/appraisal/"+id+"/edit", http.StatusOK)
		if got := edit.One(t, "input[name=indicators.1.bands]").Attr("value"); got != "1000:40, 3000:70, 5000:100" {
			t.Errorf("edit form: bands %q, want 1000:40, 3000:70, 5000:100", got)
		}
		if got := edit.One(t, "input[name=indicators.1.weight]").Attr("value"); got != "30.5" {
			t.Errorf("edit form: weight %q, want 30.5", got)
		}
		if got := selected(t, edit, "indicators.2.method"); got != "rank" {
			t.Errorf("edit form: method %q, want rank", got)
		}
		if got := selected(t, edit, "vetoes.0.cap"); got != "basic" {
			t.Errorf("edit form: veto cap %q, want basic", got)
		}
		if got := len(edit.Find("#indicators tr.scheme-row")); got != 6 {
			t.Errorf("edit form: %d indicator rows, want the 3 indicators and 3 empty rows", got)
		}

		leader := env.Client(t, access.Leader)
		page(t, leader, "/appraisal/new", http.StatusForbidden)
		if got := len(page(t, leader, "/appraisal", http.StatusOK).Find("a[href=/appraisal/new]")); got != 0 {
			t.Errorf("a leader sees %d links to a new scheme, want none", got)
		}
	})
}

func TestAppraisalSchemeEditorSavesNewVersion(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		f := newAppraisalFixture(t, env)
		staff := f.client(t, access.CountyStaff)
		base := "/appraisal/" + f.scheme.ID
		page(t, staff, base, http.StatusOK).One(t, "a[href="+base+"/edit]")
		edit := page(t, staff, base+"/edit", http.StatusOK)
		if got := edit.One(t, "input[name=indicators.0.code]").Attr("value"); got != "D1" {
			t.Errorf("edit form: first code %q, want D1", got)
		}
		v := formValues(edit.One(t, "form.scheme-form"))
		v.Set("org", env.Tree.County.ID)
		v.Set("indicators.0.weight", "50")
		v.Set("indicators.1.weight", "50")
		resp, _ := post(t, staff, base, v, http.StatusSeeOther)
		if got := resp.Header.Get("Location"); got != base {
			t.Errorf("after revision: redirected to %q, want %q", got, base)
		}
		if got := schemeVersions(t, env)[f.scheme.ID]; got != 2 {
			t.Errorf("after revision: version %d, want 2", got)
		}
		if got := page(t, staff, "/appraisal", http.StatusOK).One(t, "#schemes tr.scheme-row").Find("td.num")[1].Text(); got != "2" {
			t.Errorf("schemes list: version %s, want 2", got)
		}
		notes := page(t, staff, base, http.StatusOK).Find("p.muted")
		if len(notes) == 0 || notes[0].Text() != zh("appraisal.web.ranking_note", 1) {
			t.Errorf("the published ranking does not name version 1: want %q", zh("appraisal.web.ranking_note", 1))
		}
		if got := page(t, staff, base+"/edit", http.StatusOK).One(t, "input[name=indicators.0.weight]").Attr("value"); got != "50" {
			t.Errorf("edit form after revision: weight %q, want 50", got)
		}

		// The form of version 1 posted again would replace version 2 unseen.
		_, stale := post(t, staff, base, v, http.StatusConflict)
		if got := stale.One(t, ".alert").Text(); got != zh("appraisal.editor.stale", 2) {
			t.Errorf("stale form: %q, want %q", got, zh("appraisal.editor.stale", 2))
		}
		if got := stale.One(t, "input[name=version]").Attr("value"); got != "2" {
			t.Errorf("stale form: version %q, want 2 so that saving again is deliberate", got)
		}
		if got := schemeVersions(t, env)[f.scheme.ID]; got != 2 {
			t.Errorf("after a stale form: version %d, want still 2", got)
		}
	})
}

func TestAppraisalSchemeEditorRefusesBadInput(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		staff := env.Client(t, access.CountyStaff)

		t.Run("unreadable numbers and bands", func(t *testing.T) {
			v := newSchemeForm(env)
			v.Set("indicators.0.weight", "五十")
			v.Set("indicators.2.bands", "1000:40, 3000-70")
			v.Set("indicators.3.measure", "")
			_, doc := post(t, staff, "/appraisal", v, http.StatusUnprocessableEntity)
			errs := fieldErrors(doc)
			for field, want := range map[string]string{
				"indicators.0.weight":  zh("appraisal.web.number_format"),
				"indicators.2.bands":   zh("appraisal.editor.band_format", "3000-70"),
				"indicators.3.measure": zh("field.invalid_choice"),
			} {
				if errs[field] != want {
					t.Errorf("%s: error %q, want %q", field, errs[field], want)
				}
			}
			if len(errs) != 3 {
				t.Errorf("got errors %v, want exactly the three", errs)
			}
			if got := doc.Find("#indicators .list-problem"); len(got) != 0 {
				t.Errorf("an unreadable weight also reported the weights' total: %q", got[0].Text())
			}
			for field, want := range map[string]string{"indicators.0.weight": "五十", "indicators.2.bands": "1000:40, 3000-70",
				"name": "2026年度乡镇正职实绩考核", "bonuses.0.cap": "3"} {
				if got := doc.One(t, "input[name="+field+"]").Attr("value"); got != want {
					t.Errorf("%s kept as %q, want %q", field, got, want)
				}
			}
			if got := selected(t, doc, "vetoes.0.cap"); got != "basic" {
				t.Errorf("veto cap kept as %q, want basic", got)
			}
		})

		t.Run("the domain's rules beside their rows", func(t *testing.T) {
			v := newSchemeForm(env)
			v.Set("indicators.3.weight", "9.5")
			v.Set("indicators.2.bands", "3000:40, 1000:70")
			v.Set("bonuses.0.cap", "0.5")
			_, doc := post(t, staff, "/appraisal", v, http.StatusUnprocessableEntity)
			errs := fieldErrors(doc)
			for field, want := range map[string]string{
				"indicators.2.bands": zh("appraisal.indicator.bands_unordered"),
				"bonuses.0.cap":      zh("appraisal.item.cap_below_per"),
			} {
				if errs[field] != want {
					t.Errorf("%s: error %q, want %q", field, errs[field], want)
				}
			}
			want := zh("appraisal.scheme.weights_total", "90.00", "100.00")
			if got := doc.One(t, "#indicators .list-problem").Text(); got != want {
				t.Errorf("weights: %q, want %q", got, want)
			}
			if got := doc.One(t, "input[name=indicators.3.weight]").Attr("value"); got != "9.5" {
				t.Errorf("weight kept as %q, want 9.5", got)
			}
		})

		t.Run("no organisation", func(t *testing.T) {
			v := newSchemeForm(env)
			v.Del("org")
			_, doc := post(t, staff, "/appraisal", v, http.StatusUnprocessableEntity)
			if got := fieldErrors(doc)["org"]; got != zh("field.required") {
				t.Errorf("org: error %q, want %q", got, zh("field.required"))
			}
		})

		if got := len(schemeVersions(t, env)); got != 0 {
			t.Errorf("bad forms saved %d schemes, want none", got)
		}
	})
}
