package selection

import (
	"testing"

	"zugong/internal/fault"
)

func TestPublicityEnd(t *testing.T) {
	tests := []struct {
		name  string
		start string
		want  string
	}{
		{"an ordinary Monday runs to Friday", "2025-03-10", "2025-03-14"},
		{"an ordinary Wednesday runs to Tuesday", "2025-03-12", "2025-03-18"},
		{"Friday 2025-09-26 runs across 国庆 to 10-09", "2025-09-26", "2025-10-09"},
		{"Monday 2025-09-29 ends on the make-up Saturday 10-11", "2025-09-29", "2025-10-11"},
		{"a start on a holiday counts from the first day back", "2025-10-04", "2025-10-14"},
		{"a start on an ordinary Saturday counts from Monday", "2025-03-15", "2025-03-21"},
	}
	cal := calendar(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := PublicityEnd(cal, d(tt.start))
			if err != nil {
				t.Fatalf("PublicityEnd(%s): %v", tt.start, err)
			}
			if got.String() != tt.want {
				t.Errorf("PublicityEnd(%s): got %s, want %s", tt.start, got, tt.want)
			}
		})
	}
}

func TestPublicityPeriod(t *testing.T) {
	tests := []struct {
		name       string
		start, end string
		wantKey    string
		wantArgs   []any
	}{
		{"the earliest end is accepted", "2025-09-26", "2025-10-09", "", nil},
		{"a longer period is accepted", "2025-09-26", "2025-10-15", "", nil},
		{"an end one working day short is refused", "2025-09-26", "2025-10-08", "selection.publicity_too_short",
			[]any{"2025-10-08", "2025-10-09"}},
		{"five calendar days are not five working days", "2025-09-26", "2025-09-30", "selection.publicity_too_short",
			[]any{"2025-09-30", "2025-10-09"}},
		{"opening on the decision's day is refused", "2025-09-25", "", "selection.publicity_before_decision",
			[]any{"2025-09-25"}},
		{"a year without a schedule is refused", "2026-12-28", "", "workday.year_unpublished", []any{2027}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := stepAt(StagePublicity).(Publicity)
			p.Start = d(tt.start)
			if tt.end != "" {
				p.End = d(tt.end)
			}
			err := upTo(t, StageDecision).Apply(p, calendar(t))
			if tt.wantKey == "" {
				wantFields(t, err, nil)
				return
			}
			wantConflict(t, err, tt.wantKey, tt.wantArgs...)
		})
	}
}

func TestPublicityFields(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Publicity)
		want   map[string]string
	}{
		{"a candidate who did not pass", func(p *Publicity) { p.Candidates = []string{"p2"} },
			map[string]string{"candidates.0": "selection.not_passed"}},
		{"a candidate twice", func(p *Publicity) { p.Candidates = []string{"p1", "p1"} },
			map[string]string{"candidates.1": "selection.duplicate_candidate"}},
		{"nobody publicised", func(p *Publicity) { p.Candidates = nil },
			map[string]string{"candidates": "field.required"}},
		{"no way to report", func(p *Publicity) { p.Phone, p.Address = "", "" },
			map[string]string{"phone": "field.required", "address": "field.required"}},
		{"an end before the start", func(p *Publicity) { p.End = d("2025-09-20") },
			map[string]string{"end": "selection.end_before_start"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := stepAt(StagePublicity).(Publicity)
			tt.change(&p)
			wantFields(t, upTo(t, StageDecision).Apply(p, calendar(t)), tt.want)
		})
	}
}

func objection(id string) Objection {
	return Objection{ID: id, PersonID: "p1", Text: "反映其在任期间存在违规问题。", Received: d("2025-09-29")}
}

func TestObject(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Objection)
		want   map[string]string
	}{
		{"an objection is recorded", func(*Objection) {}, nil},
		{"a person not publicised", func(o *Objection) { o.PersonID = "p2" },
			map[string]string{"person_id": "selection.not_publicised"}},
		{"no text and a report before the publicity", func(o *Objection) { o.Text, o.Received = "", d("2025-09-25") },
			map[string]string{"text": "field.required", "received": "selection.objection_before_publicity"}},
		{"a finding without its date", func(o *Objection) { o.Finding = "查无实据" },
			map[string]string{"resolved_on": "field.required"}},
		{"a finding dated before the report", func(o *Objection) { o.Finding, o.ResolvedOn = "查无实据", d("2025-09-28") },
			map[string]string{"resolved_on": "selection.resolved_before_received"}},
		{"a duplicate id", func(o *Objection) { o.ID = "o0" },
			map[string]string{"id": "selection.duplicate_objection"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := upTo(t, StagePublicity)
			if err := s.Object(objection("o0")); err != nil {
				t.Fatalf("first objection: %v", err)
			}
			o := objection("o1")
			tt.change(&o)
			err := s.Object(o)
			wantFields(t, err, tt.want)
			want := 1
			if err == nil {
				want = 2
			}
			if got := len(s.Publicity.Objections); got != want {
				t.Errorf("objections: got %d, want %d", got, want)
			}
		})
	}
}

func TestObjectionOutsidePublicityRefused(t *testing.T) {
	for _, stage := range []Stage{StageDecision, StageAppointment} {
		t.Run("at "+string(stage)+" is refused", func(t *testing.T) {
			s := upTo(t, stage)
			wantConflict(t, s.Object(objection("o1")), "selection.not_in_publicity")
			wantConflict(t, s.Resolve("o1", "查无实据", false, d("2025-10-01")), "selection.not_in_publicity")
		})
	}
}

func TestResolve(t *testing.T) {
	s := upTo(t, StagePublicity)
	if err := s.Object(objection("o1")); err != nil {
		t.Fatalf("Object: %v", err)
	}
	t.Run("an unknown objection is not found", func(t *testing.T) {
		err := s.Resolve("o9", "查无实据", false, d("2025-09-30"))
		if e, ok := fault.As(err); !ok || e.Code != fault.NotFound || e.Key != "selection.objection_not_found" {
			t.Errorf("got %v, want not found selection.objection_not_found", err)
		}
	})
	t.Run("a resolution without a finding is refused", func(t *testing.T) {
		wantFields(t, s.Resolve("o1", "", false, d("2025-09-30")), map[string]string{"finding": "field.required"})
		if s.Publicity.Objections[0].Resolved() {
			t.Errorf("objection resolved by a refused resolution")
		}
	})
	t.Run("a finding is recorded", func(t *testing.T) {
		if err := s.Resolve("o1", "经核查，反映问题不属实。", false, d("2025-09-30")); err != nil {
			t.Fatalf("Resolve: %v", err)
		}
		if o := s.Publicity.Objections[0]; !o.Resolved() || o.Upheld {
			t.Errorf("got resolved %v upheld %v, want resolved and not upheld", o.Resolved(), o.Upheld)
		}
	})
	t.Run("a second finding is refused", func(t *testing.T) {
		wantConflict(t, s.Resolve("o1", "复核", true, d("2025-10-09")), "selection.objection_resolved", "o1")
	})
}
