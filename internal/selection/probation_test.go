package selection

import "testing"

func TestProbationReview(t *testing.T) {
	tests := []struct {
		name   string
		change func(*ProbationReview)
		want   map[string]string
	}{
		{"confirmed after the end", func(*ProbationReview) {}, nil},
		{"removed after the end", func(r *ProbationReview) { r.Outcomes[0].Result = Remove }, nil},
		{"an unknown result", func(r *ProbationReview) { r.Outcomes[0].Result = "keep" },
			map[string]string{"outcomes.0.result": "field.invalid_choice"}},
		{"no assessment", func(r *ProbationReview) { r.Outcomes[0].Assessment = "" },
			map[string]string{"outcomes.0.assessment": "field.required"}},
		{"an outcome for someone not on probation", func(r *ProbationReview) {
			r.Outcomes = append(r.Outcomes, ProbationOutcome{PersonID: "p2", Result: Confirm, Assessment: "胜任"})
		}, map[string]string{"outcomes.1.person_id": "selection.not_on_probation"}},
		{"no outcome for the appointee", func(r *ProbationReview) { r.Outcomes = nil },
			map[string]string{"outcomes": "selection.outcome_missing"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := stepAt(StageProbation).(ProbationReview)
			tt.change(&r)
			wantFields(t, upTo(t, StageAppointment).Apply(r, calendar(t)), tt.want)
		})
	}
}

func TestProbationReviewBeforeEndRefused(t *testing.T) {
	r := stepAt(StageProbation).(ProbationReview)
	r.Date = d("2026-10-09")
	wantConflict(t, upTo(t, StageAppointment).Apply(r, calendar(t)), "selection.probation_not_over", "p1", "2026-10-10")
}

func TestProbationReviewWithoutProbationRefused(t *testing.T) {
	s := upTo(t, StagePublicity)
	a := stepAt(StageAppointment).(Appointment)
	a.Appointees[0].Elected = true
	if err := s.Apply(a, calendar(t)); err != nil {
		t.Fatalf("appoint: %v", err)
	}
	wantConflict(t, s.Apply(stepAt(StageProbation), calendar(t)), "selection.no_probation")
}
