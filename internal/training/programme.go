package training

import (
	"strconv"
	"strings"

	"zugong/internal/civil"
	"zugong/internal/fault"
)

// Mode is how a programme is delivered (DOMAIN.md §2).
type Mode string

// The modes.
const (
	Centralised Mode = "centralised" // 集中专学
	SelfStudy   Mode = "self_study"  // 分散自学
	SentOut     Mode = "sent_out"    // 外派锻炼
	FieldStudy  Mode = "field_study" // 实地考察
)

// Modes lists the modes in display order.
var Modes = []Mode{Centralised, SelfStudy, SentOut, FieldStudy}

// Kind is what a programme is for (干部教育培训工作条例).
type Kind string

// The kinds.
const (
	KindTheory      Kind = "theory"      // 理论和党性教育
	KindRotation    Kind = "rotation"    // 集中轮训
	KindInitial     Kind = "initial"     // 初任培训
	KindAppointment Kind = "appointment" // 任职培训
	KindInService   Kind = "in_service"  // 在职培训
	KindOther       Kind = "other"       // 其他
)

// Kinds lists the kinds in display order.
var Kinds = []Kind{KindTheory, KindRotation, KindInitial, KindAppointment, KindInService, KindOther}

// Theme is an orientation a programme serves: the article's learning-,
// market-, pioneering- and service-oriented cadres.
type Theme string

// The themes.
const (
	ThemeLearning   Theme = "learning"
	ThemeMarket     Theme = "market"
	ThemePioneering Theme = "pioneering"
	ThemeService    Theme = "service"
)

// Themes lists the themes in display order.
var Themes = []Theme{ThemeLearning, ThemeMarket, ThemePioneering, ThemeService}

// Programme is a training programme (培训班次) run or recognised by the
// organisation department.
type Programme struct {
	JurisdictionID string
	ID             string
	// OrgID is the organisation that runs the programme; who may see and
	// manage it is decided over this organisation's subtree.
	OrgID     string
	Title     string
	Mode      Mode
	Kind      Kind
	Themes    []Theme
	Organiser string
	Place     string
	Start     civil.Date
	End       civil.Date
	// Sessions are the classroom sessions, each with its offline hours;
	// attendance is recorded per session.
	Sessions []Session
	// OnlineHours are the programme's hours delivered online (网络培训).
	OnlineHours Hours
	// Capacity is the most trainees enrolled at once; 0 means no limit.
	Capacity int
	// Target says whom the programme is for: a level ("" for everyone) and
	// the organisation subtree its trainees come from ("" for the whole
	// jurisdiction).
	TargetLevel Level
	TargetOrgID string
	// CountsTowardQuota says whether hours earned here count toward the
	// annual or five-year quota.
	CountsTowardQuota bool
	Version           int
}

// Session is one classroom session of a programme.
type Session struct {
	Date  civil.Date
	Topic string
	Hours Hours
}

// maxSessionHours bounds one session: a day's classes never exceed it.
const maxSessionHours = Hours(120)

// OfflineHours is the sum of the sessions' hours.
func (p *Programme) OfflineHours() Hours {
	var h Hours
	for _, s := range p.Sessions {
		h += s.Hours
	}
	return h
}

// TotalHours is the offline and online hours together.
func (p *Programme) TotalHours() Hours { return p.OfflineHours() + p.OnlineHours }

// Validate checks a programme as entered. Problems are reported per field;
// session fields are named "sessions.N.date" and so on, counting from 1.
func (p *Programme) Validate() error {
	var f fault.Fields
	if strings.TrimSpace(p.Title) == "" {
		f.Add("title", "field.required")
	}
	if strings.TrimSpace(p.OrgID) == "" {
		f.Add("org", "field.required")
	}
	if !oneOf(p.Mode, Modes) {
		f.Add("mode", "field.invalid_choice")
	}
	if !oneOf(p.Kind, Kinds) {
		f.Add("kind", "field.invalid_choice")
	}
	for _, t := range p.Themes {
		if !oneOf(t, Themes) {
			f.Add("themes", "field.invalid_choice")
		}
	}
	if p.TargetLevel != "" && !oneOf(p.TargetLevel, Levels) {
		f.Add("target_level", "field.invalid_choice")
	}
	if p.Start.IsZero() {
		f.Add("start", "field.required")
	}
	if p.End.IsZero() {
		f.Add("end", "field.required")
	} else if !p.Start.IsZero() && p.End.Before(p.Start) {
		f.Add("end", "training.end_before_start")
	}
	if p.OnlineHours < 0 {
		f.Add("online_hours", "training.hours_negative")
	}
	if p.Capacity < 0 {
		f.Add("capacity", "training.capacity_negative")
	}
	for i, s := range p.Sessions {
		name := func(field string) string { return "sessions." + strconv.Itoa(i+1) + "." + field }
		switch {
		case s.Date.IsZero():
			f.Add(name("date"), "training.session_date_required", i+1)
		case !p.Start.IsZero() && !p.End.IsZero() && (s.Date.Before(p.Start) || s.Date.After(p.End)):
			f.Add(name("date"), "training.session_outside_dates", i+1)
		}
		switch {
		case s.Hours <= 0:
			f.Add(name("hours"), "training.session_hours_not_positive", i+1)
		case s.Hours > maxSessionHours:
			f.Add(name("hours"), "training.session_too_long", i+1, maxSessionHours.String())
		}
	}
	if len(p.Sessions) == 0 && p.OnlineHours == 0 {
		f.Add("online_hours", "training.no_hours")
	}
	return f.Err()
}

// Admits reports whether a person at level may enrol: a programme with a
// target level admits only that level.
func (p *Programme) Admits(level Level) bool {
	return p.TargetLevel == "" || p.TargetLevel == level
}

func oneOf[T comparable](v T, all []T) bool {
	for _, a := range all {
		if a == v {
			return true
		}
	}
	return false
}
