package talent

import (
	"fmt"
	"strings"

	"zugong/internal/civil"
	"zugong/internal/fault"
)

// EngagementStatus is where an engagement stands.
type EngagementStatus string

// The statuses: under way, ended as agreed, or ended early.
const (
	Active     EngagementStatus = "active"
	Ended      EngagementStatus = "ended"
	Terminated EngagementStatus = "terminated"
)

// EngagementStatuses lists the statuses in display order.
var EngagementStatuses = []EngagementStatus{Active, Ended, Terminated}

// Engagement is a talent taking part in a project or an economic entity:
// the record the county's figure of talents taking part is counted from.
type Engagement struct {
	ID string
	// TalentID is the person ID of the talent.
	TalentID string
	// ProjectID or EntityID names what the talent joined: exactly one.
	ProjectID string
	EntityID  string
	Form      Form
	Factors   []Factor
	Start     civil.Date
	// End is zero while the engagement has no agreed end.
	End    civil.Date
	Status EngagementStatus
	// PublicEmployee records that the talent holds a post in a Party or
	// state organ or a public institution (公职人员), whose leaving the post
	// needs the home unit's approval.
	PublicEmployee bool
	Approval       *Approval
	Version        int
}

// Approval is the home unit's consent to a public employee leaving their
// post (离岗).
type Approval struct {
	// Unit is the home unit's organisation ID.
	Unit     string
	Approver string
	Date     civil.Date
	// Document is the approval's document number, when there is one.
	Document string
}

// NeedsApproval reports whether the engagement needs the home unit's
// approval: a public employee leaving their post does.
func (e *Engagement) NeedsApproval() bool { return e.Form == LeavePost && e.PublicEmployee }

// Validate checks an engagement.
func (e *Engagement) Validate() error {
	var f fault.Fields
	if strings.TrimSpace(e.TalentID) == "" {
		f.Add("talent_id", "field.required")
	}
	switch {
	case e.ProjectID == "" && e.EntityID == "":
		f.Add("project_id", "talent.engagement.target_required")
	case e.ProjectID != "" && e.EntityID != "":
		f.Add("project_id", "talent.engagement.target_both")
	}
	if !oneOf(e.Form, Forms) {
		f.Add("form", "field.invalid_choice")
	}
	validateFactors(&f, e.Factors)
	validatePeriod(&f, e.Start, e.End)
	if !oneOf(e.Status, EngagementStatuses) {
		f.Add("status", "field.invalid_choice")
	} else if e.Status != Active && e.End.IsZero() {
		f.Add("end", "talent.engagement.end_required")
	}
	if e.NeedsApproval() {
		validateApproval(&f, e.Approval, e.Start)
	}
	return f.Err()
}

// validateApproval refuses a leave of post without the home unit's
// approval, or with one given only after the leave began.
func validateApproval(f *fault.Fields, a *Approval, start civil.Date) {
	if a == nil || (strings.TrimSpace(a.Approver) == "" && a.Date.IsZero()) {
		f.Add("approval", "talent.engagement.approval_required")
		return
	}
	if strings.TrimSpace(a.Approver) == "" {
		f.Add("approval.approver", "field.required")
	}
	if a.Date.IsZero() {
		f.Add("approval.date", "field.required")
	} else if !start.IsZero() && a.Date.After(start) {
		f.Add("approval.date", "talent.engagement.approval_after_start")
	}
}

// validateFactors asks for at least one factor, each kind at most once,
// and an amount for capital and for capital only.
func validateFactors(f *fault.Fields, factors []Factor) {
	if len(factors) == 0 {
		f.Add("factors", "talent.factors_required")
	}
	seen := map[FactorKind]bool{}
	for i, fa := range factors {
		field := fmt.Sprintf("factors.%d", i)
		switch {
		case !oneOf(fa.Kind, FactorKinds):
			f.Add(field+".kind", "field.invalid_choice")
		case seen[fa.Kind]:
			f.Add(field+".kind", "talent.factor.duplicate")
		case fa.Kind == Capital && fa.Amount <= 0:
			f.Add(field+".amount", "talent.factor.amount_required")
		case fa.Kind != Capital && fa.Amount != 0:
			f.Add(field+".amount", "talent.factor.amount_capital_only")
		}
		seen[fa.Kind] = true
	}
}

// validatePeriod asks for a start and refuses an end before it.
func validatePeriod(f *fault.Fields, start, end civil.Date) {
	if start.IsZero() {
		f.Add("start", "field.required")
	}
	if !start.IsZero() && !end.IsZero() && end.Before(start) {
		f.Add("end", "talent.end_before_start")
	}
}
