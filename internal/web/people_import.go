package web

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"mime/multipart"
	"net/http"
	"path"
	"strconv"
	"strings"

	"zugong/internal/access"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/gate"
	"zugong/internal/org"
	"zugong/internal/person"
	"zugong/internal/sheet"
)

// pageImport is the upload form of the people registry and its outcome.
const pageImport = "people_import"

// importKindKeys name the workbook kinds an upload may be read as.
var importKindKeys = map[sheet.Kind]string{
	sheet.People:       "import.kind.people",
	sheet.PartyMembers: "import.kind.party_members",
}

// maxShownProblems bounds the problems listed on the page; the problems
// workbook holds every one the reader kept.
const maxShownProblems = 1000

// ImportView is the upload form and, after an upload, what came of it: the
// problems found (nothing is written then), the count a check found
// importable, or what the import did.
type ImportView struct {
	Page
	Form  Form
	Kinds []Choice
	// Target is the organisation new people join, when the form names a
	// valid one.
	Target *org.Org
	// MaxUploadText is the largest upload the server accepts, in words
	// ("1 MB").
	MaxUploadText string
	Problems      []ImportProblem
	ProblemCount  int
	// SheetProblems reports problems in a workbook: a problems workbook
	// can be downloaded for them.
	SheetProblems bool
	// Verified reports a check without problems, and Checked the people it
	// found importable; Result is what an import did.
	Verified bool
	Checked  int
	Result   *person.ImportResult
}

// ImportProblem is one problem of an upload. Row and Column place it in a
// workbook; Record counts people in a file when the row is not known; a
// problem of an LRMX file names the field by HeaderKey.
type ImportProblem struct {
	File      string
	Row       int
	Record    int
	Column    string
	Header    string
	HeaderKey string
	Value     string
	Reason    Message
}

// importView is the page with the form as given.
func (s *Server) importView(w http.ResponseWriter, r *http.Request, f Form) *ImportView {
	v := &ImportView{Page: s.page(w, r, "import.title"), Form: f, MaxUploadText: sizeText(s.uploadLimit())}
	for _, k := range sheet.Kinds {
		v.Kinds = append(v.Kinds, Choice{Value: string(k), Key: importKindKeys[k]})
	}
	return v
}

// uploadLimit is the largest upload the surface accepts.
func (s *Server) uploadLimit() int64 {
	if s.maxUpload > 0 {
		return s.maxUpload
	}
	return gate.DefaultMaxUpload
}

// sizeText words a size in bytes as MB or KB.
func sizeText(n int64) string {
	if n >= 1<<20 {
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', -1, 64) + " MB"
	}
	return strconv.FormatInt(max(n>>10, 1), 10) + " KB"
}

// defaultImportOrg is the root of the principal's first scope in which it
// may write: where new people go unless the form says otherwise.
func defaultImportOrg(p *access.Principal) string {
	if p == nil {
		return ""
	}
	for _, g := range p.Grants {
		if g.Role.Allows(access.OrgWrite) {
			return g.ScopeOrgID
		}
	}
	return ""
}

func (s *Server) importForm(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	f := formOf(map[string][]string{"kind": {string(sheet.People)}})
	if id := defaultImportOrg(access.From(ctx)); id != "" {
		f.Values.Set("org_id", id)
	}
	v := s.importView(w, r, f)
	if id := f.Get("org_id"); id != "" {
		if o, err := s.orgs.Get(ctx, id); err == nil {
			v.Target = o
		}
	}
	return s.render(w, http.StatusOK, pageImport, v)
}

// importTemplate downloads the blank workbook of an import kind, its
// column notes in the user's language.
func (s *Server) importTemplate(w http.ResponseWriter, r *http.Request) error {
	kind, ok := sheet.ParseKind(r.URL.Query().Get("kind"))
	if !ok {
		return fault.New(fault.Invalid, "import.kind_unknown")
	}
	loc := gate.Locale(r)
	var buf bytes.Buffer
	if err := sheet.Template(&buf, kind, loc); err != nil {
		return err
	}
	d := newDownload(w, fileStem(s.catalog.T(loc, "import.template_file", s.catalog.T(loc, importKindKeys[kind])))+".xlsx", xlsxType)
	_, err := buf.WriteTo(d)
	return d.finish(r, err)
}

// parseUpload parses a multipart form with its files. A body over the
// limit keeps its own error (answered as too large); anything else that
// is not a form is malformed. A plain form without files is accepted.
func parseUpload(r *http.Request) error {
	err := r.ParseMultipartForm(gate.DefaultMaxBody)
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return err
	case err != nil && !errors.Is(err, http.ErrNotMultipart):
		return fault.Wrap(fault.Malformed, "error.malformed", err)
	}
	return nil
}

// importRequest reads the posted form and its files. With a problem in the
// form itself it returns the view to re-render and no batch.
func (s *Server) importRequest(w http.ResponseWriter, r *http.Request) (*ImportView, *importBatch, *org.Org, error) {
	ctx := r.Context()
	if err := parseUpload(r); err != nil {
		return nil, nil, nil, err
	}
	f := Form{Values: r.PostForm}
	v := s.importView(w, r, f)
	kind, ok := sheet.ParseKind(f.Get("kind"))
	if !ok {
		v.Form.Add("kind", "field.invalid_choice")
	}
	target, err := s.importTarget(ctx, &v.Form)
	if err != nil {
		return nil, nil, nil, err
	}
	v.Target = target
	var files []*multipart.FileHeader
	if r.MultipartForm != nil {
		files = r.MultipartForm.File["file"]
	}
	if len(files) == 0 {
		v.Form.Add("file", "field.required")
	}
	if !v.Form.OK() {
		return v, nil, nil, nil
	}
	rd := &uploadReader{catalog: s.catalog, kind: kind, today: civil.Today(shanghai), resolve: s.orgResolver(ctx), files: files}
	b, err := rd.read()
	if err != nil {
		return nil, nil, nil, err
	}
	return v, b, target, nil
}

// importTarget checks the organisation new people join: one the principal
// may write to, still active.
func (s *Server) importTarget(ctx context.Context, f *Form) (*org.Org, error) {
	id := f.Get("org_id")
	if id == "" {
		f.Add("org_id", "field.required")
		return nil, nil
	}
	o, err := s.orgs.Get(ctx, id)
	switch {
	case fault.CodeOf(err) == fault.NotFound:
		f.Add("org_id", "error.not_found")
		return nil, nil
	case err != nil:
		return nil, err
	case access.Check(access.From(ctx), access.OrgWrite, o.Path) != nil:
		f.Add("org_id", "error.not_found")
		return nil, nil
	case o.Status != org.Active:
		f.Add("org_id", "error.org.inactive")
	}
	return o, nil
}

// importUpload checks an upload and, unless asked only to check or a
// problem was found, imports it: all or nothing.
func (s *Server) importUpload(w http.ResponseWriter, r *http.Request) error {
	v, b, target, err := s.importRequest(w, r)
	if err != nil {
		return err
	}
	if b == nil {
		return s.render(w, http.StatusUnprocessableEntity, pageImport, v)
	}
	if b.count > 0 {
		v.setProblems(b)
		return s.render(w, http.StatusUnprocessableEntity, pageImport, v)
	}
	if v.Form.Checked("dry_run") {
		v.Verified, v.Checked = true, len(b.dossiers)
		return s.render(w, http.StatusOK, pageImport, v)
	}
	res, err := s.people.Import(r.Context(), target.ID, b.dossiers)
	if err != nil {
		if b.storeProblems(s.catalog, err) {
			v.setProblems(b)
			return s.render(w, http.StatusUnprocessableEntity, pageImport, v)
		}
		if v.Form.Absorb(err) {
			return s.render(w, v.Form.Status(err), pageImport, v)
		}
		return err
	}
	s.quality.clear()
	v.Result = res
	return s.render(w, http.StatusOK, pageImport, v)
}

// importProblems answers the problems of the workbooks of an upload as a
// workbook (a zip of them for several files), for the user to fix the
// files by. An upload without workbook problems shows the page as a check
// would.
func (s *Server) importProblems(w http.ResponseWriter, r *http.Request) error {
	v, b, _, err := s.importRequest(w, r)
	if err != nil {
		return err
	}
	if b == nil {
		return s.render(w, http.StatusUnprocessableEntity, pageImport, v)
	}
	if len(b.sheets) == 0 {
		if b.count > 0 {
			v.setProblems(b)
			return s.render(w, http.StatusUnprocessableEntity, pageImport, v)
		}
		v.Verified, v.Checked = true, len(b.dossiers)
		return s.render(w, http.StatusOK, pageImport, v)
	}
	loc := v.Locale
	name := func(file string) string {
		return fileStem(s.catalog.T(loc, "import.problems_file", strings.TrimSuffix(path.Base(file), path.Ext(file)))) + ".xlsx"
	}
	if len(b.sheets) == 1 {
		d := newDownload(w, name(b.sheets[0].file), xlsxType)
		return d.finish(r, sheet.ProblemsWorkbook(d, b.sheets[0].problems, loc))
	}
	d := newDownload(w, fileStem(s.catalog.T(loc, "import.problems_zip"))+".zip", zipType)
	zw := zip.NewWriter(d)
	seen := map[string]bool{}
	for i, sp := range b.sheets {
		n := name(sp.file)
		if seen[n] {
			n = strings.TrimSuffix(n, ".xlsx") + "-" + strconv.Itoa(i+1) + ".xlsx"
		}
		seen[n] = true
		fw, err := zw.Create(n)
		if err == nil {
			err = sheet.ProblemsWorkbook(fw, sp.problems, loc)
		}
		if err != nil {
			return d.finish(r, err)
		}
	}
	return d.finish(r, zw.Close())
}

// setProblems puts the problems of b on the page, at most maxShownProblems.
func (v *ImportView) setProblems(b *importBatch) {
	v.Problems = b.problems[:min(len(b.problems), maxShownProblems)]
	v.ProblemCount = b.count
	v.SheetProblems = len(b.sheets) > 0
}
