package selection

import (
	"fmt"
	"slices"

	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/workday"
)

// PublicityDays is the shortest 任前公示 the 条例 allows, in working days.
const PublicityDays = 5

// Publicity is the 任前公示 of the candidates who passed the decision, and
// the objections it drew.
type Publicity struct {
	// Record is the notice: its date, issuing organ, number and who issued it.
	Record
	// Start is the first day of the publicity; End the last. Apply fills a
	// zero End with the earliest lawful one (see PublicityEnd).
	Start civil.Date
	End   civil.Date
	// Candidates are the people publicised, each of whom passed the decision.
	Candidates []string
	// Phone and Address are where objections may be reported.
	Phone   string
	Address string
	// Objections are recorded with Object and resolved with Resolve.
	Objections []Objection
}

// Objection is one report received against a candidate during publicity,
// and its resolution.
type Objection struct {
	ID       string
	PersonID string
	Text     string
	Received civil.Date
	// Finding is what the inquiry found, dated ResolvedOn. Upheld records
	// that the finding bears the objection out and so blocks appointment.
	Finding    string
	Upheld     bool
	ResolvedOn civil.Date
}

// Stage returns StagePublicity.
func (Publicity) Stage() Stage { return StagePublicity }

// Resolved reports whether the objection has a finding.
func (o Objection) Resolved() bool { return !o.ResolvedOn.IsZero() }

// PublicityEnd returns the earliest last day of a publicity opening on
// start: the fifth working day counting start itself when it is a working
// day, else counting from the first working day after it — the convention of
// workday.Calendar.NthWorkingDay. A publicity opening on Friday 2025-09-26
// runs through 2025-10-09, since Sunday 09-28 is worked and 10-01..10-08
// are not.
func PublicityEnd(cal workday.Calendar, start civil.Date) (civil.Date, error) {
	return cal.NthWorkingDay(start, PublicityDays)
}

// applyPublicity requires the publicity to open after the decision's date
// (fault.Conflict "selection.publicity_before_decision" with that date) and
// to last at least PublicityDays working days by cal
// ("selection.publicity_too_short" with the end given and the earliest).
func (s *Selection) applyPublicity(p Publicity, f fault.Fields, cal workday.Calendar) error {
	requiredDate(&f, "start", p.Start)
	if !p.End.IsZero() && p.End.Before(p.Start) {
		f.Add("end", "selection.end_before_start")
	}
	if len(p.Candidates) == 0 {
		f.Add("candidates", "field.required")
	}
	passed := s.Decision.Passed()
	for i, id := range p.Candidates {
		field := fmt.Sprintf("candidates.%d", i)
		switch {
		case slices.Index(p.Candidates, id) < i:
			f.Add(field, "selection.duplicate_candidate")
		case !slices.Contains(passed, id):
			f.Add(field, "selection.not_passed")
		}
	}
	required(&f, "phone", p.Phone)
	required(&f, "address", p.Address)
	for i, o := range p.Objections {
		checkObjection(&f, fmt.Sprintf("objections.%d.", i), o, p, p.Objections[:i])
	}
	if err := f.Err(); err != nil {
		return err
	}
	if !p.Start.After(s.Decision.Date) {
		return fault.New(fault.Conflict, "selection.publicity_before_decision", s.Decision.Date.String())
	}
	earliest, err := PublicityEnd(cal, p.Start)
	if err != nil {
		return err
	}
	if p.End.IsZero() {
		p.End = earliest
	}
	if p.End.Before(earliest) {
		return fault.New(fault.Conflict, "selection.publicity_too_short", p.End.String(), earliest.String())
	}
	s.Publicity = &p
	return nil
}

// Object records an objection received during the publicity. The
// selection must stand at the publicity stage (fault.Conflict
// "selection.not_in_publicity"): once a candidate is appointed, a report is
// a complaint to be handled as a case. The objection may come with its
// resolution already recorded.
func (s *Selection) Object(o Objection) error {
	if s.Stage() != StagePublicity {
		return fault.New(fault.Conflict, "selection.not_in_publicity")
	}
	var f fault.Fields
	checkObjection(&f, "", o, *s.Publicity, s.Publicity.Objections)
	if err := f.Err(); err != nil {
		return err
	}
	s.Publicity.Objections = append(s.Publicity.Objections, o)
	return nil
}

// Resolve records the finding on objection id, dated on; upheld says
// whether it blocks the candidate's appointment. Only an objection without
// a finding can be resolved ("selection.objection_resolved"), and only while
// the selection stands at the publicity stage.
func (s *Selection) Resolve(id, finding string, upheld bool, on civil.Date) error {
	if s.Stage() != StagePublicity {
		return fault.New(fault.Conflict, "selection.not_in_publicity")
	}
	i := slices.IndexFunc(s.Publicity.Objections, func(o Objection) bool { return o.ID == id })
	if i < 0 {
		return fault.New(fault.NotFound, "selection.objection_not_found", id)
	}
	o := s.Publicity.Objections[i]
	if o.Resolved() {
		return fault.New(fault.Conflict, "selection.objection_resolved", id)
	}
	o.Finding, o.Upheld, o.ResolvedOn = finding, upheld, on
	var f fault.Fields
	checkResolution(&f, "", o)
	if err := f.Err(); err != nil {
		return err
	}
	s.Publicity.Objections[i] = o
	return nil
}

// checkObjection checks one objection against the publicity p and the
// objections recorded before it.
func checkObjection(f *fault.Fields, field string, o Objection, p Publicity, before []Objection) {
	if required(f, field+"id", o.ID) && slices.ContainsFunc(before, func(b Objection) bool { return b.ID == o.ID }) {
		f.Add(field+"id", "selection.duplicate_objection")
	}
	if required(f, field+"person_id", o.PersonID) && !slices.Contains(p.Candidates, o.PersonID) {
		f.Add(field+"person_id", "selection.not_publicised")
	}
	required(f, field+"text", o.Text)
	if requiredDate(f, field+"received", o.Received) && o.Received.Before(p.Start) {
		f.Add(field+"received", "selection.objection_before_publicity", p.Start.String())
	}
	if o.Resolved() || o.Finding != "" {
		checkResolution(f, field, o)
	}
}

// checkResolution requires a finding dated no earlier than the objection.
func checkResolution(f *fault.Fields, field string, o Objection) {
	required(f, field+"finding", o.Finding)
	if requiredDate(f, field+"resolved_on", o.ResolvedOn) && o.ResolvedOn.Before(o.Received) {
		f.Add(field+"resolved_on", "selection.resolved_before_received")
	}
}

// blocking returns the first objection that still blocks appointing id:
// one without a finding, or one upheld.
func (p Publicity) blocking(id string) (Objection, bool) {
	for _, o := range p.Objections {
		if o.PersonID == id && (!o.Resolved() || o.Upheld) {
			return o, true
		}
	}
	return Objection{}, false
}
