package sheet

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"zugong/internal/person"
)

// Text limits of the master record's cells, in characters.
const (
	maxName    = 50
	maxPlace   = 100
	maxSchool  = 200
	maxTitle   = 100
	maxLong    = 1000
	maxPhone   = 40
	maxAddress = 200
	maxOrg     = 500
)

// peopleLayout is the People kind: one row per person.
//
// 所属组织 holds whatever the caller's resolver accepts, an organisation ID or
// the path of its names; Export writes what the caller's namer gives. 人员类别
// lists the facets the person carries (党员、干部、人才): 党员 gives the
// party-member facet with the join date of 入党时间 and the category that
// 政治面貌 implies; 干部 the cadre facet, holding 现任职务 and, with 职级, a
// current post; 人才 the talent facet of category 人才类别, with its skills
// (人才技能, "水产养殖4、电商3": each skill's name and level 1–5), the forms
// of taking part it accepts (流动方式) and its region (所在地区, a GB/T 2260
// code). The detailed facet data (posts, resume, family, pipeline) comes
// from LRMX files and the party-member kind, not from this sheet.
var peopleLayout = newLayout(People, "sheet.sheet.people", []column{
	{key: "name", typ: textCell, required: true, max: maxName, width: 10},
	{key: "gender", typ: codeCell, table: tableGender, width: 6},
	{key: "birth_date", typ: dateCell, width: 12},
	{key: "ethnicity", typ: codeCell, table: tableEthnicity, width: 10},
	{key: "native_place", typ: textCell, max: maxPlace, width: 14},
	{key: "birthplace", typ: textCell, max: maxPlace, width: 14},
	{key: "id_number", typ: idCell, required: true, width: 21, aliases: idAliases},
	{key: "health", typ: codeCell, table: tableHealth, width: 10},
	{key: "political_status", typ: codeCell, table: tablePolitical, width: 14},
	{key: "party_join_date", typ: dateCell, width: 12},
	{key: "work_start_date", typ: dateCell, width: 12},
	{key: "ft_level", typ: codeCell, table: tableEducation, width: 12},
	{key: "ft_degree", typ: codeCell, table: tableDegree, width: 12},
	{key: "ft_school", typ: textCell, max: maxSchool, width: 28},
	{key: "is_level", typ: codeCell, table: tableEducation, width: 12},
	{key: "is_degree", typ: codeCell, table: tableDegree, width: 12},
	{key: "is_school", typ: textCell, max: maxSchool, width: 28},
	{key: "professional_title", typ: textCell, max: maxTitle, width: 16},
	{key: "specialties", typ: textCell, max: maxLong, width: 20},
	{key: "phone", typ: phoneCell, max: maxPhone, width: 14},
	{key: "address", typ: textCell, max: maxAddress, width: 24},
	{key: "org", typ: orgCell, max: maxOrg, width: 24},
	{key: "current_post", typ: textCell, max: maxTitle, width: 24},
	{key: "rank", typ: textCell, max: maxTitle, width: 14},
	{key: "facets", typ: listCell, enum: facetSet, width: 16},
	{key: "talent_category", typ: enumCell, enum: talentSet, width: 18},
	{key: "talent_skills", typ: textCell, max: maxLong, width: 24},
	{key: "talent_forms", typ: listCell, enum: flowFormSet, width: 16},
	{key: "talent_region", typ: textCell, max: 6, width: 10},
})

// idAliases are the headers other systems give the ID-number column.
var idAliases = []string{"身份证号", "身份证号码", "公民身份证号码", "身份证"}

func init() {
	peopleLayout.build = buildPerson
	peopleLayout.flatten = flattenPerson
	peopleLayout.fields = personFields
}

// personFields maps the field names of person.Validate to the People
// columns where they differ; a field named like a column (name, gender,
// phone …) or under one (native_place.code) needs no entry.
var personFields = map[string]string{
	"full_time.level":   "ft_level",
	"full_time.degree":  "ft_degree",
	"in_service.level":  "is_level",
	"in_service.degree": "is_degree",
	"org_id":            "org",
	"party.category":    "political_status",
	"party.join_date":   "party_join_date",
	"party.standing":    "facets",
	"cadre":             "current_post",
	"talent.category":   "talent_category",
	"talent.skills":     "talent_skills",
	"talent.forms":      "talent_forms",
	"talent.region":     "talent_region",
}

// masterRecord reads the master-record columns a kind shares. A gender or
// birth date left empty is read from a valid ID number, which encodes both;
// one given is kept, and person.Validate reports it if the number disagrees.
func masterRecord(r record) person.Person {
	p := person.Person{
		Name:          r.s("name"),
		Gender:        r.s("gender"),
		BirthDate:     r.d("birth_date"),
		Ethnicity:     r.s("ethnicity"),
		IDNumber:      r.s("id_number"),
		Phone:         r.s("phone"),
		Address:       r.s("address"),
		PartyJoinDate: r.d("party_join_date"),
	}
	if id, err := person.ParseIDNumber(p.IDNumber); err == nil {
		if p.Gender == "" {
			p.Gender = id.Gender
		}
		if p.BirthDate.IsZero() {
			p.BirthDate = id.BirthDate
		}
	}
	return p
}

func buildPerson(r record, fail func(col, key string, args ...any)) person.Dossier {
	p := masterRecord(r)
	p.NativePlace = readPlace(r.s("native_place"))
	p.Birthplace = readPlace(r.s("birthplace"))
	p.Health = r.s("health")
	p.PoliticalStatus = r.s("political_status")
	p.WorkStartDate = r.d("work_start_date")
	p.FullTime = person.Education{Level: r.s("ft_level"), Degree: r.s("ft_degree")}
	p.FullTime.School, p.FullTime.Major = splitSchool(r.s("ft_school"))
	p.InService = person.Education{Level: r.s("is_level"), Degree: r.s("is_degree")}
	p.InService.School, p.InService.Major = splitSchool(r.s("is_school"))
	p.ProfessionalTitle = r.s("professional_title")
	p.Specialties = r.s("specialties")
	p.OrgID = r.s("org")
	d := person.Dossier{Person: p}

	if !r.read("facets") {
		return d // which facets, and so which cells belong, is unknown
	}
	facets := r.get("facets").list
	has := func(f person.Facet) bool { return slices.Contains(facets, string(f)) }
	if has(person.FacetPartyMember) {
		m := &person.PartyMember{JoinDate: p.PartyJoinDate, Standing: person.StandingNormal}
		switch p.PoliticalStatus {
		case politicalMember:
			m.Category = person.FullMember
		case politicalProbationary:
			m.Category = person.ProbationaryMember
		default:
			if r.read("political_status") {
				fail("political_status", "sheet.people.member_status")
			}
		}
		d.Party = m
	}
	post, rank := r.s("current_post"), r.s("rank")
	if has(person.FacetCadre) {
		c := &person.Cadre{CurrentPostText: post}
		if rank != "" {
			c.Posts = []person.Post{{UnitID: p.OrgID, Title: post, Rank: rank, Current: true}}
		}
		d.Cadre = c
	} else {
		if post != "" {
			fail("current_post", "sheet.people.cadre_only")
		}
		if rank != "" {
			fail("rank", "sheet.people.cadre_only")
		}
	}
	category := r.s("talent_category")
	switch {
	case !r.read("talent_category"):
	case has(person.FacetTalent) && category == "":
		fail("talent_category", "sheet.people.talent_category")
	case has(person.FacetTalent):
		d.Talent = &person.Talent{Category: person.TalentCategory(category)}
	case category != "":
		fail("talent_category", "sheet.people.talent_only")
	}
	talentDetails(r, d.Talent, has(person.FacetTalent), fail)
	return d
}

// talentDetails reads a talent's skills, forms and region into t (nil while
// the category is missing, when the cells are still checked); for someone
// who is not a talent, filled cells are problems.
func talentDetails(r record, t *person.Talent, talent bool, fail func(col, key string, args ...any)) {
	if !talent {
		for _, col := range []string{"talent_skills", "talent_forms", "talent_region"} {
			if r.read(col) && (r.s(col) != "" || len(r.get(col).list) > 0) {
				fail(col, "sheet.people.talent_only")
			}
		}
		return
	}
	skills, ok := parseSkills(r.s("talent_skills"))
	if !ok {
		fail("talent_skills", "sheet.people.talent_skills")
	}
	if t == nil {
		return
	}
	t.Skills, t.Region = skills, r.s("talent_region")
	for _, f := range r.get("talent_forms").list {
		t.Forms = append(t.Forms, person.FlowForm(f))
	}
}

// skillItem is one skill as the sheet writes it: a name, then its level.
var skillItem = regexp.MustCompile(`^(.*?)[:：]?\s*([1-5])\s*级?$`)

// parseSkills reads "水产养殖4、电商3" (a level may follow a colon, and may
// end in 级). It reports false when an item has no level from 1 to 5.
func parseSkills(s string) ([]person.Skill, bool) {
	var out []person.Skill
	for _, item := range splitList(s) {
		m := skillItem.FindStringSubmatch(item)
		if m == nil || strings.TrimSpace(m[1]) == "" {
			return nil, false
		}
		out = append(out, person.Skill{Name: strings.TrimSpace(m[1]), Level: int(m[2][0] - '0')})
	}
	return out, true
}

// skillsText writes skills as parseSkills reads them.
func skillsText(skills []person.Skill) string {
	items := make([]string, len(skills))
	for i, k := range skills {
		items[i] = k.Name + strconv.Itoa(k.Level)
	}
	return strings.Join(items, "、")
}

func flattenPerson(d *person.Dossier, r record) {
	p := &d.Person
	flattenMaster(p, r)
	r.setS("native_place", placeText(p.NativePlace))
	r.setS("birthplace", placeText(p.Birthplace))
	r.setS("health", p.Health)
	r.setS("political_status", p.PoliticalStatus)
	r.setD("work_start_date", p.WorkStartDate)
	r.setS("ft_level", p.FullTime.Level)
	r.setS("ft_degree", p.FullTime.Degree)
	r.setS("ft_school", schoolText(p.FullTime))
	r.setS("is_level", p.InService.Level)
	r.setS("is_degree", p.InService.Degree)
	r.setS("is_school", schoolText(p.InService))
	r.setS("professional_title", p.ProfessionalTitle)
	r.setS("specialties", p.Specialties)
	r.setS("org", p.OrgID)
	var facets []string
	if d.Party != nil {
		facets = append(facets, string(person.FacetPartyMember))
	}
	if d.Cadre != nil {
		facets = append(facets, string(person.FacetCadre))
		r.setS("current_post", d.Cadre.CurrentPostText)
		for _, post := range d.Cadre.Posts {
			if post.Current {
				r.setS("rank", post.Rank)
				break
			}
		}
	}
	if d.Talent != nil {
		facets = append(facets, string(person.FacetTalent))
		r.setS("talent_category", string(d.Talent.Category))
		r.setS("talent_skills", skillsText(d.Talent.Skills))
		forms := make([]string, len(d.Talent.Forms))
		for i, f := range d.Talent.Forms {
			forms[i] = string(f)
		}
		r.set("talent_forms", value{list: forms})
		r.setS("talent_region", d.Talent.Region)
	}
	r.set("facets", value{list: facets})
}

// flattenMaster writes the master-record columns a kind shares.
func flattenMaster(p *person.Person, r record) {
	r.setS("name", p.Name)
	r.setS("gender", p.Gender)
	r.setD("birth_date", p.BirthDate)
	r.setS("ethnicity", p.Ethnicity)
	r.setS("id_number", p.IDNumber)
	r.setS("phone", p.Phone)
	r.setS("address", p.Address)
	r.setD("party_join_date", p.PartyJoinDate)
}

// readPlace reads a place: six digits are a GB/T 2260 code, anything else
// the words of the form ("河南正阳").
func readPlace(s string) person.Place {
	if len(s) == 6 && strings.Trim(s, "0123456789") == "" {
		return person.Place{Code: s}
	}
	return person.Place{Text: s}
}

// placeText is a place as the sheet writes it: the words of the form, else
// the GB/T 2260 code.
func placeText(p person.Place) string {
	if p.Text != "" {
		return p.Text
	}
	return p.Code
}

// schoolText is the 毕业院校系及专业 of the form: the school, then the major
// after a space when the record keeps it apart, so that splitSchool reads
// the two back.
func schoolText(e person.Education) string {
	if e.Major == "" {
		return e.School
	}
	return e.School + " " + e.Major
}

// splitSchool reads 毕业院校系及专业: the school, and the major after the
// last space when there is one ("郑州大学 汉语言文学").
func splitSchool(text string) (school, major string) {
	if i := strings.LastIndex(text, " "); i > 0 {
		return strings.TrimSpace(text[:i]), strings.TrimSpace(text[i+1:])
	}
	return text, ""
}
