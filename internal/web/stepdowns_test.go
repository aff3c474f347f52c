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
)

// townLeader saves the chairman of township A's people's congress.
func townLeader(t *testing.T, env *apptest.Env) string {
	t.Helper()
	op := access.With(context.Background(), access.Operator("test"))
	first17 := "411724" + "19661001" + "001"
	d, err := env.App.People.Save(op, &person.Dossier{Person: person.Person{OrgID: env.Tree.TownA.ID, Name: "王国强", Gender: "1",
		BirthDate: civil.MustParse("1966-10-01"), IDNumber: first17 + string(person.IDCheckChar(first17)), Ethnicity: "01"},
		Cadre: &person.Cadre{Posts: []person.Post{{UnitID: env.Tree.TownA.ID, UnitName: "真阳镇", Title: "镇人大主席", Rank: "正科级",
			Leading: true, Current: true, Appointed: person.Decision{Organ: "中共正阳县委", Date: civil.MustParse("2021-09-30"),
				DocumentNo: "正发〔2021〕9号"}}}}})
	if err != nil {
		t.Fatal(err)
	}
	return d.Person.ID
}

func TestStepdownPagesRecordACase(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		c := env.Client(t, access.CountyStaff)
		id := townLeader(t, env)
		county := env.Tree.County.ID
		op := access.With(context.Background(), access.Operator("test"))

		t.Run("the selections page links to the cases", func(t *testing.T) {
			doc := page(t, c, "/selections", http.StatusOK)
			if got := doc.One(t, "a.stepdowns").Attr("href"); got != "/stepdowns" {
				t.Errorf("link: got %q, want /stepdowns", got)
			}
		})

		t.Run("the form offers the leader's current posts and the routes each reason allows", func(t *testing.T) {
			doc := page(t, c, "/stepdowns/new?person="+id, http.StatusOK)
			var posts []string
			for _, o := range doc.Find("select[name=post] option") {
				if v := o.Attr("value"); v != "" {
					posts = append(posts, v)
				}
			}
			if len(posts) != 1 || posts[0] != "镇人大主席" {
				t.Errorf("posts offered: got %v, want [镇人大主席]", posts)
			}
			rows := doc.Find("table.routes-allowed tbody tr")
			if len(rows) != 4 {
				t.Fatalf("routes table: got %d reasons, want 4", len(rows))
			}
			// 问责 allows 调整, 免职 and 降职, never a rank change.
			var allowed []bool
			for _, td := range rows[2].Find("td") {
				allowed = append(allowed, td.Attr("class") == "allowed")
			}
			if want := []bool{true, false, true, true}; !slices.Equal(allowed, want) {
				t.Errorf("routes of accountability: got %v, want %v", allowed, want)
			}
		})

		t.Run("a route the reason does not allow is refused beside the field and the input kept", func(t *testing.T) {
			_, doc := post(t, c, "/stepdowns", url.Values{"person_id": {id}, "post": {"镇人大主席"}, "reason": {"accountability"},
				"route": {"rank_changed"}, "new_post": {"四级主任科员"}, "date": {"2026-10-20"}, "organ": {county},
				"reference": {"正组〔2026〕9号"}}, http.StatusUnprocessableEntity)
			want := zh("selection.route_not_allowed", zh("selection.reason.accountability"), zh("selection.route.rank_changed"))
			if got := fieldError(t, doc, "route"); got != want {
				t.Errorf("route: got %q, want %q", got, want)
			}
			if got := fieldError(t, doc, "basis"); got != zh("field.required") {
				t.Errorf("basis: got %q, want %q", got, zh("field.required"))
			}
			if got := doc.One(t, "input[name=new_post]").Attr("value"); got != "四级主任科员" {
				t.Errorf("new post kept as %q", got)
			}
			if got := doc.One(t, "select[name=post] option[selected]").Attr("value"); got != "镇人大主席" {
				t.Errorf("post kept as %q", got)
			}
		})

		t.Run("an unreadable date shows with the case's other problems", func(t *testing.T) {
			_, doc := post(t, c, "/stepdowns", url.Values{"person_id": {id}, "post": {"镇人大主席"}, "reason": {"retirement_age"},
				"route": {"demoted"}, "new_post": {"副主任科员"}, "reason_date": {"2026-13-01"}, "date": {"2026-10-20"},
				"organ": {county}, "reference": {"正组〔2026〕9号"}}, http.StatusUnprocessableEntity)
			if got := fieldError(t, doc, "reason_date"); got != zh("field.date") {
				t.Errorf("reason date: got %q, want %q", got, zh("field.date"))
			}
			want := zh("selection.route_not_allowed", zh("selection.reason.retirement_age"), zh("selection.route.demoted"))
			if got := fieldError(t, doc, "route"); got != want {
				t.Errorf("route: got %q, want %q", got, want)
			}
			if n := len(doc.Find("ul.others li")); n != 0 {
				t.Errorf("problems of fields not shown: got %d, want none", n)
			}
		})

		t.Run("a removal on reaching the age limit is listed and ends the post", func(t *testing.T) {
			resp, _ := post(t, c, "/stepdowns", url.Values{"person_id": {id}, "post": {"镇人大主席"}, "reason": {"retirement_age"},
				"route": {"removed"}, "reason_date": {"2026-10-01"}, "date": {"2026-10-20"}, "organ": {county},
				"reference": {"正组〔2026〕9号"}}, http.StatusSeeOther)
			if loc := resp.Header.Get("Location"); loc != "/stepdowns" {
				t.Fatalf("Location %q, want /stepdowns", loc)
			}
			doc := page(t, c, "/stepdowns", http.StatusOK)
			rows := doc.Find("tr.stepdown-row")
			if len(rows) != 1 {
				t.Fatalf("listed: got %d rows, want 1", len(rows))
			}
			if txt := rows[0].Text(); !strings.Contains(txt, "王国强") || !strings.Contains(txt, "镇人大主席") ||
				!strings.Contains(txt, zh("selection.reason.retirement_age")) || !strings.Contains(txt, "正组〔2026〕9号") {
				t.Errorf("row %q lacks the leader, post, reason or document", txt)
			}
			if got := rows[0].Attr("data-route"); got != "removed" {
				t.Errorf("route: got %q, want removed", got)
			}
			d, err := env.App.People.Get(op, id)
			if err != nil {
				t.Fatal(err)
			}
			p := d.Cadre.Posts[0]
			if p.Current || p.Removed.Date.String() != "2026-10-20" || p.Removed.DocumentNo != "正组〔2026〕9号" {
				t.Errorf("dossier post: current %v, removed %+v; want ended on 2026-10-20", p.Current, p.Removed)
			}
			if rows := page(t, c, "/stepdowns?under="+env.Tree.TownB.ID, http.StatusOK).Find("tr.stepdown-row"); len(rows) != 0 {
				t.Errorf("listed under township B: got %d rows, want none", len(rows))
			}
		})
	})
}
