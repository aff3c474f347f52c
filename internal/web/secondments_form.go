package web

import (
	"context"
	"net/http"
	"net/url"

	"zugong/internal/access"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/secondment"
)

// SecondmentNewView is the form that records a new secondment.
type SecondmentNewView struct {
	Page
	Form Form
	// PersonName names the person the form is for, when the principal may
	// see them; the form then holds the person's ID hidden.
	PersonName string
	Kinds      []Choice
	// Others are problems of fields the form does not show.
	Others []fault.FieldError
}

// secondmentFields are the fields of the new-secondment form, named as the
// domain names them.
var secondmentFields = []string{"person", "kind", "home_org", "host_org", "host_unit", "host_post", "start", "end",
	"full_time", "decision_doc"}

// idFields are the fields that hold the ID of a record.
var idFields = []string{"person", "home_org", "host_org"}

func (s *Server) secondmentNewForm(w http.ResponseWriter, r *http.Request) error {
	f := formOf(url.Values{"person": {r.URL.Query().Get("person")}, "full_time": {"1"}})
	return s.renderSecondmentNew(w, r, http.StatusOK, f)
}

// renderSecondmentNew shows the form with f. An ID that names nothing the
// principal may see is not kept: its field says it was not found.
func (s *Server) renderSecondmentNew(w http.ResponseWriter, r *http.Request, status int, f Form) error {
	v := &SecondmentNewView{Page: s.page(w, r, "secondment.new_title"), Kinds: kindChoices()}
	if id := f.Get("person"); id != "" && !f.Invalid("person") {
		d, err := s.people.Get(r.Context(), id)
		switch {
		case err == nil:
			v.PersonName = d.Person.Name
		case fault.CodeOf(err) == fault.NotFound:
			f.Add("person", "error.not_found")
			status = http.StatusUnprocessableEntity
		default:
			return err
		}
	}
	for _, field := range idFields {
		if e := f.Err(field); e != nil && e.Key == "error.not_found" {
			f.Values.Del(field)
		}
	}
	v.Form, v.Others = f, f.Others(secondmentFields...)
	return s.render(w, status, pageSecondmentNew, v)
}

func (s *Server) secondmentCreate(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	sec := secondment.Secondment{PersonID: f.Get("person"), Kind: secondment.Kind(f.Get("kind")), HomeOrgID: f.Get("home_org"),
		HostOrgID: f.Get("host_org"), HostUnit: f.Get("host_unit"), HostPost: f.Get("host_post"),
		FullTime: f.Checked("full_time"), DecisionDoc: f.Get("decision_doc"),
		Start: f.Date("start"), End: f.Date("end")}
	if !f.OK() {
		// The dates could not be read: check the rest too, so that every
		// problem shows at once. An empty home unit is the person's
		// organisation, which only the service knows.
		if e, ok := fault.As(sec.Validate()); ok {
			for name, fe := range e.Fields {
				if name != "home_org" || sec.HomeOrgID != "" {
					f.Add(name, fe.Key, fe.Args...)
				}
			}
		}
		return s.renderSecondmentNew(w, r, http.StatusUnprocessableEntity, f)
	}
	saved, err := s.secondments.Save(r.Context(), &sec)
	if err != nil {
		if !f.Absorb(err) {
			return err
		}
		return s.renderSecondmentNew(w, r, f.Status(err), f)
	}
	s.setFlash(w, "flash.secondment_saved")
	return redirect(w, r, "/secondments/"+url.PathEscape(saved.ID))
}

// SecondmentView is one secondment with its history and, for those who
// may change it, the forms that extend it, end it early and record its
// assessments.
type SecondmentView struct {
	Page
	S         SecondmentRow
	MidTerm   *AssessmentText
	EndOfTerm *AssessmentText
	CanManage bool
	// Open reports a secondment not returned early: it may still be
	// extended or ended early.
	Open                               bool
	ExtendForm, ReturnForm, AssessForm Form
	Grades                             []Choice
	Stages                             []Choice
	WarnDays                           int
}

// AssessmentText is an assessment with its grade's catalog key.
type AssessmentText struct {
	secondment.Assessment
	GradeKey string
}

func assessmentText(a *secondment.Assessment) *AssessmentText {
	if a == nil {
		return nil
	}
	return &AssessmentText{Assessment: *a, GradeKey: secondmentGradeKeys[a.Grade]}
}

// The stages an assessment is recorded for.
const (
	stageMidTerm   = "mid_term"
	stageEndOfTerm = "end_of_term"
)

func (s *Server) secondmentDetail(w http.ResponseWriter, r *http.Request) error {
	l, err := s.secondments.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return s.renderSecondment(w, r, http.StatusOK, l, "", Form{})
}

// renderSecondment shows l; the form named which, if any, is f as posted.
func (s *Server) renderSecondment(w http.ResponseWriter, r *http.Request, status int, l *secondment.Listed, which string, f Form) error {
	today := civil.Today(shanghai)
	pg := s.page(w, r, "secondment.detail_title")
	pg.Subject = l.PersonName
	v := &SecondmentView{Page: pg, S: secondmentRow(*l, today, s.warnDays), MidTerm: assessmentText(l.MidTerm),
		EndOfTerm: assessmentText(l.EndOfTerm), CanManage: access.From(r.Context()).Has(access.SecondmentManage),
		Open: l.Return == nil, WarnDays: s.warnDays,
		Stages: []Choice{{Value: stageMidTerm, Key: "secondment.mid_term"}, {Value: stageEndOfTerm, Key: "secondment.end_of_term"}}}
	for _, g := range secondment.Grades {
		v.Grades = append(v.Grades, Choice{Value: string(g), Key: secondmentGradeKeys[g]})
	}
	form := func(name string, defaults url.Values) Form {
		if name == which {
			return f
		}
		return formOf(defaults)
	}
	stage := stageMidTerm
	if l.MidTerm != nil || !today.Before(l.EffectiveEnd().AddDays(-31)) {
		stage = stageEndOfTerm
	}
	v.ExtendForm = form("extend", url.Values{"decided": {today.String()}})
	v.ReturnForm = form("return", url.Values{"on": {today.String()}})
	v.AssessForm = form("assess", url.Values{"stage": {stage}, "on": {today.String()}})
	return s.render(w, status, pageSecondment, v)
}

// secondmentAction runs one change of the path's secondment from its
// posted form: do reads the form into f and makes the change. On success it
// leaves flash and returns to the secondment; otherwise the page shows the
// form again with what was typed and each problem beside its field. When a
// date of the form cannot be read, do tries the change on a copy of the
// secondment (the domain's rules alone, nothing stored) so that the other
// problems show too.
func (s *Server) secondmentAction(w http.ResponseWriter, r *http.Request, which, flash string,
	do func(ctx context.Context, l *secondment.Listed, f *Form) error) error {
	ctx := r.Context()
	l, err := s.secondments.Get(ctx, r.PathValue("id"))
	if err != nil {
		return err
	}
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	err = do(ctx, l, &f)
	if err == nil && f.OK() {
		s.setFlash(w, flash)
		return redirect(w, r, "/secondments/"+url.PathEscape(l.ID))
	}
	if err != nil && !f.Absorb(err) {
		return err
	}
	return s.renderSecondment(w, r, f.Status(err), l, which, f)
}

func (s *Server) secondmentExtend(w http.ResponseWriter, r *http.Request) error {
	return s.secondmentAction(w, r, "extend", "flash.secondment_extended", func(ctx context.Context, l *secondment.Listed, f *Form) error {
		to, decided := f.Date("to"), f.Date("decided")
		if !f.OK() {
			cp := l.Secondment
			return cp.Extend(to, f.Get("reason"), decided)
		}
		return s.secondments.Extend(ctx, l.ID, to, f.Get("reason"), decided)
	})
}

func (s *Server) secondmentReturn(w http.ResponseWriter, r *http.Request) error {
	return s.secondmentAction(w, r, "return", "flash.secondment_returned", func(ctx context.Context, l *secondment.Listed, f *Form) error {
		on := f.Date("on")
		if !f.OK() {
			cp := l.Secondment
			return cp.ReturnEarly(on, f.Get("reason"))
		}
		return s.secondments.ReturnEarly(ctx, l.ID, on, f.Get("reason"))
	})
}

func (s *Server) secondmentAssess(w http.ResponseWriter, r *http.Request) error {
	return s.secondmentAction(w, r, "assess", "flash.secondment_assessed", func(ctx context.Context, l *secondment.Listed, f *Form) error {
		final := f.Get("stage") == stageEndOfTerm
		if !final && f.Get("stage") != stageMidTerm {
			f.Add("stage", "field.invalid_choice")
		}
		a := secondment.Assessment{On: f.Date("on"), Grade: secondment.Grade(f.Get("grade")), Comment: f.Get("comment")}
		if !f.OK() {
			cp := l.Secondment
			if final {
				return cp.AssessEndOfTerm(a)
			}
			return cp.AssessMidTerm(a)
		}
		return s.secondments.Assess(ctx, l.ID, final, a)
	})
}
