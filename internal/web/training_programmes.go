package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"zugong/internal/access"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/org"
	"zugong/internal/person"
	"zugong/internal/training"
)

var programmeSizes = []int{20, 50, 100}

// ProgrammesView lists training programmes.
type ProgrammesView struct {
	Page
	Filter    Form
	Years     []int
	Modes     []training.Mode
	Rows      []training.ListedProgramme
	Prev      string
	Next      string
	CanManage bool
}

func (s *Server) trainingProgrammes(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	page, size := pageParams(q, programmeSizes)
	f := training.ProgrammeFilter{Under: q.Get("under"), Mode: training.Mode(q.Get("mode")), Query: q.Get("q"),
		Limit: size + 1, Offset: (page - 1) * size}
	if y, err := strconv.Atoi(q.Get("year")); err == nil {
		f.Year = y
	}
	rows, err := s.training.ListProgrammes(r.Context(), f)
	if err != nil {
		return err
	}
	l := newListQuery("/training/programmes", q)
	v := &ProgrammesView{Page: s.page(w, r, "page.training_programmes"), Filter: formOf(q), Years: yearChoices(civil.Today(shanghai)),
		Modes: training.Modes, Rows: rows, CanManage: access.From(r.Context()).Has(access.TrainingManage)}
	if len(rows) > size {
		v.Rows, v.Next = rows[:size], l.with("page", strconv.Itoa(page+1))
	}
	if page > 1 {
		v.Prev = l.with("page", pageValue(page-1))
	}
	return s.render(w, http.StatusOK, pageProgrammes, v)
}

// ProgrammeFormView creates or edits a programme.
type ProgrammeFormView struct {
	Page
	ID   string
	Form Form
	Orgs []Choice
	// Targets are the organisations a programme may be meant for: each
	// organising scope and the units directly under it.
	Targets []Choice
	Modes   []training.Mode
	Kinds   []training.Kind
	Themes  []training.Theme
	Levels  []training.Level
	Others  []fault.FieldError
}

var programmeFields = []string{"title", "org", "mode", "kind", "themes", "organiser", "place", "start", "end", "sessions",
	"online_hours", "capacity", "target_level", "target_org", "counts"}

func (s *Server) programmeNewForm(w http.ResponseWriter, r *http.Request) error {
	p := access.From(r.Context())
	f := formOf(url.Values{"org": {p.HomeOrgID}, "mode": {string(training.Centralised)}, "counts": {"1"}})
	return s.renderProgrammeForm(w, r, http.StatusOK, "", f)
}

func (s *Server) programmeEditForm(w http.ResponseWriter, r *http.Request) error {
	pr, err := s.training.GetProgramme(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return s.renderProgrammeForm(w, r, http.StatusOK, pr.ID, programmeForm(pr))
}

func (s *Server) renderProgrammeForm(w http.ResponseWriter, r *http.Request, status int, id string, f Form) error {
	v := &ProgrammeFormView{Page: s.page(w, r, "page.training_programme_form"), ID: id, Form: f, Modes: training.Modes,
		Kinds: training.Kinds, Themes: training.Themes, Levels: training.Levels, Others: f.Others(programmeFields...)}
	ctx := r.Context()
	for _, g := range access.From(ctx).Grants {
		if !g.Role.Allows(access.TrainingManage) {
			continue
		}
		o, err := s.orgs.Get(ctx, g.ScopeOrgID)
		if err != nil {
			continue
		}
		v.Orgs = append(v.Orgs, Choice{Value: o.ID, Text: o.Name})
		v.Targets = append(v.Targets, Choice{Value: o.ID, Text: o.Name})
		children, err := s.orgs.List(ctx, org.Filter{ParentID: o.ID, Status: org.Active, Limit: 500, SkipTotal: true})
		if err != nil {
			return err
		}
		for _, c := range children.Items {
			v.Targets = append(v.Targets, Choice{Value: c.ID, Text: c.Name, Sub: true})
		}
	}
	return s.render(w, status, pageProgrammeForm, v)
}

// programmeForm fills the form from a stored programme.
func programmeForm(pr *training.Programme) Form {
	v := url.Values{"title": {pr.Title}, "org": {pr.OrgID}, "mode": {string(pr.Mode)}, "kind": {string(pr.Kind)},
		"organiser": {pr.Organiser}, "place": {pr.Place}, "start": {pr.Start.String()}, "end": {pr.End.String()},
		"online_hours": {pr.OnlineHours.String()}, "capacity": {strconv.Itoa(pr.Capacity)}, "target_level": {string(pr.TargetLevel)},
		"target_org": {pr.TargetOrgID},
		"version":    {strconv.Itoa(pr.Version)}}
	for _, t := range pr.Themes {
		v.Add("themes", string(t))
	}
	if pr.CountsTowardQuota {
		v.Set("counts", "1")
	}
	lines := make([]string, len(pr.Sessions))
	for i, ss := range pr.Sessions {
		lines[i] = ss.Date.String() + "," + ss.Hours.String() + "," + ss.Topic
	}
	v.Set("sessions", strings.Join(lines, "\n"))
	return formOf(v)
}

// HasTheme reports whether the form ticks theme t.
func (f Form) HasTheme(t training.Theme) bool {
	for _, v := range f.Values["themes"] {
		if v == string(t) {
			return true
		}
	}
	return false
}

func (s *Server) programmeCreate(w http.ResponseWriter, r *http.Request) error {
	return s.programmeSave(w, r, "")
}

func (s *Server) programmeUpdate(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.training.GetProgramme(r.Context(), r.PathValue("id")); err != nil {
		return err
	}
	return s.programmeSave(w, r, r.PathValue("id"))
}

func (s *Server) programmeSave(w http.ResponseWriter, r *http.Request, id string) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	pr := readProgramme(&f)
	pr.ID = id
	if !f.OK() {
		// Show the rules' problems too, not only what could not be read.
		f.Absorb(pr.Validate())
		foldSessionErrors(&f)
	}
	if f.OK() {
		saved, err := s.training.SaveProgramme(r.Context(), pr)
		if err == nil {
			s.setFlash(w, "flash.training.programme_saved")
			return redirect(w, r, "/training/programmes/"+saved.ID)
		}
		if !f.Absorb(err) {
			return err
		}
		foldSessionErrors(&f)
	}
	return s.renderProgrammeForm(w, r, http.StatusUnprocessableEntity, id, f)
}

// readProgramme reads the programme form; a value that cannot be read is a
// problem of its field.
func readProgramme(f *Form) *training.Programme {
	pr := &training.Programme{Title: f.Get("title"), OrgID: f.Get("org"), Mode: training.Mode(f.Get("mode")),
		Kind: training.Kind(f.Get("kind")), Organiser: f.Get("organiser"), Place: f.Get("place"),
		TargetLevel: training.Level(f.Get("target_level")), TargetOrgID: f.Get("target_org"), CountsTowardQuota: f.Checked("counts")}
	pr.Version, _ = strconv.Atoi(f.Get("version"))
	for _, t := range f.Values["themes"] {
		pr.Themes = append(pr.Themes, training.Theme(t))
	}
	pr.Start = f.Date("start")
	pr.End = f.Date("end")
	var err error
	if pr.OnlineHours, err = training.ParseHours(f.Get("online_hours")); err != nil {
		f.Add("online_hours", "training.hours_format")
	}
	if c := f.Get("capacity"); c != "" {
		if pr.Capacity, err = strconv.Atoi(c); err != nil {
			f.Add("capacity", "training.capacity_format")
		}
	}
	for i, line := range strings.Split(strings.ReplaceAll(f.Raw("sessions"), "\r\n", "\n"), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		parts := strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == '，' || r == '\t' })
		if len(parts) < 2 {
			f.Add("sessions", "training.session_line", i+1)
			continue
		}
		d, derr := civil.Parse(strings.TrimSpace(parts[0]))
		h, herr := training.ParseHours(parts[1])
		if derr != nil || herr != nil {
			f.Add("sessions", "training.session_line", i+1)
			continue
		}
		ss := training.Session{Date: d, Hours: h}
		if len(parts) > 2 {
			ss.Topic = strings.TrimSpace(strings.Join(parts[2:], ","))
		}
		pr.Sessions = append(pr.Sessions, ss)
	}
	return pr
}

// foldSessionErrors shows the problems of single sessions (sessions.N.x)
// beside the one sessions box: their messages carry the line number.
func foldSessionErrors(f *Form) {
	for k, v := range f.Errors {
		if strings.HasPrefix(k, "sessions.") {
			delete(f.Errors, k)
			f.Add("sessions", v.Key, v.Args...)
		}
	}
}

// ProgrammeView is one programme: its sessions, roster, enrolment search,
// the attendance sheet of one session, and the closing of enrolments.
type ProgrammeView struct {
	Page
	P          *training.Programme
	Roster     []training.Trainee
	Taken      int
	Session    int
	Candidates []person.Summary
	Search     Form
	Close      Form
	CloseID    string
	CanManage  bool
	Today      civil.Date
}

func (s *Server) programmeDetail(w http.ResponseWriter, r *http.Request) error {
	return s.renderProgramme(w, r, http.StatusOK, Form{}, "")
}

func (s *Server) renderProgramme(w http.ResponseWriter, r *http.Request, status int, closeForm Form, closeID string) error {
	ctx := r.Context()
	pr, err := s.training.GetProgramme(ctx, r.PathValue("id"))
	if err != nil {
		return err
	}
	roster, err := s.training.Roster(ctx, pr.ID)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	v := &ProgrammeView{Page: s.page(w, r, "page.training_programme"), P: pr, Roster: roster, Search: formOf(q),
		Close: closeForm, CloseID: closeID, Today: civil.Today(shanghai)}
	v.Subject = pr.Title
	v.CanManage = access.From(ctx).Has(access.TrainingManage)
	for _, t := range roster {
		if t.Status == training.Enrolled || t.Status == training.Completed || t.Status == training.Failed {
			v.Taken++
		}
	}
	if n, err := strconv.Atoi(q.Get("session")); err == nil && n >= 1 && n <= len(pr.Sessions) {
		v.Session = n
	}
	if name := strings.TrimSpace(q.Get("q")); name != "" {
		page, err := s.people.List(ctx, person.Filter{Query: name, Facet: person.FacetCadre, Limit: 20, SkipTotal: true})
		if err != nil {
			return err
		}
		v.Candidates = page.Items
	}
	return s.render(w, status, pageProgramme, v)
}

func (s *Server) programmeEnrol(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	id := r.PathValue("id")
	_, err = s.training.Enrol(r.Context(), id, f.Get("person"), f.Get("invite") == "1")
	if err != nil {
		if fe, ok := fault.As(err); ok && (fe.Code == fault.Conflict || fe.Code == fault.Invalid) {
			return s.renderProgramme(w, r, http.StatusUnprocessableEntity, Form{Errors: fe.Fields, Error: &Message{Key: fe.Key, Args: fe.Args}}, "")
		}
		return err
	}
	s.setFlash(w, "flash.training.enrolled")
	return redirect(w, r, "/training/programmes/"+id)
}

func (s *Server) programmeAttendance(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	id := r.PathValue("id")
	n, err := strconv.Atoi(f.Get("session"))
	if err != nil {
		return fault.New(fault.Invalid, "training.no_such_session")
	}
	marks := map[string]training.Presence{}
	for k, vals := range f.Values {
		if e, ok := strings.CutPrefix(k, "presence."); ok && len(vals) > 0 && vals[0] != "" {
			marks[e] = training.Presence(vals[0])
		}
	}
	if err := s.training.Mark(r.Context(), id, n-1, marks); err != nil {
		if fe, ok := fault.As(err); ok && (fe.Code == fault.Conflict || fe.Code == fault.Invalid) {
			return s.renderProgramme(w, r, http.StatusUnprocessableEntity, Form{Errors: fe.Fields, Error: &Message{Key: fe.Key, Args: fe.Args}}, "")
		}
		return err
	}
	s.setFlash(w, "flash.training.attendance_saved")
	return redirect(w, r, fmt.Sprintf("/training/programmes/%s?session=%d", id, n))
}

func (s *Server) enrolmentClose(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	id := r.PathValue("id")
	c := training.Closing{Result: f.Get("result"), Certificate: f.Get("certificate"), On: f.Date("completed_on")}
	if c.OnlineDone, err = training.ParseHours(f.Get("online_done")); err != nil {
		f.Add("online_done", "training.hours_format")
	}
	programme := f.Get("programme")
	if f.OK() {
		_, err := s.training.Close(r.Context(), id, c)
		if err == nil {
			s.setFlash(w, "flash.training.closed")
			return redirect(w, r, "/training/programmes/"+programme)
		}
		if !f.Absorb(err) {
			return err
		}
	}
	r.SetPathValue("id", programme)
	return s.renderProgramme(w, r, http.StatusUnprocessableEntity, f, id)
}

func (s *Server) enrolmentWithdraw(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	if err := s.training.Withdraw(r.Context(), r.PathValue("id")); err != nil {
		return err
	}
	s.setFlash(w, "flash.training.withdrawn")
	return redirect(w, r, "/training/programmes/"+f.Get("programme"))
}
