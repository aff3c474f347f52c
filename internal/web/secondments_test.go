package web_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zugong/internal/access"
	"zugong/internal/app/apptest"
	"zugong/internal/civil"
	"zugong/internal/secondment"
	"zugong/internal/web"
)

// secondmentRegistry is the registry with secondments: township A's cadre
// 王建国 is a 驻村第一书记 ending in ten days, 刘芳 was sent up and is
// back, and township B's cadre is sent down.
type secondmentRegistry struct {
	*registry
	today                  civil.Date
	expiring, ended, inTwB *secondment.Secondment
}

func newSecondmentRegistry(t *testing.T, env *apptest.Env) *secondmentRegistry {
	t.Helper()
	reg := &secondmentRegistry{registry: newRegistry(t, env), today: civil.Today(mustZone(t, "Asia/Shanghai"))}
	ctx := env.Principal(t, access.CountyStaff)
	save := func(s secondment.Secondment) *secondment.Secondment {
		t.Helper()
		out, err := env.App.Secondments.Save(ctx, &s)
		if err != nil {
			t.Fatalf("save the secondment at %s: %v", s.HostUnit, err)
		}
		return out
	}
	reg.expiring = save(secondment.Secondment{PersonID: reg.inA.Person.ID, Kind: secondment.FirstSecretary,
		HostOrgID: env.Tree.VillageA.ID, HostPost: "驻村第一书记", Start: reg.today.AddDays(-355), End: reg.today.AddDays(10), FullTime: true})
	reg.ended = save(secondment.Secondment{PersonID: reg.inA2.Person.ID, Kind: secondment.Up, HostUnit: "驻马店市财政局",
		HostPost: "预算科副科长", Start: civil.MustParse("2022-03-01"), End: civil.MustParse("2023-02-28"), FullTime: true})
	reg.inTwB = save(secondment.Secondment{PersonID: reg.inB.Person.ID, Kind: secondment.Down, HostUnit: "汝南埠镇人民政府",
		HostPost: "镇长助理", Start: reg.today.AddDays(-30), End: reg.today.AddDays(700), FullTime: true})
	return reg
}

func secondmentRows(doc *web.Node) []string {
	var ids []string
	for _, r := range doc.Find("table.secondments tr.secondment-row") {
		ids = append(ids, r.Attr("data-id"))
	}
	return ids
}

func countSecondments(t *testing.T, env *apptest.Env) int {
	t.Helper()
	var n int
	if err := env.DB.QueryRow(context.Background(), `SELECT COUNT(*) FROM secondments`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// fieldErrors maps each invalid field of doc to its message.
func fieldErrors(doc *web.Node) map[string]string {
	out := map[string]string{}
	for _, f := range doc.Find(".field.invalid") {
		var name string
		for _, in := range append(append(f.Find("input"), f.Find("select")...), f.Find("textarea")...) {
			if in.Attr("type") != "hidden" || name == "" {
				name = in.Attr("name")
			}
		}
		if e := f.Find(".field-error"); len(e) == 1 {
			out[name] = e[0].Text()
		}
	}
	return out
}

func TestSecondmentFormRefusesBadInput(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		reg := newRegistry(t, env)
		c := reg.client(t, access.TownshipOrganiser)
		person := reg.inA.Person.ID
		doc := page(t, c, "/secondments/new?person="+person, http.StatusOK)
		if got := doc.One(t, ".person-name").Text(); got != reg.inA.Person.Name {
			t.Errorf("the form is for %q, want %s", got, reg.inA.Person.Name)
		}
		form := url.Values{"person": {person}, "kind": {"first_secretary"}, "host_unit": {"真阳镇王庄村"}, "host_post": {"驻村第一书记"},
			"start": {"2026-03-01"}, "end": {"2025-03-01"}, "full_time": {"1"}, "decision_doc": {"正组〔2026〕3号"}}

		t.Run("end before start", func(t *testing.T) {
			_, doc := post(t, c, "/secondments", form, http.StatusUnprocessableEntity)
			if got, want := fieldErrors(doc)["end"], zh("secondment.end_not_after_start"); got != want {
				t.Errorf("end error %q, want %q", got, want)
			}
			for name, want := range map[string]string{"host_unit": "真阳镇王庄村", "host_post": "驻村第一书记", "start": "2026-03-01",
				"end": "2025-03-01", "decision_doc": "正组〔2026〕3号", "person": person} {
				if got := doc.One(t, "input[name="+name+"]").Attr("value"); got != want {
					t.Errorf("%s kept as %q, want %q", name, got, want)
				}
			}
			if got := doc.One(t, "select[name=kind] option[selected]").Attr("value"); got != "first_secretary" {
				t.Errorf("kind kept as %q", got)
			}
			if !doc.One(t, "input[name=full_time]").HasAttr("checked") {
				t.Error("full time not kept")
			}
			if n := countSecondments(t, env); n != 0 {
				t.Errorf("%d secondments written, want 0", n)
			}
		})

		t.Run("a date that is not a date, and no post", func(t *testing.T) {
			bad := url.Values{"person": {person}, "kind": {"up"}, "host_unit": {"驻马店市财政局"}, "start": {"2026-02-30"}, "end": {"2027-02-28"}}
			_, doc := post(t, c, "/secondments", bad, http.StatusUnprocessableEntity)
			errs := fieldErrors(doc)
			if errs["start"] != zh("field.date") || errs["host_post"] != zh("field.required") {
				t.Errorf("errors %v, want start: field.date and host_post: field.required", errs)
			}
			if _, ok := errs["home_org"]; ok {
				t.Error("an empty home unit is refused; it stands for the person's unit")
			}
		})

		form.Set("end", "2027-02-28")
		resp, _ := post(t, c, "/secondments", form, http.StatusSeeOther)
		loc := resp.Header.Get("Location")
		if !strings.HasPrefix(loc, "/secondments/") {
			t.Fatalf("Location %q, want the new secondment", loc)
		}
		doc = page(t, c, loc, http.StatusOK)
		if got, want := doc.One(t, ".flash").Text(), zh("flash.secondment_saved"); got != want {
			t.Errorf("flash %q, want %q", got, want)
		}
		if got := doc.One(t, "main h1").Text(); !strings.HasPrefix(got, reg.inA.Person.Name) {
			t.Errorf("heading %q", got)
		}

		t.Run("overlapping another full-time secondment", func(t *testing.T) {
			again := url.Values{"person": {person}, "kind": {"released"}, "host_unit": {"正阳县产业集聚区"}, "host_post": {"招商专员"},
				"start": {"2026-09-01"}, "end": {"2027-08-31"}, "full_time": {"1"}}
			_, doc := post(t, c, "/secondments", again, http.StatusUnprocessableEntity)
			if got, want := fieldErrors(doc)["start"], zh("secondment.overlap", "真阳镇王庄村", "2026-03-01", "2027-02-28"); got != want {
				t.Errorf("start error %q, want %q", got, want)
			}
			if got := doc.One(t, "input[name=host_post]").Attr("value"); got != "招商专员" {
				t.Errorf("host post kept as %q", got)
			}
			if n := countSecondments(t, env); n != 1 {
				t.Errorf("%d secondments, want 1", n)
			}
		})

		t.Run("a person of township B is not kept", func(t *testing.T) {
			other := url.Values{"person": {reg.inB.Person.ID}, "kind": {"up"}, "host_unit": {"市局"}, "host_post": {"科员"},
				"start": {"2028-01-01"}, "end": {"2028-12-31"}}
			_, doc := post(t, c, "/secondments", other, http.StatusUnprocessableEntity)
			if got := fieldErrors(doc)["person"]; got != zh("error.not_found") {
				t.Errorf("person error %q", got)
			}
			if got := doc.One(t, "input[name=person]").Attr("value"); got != "" {
				t.Errorf("the unknown person's id is echoed: %q", got)
			}
			page(t, c, "/secondments/new?person="+reg.inB.Person.ID, http.StatusUnprocessableEntity)
		})
	})
}

func TestSecondmentListDetailAndExport(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		reg := newSecondmentRegistry(t, env)
		c := reg.client(t, access.TownshipOrganiser)
		doc := page(t, c, "/secondments", http.StatusOK)
		ids := secondmentRows(doc)
		if len(ids) != 2 || ids[0] != reg.ended.ID || ids[1] != reg.expiring.ID {
			t.Fatalf("township A lists %v, want its two secondments, ending soonest first", ids)
		}
		row := doc.One(t, "tr.secondment-row[data-id="+reg.expiring.ID+"]")
		if len(row.Find(".badge.expiring")) != 1 || row.Attr("data-status") != "active" {
			t.Errorf("the secondment ending in ten days: %q, want it active and flagged", row.Text())
		}
		if len(doc.Find("tr.secondment-row[data-id="+reg.ended.ID+"] .badge.expiring")) != 0 {
			t.Error("an ended secondment is flagged as expiring")
		}
		for query, want := range map[string][]string{
			"?expiring=30":          {reg.expiring.ID},
			"?status=ended":         {reg.ended.ID},
			"?kind=first_secretary": {reg.expiring.ID},
		} {
			if got := secondmentRows(page(t, c, "/secondments"+query, http.StatusOK)); strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("%s: %v, want %v", query, got, want)
			}
		}
		for _, query := range []string{"?kind=sideways", "?expiring=abc", "?under=" + env.Tree.TownB.ID} {
			doc := page(t, c, "/secondments"+query, http.StatusUnprocessableEntity)
			if len(doc.Find(".field.invalid")) != 1 {
				t.Errorf("%s: no field shows the problem", query)
			}
		}
		page(t, c, "/secondments/"+reg.inTwB.ID, http.StatusNotFound)
		county := reg.client(t, access.CountyStaff)
		if got := secondmentRows(page(t, county, "/secondments?under="+env.Tree.TownB.ID, http.StatusOK)); len(got) != 1 || got[0] != reg.inTwB.ID {
			t.Errorf("county staff under township B: %v", got)
		}

		t.Run("export", func(t *testing.T) {
			resp := c.Get("/secondments/export?kind=first_secretary")
			body := apptest.Body(t, resp)
			if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Type"), "spreadsheetml") {
				t.Fatalf("export: status %d, type %s", resp.StatusCode, resp.Header.Get("Content-Type"))
			}
			x, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
			if err != nil {
				t.Fatal(err)
			}
			rows, err := x.GetRows(x.GetSheetName(0))
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 2 || rows[0][0] != zh("secondment.person") || rows[1][0] != reg.inA.Person.Name ||
				rows[1][1] != zh("secondment.kind.first_secretary") || rows[1][3] != env.Tree.VillageA.Name {
				t.Errorf("exported rows %v", rows)
			}
		})

		path := "/secondments/" + reg.expiring.ID
		t.Run("extension earlier than the end is refused beside its field", func(t *testing.T) {
			bad := url.Values{"to": {reg.today.String()}, "reason": {"村集体经济项目收尾"}, "decided": {reg.today.String()}}
			_, doc := post(t, c, path+"/extend", bad, http.StatusUnprocessableEntity)
			if got, want := fieldErrors(doc)["to"], zh("secondment.extension_not_later", reg.expiring.End.String()); got != want {
				t.Errorf("to error %q, want %q", got, want)
			}
			if got := doc.One(t, "form.extend-form textarea[name=reason]").Text(); got != "村集体经济项目收尾" {
				t.Errorf("reason kept as %q", got)
			}
			if n := len(doc.Find("table.extensions tr.extension-row")); n != 0 {
				t.Errorf("%d extensions after a refused one", n)
			}
		})
		newEnd := reg.today.AddDays(190)
		post(t, c, path+"/extend", url.Values{"to": {newEnd.String()}, "reason": {"村集体经济项目收尾"}, "decided": {reg.today.String()}}, http.StatusSeeOther)
		post(t, c, path+"/assess", url.Values{"stage": {"mid_term"}, "on": {reg.today.AddDays(-170).String()}, "grade": {"excellent"},
			"comment": {"群众认可"}}, http.StatusSeeOther)
		_, doc = post(t, c, path+"/return", url.Values{"on": {"someday"}, "reason": {""}}, http.StatusUnprocessableEntity)
		if errs := fieldErrors(doc); errs["on"] != zh("field.date") || errs["reason"] != zh("secondment.reason_required") {
			t.Errorf("return errors %v", errs)
		}
		doc = page(t, c, path, http.StatusOK)
		if got := doc.One(t, "#end").Text(); got != newEnd.String() {
			t.Errorf("end %q, want %s", got, newEnd)
		}
		if n := len(doc.Find("table.extensions tr.extension-row")); n != 1 {
			t.Errorf("%d extension rows, want 1", n)
		}
		if got := doc.One(t, "tr.assessment-row[data-stage=mid_term]").Text(); !strings.Contains(got, zh("people.grade.excellent")) {
			t.Errorf("mid-term row %q", got)
		}
		if len(doc.Find(".badge.expiring")) != 0 {
			t.Error("still flagged as expiring after the extension")
		}

		leader := page(t, reg.client(t, access.Leader), path, http.StatusOK)
		if n := len(leader.Find("form[method=post][action^=/secondments]")); n != 0 {
			t.Errorf("a reader sees %d forms that change the secondment", n)
		}
	})
}

func TestDossierAndFormShowSecondments(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		reg := newSecondmentRegistry(t, env)
		c := reg.client(t, access.TownshipOrganiser)
		line := "下派" + env.Tree.VillageA.Name + "驻村第一书记"
		doc := page(t, c, "/people/"+reg.inA.Person.ID, http.StatusOK)
		panel := doc.One(t, "section.secondments")
		if rows := panel.Find("tr.secondment-row"); len(rows) != 1 || rows[0].Attr("data-id") != reg.expiring.ID {
			t.Errorf("the dossier's secondments: %q", panel.Text())
		}
		if got := panel.One(t, "a.button").Attr("href"); got != "/secondments/new?person="+reg.inA.Person.ID {
			t.Errorf("new secondment link %q", got)
		}
		if !strings.Contains(doc.One(t, "table.resume").Text(), line) {
			t.Errorf("the dossier's resume lacks %q", line)
		}
		form := page(t, c, "/people/"+reg.inA.Person.ID+"/form", http.StatusOK)
		resume := form.Find(".resume p.line")
		if len(resume) != 6 || !strings.Contains(resume[5].Text(), line) {
			t.Errorf("printed resume: %d lines, last %q; want the secondment line after the five of the record", len(resume), resume[len(resume)-1].Text())
		}
		batch := page(t, c, "/people/forms?id="+reg.inA2.Person.ID, http.StatusOK)
		if got := batch.One(t, ".resume").Text(); !strings.Contains(got, "上挂驻马店市财政局预算科副科长") {
			t.Errorf("the batch form's resume lacks the ended secondment: %q", got)
		}

		// The branch secretary reads dossiers but not secondments.
		doc = page(t, reg.client(t, access.BranchSecretary), "/people/"+reg.inA2.Person.ID, http.StatusOK)
		if len(doc.Find("section.secondments")) != 0 || strings.Contains(doc.Text(), "驻马店市财政局") {
			t.Error("a principal without secondment.read sees secondments")
		}
	})
}
