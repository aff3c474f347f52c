package match

import (
	"slices"
	"strings"

	"zugong/internal/person"
	"zugong/internal/talent"
)

// Talent is what matching knows of a talent.
type Talent struct {
	// ID is the talent's person ID.
	ID           string
	Category     person.TalentCategory
	Availability person.Availability
	// Forms are the forms of taking part the talent accepts.
	Forms []talent.Form
	// Region is the GB/T 2260 code of where the talent lives or works.
	Region string
	Skills []person.Skill
}

// Query is what a project seeks. The empty filters let everyone through.
type Query struct {
	Skills     []talent.Requirement
	Categories []person.TalentCategory
	// Forms keeps talents who accept at least one of them.
	Forms []talent.Form
	// Region keeps talents whose region code starts with it: 411724 for
	// one county, 4117 for a city.
	Region       string
	Availability []person.Availability
}

// ForProject returns the query for a project: its skills, categories and
// forms, talents in its region, and only those who can take work now.
func ForProject(p *talent.Project) Query {
	return Query{
		Skills:       p.Skills,
		Categories:   p.Categories,
		Forms:        p.Forms,
		Region:       RegionPrefix(p.Region),
		Availability: []person.Availability{person.Available, person.PartTime},
	}
}

// RegionPrefix returns the part of a GB/T 2260 code that the places under
// it share: 4117 for the city 411700, 41 for the province 410000.
func RegionPrefix(code string) string {
	for len(code) > 2 && strings.HasSuffix(code, "00") {
		code = code[:len(code)-2]
	}
	return code
}

// Admits reports whether talent t passes the query's filters.
func Admits(q *Query, t *Talent) bool {
	return (len(q.Categories) == 0 || slices.Contains(q.Categories, t.Category)) &&
		(len(q.Availability) == 0 || slices.Contains(q.Availability, t.Availability)) &&
		(len(q.Forms) == 0 || slices.ContainsFunc(q.Forms, func(f talent.Form) bool { return slices.Contains(t.Forms, f) })) &&
		(q.Region == "" || (validPrefix(q.Region) && isRegion(t.Region) && strings.HasPrefix(t.Region, q.Region)))
}

// isRegion reports whether s is a region code: six digits.
func isRegion(s string) bool { return len(s) == 6 && validPrefix(s) }

// validPrefix reports whether s can begin a region code: one to six digits,
// the first not 0.
func validPrefix(s string) bool {
	if len(s) == 0 || len(s) > 6 || s[0] == '0' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
