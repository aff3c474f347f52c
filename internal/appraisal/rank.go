package appraisal

import (
	"cmp"
	"slices"
	"strings"
)

// rankedParts fills the parts of Ranked indicators. Within the group of n,
// a value's competition rank r is one more than the number of strictly
// better values, and it earns Weight×(n−r)/(n−1): the best the full weight,
// the worst nothing, a group of one the full weight. A value not better
// than the indicator's Zero earns nothing whatever its rank.
func (s *Scheme) rankedParts(subjects []Subject, parts []Points) {
	n := len(subjects)
	k := s.Lines()
	// The values are copied into one column beside their owners so that
	// the sort compares adjacent memory, not values behind two pointers.
	var column []ranked
	for j := range s.Indicators {
		in := &s.Indicators[j]
		if in.Method != Ranked {
			continue
		}
		if column == nil {
			column = make([]ranked, n)
		}
		for i := range subjects {
			column[i] = ranked{v: subjects[i].Indicators[j].Value, i: int32(i)}
		}
		slices.SortFunc(column, func(a, b ranked) int {
			if in.Direction == LowerBetter {
				return cmp.Compare(a.v, b.v)
			}
			return cmp.Compare(b.v, a.v)
		})
		rank := 1
		for pos, c := range column {
			if pos > 0 && column[pos-1].v != c.v {
				rank = pos + 1
			}
			var p Points
			switch {
			case !in.Direction.better(c.v, in.Zero):
			case n == 1:
				p = in.Weight
			default:
				p = share(in.Weight, int64(n-rank), int64(n-1))
			}
			parts[int(c.i)*k+j] = p
		}
	}
}

// ranked is one cell of a ranked indicator's column: a value and the
// subject it belongs to.
type ranked struct {
	v Value
	i int32
}

// rank orders the group and gives competition ranks. Cadres with a veto
// come after every cadre without one; then higher totals first; equal
// totals share a rank and are listed by person ID, so the order never
// depends on input order or on the sort algorithm.
func (s *Scheme) rank(subjects []Subject, parts, totals []Points) []Result {
	k := s.Lines()
	column := make([]standing, len(subjects))
	for i := range subjects {
		vetoed := slices.ContainsFunc(subjects[i].Vetoes, func(m Measured) bool { return m.Value > 0 })
		column[i] = standing{total: totals[i], vetoed: vetoed, i: int32(i)}
	}
	slices.SortFunc(column, func(a, b standing) int {
		if c := a.compare(b); c != 0 {
			return c
		}
		return strings.Compare(subjects[a.i].PersonID, subjects[b.i].PersonID)
	})
	out := make([]Result, len(subjects))
	for pos, c := range column {
		r := &out[pos]
		r.PersonID = subjects[c.i].PersonID
		r.Subject = int(c.i)
		r.Rank = pos + 1
		if pos > 0 && column[pos-1].compare(c) == 0 {
			r.Rank = out[pos-1].Rank
		}
		r.Total = c.total
		r.Parts = parts[int(c.i)*k : int(c.i+1)*k : int(c.i+1)*k]
		if c.vetoed {
			r.Vetoes, r.Cap = s.vetoes(&subjects[c.i])
		}
	}
	return out
}

// standing is what a cadre's rank depends on, packed for the sort.
type standing struct {
	total  Points
	vetoed bool
	i      int32
}

// compare orders standings best first: without a veto before with one,
// then by descending total. Zero means the two share a rank.
func (a standing) compare(b standing) int {
	if a.vetoed != b.vetoed {
		if a.vetoed {
			return 1
		}
		return -1
	}
	return cmp.Compare(b.total, a.total)
}

// duplicatePerson reports a person ID that two subjects share.
func duplicatePerson(subjects []Subject) (string, bool) {
	ids := make([]string, len(subjects))
	for i := range subjects {
		ids[i] = subjects[i].PersonID
	}
	slices.Sort(ids)
	for i := 1; i < len(ids); i++ {
		if ids[i] == ids[i-1] {
			return ids[i], true
		}
	}
	return "", false
}
