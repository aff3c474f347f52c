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

// market is an application with two talents of village A: 张水生, a fish
// farmer, and 王建业, who runs online shops.
type market struct {
	env           *apptest.Env
	staff         context.Context
	farmer, shops string
	today         civil.Date
}

func newMarket(t *testing.T, env *apptest.Env) *market {
	t.Helper()
	m := &market{env: env, staff: env.Principal(t, access.CountyStaff), today: civil.Today(mustZone(t, "Asia/Shanghai"))}
	save := func(name string, seq int, skill person.Skill) string {
		t.Helper()
		d := web.SampleDossier(env.Tree.VillageA.ID, name, seq)
		d.Party.BranchID = env.Tree.BranchA.ID
		d.Talent = &person.Talent{Category: person.TalentRural, Skills: []person.Skill{skill}, Availability: person.Available,
			Forms: []person.FlowForm{person.FlowPartTime, person.FlowAdvisor}, Region: "411724"}
		saved, err := env.App.People.Save(m.staff, d)
		if err != nil {
			t.Fatalf("save %s: %v", name, err)
		}
		return saved.Person.ID
	}
	m.farmer = save("张水生", 11, person.Skill{Name: "水产养殖", Level: 4})
	m.shops = save("王建业", 13, person.Skill{Name: "农村电商运营", Level: 3})
	return m
}

// projectForm is a valid project form of township A seeking an
// aquaculture expert.
func (m *market) projectForm() url.Values {
	return url.Values{"org_id": {m.env.Tree.TownA.ID}, "owner_kind": {"organisation"}, "owner_id": {m.env.Tree.TownA.ID},
		"owner_name": {"真阳镇人民政府"}, "title": {"稻虾共养示范基地"}, "description": {"建设稻虾共养示范基地，需要养殖技术指导。"},
		"skills": {"水产养殖 3 2\n农村电商 2 1"}, "categories": {"rural_practical"}, "forms": {"part_time", "advisor"},
		"region": {"411724"}, "start": {m.today.String()}, "end": {m.today.AddDays(365).String()}, "openings": {"2"},
		"deadline": {m.today.AddDays(30).String()}, "visibility": {"internal"}}
}

func (m *market) countProjects(t *testing.T) int {
	t.Helper()
	n, err := m.env.App.Talent.CountProjects(m.staff, talent.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// createProject posts the form and returns the new project's ID.
func (m *market) createProject(t *testing.T, c *apptest.Client, form url.Values) string {
	t.Helper()
	resp, _ := post(t, c, "/talent/projects", form, http.StatusSeeOther)
	id, ok := strings.CutPrefix(resp.Header.Get("Location"), "/talent/projects/")
	if !ok || id == "" {
		t.Fatalf("Location %q, want the new project", resp.Header.Get("Location"))
	}
	return id
}

// pendingApplication returns the pending application or invitation of
// person for project.
func (m *market) pendingApplication(t *testing.T, project, person string) string {
	t.Helper()
	apps, err := m.env.App.Talent.Applications(m.staff, talent.Filter{ProjectID: project})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range apps {
		if a.TalentID == person && a.Status == talent.Pending {
			return a.ID
		}
	}
	t.Fatalf("no pending application of %s for %s in %v", person, project, apps)
	return ""
}

func TestMarketProjectInviteAccept(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		m := newMarket(t, env)
		staff := env.Client(t, access.CountyStaff)
		id := m.createProject(t, staff, m.projectForm())

		doc := page(t, staff, "/talent/projects", http.StatusOK)
		rows := doc.Find("table.projects tr.project-row[data-id=" + id + "]")
		if len(rows) != 1 {
			t.Fatalf("the listing has %d rows of the new project, want 1", len(rows))
		}
		if got := rows[0].Find("td.name a")[0].Text(); got != "稻虾共养示范基地" {
			t.Errorf("listed title %q", got)
		}
		if got := rows[0].Find("td.filled")[0].Text(); got != "0/2" {
			t.Errorf("listed openings %q, want 0/2", got)
		}
		doc = page(t, staff, "/talent/projects?status=closed", http.StatusOK)
		if n := len(doc.Find("tr.project-row")); n != 0 {
			t.Errorf("closed projects: %d rows, want none", n)
		}

		doc = page(t, staff, "/talent/projects/"+id, http.StatusOK)
		match := doc.One(t, "article.match[data-person="+m.farmer+"]")
		matched := false
		for _, td := range match.Find("td.matched") {
			matched = matched || strings.Contains(td.Text(), "水产养殖")
		}
		if !matched {
			t.Error("the farmer's explanation does not name the matched skill 水产养殖")
		}
		if len(match.Find("tr.part-row.missing")) != 1 {
			t.Error("the farmer's explanation does not show the missing 农村电商")
		}
		post(t, staff, "/talent/projects/"+id+"/invitations", url.Values{"talent": {m.farmer}, "form": {"part_time"},
			"factors": {"technology"}, "message": {"诚邀参与"}}, http.StatusSeeOther)
		doc = page(t, staff, "/talent/projects/"+id, http.StatusOK)
		inv := doc.One(t, "tr.application-row[data-talent="+m.farmer+"]")
		if inv.Attr("data-status") != "pending" || len(inv.Find("form.withdraw-form")) != 1 {
			t.Errorf("the invitation is %q, want pending with the owner's withdraw button", inv.Attr("data-status"))
		}

		// The talent account, linked to the farmer, answers the invitation.
		admin := env.Principal(t, access.SystemAdmin)
		if err := env.App.Users.LinkPerson(admin, env.Accounts[access.Talent].ID, m.farmer); err != nil {
			t.Fatal(err)
		}
		me := env.Client(t, access.Talent)
		appID := m.pendingApplication(t, id, m.farmer)
		doc = page(t, me, "/me/market", http.StatusOK)
		row := doc.One(t, "tr.application-row[data-id="+appID+"]")
		if len(row.Find("form.accept-form")) != 1 {
			t.Fatal("the talent's invitation has no accept button")
		}
		post(t, me, "/me/applications/"+appID+"/accept", url.Values{}, http.StatusSeeOther)
		es, err := env.App.Talent.Engagements(m.staff, talent.Filter{ProjectID: id})
		if err != nil {
			t.Fatal(err)
		}
		if len(es) != 1 || es[0].TalentID != m.farmer || es[0].Form != talent.PartTime {
			t.Fatalf("engagements of the project: %+v, want the farmer's, part-time", es)
		}
		doc = page(t, me, "/me/market", http.StatusOK)
		if got := doc.One(t, "tr.application-row[data-id="+appID+"]").Attr("data-status"); got != "accepted" {
			t.Errorf("the invitation is %q, want accepted", got)
		}
		doc = page(t, staff, "/talent/projects", http.StatusOK)
		if got := doc.One(t, "tr.project-row[data-id="+id+"] td.filled").Text(); got != "1/2" {
			t.Errorf("listed openings %q after acceptance, want 1/2", got)
		}
	})
}

func TestMarketProjectFormRefusesBadInput(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		m := newMarket(t, env)
		staff := env.Client(t, access.CountyStaff)
		form := m.projectForm()
		form.Set("title", " ")
		form.Set("skills", "水产养殖 3 2\n电商 2\n水产养殖 9 1")
		form.Set("end", "2020-02-30")
		_, doc := post(t, staff, "/talent/projects", form, http.StatusUnprocessableEntity)
		errs := fieldErrors(doc)
		if errs["title"] != zh("field.required") {
			t.Errorf("title error %q, want field.required", errs["title"])
		}
		if errs["end"] != zh("field.date") {
			t.Errorf("end error %q, want field.date", errs["end"])
		}
		if errs["skills"] != zh("market.project.skill_line", 2) {
			t.Errorf("skills error %q, want line 2 unreadable", errs["skills"])
		}
		// Text folds the lines' breaks into spaces.
		if got := doc.One(t, "textarea[name=skills]").Text(); got != "水产养殖 3 2 电商 2 水产养殖 9 1" {
			t.Errorf("skills kept as %q", got)
		}
		if got := doc.One(t, "input[name=owner_name]").Attr("value"); got != "真阳镇人民政府" {
			t.Errorf("owner kept as %q", got)
		}
		if !doc.One(t, "input[name=forms][value=advisor]").HasAttr("checked") {
			t.Error("the advisor form is not kept ticked")
		}

		// Readable lines that break the rules are named by line.
		form = m.projectForm()
		form.Set("skills", "水产养殖 3 2\n\n水产养殖 9 1")
		_, doc = post(t, staff, "/talent/projects", form, http.StatusUnprocessableEntity)
		var lines []string
		for _, li := range doc.Find("ul.skill-problems li") {
			lines = append(lines, li.Attr("data-line"))
		}
		if strings.Join(lines, ",") != "3,3" {
			t.Errorf("problems on lines %v, want the duplicate and the level of line 3", lines)
		}
		if n := m.countProjects(t); n != 0 {
			t.Errorf("%d projects written, want 0", n)
		}
	})
}

func TestMarketSelfService(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		m := newMarket(t, env)
		me := env.Client(t, access.Talent)
		// Not linked to a person yet: told so, not a failure.
		doc := page(t, me, "/me/talent", http.StatusForbidden)
		if got := doc.One(t, "main").Text(); !strings.Contains(got, zh("me.no_person")) {
			t.Errorf("unlinked page says %q, want %q", got, zh("me.no_person"))
		}

		staff := env.Client(t, access.CountyStaff)
		id := m.createProject(t, staff, m.projectForm())
		post(t, staff, "/talent/projects/"+id+"/invitations", url.Values{"talent": {m.shops}, "form": {"advisor"},
			"factors": {"information"}}, http.StatusSeeOther)
		others := m.pendingApplication(t, id, m.shops)

		admin := env.Principal(t, access.SystemAdmin)
		if err := env.App.Users.LinkPerson(admin, env.Accounts[access.Talent].ID, m.farmer); err != nil {
			t.Fatal(err)
		}
		doc = page(t, me, "/me/talent", http.StatusOK)
		var nav []string
		for _, a := range doc.Find("nav.main a") {
			nav = append(nav, a.Attr("href"))
		}
		if !slices.Contains(nav, "/me/market") || slices.Contains(nav, "/talent") {
			t.Errorf("a talent's menu links %v, want their own pages and no staff pages", nav)
		}
		if got := doc.One(t, "textarea[name=skills]").Text(); !strings.Contains(got, "水产养殖 4") {
			t.Errorf("own profile shows skills %q, want 水产养殖 4", got)
		}
		profile := url.Values{"category": {"rural_practical"}, "availability": {"available"}, "region": {"411724"},
			"skills": {"水产养殖 5\n稻田综合种养"}, "forms": {"part_time"},
			"version": {doc.One(t, "input[name=version]").Attr("value")}}
		_, doc = post(t, me, "/me/talent", profile, http.StatusUnprocessableEntity)
		if got := fieldErrors(doc)["skills"]; got != zh("talent.profile.skill_line", 2) {
			t.Errorf("skills error %q, want line 2 unreadable", got)
		}
		profile.Set("skills", "水产养殖 5\n稻田综合种养 3")
		post(t, me, "/me/talent", profile, http.StatusSeeOther)
		d, err := env.App.Talent.Profile(m.staff, m.farmer)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Talent.Skills) != 2 || d.Talent.Skills[1] != (person.Skill{Name: "稻田综合种养", Level: 3}) {
			t.Errorf("saved skills %v, want the two typed", d.Talent.Skills)
		}

		// Another talent's invitation is not found.
		for _, step := range []string{"accept", "decline", "withdraw"} {
			path := "/me/applications/" + others + "/" + step
			resp := me.PostForm(path, url.Values{})
			if body := apptest.Body(t, resp); resp.StatusCode != http.StatusNotFound {
				t.Errorf("POST %s: status %d, want 404\n%s", path, resp.StatusCode, body)
			}
		}
		if id := m.pendingApplication(t, id, m.shops); id != others {
			t.Errorf("the other talent's invitation changed")
		}

		// The farmer applies to the project offered to them.
		doc = pageOK(t, me, "/me/market")
		doc.One(t, "article.match[data-project="+id+"] form.apply-form")
		_, doc = post(t, me, "/me/market/"+id+"/apply", url.Values{"form": {"equity"}, "factors": {"technology"}},
			http.StatusUnprocessableEntity)
		if got := fieldErrors(doc)["form"]; got != zh("talent.application.form_not_allowed") {
			t.Errorf("form error %q, want the project's forms only", got)
		}
		post(t, me, "/me/market/"+id+"/apply", url.Values{"form": {"part_time"}, "factors": {"technology", "capital"},
			"capital": {"50000"}}, http.StatusSeeOther)
		mine := m.pendingApplication(t, id, m.farmer)
		row := pageOK(t, me, "/me/market").One(t, "tr.application-row[data-id="+mine+"]")
		if len(row.Find("form.withdraw-form")) != 1 || len(row.Find("form.accept-form")) != 0 {
			t.Error("the talent's own application offers no withdraw, or offers accept")
		}

		// A service report waits for verification. It is dated yesterday:
		// the store's today is UTC's, a day behind Shanghai's after midnight.
		served := m.today.AddDays(-1).String()
		_, doc = post(t, me, "/me/services", url.Values{"date": {served}, "kind": {"teaching"},
			"beneficiaries": {"30"}}, http.StatusUnprocessableEntity)
		if got := fieldErrors(doc)["evidence"]; got != zh("talent.service.evidence_required") {
			t.Errorf("evidence error %q", got)
		}
		post(t, me, "/me/services", url.Values{"date": {served}, "kind": {"teaching"}, "beneficiaries": {"30"},
			"evidence": {"签到表"}}, http.StatusSeeOther)
		svc := pageOK(t, me, "/me/market").Find("tr.service-row")
		if len(svc) != 1 || svc[0].Attr("data-verified") != "false" {
			t.Errorf("services listed: %d, want one unverified", len(svc))
		}
	})
}

func pageOK(t *testing.T, c *apptest.Client, path string) *web.Node {
	t.Helper()
	return page(t, c, path, http.StatusOK)
}

func TestMarketAcceptNeedsApproval(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		m := newMarket(t, env)
		staff := env.Client(t, access.CountyStaff)
		form := m.projectForm()
		form["forms"] = []string{"part_time", "leave_post"}
		id := m.createProject(t, staff, form)
		admin := env.Principal(t, access.SystemAdmin)
		if err := env.App.Users.LinkPerson(admin, env.Accounts[access.Talent].ID, m.farmer); err != nil {
			t.Fatal(err)
		}
		me := env.Client(t, access.Talent)
		post(t, me, "/me/market/"+id+"/apply", url.Values{"form": {"leave_post"}, "factors": {"technology"}}, http.StatusSeeOther)
		appID := m.pendingApplication(t, id, m.farmer)

		// The farmer holds a cadre post: leaving it needs the home unit's
		// approval, asked for beside the application.
		_, doc := post(t, staff, "/talent/applications/"+appID+"/accept", url.Values{"project": {id}},
			http.StatusUnprocessableEntity)
		row := doc.One(t, "tr.application-row[data-id="+appID+"]")
		if got := row.One(t, ".field-error").Text(); got != zh("talent.engagement.approval_required") {
			t.Errorf("approval error %q, want approval_required", got)
		}
		if !row.One(t, "details").HasAttr("open") {
			t.Error("the approval fields are not opened")
		}
		post(t, staff, "/talent/applications/"+appID+"/accept", url.Values{"project": {id}, "approver": {"张明"},
			"approval_date": {m.today.AddDays(-3).String()}, "document": {"正人社〔2026〕3号"}}, http.StatusSeeOther)
		es, err := env.App.Talent.Engagements(m.staff, talent.Filter{ProjectID: id})
		if err != nil {
			t.Fatal(err)
		}
		if len(es) != 1 || es[0].Approval == nil || es[0].Approval.Approver != "张明" || es[0].Form != talent.LeavePost {
			t.Fatalf("engagements %+v, want the farmer's leave of post approved by 张明", es)
		}
	})
}

func TestMarketProjectEditAndWithdraw(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		m := newMarket(t, env)
		staff := env.Client(t, access.CountyStaff)
		id := m.createProject(t, staff, m.projectForm())

		doc := page(t, staff, "/talent/projects/"+id+"/edit", http.StatusOK)
		if got := doc.One(t, "textarea[name=skills]").Text(); got != "水产养殖 3 2 农村电商 2 1" {
			t.Errorf("the edit form shows skills %q", got)
		}
		form := m.projectForm()
		form.Set("title", "稻虾共养示范基地（二期）")
		form.Set("version", doc.One(t, "input[name=version]").Attr("value"))
		post(t, staff, "/talent/projects/"+id, form, http.StatusSeeOther)
		doc = page(t, staff, "/talent/projects", http.StatusOK)
		if got := doc.One(t, "tr.project-row[data-id="+id+"] td.name a").Text(); got != "稻虾共养示范基地（二期）" {
			t.Errorf("listed title %q after the edit", got)
		}
		// The form's version is now stale.
		post(t, staff, "/talent/projects/"+id, form, http.StatusConflict)

		// A leader reads the market but invites no one.
		leader := page(t, env.Client(t, access.Leader), "/talent/projects/"+id, http.StatusOK)
		leader.One(t, "article.match[data-person="+m.farmer+"]")
		if n := len(leader.Find("form.invite-form")); n != 0 {
			t.Errorf("the leader sees %d invite forms, want none", n)
		}

		post(t, staff, "/talent/projects/"+id+"/invitations", url.Values{"talent": {m.shops}, "form": {"advisor"},
			"factors": {"information"}}, http.StatusSeeOther)
		inv := m.pendingApplication(t, id, m.shops)
		post(t, staff, "/talent/applications/"+inv+"/withdraw", url.Values{"project": {id}}, http.StatusSeeOther)
		doc = page(t, staff, "/talent/projects/"+id, http.StatusOK)
		if got := doc.One(t, "tr.application-row[data-id="+inv+"]").Attr("data-status"); got != "withdrawn" {
			t.Errorf("the invitation is %q, want withdrawn", got)
		}
		// A second invitation of the same talent is refused beside its form.
		post(t, staff, "/talent/projects/"+id+"/invitations", url.Values{"talent": {m.farmer}, "form": {"advisor"},
			"factors": {"information"}}, http.StatusSeeOther)
		_, doc = post(t, staff, "/talent/projects/"+id+"/invitations", url.Values{"talent": {m.farmer}, "form": {"advisor"},
			"factors": {"information"}}, http.StatusConflict)
		if got := doc.One(t, "article.match[data-person="+m.farmer+"] .alert").Text(); got != zh("talent.application.duplicate") {
			t.Errorf("duplicate invitation says %q", got)
		}
	})
}
