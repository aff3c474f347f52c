// Package secondment holds the rules of cadre secondment (挂职): grassroots
// cadres sent up to higher offices (上挂), county cadres sent down to
// townships and villages (下派, including 驻村第一书记), and cadres released
// from their posts for practice (离职锻炼). Pay and personnel relations stay
// with the home unit; a secondment usually lasts one to two years, is
// assessed at mid-term and at its end, and may be extended or ended early
// with a reason (DOMAIN.md §5).
package secondment

import (
	"strings"

	"zugong/internal/civil"
	"zugong/internal/fault"
)

// Kind is the direction of a secondment.
type Kind string

// The kinds.
const (
	Up             Kind = "up"              // 上挂
	Down           Kind = "down"            // 下派
	FirstSecretary Kind = "first_secretary" // 下派任驻村第一书记
	Released       Kind = "released"        // 离职锻炼
)

// Kinds lists the kinds in display order.
var Kinds = []Kind{Up, Down, FirstSecretary, Released}

// Status is where a secondment stands on a given day.
type Status string

// The statuses.
const (
	Planned       Status = "planned"
	Active        Status = "active"
	Ended         Status = "ended"
	ReturnedEarly Status = "returned_early"
)

// Statuses lists the statuses in display order.
var Statuses = []Status{Planned, Active, Ended, ReturnedEarly}

// MaxTermYears bounds a secondment with its extensions: the usual term is one
// to two years, and no extension takes it beyond three.
const MaxTermYears = 3

// Secondment is one cadre's secondment.
type Secondment struct {
	JurisdictionID string
	ID             string
	PersonID       string
	Kind           Kind
	// HomeOrgID is the unit that keeps the cadre's pay and personnel
	// relations; scope is decided over it.
	HomeOrgID string
	HomeUnit  string
	// HostOrgID names the host when it is in the tree; a host outside the
	// jurisdiction (a city bureau for 上挂) has only its name.
	HostOrgID string
	HostUnit  string
	HostPost  string
	Start     civil.Date
	// End is the planned end, moved by extensions.
	End civil.Date
	// FullTime is false for a part-time secondment, which may run beside a
	// full-time one.
	FullTime    bool
	Extensions  []Extension
	Return      *Return
	MidTerm     *Assessment
	EndOfTerm   *Assessment
	Version     int
	DecisionDoc string
}

// Extension moves the planned end later.
type Extension struct {
	From    civil.Date
	To      civil.Date
	Reason  string
	Decided civil.Date
}

// Return is an early return, before the planned end.
type Return struct {
	On     civil.Date
	Reason string
}

// Grade is the result of a secondment assessment.
type Grade string

// The grades, as in annual assessments.
const (
	Excellent   Grade = "excellent"   // 优秀
	Competent   Grade = "competent"   // 称职
	Basic       Grade = "basic"       // 基本称职
	Incompetent Grade = "incompetent" // 不称职
)

// Grades lists the grades in display order.
var Grades = []Grade{Excellent, Competent, Basic, Incompetent}

// Assessment is a mid-term or end-of-term assessment.
type Assessment struct {
	On      civil.Date
	Grade   Grade
	Comment string
}

// EffectiveEnd is the day the secondment ends or ended: the early return if
// there was one, else the planned end.
func (s *Secondment) EffectiveEnd() civil.Date {
	if s.Return != nil {
		return s.Return.On
	}
	return s.End
}

// StatusOn says where the secondment stands on day.
func (s *Secondment) StatusOn(day civil.Date) Status {
	switch {
	case s.Return != nil && !day.Before(s.Return.On):
		return ReturnedEarly
	case day.Before(s.Start):
		return Planned
	case day.After(s.End):
		return Ended
	}
	return Active
}

// ExpiresWithin reports whether an ongoing secondment ends within days of
// day: the warning that the host and home unit must prepare the end-of-term
// assessment and the return.
func (s *Secondment) ExpiresWithin(day civil.Date, days int) bool {
	if st := s.StatusOn(day); st != Active && st != Planned {
		return false
	}
	return !day.AddDays(days).Before(s.End)
}

// Validate checks a secondment as entered.
func (s *Secondment) Validate() error {
	var f fault.Fields
	if !oneOf(s.Kind, Kinds) {
		f.Add("kind", "field.invalid_choice")
	}
	if strings.TrimSpace(s.PersonID) == "" {
		f.Add("person", "field.required")
	}
	if strings.TrimSpace(s.HomeOrgID) == "" {
		f.Add("home_org", "field.required")
	}
	if strings.TrimSpace(s.HostUnit) == "" {
		f.Add("host_unit", "field.required")
	}
	if strings.TrimSpace(s.HostPost) == "" {
		f.Add("host_post", "field.required")
	}
	if s.Start.IsZero() {
		f.Add("start", "field.required")
	}
	switch {
	case s.End.IsZero():
		f.Add("end", "field.required")
	case s.Start.IsZero():
	case !s.End.After(s.Start):
		f.Add("end", "secondment.end_not_after_start")
	case tooLong(s.Start, s.End):
		f.Add("end", "secondment.too_long", MaxTermYears)
	}
	return f.Err()
}

// Overlapping returns the first of others that a full-time s would overlap:
// a cadre holds at most one full-time secondment at a time. Part-time
// secondments and s itself (same ID) are ignored.
func (s *Secondment) Overlapping(others []Secondment) *Secondment {
	if !s.FullTime {
		return nil
	}
	for i := range others {
		o := &others[i]
		if o.ID == s.ID || !o.FullTime || o.PersonID != s.PersonID {
			continue
		}
		if !s.Start.After(o.EffectiveEnd()) && !o.Start.After(s.EffectiveEnd()) {
			return o
		}
	}
	return nil
}

// CheckOverlap refuses s when it overlaps another full-time secondment of
// the same person, naming the start field.
func (s *Secondment) CheckOverlap(others []Secondment) error {
	if o := s.Overlapping(others); o != nil {
		var f fault.Fields
		f.Add("start", "secondment.overlap", o.HostUnit, o.Start.String(), o.EffectiveEnd().String())
		return f.Err()
	}
	return nil
}

// Extend moves the planned end to to, with a reason.
func (s *Secondment) Extend(to civil.Date, reason string, decided civil.Date) error {
	if s.Return != nil {
		return fault.New(fault.Conflict, "secondment.already_returned")
	}
	var f fault.Fields
	switch {
	case to.IsZero():
		f.Add("to", "field.required")
	case !to.After(s.End):
		f.Add("to", "secondment.extension_not_later", s.End.String())
	case tooLong(s.Start, to):
		f.Add("to", "secondment.too_long", MaxTermYears)
	}
	if strings.TrimSpace(reason) == "" {
		f.Add("reason", "secondment.reason_required")
	}
	if decided.IsZero() {
		f.Add("decided", "field.required")
	}
	if err := f.Err(); err != nil {
		return err
	}
	s.Extensions = append(s.Extensions, Extension{From: s.End, To: to, Reason: reason, Decided: decided})
	s.End = to
	return nil
}

// ReturnEarly ends the secondment on day on, before its planned end.
func (s *Secondment) ReturnEarly(on civil.Date, reason string) error {
	if s.Return != nil {
		return fault.New(fault.Conflict, "secondment.already_returned")
	}
	var f fault.Fields
	switch {
	case on.IsZero():
		f.Add("on", "field.required")
	case !on.After(s.Start) || !on.Before(s.End):
		f.Add("on", "secondment.return_outside_term", s.Start.String(), s.End.String())
	}
	if strings.TrimSpace(reason) == "" {
		f.Add("reason", "secondment.reason_required")
	}
	if err := f.Err(); err != nil {
		return err
	}
	s.Return = &Return{On: on, Reason: reason}
	return nil
}

// AssessMidTerm records the mid-term assessment, which falls within the term.
func (s *Secondment) AssessMidTerm(a Assessment) error {
	if err := a.check(); err != nil {
		return err
	}
	if a.On.Before(s.Start) || a.On.After(s.EffectiveEnd()) {
		var f fault.Fields
		f.Add("on", "secondment.assessment_outside_term")
		return f.Err()
	}
	s.MidTerm = &a
	return nil
}

// AssessEndOfTerm records the end-of-term assessment: from a month before
// the effective end, when the host unit writes it, to three months after.
func (s *Secondment) AssessEndOfTerm(a Assessment) error {
	if err := a.check(); err != nil {
		return err
	}
	end := s.EffectiveEnd()
	if a.On.Before(end.AddDays(-31)) || a.On.After(end.AddDays(92)) {
		var f fault.Fields
		f.Add("on", "secondment.final_assessment_timing", end.String())
		return f.Err()
	}
	s.EndOfTerm = &a
	return nil
}

func (a Assessment) check() error {
	var f fault.Fields
	if a.On.IsZero() {
		f.Add("on", "field.required")
	}
	if !oneOf(a.Grade, Grades) {
		f.Add("grade", "field.invalid_choice")
	}
	return f.Err()
}

func tooLong(start, end civil.Date) bool {
	return end.After(civil.Of(start.Time().AddDate(MaxTermYears, 0, 0)))
}

func oneOf[T comparable](v T, all []T) bool {
	for _, a := range all {
		if a == v {
			return true
		}
	}
	return false
}
