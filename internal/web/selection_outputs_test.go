package web_test

import (
	"context"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"zugong/internal/access"
	"zugong/internal/app/apptest"
	"zugong/internal/civil"
	"zugong/internal/person"
)

// lrmxElement returns the text of the first element named name in an LRMX
// file, and whether there is one.
func lrmxElement(t *testing.T, body, name string) (string, bool) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(body))
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return "", false
		}
		if err != nil {
			t.Fatalf("LRMX does not parse: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == name {
			var text string
			if err := dec.DecodeElement(&text, &se); err != nil {
				t.Fatalf("LRMX element %s: %v", name, err)
			}
			return text, true
		}
	}
}

func TestSelectionOutputsCarryTheProposal(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		c := env.Client(t, access.CountyStaff)
		p1, p2 := candidates(t, env)
		op := access.With(context.Background(), access.Operator("test"))
		stranger, err := env.App.People.Save(op, &person.Dossier{Person: person.Person{OrgID: env.Tree.VillageA.ID, Name: "王五",
			Gender: "1", BirthDate: civil.MustParse("1982-04-05")}, Cadre: &person.Cadre{}})
		if err != nil {
			t.Fatal(err)
		}
		county := env.Tree.County.ID
		resp, _ := post(t, c, "/selections", url.Values{"org_id": {env.Tree.TownA.ID}, "post": {"真阳镇党委书记"}, "work_plan": {"选任方案"},
			"posts": {"1"}, "approved": {"3"}, "occupied": {"2"}, "date": {"2025-03-03"}, "organ": {county}, "reference": {"正组〔2025〕1号"}},
			http.StatusSeeOther)
		id := strings.TrimPrefix(resp.Header.Get("Location"), "/selections/")
		for _, v := range []url.Values{
			record("recommendation", "2025-03-10", county, url.Values{"participants": {"40"},
				"nominees.0.person_id": {p1}, "nominees.0.votes": {"30"}, "nominees.1.person_id": {p2}, "nominees.1.votes": {"25"}}),
			record("inspection", "2025-04-01", county, url.Values{"notice_date": {"2025-03-25"},
				"subjects.0.person_id": {p1}, "subjects.0.include": {"1"}, "subjects.0.findings": {"政治素质好。"},
				"subjects.0.personal_matters_checked": {"1"}, "subjects.0.discipline_opinion": {"无问题。"},
				"subjects.0.integrity_signed": {"1"}, "subjects.0.integrity_signer": {"县纪委监委"}, "subjects.1.person_id": {p2}}),
			record("deliberation", "2025-09-10", county, url.Values{"consultation": {"酝酿无不同意见。"}}),
			record("decision", "2025-09-25", county, url.Values{"due": {"9"}, "present": {"7"},
				"ballots.0.person_id": {p1}, "ballots.0.include": {"1"}, "ballots.0.agree": {"6"}, "ballots.0.disagree": {"1"}}),
		} {
			step(t, c, id, v, http.StatusSeeOther)
		}
		base := "/selections/" + id + "/candidates/"

		t.Run("the form of a candidate who passed proposes the post", func(t *testing.T) {
			doc := page(t, c, base+p1+"/form", http.StatusOK)
			if got := doc.One(t, "td.f-proposed").Text(); got != "真阳镇党委书记" {
				t.Errorf("拟任职务: got %q, want 真阳镇党委书记", got)
			}
			if got := doc.One(t, "td.f-reason").Text(); !strings.HasPrefix(got, "工作需要") || !strings.Contains(got, "2025年9月25日") {
				t.Errorf("任免理由: got %q, want 工作需要 with the decision's date", got)
			}
		})

		t.Run("the LRMX of a candidate who passed proposes the post", func(t *testing.T) {
			resp := c.Get(base + p1 + "/lrmx")
			body := apptest.Body(t, resp)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d, want 200", resp.StatusCode)
			}
			if got, ok := lrmxElement(t, body, "NiRenZhiWu"); got != "真阳镇党委书记" {
				t.Errorf("<NiRenZhiWu>: got %q (present %v), want 真阳镇党委书记", got, ok)
			}
			if got, _ := lrmxElement(t, body, "ShenFenZheng"); got != "" {
				t.Errorf("<ShenFenZheng>: got %q, want it left out", got)
			}
		})

		t.Run("a candidate the meeting did not take up is proposed nothing", func(t *testing.T) {
			doc := page(t, c, base+p2+"/form", http.StatusOK)
			if got := doc.One(t, "td.f-proposed").Text(); got != "" {
				t.Errorf("拟任职务: got %q, want none", got)
			}
		})

		t.Run("the stored dossier keeps its own proposal", func(t *testing.T) {
			if got := page(t, c, "/people/"+p1+"/form", http.StatusOK).One(t, "td.f-proposed").Text(); got != "" {
				t.Errorf("拟任职务 of the registry's form: got %q, want none", got)
			}
		})

		t.Run("a person who is not a candidate is not found", func(t *testing.T) {
			page(t, c, base+stranger.Person.ID+"/form", http.StatusNotFound)
			if resp := c.Get(base + stranger.Person.ID + "/lrmx"); resp.StatusCode != http.StatusNotFound {
				t.Errorf("LRMX of a stranger: status %d, want 404", resp.StatusCode)
			}
		})

		t.Run("the selection page links the forms of those in the running", func(t *testing.T) {
			items := page(t, c, "/selections/"+id, http.StatusOK).Find("li.candidate-output")
			if len(items) != 1 || items[0].Attr("data-person") != p1 {
				t.Fatalf("candidates linked: got %d, want only the one who passed", len(items))
			}
			if got, want := items[0].One(t, "a.print-form").Attr("href"), base+p1+"/form"; got != want {
				t.Errorf("form link: got %q, want %q", got, want)
			}
		})
	})
}
