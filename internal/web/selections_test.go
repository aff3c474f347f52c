package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"zugong/internal/access"
	"zugong/internal/app/apptest"
	"zugong/internal/civil"
	"zugong/internal/gate"
	"zugong/internal/person"
	"zugong/internal/web"
)

// candidates saves two cadres of village A with everything the 任前公示
// notice prints.
func candidates(t *testing.T, env *apptest.Env) (string, string) {
	t.Helper()
	op := access.With(context.Background(), access.Operator("test"))
	save := func(name, gender, birth, seq string) string {
		first17 := "411724" + strings.ReplaceAll(birth, "-", "") + seq
		d, err := env.App.People.Save(op, &person.Dossier{Person: person.Person{OrgID: env.Tree.VillageA.ID, Name: name, Gender: gender,
			BirthDate: civil.MustParse(birth), IDNumber: first17 + string(person.IDCheckChar(first17)), Ethnicity: "01",
			FullTime: person.Education{Level: "21"}},
			Cadre: &person.Cadre{CurrentPostText: "真阳镇副镇长"}})
		if err != nil {
			t.Fatal(err)
		}
		return d.Person.ID
	}
	return save("张明", "1", "1980-01-01", "001"), save("李红", "2", "1981-02-03", "002")
}

// step posts one step to the selection and checks the status.
func step(t *testing.T, c *apptest.Client, id string, v url.Values, want int) *web.Node {
	t.Helper()
	_, doc := post(t, c, "/selections/"+id+"/steps", v, want)
	return doc
}

func record(stage, date, organ string, more url.Values) url.Values {
	v := url.Values{"stage": {stage}, "date": {date}, "organ": {organ}, "reference": {"正组〔2025〕" + stage}}
	for k, vals := range more {
		v[k] = vals
	}
	return v
}

// fieldError returns the problem shown beside the input named name.
func fieldError(t *testing.T, doc *web.Node, name string) string {
	t.Helper()
	for _, f := range doc.Find(".field.invalid") {
		for _, in := range append(append(f.Find("input"), f.Find("select")...), f.Find("textarea")...) {
			if in.Attr("name") == name {
				if e := f.Find(".field-error"); len(e) > 0 {
					return e[0].Text()
				}
			}
		}
	}
	for _, c := range doc.Find("td.cell.invalid") {
		for _, in := range c.Find("input") {
			if in.Attr("name") == name {
				return c.One(t, ".field-error").Text()
			}
		}
	}
	return ""
}

func TestSelectionPagesTakeAPostToAppointment(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		c := env.Client(t, access.CountyStaff)
		p1, p2 := candidates(t, env)
		county := env.Tree.County.ID
		login := env.Accounts[access.CountyStaff].Login

		t.Run("a failed motion keeps what was typed and says what is wrong beside it", func(t *testing.T) {
			_, doc := post(t, c, "/selections", url.Values{"org_id": {env.Tree.TownA.ID}, "post": {""}, "work_plan": {"选任方案"},
				"posts": {"一"}, "approved": {"3"}, "occupied": {"2"}, "date": {"2025-03-03"}, "organ": {county}, "reference": {"x"}},
				http.StatusUnprocessableEntity)
			if got := fieldError(t, doc, "posts"); got != zh("selection.not_a_number") {
				t.Errorf("posts: got %q, want %q", got, zh("selection.not_a_number"))
			}
			if got := doc.One(t, "textarea[name=work_plan]").Text(); got != "选任方案" {
				t.Errorf("work plan kept as %q", got)
			}
		})

		var id string
		t.Run("the motion opens the selection", func(t *testing.T) {
			resp, _ := post(t, c, "/selections", url.Values{"org_id": {env.Tree.TownA.ID}, "post": {"真阳镇党委书记"}, "work_plan": {"选任方案"},
				"posts": {"1"}, "approved": {"3"}, "occupied": {"2"}, "date": {"2025-03-03"}, "organ": {county}, "reference": {"正组〔2025〕1号"}},
				http.StatusSeeOther)
			loc := resp.Header.Get("Location")
			id = strings.TrimPrefix(loc, "/selections/")
			if id == loc || id == "" {
				t.Fatalf("Location %q, want the new selection", loc)
			}
			doc := page(t, c, loc, http.StatusOK)
			st := doc.One(t, "ol.steps li.step")
			if !strings.Contains(st.Text(), login) || !strings.Contains(st.Text(), "正组〔2025〕1号") || !strings.Contains(st.Text(), "2025-03-03") {
				t.Errorf("the motion's entry %q lacks who, what document or when", st.Text())
			}
			if got := doc.One(t, "form.step-form").Attr("data-stage"); got != "recommendation" {
				t.Errorf("next form: got %q, want recommendation only", got)
			}
			list := page(t, c, "/selections?stage=motion", http.StatusOK)
			if rows := list.Find("tr.selection-row"); len(rows) != 1 || !strings.Contains(rows[0].Text(), "真阳镇党委书记") {
				t.Errorf("listing at the motion: got %d rows, want the selection", len(rows))
			}
			if rows := page(t, c, "/selections?stage=decision", http.StatusOK).Find("tr.selection-row"); len(rows) != 0 {
				t.Errorf("listing at the decision: got %d rows, want none", len(rows))
			}
		})
		if id == "" {
			t.FailNow()
		}

		t.Run("a step out of order is refused in words", func(t *testing.T) {
			doc := step(t, c, id, record("decision", "2025-09-25", county, url.Values{"due": {"9"}, "present": {"7"}}), http.StatusConflict)
			want := zh("selection.out_of_order", zh("selection.stage.motion"), zh("selection.stage.decision"))
			if got := doc.One(t, ".alert.refusal").Text(); got != want {
				t.Errorf("refusal: got %q, want %q", got, want)
			}
			if got := doc.One(t, "form.step-form").Attr("data-stage"); got != "recommendation" {
				t.Errorf("form after the refusal: got %q, want recommendation", got)
			}
		})

		t.Run("a rule of the recommendation keeps the rows typed", func(t *testing.T) {
			doc := step(t, c, id, record("recommendation", "2025-03-10", county, url.Values{"participants": {"40"},
				"nominees.0.person_id": {p1}, "nominees.0.votes": {"30"}}), http.StatusConflict)
			if got, want := doc.One(t, "form.step-form .alert").Text(), zh("selection.no_margin", 1, 1); got != want {
				t.Errorf("form message: got %q, want %q", got, want)
			}
			if got := doc.One(t, "input[name='nominees.0.person_id']").Attr("value"); got != p1 {
				t.Errorf("nominee kept as %q", got)
			}
		})

		steps := []url.Values{
			record("recommendation", "2025-03-10", county, url.Values{"participants": {"40"},
				"nominees.0.person_id": {p1}, "nominees.0.votes": {"30"}, "nominees.2.person_id": {p2}, "nominees.2.votes": {"25"}}),
			record("inspection", "2025-04-01", county, url.Values{"notice_date": {"2025-03-25"},
				"subjects.0.person_id": {p1}, "subjects.0.include": {"1"}, "subjects.0.findings": {"政治素质好。"},
				"subjects.0.personal_matters_checked": {"1"}, "subjects.0.discipline_opinion": {"无问题。"},
				"subjects.0.integrity_signed": {"1"}, "subjects.0.integrity_signer": {"县纪委监委"}, "subjects.1.person_id": {p2}}),
			record("deliberation", "2025-09-10", county, url.Values{"consultation": {"酝酿无不同意见。"}}),
			record("decision", "2025-09-25", county, url.Values{"due": {"9"}, "present": {"7"},
				"ballots.0.person_id": {p1}, "ballots.0.include": {"1"}, "ballots.0.agree": {"6"}, "ballots.0.disagree": {"1"}}),
			record("publicity", "2025-09-25", county, url.Values{"start": {"2025-09-26"}, "phone": {"0396-8911234"},
				"address": {"正阳县县委大院"}, "candidates.0.person_id": {p1}, "candidates.0.include": {"1"}}),
		}
		for _, v := range steps {
			step(t, c, id, v, http.StatusSeeOther)
		}

		t.Run("the publicity counts working days across National Day", func(t *testing.T) {
			doc := page(t, c, "/selections/"+id, http.StatusOK)
			if text := doc.One(t, ".notice-text").Text(); !strings.Contains(text, "2025年9月26日至2025年10月9日") || !strings.Contains(text, "张明") {
				t.Errorf("notice %q lacks the period through 10-09 or the candidate", text)
			}
			if got := doc.One(t, "form.step-form").Attr("data-stage"); got != "appointment" {
				t.Errorf("next form: got %q, want appointment", got)
			}
			notice := page(t, c, "/selections/"+id+"/notice", http.StatusOK)
			if !strings.Contains(notice.One(t, "article.notice-print").Text(), "拟任真阳镇党委书记") {
				t.Error("the print view lacks the proposed post")
			}
		})

		appoint := record("appointment", "2025-10-10", county, url.Values{"appointees.0.person_id": {p1}, "appointees.0.include": {"1"},
			"appointees.0.talk_date": {"2025-10-10"}, "appointees.0.talk_by": {"县委书记"}, "appointees.0.leading": {"1"}})

		t.Run("an objection blocks the appointment until it is resolved", func(t *testing.T) {
			_, doc := post(t, c, "/selections/"+id+"/objections", url.Values{"person_id": {p1}, "text": {""}, "received": {"2025-09-29"}},
				http.StatusUnprocessableEntity)
			if got := fieldError(t, doc, "text"); got != zh("field.required") {
				t.Errorf("objection text: got %q, want %q", got, zh("field.required"))
			}
			post(t, c, "/selections/"+id+"/objections", url.Values{"person_id": {p1}, "text": {"反映其优亲厚友。"}, "received": {"2025-09-29"}},
				http.StatusSeeOther)
			doc = step(t, c, id, appoint, http.StatusConflict)
			if got := doc.One(t, "form.step-form .alert").Text(); !strings.Contains(got, "张明") {
				t.Errorf("refusal %q does not name the candidate", got)
			}
			row := doc.One(t, "tr.objection-row")
			post(t, c, "/selections/"+id+"/resolutions", url.Values{"objection_id": {row.Attr("data-id")}, "finding": {"经核查不属实。"},
				"resolved_on": {"2025-10-09"}}, http.StatusSeeOther)
			step(t, c, id, appoint, http.StatusSeeOther)
			doc = page(t, c, "/selections/"+id, http.StatusOK)
			if got := doc.One(t, "tr.objection-row").Attr("data-resolved"); got != "true" {
				t.Errorf("objection resolved: got %q", got)
			}
			if got := doc.One(t, ".current-stage").Text(); got != zh("selection.stage.appointment") {
				t.Errorf("stage: got %q, want the appointment", got)
			}
			if got := doc.One(t, "form.step-form").Attr("data-stage"); got != "probation" {
				t.Errorf("next form: got %q, want the probation review", got)
			}
		})

		t.Run("a leader reads but records nothing", func(t *testing.T) {
			leader := env.Client(t, access.Leader)
			doc := page(t, leader, "/selections/"+id, http.StatusOK)
			if n := len(doc.Find("form.step-form")); n != 0 {
				t.Errorf("a leader is offered %d step forms", n)
			}
			post(t, leader, "/selections/"+id+"/steps", url.Values{"stage": {"probation"}}, http.StatusForbidden)
		})

		t.Run("a township organiser does not see selections", func(t *testing.T) {
			page(t, env.Client(t, access.TownshipOrganiser), "/selections/"+id, http.StatusForbidden)
		})
	})
}

// uploadSchedule posts a schedule file for year to the calendar page.
func uploadSchedule(t *testing.T, c *apptest.Client, year, csv string, want int) *web.Node {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField(gate.CSRFField, c.CSRF)
	mw.WriteField("year", year)
	fw, err := mw.CreateFormFile("file", year+".csv")
	if err != nil {
		t.Fatal(err)
	}
	fw.Write([]byte(csv))
	mw.Close()
	req, err := http.NewRequest(http.MethodPost, c.Base+"/calendar", &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	text := apptest.Body(t, resp)
	if resp.StatusCode != want {
		t.Fatalf("upload %s: status %d, want %d\n%s", year, resp.StatusCode, want, text)
	}
	if want == http.StatusSeeOther {
		return nil
	}
	return web.ParseHTML(t, text)
}

func TestCalendarPageFlagsAndTakesAYear(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		c := env.Client(t, access.CountyStaff)
		doc := page(t, c, "/calendar?year=2025", http.StatusOK)
		if got := doc.One(t, "tr.day-row[data-date='2025-09-28']").Text(); !strings.Contains(got, zh("workday.kind.workday")) {
			t.Errorf("2025-09-28: got %q, want a make-up working day", got)
		}
		if len(doc.Find("tr.year-row.missing[data-year='2030']")) != 0 {
			t.Error("a year far ahead is listed")
		}
		unpublished := "2027"
		if len(doc.Find("tr.year-row.missing[data-year='"+unpublished+"']")) != 1 {
			t.Fatalf("the unpublished year %s is not flagged", unpublished)
		}

		bad := "date,kind,name\n2027-10-01,holiday,国庆节\n2027-10-01,holiday,国庆节\n2027-10-04,workday,国庆节\n"
		doc = uploadSchedule(t, c, unpublished, bad, http.StatusUnprocessableEntity)
		problems := doc.Find("ul.problems li")
		if len(problems) != 2 {
			t.Fatalf("problems listed: got %d, want 2 (a duplicate, a weekday make-up day)", len(problems))
		}
		if want := zh("workday.line", "3") + " " + zh("workday.duplicate_date", "2"); problems[0].Text() != want {
			t.Errorf("first problem: got %q, want %q", problems[0].Text(), want)
		}
		if got := doc.One(t, "input[name=year]").Attr("value"); got != unpublished {
			t.Errorf("year kept as %q", got)
		}

		good := "# 国务院办公厅关于2027年部分节假日安排的通知\ndate,kind,name\n2027-01-01,holiday,元旦\n2027-10-01,holiday,国庆节\n2027-10-09,workday,国庆节\n"
		uploadSchedule(t, c, unpublished, good, http.StatusSeeOther)
		doc = page(t, c, "/calendar?year="+unpublished, http.StatusOK)
		if len(doc.Find("tr.year-row.missing[data-year='"+unpublished+"']")) != 0 {
			t.Error("the uploaded year is still flagged")
		}
		if rows := doc.Find("tr.day-row"); len(rows) != 3 {
			t.Errorf("days of the uploaded year: got %d, want 3", len(rows))
		}

		leader := env.Client(t, access.Leader)
		if n := len(page(t, leader, "/calendar", http.StatusOK).Find("form.upload-form")); n != 0 {
			t.Errorf("a leader is offered %d upload forms", n)
		}
		uploadSchedule(t, leader, unpublished, good, http.StatusForbidden)
	})
}
