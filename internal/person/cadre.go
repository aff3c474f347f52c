package person

import "zugong/internal/civil"

// ManagementCategory is 管理类别: which level manages the cadre.
type ManagementCategory string

// The categories.
const (
	ManagedCentral    ManagementCategory = "01"
	ManagedProvincial ManagementCategory = "02"
	ManagedCity       ManagementCategory = "03"
	ManagedCounty     ManagementCategory = "04"
	ManagedOther      ManagementCategory = "05"
)

// Cadre is the cadre facet: posts (A02), resume (A17), rewards and
// punishments (A14), annual assessments (A15), family (A36), and the
// proposal of the appointment form (A53).
type Cadre struct {
	Management  ManagementCategory
	Posts       []Post
	Resume      []ResumeLine
	Rewards     []Reward
	Assessments []Assessment
	Family      []Relative
	// CurrentPostText is 现任职务 as the form states it.
	CurrentPostText string
	Proposal        Proposal
}

// Post is one post held (A02).
type Post struct {
	UnitID    string
	UnitName  string
	Title     string
	Rank      string
	Leading   bool
	Appointed Decision
	Removed   Decision
	// ProbationMonths is the probation (试用期) of the appointment, 0 for none.
	ProbationMonths int
	// ProbationConfirmed is the day the probation ended in confirmation
	// (试用期满考核合格，正式任职); zero while it has not.
	ProbationConfirmed civil.Date
	Current            bool
}

// ProbationEnds returns the day the post's probation ends, or the zero date.
func (p Post) ProbationEnds() civil.Date {
	if p.ProbationMonths == 0 || p.Appointed.Date.IsZero() {
		return civil.Date{}
	}
	return civil.Of(p.Appointed.Date.Time().AddDate(0, p.ProbationMonths, 0))
}

// Decision is an appointing or removing decision: organ, date, document number.
type Decision struct {
	Organ      string
	Date       civil.Date
	DocumentNo string
}

// ResumeLine is one line of the resume (简历, A17): from, to (zero while
// current), and the unit and post. InService marks a line alongside the
// main one ("（其间：…）"): study while working, or a secondment.
type ResumeLine struct {
	From      civil.Date
	To        civil.Date
	Text      string
	FullTime  bool
	InService bool
}

// Reward is a reward or punishment (奖惩, A14).
type Reward struct {
	Date       civil.Date
	Kind       string // "reward" or "punishment"
	Name       string
	Organ      string
	DocumentNo string
}

// AssessmentGrade is an annual assessment result.
type AssessmentGrade string

// The grades.
const (
	GradeExcellent   AssessmentGrade = "excellent"   // 优秀
	GradeCompetent   AssessmentGrade = "competent"   // 称职
	GradeBasic       AssessmentGrade = "basic"       // 基本称职
	GradeIncompetent AssessmentGrade = "incompetent" // 不称职
	GradeNone        AssessmentGrade = "none"        // 不定等次
)

// Assessment is one year's result (A15).
type Assessment struct {
	Year  int
	Grade AssessmentGrade
}

// Relative is a family member or social relation (A36).
type Relative struct {
	Relation        string // 称谓: 妻子, 儿子, 父亲 …
	Name            string
	BirthDate       civil.Date
	PoliticalStatus string
	WorkAndPost     string
	Deceased        bool
}

// Proposal is what the 任免审批表 proposes (A53).
type Proposal struct {
	Appoint       string // 拟任职务
	Remove        string // 拟免职务
	Reason        string // 任免理由
	ReportingUnit string // 呈报单位
	AgeReckonedOn civil.Date
	FilledBy      string
	FilledOn      civil.Date
}
