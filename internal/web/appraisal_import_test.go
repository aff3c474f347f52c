package web_test

import (
	"bytes"
	"net/http"
	"net/url"
	"testing"

	"github.com/xuri/excelize/v2"

	"zugong/internal/access"
	"zugong/internal/app/apptest"
	"zugong/internal/civil"
	"zugong/internal/sheet"
	"zugong/internal/web"
)

// evidenceWorkbook builds an evidence workbook: the header row, then rows
// of 身份证号, 姓名, 类型, 日期, 得分 and 文号, all text cells.
func evidenceWorkbook(t *testing.T, rows ...[]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	all := append([][]string{{"身份证号", "姓名", "类型", "日期", "得分", "文号"}}, rows...)
	for r, row := range all {
		for c, v := range row {
			cell, err := excelize.CoordinatesToCellName(c+1, r+1)
			if err != nil {
				t.Fatal(err)
			}
			if err := f.SetCellStr("Sheet1", cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// evidenceRows counts the records on a cadre's appraisal page and those
// awaiting sign-off.
func evidenceRows(t *testing.T, c *apptest.Client, path string) (all, unsigned int) {
	t.Helper()
	doc := page(t, c, path, http.StatusOK)
	return len(doc.Find("#evidence tr.evidence-row")), len(doc.Find("form.sign-form"))
}

func TestAppraisalImportEvidence(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		f := newAppraisalFixture(t, env)
		staff := f.client(t, access.CountyStaff)
		base := "/appraisal/" + f.scheme.ID
		personA := base + "/people/" + f.inA.Person.ID
		personB := base + "/people/" + f.inB.Person.ID

		ranking := page(t, staff, base, http.StatusOK)
		if got := ranking.One(t, "a.import-link").Attr("href"); got != base+"/import" {
			t.Errorf("ranking page import link %q, want %q", got, base+"/import")
		}
		if got := len(page(t, f.client(t, access.Leader), base, http.StatusOK).Find("a.import-link")); got != 0 {
			t.Errorf("a leader, who only reads, sees %d import links", got)
		}
		form := page(t, staff, base+"/import", http.StatusOK)
		form.One(t, "form.import-form[enctype=multipart/form-data] input[type=file][name=file]")
		href := form.One(t, "a.template-link").Attr("href")
		body, _ := download(t, staff.Get(href), xlsxType)
		if rows, problems, err := sheet.ReadEvidence(bytes.NewReader(body)); err != nil || len(rows) != 0 || len(problems) != 0 {
			t.Errorf("the template reads as %d rows, %v, %v; want an empty sheet", len(rows), problems, err)
		}

		// The saved dossiers show ID numbers masked; the fixture's are these.
		idB := web.SampleIDNumber(civil.MustParse("1978-05-12"), 3)
		beforeA, unsignedA := evidenceRows(t, staff, personA)
		good := evidenceWorkbook(t,
			[]string{f.idA, "王建国", "办结案件", "2025-05-06", "", "正考〔2025〕31号"},
			[]string{idB, "李卫东", "民主测评", "2025-12-20", "92.35", "正考〔2025〕32号"},
		)
		resp := postFiles(t, staff, base+"/import", nil, upload{"证据.xlsx", good})
		if b := apptest.Body(t, resp); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != base {
			t.Fatalf("good upload: status %d to %q, want 303 to %s\n%s", resp.StatusCode, resp.Header.Get("Location"), base, b)
		}
		if got, want := page(t, staff, base, http.StatusOK).One(t, ".flash").Text(), zh("flash.appraisal.evidence_imported"); got != want {
			t.Errorf("flash %q, want %q", got, want)
		}
		// The records are listed awaiting sign-off, which the importer may
		// not give: it is another user's act.
		if all, unsigned := evidenceRows(t, staff, personA); all != beforeA+1 || unsigned != unsignedA+1 {
			t.Errorf("王建国 after the import: %d records, %d awaiting sign-off; want %d and %d", all, unsigned, beforeA+1, unsignedA+1)
		}
		b := page(t, staff, personB, http.StatusOK)
		rows, signs := b.Find("#evidence tr.evidence-row"), b.Find("form.sign-form")
		if len(rows) != 1 || len(signs) != 1 {
			t.Fatalf("李卫东 after the import: %d records, %d awaiting sign-off; want 1 unsigned", len(rows), len(signs))
		}
		post(t, staff, signs[0].Attr("action"), url.Values{"on": {"2025-12-22"}}, http.StatusConflict)
	})
}

func TestAppraisalImportEvidenceProblems(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		f := newAppraisalFixture(t, env)
		staff := f.client(t, access.CountyStaff)
		base := "/appraisal/" + f.scheme.ID
		personA := base + "/people/" + f.inA.Person.ID
		beforeA, _ := evidenceRows(t, staff, personA)
		checkProblem := func(doc *web.Node, row, col, key string, args ...any) {
			t.Helper()
			problems := doc.Find("#problems tr.problem-row")
			if len(problems) != 1 {
				t.Fatalf("got %d problems, want 1", len(problems))
			}
			p := problems[0]
			if got := p.One(t, "td.row").Text(); got != row {
				t.Errorf("problem row %q, want %q", got, row)
			}
			if got := p.One(t, "td.column").Text(); got != col {
				t.Errorf("problem column %q, want %q", got, col)
			}
			if got, want := p.One(t, "td.reason").Text(), zh(key, args...); got != want {
				t.Errorf("problem reason %q, want %q", got, want)
			}
		}

		// A bad date in the file: the sheet's own problem.
		bad := evidenceWorkbook(t,
			[]string{f.idA, "王建国", "办结案件", "2025-05-06", "", "正考〔2025〕31号"},
			[]string{f.idA, "王建国", "办结案件", "2025-02-30", "", "正考〔2025〕32号"},
		)
		doc := uploadPage(t, staff, base+"/import", nil, http.StatusUnprocessableEntity, upload{"证据.xlsx", bad})
		checkProblem(doc, "3", "D", "sheet.cell.date")

		// A name that is not the registered one: the registry's problem,
		// placed on its cell.
		wrongName := evidenceWorkbook(t,
			[]string{f.idA, "王建国", "办结案件", "2025-05-06", "", "正考〔2025〕31号"},
			[]string{f.idA, "王建民", "办结案件", "2025-05-07", "", "正考〔2025〕32号"},
		)
		doc = uploadPage(t, staff, base+"/import", nil, http.StatusUnprocessableEntity, upload{"证据.xlsx", wrongName})
		checkProblem(doc, "3", "B", "appraisal.import.name_mismatch", "王建国")

		if all, _ := evidenceRows(t, staff, personA); all != beforeA {
			t.Errorf("王建国 after rejected uploads: %d records, want %d (nothing written)", all, beforeA)
		}
		doc = uploadPage(t, staff, base+"/import", nil, http.StatusUnprocessableEntity)
		if got := doc.One(t, ".field.invalid input[name=file]"); got == nil {
			t.Error("an upload without a file shows no error on the file field")
		}
	})
}
