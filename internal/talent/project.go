package talent

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"zugong/internal/civil"
	"zugong/internal/codes"
	"zugong/internal/fault"
	"zugong/internal/person"
)

// Limits of a project's skill requirements.
const (
	MaxRequirements = 20
	MaxSkillNameLen = 40 // characters
	MinWeight       = 1
	MaxWeight       = 3
)

// OwnerKind says who puts a project on the market.
type OwnerKind string

// The owners: an enterprise (including an entity talents founded) or an
// organisation of the Party or state, such as a township or a village.
const (
	OwnerEnterprise   OwnerKind = "enterprise"
	OwnerOrganisation OwnerKind = "organisation"
)

// OwnerKinds lists the owner kinds in display order.
var OwnerKinds = []OwnerKind{OwnerEnterprise, OwnerOrganisation}

// Owner is who puts a project on the market.
type Owner struct {
	Kind OwnerKind
	// ID is the organisation's ID; for an enterprise, the entity's ID when
	// zugong holds it, else empty.
	ID   string
	Name string
}

// Visibility says who sees a project.
type Visibility string

// The visibilities: everyone, on the public portal; the platform's
// signed-in users; only the talents invited.
const (
	Public     Visibility = "public"
	Internal   Visibility = "internal"
	InviteOnly Visibility = "invite_only"
)

// Visibilities lists the visibilities in display order.
var Visibilities = []Visibility{Public, Internal, InviteOnly}

// Requirement is a skill a project asks for.
type Requirement struct {
	// Skill is the skill's name as the owner writes it: 养殖, 农村电商运营.
	Skill string
	// MinLevel is the least level, 1–5 as on a talent's skills, that
	// meets the requirement.
	MinLevel int
	// Weight is how much the skill counts: 1 ordinary, 2 important, 3
	// essential.
	Weight int
}

// Project is a project on the market, seeking talents.
type Project struct {
	ID string
	// OrgID is the organisation that put the project on the market (the
	// township or office that answers for it); it decides who sees it.
	OrgID       string
	Owner       Owner
	Title       string
	Description string
	Skills      []Requirement
	// Categories are the talent categories sought; empty means any.
	Categories []person.TalentCategory
	// Forms are the forms of taking part the project allows.
	Forms []Form
	// Region is the GB/T 2260 code where the work is.
	Region string
	Start  civil.Date
	End    civil.Date
	// Openings is the number of talents sought.
	Openings int
	// Deadline is the last day applications are taken.
	Deadline   civil.Date
	Visibility Visibility
	Version    int
}

// Validate checks a project.
func (p *Project) Validate() error {
	var f fault.Fields
	if p.OrgID == "" {
		f.Add("org_id", "field.required")
	}
	validateOwner(&f, p.Owner)
	if strings.TrimSpace(p.Title) == "" {
		f.Add("title", "field.required")
	}
	if strings.TrimSpace(p.Description) == "" {
		f.Add("description", "field.required")
	}
	validateRequirements(&f, p.Skills)
	for i, c := range p.Categories {
		if !oneOf(c, person.TalentCategories) {
			f.Add(fmt.Sprintf("categories.%d", i), "field.invalid_choice")
		}
	}
	if len(p.Forms) == 0 {
		f.Add("forms", "talent.project.forms_required")
	}
	for i, fm := range p.Forms {
		if !oneOf(fm, Forms) {
			f.Add(fmt.Sprintf("forms.%d", i), "field.invalid_choice")
		}
	}
	if !codes.ValidPlace(p.Region) {
		f.Add("region", "field.person.place")
	}
	validatePeriod(&f, p.Start, p.End)
	if p.End.IsZero() {
		f.Add("end", "field.required")
	}
	if p.Openings < 1 {
		f.Add("openings", "talent.project.openings_positive")
	}
	switch {
	case p.Deadline.IsZero():
		f.Add("deadline", "field.required")
	case !p.End.IsZero() && p.Deadline.After(p.End):
		f.Add("deadline", "talent.project.deadline_after_end")
	}
	if !oneOf(p.Visibility, Visibilities) {
		f.Add("visibility", "field.invalid_choice")
	}
	return f.Err()
}

// Allows reports whether the project allows taking part in form fm.
func (p *Project) Allows(fm Form) bool { return oneOf(fm, p.Forms) }

func validateOwner(f *fault.Fields, o Owner) {
	if !oneOf(o.Kind, OwnerKinds) {
		f.Add("owner.kind", "field.invalid_choice")
	}
	if o.Kind == OwnerOrganisation && o.ID == "" {
		f.Add("owner.id", "field.required")
	}
	if strings.TrimSpace(o.Name) == "" {
		f.Add("owner.name", "field.required")
	}
}

// validateRequirements asks for one to MaxRequirements skills, each named
// once, with a level and weight in range.
func validateRequirements(f *fault.Fields, rs []Requirement) {
	switch {
	case len(rs) == 0:
		f.Add("skills", "talent.project.skills_required")
	case len(rs) > MaxRequirements:
		f.Add("skills", "talent.project.skills_too_many", MaxRequirements)
	}
	seen := map[string]bool{}
	for i, r := range rs {
		prefix := fmt.Sprintf("skills.%d.", i)
		name := strings.TrimSpace(r.Skill)
		switch {
		case name == "":
			f.Add(prefix+"skill", "field.required")
		case utf8.RuneCountInString(name) > MaxSkillNameLen:
			f.Add(prefix+"skill", "talent.project.skill_too_long", MaxSkillNameLen)
		case seen[name]:
			f.Add(prefix+"skill", "talent.project.skill_duplicate")
		}
		seen[name] = true
		if r.MinLevel < person.MinSkillLevel || r.MinLevel > person.MaxSkillLevel {
			f.Add(prefix+"min_level", "field.person.skill_level", person.MinSkillLevel, person.MaxSkillLevel)
		}
		if r.Weight < MinWeight || r.Weight > MaxWeight {
			f.Add(prefix+"weight", "talent.project.weight", MinWeight, MaxWeight)
		}
	}
}
