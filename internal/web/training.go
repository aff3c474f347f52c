package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"zugong/internal/access"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/secondment"
	"zugong/internal/training"
)

// The pages of cadre training.
const (
	pageTraining           = "training"
	pageTrainingCompliance = "training_compliance"
	pageProgrammes         = "training_programmes"
	pageProgramme          = "training_programme"
	pageProgrammeForm      = "training_programme_form"
	pageTrainingReports    = "training_reports"
	pagePersonTraining     = "person_training"
)

// complianceSizes are the page sizes of the compliance list.
var complianceSizes = []int{50, 100, 200}

// Bar is one bar of a chart drawn with CSS widths: no script, no canvas.
type Bar struct {
	Key     string
	Hours   training.Hours
	Percent int
}

// TrainingView is the training dashboard: compliance per unit, hours by mode
// and theme, the cadres to remind, and the jurisdiction's quota settings.
type TrainingView struct {
	Page
	Year         int
	Years        []int
	Report       *training.ComplianceReport
	ByMode       []Bar
	ByTheme      []Bar
	Total        training.Hours
	Remind       int
	Policy       training.Policy
	PolicyForm   Form
	CanSetPolicy bool
	// Secondments are the active and soon-ending secondments in scope,
	// when the principal may read them.
	Secondments *SecondmentFigures
}

// SecondmentFigures counts secondments for the dashboard.
type SecondmentFigures struct {
	Active, Expiring, WarnDays int
}

func yearParam(q url.Values, today civil.Date) int {
	y, err := strconv.Atoi(q.Get("year"))
	if err != nil || y < 2000 || y > today.Year+1 {
		return today.Year
	}
	return y
}

func yearChoices(today civil.Date) []int {
	return []int{today.Year + 1, today.Year, today.Year - 1, today.Year - 2, today.Year - 3, today.Year - 4}
}

func (s *Server) trainingHome(w http.ResponseWriter, r *http.Request) error {
	return s.renderTrainingHome(w, r, http.StatusOK, Form{})
}

func (s *Server) renderTrainingHome(w http.ResponseWriter, r *http.Request, status int, policyForm Form) error {
	ctx := r.Context()
	today := civil.Today(shanghai)
	year := yearParam(r.URL.Query(), today)
	v := &TrainingView{Page: s.page(w, r, "page.training"), Year: year, Years: yearChoices(today), PolicyForm: policyForm}
	var err error
	if v.Report, err = s.training.Compliance(ctx, training.ComplianceQuery{Under: r.URL.Query().Get("under"), Year: year, Today: today, All: true}); err != nil {
		return err
	}
	if v.Policy, err = s.training.Policy(ctx); err != nil {
		return err
	}
	for _, row := range v.Report.Rows {
		if v.Policy.Remind(row.Compliance, today) {
			v.Remind++
		}
	}
	v.Report.Rows = nil
	hours, err := s.training.HoursBy(ctx, r.URL.Query().Get("under"), year)
	if err != nil {
		return err
	}
	v.Total = hours.Total
	for _, m := range training.Modes {
		v.ByMode = append(v.ByMode, bar("training.mode."+string(m), hours.ByMode[m], hours.Total))
	}
	for _, t := range training.Themes {
		v.ByTheme = append(v.ByTheme, bar("training.theme."+string(t), hours.ByTheme[t], hours.Total))
	}
	v.CanSetPolicy = v.Principal.Has(access.TrainingDeptReview)
	if s.readsSecondments(ctx) {
		under := r.URL.Query().Get("under")
		fig := &SecondmentFigures{WarnDays: s.warnDays}
		if fig.Active, err = s.secondments.Count(ctx, secondment.Filter{Under: under, Status: secondment.Active, Today: today}); err != nil {
			return err
		}
		if fig.Expiring, err = s.secondments.Count(ctx, secondment.Filter{Under: under, ExpiringWithin: s.warnDays, Today: today}); err != nil {
			return err
		}
		v.Secondments = fig
	}
	if v.PolicyForm.Values == nil {
		v.PolicyForm = formOf(url.Values{"network_hours": {v.Policy.NetworkHours.String()},
			"reminder_days": {strconv.Itoa(v.Policy.ReminderDays)}})
	}
	return s.render(w, status, pageTraining, v)
}

func bar(key string, h, total training.Hours) Bar {
	b := Bar{Key: key, Hours: h}
	if total > 0 {
		b.Percent = int(h * 100 / total)
	}
	return b
}

// trainingPolicy saves the jurisdiction's network-training hours and
// reminder period.
func (s *Server) trainingPolicy(w http.ResponseWriter, r *http.Request) error {
	f, err := parseForm(r)
	if err != nil {
		return err
	}
	network, err := training.ParseHours(f.Get("network_hours"))
	if err != nil {
		f.Add("network_hours", "training.hours_format")
	}
	days, err := strconv.Atoi(f.Get("reminder_days"))
	if err != nil {
		f.Add("reminder_days", "training.reminder_days_range")
	}
	if f.OK() {
		err := s.training.SetPolicy(r.Context(), network, days)
		if err == nil {
			s.setFlash(w, "flash.training.policy_saved")
			return redirect(w, r, "/training")
		}
		if !f.Absorb(err) {
			return err
		}
	}
	return s.renderTrainingHome(w, r, http.StatusUnprocessableEntity, f)
}

// ComplianceView lists the cadres' standing against the quota.
type ComplianceView struct {
	Page
	Filter   Form
	Year     int
	Years    []int
	Report   *training.ComplianceReport
	Pager    Pager
	Statuses []training.Status
	Levels   []training.Level
	Export   string
}

func (s *Server) trainingCompliance(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	today := civil.Today(shanghai)
	page, size := pageParams(q, complianceSizes)
	query, err := complianceQuery(q, today)
	if err != nil {
		return err
	}
	query.Limit, query.Offset = size, (page-1)*size
	report, err := s.training.Compliance(r.Context(), query)
	if err != nil {
		return err
	}
	l := newListQuery("/training/compliance", q)
	v := &ComplianceView{Page: s.page(w, r, "page.training_compliance"), Filter: formOf(q), Year: query.Year,
		Years: yearChoices(today), Report: report, Pager: newPager(l, page, size, report.Matching, complianceSizes),
		Statuses: training.Statuses, Levels: training.Levels}
	v.Export = newListQuery("/training/compliance/export", q).with("page", "", "size", "")
	return s.render(w, http.StatusOK, pageTrainingCompliance, v)
}

func complianceQuery(q url.Values, today civil.Date) (training.ComplianceQuery, error) {
	cq := training.ComplianceQuery{Under: q.Get("under"), Year: yearParam(q, today), Today: today,
		Status: training.Status(q.Get("status")), Level: training.Level(q.Get("level")), Remind: q.Get("remind") == "1"}
	var f fault.Fields
	if cq.Status != "" && !contains(training.Statuses, cq.Status) {
		f.Add("status", "field.invalid_choice")
	}
	if cq.Level != "" && !contains(training.Levels, cq.Level) {
		f.Add("level", "field.invalid_choice")
	}
	return cq, f.Err()
}

func contains[T comparable](all []T, v T) bool {
	for _, a := range all {
		if a == v {
			return true
		}
	}
	return false
}

// trainingComplianceExport writes the compliance list as .xlsx, one row
// per cadre, in the order of the page.
func (s *Server) trainingComplianceExport(w http.ResponseWriter, r *http.Request) error {
	today := civil.Today(shanghai)
	query, err := complianceQuery(r.URL.Query(), today)
	if err != nil {
		return err
	}
	query.All = true
	report, err := s.training.Compliance(r.Context(), query)
	if err != nil {
		return err
	}
	loc := s.page(w, r, "").Locale
	t := func(key string, args ...any) string { return s.catalog.T(loc, key, args...) }
	headers := []string{t("training.col.name"), t("training.col.unit"), t("training.col.rank"), t("training.col.level"),
		t("training.col.window"), t("training.col.required"), t("training.col.done_hours"), t("training.col.done_days"),
		t("training.col.shortfall"), t("training.col.network_shortfall"), t("training.col.deadline"), t("training.col.status")}
	rows := make([][]any, 0, len(report.Rows))
	for _, c := range report.Rows {
		rows = append(rows, []any{c.Name, c.OrgName, c.Rank, t("training.level." + string(c.Level)),
			fmt.Sprintf("%d–%d", c.FirstYear, c.LastYear), t("training.required", c.RequiredHours.String(), c.RequiredDays),
			c.Done.Hours.Float(), c.Done.Days, c.Shortfall.Float(), c.NetworkShortfall.Float(), c.Deadline.String(),
			t("training.status." + string(c.Status))})
	}
	name := fmt.Sprintf("training-compliance-%d.xlsx", report.Year)
	return writeWorkbook(w, r, name, t("page.training_compliance"), headers, rows)
}
