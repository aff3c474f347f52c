package talent

import (
	"strings"

	"zugong/internal/civil"
	"zugong/internal/fault"
)

// ServiceKind is the kind of a service a talent rendered.
type ServiceKind string

// The kinds.
const (
	TechnicalGuidance ServiceKind = "technical_guidance" // 技术指导
	Teaching          ServiceKind = "teaching"           // 培训授课
	Consulting        ServiceKind = "consulting"         // 咨询服务
	Medical           ServiceKind = "medical"            // 义诊巡诊
	Legal             ServiceKind = "legal"              // 法律服务
	Marketing         ServiceKind = "marketing"          // 产销对接
	OtherService      ServiceKind = "other"              // 其他
)

// ServiceKinds lists the kinds in display order.
var ServiceKinds = []ServiceKind{TechnicalGuidance, Teaching, Consulting, Medical, Legal, Marketing, OtherService}

// Service is one service a talent rendered: the record the county's figure
// of person-times served is counted from, so it must carry evidence.
type Service struct {
	ID       string
	TalentID string
	Date     civil.Date
	Kind     ServiceKind
	// Beneficiaries is counted in person-times (人次).
	Beneficiaries int
	// Evidence is the reference of what shows the service took place: a
	// sign-in sheet, a document number, an attachment's name.
	Evidence string
	Summary  string
}

// Validate checks a service.
func (s *Service) Validate() error {
	var f fault.Fields
	if strings.TrimSpace(s.TalentID) == "" {
		f.Add("talent_id", "field.required")
	}
	if s.Date.IsZero() {
		f.Add("date", "field.required")
	}
	if !oneOf(s.Kind, ServiceKinds) {
		f.Add("kind", "field.invalid_choice")
	}
	if s.Beneficiaries <= 0 {
		f.Add("beneficiaries", "talent.service.beneficiaries_positive")
	}
	if strings.TrimSpace(s.Evidence) == "" {
		f.Add("evidence", "talent.service.evidence_required")
	}
	return f.Err()
}
