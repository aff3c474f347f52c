package talent

import (
	"strings"

	"zugong/internal/civil"
	"zugong/internal/fault"
)

// ApplicationKind says which side made the first move.
type ApplicationKind string

// The kinds: a talent applies to a project (申请), or a project's owner
// invites a talent (邀请).
const (
	Apply  ApplicationKind = "apply"
	Invite ApplicationKind = "invite"
)

// ApplicationKinds lists the kinds in display order.
var ApplicationKinds = []ApplicationKind{Apply, Invite}

// ApplicationStatus is where an application or invitation stands.
type ApplicationStatus string

// The statuses: waiting for the other side, accepted (an engagement
// exists), declined by the other side, or withdrawn by the side that made
// it.
const (
	Pending   ApplicationStatus = "pending"
	Accepted  ApplicationStatus = "accepted"
	Declined  ApplicationStatus = "declined"
	Withdrawn ApplicationStatus = "withdrawn"
)

// ApplicationStatuses lists the statuses in display order.
var ApplicationStatuses = []ApplicationStatus{Pending, Accepted, Declined, Withdrawn}

// Application is a talent's application to a project, or a project's
// invitation to a talent: the proposal of an engagement on the terms it
// carries.
type Application struct {
	ID        string
	ProjectID string
	TalentID  string
	Kind      ApplicationKind
	Form      Form
	Factors   []Factor
	Message   string
	Status    ApplicationStatus
	Created   civil.Date
	// Decided is the day it was accepted, declined or withdrawn.
	Decided civil.Date
}

// DecidedByTalent reports whether the talent, rather than the project's
// owner, accepts or declines: the talent answers invitations, the owner
// answers applications.
func (a *Application) DecidedByTalent() bool { return a.Kind == Invite }

// Validate checks a new application or invitation against the project it
// is for. Input problems are fault.Fields; an application the project does
// not take (past its deadline, or by invitation only) is a conflict.
func (a *Application) Validate(p *Project) error {
	var f fault.Fields
	if a.ProjectID != p.ID {
		f.Add("project_id", "talent.application.project_mismatch")
	}
	if strings.TrimSpace(a.TalentID) == "" {
		f.Add("talent_id", "field.required")
	}
	if !oneOf(a.Kind, ApplicationKinds) {
		f.Add("kind", "field.invalid_choice")
	}
	switch {
	case !oneOf(a.Form, Forms):
		f.Add("form", "field.invalid_choice")
	case !p.Allows(a.Form):
		f.Add("form", "talent.application.form_not_allowed")
	}
	validateFactors(&f, a.Factors)
	if a.Created.IsZero() {
		f.Add("created", "field.required")
	}
	if a.Status != Pending {
		f.Add("status", "talent.application.not_pending")
	}
	if err := f.Err(); err != nil {
		return err
	}
	if a.Kind == Apply && p.Visibility == InviteOnly {
		return fault.New(fault.Conflict, "talent.application.invitation_only")
	}
	if a.Created.After(p.Deadline) {
		return fault.New(fault.Conflict, "talent.application.deadline_passed")
	}
	return nil
}

// Acceptance is what accepting needs beyond the application: the day, how
// many talents the project has already taken, and, for a public employee
// leaving their post, the home unit's approval.
type Acceptance struct {
	On             civil.Date
	Filled         int
	PublicEmployee bool
	Approval       *Approval
}

// Accept accepts a pending application or invitation for project p and
// returns the engagement it creates, on the application's terms, from the
// later of the day of acceptance and the project's start to the project's
// end. The application is marked accepted only when the engagement is
// valid: a public employee's leave of post without approval is refused.
func Accept(a *Application, p *Project, acc Acceptance) (Engagement, error) {
	if err := a.pending(); err != nil {
		return Engagement{}, err
	}
	if a.ProjectID != p.ID {
		return Engagement{}, fault.New(fault.Conflict, "talent.application.project_mismatch")
	}
	if acc.Filled >= p.Openings {
		return Engagement{}, fault.New(fault.Conflict, "talent.project.full")
	}
	start := acc.On
	if p.Start.After(start) {
		start = p.Start
	}
	e := Engagement{
		TalentID:       a.TalentID,
		ProjectID:      p.ID,
		Form:           a.Form,
		Factors:        append([]Factor(nil), a.Factors...),
		Start:          start,
		End:            p.End,
		Status:         Active,
		PublicEmployee: acc.PublicEmployee,
		Approval:       acc.Approval,
	}
	if err := e.Validate(); err != nil {
		return Engagement{}, err
	}
	a.Status, a.Decided = Accepted, acc.On
	return e, nil
}

// Decline records the other side's refusal.
func (a *Application) Decline(on civil.Date) error { return a.close(Declined, on) }

// Withdraw records that the side that made it took it back.
func (a *Application) Withdraw(on civil.Date) error { return a.close(Withdrawn, on) }

func (a *Application) close(s ApplicationStatus, on civil.Date) error {
	if err := a.pending(); err != nil {
		return err
	}
	a.Status, a.Decided = s, on
	return nil
}

// pending refuses to decide an application that is already decided.
func (a *Application) pending() error {
	if a.Status != Pending {
		return fault.New(fault.Conflict, "talent.application.not_pending")
	}
	return nil
}
