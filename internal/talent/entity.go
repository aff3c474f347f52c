package talent

import (
	"errors"
	"strings"

	"zugong/internal/civil"
	"zugong/internal/creditcode"
	"zugong/internal/fault"
)

// EntityType is the legal form of an economic entity (经济实体).
type EntityType string

// The types talents most often found in a county.
const (
	Company            EntityType = "company"             // 公司、企业
	Cooperative        EntityType = "cooperative"         // 农民专业合作社
	IndividualBusiness EntityType = "individual_business" // 个体工商户
	FamilyFarm         EntityType = "family_farm"         // 家庭农场
	SocialOrganisation EntityType = "social_organisation" // 社会团体、民办非企业单位
)

// EntityTypes lists the types in display order.
var EntityTypes = []EntityType{Company, Cooperative, IndividualBusiness, FamilyFarm, SocialOrganisation}

// registrations lists, per type, the registration authority and category
// pairs (the credit code's first two characters) it can be registered
// under: a family farm registers as an enterprise or as an individual
// business; a social organisation with civil affairs.
var registrations = map[EntityType][]string{
	Company:            {"91"},
	Cooperative:        {"93"},
	IndividualBusiness: {"92"},
	FamilyFarm:         {"91", "92"},
	SocialOrganisation: {"51", "52", "53", "59"},
}

// Entity is an economic entity founded with talents: the record the
// county's figure of entities founded is counted from.
type Entity struct {
	ID string
	// OrgID is the organisation (a township, a village) the entity is
	// registered under for the talent work's figures.
	OrgID string
	Name  string
	Type  EntityType
	// CreditCode is the unified social credit code, in normal form.
	CreditCode string
	// RegisteredCapital is in yuan; an individual business may have none.
	RegisteredCapital int64
	Founded           civil.Date
	// Jobs is the number of jobs the entity created.
	Jobs int
	// Founders are the person IDs of the talents who founded it.
	Founders []string
	Version  int
}

// Validate checks an entity.
func (e *Entity) Validate() error {
	var f fault.Fields
	if e.OrgID == "" {
		f.Add("org_id", "field.required")
	}
	if strings.TrimSpace(e.Name) == "" {
		f.Add("name", "field.required")
	}
	if !oneOf(e.Type, EntityTypes) {
		f.Add("type", "field.invalid_choice")
	}
	if code, err := creditcode.Parse(e.CreditCode); err != nil {
		f.Add("credit_code", creditCodeKey(err))
	} else if oneOf(e.Type, EntityTypes) && !oneOf(string([]byte{code.Authority, code.Category}), registrations[e.Type]) {
		f.Add("credit_code", "talent.entity.credit_code_type")
	}
	if e.RegisteredCapital < 0 {
		f.Add("registered_capital", "talent.not_negative")
	}
	if e.Founded.IsZero() {
		f.Add("founded", "field.required")
	}
	if e.Jobs < 0 {
		f.Add("jobs", "talent.not_negative")
	}
	validateFounders(&f, e.Founders)
	return f.Err()
}

// validateFounders asks for at least one founding talent, each named once.
func validateFounders(f *fault.Fields, founders []string) {
	if len(founders) == 0 {
		f.Add("founders", "talent.entity.founders_required")
	}
	seen := map[string]bool{}
	for _, id := range founders {
		switch {
		case strings.TrimSpace(id) == "":
			f.Add("founders", "field.required")
		case seen[id]:
			f.Add("founders", "talent.entity.founder_duplicate")
		}
		seen[id] = true
	}
}

// creditCodeKey names the catalog message for what is wrong with a code.
func creditCodeKey(err error) string {
	switch {
	case errors.Is(err, creditcode.ErrLength):
		return "talent.credit_code.length"
	case errors.Is(err, creditcode.ErrChars):
		return "talent.credit_code.chars"
	case errors.Is(err, creditcode.ErrAuthority), errors.Is(err, creditcode.ErrCategory):
		return "talent.credit_code.registration"
	case errors.Is(err, creditcode.ErrDivision):
		return "talent.credit_code.division"
	default:
		return "talent.credit_code.check"
	}
}
