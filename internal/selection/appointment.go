package selection

import (
	"fmt"
	"slices"

	"zugong/internal/civil"
	"zugong/internal/fault"
)

// ProbationYears is the length of the 任职试用期.
const ProbationYears = 1

// Appointment is the 任职: the appointment document for the candidates
// appointed, its date (Record.Date) being the appointment date. Time in the
// post counts from the decision's date, not this one (see TenureStart).
type Appointment struct {
	Record
	Appointees []Appointee
}

// Appointee is one person appointed.
type Appointee struct {
	PersonID string
	// TalkDate and TalkBy record the appointment talk (任职谈话) and the
	// person who held it.
	TalkDate civil.Date
	TalkBy   string
	// The post's kind, which decides the probation: Elected for a post
	// filled by election (选任制), Leading for a leadership post,
	// BureauOrAbove for a post of bureau (厅局) level or above, and Lateral
	// for a move between posts of the same rank (平职交流), which is no
	// promotion and so carries no probation.
	Elected       bool
	Leading       bool
	BureauOrAbove bool
	Lateral       bool
	// Probation and ProbationEnds are set by Apply from the flags above.
	// The review may be held from ProbationEnds on.
	Probation     bool
	ProbationEnds civil.Date
}

// Stage returns StageAppointment.
func (Appointment) Stage() Stage { return StageAppointment }

// ProbationApplies reports whether an appointment serves a one-year
// probation (试用期): a promotion to a leadership post below bureau level
// that is not filled by election.
func (a Appointee) ProbationApplies() bool {
	return a.Leading && !a.Elected && !a.BureauOrAbove && !a.Lateral
}

// ProbationWarning returns the day from which the end of the probation is
// to be flagged, days before it ends (a local setting), or the zero date
// when the appointee serves no probation.
func (a Appointee) ProbationWarning(days int) civil.Date {
	if !a.Probation {
		return civil.Date{}
	}
	return a.ProbationEnds.AddDays(-days)
}

// TenureStart returns the day from which time in the post counts: the
// decision's date. It is the zero date before the decision.
func (s *Selection) TenureStart() civil.Date {
	if s.Decision == nil {
		return civil.Date{}
	}
	return s.Decision.Date
}

// applyAppointment refuses an appointment dated before the publicity's last
// day (fault.Conflict "selection.publicity_not_over" with that day) and one
// of a candidate with an objection unresolved ("selection.objection_unresolved")
// or upheld ("selection.objection_upheld"), both with the person and the
// objection.
func (s *Selection) applyAppointment(a Appointment, f fault.Fields) error {
	if len(a.Appointees) == 0 {
		f.Add("appointees", "field.required")
	}
	for i, ap := range a.Appointees {
		field := fmt.Sprintf("appointees.%d.", i)
		if required(&f, field+"person_id", ap.PersonID) {
			switch {
			case slices.IndexFunc(a.Appointees, func(b Appointee) bool { return b.PersonID == ap.PersonID }) < i:
				f.Add(field+"person_id", "selection.duplicate_candidate")
			case !slices.Contains(s.Publicity.Candidates, ap.PersonID):
				f.Add(field+"person_id", "selection.not_publicised")
			}
		}
		if requiredDate(&f, field+"talk_date", ap.TalkDate) && ap.TalkDate.Before(s.Decision.Date) {
			f.Add(field+"talk_date", "selection.talk_before_decision", s.Decision.Date.String())
		}
		required(&f, field+"talk_by", ap.TalkBy)
	}
	if err := f.Err(); err != nil {
		return err
	}
	if a.Date.Before(s.Publicity.End) {
		return fault.New(fault.Conflict, "selection.publicity_not_over", s.Publicity.End.String())
	}
	for _, ap := range a.Appointees {
		if o, ok := s.Publicity.blocking(ap.PersonID); ok {
			key := "selection.objection_upheld"
			if !o.Resolved() {
				key = "selection.objection_unresolved"
			}
			return fault.New(fault.Conflict, key, ap.PersonID, o.ID)
		}
	}
	a.Appointees = slices.Clone(a.Appointees)
	for i := range a.Appointees {
		ap := &a.Appointees[i]
		ap.Probation = ap.ProbationApplies()
		ap.ProbationEnds = civil.Date{}
		if ap.Probation {
			ap.ProbationEnds = addYears(a.Date, ProbationYears)
		}
	}
	s.Appointment = &a
	return nil
}
