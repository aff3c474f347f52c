package training

import (
	"strings"

	"zugong/internal/civil"
	"zugong/internal/fault"
)

// ReportKind is what a self-reported training was.
type ReportKind string

// The kinds: a course outside the department's programmes (such as a party
// school or university course), and network training (网络培训).
const (
	OutsideCourse ReportKind = "outside_course"
	Network       ReportKind = "network"
)

// ReportKinds lists the kinds in display order.
var ReportKinds = []ReportKind{OutsideCourse, Network}

// ReportStatus is where a self-report stands in its two-level approval.
type ReportStatus string

// The statuses: submitted by the cadre, approved by the home unit, approved
// by the organisation department (only then does it count), or rejected at
// either level.
const (
	Submitted    ReportStatus = "submitted"
	UnitApproved ReportStatus = "unit_approved"
	Approved     ReportStatus = "approved"
	Rejected     ReportStatus = "rejected"
)

// ReportStatuses lists the statuses in display order.
var ReportStatuses = []ReportStatus{Submitted, UnitApproved, Approved, Rejected}

// SelfReport is training a cadre reports themselves, with evidence.
type SelfReport struct {
	JurisdictionID string
	ID             string
	PersonID       string
	Kind           ReportKind
	Title          string
	Provider       string
	Start          civil.Date
	End            civil.Date
	Hours          Hours
	Days           int
	// Evidence is the certificate or document number, or the name of the
	// attached evidence.
	Evidence string
	// CountsTowardQuota is asked for by the cadre and decided by the
	// department at the second approval.
	CountsTowardQuota bool
	Status            ReportStatus
	UnitReviewer      string
	UnitReviewedOn    civil.Date
	DeptReviewer      string
	DeptReviewedOn    civil.Date
	RejectReason      string
	Version           int
}

// Validate checks a self-report as submitted on today: only training that
// has ended can be reported.
func (r *SelfReport) Validate(today civil.Date) error {
	var f fault.Fields
	if !oneOf(r.Kind, ReportKinds) {
		f.Add("kind", "field.invalid_choice")
	}
	if strings.TrimSpace(r.Title) == "" {
		f.Add("title", "field.required")
	}
	if strings.TrimSpace(r.Evidence) == "" {
		f.Add("evidence", "training.evidence_required")
	}
	if r.Start.IsZero() {
		f.Add("start", "field.required")
	}
	if r.End.IsZero() {
		f.Add("end", "field.required")
	} else if !r.Start.IsZero() && r.End.Before(r.Start) {
		f.Add("end", "training.end_before_start")
	} else if r.End.After(today) {
		f.Add("end", "training.in_future")
	}
	switch {
	case r.Hours < 0:
		f.Add("hours", "training.hours_negative")
	case r.Hours == 0:
		f.Add("hours", "training.hours_not_positive")
	}
	if r.Days < 0 {
		f.Add("days", "training.days_negative")
	} else if !r.Start.IsZero() && !r.End.IsZero() && r.Days > daysBetween(r.Start, r.End)+1 {
		f.Add("days", "training.days_over_span")
	}
	return f.Err()
}

// Review is one approval decision.
type Review struct {
	Reviewer string
	On       civil.Date
	Approve  bool
	Reason   string
	// Counts is the department's decision on counting toward the quota; it
	// is ignored at unit level.
	Counts bool
}

// ReviewByUnit records the home unit's decision on a submitted report.
func ReviewByUnit(r *SelfReport, rv Review) error {
	if r.Status != Submitted {
		return fault.New(fault.Conflict, "training.report_not_awaiting", string(r.Status))
	}
	if err := rv.check(); err != nil {
		return err
	}
	r.UnitReviewer, r.UnitReviewedOn = rv.Reviewer, rv.On
	if !rv.Approve {
		r.Status, r.RejectReason = Rejected, rv.Reason
		return nil
	}
	r.Status = UnitApproved
	return nil
}

// ReviewByDepartment records the organisation department's decision on a
// report its unit approved, and returns the credit an approval earns.
func ReviewByDepartment(r *SelfReport, rv Review) (Credit, error) {
	if r.Status != UnitApproved {
		return Credit{}, fault.New(fault.Conflict, "training.report_not_awaiting", string(r.Status))
	}
	if err := rv.check(); err != nil {
		return Credit{}, err
	}
	r.DeptReviewer, r.DeptReviewedOn = rv.Reviewer, rv.On
	if !rv.Approve {
		r.Status, r.RejectReason = Rejected, rv.Reason
		return Credit{}, nil
	}
	r.Status, r.CountsTowardQuota = Approved, rv.Counts
	return r.Credit(), nil
}

// Credit is what an approved report counts for. A report not yet approved
// by the department counts for nothing.
func (r *SelfReport) Credit() Credit {
	if r.Status != Approved {
		return Credit{}
	}
	c := Credit{PersonID: r.PersonID, On: r.End, Source: SourceSelfReport, SourceID: r.ID,
		Hours: r.Hours, Days: r.Days, Counts: r.CountsTowardQuota, Mode: SelfStudy}
	if r.Kind == Network {
		c.Online = r.Hours
	}
	return c
}

func (rv Review) check() error {
	var f fault.Fields
	if strings.TrimSpace(rv.Reviewer) == "" {
		f.Add("reviewer", "field.required")
	}
	if rv.On.IsZero() {
		f.Add("reviewed_on", "field.required")
	}
	if !rv.Approve && strings.TrimSpace(rv.Reason) == "" {
		f.Add("reason", "training.reject_reason_required")
	}
	return f.Err()
}

func daysBetween(a, b civil.Date) int {
	return int(b.Time().Sub(a.Time()).Hours() / 24)
}
