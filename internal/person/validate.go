package person

import (
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"zugong/internal/civil"
	"zugong/internal/codes"
	"zugong/internal/fault"
)

// Limits of the entry rules.
const (
	NameMinLen         = 2
	NameMaxLen         = 20
	MaxProbationMonths = 24
	MinSkillLevel      = 1
	MaxSkillLevel      = 5
	// Introducers is how many 入党介绍人 the probationary stage names.
	Introducers = 2
	// FirstAssessmentYear is the earliest year an annual assessment (A15)
	// can be recorded for.
	FirstAssessmentYear = 1950
)

// earliestBirth is the earliest birth date accepted: GB 11643 numbers start
// in 1900 too.
var earliestBirth = civil.Date{Year: 1900, Month: 1, Day: 1}

// Validate checks a dossier as a whole, as entry and import do before
// saving, and returns a fault.Fields error naming each field that is wrong
// (name, birth_date, party.join_date, cadre.posts.0.title, family.1.name …),
// or nil. today bounds the dates of past events. It checks what a record
// must satisfy to be stored at all; what is merely suspicious (joined the
// party at 17, a gap in the resume) is the data-quality audit's business.
func Validate(d *Dossier, today civil.Date) error {
	v := &validator{today: today}
	v.person(&d.Person)
	if d.Party != nil {
		v.party(d.Party, d.Person.BirthDate)
	}
	if d.Cadre != nil {
		v.cadre(d.Cadre)
	}
	if d.Talent != nil {
		v.talent(d.Talent)
	}
	return v.f.Err()
}

type validator struct {
	f     fault.Fields
	today civil.Date
}

func (v *validator) add(field, key string, args ...any) { v.f.Add(field, key, args...) }

func (v *validator) required(field, value string) bool {
	if strings.TrimSpace(value) == "" {
		v.add(field, "field.required")
		return false
	}
	return true
}

// code checks an optional code of a table.
func (v *validator) code(field, table, value string) {
	if value != "" && !codes.MustGet(table).Valid(value) {
		v.add(field, "field.invalid_choice")
	}
}

// past checks a date of a past event: not in the future and, when birth is
// known, after it.
func (v *validator) past(field string, d, birth civil.Date) {
	switch {
	case d.IsZero():
	case d.After(v.today):
		v.add(field, "field.person.date.future")
	case !birth.IsZero() && !d.After(birth):
		v.add(field, "field.person.date.before_birth")
	}
}

func (v *validator) person(p *Person) {
	v.name(p.Name)
	if v.required("gender", p.Gender) {
		v.code("gender", codes.Gender, p.Gender)
	}
	switch b := p.BirthDate; {
	case b.IsZero():
		v.add("birth_date", "field.required")
	case b.After(v.today):
		v.add("birth_date", "field.person.date.future")
	case b.Before(earliestBirth):
		v.add("birth_date", "field.person.birth_date.too_early", earliestBirth.Year)
	}
	v.idNumber(p)
	v.code("ethnicity", codes.Ethnicity, p.Ethnicity)
	v.code("health", codes.Health, p.Health)
	v.code("political_status", codes.PoliticalStatus, p.PoliticalStatus)
	v.place("native_place.code", p.NativePlace.Code)
	v.place("birthplace.code", p.Birthplace.Code)
	v.past("party_join_date", p.PartyJoinDate, p.BirthDate)
	v.past("work_start_date", p.WorkStartDate, p.BirthDate)
	v.education("full_time", p.FullTime)
	v.education("in_service", p.InService)
	if p.Phone != "" && !ValidPhone(p.Phone) {
		v.add("phone", "field.person.phone")
	}
}

// name checks a person's name: 2 to 20 letters, with the middle dot of
// transliterated names (买买提·艾力) between letters and single spaces only
// between Latin letters.
func (v *validator) name(name string) {
	if !v.required("name", name) {
		return
	}
	if n := utf8.RuneCountInString(name); n < NameMinLen || n > NameMaxLen {
		v.add("name", "field.person.name.length", NameMinLen, NameMaxLen)
		return
	}
	rs := []rune(name)
	for i, r := range rs {
		if unicode.IsLetter(r) {
			continue
		}
		var ok bool
		if i > 0 && i < len(rs)-1 {
			before, after := rs[i-1], rs[i+1]
			switch r {
			case '·':
				ok = unicode.IsLetter(before) && unicode.IsLetter(after)
			case ' ':
				ok = latinLetter(before) && latinLetter(after)
			}
		}
		if !ok {
			v.add("name", "field.person.name.chars")
			return
		}
	}
}

func latinLetter(r rune) bool { return unicode.IsLetter(r) && unicode.Is(unicode.Latin, r) }

// idNumber checks the ID number and that its birth date and gender agree
// with the record. A disagreement is reported on the record's field, naming
// what the number says, since either may be the one mistyped.
func (v *validator) idNumber(p *Person) {
	if p.IDNumber == "" {
		return
	}
	id, err := ParseIDNumber(p.IDNumber)
	if err != nil {
		v.add("id_number", idNumberKey(err))
		return
	}
	if !p.BirthDate.IsZero() && id.BirthDate != p.BirthDate {
		v.add("birth_date", "field.person.birth_date.id_mismatch", id.BirthDate.String())
	}
	if (p.Gender == "1" || p.Gender == "2") && id.Gender != p.Gender {
		v.add("gender", "field.person.gender.id_mismatch")
	}
}

func idNumberKey(err error) string {
	switch {
	case errors.Is(err, ErrIDLength):
		return "field.person.id_number.length"
	case errors.Is(err, ErrIDChars):
		return "field.person.id_number.chars"
	case errors.Is(err, ErrIDBirth):
		return "field.person.id_number.birth"
	}
	return "field.person.id_number.check"
}

func (v *validator) place(field, code string) {
	if code != "" && !codes.ValidPlace(code) {
		v.add(field, "field.person.place")
	}
}

func (v *validator) education(prefix string, e Education) {
	v.code(prefix+".level", codes.EducationLevel, e.Level)
	v.code(prefix+".degree", codes.Degree, e.Degree)
}

var (
	mobileRE = regexp.MustCompile(`^1[3-9][0-9]{9}$`)
	// fixedRE: an optional area code (010, 0396), a 7- or 8-digit number
	// not starting with 0 or 1, and an optional extension.
	fixedRE = regexp.MustCompile(`^(0[1-9][0-9]{1,2}-?)?[2-9][0-9]{6,7}(-[0-9]{1,6})?$`)
)

// ValidPhone reports whether s is an 11-digit mainland mobile number or a
// fixed-line number, with or without its area code and extension
// ("0396-8012345", "010-62345678-801").
func ValidPhone(s string) bool { return mobileRE.MatchString(s) || fixedRE.MatchString(s) }

func (v *validator) party(m *PartyMember, birth civil.Date) {
	if v.required("party.category", string(m.Category)) && m.Category != FullMember && m.Category != ProbationaryMember {
		v.add("party.category", "field.invalid_choice")
	}
	if m.JoinDate.IsZero() {
		v.add("party.join_date", "field.required")
	}
	v.past("party.join_date", m.JoinDate, birth)
	v.past("party.full_date", m.FullDate, birth)
	switch {
	case m.FullDate.IsZero():
	case m.Category == ProbationaryMember:
		v.add("party.full_date", "field.person.party.probationary_full_date")
	case !m.JoinDate.IsZero() && m.FullDate.Before(m.JoinDate):
		v.add("party.full_date", "field.person.party.full_before_join")
	}
	switch m.Standing {
	case "", StandingNormal, StandingReserved, StandingRestored, StandingSuspended, StandingExpelled:
	default:
		v.add("party.standing", "field.invalid_choice")
	}
	if lc := m.LostContact; lc != nil {
		if v.required("party.lost_contact.reason", string(lc.Reason)) && !validLostReason(lc.Reason) {
			v.add("party.lost_contact.reason", "field.invalid_choice")
		}
		switch {
		case lc.Since.IsZero():
			v.add("party.lost_contact.since", "field.required")
		case lc.Since.After(v.today):
			v.add("party.lost_contact.since", "field.person.date.future")
		case civil.Of(lc.Since.Time().AddDate(0, LostContactMinMonths, 0)).After(v.today):
			v.add("party.lost_contact.since", "field.person.party.lost_contact_recent", LostContactMinMonths)
		}
	}
	if m.Floating != nil {
		v.required("party.floating.destination", m.Floating.Destination)
		v.past("party.floating.since", m.Floating.Since, birth)
	}
	v.pipeline(m.Pipeline, birth)
	for i, t := range m.Transfers {
		field := "party.transfers." + strconv.Itoa(i) + ".date"
		if t.Date.IsZero() {
			v.add(field, "field.required")
		}
		v.past(field, t.Date, birth)
	}
}

func validLostReason(r LostContactReason) bool {
	switch r {
	case LostMigrantWork, LostUnitRestructed, LostGraduate, LostChangedJob, LostAbroad, LostMoved, LostOther:
		return true
	}
	return false
}

// pipeline checks the development steps: each stage once, in the order of
// PipelineStages, with dates that never go back, and the probationary stage
// naming its two introducers.
func (v *validator) pipeline(steps []PipelineStep, birth civil.Date) {
	last := -1
	var lastDate civil.Date
	for i, s := range steps {
		prefix := "party.pipeline." + strconv.Itoa(i) + "."
		stage := slices.Index(PipelineStages, s.Stage)
		switch {
		case stage < 0:
			v.add(prefix+"stage", "field.invalid_choice")
		case stage <= last:
			v.add(prefix+"stage", "field.person.party.pipeline_order")
		default:
			last = stage
		}
		switch {
		case s.Date.IsZero():
			v.add(prefix+"date", "field.required")
		case !lastDate.IsZero() && s.Date.Before(lastDate):
			v.add(prefix+"date", "field.person.party.pipeline_date_order")
		default:
			v.past(prefix+"date", s.Date, birth)
			lastDate = s.Date
		}
		if s.Stage == StageProbationary {
			named := 0
			for _, n := range s.Introducers {
				if strings.TrimSpace(n) != "" {
					named++
				}
			}
			if named != Introducers || len(s.Introducers) != Introducers {
				v.add(prefix+"introducers", "field.person.party.introducers", Introducers)
			}
		}
	}
}

func (v *validator) cadre(c *Cadre) {
	switch c.Management {
	case "", ManagedCentral, ManagedProvincial, ManagedCity, ManagedCounty, ManagedOther:
	default:
		v.add("cadre.management", "field.invalid_choice")
	}
	for i, p := range c.Posts {
		prefix := "cadre.posts." + strconv.Itoa(i) + "."
		v.required(prefix+"title", p.Title)
		switch {
		case p.ProbationMonths < 0 || p.ProbationMonths > MaxProbationMonths:
			v.add(prefix+"probation_months", "field.person.post.probation_months", 0, MaxProbationMonths)
		case p.ProbationMonths > 0 && p.Appointed.Date.IsZero():
			v.add(prefix+"appointed.date", "field.person.post.probation_without_date")
		}
		if !p.Removed.Date.IsZero() && !p.Appointed.Date.IsZero() && p.Removed.Date.Before(p.Appointed.Date) {
			v.add(prefix+"removed.date", "field.person.post.removed_before_appointed")
		}
		if c := p.ProbationConfirmed; !c.IsZero() && (p.ProbationMonths == 0 || c.Before(p.Appointed.Date)) {
			v.add(prefix+"probation_confirmed", "field.person.post.confirmed_without_probation")
		}
	}
	for i, r := range c.Resume {
		prefix := "cadre.resume." + strconv.Itoa(i) + "."
		if r.From.IsZero() {
			v.add(prefix+"from", "field.required")
		} else if !r.To.IsZero() && r.To.Before(r.From) {
			v.add(prefix+"to", "field.person.resume.to_before_from")
		}
		v.required(prefix+"text", r.Text)
	}
	for i, r := range c.Rewards {
		prefix := "cadre.rewards." + strconv.Itoa(i) + "."
		if r.Kind != "reward" && r.Kind != "punishment" {
			v.add(prefix+"kind", "field.invalid_choice")
		}
		v.required(prefix+"name", r.Name)
	}
	years := map[int]bool{}
	for i, a := range c.Assessments {
		prefix := "cadre.assessments." + strconv.Itoa(i) + "."
		switch {
		case a.Year < FirstAssessmentYear || a.Year > v.today.Year:
			v.add(prefix+"year", "field.person.assessment.year", FirstAssessmentYear, v.today.Year)
		case years[a.Year]:
			v.add(prefix+"year", "field.person.assessment.duplicate_year", a.Year)
		}
		years[a.Year] = true
		switch a.Grade {
		case GradeExcellent, GradeCompetent, GradeBasic, GradeIncompetent, GradeNone:
		default:
			v.add(prefix+"grade", "field.invalid_choice")
		}
	}
	for i, r := range c.Family {
		prefix := "family." + strconv.Itoa(i) + "."
		v.required(prefix+"relation", r.Relation)
		v.required(prefix+"name", r.Name)
		if r.BirthDate.After(v.today) {
			v.add(prefix+"birth_date", "field.person.date.future")
		}
	}
}

func (v *validator) talent(t *Talent) {
	if v.required("talent.category", string(t.Category)) && !slices.Contains(TalentCategories, t.Category) {
		v.add("talent.category", "field.invalid_choice")
	}
	switch t.Availability {
	case "", Available, PartTime, Unavailable:
	default:
		v.add("talent.availability", "field.invalid_choice")
	}
	for i, f := range t.Forms {
		if !slices.Contains(FlowForms, f) || slices.Index(t.Forms, f) < i {
			v.add("talent.forms."+strconv.Itoa(i), "field.invalid_choice")
		}
	}
	if t.Region != "" && !codes.ValidPlace(t.Region) {
		v.add("talent.region", "field.person.place")
	}
	for i, s := range t.Skills {
		prefix := "talent.skills." + strconv.Itoa(i) + "."
		v.required(prefix+"name", s.Name)
		if s.Level < MinSkillLevel || s.Level > MaxSkillLevel {
			v.add(prefix+"level", "field.person.skill_level", MinSkillLevel, MaxSkillLevel)
		}
	}
}
