// Package talent holds market-oriented talent allocation (市场化人才配置):
// how talents take part in the economy (engagements with projects and
// economic entities, bringing capital, technology, projects or
// information), what comes of it (entities founded, services rendered), and
// the project market where projects seek talents (用项目吸引人才、用人才带动
// 项目). The talent pool itself is the talent facet of a person
// (zugong/internal/person); matching lives in zugong/internal/match.
package talent

import (
	"slices"

	"zugong/internal/person"
)

// Form is a way a talent takes part in the economy (柔性流动); a talent's
// profile lists the forms they accept.
type Form = person.FlowForm

// The forms: 兼职, 离岗, 入股, 顾问.
const (
	PartTime  = person.FlowPartTime
	LeavePost = person.FlowLeavePost
	Equity    = person.FlowEquity
	Advisor   = person.FlowAdvisor
)

// Forms lists the forms in display order.
var Forms = person.FlowForms

// FactorKind is a factor of production a talent brings (要素).
type FactorKind string

// The factors: 资金, 技术, 项目, 信息.
const (
	Capital     FactorKind = "capital"
	Technology  FactorKind = "technology"
	ProjectLead FactorKind = "project"
	Information FactorKind = "information"
)

// FactorKinds lists the factors in display order.
var FactorKinds = []FactorKind{Capital, Technology, ProjectLead, Information}

// Factor is one factor brought. Amount, in yuan, is what capital is
// counted in; the other factors have none.
type Factor struct {
	Kind   FactorKind
	Amount int64
}

// oneOf reports whether v is among the allowed values.
func oneOf[T comparable](v T, allowed []T) bool { return slices.Contains(allowed, v) }
