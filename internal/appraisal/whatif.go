package appraisal

import (
	"slices"
	"strconv"

	"zugong/internal/fault"
)

// WeightChange sets the weight of the indicator with Code.
type WeightChange struct {
	Code   string
	Weight Points
}

// Movement is how a cadre's standing changes under a what-if scheme. Delta
// is OldRank−NewRank: positive when the cadre moves up.
type Movement struct {
	PersonID string
	OldRank  int
	NewRank  int
	Delta    int
	OldTotal Points
	NewTotal Points
}

// WhatIf re-scores the group with changed weights and returns every cadre's
// movement, in the new rank order. It publishes nothing and leaves s as it
// is; the changed scheme must still be valid (weights adding up to
// FullMarks), since a what-if that could never be published misleads.
func (s *Scheme) WhatIf(changes []WeightChange, subjects []Subject) ([]Movement, error) {
	alt := *s
	alt.Indicators = slices.Clone(s.Indicators)
	var f fault.Fields
	for i, c := range changes {
		j := slices.IndexFunc(alt.Indicators, func(in Indicator) bool { return in.Code == c.Code })
		if j < 0 {
			f.Add("changes."+strconv.Itoa(i)+".code", "appraisal.whatif.unknown_code", c.Code)
			continue
		}
		alt.Indicators[j].Weight = c.Weight
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	before, err := s.ScoreGroup(subjects)
	if err != nil {
		return nil, err
	}
	after, err := alt.ScoreGroup(subjects)
	if err != nil {
		return nil, err
	}
	old := make([]*Result, len(subjects))
	for i := range before.Results {
		old[before.Results[i].Subject] = &before.Results[i]
	}
	out := make([]Movement, len(after.Results))
	for i, r := range after.Results {
		o := old[r.Subject]
		out[i] = Movement{PersonID: r.PersonID, OldRank: o.Rank, NewRank: r.Rank, Delta: o.Rank - r.Rank,
			OldTotal: o.Total, NewTotal: r.Total}
	}
	return out, nil
}
