package selection

import (
	"fmt"
	"slices"

	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/workday"
)

// Stage names where a selection stands: the stage of the last step recorded.
type Stage string

// The stages, in the order the 条例 prescribes.
const (
	// StageNone: the selection is opened and no step is recorded yet.
	StageNone           Stage = "none"
	StageMotion         Stage = "motion"         // 动议
	StageRecommendation Stage = "recommendation" // 民主推荐
	StageInspection     Stage = "inspection"     // 考察
	StageDeliberation   Stage = "deliberation"   // 酝酿
	StageDecision       Stage = "decision"       // 讨论决定
	StagePublicity      Stage = "publicity"      // 任前公示
	StageAppointment    Stage = "appointment"    // 任职
	StageProbation      Stage = "probation"      // 试用期满考核: confirm or remove
)

// Stages lists the stages a selection passes through, in order.
var Stages = []Stage{
	StageMotion, StageRecommendation, StageInspection, StageDeliberation,
	StageDecision, StagePublicity, StageAppointment, StageProbation,
}

// Key returns the catalog key of the stage's name ("selection.stage.motion").
func (s Stage) Key() string { return "selection.stage." + string(s) }

// Step is the record of one stage: Motion, Recommendation, Inspection,
// Deliberation, Decision, Publicity, Appointment or ProbationReview, passed
// to Apply as a value.
type Step interface {
	Stage() Stage
	// common returns the step's Record; unexported, so that only this
	// package's step types are steps.
	common() Record
}

// Record is what every step keeps of the meeting held or the document
// issued, and of who did it.
type Record struct {
	// Date is the day of the meeting or of the document.
	Date civil.Date
	// Organ is the ID of the body that met or issued (县委, 县委组织部).
	Organ string
	// By is the ID of the person who recorded the step and answers for it.
	By string
	// Reference is the minutes' or document's number (会议纪要, 文号).
	Reference string
}

func (r Record) common() Record { return r }

// Selection is one selection for a post, from the motion to the end of the
// appointee's probation. Each step is nil until recorded; Apply records them
// in order, so a store can persist the record as it is and load it back.
type Selection struct {
	ID string
	// OrgID is the unit whose post is to be filled; Post names the post.
	OrgID string
	Post  string

	Motion         *Motion
	Recommendation *Recommendation
	Inspection     *Inspection
	Deliberation   *Deliberation
	Decision       *Decision
	Publicity      *Publicity
	Appointment    *Appointment
	Probation      *ProbationReview
}

// Stage returns the stage of the last step recorded, or StageNone.
func (s *Selection) Stage() Stage {
	for i := len(Stages) - 1; i >= 0; i-- {
		if s.record(Stages[i]) != nil {
			return Stages[i]
		}
	}
	return StageNone
}

// record returns the Record of the step of stage st, or nil when that step
// is not recorded.
func (s *Selection) record(st Stage) *Record {
	switch {
	case st == StageMotion && s.Motion != nil:
		return &s.Motion.Record
	case st == StageRecommendation && s.Recommendation != nil:
		return &s.Recommendation.Record
	case st == StageInspection && s.Inspection != nil:
		return &s.Inspection.Record
	case st == StageDeliberation && s.Deliberation != nil:
		return &s.Deliberation.Record
	case st == StageDecision && s.Decision != nil:
		return &s.Decision.Record
	case st == StagePublicity && s.Publicity != nil:
		return &s.Publicity.Record
	case st == StageAppointment && s.Appointment != nil:
		return &s.Appointment.Record
	case st == StageProbation && s.Probation != nil:
		return &s.Probation.Record
	}
	return nil
}

// next returns the stage that may follow the current one; after the last
// stage there is none.
func (s *Selection) next() (Stage, bool) {
	cur := s.Stage()
	if cur == StageNone {
		return Stages[0], true
	}
	i := slices.Index(Stages, cur)
	if i+1 == len(Stages) {
		return "", false
	}
	return Stages[i+1], true
}

// Apply records step as the selection's next step. It is the one way a
// selection moves, and it checks, in this order: that step is the next
// stage (else fault.Conflict "selection.out_of_order" with the current and
// the attempted stage), that the step's own fields are complete (fault.Fields),
// and the rules that tie it to the steps before (each a fault.Conflict named
// in the step's file). cal counts the working days of the 任前公示. On error
// the selection is left unchanged.
func (s *Selection) Apply(step Step, cal workday.Calendar) error {
	from, to := s.Stage(), step.Stage()
	if want, ok := s.next(); !ok || to != want {
		return fault.New(fault.Conflict, "selection.out_of_order", from, to)
	}
	var f fault.Fields
	checkRecord(&f, step.common(), s.record(from))
	switch st := step.(type) {
	case Motion:
		return s.applyMotion(st, f)
	case Recommendation:
		return s.applyRecommendation(st, f)
	case Inspection:
		return s.applyInspection(st, f)
	case Deliberation:
		return s.applyDeliberation(st, f)
	case Decision:
		return s.applyDecision(st, f)
	case Publicity:
		return s.applyPublicity(st, f, cal)
	case Appointment:
		return s.applyAppointment(st, f)
	case ProbationReview:
		return s.applyProbation(st, f)
	}
	return fmt.Errorf("selection: step %T must be passed as a value", step)
}
