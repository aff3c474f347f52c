package web_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zugong/internal/access"
	"zugong/internal/app/apptest"
	"zugong/internal/civil"
	"zugong/internal/i18n"
	"zugong/internal/person"
	"zugong/internal/quality"
	"zugong/internal/web"
)

// plantYoungMember registers a cadre of orgID who joined the party at age,
// which the audit's party_before_18 rule finds; seq is odd.
func plantYoungMember(t *testing.T, env *apptest.Env, orgID, name string, seq, age int) *person.Dossier {
	t.Helper()
	d := web.SampleDossier(orgID, name, seq)
	joined := civil.Of(d.Person.BirthDate.Time().AddDate(age, 1, 0))
	d.Person.PartyJoinDate, d.Party.JoinDate = joined, joined
	d.Party.FullDate = civil.Of(joined.Time().AddDate(1, 0, 0))
	d.Party.Pipeline = nil
	saved, err := env.App.People.Save(env.Principal(t, access.CountyStaff), d)
	if err != nil {
		t.Fatalf("save %s: %v", name, err)
	}
	return saved
}

// findingRows returns the findings listed on a report page by person ID,
// each with its rule.
func findingRows(doc *web.Node) map[string][]string {
	out := map[string][]string{}
	for _, r := range doc.Find("table.findings tr.finding-row") {
		out[r.Attr("data-person")] = append(out[r.Attr("data-person")], r.Attr("data-rule"))
	}
	return out
}

func TestQualityReport(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		young := plantYoungMember(t, env, env.Tree.VillageA.ID, "吴小明", 41, 17)
		other := plantYoungMember(t, env, env.Tree.VillageB.ID, "郑小刚", 43, 16)
		rule, _ := quality.RuleByID(quality.RulePartyBefore18)
		c := env.Client(t, access.TownshipOrganiser)

		doc := page(t, c, "/people/quality", http.StatusOK)
		found := findingRows(doc)
		if got := found[young.Person.ID]; len(got) != 1 || got[0] != quality.RulePartyBefore18 {
			t.Fatalf("findings of %s: %v, want the one planted (%s)", young.Person.Name, got, quality.RulePartyBefore18)
		}
		row := doc.One(t, "tr.finding-row[data-person="+young.Person.ID+"]")
		checks := map[string]string{"td.name": "吴小明", "td.org": env.Tree.VillageA.Name, "td.rule": zh(rule.NameKey()),
			"td.why": zh(rule.WhyKey(), 17, 18)}
		for sel, want := range checks {
			if got := row.One(t, sel).Text(); got != want {
				t.Errorf("%s: %q, want %q", sel, got, want)
			}
		}
		if got := row.One(t, "td.name a").Attr("href"); got != "/people/"+young.Person.ID {
			t.Errorf("the finding links to %q", got)
		}
		if got := row.One(t, "td.values").Text(); !strings.Contains(got, zh("quality.value.age_at_join")+"17") {
			t.Errorf("values %q do not give the age at joining", got)
		}
		if got := doc.One(t, "tr.rule-count[data-rule="+quality.RulePartyBefore18+"] td.count").Text(); got != "1" {
			t.Errorf("party_before_18 counted %s, want 1", got)
		}
		// Township A's organiser never sees township B's finding.
		if _, ok := found[other.Person.ID]; ok || strings.Contains(doc.One(t, "main").Text(), other.Person.Name) {
			t.Error("the township organiser sees a finding of another township")
		}
		doc = page(t, c, "/people/quality?under="+env.Tree.TownB.ID, http.StatusUnprocessableEntity)
		doc.One(t, ".field.invalid input[name=under]")
		page(t, c, "/people/quality/export?under="+env.Tree.TownB.ID, http.StatusNotFound)

		county := env.Client(t, access.CountyStaff)
		doc = page(t, county, "/people/quality?rule="+quality.RulePartyBefore18, http.StatusOK)
		found = findingRows(doc)
		if len(found[young.Person.ID]) != 1 || len(found[other.Person.ID]) != 1 || len(found) != 2 {
			t.Errorf("county staff filtered by the rule sees %v, want both planted members", found)
		}
		doc = page(t, county, "/people/quality?under="+env.Tree.TownB.ID, http.StatusOK)
		if found = findingRows(doc); len(found) != 1 || len(found[other.Person.ID]) != 1 {
			t.Errorf("under township B: %v, want only %s", found, other.Person.Name)
		}
		doc.One(t, ".under")
		doc = page(t, county, "/people/quality?rule=everything", http.StatusUnprocessableEntity)
		doc.One(t, ".field.invalid select[name=rule]")

		// The report is paged on the server: two findings fill no second page.
		doc = page(t, county, "/people/quality?size=20&page=2", http.StatusOK)
		if n := len(doc.Find("tr.finding-row")); n != 0 {
			t.Errorf("page 2 of 2 findings shows %d", n)
		}

		// The export: one row per finding, under the report's headers.
		link := page(t, c, "/people/quality", http.StatusOK).One(t, "a[href^=/people/quality/export]")
		body, _ := download(t, c.Get(link.Attr("href")), xlsxType)
		f, err := excelize.OpenReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := f.GetRows(f.GetSheetList()[0])
		f.Close()
		head := []string{zh("qualityui.col.org"), zh("qualityui.col.person"), zh("qualityui.col.rule"), zh("qualityui.col.values"), zh("qualityui.col.why")}
		if len(rows) != 2 || strings.Join(rows[0], "|") != strings.Join(head, "|") {
			t.Fatalf("export rows %q, want the headers and one finding", rows)
		}
		if got := rows[1]; got[0] != env.Tree.VillageA.Name || got[1] != "吴小明" || got[2] != zh(rule.NameKey()) || got[4] != zh(rule.WhyKey(), 17, 18) {
			t.Errorf("exported finding %q", got)
		}

		// A run is shown again until it is run anew.
		late := plantYoungMember(t, env, env.Tree.VillageA.ID, "吴小亮", 45, 16)
		if _, ok := findingRows(page(t, c, "/people/quality", http.StatusOK))[late.Person.ID]; ok {
			t.Error("the report ran the audit again without being asked")
		}
		recheck := page(t, c, "/people/quality", http.StatusOK).One(t, ".quality-run a").Attr("href")
		if _, ok := findingRows(page(t, c, recheck, http.StatusOK))[late.Person.ID]; !ok {
			t.Errorf("checking again (%s) does not find the member planted since", recheck)
		}

		// The report needs clear ID numbers: a leader may not run it.
		leader := env.Client(t, access.Leader)
		page(t, leader, "/people/quality", http.StatusForbidden)
		page(t, leader, "/people/quality/export", http.StatusForbidden)
	})
}

// TestQualityPagesLocales renders the report, and the report refusing a
// filter, in every locale through the real handlers.
func TestQualityPagesLocales(t *testing.T) {
	env := apptest.New(t)
	plantYoungMember(t, env, env.Tree.VillageA.ID, "吴小明", 41, 17)
	c := env.Client(t, access.CountyStaff)
	for _, loc := range i18n.Locales {
		for _, path := range []string{"/people/quality?lang=", "/people/quality?rule=x&lang="} {
			resp := c.Get(path + string(loc))
			body := apptest.Body(t, resp)
			if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("%s %s: %d", loc, path, resp.StatusCode)
			}
			if m := missingKeyRE.FindAllString(body, -1); len(m) > 0 {
				t.Errorf("%s %s: missing catalog keys %v", loc, path, m)
			}
			if got := web.ParseHTML(t, body).One(t, "html").Attr("lang"); got != string(loc) {
				t.Errorf("%s %s: lang %q", loc, path, got)
			}
		}
	}
}
