package selection

import (
	"fmt"

	"zugong/internal/civil"
	"zugong/internal/fault"
)

// Recommendation is the 民主推荐: interviews and a meeting whose votes are
// imported per candidate. Its result is valid for one year.
type Recommendation struct {
	Record
	// Participants is how many took part (参加推荐人数); no candidate can
	// have more votes.
	Participants int
	// Nominees are the candidates recommended, with their votes.
	Nominees []Nominee
}

// Nominee is one candidate of the recommendation and the votes received.
type Nominee struct {
	PersonID string
	Votes    int
}

// Stage returns StageRecommendation.
func (Recommendation) Stage() Stage { return StageRecommendation }

// ValidUntil returns the last day on which a later step may rely on the
// recommendation: one year after it.
func (r Recommendation) ValidUntil() civil.Date { return addYears(r.Date, 1) }

// applyRecommendation requires more candidates than posts (差额): else
// fault.Conflict "selection.no_margin" with the number of candidates and
// of posts.
func (s *Selection) applyRecommendation(r Recommendation, f fault.Fields) error {
	if r.Participants < 1 {
		f.Add("participants", "selection.at_least_one")
	}
	if len(r.Nominees) == 0 {
		f.Add("nominees", "field.required")
	}
	seen := map[string]bool{}
	for i, n := range r.Nominees {
		field := fmt.Sprintf("nominees.%d.", i)
		if required(&f, field+"person_id", n.PersonID) && seen[n.PersonID] {
			f.Add(field+"person_id", "selection.duplicate_candidate")
		}
		seen[n.PersonID] = true
		if n.Votes < 0 || n.Votes > r.Participants {
			f.Add(field+"votes", "selection.votes_out_of_range", r.Participants)
		}
	}
	if err := f.Err(); err != nil {
		return err
	}
	if len(r.Nominees) <= s.Motion.Posts {
		return fault.New(fault.Conflict, "selection.no_margin", len(r.Nominees), s.Motion.Posts)
	}
	s.Recommendation = &r
	return nil
}

// checkFresh refuses a step dated after the recommendation's validity
// (考察 up to 讨论决定): fault.Conflict "selection.recommendation_expired"
// with the recommendation's date and the last valid day.
func (s *Selection) checkFresh(on civil.Date) error {
	r := s.Recommendation
	if on.After(r.ValidUntil()) {
		return fault.New(fault.Conflict, "selection.recommendation_expired", r.Date.String(), r.ValidUntil().String())
	}
	return nil
}

// nominated reports whether id is a candidate of the recommendation.
func (s *Selection) nominated(id string) bool {
	for _, n := range s.Recommendation.Nominees {
		if n.PersonID == id {
			return true
		}
	}
	return false
}
