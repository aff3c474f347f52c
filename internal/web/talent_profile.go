package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"zugong/internal/person"
	"zugong/internal/talent"
)

// The talent profile form is shared by the staff's edit page
// (/talent/pool/{id}/edit) and the talent's own page: both read it with
// readProfileForm, fill it with profileFormOf, show it with the
// "talent_profile_fields" partial (templates/partials/talent.html) given a
// ProfileFields, and take the errors of SaveProfile back with
// absorbProfileError.

// profileFieldNames are the fields of the profile form. Titles and skills
// are one per line, a skill as its name and its level ("水产养殖 4"); forms
// is one checkbox per form.
var profileFieldNames = []string{"category", "titles", "skills", "specialties", "availability", "forms", "region"}

// talentFormKeys and the maps below name the closed sets of package talent
// in the catalog.
var (
	talentFormKeys = map[talent.Form]string{
		talent.PartTime:  "talent.form_name.part_time",
		talent.LeavePost: "talent.form_name.leave_post",
		talent.Equity:    "talent.form_name.equity",
		talent.Advisor:   "talent.form_name.advisor",
	}
	talentFactorKeys = map[talent.FactorKind]string{
		talent.Capital:     "talent.factor_name.capital",
		talent.Technology:  "talent.factor_name.technology",
		talent.ProjectLead: "talent.factor_name.project",
		talent.Information: "talent.factor_name.information",
	}
	entityTypeKeys = map[talent.EntityType]string{
		talent.Company:            "talent.entity_type.company",
		talent.Cooperative:        "talent.entity_type.cooperative",
		talent.IndividualBusiness: "talent.entity_type.individual_business",
		talent.FamilyFarm:         "talent.entity_type.family_farm",
		talent.SocialOrganisation: "talent.entity_type.social_organisation",
	}
	serviceKindKeys = map[talent.ServiceKind]string{
		talent.TechnicalGuidance: "talent.service_kind.technical_guidance",
		talent.Teaching:          "talent.service_kind.teaching",
		talent.Consulting:        "talent.service_kind.consulting",
		talent.Medical:           "talent.service_kind.medical",
		talent.Legal:             "talent.service_kind.legal",
		talent.Marketing:         "talent.service_kind.marketing",
		talent.OtherService:      "talent.service_kind.other",
	}
	engagementStatusKeys = map[talent.EngagementStatus]string{
		talent.Active:     "talent.engagement_status.active",
		talent.Ended:      "talent.engagement_status.ended",
		talent.Terminated: "talent.engagement_status.terminated",
	}
	availabilities = []person.Availability{person.Available, person.PartTime, person.Unavailable}
)

// keyedChoices lists the values of a closed set with their catalog keys, in
// display order.
func keyedChoices[T ~string](values []T, keys map[T]string) []Choice {
	out := make([]Choice, len(values))
	for i, v := range values {
		out[i] = Choice{Value: string(v), Key: keys[v]}
	}
	return out
}

// Check is one checkbox of a group that shares a field name.
type Check struct {
	Value   string
	Key     string
	Checked bool
}

// keyedChecks lists the checkboxes of field, ticked as in f.
func keyedChecks[T ~string](f Form, field string, values []T, keys map[T]string) []Check {
	ticked := f.Values[field]
	out := make([]Check, len(values))
	for i, v := range values {
		out[i] = Check{Value: string(v), Key: keys[v], Checked: slices.Contains(ticked, string(v))}
	}
	return out
}

// ProfileFields is what the talent_profile_fields partial shows: the form
// as typed or as stored, and the choices of its selects and checkboxes.
type ProfileFields struct {
	Form           Form
	Categories     []Choice
	Availabilities []Choice
	Forms          []Check
}

// newProfileFields returns the partial's view of f.
func newProfileFields(f Form) ProfileFields {
	return ProfileFields{Form: f, Categories: keyedChoices(person.TalentCategories, talentCategoryKeys),
		Availabilities: keyedChoices(availabilities, availabilityKeys), Forms: keyedChecks(f, "forms", talent.Forms, talentFormKeys)}
}

// profileFormOf fills the profile form with t; nil gives an empty form.
func profileFormOf(t *person.Talent) Form {
	f := formOf(map[string][]string{})
	if t == nil {
		return f
	}
	f.Values.Set("category", string(t.Category))
	f.Values.Set("titles", strings.Join(t.Titles, "\n"))
	skills := make([]string, len(t.Skills))
	for i, s := range t.Skills {
		skills[i] = s.Name + " " + strconv.Itoa(s.Level)
	}
	f.Values.Set("skills", strings.Join(skills, "\n"))
	f.Values.Set("specialties", t.Specialties)
	f.Values.Set("availability", string(t.Availability))
	for _, fm := range t.Forms {
		f.Values.Add("forms", string(fm))
	}
	f.Values.Set("region", t.Region)
	return f
}

// readProfileForm reads the posted profile form of r into a talent facet.
// The Form keeps what was typed. It reports false when a field cannot be
// read at all (a skill line without its level, a body that is not a form);
// the Form then carries the problem beside its field. Whether the facet is
// valid (a category chosen, levels 1 to 5, a known region) is
// SaveProfile's to say: give its error to absorbProfileError.
func readProfileForm(r *http.Request) (person.Talent, Form, bool) {
	if err := r.ParseForm(); err != nil {
		return person.Talent{}, Form{Values: r.PostForm, Error: &Message{Key: "error.malformed"}}, false
	}
	f := Form{Values: r.PostForm}
	t := person.Talent{Category: person.TalentCategory(f.Get("category")), Titles: nonEmptyLines(f.Get("titles")),
		Specialties: f.Get("specialties"), Availability: person.Availability(f.Get("availability")), Region: f.Get("region")}
	for _, v := range f.Values["forms"] {
		t.Forms = append(t.Forms, person.FlowForm(v))
	}
	for i, line := range strings.Split(f.Get("skills"), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		s, ok := parseSkill(line)
		if !ok {
			f.Add("skills", "talent.profile.skill_line", i+1)
			continue
		}
		t.Skills = append(t.Skills, s)
	}
	return t, f, f.OK()
}

// parseSkill reads "名称 级别": the last word is the level, the words
// before it the name.
func parseSkill(line string) (person.Skill, bool) {
	words := strings.Fields(line)
	if len(words) < 2 {
		return person.Skill{}, false
	}
	level, err := strconv.Atoi(words[len(words)-1])
	if err != nil {
		return person.Skill{}, false
	}
	return person.Skill{Name: strings.Join(words[:len(words)-1], " "), Level: level}, true
}

// nonEmptyLines splits a text into its non-empty trimmed lines.
func nonEmptyLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// absorbProfileError takes the problems SaveProfile reports into f, each
// beside the form field it concerns: the facet's "skills.2.level" (or
// "talent.skills.2.level") is the skills field, "forms.0" the forms. A
// version conflict becomes the form's message. It reports false for errors
// a form cannot show, which the caller returns instead.
func absorbProfileError(f *Form, err error) bool {
	return absorbRenamed(f, err, func(name string) string {
		field, _, _ := strings.Cut(strings.TrimPrefix(name, "talent."), ".")
		if slices.Contains(profileFieldNames, field) {
			return field
		}
		return name
	})
}

// absorbRenamed is Form.Absorb with the domain's field names turned into
// the form's by rename, so that a problem of one item of a list shows
// beside the field that holds the list.
func absorbRenamed(f *Form, err error, rename func(string) string) bool {
	var domain Form
	if !domain.Absorb(err) {
		return false
	}
	if domain.Error != nil {
		f.Error = domain.Error
	}
	names := make([]string, 0, len(domain.Errors))
	for name := range domain.Errors {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		fe := domain.Errors[name]
		f.Add(rename(name), fe.Key, fe.Args...)
	}
	return true
}
