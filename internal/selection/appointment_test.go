package selection

import (
	"testing"

	"zugong/internal/civil"
)

func TestAppointmentAfterPublicity(t *testing.T) {
	tests := []struct {
		name string
		date string
		ok   bool
	}{
		{"the day after the publicity ends passes", "2025-10-10", true},
		{"the publicity's last day passes", "2025-10-09", true},
		{"a day inside the publicity is refused", "2025-10-08", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := stepAt(StageAppointment).(Appointment)
			a.Date = d(tt.date)
			a.Appointees[0].TalkDate = d(tt.date)
			err := upTo(t, StagePublicity).Apply(a, calendar(t))
			if tt.ok {
				wantFields(t, err, nil)
				return
			}
			wantConflict(t, err, "selection.publicity_not_over", "2025-10-09")
		})
	}
}

func TestAppointmentWithObjections(t *testing.T) {
	tests := []struct {
		name    string
		resolve bool
		upheld  bool
		wantKey string
	}{
		{"an unresolved objection blocks", false, false, "selection.objection_unresolved"},
		{"an upheld objection blocks", true, true, "selection.objection_upheld"},
		{"an objection found groundless does not block", true, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := upTo(t, StagePublicity)
			if err := s.Object(objection("o1")); err != nil {
				t.Fatalf("Object: %v", err)
			}
			if tt.resolve {
				if err := s.Resolve("o1", "经核查，已有结论。", tt.upheld, d("2025-10-08")); err != nil {
					t.Fatalf("Resolve: %v", err)
				}
			}
			err := s.Apply(stepAt(StageAppointment), calendar(t))
			if tt.wantKey == "" {
				wantFields(t, err, nil)
				return
			}
			wantConflict(t, err, tt.wantKey, "p1", "o1")
		})
	}
}

func TestAppointmentFields(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Appointment)
		want   map[string]string
	}{
		{"nobody appointed", func(a *Appointment) { a.Appointees = nil },
			map[string]string{"appointees": "field.required"}},
		{"a person not publicised", func(a *Appointment) { a.Appointees[0].PersonID = "p2" },
			map[string]string{"appointees.0.person_id": "selection.not_publicised"}},
		{"a person twice", func(a *Appointment) { a.Appointees = append(a.Appointees, a.Appointees[0]) },
			map[string]string{"appointees.1.person_id": "selection.duplicate_candidate"}},
		{"no appointment talk", func(a *Appointment) { a.Appointees[0].TalkDate, a.Appointees[0].TalkBy = civil.Date{}, "" },
			map[string]string{"appointees.0.talk_date": "field.required", "appointees.0.talk_by": "field.required"}},
		{"a talk before the decision", func(a *Appointment) { a.Appointees[0].TalkDate = d("2025-09-24") },
			map[string]string{"appointees.0.talk_date": "selection.talk_before_decision"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := stepAt(StageAppointment).(Appointment)
			tt.change(&a)
			wantFields(t, upTo(t, StagePublicity).Apply(a, calendar(t)), tt.want)
		})
	}
}

func TestProbationApplies(t *testing.T) {
	tests := []struct {
		name string
		a    Appointee
		want bool
	}{
		{"a promotion to a leading post below bureau level", Appointee{Leading: true}, true},
		{"an elected post", Appointee{Leading: true, Elected: true}, false},
		{"a post that is not leading", Appointee{}, false},
		{"a bureau-level post", Appointee{Leading: true, BureauOrAbove: true}, false},
		{"a lateral move", Appointee{Leading: true, Lateral: true}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.a.ProbationApplies(); got != tt.want {
				t.Errorf("ProbationApplies of %+v: got %v, want %v", tt.a, got, tt.want)
			}
		})
	}
}

func TestProbationDates(t *testing.T) {
	s := upTo(t, StageAppointment)
	a := s.Appointment.Appointees[0]
	if !a.Probation || a.ProbationEnds.String() != "2026-10-10" {
		t.Errorf("probation: got %v ending %s, want true ending 2026-10-10", a.Probation, a.ProbationEnds)
	}
	if got, want := a.ProbationWarning(30).String(), "2026-09-10"; got != want {
		t.Errorf("ProbationWarning(30): got %s, want %s", got, want)
	}
	if got := (Appointee{}).ProbationWarning(30); !got.IsZero() {
		t.Errorf("ProbationWarning without probation: got %s, want the zero date", got)
	}
}

func TestProbationFlagsAreComputed(t *testing.T) {
	a := stepAt(StageAppointment).(Appointment)
	a.Appointees[0].Elected = true
	a.Appointees[0].Probation, a.Appointees[0].ProbationEnds = true, d("2030-01-01")
	s := upTo(t, StagePublicity)
	if err := s.Apply(a, calendar(t)); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	got := s.Appointment.Appointees[0]
	if got.Probation || !got.ProbationEnds.IsZero() {
		t.Errorf("elected appointee: got probation %v ending %s, want none", got.Probation, got.ProbationEnds)
	}
	if !a.Appointees[0].Probation {
		t.Errorf("the caller's appointee was changed")
	}
}
