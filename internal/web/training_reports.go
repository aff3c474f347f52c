package web

import (
	"net/http"
	"net/url"
	"strconv"

	"zugong/internal/access"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/training"
)

// ReportsView lists self-reported training with the review forms the
// principal may use, and the form to enter a new report.
type ReportsView struct {
	Page
	Filter     Form
	Statuses   []training.ReportStatus
	Kinds      []training.ReportKind
	Rows       []training.ListedReport
	New        Form
	Review     Form
	ReviewID   string
	CanSubmit  bool
	CanUnit    bool
	CanDept    bool
	Prev, Next string
	Others     []fault.FieldError
}

var reportFields = []string{"person", "kind", "title", "provider", "start", "end", "hours", "days", "evidence", "counts"}

func (s *Server) trainingReports(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	return s.renderReports(w, r, http.StatusOK, formOf(url.Values{"person": {q.Get("person")}, "kind": {string(training.Network)}}), Form{}, "")
}

func (s *Server) renderReports(w http.ResponseWriter, r *http.Request, status int, newForm, review Form, reviewID string) error {
	q := r.URL.Query()
	page, size := pageParams(q, programmeSizes)
	rows, err := s.training.ListReports(r.Context(), training.ReportFilter{Under: q.Get("under"),
		Status: training.ReportStatus(q.Get("status")), PersonID: q.Get("person"), Limit: size + 1, Offset: (page - 1) * size})
	if err != nil {
		return err
	}
	p := access.From(r.Context())
	v := &ReportsView{Page: s.page(w, r, "page.training_reports"), Filter: formOf(q), Statuses: training.ReportStatuses,
		Kinds: training.ReportKinds, Rows: rows, New: newForm, Review: review, ReviewID: reviewID,
		CanSubmit: p.Has(access.TrainingManage), CanUnit: p.Has(access.TrainingUnitReview), CanDept: p.Has(access.TrainingDeptReview),
		Others: newForm.Others(reportFields...)}
	l := newListQuery("/training/reports", q)
	if len(rows) > size {
		v.Rows, v.Next = rows[:size], l.with("page", strconv.Itoa(page+1))
	}
	if page > 1 {
		v.Prev = l.with("page", pageValue(page-1))
	}
	return s.render(w, status, pageTrainingReports, v)
}

func (s *Server) reportSubmit(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	rep := &training.SelfReport{PersonID: f.Get("person"), Kind: training.ReportKind(f.Get("kind")), Title: f.Get("title"),
		Provider: f.Get("provider"), Evidence: f.Get("evidence"), CountsTowardQuota: f.Checked("counts"),
		Start: f.Date("start"), End: f.Date("end")}
	if rep.Hours, err = training.ParseHours(f.Get("hours")); err != nil {
		f.Add("hours", "training.hours_format")
	}
	if d := f.Get("days"); d != "" {
		if rep.Days, err = strconv.Atoi(d); err != nil {
			f.Add("days", "training.days_format")
		}
	}
	if f.OK() {
		_, err := s.training.SubmitReport(r.Context(), rep)
		if err == nil {
			s.setFlash(w, "flash.training.report_submitted")
			return redirect(w, r, "/training/reports?status=submitted")
		}
		if !f.Absorb(err) {
			return err
		}
	}
	return s.renderReports(w, r, http.StatusUnprocessableEntity, f, Form{}, "")
}

func (s *Server) reportReview(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	id := r.PathValue("id")
	rv := training.Review{On: civil.Today(shanghai), Approve: f.Get("decision") == "approve", Reason: f.Get("reason"),
		Counts: f.Checked("counts")}
	err = s.training.ReviewReport(r.Context(), id, f.Get("level") == "dept", rv)
	if err == nil {
		s.setFlash(w, "flash.training.report_reviewed")
		return redirect(w, r, "/training/reports")
	}
	if !f.Absorb(err) {
		return err
	}
	return s.renderReports(w, r, http.StatusUnprocessableEntity, Form{}, f, id)
}

// PersonTrainingView is one cadre's training: standing, programmes, reports.
type PersonTrainingView struct {
	Page
	PersonID string
	Name     string
	Record   *training.PersonRecord
	Years    []int
}

func (s *Server) personTraining(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	d, err := s.people.Get(ctx, r.PathValue("id"))
	if err != nil {
		return err
	}
	today := civil.Today(shanghai)
	rec, err := s.training.PersonTraining(ctx, d.Person.ID, yearParam(r.URL.Query(), today))
	if err != nil {
		return err
	}
	v := &PersonTrainingView{Page: s.page(w, r, "page.person_training"), PersonID: d.Person.ID, Name: d.Person.Name,
		Record: rec, Years: yearChoices(today)}
	v.Subject = d.Person.Name
	return s.render(w, http.StatusOK, pagePersonTraining, v)
}
