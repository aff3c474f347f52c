package selection

import (
	"fmt"
	"slices"

	"zugong/internal/fault"
)

// Result is the outcome of a probation.
type Result string

// The results of a probation: 正式任职 for an appointee found fit for the
// post, 免去试用职务 for one found unfit, who then generally returns to the
// rank held before.
const (
	Confirm Result = "confirm"
	Remove  Result = "remove"
)

// ProbationReview is the assessment at the end of the probation (试用期满
// 考核) and its result for every appointee who served one.
type ProbationReview struct {
	Record
	Outcomes []ProbationOutcome
}

// ProbationOutcome is the result for one appointee.
type ProbationOutcome struct {
	PersonID string
	Result   Result
	// Assessment is the assessment's conclusion, on which the result rests.
	Assessment string
}

// Stage returns StageProbation.
func (ProbationReview) Stage() Stage { return StageProbation }

// applyProbation refuses a review when nobody serves a probation
// (fault.Conflict "selection.no_probation"), requires one outcome for each
// appointee who does, and refuses a review dated before a probation ends
// ("selection.probation_not_over" with the person and the end).
func (s *Selection) applyProbation(r ProbationReview, f fault.Fields) error {
	var serving []Appointee
	for _, a := range s.Appointment.Appointees {
		if a.Probation {
			serving = append(serving, a)
		}
	}
	if len(serving) == 0 {
		return fault.New(fault.Conflict, "selection.no_probation")
	}
	onProbation := func(id string) bool {
		return slices.ContainsFunc(serving, func(a Appointee) bool { return a.PersonID == id })
	}
	for i, o := range r.Outcomes {
		field := fmt.Sprintf("outcomes.%d.", i)
		if required(&f, field+"person_id", o.PersonID) {
			switch {
			case slices.IndexFunc(r.Outcomes, func(p ProbationOutcome) bool { return p.PersonID == o.PersonID }) < i:
				f.Add(field+"person_id", "selection.duplicate_candidate")
			case !onProbation(o.PersonID):
				f.Add(field+"person_id", "selection.not_on_probation")
			}
		}
		if o.Result != Confirm && o.Result != Remove {
			f.Add(field+"result", "field.invalid_choice")
		}
		required(&f, field+"assessment", o.Assessment)
	}
	for _, a := range serving {
		if !slices.ContainsFunc(r.Outcomes, func(o ProbationOutcome) bool { return o.PersonID == a.PersonID }) {
			f.Add("outcomes", "selection.outcome_missing", a.PersonID)
		}
	}
	if err := f.Err(); err != nil {
		return err
	}
	for _, a := range serving {
		if r.Date.Before(a.ProbationEnds) {
			return fault.New(fault.Conflict, "selection.probation_not_over", a.PersonID, a.ProbationEnds.String())
		}
	}
	s.Probation = &r
	return nil
}
