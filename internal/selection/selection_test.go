package selection

import (
	"reflect"
	"testing"
)

func TestHappyPathReachesEveryStage(t *testing.T) {
	s := &Selection{}
	cal := calendar(t)
	for _, step := range happy() {
		if err := s.Apply(step, cal); err != nil {
			t.Fatalf("apply %s: %v", step.Stage(), err)
		}
		if got := s.Stage(); got != step.Stage() {
			t.Errorf("stage after %s: got %s, want %s", step.Stage(), got, step.Stage())
		}
	}
	if got, want := s.Publicity.End.String(), "2025-10-09"; got != want {
		t.Errorf("publicity end: got %s, want %s", got, want)
	}
	if got, want := s.TenureStart().String(), "2025-09-25"; got != want {
		t.Errorf("tenure start: got %s, want %s", got, want)
	}
}

// TestOutOfOrderRefused tries every stage from every stage a selection can
// stand at, and expects every transition but the next one refused.
func TestOutOfOrderRefused(t *testing.T) {
	cal := calendar(t)
	from := append([]Stage{StageNone}, Stages...)
	for i, cur := range from {
		for _, to := range Stages {
			if i < len(Stages) && to == Stages[i] {
				continue
			}
			t.Run(string(cur)+" to "+string(to)+" is refused", func(t *testing.T) {
				s := upTo(t, cur)
				before := *s
				err := s.Apply(stepAt(to), cal)
				wantConflict(t, err, "selection.out_of_order", cur, to)
				if !reflect.DeepEqual(*s, before) {
					t.Errorf("selection changed on refusal")
				}
			})
		}
	}
}

func TestStepDatedBeforePreviousRefused(t *testing.T) {
	s := upTo(t, StageMotion)
	r := stepAt(StageRecommendation).(Recommendation)
	r.Date = d("2025-03-02")
	wantFields(t, s.Apply(r, calendar(t)), map[string]string{"date": "selection.before_previous_step"})
}

func TestRecordIsRequired(t *testing.T) {
	s := upTo(t, StageNone)
	m := stepAt(StageMotion).(Motion)
	m.Record = Record{}
	wantFields(t, s.Apply(m, calendar(t)), map[string]string{
		"date": "field.required", "organ": "field.required", "by": "field.required", "reference": "field.required",
	})
}

func TestPointerStepRefused(t *testing.T) {
	m := stepAt(StageMotion).(Motion)
	if err := upTo(t, StageNone).Apply(&m, calendar(t)); err == nil {
		t.Errorf("got nil, want an error for a step passed by pointer")
	}
}

func TestStageKey(t *testing.T) {
	if got, want := StagePublicity.Key(), "selection.stage.publicity"; got != want {
		t.Errorf("Key: got %s, want %s", got, want)
	}
}

func TestTenureStartBeforeDecision(t *testing.T) {
	if got := upTo(t, StageDeliberation).TenureStart(); !got.IsZero() {
		t.Errorf("TenureStart before the decision: got %s, want the zero date", got)
	}
}
