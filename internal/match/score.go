package match

import (
	"slices"
	"sort"

	"zugong/internal/person"
	"zugong/internal/talent"
)

// How levels count. A skill at or above the least level asked earns full
// points and a little more for each level above; one below earns half, as
// the talent can still help where no one better is found.
const (
	AboveStep   = 0.05
	BelowFactor = 0.5
	// MetShare is the least share of a requirement's terms a skill must
	// have to meet it: a skill of 电商运营 meets a requirement of 农村电商运营
	// (3 of its 5 terms); one of 养殖 does not meet 水产养殖 (1 of 3), though
	// it earns a third of the points.
	MetShare = 0.5
)

// Explanation is how a talent's score for a query adds up.
type Explanation struct {
	Score float64
	// Parts has one part per required skill, in the query's order; their
	// points sum to Score.
	Parts []Part
}

// Part is what one required skill contributes.
type Part struct {
	Requirement string
	MinLevel    int
	Weight      int
	// Skill is the talent's skill that earns the points and Level its level;
	// Skill is empty when no skill of the talent shares a term.
	Skill string
	Level int
	// Share is the share of the requirement's terms the skill has.
	Share float64
	// Factor is what the level multiplies the points by.
	Factor float64
	Points float64
}

// Met reports whether the talent meets the requirement: a skill that has
// at least MetShare of its terms, at the least level or above.
func (p Part) Met() bool { return p.Skill != "" && p.Share >= MetShare && p.Level >= p.MinLevel }

// Matched returns the parts whose requirement the talent meets.
func (e Explanation) Matched() []Part { return e.filter(true) }

// Missing returns the parts whose requirement the talent does not meet,
// even when a skill earns some points for it.
func (e Explanation) Missing() []Part { return e.filter(false) }

func (e Explanation) filter(met bool) []Part {
	var out []Part
	for _, p := range e.Parts {
		if p.Met() == met {
			out = append(out, p)
		}
	}
	return out
}

// Explain scores talent t for the query's skills, ignoring its filters.
// It is the reference the index is held to: written plainly, from the
// text of the skills.
func Explain(q *Query, t *Talent) Explanation {
	var e Explanation
	have := make([][]string, len(t.Skills))
	for i, s := range t.Skills {
		have[i] = SkillTerms(s.Name)
	}
	for _, r := range q.Skills {
		want := QueryTerms(r.Skill)
		p := Part{Requirement: r.Skill, MinLevel: minLevel(r), Weight: weight(r)}
		for i, s := range t.Skills {
			shared := 0
			for _, w := range want {
				if slices.Contains(have[i], w) {
					shared++
				}
			}
			if shared == 0 {
				continue
			}
			level := clampLevel(s.Level)
			share, factor, pts := points(p.Weight, shared, len(want), level, p.MinLevel)
			if pts > p.Points {
				p.Skill, p.Level, p.Share, p.Factor, p.Points = s.Name, level, share, factor, pts
			}
		}
		e.Parts = append(e.Parts, p)
		e.Score += p.Points
	}
	return e
}

// Hit is one result: a talent's or a project's ID, its score and how the
// score adds up.
type Hit struct {
	ID          string
	Score       float64
	Explanation Explanation
}

// Rank scores every talent that passes the query's filters with Explain
// and returns the k best in the order Index returns them. It is the plain
// reference for small sets and for tests.
func Rank(q *Query, ts []Talent, k int) []Hit {
	type ranked struct {
		hit  Hit
		code uint32
	}
	var rs []ranked
	for i := range ts {
		if !Admits(q, &ts[i]) {
			continue
		}
		if e := Explain(q, &ts[i]); e.Score > 0 {
			rs = append(rs, ranked{Hit{ID: ts[i].ID, Score: e.Score, Explanation: e}, regionCode(ts[i].Region)})
		}
	}
	sort.Slice(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		if a.hit.Score != b.hit.Score {
			return a.hit.Score > b.hit.Score
		}
		if a.code != b.code {
			return a.code < b.code
		}
		return a.hit.ID < b.hit.ID
	})
	hits := make([]Hit, min(k, len(rs)))
	for i := range hits {
		hits[i] = rs[i].hit
	}
	return hits
}

// points returns what a skill sharing shared of a requirement's total
// terms earns at a level: the share, the level factor and the points. The
// index computes every score through it too, so that its scores equal
// Explain's to the last bit.
func points(weight, shared, total, level, minLevel int) (share, factor, pts float64) {
	share = float64(shared) / float64(total)
	factor = BelowFactor
	if level >= minLevel {
		factor = 1 + AboveStep*float64(level-minLevel)
	}
	return share, factor, float64(weight) * share * factor
}

// weight returns a requirement's weight; an unset one counts as 1.
func weight(r talent.Requirement) int { return max(r.Weight, 1) }

// minLevel returns a requirement's least level, held to 1–5.
func minLevel(r talent.Requirement) int { return clampLevel(r.MinLevel) }

func clampLevel(l int) int { return min(max(l, person.MinSkillLevel), person.MaxSkillLevel) }
