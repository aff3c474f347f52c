// Package matchtest generates talents and projects for testing and
// benchmarking matching: deterministic for a seed, with realistic Chinese
// skill names, and with talents planted to meet each project so that a
// test knows which talents are relevant.
package matchtest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"zugong/internal/civil"
	"zugong/internal/codes"
	"zugong/internal/match"
	"zugong/internal/person"
	"zugong/internal/talent"
)

// Spec says what to generate.
type Spec struct {
	// Talents is the number of talents made at random.
	Talents int
	// Projects is the number of projects.
	Projects int
	// Planted is the most talents made to meet each project; each project
	// gets between half of it and all of it.
	Planted int
	// Regions are the county-level GB/T 2260 codes talents live in.
	Regions []string
	Seed    uint64
}

// Set is what Generate makes.
type Set struct {
	Talents  []match.Talent
	Projects []talent.Project
	// Relevant lists, per project ID, the IDs of the talents that meet it
	// (see Meets), once Label has run.
	Relevant map[string][]string
}

// categoryShares are the shares of the categories among talents, in
// percent, after a county's talent census.
var categoryShares = []struct {
	c     person.TalentCategory
	share int
}{
	{person.TalentRural, 45}, {person.TalentSkilled, 15}, {person.TalentProfessional, 18},
	{person.TalentManagement, 12}, {person.TalentSocialWork, 6}, {person.TalentParty, 4},
}

type gen struct {
	rng     *rand.Rand
	regions []string
	all     []string // every skill name
}

// Generate makes a set; the same spec gives the same set. Projects carry
// no relevance labels until Label runs.
func Generate(s Spec) Set {
	g := &gen{rng: rand.New(rand.NewPCG(s.Seed, s.Seed^0x5eed)), regions: s.Regions}
	for _, c := range person.TalentCategories {
		for _, n := range Skills[c] {
			if !slices.Contains(g.all, n) {
				g.all = append(g.all, n)
			}
		}
	}
	var set Set
	for range s.Talents {
		set.Talents = append(set.Talents, g.talent())
	}
	for i := range s.Projects {
		p := g.project(i)
		set.Projects = append(set.Projects, p)
		if s.Planted > 0 {
			for range s.Planted/2 + g.rng.IntN(s.Planted/2+1) {
				set.Talents = append(set.Talents, g.meeting(&p))
			}
		}
	}
	// Numbering after a shuffle keeps planted talents from standing out
	// by their IDs, which break ties.
	g.rng.Shuffle(len(set.Talents), func(i, j int) { set.Talents[i], set.Talents[j] = set.Talents[j], set.Talents[i] })
	for i := range set.Talents {
		set.Talents[i].ID = fmt.Sprintf("T%07d", i+1)
	}
	return set
}

func (g *gen) category() person.TalentCategory {
	n := g.rng.IntN(100)
	for _, cs := range categoryShares {
		if n < cs.share {
			return cs.c
		}
		n -= cs.share
	}
	return person.TalentRural
}

func (g *gen) level() int {
	return pickWeighted(g.rng, []int{1, 2, 3, 4, 5}, []int{10, 25, 30, 25, 10})
}

func (g *gen) talent() match.Talent {
	c := g.category()
	pool := Skills[c]
	n := min(pickWeighted(g.rng, []int{1, 2, 3, 4}, []int{35, 35, 20, 10}), len(pool))
	t := match.Talent{Category: c, Region: g.regions[g.rng.IntN(len(g.regions))]}
	for _, i := range g.rng.Perm(len(pool))[:n] {
		t.Skills = append(t.Skills, person.Skill{Name: pool[i], Level: g.level()})
	}
	if g.rng.IntN(100) < 15 { // a skill from outside the category: a farmer who sells online
		t.Skills = append(t.Skills, person.Skill{Name: g.all[g.rng.IntN(len(g.all))], Level: g.level()})
	}
	t.Availability = pickWeighted(g.rng, []person.Availability{person.Available, person.PartTime, person.Unavailable}, []int{45, 35, 20})
	t.Forms = g.forms([]int{70, 10, 25, 30})
	return t
}

// forms picks each form with its chance in percent, and at least one.
func (g *gen) forms(chances []int) []talent.Form {
	var out []talent.Form
	for i, f := range talent.Forms {
		if g.rng.IntN(100) < chances[i] {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		out = []talent.Form{talent.Forms[g.rng.IntN(len(talent.Forms))]}
	}
	return out
}

func (g *gen) project(i int) talent.Project {
	theme := g.category()
	pool := Skills[theme]
	var reqs []talent.Requirement
	for range pickWeighted(g.rng, []int{1, 2, 3}, []int{30, 45, 25}) {
		name := pool[g.rng.IntN(len(pool))]
		if g.rng.IntN(2) == 0 {
			if terms := termsIn(name); len(terms) > 0 {
				name = terms[g.rng.IntN(len(terms))]
			}
		}
		if slices.ContainsFunc(reqs, func(r talent.Requirement) bool { return r.Skill == name }) {
			continue
		}
		reqs = append(reqs, talent.Requirement{Skill: name, MinLevel: 2 + g.rng.IntN(3), Weight: 1 + g.rng.IntN(3)})
	}
	county := g.regions[g.rng.IntN(len(g.regions))]
	region := pickWeighted(g.rng, []string{county, county[:4] + "00", county[:2] + "0000"}, []int{60, 30, 10})
	var cats []person.TalentCategory
	switch n := g.rng.IntN(100); {
	case n < 50:
		cats = []person.TalentCategory{theme}
	case n < 65:
		cats = []person.TalentCategory{theme, g.category()}
		cats = slices.Compact(cats)
	}
	start := civil.MustParse("2026-06-01").AddDays(g.rng.IntN(180))
	return talent.Project{
		ID:          fmt.Sprintf("P%05d", i+1),
		OrgID:       "org-" + region,
		Owner:       talent.Owner{Kind: talent.OwnerOrganisation, ID: "org-" + region, Name: codes.PlaceName(region) + "人民政府"},
		Title:       reqs[0].Skill + "人才招募",
		Description: "招募" + reqs[0].Skill + "方面的人才，带动产业发展。",
		Skills:      reqs,
		Categories:  cats,
		Forms:       g.forms([]int{70, 25, 35, 40}),
		Region:      region,
		Start:       start,
		End:         start.AddDays(180 + g.rng.IntN(540)),
		Openings:    1 + g.rng.IntN(5),
		Deadline:    start.AddDays(-10),
		Visibility:  talent.Public,
	}
}

// meeting makes a talent who meets every requirement of p and passes its
// filters, at a level above the least asked where there is one.
func (g *gen) meeting(p *talent.Project) match.Talent {
	t := match.Talent{Category: g.category(), Availability: person.Available}
	if len(p.Categories) > 0 {
		t.Category = p.Categories[g.rng.IntN(len(p.Categories))]
	}
	if g.rng.IntN(3) == 0 {
		t.Availability = person.PartTime
	}
	prefix := match.RegionPrefix(p.Region)
	var under []string
	for _, r := range g.regions {
		if strings.HasPrefix(r, prefix) {
			under = append(under, r)
		}
	}
	t.Region = under[g.rng.IntN(len(under))]
	t.Forms = []talent.Form{p.Forms[g.rng.IntN(len(p.Forms))]}
	for _, r := range p.Skills {
		var having []string
		for _, n := range g.all {
			if strings.Contains(n, r.Skill) {
				having = append(having, n)
			}
		}
		level := min(r.MinLevel+1+g.rng.IntN(2), person.MaxSkillLevel)
		t.Skills = append(t.Skills, person.Skill{Name: having[g.rng.IntN(len(having))], Level: level})
	}
	if g.rng.IntN(2) == 0 {
		t.Skills = append(t.Skills, person.Skill{Name: g.all[g.rng.IntN(len(g.all))], Level: g.level()})
	}
	g.rng.Shuffle(len(t.Skills), func(i, j int) { t.Skills[i], t.Skills[j] = t.Skills[j], t.Skills[i] })
	return t
}

// termsIn returns the Terms found inside a skill name.
func termsIn(name string) []string {
	var out []string
	for _, t := range Terms {
		if strings.Contains(name, t) && t != name {
			out = append(out, t)
		}
	}
	return out
}

// Label fills set.Relevant: per project, the talents that meet it.
func Label(set *Set) {
	set.Relevant = map[string][]string{}
	for i := range set.Projects {
		p := &set.Projects[i]
		for j := range set.Talents {
			if Meets(p, &set.Talents[j]) {
				set.Relevant[p.ID] = append(set.Relevant[p.ID], set.Talents[j].ID)
			}
		}
	}
}

// Meets reports whether talent t is relevant to project p, by a rule
// written apart from the scoring so that it can check it: t is in p's
// region, of a category p seeks, can take work now in a form p allows,
// and for every skill p asks for has a skill whose name contains it, at
// the least level or above.
func Meets(p *talent.Project, t *match.Talent) bool {
	region := strings.TrimRight(p.Region, "0")
	if len(region)%2 == 1 {
		region += "0"
	}
	switch {
	case !strings.HasPrefix(t.Region, region),
		len(p.Categories) > 0 && !slices.Contains(p.Categories, t.Category),
		t.Availability == person.Unavailable,
		!slices.ContainsFunc(t.Forms, p.Allows):
		return false
	}
	for _, r := range p.Skills {
		if !slices.ContainsFunc(t.Skills, func(s person.Skill) bool { return strings.Contains(s.Name, r.Skill) && s.Level >= r.MinLevel }) {
			return false
		}
	}
	return true
}

// Counties returns the county-level codes under a province or a city, as
// the place table lists them.
func Counties(code string) []string {
	places := codes.MustGet(codes.Place)
	var out []string
	for _, c := range places.Children(code) {
		if under := Counties(c.Code); len(under) > 0 {
			out = append(out, under...)
		} else {
			out = append(out, c.Code)
		}
	}
	return out
}

func pickWeighted[T any](rng *rand.Rand, values []T, weights []int) T {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := rng.IntN(total)
	for i, w := range weights {
		if n < w {
			return values[i]
		}
		n -= w
	}
	return values[len(values)-1]
}
