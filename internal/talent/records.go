package talent

import (
	"context"

	"zugong/internal/civil"
	"zugong/internal/person"
)

// Records keeps the talent pool, the project market and what comes of
// talents' work: engagements, entities founded and services rendered.
//
// Scope: the pool, engagements and services are scoped by the talent's
// home organisation, entities by the organisation they are registered
// under, projects by the organisation that put them on the market. Staff
// read with access.TalentRead and write with access.TalentManage. A talent
// signed in with access.TalentSelf keeps their own profile, browses the
// projects open to them, applies, answers invitations and reports the
// services they rendered (which count only once staff verify them).
type Records interface {
	// Talents lists the pool (people with the talent facet) in scope.
	Talents(ctx context.Context, f Filter) ([]Profile, error)
	CountTalents(ctx context.Context, f Filter) (int, error)
	// Profile returns one talent with their engagements, entities and
	// services.
	Profile(ctx context.Context, personID string) (*Dossier, error)
	// SaveProfile replaces a talent's facet; version, when not 0, must be
	// the person's stored version.
	SaveProfile(ctx context.Context, personID string, t *person.Talent, version int) (*Profile, error)

	// Projects lists the projects in scope, or, for a talent, the projects
	// open to them.
	Projects(ctx context.Context, f Filter) ([]ProjectListed, error)
	CountProjects(ctx context.Context, f Filter) (int, error)
	Project(ctx context.Context, id string) (*ProjectListed, error)
	// SaveProject creates (empty ID) or updates a project in OrgID.
	SaveProject(ctx context.Context, p *Project) (*Project, error)
	// MatchTalents ranks the talents in the project's region for it, best
	// first, each with its explanation.
	MatchTalents(ctx context.Context, projectID string, k int) ([]TalentMatch, error)
	// MatchProjects ranks the open projects for a talent.
	MatchProjects(ctx context.Context, personID string, k int) ([]ProjectMatch, error)

	// Applications lists applications and invitations by Filter.ProjectID
	// or Filter.PersonID.
	Applications(ctx context.Context, f Filter) ([]ApplicationListed, error)
	// Application returns one application or invitation the reader sees.
	Application(ctx context.Context, id string) (*ApplicationListed, error)
	// Propose records a talent's application or an owner's invitation.
	Propose(ctx context.Context, a *Application) (*Application, error)
	// Accept accepts an application or invitation, creating its
	// engagement in the same transaction.
	Accept(ctx context.Context, applicationID string, approval *Approval) (*Engagement, error)
	Decline(ctx context.Context, applicationID string) error
	Withdraw(ctx context.Context, applicationID string) error

	Engagements(ctx context.Context, f Filter) ([]EngagementListed, error)
	CountEngagements(ctx context.Context, f Filter) (int, error)
	SaveEngagement(ctx context.Context, e *Engagement) (*Engagement, error)

	Entities(ctx context.Context, f Filter) ([]EntityListed, error)
	CountEntities(ctx context.Context, f Filter) (int, error)
	SaveEntity(ctx context.Context, e *Entity) (*Entity, error)

	Services(ctx context.Context, f Filter) ([]ServiceListed, error)
	CountServices(ctx context.Context, f Filter) (int, error)
	// SaveService records a service. Staff record it verified; a talent's
	// own report waits for VerifyService.
	SaveService(ctx context.Context, s *Service) (*Service, error)
	VerifyService(ctx context.Context, id string) error

	// Figures counts, for a subtree and period, the talents taking part,
	// the entities founded and the person-times served.
	Figures(ctx context.Context, f Filter) (*Figures, error)
}

// Filter selects records for a listing or for figures. Each listing uses
// the fields that apply to it.
type Filter struct {
	// Under restricts to an organisation subtree (see Records for which
	// organisation each record belongs to).
	Under string
	// From and To bound the period, both inclusive: engagements that
	// overlap it, entities founded in it, services rendered in it, and, for
	// the pool, talents taking part in it. Zero leaves that side open.
	From, To civil.Date
	// TakingPart keeps, in the pool, the talents counted as taking part in
	// the period (see Figures).
	TakingPart bool
	Category   person.TalentCategory
	Form       Form
	Factor     FactorKind
	// Kind is the service kind or the entity type.
	Kind string
	// Status is the engagement, project or application status.
	Status string
	// Query matches a name, a title or a skill.
	Query     string
	PersonID  string
	ProjectID string
	EntityID  string
	Limit     int
	Offset    int
}

// Profile is a talent as the pool lists them.
type Profile struct {
	PersonID string
	Name     string
	OrgID    string
	OrgName  string
	Talent   person.Talent
	// PublicEmployee reports that the talent is a public employee (公职
	// 人员: a cadre, or working in a Party or state organ or a public
	// institution): leaving the post (离岗) needs the home unit's approval.
	PublicEmployee bool
	Version        int
}

// Dossier is a talent's profile with their records.
type Dossier struct {
	Profile
	Engagements []EngagementListed
	Entities    []EntityListed
	Services    []ServiceListed
}

// ProjectStatus says whether a project takes applications.
type ProjectStatus string

// The statuses: open until its deadline passes or its openings are filled,
// then closed.
const (
	ProjectOpen   ProjectStatus = "open"
	ProjectClosed ProjectStatus = "closed"
)

// ProjectListed is a project with what a listing shows.
type ProjectListed struct {
	Project
	OrgName string
	// Filled counts the accepted applications and invitations.
	Filled  int
	Pending int
	Status  ProjectStatus
}

// TalentMatch is a talent ranked for a project.
type TalentMatch struct {
	Profile
	Score       float64
	Explanation Explanation
}

// ProjectMatch is a project ranked for a talent.
type ProjectMatch struct {
	ProjectListed
	Score       float64
	Explanation Explanation
}

// Explanation says why a talent and a project match: each requirement,
// whether it was met and by which skill, and its part of the score. The
// parts add up to the score.
type Explanation struct {
	Score float64
	Parts []ExplainedPart
}

// ExplainedPart is one requirement's part of a match
// (zugong/internal/match.Part).
type ExplainedPart struct {
	Requirement string
	MinLevel    int
	Weight      int
	// Skill is the talent's skill that earns the points and Level its
	// level; Skill is empty when the talent has nothing like it (a missing
	// skill).
	Skill string
	Level int
	// Share is the share of the requirement's terms the skill has, Factor
	// what the level multiplies the points by.
	Share  float64
	Factor float64
	Points float64
}

// ApplicationListed is an application with the names a listing shows.
type ApplicationListed struct {
	Application
	TalentName   string
	ProjectTitle string
}

// EngagementListed is an engagement with the names a listing shows.
type EngagementListed struct {
	Engagement
	TalentName string
	// Target is the project's title or the entity's name.
	Target string
}

// EntityListed is an entity with the names a listing shows.
type EntityListed struct {
	Entity
	OrgName      string
	FounderNames []string
}

// ServiceListed is a service with the names a listing shows.
type ServiceListed struct {
	Service
	TalentName string
	Verified   bool
}

// Figures are the talent work's headline figures for a subtree and period
// (the article's 3,467 talents taking part, 430+ entities founded, 56,000
// person-times served), each counted from records.
type Figures struct {
	From, To civil.Date
	// Talents is the size of the pool.
	Talents int
	// TakingPart counts the talents with an engagement overlapping the
	// period or a verified service in it.
	TakingPart int
	// Entities counts the entities founded in the period.
	Entities int
	// PersonTimes sums the beneficiaries of the verified services in the
	// period; Services counts those services.
	PersonTimes int
	Services    int
	// Engagements counts the engagements overlapping the period, Capital
	// sums the capital they brought, in yuan.
	Engagements int
	Capital     int64
	// ByCategory counts the talents taking part per category, ByForm and
	// ByFactor the engagements per form and per factor brought, and
	// EntitiesByType the entities per type; each in display order.
	ByCategory     []Count
	ByForm         []Count
	ByFactor       []Count
	EntitiesByType []Count
}

// Count is one bar of a chart.
type Count struct {
	Key string
	N   int
}
