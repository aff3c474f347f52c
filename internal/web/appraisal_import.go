package web

import (
	"bytes"
	"mime/multipart"
	"net/http"

	"zugong/internal/access"
	"zugong/internal/appraisal"
	"zugong/internal/fault"
	"zugong/internal/gate"
	"zugong/internal/sheet"
)

// pageEvidenceImport is the upload form of evidence records from Excel.
const pageEvidenceImport = "appraisal_import"

// evidenceImportRoutes registers the evidence import: the form, its
// template workbook and the upload, all for those who manage appraisals.
func (s *Server) evidenceImportRoutes(rt *gate.Router) {
	rt.Handle("GET /appraisal/{id}/import", access.AppraisalManage, s.evidenceImportForm)
	rt.Handle("GET /appraisal/{id}/import/template", access.AppraisalManage, s.evidenceImportTemplate)
	rt.HandleUpload("POST /appraisal/{id}/import", access.AppraisalManage, s.evidenceImportUpload)
}

// EvidenceImportView is the upload form of evidence records and, after an
// upload with problems, the problems by row and column: nothing is written
// then.
type EvidenceImportView struct {
	Page
	Scheme        appraisal.Scheme
	Form          Form
	MaxUploadText string
	// Problems lists the first maxShownProblems of ProblemCount problems.
	Problems     []ImportProblem
	ProblemCount int
}

func (s *Server) evidenceImportView(w http.ResponseWriter, r *http.Request, f Form) (*EvidenceImportView, error) {
	sc, err := s.appraisal.Scheme(r.Context(), r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	v := &EvidenceImportView{Page: s.page(w, r, "evidence_import.title"), Scheme: *sc, Form: f, MaxUploadText: sizeText(s.uploadLimit())}
	v.Subject = sc.Name
	return v, nil
}

func (s *Server) evidenceImportForm(w http.ResponseWriter, r *http.Request) error {
	v, err := s.evidenceImportView(w, r, Form{})
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, pageEvidenceImport, v)
}

// evidenceImportTemplate downloads the blank evidence workbook, its column
// notes and example row in the user's language.
func (s *Server) evidenceImportTemplate(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.appraisal.Scheme(r.Context(), r.PathValue("id")); err != nil {
		return err
	}
	loc := gate.Locale(r)
	var buf bytes.Buffer
	if err := sheet.EvidenceTemplate(&buf, loc); err != nil {
		return err
	}
	d := newDownload(w, fileStem(s.catalog.T(loc, "evidence_import.template_file"))+".xlsx", xlsxType)
	_, err := buf.WriteTo(d)
	return d.finish(r, err)
}

// evidenceImportUpload reads the uploaded workbook and imports its records,
// all or nothing: a problem in the file or with the registry answers the
// problems by row and column, and nothing is written.
func (s *Server) evidenceImportUpload(w http.ResponseWriter, r *http.Request) error {
	if err := parseUpload(r); err != nil {
		return err
	}
	v, err := s.evidenceImportView(w, r, Form{Values: r.PostForm})
	if err != nil {
		return err
	}
	var files []*multipart.FileHeader
	if r.MultipartForm != nil {
		files = r.MultipartForm.File["file"]
	}
	switch len(files) {
	case 0:
		v.Form.Add("file", "field.required")
	case 1:
	default:
		v.Form.Add("file", "evidence_import.one_file")
	}
	if !v.Form.OK() {
		return s.render(w, http.StatusUnprocessableEntity, pageEvidenceImport, v)
	}
	rows, problems, err := readEvidenceFile(files[0])
	if e, ok := fault.As(err); ok && e.Code == fault.Invalid {
		v.Form.Add("file", e.Key, e.Args...)
		return s.render(w, http.StatusUnprocessableEntity, pageEvidenceImport, v)
	}
	if err != nil {
		return err
	}
	if len(problems) == 0 && len(rows) == 0 {
		v.Form.Add("file", "evidence_import.no_rows")
		return s.render(w, http.StatusUnprocessableEntity, pageEvidenceImport, v)
	}
	if len(problems) == 0 {
		entries := make([]appraisal.ImportRow, len(rows))
		for i := range rows {
			entries[i] = rows[i].ImportRow
		}
		_, err := s.appraisal.ImportEvidence(r.Context(), entries)
		if err == nil {
			s.setFlash(w, "flash.appraisal.evidence_imported")
			return redirect(w, r, "/appraisal/"+v.Scheme.ID)
		}
		var ok bool
		if problems, ok = sheet.EvidenceProblems(rows, err); !ok {
			if v.Form.Absorb(err) {
				return s.render(w, v.Form.Status(err), pageEvidenceImport, v)
			}
			return err
		}
	}
	v.ProblemCount = len(problems)
	for _, p := range problems[:min(len(problems), maxShownProblems)] {
		v.Problems = append(v.Problems, ImportProblem{Row: p.Row, Column: p.Column, Header: p.Header, Value: p.Value,
			Reason: Message{Key: p.Key, Args: p.Args}})
	}
	return s.render(w, http.StatusUnprocessableEntity, pageEvidenceImport, v)
}

// readEvidenceFile reads an uploaded evidence workbook.
func readEvidenceFile(fh *multipart.FileHeader) ([]sheet.EvidenceRow, []sheet.Problem, error) {
	f, err := fh.Open()
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	return sheet.ReadEvidence(f)
}
