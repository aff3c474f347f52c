package appraisal

import (
	"slices"
	"strings"

	"zugong/internal/civil"
	"zugong/internal/fault"
)

// Kind is the kind of an evidence record. Every appraisal value comes from
// records of these kinds: outcomes that a document or an attachment proves
// and a reviewer signed off. No kind describes activity in the app (logins,
// online time, likes, study time): the anti-formalism rules forbid using it
// as grounds for assessment, and an unknown kind is refused.
type Kind string

// The evidence kinds.
const (
	// KindProject is a project's reviewed statement for the period:
	// investment amount, progress and whether it was completed.
	KindProject Kind = "project"
	// KindDeal is an investment deal (招商引资): signed amount and funds in place.
	KindDeal Kind = "investment_deal"
	// KindAward is an award or commendation; Class holds its level.
	KindAward Kind = "award"
	// KindCaseClosed is a case (complaint, dispute, petition) closed.
	KindCaseClosed Kind = "case_closed"
	// KindAssessment is an imported democratic-assessment (民主测评) result;
	// Class names the dimension (de, neng, qin, ji, lian) or is empty for
	// the overall result, and Score holds the result.
	KindAssessment Kind = "democratic_assessment"
	// KindSanction is a disciplinary sanction (党纪政务处分); Class holds its form.
	KindSanction Kind = "disciplinary_sanction"
	// KindAccountability is an accountability outcome (问责); Class holds its form.
	KindAccountability Kind = "accountability"
)

// kinds is the closed list of evidence kinds, in the order forms show them.
var kinds = []Kind{KindProject, KindDeal, KindAward, KindCaseClosed, KindAssessment, KindSanction, KindAccountability}

// Kinds returns the accepted evidence kinds.
func Kinds() []Kind { return slices.Clone(kinds) }

// Valid reports whether k is an accepted evidence kind.
func (k Kind) Valid() bool { return slices.Contains(kinds, k) }

// Evidence is one record an appraisal value comes from. Which amounts are
// set depends on the kind: Amount is a project's investment or a deal's
// signed amount, InPlace a deal's funds in place, Progress and Completed a
// project's state, Score an assessment result. Amounts are in hundredths of
// their unit (万元 for money, % for progress and scores).
type Evidence struct {
	ID       string
	PersonID string
	Kind     Kind
	// Class refines the kind (award level, sanction form, assessment
	// dimension); scheme items may select on it.
	Class string
	// Date is the day of the outcome: the deal signed, the case closed, the
	// decision taken, the statement's reporting day. It places the record
	// in a period.
	Date      civil.Date
	Amount    Value
	InPlace   Value
	Progress  Value
	Completed bool
	Score     Value
	// DocumentNo is the number of the document that proves the outcome
	// (文号); Attachment refers to a stored scan. One of them is required.
	DocumentNo string
	Attachment string
	SignOff    SignOff
}

// SignOff is a reviewer's confirmation of a record. Only signed-off
// evidence counts.
type SignOff struct {
	Reviewer string
	On       civil.Date
}

// Done reports whether the sign-off is complete.
func (s SignOff) Done() bool { return s.Reviewer != "" && !s.On.IsZero() }

// Counts reports whether the record may feed an appraisal: signed off.
func (e *Evidence) Counts() bool { return e.SignOff.Done() }

// maxPercent bounds progress: 100.00 %.
const maxPercent Value = 100 * One

// Validate checks a record as entry and import do before saving, and returns
// fault.Fields naming each wrong field, or nil.
func (e *Evidence) Validate() error {
	var f fault.Fields
	if strings.TrimSpace(e.ID) == "" {
		f.Add("id", "field.required")
	}
	if strings.TrimSpace(e.PersonID) == "" {
		f.Add("person_id", "field.required")
	}
	if !e.Kind.Valid() {
		f.Add("kind", "appraisal.evidence.kind_unknown")
	}
	if e.Date.IsZero() {
		f.Add("date", "field.required")
	}
	if strings.TrimSpace(e.DocumentNo) == "" && strings.TrimSpace(e.Attachment) == "" {
		f.Add("document_no", "appraisal.evidence.proof_required")
	}
	for _, a := range []struct {
		field string
		v     Value
	}{{"amount", e.Amount}, {"in_place", e.InPlace}, {"progress", e.Progress}, {"score", e.Score}} {
		if a.v < 0 {
			f.Add(a.field, "appraisal.negative")
		}
	}
	if e.Progress > maxPercent {
		f.Add("progress", "appraisal.evidence.progress_over_100")
	}
	s := e.SignOff
	switch {
	case (s.Reviewer == "") != s.On.IsZero():
		f.Add("sign_off", "appraisal.evidence.sign_off_incomplete")
	case !s.On.IsZero() && !e.Date.IsZero() && s.On.Before(e.Date):
		f.Add("sign_off.on", "appraisal.evidence.signed_before_date")
	}
	return f.Err()
}
