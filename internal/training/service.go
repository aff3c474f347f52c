package training

import (
	"context"

	"zugong/internal/civil"
)

// Service keeps programmes, enrolments, self-reports and credits, and
// reports quota compliance. Programmes are scoped by the organising
// organisation; enrolments, reports and compliance by the person's.
type Service interface {
	ListProgrammes(ctx context.Context, f ProgrammeFilter) ([]ListedProgramme, error)
	GetProgramme(ctx context.Context, id string) (*Programme, error)
	// SaveProgramme creates a programme (empty ID) or updates one; sessions
	// with attendance recorded cannot be removed.
	SaveProgramme(ctx context.Context, p *Programme) (*Programme, error)
	// Enrolment reads one enrolment, scoped by its programme.
	Enrolment(ctx context.Context, id string) (*Enrolment, error)
	// Roster lists a programme's enrolments with the trainees' names.
	Roster(ctx context.Context, programmeID string) ([]Trainee, error)
	// Enrol invites (invite true) or enrols a person; enrolling an invitee
	// accepts the invitation.
	Enrol(ctx context.Context, programmeID, personID string, invite bool) (*Enrolment, error)
	Withdraw(ctx context.Context, enrolmentID string) error
	// Mark records presence at session (counting from 0) for the given
	// enrolments, in one transaction.
	Mark(ctx context.Context, programmeID string, session int, marks map[string]Presence) error
	// Close completes or fails an enrolment and writes its credit.
	Close(ctx context.Context, enrolmentID string, c Closing) (*Enrolment, error)

	SubmitReport(ctx context.Context, r *SelfReport) (*SelfReport, error)
	// Report reads one self-report, scoped by the person's organisation.
	Report(ctx context.Context, id string) (*SelfReport, error)
	// ReviewReport records the unit's (dept false) or the department's
	// decision; the department's approval writes the credit.
	ReviewReport(ctx context.Context, id string, dept bool, rv Review) error
	ListReports(ctx context.Context, f ReportFilter) ([]ListedReport, error)

	// PersonTraining is one person's enrolments, reports and standing.
	PersonTraining(ctx context.Context, personID string, year int) (*PersonRecord, error)
	// Compliance assesses every cadre in scope for a year.
	Compliance(ctx context.Context, q ComplianceQuery) (*ComplianceReport, error)
	// HoursBy sums the credited hours of a year by mode and by theme.
	HoursBy(ctx context.Context, under string, year int) (*HoursBreakdown, error)

	Policy(ctx context.Context) (Policy, error)
	SetPolicy(ctx context.Context, network Hours, reminderDays int) error
}

// ProgrammeFilter selects programmes for a listing.
type ProgrammeFilter struct {
	Under  string
	Year   int
	Mode   Mode
	Query  string
	Limit  int
	Offset int
}

// ListedProgramme is a programme with its enrolment counts.
type ListedProgramme struct {
	Programme
	OrgName   string
	Enrolled  int
	Completed int
}

// Trainee is an enrolment with the person's name and unit.
type Trainee struct {
	Enrolment
	Name    string
	OrgName string
	Rank    string
	Credit  Hours
}

// Closing is what closing an enrolment records.
type Closing struct {
	OnlineDone  Hours
	Result      string
	Certificate string
	On          civil.Date
}

// ReportFilter selects self-reports.
type ReportFilter struct {
	Under    string
	Status   ReportStatus
	PersonID string
	Limit    int
	Offset   int
}

// ListedReport is a self-report with the person's name and unit.
type ListedReport struct {
	SelfReport
	Name    string
	OrgName string
}

// PersonRecord is one person's training.
type PersonRecord struct {
	Enrolments []PersonEnrolment
	Reports    []SelfReport
	Compliance Compliance
	Year       int
}

// PersonEnrolment is an enrolment with its programme's title and dates.
type PersonEnrolment struct {
	Enrolment
	Title  string
	Start  civil.Date
	End    civil.Date
	Mode   Mode
	Credit Hours
}

// ComplianceQuery selects the cadres of a compliance report.
type ComplianceQuery struct {
	Under  string
	Year   int
	Today  civil.Date
	Status Status
	Level  Level
	// Remind keeps only the cadres to remind: short of the quota with the
	// deadline within the jurisdiction's reminder period.
	Remind bool
	// Limit and Offset page the rows; the summaries cover every cadre.
	Limit  int
	Offset int
	// All returns every row (for exports), ignoring Limit and Offset.
	All bool
}

// ComplianceRow is one cadre's standing.
type ComplianceRow struct {
	PersonID string
	Name     string
	OrgID    string
	OrgName  string
	Rank     string
	Compliance
}

// ComplianceReport is the standing of the cadres in scope for a year.
type ComplianceReport struct {
	Year int
	Rows []ComplianceRow
	// Matching counts the rows that pass the status and level filters.
	Matching int
	Summary  Summary
	// ByUnit summarises per organisation directly under the report's root
	// (the townships and county offices under a county).
	ByUnit []UnitSummary
}

// UnitSummary is one organisation's summary.
type UnitSummary struct {
	OrgID string
	Name  string
	Summary
}

// HoursBreakdown is a year's credited hours by mode and by theme. A
// programme with several themes counts its hours under each.
type HoursBreakdown struct {
	ByMode  map[Mode]Hours
	ByTheme map[Theme]Hours
	Total   Hours
}
