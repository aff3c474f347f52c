package web_test

import (
	"bytes"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"zugong/internal/access"
	"zugong/internal/app/apptest"
	"zugong/internal/civil"
	"zugong/internal/lrmx"
	"zugong/internal/sheet"
	"zugong/internal/web"
)

// orgPaths are the organisations of the test tree as an export by the
// county staff writes them: their names from the county down.
func orgPaths(env *apptest.Env) map[string]string {
	tr := env.Tree
	county := tr.County.Name
	townA, townB := county+"/"+tr.TownA.Name, county+"/"+tr.TownB.Name
	villageA := townA + "/" + tr.VillageA.Name
	return map[string]string{county: tr.County.ID, townA: tr.TownA.ID, townB: tr.TownB.ID, villageA: tr.VillageA.ID,
		townB + "/" + tr.VillageB.Name: tr.VillageB.ID, villageA + "/" + tr.BranchA.Name: tr.BranchA.ID}
}

func TestExportXLSXRoundTrip(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		reg := newRegistry(t, env)
		county := reg.client(t, access.CountyStaff)
		link := page(t, county, "/people", http.StatusOK).One(t, "a[href=/people/export?format=xlsx]")
		body, name := download(t, county.Get(link.Attr("href")), xlsxType)
		if !strings.HasSuffix(name, ".xlsx") {
			t.Errorf("export named %q", name)
		}
		paths := orgPaths(env)
		res, err := sheet.Read(bytes.NewReader(body), sheet.People, civil.Today(mustZone(t, "Asia/Shanghai")),
			func(s string) (string, bool) { id, ok := paths[s]; return id, ok })
		if err != nil {
			t.Fatal(err)
		}
		if !res.OK() {
			t.Fatalf("the export does not read back: %+v", res.Problems)
		}
		want := map[string]struct{ name, org, birth string }{
			reg.idA: {"王建国", env.Tree.VillageA.ID, "1978-05-12"},
			web.SampleIDNumber(civil.MustParse("1990-02-03"), 2): {"刘芳", env.Tree.BranchA.ID, "1990-02-03"},
			web.SampleIDNumber(civil.MustParse("1978-05-12"), 3): {"李卫东", env.Tree.VillageB.ID, "1978-05-12"},
		}
		if len(res.Dossiers) != len(want) {
			t.Fatalf("%d people read back, want %d", len(res.Dossiers), len(want))
		}
		for _, d := range res.Dossiers {
			w, ok := want[d.Person.IDNumber]
			if !ok {
				t.Errorf("read back ID number %q, which nobody has", d.Person.IDNumber)
				continue
			}
			if d.Person.Name != w.name || d.Person.OrgID != w.org || d.Person.BirthDate.String() != w.birth || d.Person.Phone != "13800001234" {
				t.Errorf("read back %s in %s born %s, phone %q; want %s in %s born %s", d.Person.Name, d.Person.OrgID,
					d.Person.BirthDate, d.Person.Phone, w.name, w.org, w.birth)
			}
		}

		// The export imports again as the same people, found by their ID
		// numbers, unchanged: what the sheet does not carry is kept.
		before := peopleCount(t, env)
		doc := uploadPage(t, county, "/people/import", url.Values{"kind": {"people"}, "org_id": {env.Tree.County.ID}},
			http.StatusOK, upload{name, body})
		got := doc.One(t, ".import-result").Text()
		if want := zh("import.done", 0, 0, 3); got != want || peopleCount(t, env) != before {
			t.Errorf("importing the export: %q, %d people; want %q and nobody added to %d", got, peopleCount(t, env), want, before)
		}
	})
}

func TestExportLRMX(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		reg := newRegistry(t, env)
		c := reg.client(t, access.TownshipOrganiser)
		doc := page(t, c, "/people", http.StatusOK)
		doc.One(t, "a[href=/people/export?format=lrmx]")
		doc.One(t, "a[href=/people/quality]")

		// Township A's two people, as a zip of LRMX files.
		body, name := download(t, c.Get("/people/export?format=lrmx"), "application/zip")
		if !strings.HasSuffix(name, ".zip") {
			t.Errorf("zip named %q", name)
		}
		var names []string
		for _, e := range lrmx.DecodeFile(name, bytes.NewReader(body), int64(len(body)), nil) {
			if e.Err != nil {
				t.Fatalf("%s: %v", e.Name, e.Err)
			}
			names = append(names, e.Dossier.Person.Name)
		}
		slices.Sort(names)
		if strings.Join(names, ",") != "刘芳,王建国" {
			t.Errorf("zip holds %v, want township A's two people", names)
		}

		// One person: one .lrmx file, photo and ID number in it.
		body, name = download(t, c.Get("/people/export?format=lrmx&under="+env.Tree.VillageA.ID), "application/zip")
		if len(lrmx.DecodeFile(name, bytes.NewReader(body), int64(len(body)), nil)) != 2 {
			t.Error("the village's subtree holds its branch too")
		}
		body, name = download(t, c.Get("/people/export?format=lrmx&under="+env.Tree.BranchA.ID), "application/xml")
		es := lrmx.DecodeFile(name, bytes.NewReader(body), int64(len(body)), nil)
		if len(es) != 1 || es[0].Err != nil || es[0].Dossier.Person.Name != "刘芳" || !strings.HasSuffix(name, ".lrmx") {
			t.Fatalf("branch export %q: %+v", name, es)
		}
		if got, want := es[0].Dossier.Person.IDNumber, web.SampleIDNumber(civil.MustParse("1990-02-03"), 2); got != want {
			t.Errorf("ID number %q in the file, want %q in clear", got, want)
		}

		// Beyond the scope, an unknown format, or no reveal: refused.
		page(t, c, "/people/export?format=lrmx&under="+env.Tree.TownB.ID, http.StatusNotFound)
		page(t, c, "/people/export?format=pdf", http.StatusUnprocessableEntity)
		leader := reg.client(t, access.Leader)
		page(t, leader, "/people/export?format=xlsx", http.StatusForbidden)
		if n := len(page(t, leader, "/people", http.StatusOK).Find("a[href^=/people/export]")); n != 0 {
			t.Error("a leader is offered the export")
		}
	})
}
