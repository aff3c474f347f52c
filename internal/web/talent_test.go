package web_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"zugong/internal/access"
	"zugong/internal/app/apptest"
	"zugong/internal/civil"
	"zugong/internal/person"
	"zugong/internal/talent"
	"zugong/internal/web"
)

// talentWork is an application with talent work in it, over the sixty
// days before today: 张水生 of township A founded an entity and works in it
// part-time, bringing technology and 200,000 yuan, and taught 25 people;
// 刘电商, a cadre of township A, served before the period; 李养殖 of
// township B guided 40 people in it, after an engagement that ended long
// before.
type talentWork struct {
	env                     *apptest.Env
	today, from             civil.Date
	farmer, cadre, other    string
	entity                  string
	engagement, oldEngaged  string
	servedA, servedB, early string
}

func talentDossier(orgID, name string, seq int, cadre bool, skill person.Skill) *person.Dossier {
	d := web.SampleDossier(orgID, name, seq)
	d.Party = nil
	if !cadre {
		d.Cadre = nil
	}
	d.Talent = &person.Talent{Category: person.TalentRural, Skills: []person.Skill{skill}, Availability: person.Available,
		Forms: []person.FlowForm{person.FlowPartTime, person.FlowLeavePost}, Region: "411724"}
	return d
}

func newTalentWork(t *testing.T, env *apptest.Env) *talentWork {
	t.Helper()
	ctx := env.Principal(t, access.CountyStaff)
	today := civil.Today(mustZone(t, "Asia/Shanghai"))
	w := &talentWork{env: env, today: today, from: today.AddDays(-60)}
	savePerson := func(d *person.Dossier) string {
		t.Helper()
		saved, err := env.App.People.Save(ctx, d)
		if err != nil {
			t.Fatalf("save %s: %v", d.Person.Name, err)
		}
		return saved.Person.ID
	}
	w.farmer = savePerson(talentDossier(env.Tree.VillageA.ID, "张水生", 11, false, person.Skill{Name: "水产养殖", Level: 4}))
	w.cadre = savePerson(talentDossier(env.Tree.VillageA.ID, "刘电商", 13, true, person.Skill{Name: "农村电商运营", Level: 3}))
	w.other = savePerson(talentDossier(env.Tree.VillageB.ID, "李养殖", 15, false, person.Skill{Name: "水产养殖", Level: 5}))

	r := env.App.Talent
	en, err := r.SaveEntity(ctx, &talent.Entity{OrgID: env.Tree.VillageA.ID, Name: "正阳县鱼跃水产有限公司", Type: talent.Company,
		CreditCode: "91110000100000243J", RegisteredCapital: 500_000, Founded: today.AddDays(-40), Jobs: 8, Founders: []string{w.farmer}})
	if err != nil {
		t.Fatalf("save the entity: %v", err)
	}
	w.entity = en.ID
	engage := func(e talent.Engagement) string {
		t.Helper()
		saved, err := r.SaveEngagement(ctx, &e)
		if err != nil {
			t.Fatalf("save the engagement of %s: %v", e.TalentID, err)
		}
		return saved.ID
	}
	w.engagement = engage(talent.Engagement{TalentID: w.farmer, EntityID: w.entity, Form: talent.PartTime,
		Factors: []talent.Factor{{Kind: talent.Technology}, {Kind: talent.Capital, Amount: 200_000}},
		Start:   today.AddDays(-50), Status: talent.Active})
	w.oldEngaged = engage(talent.Engagement{TalentID: w.other, EntityID: w.entity, Form: talent.Advisor,
		Factors: []talent.Factor{{Kind: talent.Information}}, Start: today.AddDays(-400), End: today.AddDays(-200),
		Status: talent.Ended})
	serve := func(s talent.Service) string {
		t.Helper()
		saved, err := r.SaveService(ctx, &s)
		if err != nil {
			t.Fatalf("save the service of %s: %v", s.TalentID, err)
		}
		return saved.ID
	}
	w.servedA = serve(talent.Service{TalentID: w.farmer, Date: today.AddDays(-10), Kind: talent.Teaching, Beneficiaries: 25,
		Evidence: "正政〔2026〕3号"})
	w.servedB = serve(talent.Service{TalentID: w.other, Date: today.AddDays(-20), Kind: talent.TechnicalGuidance,
		Beneficiaries: 40, Evidence: "签到表"})
	w.early = serve(talent.Service{TalentID: w.cadre, Date: today.AddDays(-100), Kind: talent.Marketing, Beneficiaries: 100,
		Evidence: "直播记录"})
	return w
}

// period is the query of the work's sixty days.
func (w *talentWork) period() string {
	return url.Values{"from": {w.from.String()}, "to": {w.today.String()}}.Encode()
}

// rowIDsOf returns the data-id of the rows of class row on a page.
func rowIDsOf(doc *web.Node, row string) []string {
	var ids []string
	for _, r := range doc.Find("tr." + row) {
		ids = append(ids, r.Attr("data-id"))
	}
	slices.Sort(ids)
	return ids
}

func sorted(ids ...string) []string {
	slices.Sort(ids)
	return ids
}

// TestTalentDashboardDrillsDown checks each headline figure against the
// records, then follows its link: the listing shows exactly the records
// the figure counts.
func TestTalentDashboardDrillsDown(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		w := newTalentWork(t, env)
		c := env.Client(t, access.CountyStaff)
		doc := page(t, c, "/talent?"+w.period(), http.StatusOK)
		for sel, want := range map[string]string{"#fig-pool": "3", "#fig-taking-part": "2", "#fig-entities": "1",
			"#fig-person-times": "65", "#fig-engagements": "1"} {
			if got := doc.One(t, sel).Text(); got != want {
				t.Errorf("%s = %s, want %s", sel, got, want)
			}
		}
		if got := doc.One(t, "#fig-capital").Text(); got != zh("talent.dash.capital", "20.00") {
			t.Errorf("capital %q, want 20.00 万元", got)
		}
		drill := []struct {
			figure, row string
			want        []string
		}{
			{"#fig-taking-part", "talent-row", sorted(w.farmer, w.other)},
			{"#fig-entities", "entity-row", []string{w.entity}},
			{"#fig-person-times", "service-row", sorted(w.servedA, w.servedB)},
			{"#fig-engagements", "engagement-row", []string{w.engagement}},
		}
		for _, d := range drill {
			href := doc.One(t, d.figure).Attr("href")
			if !strings.Contains(href, "from="+w.from.String()) {
				t.Errorf("%s links to %s, without the period", d.figure, href)
			}
			if got := rowIDsOf(page(t, c, href, http.StatusOK), d.row); !slices.Equal(got, d.want) {
				t.Errorf("%s (%s) lists %v, want %v", d.figure, href, got, d.want)
			}
		}
		var partTime string
		for _, a := range doc.Find("table.bars a") {
			if strings.Contains(a.Attr("href"), "form=part_time") {
				partTime = a.Attr("href")
			}
		}
		if got := rowIDsOf(page(t, c, partTime, http.StatusOK), "engagement-row"); !slices.Equal(got, []string{w.engagement}) {
			t.Errorf("the part-time bar (%q) lists %v", partTime, got)
		}

		// Without a period the dashboard counts from 1 January to today.
		doc = page(t, c, "/talent", http.StatusOK)
		start := civil.Date{Year: w.today.Year, Month: 1, Day: 1}
		if got := doc.One(t, "input[name=from]").Attr("value"); got != start.String() {
			t.Errorf("default from %q, want %s", got, start)
		}
		if got := doc.One(t, "input[name=to]").Attr("value"); got != w.today.String() {
			t.Errorf("default to %q, want %s", got, w.today)
		}
	})
}

// TestTalentPoolIsScoped shows a township organiser their township's
// talents only: another township's talent is not found.
func TestTalentPoolIsScoped(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		w := newTalentWork(t, env)
		c := env.Client(t, access.TownshipOrganiser)
		if got := rowIDsOf(page(t, c, "/talent/pool", http.StatusOK), "talent-row"); !slices.Equal(got, sorted(w.farmer, w.cadre)) {
			t.Errorf("township A's pool lists %v, want its two talents", got)
		}
		project, err := env.App.Talent.SaveProject(env.Principal(t, access.CountyStaff), &talent.Project{OrgID: env.Tree.TownA.ID,
			Owner: talent.Owner{Kind: talent.OwnerOrganisation, ID: env.Tree.TownA.ID, Name: env.Tree.TownA.Name},
			Title: "千亩鱼塘提质项目", Description: "鱼塘改造与养殖技术指导",
			Skills: []talent.Requirement{{Skill: "养殖", MinLevel: 3, Weight: 2}, {Skill: "电商", MinLevel: 2, Weight: 1}},
			Forms:  []talent.Form{talent.PartTime}, Region: "411724", Start: w.today.AddDays(-10), End: w.today.AddDays(400),
			Openings: 2, Deadline: w.today.AddDays(200), Visibility: talent.Public})
		if err != nil {
			t.Fatalf("save the project: %v", err)
		}
		page(t, c, "/talent/pool/"+w.other, http.StatusNotFound)
		page(t, c, "/talent/pool/"+w.other+"/edit", http.StatusNotFound)
		doc := page(t, c, "/talent/pool/"+w.farmer, http.StatusOK)
		if got := rowIDsOf(doc, "engagement-row"); !slices.Equal(got, []string{w.engagement}) {
			t.Errorf("the profile lists engagements %v", got)
		}
		if got := rowIDsOf(doc, "service-row"); !slices.Equal(got, []string{w.servedA}) {
			t.Errorf("the profile lists services %v", got)
		}
		match := doc.One(t, "tr.match-row")
		if match.Attr("data-id") != project.ID || match.One(t, "a").Attr("href") != "/talent/projects/"+project.ID {
			t.Errorf("the match links to %q", match.One(t, "a").Attr("href"))
		}
		if got := match.One(t, "td.matched").Text(); got != zh("talent.profile.matched_skill", "养殖", "水产养殖", 4) {
			t.Errorf("matched %q", got)
		}
		if got := match.One(t, "td.missing").Text(); got != zh("talent.profile.missing_skill", "电商", 2) {
			t.Errorf("missing %q", got)
		}
		if n := len(doc.Find("#edit-profile")); n != 1 {
			t.Errorf("%d edit links, want 1", n)
		}
		if got := rowIDsOf(page(t, c, "/talent/services", http.StatusOK), "service-row"); !slices.Equal(got, sorted(w.servedA, w.early)) {
			t.Errorf("township A's services %v, want its own two", got)
		}
	})
}

// TestTalentProfileEdit saves a profile through the form, and refuses a
// skill line without its level, keeping what was typed.
func TestTalentProfileEdit(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		w := newTalentWork(t, env)
		c := env.Client(t, access.TownshipOrganiser)
		doc := page(t, c, "/talent/pool/"+w.farmer+"/edit", http.StatusOK)
		if got := doc.One(t, "textarea[name=skills]").Text(); got != "水产养殖 4" {
			t.Errorf("skills shown as %q", got)
		}
		form := url.Values{"version": {doc.One(t, "input[name=version]").Attr("value")}, "category": {"professional"},
			"titles": {"高级农艺师"}, "skills": {"水产养殖 5\n稻渔综合种养 3"}, "availability": {"part_time"},
			"forms": {"part_time", "equity"}, "region": {"411724"}}
		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Set("skills", "水产养殖 5\n稻渔综合种养")
		_, doc = post(t, c, "/talent/pool/"+w.farmer+"/edit", bad, http.StatusUnprocessableEntity)
		if got, want := fieldErrors(doc)["skills"], zh("talent.profile.skill_line", 2); got != want {
			t.Errorf("skills error %q, want %q", got, want)
		}
		if got := doc.One(t, "select[name=category] option[selected]").Attr("value"); got != "professional" {
			t.Errorf("category kept as %q", got)
		}
		post(t, c, "/talent/pool/"+w.farmer+"/edit", form, http.StatusSeeOther)
		d, err := env.App.Talent.Profile(env.Principal(t, access.CountyStaff), w.farmer)
		if err != nil {
			t.Fatal(err)
		}
		if d.Talent.Category != person.TalentProfessional || len(d.Talent.Skills) != 2 || d.Talent.Skills[1].Name != "稻渔综合种养" ||
			!slices.Equal(d.Talent.Forms, []person.FlowForm{person.FlowPartTime, person.FlowEquity}) {
			t.Errorf("saved %+v", d.Talent)
		}
	})
}

// TestEngagementFormRefusesBadInput posts an engagement that ends before
// it starts, of a cadre leaving their post without approval: 422, each
// problem beside its field, what was typed kept, nothing written.
func TestEngagementFormRefusesBadInput(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		w := newTalentWork(t, env)
		c := env.Client(t, access.TownshipOrganiser)
		before := countRows(t, env, "talent_engagements")
		form := url.Values{"talent_id": {w.cadre}, "entity_id": {w.entity}, "form": {"leave_post"}, "factors": {"technology"},
			"start": {"2026-03-01"}, "end": {"2026-02-01"}, "status": {"active"}, "public_employee": {"1"}}
		_, doc := post(t, c, "/talent/engagements", form, http.StatusUnprocessableEntity)
		if got, want := fieldErrors(doc)["end"], zh("talent.end_before_start"); got != want {
			t.Errorf("end error %q, want %q", got, want)
		}
		if got, want := doc.One(t, "#approval-error").Text(), zh("talent.engagement.approval_required"); got != want {
			t.Errorf("approval error %q, want %q", got, want)
		}
		for name, want := range map[string]string{"talent_id": w.cadre, "entity_id": w.entity, "start": "2026-03-01", "end": "2026-02-01"} {
			if got := doc.One(t, "input[name="+name+"]").Attr("value"); got != want {
				t.Errorf("%s kept as %q, want %q", name, got, want)
			}
		}
		if got := doc.One(t, ".talent-name").Text(); got != "刘电商" {
			t.Errorf("the talent is named %q", got)
		}
		if !doc.One(t, "input[name=factors][value=technology]").HasAttr("checked") {
			t.Error("the factor was not kept")
		}

		// A date that cannot be read shows with the other problems.
		form.Set("start", "2026-02-30")
		form.Set("capital", "5万")
		_, doc = post(t, c, "/talent/engagements", form, http.StatusUnprocessableEntity)
		errs := fieldErrors(doc)
		if errs["start"] != zh("field.date") || errs["capital"] != zh("talent.engagements.capital_unticked") {
			t.Errorf("errors %v", errs)
		}
		if len(doc.Find("#approval-error")) != 1 {
			t.Error("the missing approval is not shown with an unreadable date")
		}
		if n := countRows(t, env, "talent_engagements"); n != before {
			t.Errorf("%d engagements after refusals, want %d", n, before)
		}

		// Corrected, with the approval, it is recorded.
		ok := url.Values{"talent_id": {w.cadre}, "entity_id": {w.entity}, "form": {"leave_post"}, "factors": {"technology", "capital"},
			"capital": {"50000"}, "start": {"2026-03-01"}, "end": {"2027-02-28"}, "status": {"active"}, "public_employee": {"1"},
			"approval.unit": {env.Tree.TownA.ID}, "approval.approver": {"李书记"}, "approval.date": {"2026-02-20"}}
		resp, _ := post(t, c, "/talent/engagements", ok, http.StatusSeeOther)
		if got := resp.Header.Get("Location"); got != "/talent/pool/"+w.cadre {
			t.Errorf("redirected to %q", got)
		}
		if n := countRows(t, env, "talent_engagements"); n != before+1 {
			t.Errorf("%d engagements, want %d", n, before+1)
		}
	})
}

// TestServiceVerification refuses a service without evidence, then lets
// staff verify a talent's own report from the listing: it counts in the
// figures from then on.
func TestServiceVerification(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		w := newTalentWork(t, env)
		c := env.Client(t, access.TownshipOrganiser)
		before := countRows(t, env, "talent_services")
		_, doc := post(t, c, "/talent/services", url.Values{"talent_id": {w.farmer}, "date": {w.today.String()}, "kind": {"teaching"},
			"beneficiaries": {"0"}}, http.StatusUnprocessableEntity)
		errs := fieldErrors(doc)
		if errs["beneficiaries"] != zh("talent.service.beneficiaries_positive") || errs["evidence"] != zh("talent.service.evidence_required") {
			t.Errorf("errors %v", errs)
		}
		if n := countRows(t, env, "talent_services"); n != before {
			t.Errorf("%d services after a refusal, want %d", n, before)
		}

		a := env.Tree.TownA
		own := access.With(context.Background(), &access.Principal{UserID: "u-talent", Login: "talent", PersonID: w.cadre,
			Grants: []access.Grant{{Role: access.Talent, ScopeOrgID: a.ID, ScopePath: a.Path, JurisdictionID: a.JurisdictionID}}})
		reported, err := env.App.Talent.SaveService(own, &talent.Service{TalentID: w.cadre, Date: w.today.AddDays(-5),
			Kind: talent.Marketing, Beneficiaries: 100, Evidence: "直播记录"})
		if err != nil {
			t.Fatal(err)
		}
		pending := "/talent/services?status=pending"
		doc = page(t, c, pending, http.StatusOK)
		if got := rowIDsOf(doc, "service-row"); !slices.Equal(got, []string{reported.ID}) {
			t.Fatalf("pending services %v, want the report", got)
		}
		form := doc.One(t, "tr.service-row form")
		resp, _ := post(t, c, form.Attr("action"), url.Values{"back": {doc.One(t, "tr.service-row input[name=back]").Attr("value")}},
			http.StatusSeeOther)
		if got := resp.Header.Get("Location"); got != pending {
			t.Errorf("returned to %q, want %q", got, pending)
		}
		if n := len(page(t, c, pending, http.StatusOK).Find("tr.service-row")); n != 0 {
			t.Errorf("%d services still pending", n)
		}
		doc = page(t, c, "/talent?"+w.period(), http.StatusOK)
		if got := doc.One(t, "#fig-person-times").Text(); got != "125" {
			t.Errorf("township A's person-times %s, want 25 + 100", got)
		}
	})
}
