package web

import (
	"net/http"
	"net/url"
	"strings"

	"zugong/internal/access"
	"zugong/internal/appraisal"
	"zugong/internal/civil"
	"zugong/internal/fault"
)

// AppraisalPersonView explains one cadre's published score and lists their
// evidence, with the entry form and the sign-off of records not yet signed.
type AppraisalPersonView struct {
	Page
	Scheme   appraisal.Scheme
	PersonID string
	Name     string
	// Explained is false while the cadre has no published result.
	Explained bool
	Rank      int
	Total     string
	Lines     []ExplainLine
	Vetoes    []ExplainVeto
	Evidence  []EvidenceRow
	Kinds     []appraisal.Kind
	CanManage bool
	Form      Form
	Others    []fault.FieldError
	Today     civil.Date
}

// ExplainLine is one line of an explanation with the records behind it.
type ExplainLine struct {
	Kind   appraisal.LineKind
	Code   string
	Name   string
	Value  string
	Points string
	Proofs []string
}

// ExplainVeto is a veto the cadre incurred, with its grade cap and records.
type ExplainVeto struct {
	Code   string
	Name   string
	Cap    string
	Proofs []string
}

// EvidenceRow is one evidence record as the page lists it.
type EvidenceRow struct {
	appraisal.Evidence
	Signed bool
	// Counted reports whether the published score used the record.
	Counted bool
}

var evidenceFields = []string{"kind", "class", "date", "amount", "in_place", "progress", "score", "document_no", "attachment"}

func (s *Server) appraisalPerson(w http.ResponseWriter, r *http.Request) error {
	return s.renderAppraisalPerson(w, r, http.StatusOK, formOf(url.Values{}))
}

func (s *Server) renderAppraisalPerson(w http.ResponseWriter, r *http.Request, status int, f Form) error {
	ctx := r.Context()
	sc, err := s.appraisal.Scheme(ctx, r.PathValue("id"))
	if err != nil {
		return err
	}
	pid := r.PathValue("pid")
	names, err := s.appraisal.PersonNames(ctx, []string{pid})
	if err != nil {
		return err
	}
	name, ok := names[pid]
	if !ok {
		return fault.New(fault.NotFound, "error.not_found")
	}
	all, err := s.appraisal.PersonEvidence(ctx, pid)
	if err != nil {
		return err
	}
	v := &AppraisalPersonView{Page: s.page(w, r, "page.appraisal_person"), Scheme: *sc, PersonID: pid, Name: name, Kinds: appraisal.Kinds(),
		CanManage: access.From(ctx).Has(access.AppraisalManage), Form: f, Others: f.Others(evidenceFields...),
		Today: civil.Today(shanghai)}
	v.Subject = name
	counted := map[string]bool{}
	x, used, err := s.appraisal.Explain(ctx, sc.ID, pid)
	switch {
	case fault.Is(err, fault.NotFound):
	case err != nil:
		return err
	default:
		v.Explained, v.Rank, v.Total = true, x.Rank, x.Total.String()
		proofs := proofsOf(used)
		for _, l := range x.Lines {
			v.Lines = append(v.Lines, ExplainLine{Kind: l.Kind, Code: l.Code, Name: l.Name, Value: l.Value.String(),
				Points: l.Points.String(), Proofs: proofs.of(l.Evidence)})
			for _, id := range l.Evidence {
				counted[id] = true
			}
		}
		for _, vt := range x.Vetoes {
			v.Vetoes = append(v.Vetoes, ExplainVeto{Code: vt.Code, Name: vt.Name, Cap: string(vt.Cap), Proofs: proofs.of(vt.Evidence)})
		}
	}
	for _, e := range all {
		v.Evidence = append(v.Evidence, EvidenceRow{Evidence: e, Signed: e.Counts(), Counted: counted[e.ID]})
	}
	return s.render(w, status, pageAppraisalPerson, v)
}

// proofIndex finds the document number (or attachment) of a record by ID.
type proofIndex map[string]string

func proofsOf(evidence []appraisal.Evidence) proofIndex {
	out := make(proofIndex, len(evidence))
	for i := range evidence {
		out[evidence[i].ID] = proofText(&evidence[i])
	}
	return out
}

func (p proofIndex) of(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = p[id]
	}
	return out
}

// proofText is what proves a record: its document number, else its
// attachment reference.
func proofText(e *appraisal.Evidence) string {
	if e.DocumentNo != "" {
		return e.DocumentNo
	}
	return e.Attachment
}

func (s *Server) appraisalEvidenceAdd(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	e := readEvidence(&f)
	e.PersonID = r.PathValue("pid")
	if f.OK() {
		_, err := s.appraisal.AddEvidence(r.Context(), e)
		if err == nil {
			s.setFlash(w, "flash.appraisal.evidence_added")
			return redirect(w, r, "/appraisal/"+r.PathValue("id")+"/people/"+e.PersonID)
		}
		if !f.Absorb(err) {
			return err
		}
	}
	return s.renderAppraisalPerson(w, r, http.StatusUnprocessableEntity, f)
}

// readEvidence reads the evidence form; amounts are decimals with at most
// two places (万元, %, points).
func readEvidence(f *Form) *appraisal.Evidence {
	e := &appraisal.Evidence{Kind: appraisal.Kind(f.Get("kind")), Class: f.Get("class"), Date: f.Date("date"),
		Completed: f.Checked("completed"), DocumentNo: f.Get("document_no"), Attachment: f.Get("attachment")}
	for _, a := range []struct {
		field string
		to    *appraisal.Value
	}{{"amount", &e.Amount}, {"in_place", &e.InPlace}, {"progress", &e.Progress}, {"score", &e.Score}} {
		v, ok := parseHundredths(f.Get(a.field))
		if !ok {
			f.Add(a.field, "appraisal.web.number_format")
		}
		*a.to = appraisal.Value(v)
	}
	return e
}

// parseHundredths reads "12", "12.5" or "12.50" as 1250; empty is 0.
func parseHundredths(s string) (int64, bool) {
	if s == "" {
		return 0, true
	}
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 2 || whole == "" {
		return 0, false
	}
	frac += strings.Repeat("0", 2-len(frac))
	var n int64
	for _, c := range whole + frac {
		if c < '0' || c > '9' || n > 1e15 {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, true
}

func (s *Server) appraisalEvidenceSign(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	on := f.Date("on")
	if on.IsZero() {
		on = civil.Today(shanghai)
	}
	if _, err := s.appraisal.SignEvidence(r.Context(), r.PathValue("eid"), on); err != nil {
		if fault.Is(err, fault.NotFound) || !f.Absorb(err) {
			return err
		}
		// The sign-off form posts only its day: the entry form below shows
		// empty, with the reason above it.
		return s.renderAppraisalPerson(w, r, f.Status(err), f)
	}
	s.setFlash(w, "flash.appraisal.evidence_signed")
	return redirect(w, r, "/appraisal/"+r.PathValue("id")+"/people/"+r.PathValue("pid"))
}
