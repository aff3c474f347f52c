package person

import "zugong/internal/civil"

// PartyCategory is 正式 (full) or 预备 (probationary) membership.
type PartyCategory string

// The categories.
const (
	FullMember         PartyCategory = "full"
	ProbationaryMember PartyCategory = "probationary"
)

// PartyStanding is 党籍状态.
type PartyStanding string

// The standings.
const (
	StandingNormal    PartyStanding = "normal"    // 正常
	StandingReserved  PartyStanding = "reserved"  // 保留
	StandingRestored  PartyStanding = "restored"  // 恢复
	StandingSuspended PartyStanding = "suspended" // 停止
	StandingExpelled  PartyStanding = "expelled"  // 开除
)

// LostContactReason is why a member is out of touch (失联).
type LostContactReason string

// The reasons of the national collection items.
const (
	LostMigrantWork    LostContactReason = "migrant_work"
	LostUnitRestructed LostContactReason = "unit_restructured"
	LostGraduate       LostContactReason = "graduate_unknown"
	LostChangedJob     LostContactReason = "changed_employer"
	LostAbroad         LostContactReason = "abroad"
	LostMoved          LostContactReason = "moved"
	LostOther          LostContactReason = "other"
)

// LostContactMinMonths is how long a member must be out of touch to count as
// lost contact.
const LostContactMinMonths = 6

// PipelineStage is a step of the development pipeline (发展党员).
type PipelineStage string

// The stages, in order.
const (
	StageApplicant    PipelineStage = "applicant"    // 申请入党
	StageActivist     PipelineStage = "activist"     // 入党积极分子
	StageCandidate    PipelineStage = "candidate"    // 发展对象
	StageProbationary PipelineStage = "probationary" // 预备党员
	StageFull         PipelineStage = "full"         // 正式党员
)

// PipelineStages lists the stages in order.
var PipelineStages = []PipelineStage{StageApplicant, StageActivist, StageCandidate, StageProbationary, StageFull}

// PartyMember is the party-member facet.
type PartyMember struct {
	BranchID    string
	Category    PartyCategory
	JoinDate    civil.Date
	FullDate    civil.Date
	Standing    PartyStanding
	PartyPost   string
	LostContact *LostContact
	Floating    *Floating
	Pipeline    []PipelineStep
	Transfers   []Transfer
}

// LostContact records a member out of touch.
type LostContact struct {
	Reason LostContactReason
	Since  civil.Date
}

// Floating records a member living away from the branch (流动党员).
type Floating struct {
	Destination string
	Since       civil.Date
}

// PipelineStep is one stage reached, with its date; the probationary stage
// names the two introducers (入党介绍人).
type PipelineStep struct {
	Stage       PipelineStage
	Date        civil.Date
	Introducers []string
}

// Transfer moves a member's organisational relation between branches
// (组织关系转接); the history is kept.
type Transfer struct {
	FromBranchID string
	ToBranchID   string
	Date         civil.Date
	Note         string
}
