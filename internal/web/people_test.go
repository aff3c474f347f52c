package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"zugong/internal/access"
	"zugong/internal/app/apptest"
	"zugong/internal/audit"
	"zugong/internal/civil"
	"zugong/internal/i18n"
	"zugong/internal/person"
	"zugong/internal/web"
)

// registry is an application with people in it: two cadres in township A
// (one in its village, one in its branch) and one in township B.
type registry struct {
	env               *apptest.Env
	base              string
	inA, inA2, inB    *person.Dossier
	idA               string
	probationEndsSoon civil.Date
}

func newRegistry(t *testing.T, env *apptest.Env) *registry {
	t.Helper()
	ctx := env.Principal(t, access.CountyStaff)
	save := func(d *person.Dossier) *person.Dossier {
		t.Helper()
		saved, err := env.App.People.Save(ctx, d)
		if err != nil {
			t.Fatalf("save %s: %v", d.Person.Name, err)
		}
		return saved
	}
	today := civil.Today(mustZone(t, "Asia/Shanghai"))
	reg := &registry{env: env, base: env.Server.URL}

	a := web.SampleDossier(env.Tree.VillageA.ID, "王建国", 1)
	a.Party.BranchID = env.Tree.BranchA.ID
	// Appointed on probation a year less ten days ago: it ends in ten days.
	a.Cadre.Posts[0].Appointed.Date = civil.Of(today.Time().AddDate(-1, 0, 10))
	reg.probationEndsSoon = a.Cadre.Posts[0].ProbationEnds()
	reg.idA = a.Person.IDNumber
	reg.inA = save(a)

	a2 := web.SampleDossier(env.Tree.BranchA.ID, "刘芳", 2)
	a2.Person.Gender = "2"
	a2.Person.BirthDate = civil.MustParse("1990-02-03")
	a2.Person.IDNumber = web.SampleIDNumber(a2.Person.BirthDate, 2)
	a2.Party.BranchID = env.Tree.BranchA.ID
	a2.Photo = nil
	reg.inA2 = save(a2)

	b := web.SampleDossier(env.Tree.VillageB.ID, "李卫东", 3)
	b.Party.BranchID = env.Tree.VillageB.ID
	reg.inB = save(b)
	return reg
}

func mustZone(t testing.TB, name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// client is a signed-in client of the registry's application.
func (reg *registry) client(t *testing.T, role access.Role) *apptest.Client {
	return reg.env.Client(t, role)
}

// rowIDs returns the people listed on a listing page, in order.
func rowIDs(doc *web.Node) []string {
	var ids []string
	for _, r := range doc.Find("table.people tr.person-row") {
		ids = append(ids, r.Attr("data-id"))
	}
	return ids
}

func TestPeopleListIsScoped(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		reg := newRegistry(t, env)
		c := reg.client(t, access.TownshipOrganiser)
		doc := page(t, c, "/people", http.StatusOK)
		ids := rowIDs(doc)
		if len(ids) != 2 || !contains(ids, reg.inA.Person.ID) || !contains(ids, reg.inA2.Person.ID) {
			t.Fatalf("township organiser sees %v, want the two people of township A", ids)
		}
		row := doc.One(t, "tr.person-row[data-id="+reg.inA.Person.ID+"]")
		if got := row.Find("code.id-number")[0].Text(); got == reg.idA || !strings.HasSuffix(got, reg.idA[14:]) || !strings.Contains(got, "*") {
			t.Errorf("listed ID number %q, want it masked", got)
		}
		if got := row.Find("td.name a")[0].Attr("href"); got != "/people/"+reg.inA.Person.ID {
			t.Errorf("name links to %q", got)
		}
		for _, path := range []string{"", "/form", "/photo"} {
			page(t, c, "/people/"+reg.inB.Person.ID+path, http.StatusNotFound)
		}
		page(t, c, "/people/forms?id="+reg.inA.Person.ID+"&id="+reg.inB.Person.ID, http.StatusNotFound)

		county := reg.client(t, access.CountyStaff)
		if ids := rowIDs(page(t, county, "/people", http.StatusOK)); len(ids) != 3 {
			t.Errorf("county staff sees %d people, want 3", len(ids))
		}
		// A subtree limit outside the principal's scope is refused beside
		// its field; inside, it narrows the list.
		doc = page(t, c, "/people?under="+env.Tree.TownB.ID, http.StatusUnprocessableEntity)
		doc.One(t, ".field.invalid input[name=under]")
		doc = page(t, county, "/people?under="+env.Tree.TownB.ID, http.StatusOK)
		if ids := rowIDs(doc); len(ids) != 1 || ids[0] != reg.inB.Person.ID {
			t.Errorf("under township B: %v, want only %s", ids, reg.inB.Person.ID)
		}
		if got := doc.One(t, ".under").Text(); !strings.Contains(got, env.Tree.TownB.Name) {
			t.Errorf("subtree limit shows %q, want the township's name", got)
		}
	})
}

func TestPeopleSearch(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		reg := newRegistry(t, env)
		c := reg.client(t, access.TownshipOrganiser)
		a := reg.inA.Person.ID
		tests := []struct {
			query string
			want  []string
		}{
			{"q=" + url.QueryEscape("王建国"), []string{a}},
			{"q=wjg", []string{a}},
			{"q=" + reg.idA[14:], []string{a}},
			{"q=" + reg.idA[12:], []string{a}},
			{"q=" + reg.idA, []string{a}},
			{"q=" + web.SampleIDNumber(reg.inB.Person.BirthDate, 3)[14:], nil},
			{"facet=cadre&sort=birth_date", []string{a, reg.inA2.Person.ID}},
			{"facet=cadre&sort=birth_date&dir=desc", []string{reg.inA2.Person.ID, a}},
			{"age_from=40", []string{a}},
			{"age_to=40", []string{reg.inA2.Person.ID}},
			{"level=20&sort=name", []string{reg.inA2.Person.ID, a}},
			{"under=" + env.Tree.BranchA.ID, []string{reg.inA2.Person.ID}},
		}
		for _, tc := range tests {
			doc := page(t, c, "/people?"+tc.query, http.StatusOK)
			if got := rowIDs(doc); strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Errorf("%s: got %v, want %v", tc.query, got, tc.want)
			}
		}
		doc := page(t, c, "/people?age_from=abc&age_to=20", http.StatusUnprocessableEntity)
		doc.One(t, ".field.invalid input[name=age_from]")
		if got := doc.One(t, "input[name=age_from]").Attr("value"); got != "abc" {
			t.Errorf("age_from kept as %q", got)
		}
		// Sort links keep the filters; size links reset the page.
		doc = page(t, c, "/people?facet=cadre&size=50", http.StatusOK)
		u, _ := url.Parse(doc.One(t, "th a[href*=sort=birth_date]").Attr("href"))
		if u.Query().Get("facet") != "cadre" || u.Query().Get("size") != "50" {
			t.Errorf("sort link %s loses the filter", u)
		}
		// The batch form sends the ticked people to the print page.
		form := doc.One(t, "form#batch")
		if form.Attr("action") != "/people/forms" || form.Attr("method") != "get" {
			t.Errorf("batch form goes to %s %s", form.Attr("method"), form.Attr("action"))
		}
		if n := len(form.Find("input[type=checkbox][name=id]")); n != 2 {
			t.Errorf("%d selection boxes, want 2", n)
		}
	})
}

func TestDossier(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		reg := newRegistry(t, env)
		c := reg.client(t, access.TownshipOrganiser)
		path := "/people/" + reg.inA.Person.ID
		doc := page(t, c, path, http.StatusOK)
		if got := doc.One(t, "main h1").Text(); !strings.HasPrefix(got, "王建国") {
			t.Errorf("heading %q", got)
		}
		master := doc.One(t, "section.master").Text()
		for _, want := range []string{"男", "汉族", "中国共产党党员", "河南省驻马店市正阳县", "大学本科毕业", "工学学士学位", env.Tree.VillageA.Name} {
			if !strings.Contains(master, want) {
				t.Errorf("master record lacks %q: %s", want, master)
			}
		}
		if got := doc.One(t, "#id-number").Text(); got == reg.idA || !strings.Contains(got, "*") {
			t.Errorf("ID number shown as %q before the reveal", got)
		}
		party := doc.One(t, "section.party").Text()
		for _, want := range []string{env.Tree.BranchA.Name, zh("people.party_category.full"), zh("people.standing.normal"), "赵立新", zh("people.stage.probationary")} {
			if !strings.Contains(party, want) {
				t.Errorf("party facet lacks %q", want)
			}
		}
		current := doc.One(t, "tr.post-row.current")
		badge := current.Find(".badge.probation-ending")
		if len(badge) != 1 || badge[0].Text() != zh("people.probation.ending") {
			t.Errorf("current post %q: want the probation-ending badge (ends %s)", current.Text(), reg.probationEndsSoon)
		}
		if n := len(doc.Find("table.resume tr.resume-row")); n != 5 {
			t.Errorf("%d resume lines, want 5", n)
		}
		doc.One(t, "table.resume tr.resume-row.in-service")
		dead := doc.One(t, "table.family tr.relative-row.deceased")
		if !strings.Contains(dead.Text(), "王守田") || len(dead.Find(".badge.deceased")) != 1 {
			t.Errorf("deceased father row %q", dead.Text())
		}
		if n := len(doc.Find("table.family tr.relative-row")); n != 3 {
			t.Errorf("%d relatives, want 3", n)
		}
		if got := doc.One(t, "section.talent").Text(); !strings.Contains(got, zh("people.talent_category.party_government")) {
			t.Errorf("talent facet %q", got)
		}
		if src := doc.One(t, ".photo img").Attr("src"); src != path+"/photo" {
			t.Errorf("photo src %q", src)
		}
		doc.One(t, "a[href="+path+"/form]")

		t.Run("photo", func(t *testing.T) {
			resp := c.Get(path + "/photo")
			body := apptest.Body(t, resp)
			if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/jpeg" {
				t.Fatalf("photo: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
			}
			if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
				t.Errorf("Cache-Control %q, want no-store", cc)
			}
			if body != string(web.SamplePhoto()) {
				t.Error("photo bytes differ from the stored photo")
			}
			page(t, c, "/people/"+reg.inA2.Person.ID+"/photo", http.StatusNotFound)
		})

		t.Run("reveal the ID number, audited", func(t *testing.T) {
			_, doc := post(t, c, path+"/id-number", nil, http.StatusOK)
			if got := doc.One(t, "#id-number").Text(); got != reg.idA {
				t.Errorf("revealed %q, want %q", got, reg.idA)
			}
			doc.One(t, "code#id-number.revealed")
			res, err := env.App.Audit.List(env.Principal(t, access.AuditAdmin), audit.Query{Action: "sensitive.reveal"})
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, e := range res.Items {
				found = found || (e.TargetID == reg.inA.Person.ID && e.ActorLogin == env.Accounts[access.TownshipOrganiser].Login)
			}
			if !found {
				t.Errorf("no sensitive.reveal event for %s among %d", reg.inA.Person.ID, len(res.Items))
			}
			// A leader may read the dossier but not reveal.
			leader := reg.client(t, access.Leader)
			if n := len(page(t, leader, path, http.StatusOK).Find("form[action$=/id-number]")); n != 0 {
				t.Error("a leader is offered the reveal")
			}
			post(t, leader, path+"/id-number", nil, http.StatusForbidden)
			post(t, c, "/people/"+reg.inB.Person.ID+"/id-number", nil, http.StatusNotFound)
		})
	})
}

func TestPrintFormHTML(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		reg := newRegistry(t, env)
		c := reg.client(t, access.TownshipOrganiser)
		doc := page(t, c, "/people/"+reg.inA.Person.ID+"/form", http.StatusOK)
		form := doc.One(t, "article.appform")
		if n := len(form.Find("section.sheet")); n != 2 {
			t.Fatalf("%d sheets, want 2", n)
		}
		fields := map[string]string{
			"td.f-name":        "王建国",
			"td.f-birth":       "1978.05" + zh("print.age", 47),
			"td.f-current":     "真阳镇党委书记",
			"td.f-proposed":    "正阳县农业农村局局长",
			"td.f-removed":     "真阳镇党委书记",
			"td.f-reason":      "工作需要",
			"td.f-report":      "中共正阳县委组织部",
			"span.f-filled-by": "张明",
		}
		for sel, want := range fields {
			if got := form.One(t, sel).Text(); !strings.HasPrefix(got, want) {
				t.Errorf("%s: %q, want %q", sel, got, want)
			}
		}
		resume := form.Find(".resume p.line")
		if len(resume) != 5 || !strings.Contains(resume[0].Text(), "1996.09--2000.07") || !strings.Contains(resume[4].Text(), "2021.06--") {
			t.Errorf("resume lines: %d", len(resume))
		}
		if got := form.One(t, ".resume p.in-service").Text(); got != "（其间：2003.09--2006.07在中央党校函授学院经济管理专业学习）" {
			t.Errorf("in-service line %q", got)
		}
		fam := form.Find("tr.fam")
		if len(fam) != 8 || len(form.Find("tr.fam.relative")) != 3 {
			t.Errorf("%d family rows (%d filled), want 8 (3)", len(fam), len(form.Find("tr.fam.relative")))
		}
		if got := fam[2].Text(); !strings.Contains(got, "王守田") || !strings.Contains(got, zh("print.deceased")) {
			t.Errorf("deceased row %q", got)
		}
		if got := form.One(t, "td.photo img").Attr("src"); got != "/people/"+reg.inA.Person.ID+"/photo" {
			t.Errorf("photo %q", got)
		}

		t.Run("batch", func(t *testing.T) {
			q := "/people/forms?id=" + reg.inA.Person.ID + "&id=" + reg.inA2.Person.ID + "&id=" + reg.inA.Person.ID
			doc := page(t, c, q, http.StatusOK)
			forms := doc.Find("article.appform")
			if len(forms) != 2 || forms[0].Attr("data-person") != reg.inA.Person.ID || forms[1].Attr("data-person") != reg.inA2.Person.ID {
				t.Fatalf("%d forms, want A then A2 once each", len(forms))
			}
			if len(forms[1].Find("td.photo img")) != 0 {
				t.Error("a person without a photo shows an image")
			}
			doc = page(t, c, "/people/forms", http.StatusUnprocessableEntity)
			if got := doc.One(t, "main").Text(); !strings.Contains(got, zh("print.batch_empty")) {
				t.Errorf("empty batch says %q", got)
			}
		})
	})
}

// TestPeoplePagesLocales renders every people page in every locale through
// the real handlers: no key is missing.
func TestPeoplePagesLocales(t *testing.T) {
	env := apptest.New(t)
	reg := newRegistry(t, env)
	c := reg.client(t, access.CountyStaff)
	id := reg.inA.Person.ID
	for _, loc := range i18n.Locales {
		for _, path := range []string{"/people", "/people?age_from=x", "/people/" + id, "/people/" + id + "/form",
			"/people/forms?id=" + id + "&id=" + reg.inB.Person.ID} {
			sep := "?"
			if strings.Contains(path, "?") {
				sep = "&"
			}
			resp := c.Get(path + sep + "lang=" + string(loc))
			body := apptest.Body(t, resp)
			if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("%s %s: %d", loc, path, resp.StatusCode)
			}
			if m := missingKeyRE.FindAllString(body, -1); len(m) > 0 {
				t.Errorf("%s %s: missing catalog keys %v", loc, path, m)
			}
			doc := web.ParseHTML(t, body)
			if got := doc.One(t, "html").Attr("lang"); got != string(loc) {
				t.Errorf("%s %s: lang %q", loc, path, got)
			}
		}
		_, doc := post(t, c, "/people/"+id+"/id-number?lang="+string(loc), nil, http.StatusOK)
		if got := doc.One(t, "section.master").Text(); !strings.Contains(got, catalog.T(loc, "people.reveal_audited")) {
			t.Errorf("%s: the reveal does not say it was audited", loc)
		}
	}
}

// missingKeyRE matches what the catalog shows for a key it does not know.
var missingKeyRE = regexp.MustCompile(`\[[a-z][a-z0-9_]*(\.[a-z0-9_-]+)+\]`)

func contains(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}
