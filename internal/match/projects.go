package match

import (
	"sort"

	"zugong/internal/talent"
)

// Projects ranks projects for a talent, scoring each with the query of
// ForProject so that a talent and a project see the same score from
// either side. Build it from the projects a talent may be shown: open,
// before their deadline, and not by invitation only.
type Projects struct {
	projects []talent.Project
	queries  []Query
	// byTerm lists, per term of any requirement, the projects asking for
	// it, ascending.
	byTerm map[string][]uint32
}

// BuildProjects indexes projects.
func BuildProjects(ps []talent.Project) *Projects {
	px := &Projects{projects: ps, queries: make([]Query, len(ps)), byTerm: map[string][]uint32{}}
	for i := range ps {
		px.queries[i] = ForProject(&ps[i])
		for _, r := range ps[i].Skills {
			for _, term := range QueryTerms(r.Skill) {
				if l := px.byTerm[term]; len(l) == 0 || l[len(l)-1] != uint32(i) {
					px.byTerm[term] = append(l, uint32(i))
				}
			}
		}
	}
	return px
}

// ForTalent returns the k projects that suit t best, highest score first
// and equal scores by project ID: of the projects whose filters t passes,
// those asking for a skill that shares a term with one of t's.
func (px *Projects) ForTalent(t *Talent, k int) []Hit {
	seen := make([]bool, len(px.projects))
	var hits []Hit
	for _, s := range t.Skills {
		for _, term := range SkillTerms(s.Name) {
			for _, i := range px.byTerm[term] {
				if seen[i] {
					continue
				}
				seen[i] = true
				q := &px.queries[i]
				if !Admits(q, t) {
					continue
				}
				if e := Explain(q, t); e.Score > 0 {
					hits = append(hits, Hit{ID: px.projects[i].ID, Score: e.Score, Explanation: e})
				}
			}
		}
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].ID < hits[j].ID
	})
	return hits[:min(max(k, 0), len(hits))]
}
