// Package talent holds market-oriented talent allocation (市场化人才配置):
// how talents take part in the economy (engagements with projects and
// economic entities, bringing capital, technology, projects or
// information), what comes of it (entities founded, services rendered), and
// the project market where projects seek talents (用项目吸引人才、用人才带动
// 项目). The talent pool itself is the talent facet of a person
// (zugong/internal/person); matching lives in zugong/internal/match.
package talent

import "slices"

// Form is a way a talent takes part in the economy (柔性流动).
type Form string

// The forms. A talent keeps their post and works alongside it (兼职),
// leaves their post for a time (离岗), takes a share (入股), or advises
// (顾问).
const (
	PartTime  Form = "part_time"
	LeavePost Form = "leave_post"
	Equity    Form = "equity"
	Advisor   Form = "advisor"
)

// Forms lists the forms in display order.
var Forms = []Form{PartTime, LeavePost, Equity, Advisor}

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
