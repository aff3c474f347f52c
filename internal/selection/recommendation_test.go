package selection

import (
	"slices"
	"testing"
)

func TestRecommendationNeedsMargin(t *testing.T) {
	tests := []struct {
		name     string
		nominees []Nominee
		wantKey  string
	}{
		{"two candidates for one post pass", []Nominee{{"p1", 30}, {"p2", 25}}, ""},
		{"one candidate for one post is refused", []Nominee{{"p1", 30}}, "selection.no_margin"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := stepAt(StageRecommendation).(Recommendation)
			r.Nominees = tt.nominees
			err := upTo(t, StageMotion).Apply(r, calendar(t))
			if tt.wantKey == "" {
				wantFields(t, err, nil)
				return
			}
			wantConflict(t, err, tt.wantKey, len(tt.nominees), 1)
		})
	}
}

func TestRecommendationFields(t *testing.T) {
	r := stepAt(StageRecommendation).(Recommendation)
	r.Nominees = []Nominee{{"p1", 41}, {"p1", 3}, {"", 1}, {"p4", -1}}
	wantFields(t, upTo(t, StageMotion).Apply(r, calendar(t)), map[string]string{
		"nominees.0.votes":     "selection.votes_out_of_range",
		"nominees.1.person_id": "selection.duplicate_candidate",
		"nominees.2.person_id": "field.required",
		"nominees.3.votes":     "selection.votes_out_of_range",
	})
}

func TestRecommendationNeedsParticipantsAndNominees(t *testing.T) {
	r := stepAt(StageRecommendation).(Recommendation)
	r.Participants, r.Nominees = 0, nil
	wantFields(t, upTo(t, StageMotion).Apply(r, calendar(t)), map[string]string{
		"participants": "selection.at_least_one",
		"nominees":     "field.required",
	})
}

// TestRecommendationExpires dates each step that relies on the
// recommendation (recorded 2025-03-10) on the last valid day and the day
// after.
func TestRecommendationExpires(t *testing.T) {
	tests := []struct {
		name  string
		stage Stage
		date  string
		valid bool
	}{
		{"inspection on the last valid day passes", StageInspection, "2026-03-10", true},
		{"inspection a day later is refused", StageInspection, "2026-03-11", false},
		{"deliberation on the last valid day passes", StageDeliberation, "2026-03-10", true},
		{"deliberation a day later is refused", StageDeliberation, "2026-03-11", false},
		{"decision on the last valid day passes", StageDecision, "2026-03-10", true},
		{"decision a day later is refused", StageDecision, "2026-03-11", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prev := Stages[slices.Index(Stages, tt.stage)-1]
			s := upTo(t, prev)
			var err error
			switch st := stepAt(tt.stage).(type) {
			case Inspection:
				st.Date = d(tt.date)
				err = s.Apply(st, calendar(t))
			case Deliberation:
				st.Date = d(tt.date)
				err = s.Apply(st, calendar(t))
			case Decision:
				st.Date = d(tt.date)
				err = s.Apply(st, calendar(t))
			}
			if tt.valid {
				wantFields(t, err, nil)
				return
			}
			wantConflict(t, err, "selection.recommendation_expired", "2025-03-10", "2026-03-10")
		})
	}
}

func TestValidUntilOfLeapDay(t *testing.T) {
	r := Recommendation{Record: Record{Date: d("2024-02-29")}}
	if got, want := r.ValidUntil().String(), "2025-03-01"; got != want {
		t.Errorf("ValidUntil: got %s, want %s", got, want)
	}
}
