package api

import (
	"net/http"
	"strconv"
	"time"

	"zugong/internal/civil"
	"zugong/internal/training"
)

// programmeJSON is a training programme. Hours are decimal numbers of class
// hours with at most one decimal.
type programmeJSON struct {
	ID                string        `json:"id"`
	OrgID             string        `json:"org_id"`
	Title             string        `json:"title"`
	Mode              string        `json:"mode"`
	Kind              string        `json:"kind"`
	Themes            []string      `json:"themes"`
	Organiser         string        `json:"organiser"`
	Place             string        `json:"place"`
	Start             *string       `json:"start"`
	End               *string       `json:"end"`
	Sessions          []sessionJSON `json:"sessions"`
	OnlineHours       float64       `json:"online_hours"`
	Capacity          int           `json:"capacity"`
	TargetLevel       string        `json:"target_level"`
	CountsTowardQuota bool          `json:"counts_toward_quota"`
	Version           int           `json:"version"`
}

type sessionJSON struct {
	Date  *string `json:"date"`
	Topic string  `json:"topic"`
	Hours float64 `json:"hours"`
}

func programmeView(p *training.Programme) programmeJSON {
	out := programmeJSON{ID: p.ID, OrgID: p.OrgID, Title: p.Title, Mode: string(p.Mode), Kind: string(p.Kind), Themes: []string{},
		Organiser: p.Organiser, Place: p.Place, Start: date(p.Start), End: date(p.End), Sessions: []sessionJSON{},
		OnlineHours: p.OnlineHours.Float(), Capacity: p.Capacity, TargetLevel: string(p.TargetLevel),
		CountsTowardQuota: p.CountsTowardQuota, Version: p.Version}
	for _, t := range p.Themes {
		out.Themes = append(out.Themes, string(t))
	}
	for _, s := range p.Sessions {
		out.Sessions = append(out.Sessions, sessionJSON{Date: date(s.Date), Topic: s.Topic, Hours: s.Hours.Float()})
	}
	return out
}

// hoursOf reads a JSON number of hours: tenths are the finest unit, so a
// value with more decimals is refused rather than rounded.
func hoursOf(v float64, field string, f *params) training.Hours {
	h, err := training.ParseHours(strconv.FormatFloat(v, 'f', -1, 64))
	if err != nil {
		f.fields.Add(field, "training.hours_format")
	}
	return h
}

// programmeRequest is the body that creates a programme.
type programmeRequest struct {
	OrgID             string        `json:"org_id"`
	Title             string        `json:"title"`
	Mode              string        `json:"mode"`
	Kind              string        `json:"kind"`
	Themes            []string      `json:"themes"`
	Organiser         string        `json:"organiser"`
	Place             string        `json:"place"`
	Start             civil.Date    `json:"start"`
	End               civil.Date    `json:"end"`
	Sessions          []sessionBody `json:"sessions"`
	OnlineHours       float64       `json:"online_hours"`
	Capacity          int           `json:"capacity"`
	TargetLevel       string        `json:"target_level"`
	CountsTowardQuota bool          `json:"counts_toward_quota"`
}

type sessionBody struct {
	Date  civil.Date `json:"date"`
	Topic string     `json:"topic"`
	Hours float64    `json:"hours"`
}

func (s *Server) listProgrammes(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r.URL)
	f := training.ProgrammeFilter{Under: p.str("under"), Mode: training.Mode(p.str("mode")), Query: p.str("q"), Limit: p.limit(),
		Year: yearOf(p)}
	st := p.cursor(listingKey("programmes", f.Under, string(f.Mode), f.Query, strconv.Itoa(f.Year)))
	f.Offset = st.Offset
	if err := p.err(); err != nil {
		return err
	}
	limit := f.Limit
	f.Limit++
	rows, err := s.training.ListProgrammes(r.Context(), f)
	if err != nil {
		return err
	}
	seen := st.Offset + min(len(rows), limit)
	if len(rows) > limit {
		rows = rows[:limit]
		seen++
	}
	items := make([]programmeJSON, len(rows))
	for i := range rows {
		items[i] = programmeView(&rows[i].Programme)
	}
	return writeJSON(w, http.StatusOK, newPage(items, offsetCursor(st, len(items), seen)))
}

func (s *Server) getProgramme(w http.ResponseWriter, r *http.Request) error {
	pr, err := s.training.GetProgramme(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, programmeView(pr))
}

func (s *Server) createProgramme(w http.ResponseWriter, r *http.Request) error {
	var body programmeRequest
	if err := decodeBody(r, &body); err != nil {
		return err
	}
	p := &params{}
	pr := &training.Programme{OrgID: body.OrgID, Title: body.Title, Mode: training.Mode(body.Mode), Kind: training.Kind(body.Kind),
		Organiser: body.Organiser, Place: body.Place, Start: body.Start, End: body.End, Capacity: body.Capacity,
		TargetLevel: training.Level(body.TargetLevel), CountsTowardQuota: body.CountsTowardQuota}
	for _, t := range body.Themes {
		pr.Themes = append(pr.Themes, training.Theme(t))
	}
	pr.OnlineHours = hoursOf(body.OnlineHours, "online_hours", p)
	for i, ss := range body.Sessions {
		pr.Sessions = append(pr.Sessions, training.Session{Date: ss.Date, Topic: ss.Topic,
			Hours: hoursOf(ss.Hours, "sessions."+strconv.Itoa(i+1)+".hours", p)})
	}
	if err := p.err(); err != nil {
		return err
	}
	saved, err := s.training.SaveProgramme(r.Context(), pr)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, programmeView(saved))
}

type enrolmentJSON struct {
	ID          string   `json:"id"`
	ProgrammeID string   `json:"programme_id"`
	PersonID    string   `json:"person_id"`
	Status      string   `json:"status"`
	Attendance  []string `json:"attendance"`
	OnlineDone  float64  `json:"online_done"`
	Result      string   `json:"result"`
	Certificate string   `json:"certificate"`
	CompletedOn *string  `json:"completed_on"`
}

func enrolmentView(e *training.Enrolment) enrolmentJSON {
	out := enrolmentJSON{ID: e.ID, ProgrammeID: e.ProgrammeID, PersonID: e.PersonID, Status: string(e.Status),
		Attendance: make([]string, len(e.Attendance)), OnlineDone: e.OnlineDone.Float(), Result: e.Result,
		Certificate: e.Certificate, CompletedOn: date(e.CompletedOn)}
	for i, a := range e.Attendance {
		out.Attendance[i] = string(a)
	}
	return out
}

// visibleProgramme answers not found for a programme out of scope before a
// request body is read: whether it exists is no business of the caller.
func (s *Server) visibleProgramme(r *http.Request) error {
	_, err := s.training.GetProgramme(r.Context(), r.PathValue("id"))
	return err
}

func (s *Server) enrol(w http.ResponseWriter, r *http.Request) error {
	if err := s.visibleProgramme(r); err != nil {
		return err
	}
	var body struct {
		PersonID string `json:"person_id"`
		Invite   bool   `json:"invite"`
	}
	if err := decodeBody(r, &body); err != nil {
		return err
	}
	e, err := s.training.Enrol(r.Context(), r.PathValue("id"), body.PersonID, body.Invite)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, enrolmentView(e))
}

func (s *Server) markAttendance(w http.ResponseWriter, r *http.Request) error {
	if err := s.visibleProgramme(r); err != nil {
		return err
	}
	var body struct {
		Session int               `json:"session"`
		Marks   map[string]string `json:"marks"`
	}
	if err := decodeBody(r, &body); err != nil {
		return err
	}
	marks := make(map[string]training.Presence, len(body.Marks))
	for id, p := range body.Marks {
		marks[id] = training.Presence(p)
	}
	if err := s.training.Mark(r.Context(), r.PathValue("id"), body.Session-1, marks); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) closeEnrolment(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.training.Enrolment(r.Context(), r.PathValue("id")); err != nil {
		return err
	}
	var body struct {
		OnlineDone  float64    `json:"online_done"`
		Result      string     `json:"result"`
		Certificate string     `json:"certificate"`
		CompletedOn civil.Date `json:"completed_on"`
	}
	if err := decodeBody(r, &body); err != nil {
		return err
	}
	p := &params{}
	c := training.Closing{OnlineDone: hoursOf(body.OnlineDone, "online_done", p), Result: body.Result,
		Certificate: body.Certificate, On: body.CompletedOn}
	if err := p.err(); err != nil {
		return err
	}
	e, err := s.training.Close(r.Context(), r.PathValue("id"), c)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, enrolmentView(e))
}

// complianceJSON is one cadre's standing against the quota.
type complianceJSON struct {
	PersonID         string  `json:"person_id"`
	Name             string  `json:"name"`
	OrgID            string  `json:"org_id"`
	OrgName          string  `json:"org_name"`
	Rank             string  `json:"rank"`
	Level            string  `json:"level"`
	FirstYear        int     `json:"first_year"`
	LastYear         int     `json:"last_year"`
	RequiredHours    float64 `json:"required_hours"`
	RequiredDays     int     `json:"required_days"`
	DoneHours        float64 `json:"done_hours"`
	DoneDays         int     `json:"done_days"`
	Shortfall        float64 `json:"shortfall"`
	NetworkShortfall float64 `json:"network_shortfall"`
	Deadline         *string `json:"deadline"`
	PromotionGrace   bool    `json:"promotion_grace"`
	Status           string  `json:"status"`
}

func complianceView(r *training.ComplianceRow) complianceJSON {
	return complianceJSON{PersonID: r.PersonID, Name: r.Name, OrgID: r.OrgID, OrgName: r.OrgName, Rank: r.Rank,
		Level: string(r.Level), FirstYear: r.FirstYear, LastYear: r.LastYear, RequiredHours: r.RequiredHours.Float(),
		RequiredDays: r.RequiredDays, DoneHours: r.Done.Hours.Float(), DoneDays: r.Done.Days, Shortfall: r.Shortfall.Float(),
		NetworkShortfall: r.NetworkShortfall.Float(), Deadline: date(r.Deadline), PromotionGrace: r.PromotionGrace,
		Status: string(r.Status)}
}

func validCompliance(s string) bool {
	for _, x := range training.Statuses {
		if string(x) == s {
			return true
		}
	}
	return false
}

func validLevel(s string) bool {
	for _, x := range training.Levels {
		if string(x) == s {
			return true
		}
	}
	return false
}

// yearOf reads the year parameter: 0 when absent, a problem of the field
// when it is not a four-digit year.
func yearOf(p *params) int {
	s := p.str("year")
	if s == "" {
		return 0
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < 1000 || y > 9999 {
		p.fields.Add("year", "training.year_format")
		return 0
	}
	return y
}

// china is the zone of the department's calendar: UTC+8 all year.
var china = time.FixedZone("CST", 8*3600)

// trainingCompliance pages through the cadres' standing for a year; the
// summary covers every cadre in scope.
func (s *Server) trainingCompliance(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r.URL)
	today := civil.Today(china)
	q := training.ComplianceQuery{Under: p.str("under"), Today: today, Status: training.Status(p.choice("status", validCompliance)),
		Level: training.Level(p.choice("level", validLevel)), Limit: p.limit()}
	if q.Year = yearOf(p); q.Year == 0 {
		q.Year = today.Year
	}
	st := p.cursor(listingKey("compliance", q.Under, strconv.Itoa(q.Year), string(q.Status), string(q.Level)))
	q.Offset = st.Offset
	if err := p.err(); err != nil {
		return err
	}
	rep, err := s.training.Compliance(r.Context(), q)
	if err != nil {
		return err
	}
	items := make([]complianceJSON, len(rep.Rows))
	for i := range rep.Rows {
		items[i] = complianceView(&rep.Rows[i])
	}
	return writeJSON(w, http.StatusOK, struct {
		page[complianceJSON]
		Year    int     `json:"year"`
		Total   int     `json:"total"`
		Met     int     `json:"met"`
		Due     int     `json:"due"`
		Overdue int     `json:"overdue"`
		Rate    float64 `json:"rate"`
	}{newPage(items, offsetCursor(st, len(items), rep.Matching)), rep.Year, rep.Summary.Total, rep.Summary.Met,
		rep.Summary.Due, rep.Summary.Overdue, rep.Summary.Rate()})
}

// reportJSON is a self-reported training.
type reportJSON struct {
	ID                string  `json:"id"`
	PersonID          string  `json:"person_id"`
	Kind              string  `json:"kind"`
	Title             string  `json:"title"`
	Provider          string  `json:"provider"`
	Start             *string `json:"start"`
	End               *string `json:"end"`
	Hours             float64 `json:"hours"`
	Days              int     `json:"days"`
	Evidence          string  `json:"evidence"`
	CountsTowardQuota bool    `json:"counts_toward_quota"`
	Status            string  `json:"status"`
	RejectReason      string  `json:"reject_reason"`
}

func reportView(r *training.SelfReport) reportJSON {
	return reportJSON{ID: r.ID, PersonID: r.PersonID, Kind: string(r.Kind), Title: r.Title, Provider: r.Provider,
		Start: date(r.Start), End: date(r.End), Hours: r.Hours.Float(), Days: r.Days, Evidence: r.Evidence,
		CountsTowardQuota: r.CountsTowardQuota, Status: string(r.Status), RejectReason: r.RejectReason}
}

// submitReport enters a cadre's self-reported training; it awaits the
// unit's review and counts only once the department approves it.
func (s *Server) submitReport(w http.ResponseWriter, r *http.Request) error {
	var body struct {
		PersonID          string     `json:"person_id"`
		Kind              string     `json:"kind"`
		Title             string     `json:"title"`
		Provider          string     `json:"provider"`
		Start             civil.Date `json:"start"`
		End               civil.Date `json:"end"`
		Hours             float64    `json:"hours"`
		Days              int        `json:"days"`
		Evidence          string     `json:"evidence"`
		CountsTowardQuota bool       `json:"counts_toward_quota"`
	}
	if err := decodeBody(r, &body); err != nil {
		return err
	}
	p := &params{}
	rep := &training.SelfReport{PersonID: body.PersonID, Kind: training.ReportKind(body.Kind), Title: body.Title,
		Provider: body.Provider, Start: body.Start, End: body.End, Hours: hoursOf(body.Hours, "hours", p), Days: body.Days,
		Evidence: body.Evidence, CountsTowardQuota: body.CountsTowardQuota}
	if err := p.err(); err != nil {
		return err
	}
	saved, err := s.training.SubmitReport(r.Context(), rep)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, reportView(saved))
}

// reviewReport records the unit's or the department's decision on a report.
func (s *Server) reviewReport(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.training.Report(r.Context(), r.PathValue("id")); err != nil {
		return err
	}
	var body struct {
		Level   string `json:"level"`
		Approve bool   `json:"approve"`
		Reason  string `json:"reason"`
		Counts  bool   `json:"counts_toward_quota"`
	}
	if err := decodeBody(r, &body); err != nil {
		return err
	}
	if body.Level != "unit" && body.Level != "department" {
		p := &params{}
		p.fields.Add("level", "field.invalid_choice")
		return p.err()
	}
	rv := training.Review{On: civil.Today(china), Approve: body.Approve, Reason: body.Reason, Counts: body.Counts}
	if err := s.training.ReviewReport(r.Context(), r.PathValue("id"), body.Level == "department", rv); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// personTraining is one person's standing for a year, with their
// enrolments and reports.
func (s *Server) personTraining(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r.URL)
	year := yearOf(p)
	if err := p.err(); err != nil {
		return err
	}
	rec, err := s.training.PersonTraining(r.Context(), r.PathValue("id"), year)
	if err != nil {
		return err
	}
	out := struct {
		Year       int             `json:"year"`
		Standing   complianceJSON  `json:"standing"`
		Enrolments []enrolmentJSON `json:"enrolments"`
		Reports    []reportJSON    `json:"reports"`
	}{Year: rec.Year, Standing: complianceView(&training.ComplianceRow{PersonID: r.PathValue("id"), Compliance: rec.Compliance}),
		Enrolments: []enrolmentJSON{}, Reports: []reportJSON{}}
	for i := range rec.Enrolments {
		out.Enrolments = append(out.Enrolments, enrolmentView(&rec.Enrolments[i].Enrolment))
	}
	for i := range rec.Reports {
		out.Reports = append(out.Reports, reportView(&rec.Reports[i]))
	}
	return writeJSON(w, http.StatusOK, out)
}
