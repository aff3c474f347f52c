package person

// TalentCategory is one of the six categories of the national talent plan.
type TalentCategory string

// The categories.
const (
	TalentParty        TalentCategory = "party_government" // 党政人才
	TalentManagement   TalentCategory = "enterprise_mgmt"  // 企业经营管理人才
	TalentProfessional TalentCategory = "professional"     // 专业技术人才
	TalentSkilled      TalentCategory = "high_skill"       // 高技能人才
	TalentRural        TalentCategory = "rural_practical"  // 农村实用人才
	TalentSocialWork   TalentCategory = "social_work"      // 社会工作人才
)

// TalentCategories lists the six in order.
var TalentCategories = []TalentCategory{TalentParty, TalentManagement, TalentProfessional, TalentSkilled, TalentRural, TalentSocialWork}

// Talent is the talent facet.
type Talent struct {
	Category     TalentCategory
	Titles       []string
	Skills       []Skill
	Specialties  string
	Availability Availability
	// Forms are the ways of taking part in the economy the talent accepts.
	Forms []FlowForm
	// Region is the GB/T 2260 code (six digits) of the county or city where
	// the talent lives or works, for matching talents to projects by place.
	Region string
}

// FlowForm is a way a talent takes part in the economy (柔性流动). The talent
// work of zugong/internal/talent calls it talent.Form.
type FlowForm string

// The forms. A talent keeps their post and works alongside it (兼职),
// leaves their post for a time (离岗), takes a share (入股), or advises
// (顾问).
const (
	FlowPartTime  FlowForm = "part_time"
	FlowLeavePost FlowForm = "leave_post"
	FlowEquity    FlowForm = "equity"
	FlowAdvisor   FlowForm = "advisor"
)

// FlowForms lists the forms in display order.
var FlowForms = []FlowForm{FlowPartTime, FlowLeavePost, FlowEquity, FlowAdvisor}

// Skill is a skill with a level from 1 (basic) to 5 (expert).
type Skill struct {
	Name  string
	Level int
}

// Availability says whether a talent can take on work now.
type Availability string

// The availabilities.
const (
	Available   Availability = "available"
	PartTime    Availability = "part_time"
	Unavailable Availability = "unavailable"
)
