package web

import (
	"net/http"
	"net/url"

	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/lrmx"
	"zugong/internal/person"
	"zugong/internal/selection"
)

// The outputs of a selection for one candidate: the 干部任免审批表 printed
// with the selection's proposal, and the same record as an LRMX file. Both
// read the candidate's dossier as the registry prints it and lay the
// proposal (selection.Proposal) over the copy read; the stored dossier is
// not changed.

// proposedDossier reads the selection and the dossier of its candidate pid
// with the selection's proposal laid over it. A person who is not a
// candidate of the selection is not found, before their dossier is read.
func (s *Server) proposedDossier(r *http.Request) (*selection.Selection, *person.Dossier, error) {
	ctx := r.Context()
	sel, err := s.selections.Get(ctx, r.PathValue("id"))
	if err != nil {
		return nil, nil, err
	}
	pid := r.PathValue("pid")
	if _, ok := sel.Proposal(pid, nil); !ok {
		return nil, nil, fault.New(fault.NotFound, "selection.not_a_candidate")
	}
	d, err := s.people.Get(ctx, pid)
	if err != nil {
		return nil, nil, err
	}
	if _, err := s.resumeWithSecondments(ctx, d); err != nil {
		return nil, nil, err
	}
	if d.Cadre == nil {
		d.Cadre = &person.Cadre{}
	}
	pr, _ := sel.Proposal(pid, d.Cadre.Posts)
	// The reporting unit, who filled the form and when stay as the
	// registry has them; the motion's organ reports when it names none.
	stored := d.Cadre.Proposal
	pr.ReportingUnit, pr.FilledBy, pr.FilledOn = stored.ReportingUnit, stored.FilledBy, stored.FilledOn
	if pr.ReportingUnit == "" && sel.Motion != nil {
		pr.ReportingUnit = s.orgNames(ctx)(sel.Motion.Organ)
	}
	d.Cadre.Proposal = pr
	return sel, d, nil
}

// selectionForm prints the 干部任免审批表 of a candidate with the
// selection's proposal, on the same page and layout as /people/{id}/form.
func (s *Server) selectionForm(w http.ResponseWriter, r *http.Request) error {
	sel, d, err := s.proposedDossier(r)
	if err != nil {
		return err
	}
	pg := s.page(w, r, "print.title")
	pg.Subject = d.Person.Name
	v := &PrintView{Page: pg, Back: "/selections/" + url.PathEscape(sel.ID)}
	v.Forms = []PrintedForm{fitForm(newAppointmentForm(d, civil.Today(shanghai), s.printWords(pg)))}
	return s.render(w, http.StatusOK, pagePrint, v)
}

// selectionLRMX downloads the LRMX file of a candidate with the selection's
// proposal. The route needs no sensitive.reveal, so the dossier comes with
// the ID number masked; a masked number is no number, and the file leaves
// it out rather than carry one another system would take for real. The
// file keeps the name an export gives it.
func (s *Server) selectionLRMX(w http.ResponseWriter, r *http.Request) error {
	_, d, err := s.proposedDossier(r)
	if err != nil {
		return err
	}
	name := lrmx.FileName(d, 0)
	d.Person.IDNumber = ""
	dl := newDownload(w, name, lrmxType)
	return dl.finish(r, lrmx.Encode(dl, d))
}

// Outputs lists the candidates the page links to a form and an LRMX file
// for: the people publicised once the 任前公示 is recorded, else, for a
// reader who may record the next step, the people that step's form is
// about (those still in the running).
func (v *SelectionView) Outputs() []Candidate {
	if len(v.Candidates) > 0 {
		return v.Candidates
	}
	if v.Next != nil && v.Next.Stage != string(selection.StageRecommendation) {
		return v.Next.Rows
	}
	return nil
}
