package web

import (
	"net/http"
	"net/url"
	"unicode/utf8"

	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/person"
)

// pagePrint is the printed 干部任免审批表, one form or a batch.
const pagePrint = "print"

// maxPrintBatch caps a batch: a bigger print run is several batches, not
// one page that loads hundreds of dossiers.
const maxPrintBatch = 100

// The national layout has room for this many family rows at the normal
// height and for familyRowsDense at a smaller one; more are not printed.
const (
	familyRows      = 8
	familyRowsDense = 12
)

// The resume box holds about this many lines of text at the normal size,
// and resumeDenser at the smaller one; beyond that the smallest is used.
const (
	resumeLines  = 22
	resumeDenser = 29
	// resumeLineRunes is roughly how many characters fit on one line of
	// the resume box at the normal size.
	resumeLineRunes = 36
)

// PrintView is the print page: the forms, one after another, each starting
// on a new sheet, and a toolbar that is not printed.
type PrintView struct {
	Page
	Forms []PrintedForm
	// Back is where the toolbar's return link goes.
	Back string
}

// PrintedForm is an appointment form fitted to the national two-page
// layout: the family table padded to its rows, the resume type size chosen
// to fill its box.
type PrintedForm struct {
	AppointmentForm
	PhotoURL   string
	FamilyRows []FormRelative
	// FamilyDense and ResumeSize ("", "small", "smaller") pick the
	// layout's tighter spacing.
	FamilyDense bool
	ResumeSize  string
}

// fitForm fits f to the national layout.
func fitForm(f AppointmentForm) PrintedForm {
	pf := PrintedForm{AppointmentForm: f}
	if f.HasPhoto {
		pf.PhotoURL = "/people/" + url.PathEscape(f.PersonID) + "/photo"
	}
	rows := f.Family
	if len(rows) > familyRows {
		pf.FamilyDense = true
		rows = rows[:min(len(rows), familyRowsDense)]
	}
	want := familyRows
	if pf.FamilyDense {
		want = familyRowsDense
	}
	pf.FamilyRows = append(append([]FormRelative{}, rows...), make([]FormRelative, want-len(rows))...)
	lines := 0
	for _, r := range f.Resume {
		n := utf8.RuneCountInString(r.Span) + 2 + utf8.RuneCountInString(r.Text)
		lines += max(1, (n+resumeLineRunes-1)/resumeLineRunes)
	}
	switch {
	case lines > resumeDenser:
		pf.ResumeSize = "smaller"
	case lines > resumeLines:
		pf.ResumeSize = "small"
	}
	return pf
}

// printWords binds the catalog to the page's locale for the form's
// composed sentences.
func (s *Server) printWords(pg Page) words {
	return func(key string, args ...any) string { return s.catalog.T(pg.Locale, key, args...) }
}

func (s *Server) printForm(w http.ResponseWriter, r *http.Request) error {
	d, err := s.people.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	if _, err := s.resumeWithSecondments(r.Context(), d); err != nil {
		return err
	}
	pg := s.page(w, r, "print.title")
	pg.Subject = d.Person.Name
	v := &PrintView{Page: pg, Back: "/people/" + url.PathEscape(d.Person.ID)}
	v.Forms = []PrintedForm{fitForm(newAppointmentForm(d, civil.Today(shanghai), s.printWords(pg)))}
	return s.render(w, http.StatusOK, pagePrint, v)
}

// printForms prints the forms of the people named by the id parameters, in
// their order; a person named twice is printed once.
func (s *Server) printForms(w http.ResponseWriter, r *http.Request) error {
	var ids []string
	seen := map[string]bool{}
	for _, id := range r.URL.Query()["id"] {
		if id != "" && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	switch {
	case len(ids) == 0:
		return fault.New(fault.Invalid, "print.batch_empty")
	case len(ids) > maxPrintBatch:
		return fault.New(fault.Invalid, "print.batch_too_many", maxPrintBatch)
	}
	ds := make([]*person.Dossier, 0, len(ids))
	for _, id := range ids {
		d, err := s.people.Get(r.Context(), id)
		if err != nil {
			return err
		}
		if _, err := s.resumeWithSecondments(r.Context(), d); err != nil {
			return err
		}
		ds = append(ds, d)
	}
	pg := s.page(w, r, "print.batch_title")
	v := &PrintView{Page: pg, Back: "/people"}
	today, t := civil.Today(shanghai), s.printWords(pg)
	for _, d := range ds {
		v.Forms = append(v.Forms, fitForm(newAppointmentForm(d, today, t)))
	}
	return s.render(w, http.StatusOK, pagePrint, v)
}
