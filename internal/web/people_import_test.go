package web_test

import (
	"bytes"
	"context"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"zugong/internal/access"
	"zugong/internal/app/apptest"
	"zugong/internal/civil"
	"zugong/internal/gate"
	"zugong/internal/i18n"
	"zugong/internal/lrmx"
	"zugong/internal/person"
	"zugong/internal/sheet"
	"zugong/internal/web"
)

// upload is one file of an upload form.
type upload struct {
	name string
	body []byte
}

// postFiles posts fields and files as the upload form does: multipart,
// every file under "file", the session's CSRF token among the fields.
func postFiles(t *testing.T, c *apptest.Client, path string, fields url.Values, files ...upload) *http.Response {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if fields == nil {
		fields = url.Values{}
	}
	if fields.Get(gate.CSRFField) == "" {
		fields.Set(gate.CSRFField, c.CSRF)
	}
	for k, vs := range fields {
		for _, v := range vs {
			if err := mw.WriteField(k, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, f := range files {
		fw, err := mw.CreateFormFile("file", f.name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(f.body)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, c.Base+path, &buf)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// uploadPage posts an upload and parses the page it answers, checking the
// status.
func uploadPage(t *testing.T, c *apptest.Client, path string, fields url.Values, want int, files ...upload) *web.Node {
	t.Helper()
	resp := postFiles(t, c, path, fields, files...)
	body := apptest.Body(t, resp)
	if resp.StatusCode != want {
		t.Fatalf("POST %s: status %d, want %d\n%s", path, resp.StatusCode, want, body)
	}
	return web.ParseHTML(t, body)
}

// download fetches a file, checking the status, the type and that it comes
// as an attachment; it returns the body and the file's name.
func download(t *testing.T, resp *http.Response, ctype string) ([]byte, string) {
	t.Helper()
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: status %d\n%s", resp.Request.URL.Path, resp.StatusCode, body)
	}
	if got := resp.Header.Get("Content-Type"); got != ctype {
		t.Errorf("Content-Type %q, want %q", got, ctype)
	}
	disp, params, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition"))
	if err != nil || disp != "attachment" || params["filename"] == "" {
		t.Errorf("Content-Disposition %q: want an attachment with a file name", resp.Header.Get("Content-Disposition"))
	}
	return body, params["filename"]
}

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// peopleCount counts everyone registered.
func peopleCount(t *testing.T, env *apptest.Env) int {
	t.Helper()
	var n int
	if err := env.DB.QueryRow(context.Background(), `SELECT COUNT(*) FROM people`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// newcomer is a dossier that is not registered, with a valid ID number;
// seq is odd, as a man's is.
func newcomer(name string, seq int) *person.Dossier {
	d := web.SampleDossier("", name, seq)
	d.Party.BranchID = ""
	return d
}

// findPerson returns the ID and the organisation's name of the one person
// the listing finds by q.
func findPerson(t *testing.T, c *apptest.Client, q string) (id, orgName string) {
	t.Helper()
	doc := page(t, c, "/people?q="+url.QueryEscape(q), http.StatusOK)
	rows := doc.Find("table.people tr.person-row")
	if len(rows) != 1 {
		t.Fatalf("searching %q finds %d people, want 1", q, len(rows))
	}
	return rows[0].Attr("data-id"), rows[0].Find("td")[5].Text()
}

func TestImportForm(t *testing.T) {
	env := apptest.New(t)
	c := env.Client(t, access.TownshipOrganiser)
	doc := page(t, c, "/people/import", http.StatusOK)
	form := doc.One(t, "form.import-form")
	if form.Attr("enctype") != "multipart/form-data" || form.Attr("action") != "/people/import" {
		t.Errorf("upload form posts %s to %s", form.Attr("enctype"), form.Attr("action"))
	}
	if got := form.One(t, "input[name=org_id]").Attr("value"); got != env.Tree.TownA.ID {
		t.Errorf("target organisation %q, want the organiser's township %s", got, env.Tree.TownA.ID)
	}
	if got := doc.One(t, ".import-target").Text(); !strings.Contains(got, env.Tree.TownA.Name) {
		t.Errorf("target named %q", got)
	}
	form.One(t, "input[type=file][name=file][multiple]")
	form.One(t, "input[type=checkbox][name=dry_run]")
	form.One(t, "button[formaction=/people/import/problems]")

	for _, k := range sheet.Kinds {
		link := doc.One(t, "a[href=/people/import/template?kind="+string(k)+"]")
		resp := c.Get(link.Attr("href"))
		body, name := download(t, resp, xlsxType)
		if !strings.HasSuffix(name, ".xlsx") {
			t.Errorf("template file %q", name)
		}
		f, err := excelize.OpenReader(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("template %s: %v", k, err)
		}
		head, _ := f.GetCellValue(f.GetSheetList()[0], "A1")
		if head != zh("sheet.col.name") {
			t.Errorf("template %s starts with %q, want %q", k, head, zh("sheet.col.name"))
		}
		f.Close()
	}
	page(t, c, "/people/import/template?kind=everyone", http.StatusUnprocessableEntity)

	// Who may not write may not import.
	leader := env.Client(t, access.Leader)
	page(t, leader, "/people/import", http.StatusForbidden)
	uploadPage(t, leader, "/people/import", url.Values{"org_id": {env.Tree.County.ID}}, http.StatusForbidden)
	if n := len(page(t, leader, "/people", http.StatusOK).Find("a[href=/people/import]")); n != 0 {
		t.Error("a leader is offered the import")
	}
	page(t, c, "/people", http.StatusOK).One(t, "a[href=/people/import]")
}

func TestImportLRMX(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		c := env.Client(t, access.TownshipOrganiser)
		var file bytes.Buffer
		if err := lrmx.Encode(&file, newcomer("赵新民", 7)); err != nil {
			t.Fatal(err)
		}
		fields := url.Values{"kind": {"people"}, "org_id": {env.Tree.VillageA.ID}}
		doc := uploadPage(t, c, "/people/import", fields, http.StatusOK, upload{"赵新民.lrmx", file.Bytes()})
		if got := doc.One(t, ".import-result").Text(); got != zh("import.done", 1, 0, 0) {
			t.Errorf("result %q, want %q", got, zh("import.done", 1, 0, 0))
		}
		id, orgName := findPerson(t, c, "赵新民")
		if orgName != env.Tree.VillageA.Name {
			t.Errorf("imported into %q, want %q", orgName, env.Tree.VillageA.Name)
		}
		resp := c.Get("/people/" + id + "/photo")
		if photo := apptest.Body(t, resp); resp.StatusCode != http.StatusOK || photo != string(web.SamplePhoto()) {
			t.Errorf("the file's photo was not kept: %d", resp.StatusCode)
		}

		// The same file again updates the person by ID number: nothing changes.
		doc = uploadPage(t, c, "/people/import", fields, http.StatusOK, upload{"赵新民.lrmx", file.Bytes()})
		if got := doc.One(t, ".import-result").Text(); got != zh("import.done", 0, 0, 1) {
			t.Errorf("second import %q, want %q", got, zh("import.done", 0, 0, 1))
		}

		// A zip of LRMX files, and a GBK .lrm chosen with its .pic.
		var zipped bytes.Buffer
		if err := lrmx.EncodeZip(&zipped, []*person.Dossier{newcomer("钱立平", 13), newcomer("孙志强", 9)}); err != nil {
			t.Fatal(err)
		}
		before := peopleCount(t, env)
		doc = uploadPage(t, c, "/people/import", fields, http.StatusOK, upload{"cadres.zip", zipped.Bytes()},
			upload{"张卫东.lrm", lrmFile(t)}, upload{"张卫东.PIC", web.SamplePhoto()})
		if got := doc.One(t, ".import-result").Text(); got != zh("import.done", 3, 0, 0) {
			t.Errorf("zip and LRM %q, want %q", got, zh("import.done", 3, 0, 0))
		}
		if n := peopleCount(t, env); n != before+3 {
			t.Errorf("%d people after the import, want %d", n, before+3)
		}
		id, _ = findPerson(t, c, "张卫东")
		if resp := c.Get("/people/" + id + "/photo"); apptest.Body(t, resp) != string(web.SamplePhoto()) {
			t.Error("the .pic beside the .lrm was not imported as the photo")
		}
	})
}

// lrmFile is an LRM 2.0 record as the old tool wrote it: 33 quoted GBK
// fields.
func lrmFile(t *testing.T) []byte {
	t.Helper()
	f := make([]string, 33)
	copy(f, []string{"张卫东", "男", "1979.08", "汉族", "河南正阳", "2001.06", "健康", "河南正阳", "2002.07",
		"大学#法学学士@#", "郑州大学法学院法学专业#@#", "一级主任科员"})
	f[17] = "1998.09--2002.07  郑州大学法学院法学专业学习\r\n2002.07--         正阳县司法局干部"
	f[25] = "正阳县司法局干部"
	for i, v := range f {
		f[i] = `"` + v + `"`
	}
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(strings.Join(f, ",") + "\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// peopleSheet is the people workbook of ds, organisations written as a
// path of names, with the cells of edits (header → value) of its first
// data row changed.
func peopleSheet(t *testing.T, orgPath string, ds []*person.Dossier, edits map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	seq := func(yield func(*person.Dossier, error) bool) {
		for _, d := range ds {
			if !yield(d, nil) {
				return
			}
		}
	}
	if err := sheet.Export(&buf, sheet.People, seq, func(string) string { return orgPath }); err != nil {
		t.Fatal(err)
	}
	if len(edits) == 0 {
		return buf.Bytes()
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	name := f.GetSheetList()[0]
	rows, err := f.GetRows(name)
	if err != nil {
		t.Fatal(err)
	}
	for header, value := range edits {
		col := -1
		for i, h := range rows[0] {
			if h == header {
				col = i
			}
		}
		if col < 0 {
			t.Fatalf("the workbook has no column %q", header)
		}
		cell, _ := excelize.CoordinatesToCellName(col+1, 2)
		if err := f.SetCellStr(name, cell, value); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func TestImportSheetWithProblems(t *testing.T) {
	apptest.Each(t, func(t *testing.T, env *apptest.Env) {
		c := env.Client(t, access.TownshipOrganiser)
		good := newcomer("周建华", 11)
		good.Person.OrgID = env.Tree.VillageA.ID
		path := env.Tree.County.Name + "/" + env.Tree.TownA.Name + "/" + env.Tree.VillageA.Name
		bad := peopleSheet(t, path, []*person.Dossier{good}, map[string]string{zh("sheet.col.id_number"): "41172419780512"})
		fixed := peopleSheet(t, path, []*person.Dossier{good}, nil)
		fields := func(dryRun bool) url.Values {
			v := url.Values{"kind": {"people"}, "org_id": {env.Tree.TownA.ID}}
			if dryRun {
				v.Set("dry_run", "1")
			}
			return v
		}
		before := peopleCount(t, env)

		for _, dryRun := range []bool{false, true} {
			doc := uploadPage(t, c, "/people/import", fields(dryRun), http.StatusUnprocessableEntity, upload{"people.xlsx", bad})
			rows := doc.Find("table.problems tr.problem-row")
			if len(rows) != 1 {
				t.Fatalf("dry run %v: %d problems listed, want the one bad cell", dryRun, len(rows))
			}
			r := rows[0]
			checks := map[string]string{"td.file": "people.xlsx", "td.row": "2", "td.header": zh("sheet.col.id_number"),
				"td.value": "41172419780512", "td.reason": zh("sheet.id.length")}
			for sel, want := range checks {
				if got := r.One(t, sel).Text(); got != want {
					t.Errorf("dry run %v: %s %q, want %q", dryRun, sel, got, want)
				}
			}
			if r.One(t, "td.column").Text() == "" {
				t.Error("the bad cell's column is not named")
			}
			if got := doc.One(t, "section.import-problems .alert").Text(); got != zh("import.problems", 1) {
				t.Errorf("summary %q", got)
			}
			doc.One(t, ".problems-download")
			if n := peopleCount(t, env); n != before {
				t.Fatalf("dry run %v: %d people after a refused import, want %d", dryRun, n, before)
			}
		}

		// The problems as a workbook, from the same upload.
		body, name := download(t, postFiles(t, c, "/people/import/problems", fields(false), upload{"people.xlsx", bad}), xlsxType)
		if !strings.HasPrefix(name, "people") || !strings.HasSuffix(name, ".xlsx") {
			t.Errorf("problems workbook named %q", name)
		}
		f, err := excelize.OpenReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := f.GetRows(f.GetSheetList()[0])
		f.Close()
		if len(rows) != 2 || rows[1][0] != "2" || rows[1][len(rows[1])-1] != zh("sheet.id.length") {
			t.Errorf("problems workbook rows %q", rows)
		}

		// The fixed file, checked only: nothing written.
		doc := uploadPage(t, c, "/people/import", fields(true), http.StatusOK, upload{"people.xlsx", fixed})
		if got := doc.One(t, ".import-checked").Text(); got != zh("import.checked", 1) {
			t.Errorf("check says %q, want %q", got, zh("import.checked", 1))
		}
		if n := peopleCount(t, env); n != before {
			t.Fatalf("%d people after a dry run, want %d", n, before)
		}
		if len(doc.Find("table.problems")) != 0 {
			t.Error("a clean check lists problems")
		}

		// Imported for real, into the village the sheet names by path.
		doc = uploadPage(t, c, "/people/import", fields(false), http.StatusOK, upload{"people.xlsx", fixed})
		if got := doc.One(t, ".import-result").Text(); got != zh("import.done", 1, 0, 0) {
			t.Errorf("result %q", got)
		}
		if n := peopleCount(t, env); n != before+1 {
			t.Errorf("%d people after the import, want %d", n, before+1)
		}
		if _, org := findPerson(t, c, "周建华"); org != env.Tree.VillageA.Name {
			t.Errorf("imported into %q, want %q", org, env.Tree.VillageA.Name)
		}
	})
}

// TestImportRefusals: what the form itself lacks, files of other kinds, an
// ID number given twice, and a target beyond the principal's reach.
func TestImportRefusals(t *testing.T) {
	env := apptest.New(t)
	c := env.Client(t, access.TownshipOrganiser)
	var a, b bytes.Buffer
	lrmx.Encode(&a, newcomer("冯国强", 21))
	lrmx.Encode(&b, newcomer("冯国强", 21))
	before := peopleCount(t, env)

	doc := uploadPage(t, c, "/people/import", url.Values{"kind": {"people"}, "org_id": {env.Tree.TownA.ID}}, http.StatusUnprocessableEntity)
	doc.One(t, ".field.invalid input[name=file]")

	doc = uploadPage(t, c, "/people/import", url.Values{"kind": {"people"}, "org_id": {env.Tree.TownB.ID}},
		http.StatusUnprocessableEntity, upload{"a.lrmx", a.Bytes()})
	doc.One(t, ".field.invalid input[name=org_id]")
	if strings.Contains(doc.One(t, "main").Text(), env.Tree.TownB.Name) {
		t.Error("the page names the other township")
	}

	doc = uploadPage(t, c, "/people/import", url.Values{"kind": {"people"}, "org_id": {env.Tree.TownA.ID}},
		http.StatusUnprocessableEntity, upload{"a.lrmx", a.Bytes()}, upload{"b.lrmx", b.Bytes()}, upload{"notes.docx", []byte("x")})
	var reasons []string
	for _, r := range doc.Find("tr.problem-row") {
		reasons = append(reasons, r.One(t, "td.file").Text()+": "+r.One(t, "td.reason").Text())
	}
	want := []string{"b.lrmx: " + zh("import.id_repeated", "a.lrmx"), "notes.docx: " + zh("import.file_type", "notes.docx")}
	if strings.Join(reasons, "|") != strings.Join(want, "|") && strings.Join(reasons, "|") != strings.Join([]string{want[1], want[0]}, "|") {
		t.Errorf("problems %q, want %q", reasons, want)
	}

	// A person file the registry would refuse: a birth date the ID
	// number contradicts, reported on its field.
	wrong := newcomer("冯国华", 23)
	wrong.Person.BirthDate = civil.MustParse("1979-05-12")
	var w bytes.Buffer
	lrmx.Encode(&w, wrong)
	doc = uploadPage(t, c, "/people/import", url.Values{"kind": {"people"}, "org_id": {env.Tree.TownA.ID}},
		http.StatusUnprocessableEntity, upload{"wrong.lrmx", w.Bytes()})
	r := doc.One(t, "tr.problem-row")
	if got := r.One(t, "td.header").Text(); got != zh("sheet.col.birth_date") {
		t.Errorf("problem header %q, want %q", got, zh("sheet.col.birth_date"))
	}
	if got := r.One(t, "td.value").Text(); !strings.HasPrefix(got, "1979-05") {
		t.Errorf("problem value %q", got)
	}
	if n := peopleCount(t, env); n != before {
		t.Errorf("%d people after refused imports, want %d", n, before)
	}
}

// TestImportPagesLocales renders the import page, with problems and with
// a result, in every locale through the real handlers: no key is missing.
func TestImportPagesLocales(t *testing.T) {
	env := apptest.New(t)
	c := env.Client(t, access.CountyStaff)
	var file bytes.Buffer
	lrmx.Encode(&file, newcomer("陈志远", 31))
	bad := newcomer("陈志", 33)
	bad.Person.Name = "陈"
	var badFile bytes.Buffer
	lrmx.Encode(&badFile, bad)
	for _, loc := range i18n.Locales {
		lang := "?lang=" + string(loc)
		check := func(what, body string) {
			t.Helper()
			if m := missingKeyRE.FindAllString(body, -1); len(m) > 0 {
				t.Errorf("%s %s: missing catalog keys %v", loc, what, m)
			}
			if got := web.ParseHTML(t, body).One(t, "html").Attr("lang"); got != string(loc) {
				t.Errorf("%s %s: lang %q", loc, what, got)
			}
		}
		resp := c.Get("/people/import" + lang)
		check("form", apptest.Body(t, resp))
		fields := url.Values{"kind": {"people"}, "org_id": {env.Tree.TownA.ID}, "dry_run": {"1"}}
		for _, f := range []upload{{"ok.lrmx", file.Bytes()}, {"bad.lrmx", badFile.Bytes()}, {"bad.txt", nil}} {
			resp := postFiles(t, c, "/people/import"+lang, fields, f)
			check(f.name, apptest.Body(t, resp))
		}
	}
}
