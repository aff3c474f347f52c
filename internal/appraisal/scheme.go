package appraisal

import (
	"zugong/internal/civil"
	"zugong/internal/person"
)

// Scheme is a versioned indicator scheme for one period and one target
// group. A published ranking records the ID and version of the scheme it
// used; a changed scheme is a new version, never an edit of a published one.
type Scheme struct {
	ID      string
	Version int
	Name    string
	Group   Group
	Period  Period
	// Scale, when set, scales every total so that the group's best is
	// 100.00 (see doc.go).
	Scale      bool
	Indicators []Indicator
	Bonuses    []Item
	Deductions []Item
	Vetoes     []Veto
}

// Period is the span, both days included, whose evidence a scheme counts.
type Period struct {
	From civil.Date
	To   civil.Date
}

// Contains reports whether d lies in the period.
func (p Period) Contains(d civil.Date) bool { return !d.Before(p.From) && !d.After(p.To) }

// Group names the peer group a scheme is for: cadres compared with one
// another. Any code the department defines is accepted; these are the usual.
type Group string

// The usual peer groups.
const (
	GroupTownshipLeaders  Group = "township_leaders"  // 乡镇党政正职
	GroupDepartmentHeads  Group = "department_heads"  // 县直部门主要负责人
	GroupTownshipDeputies Group = "township_deputies" // 乡镇班子副职
)

// Orientation is what an indicator measures: one of the four orientations
// of dynamic selection or one of 德能勤绩廉.
type Orientation string

// The orientations.
const (
	OrientDevelopment  Orientation = "development"  // 以科学发展论英雄
	OrientProjects     Orientation = "projects"     // 以项目建设论政绩
	OrientInvestment   Orientation = "investment"   // 以招商引资论本领
	OrientContribution Orientation = "contribution" // 以贡献大小论奖惩
	OrientDe           Orientation = "de"           // 德
	OrientNeng         Orientation = "neng"         // 能
	OrientQin          Orientation = "qin"          // 勤
	OrientJi           Orientation = "ji"           // 绩
	OrientLian         Orientation = "lian"         // 廉
)

var orientations = []Orientation{OrientDevelopment, OrientProjects, OrientInvestment, OrientContribution,
	OrientDe, OrientNeng, OrientQin, OrientJi, OrientLian}

// Direction says which way an indicator's value is better.
type Direction string

// The directions.
const (
	HigherBetter Direction = "higher"
	LowerBetter  Direction = "lower"
)

// better reports whether a is strictly better than b in direction d.
func (d Direction) better(a, b Value) bool {
	if d == LowerBetter {
		return a < b
	}
	return a > b
}

// Method is how an indicator turns its value into points.
type Method string

// The scoring methods.
const (
	// Linear gives the weight in proportion to the way from Zero to Target,
	// capped at the full weight and at nothing.
	Linear Method = "linear"
	// Banded gives the share of the weight of the band the value reaches.
	Banded Method = "bands"
	// Ranked gives the best of the group the full weight and the worst
	// nothing, linear in rank between.
	Ranked Method = "rank"
)

// Indicator is one scored indicator of a scheme.
type Indicator struct {
	Code        string
	Name        string
	Orientation Orientation
	// Weight is the most the indicator gives; a scheme's weights add up to
	// FullMarks.
	Weight    Points
	Unit      string
	Direction Direction
	Method    Method
	// Target is the value that earns the full weight under Linear.
	Target Value
	// Zero is the value that earns nothing: Linear interpolates between
	// Zero and Target; Ranked gives nothing to a value not better than Zero.
	Zero  Value
	Bands []Band
	// Measure and Class say which evidence the value comes from.
	Measure Measure
	Class   string
}

// Band is one step of a Banded indicator: a value reaching Limit (at least
// Limit when higher is better, at most when lower is) earns Percent of the
// weight. Bands are listed in ascending Limit.
type Band struct {
	Limit   Value
	Percent int64
}

// Item is a bonus (加分) or deduction (减分) item: each signed-off record of
// Kind (and of Class, when set) in the period is one occurrence worth Per
// points, up to Cap.
type Item struct {
	Code  string
	Name  string
	Kind  Kind
	Class string
	Per   Points
	Cap   Points
}

// Veto is a one-vote veto (一票否决): one signed-off record of Kind (and of
// Class, when set) in the period puts the cadre behind every cadre without
// a veto, excludes 优秀 and caps the annual grade at Cap.
type Veto struct {
	Code  string
	Name  string
	Kind  Kind
	Class string
	Cap   person.AssessmentGrade
}

// matches reports whether e is an occurrence of a kind and class selector.
func matches(kind Kind, class string, e *Evidence) bool {
	return e.Kind == kind && (class == "" || e.Class == class)
}

// Lines is the number of explanation lines a cadre gets under s: one per
// indicator, bonus item and deduction item.
func (s *Scheme) Lines() int { return len(s.Indicators) + len(s.Bonuses) + len(s.Deductions) }
