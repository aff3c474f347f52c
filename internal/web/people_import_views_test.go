package web

import (
	"bytes"
	"net/url"
	"strings"
	"testing"
	"time"

	"zugong/internal/civil"
	"zugong/internal/codes"
	"zugong/internal/i18n"
	"zugong/internal/org"
	"zugong/internal/person"
	"zugong/internal/quality"
)

// importSampleViews returns the import and data-quality pages with every
// branch that shows words taken.
func importSampleViews(page func(string) Page) map[string]viewer {
	imp := &ImportView{Page: page("import.title"), Form: invalidForm("file", "kind", "org_id"),
		Kinds:  []Choice{{Value: "people", Key: "import.kind.people"}, {Value: "party_members", Key: "import.kind.party_members"}},
		Target: &org.Org{ID: "o1", Name: "真阳镇"}, MaxUploadText: "1 MB", ProblemCount: 3, SheetProblems: true,
		Verified: true, Checked: 2, Result: &person.ImportResult{Created: 1, Updated: 2, Unchanged: 3},
		Problems: []ImportProblem{
			{File: "a.xlsx", Row: 3, Column: "G", Header: "公民身份号码", Value: "41172419780512001", Reason: Message{Key: "sheet.id.length"}},
			{File: "b.lrmx", HeaderKey: "sheet.col.birth_date", Value: "1978-05-12", Reason: Message{Key: "field.person.birth_date.id_mismatch", Args: []any{"1978-05-13"}}},
			{File: "a.xlsx", Record: 2, Header: "cadre.posts.0.title", Reason: Message{Key: "field.required"}}}}
	d := SampleDossier("o1", "王建国", 1)
	d.Person.ID = "p1"
	d.Party.JoinDate = civil.MustParse("1995-06-01")
	d.Person.Gender = "2"
	c := quality.NewChecker(quality.DefaultConfig(), civil.MustParse("2026-11-27"))
	c.Add(d)
	var rows []FindingRow
	for _, f := range c.Findings() {
		rows = append(rows, findingRow(f, "真阳镇", page("").Locale))
	}
	lq := newListQuery("/people/quality", url.Values{"rule": {quality.RulePartyBefore18}})
	q := &QualityView{Page: page("qualityui.title"), Filter: invalidForm("rule", "under"),
		Rules: ruleCounts(lq, c.Findings(), quality.RulePartyBefore18), Rows: rows,
		Pager: newPager(lq, 1, 20, len(rows), qualitySizes), Under: &org.Org{ID: "o1", Name: "真阳镇"}, UnderClear: "/people/quality",
		People: 1, Total: len(rows), CheckedAt: time.Date(2026, 3, 1, 8, 30, 0, 0, time.UTC),
		ExportURL: "/people/quality/export", RecheckURL: "/people/quality?fresh=1"}
	return map[string]viewer{pageImport: imp, pageQuality: q}
}

// importZeroViews are the import and data-quality pages with nothing but
// their Page.
func importZeroViews() map[string]viewer {
	return map[string]viewer{pageImport: &ImportView{}, pageQuality: &QualityView{}}
}

// TestQualityViewNamesEveryRule renders the sample report in every locale
// with real words: each finding names its rule, and codes are words.
func TestQualityViewNamesEveryRule(t *testing.T) {
	s := newTestServer(t)
	c := i18n.MustLoad()
	for _, loc := range i18n.Locales {
		v := importSampleViews(func(title string) Page { return samplePage(loc, title) })[pageQuality].(*QualityView)
		if len(v.Rows) < 2 {
			t.Fatalf("%s: the sample dossier gives %d findings, want the planted two", loc, len(v.Rows))
		}
		var buf bytes.Buffer
		if err := s.views.execute(&buf, pageQuality, v); err != nil {
			t.Fatal(err)
		}
		doc := ParseHTML(t, buf.String())
		row := doc.One(t, "tr.finding-row[data-rule="+quality.RulePartyBefore18+"]")
		rule, _ := quality.RuleByID(quality.RulePartyBefore18)
		if got, want := row.One(t, "td.rule").Text(), c.T(loc, rule.NameKey()); got != want {
			t.Errorf("%s: rule %q, want %q", loc, got, want)
		}
		if got := row.One(t, "td.why").Text(); !strings.Contains(got, "17") {
			t.Errorf("%s: why %q does not give the age at joining", loc, got)
		}
		gender := doc.One(t, "tr.finding-row[data-rule="+quality.RuleIDVsGender+"] td.values").Text()
		if want := codeLabel(codes.Gender, "1", loc); want == "1" || !strings.Contains(gender, want) {
			t.Errorf("%s: gender values %q do not name the code in words (%q)", loc, gender, want)
		}
		if n := len(doc.Find("table.rule-counts tr.rule-count")); n != len(quality.Rules) {
			t.Errorf("%s: %d rule counts, want %d", loc, n, len(quality.Rules))
		}
	}
}
