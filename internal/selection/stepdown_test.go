package selection

import (
	"testing"

	"zugong/internal/civil"
)

// validStepdown returns a case with every field a reason or route may need.
func validStepdown(reason Reason, route Route) Stepdown {
	return Stepdown{
		ID: "sd-1", PersonID: "p1", Post: "乡长", Reason: reason, Route: route,
		NewPost: "县农业农村局四级调研员", Record: rec("2025-06-10"), ReasonDate: d("2025-06-01"),
		Basis: "工作不在状态，年度考核基本称职。", AccountabilityRef: "正纪〔2025〕3号",
	}
}

func TestStepdownRoutes(t *testing.T) {
	allowed := map[Reason]map[Route]bool{
		RetirementAge:  {Removed: true, RankChanged: true},
		TermEnd:        {Moved: true, RankChanged: true, Removed: true},
		Accountability: {Moved: true, Removed: true, Demoted: true},
		Unsuited:       {Moved: true, RankChanged: true, Removed: true, Demoted: true},
	}
	for reason, ok := range allowed {
		for _, route := range []Route{Moved, RankChanged, Removed, Demoted} {
			name := string(reason) + " by " + string(route)
			if ok[route] {
				name += " is allowed"
			} else {
				name += " is refused"
			}
			t.Run(name, func(t *testing.T) {
				err := validStepdown(reason, route).Validate()
				if ok[route] {
					wantFields(t, err, nil)
					return
				}
				wantFields(t, err, map[string]string{"route": "selection.route_not_allowed"})
			})
		}
		if got := len(Routes(reason)); got != len(ok) {
			t.Errorf("Routes(%s): got %d routes, want %d", reason, got, len(ok))
		}
	}
}

func TestStepdownFields(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Stepdown)
		want   map[string]string
	}{
		{"an unknown reason", func(s *Stepdown) { s.Reason = "tired" },
			map[string]string{"reason": "field.invalid_choice"}},
		{"an unknown route", func(s *Stepdown) { s.Route = "retired" },
			map[string]string{"route": "field.invalid_choice"}},
		{"accountability without its decision or facts", func(s *Stepdown) {
			s.Reason, s.Route, s.AccountabilityRef, s.Basis = Accountability, Demoted, "", ""
		}, map[string]string{"accountability_ref": "field.required", "basis": "field.required"}},
		{"unsuited without facts", func(s *Stepdown) { s.Basis = "" },
			map[string]string{"basis": "field.required"}},
		{"the age limit without its date", func(s *Stepdown) {
			s.Reason, s.Route, s.ReasonDate = RetirementAge, RankChanged, civil.Date{}
		}, map[string]string{"reason_date": "field.required"}},
		{"a move without the new post", func(s *Stepdown) { s.NewPost = "" },
			map[string]string{"new_post": "field.required"}},
		{"a removal needs no new post", func(s *Stepdown) { s.Route, s.NewPost = Removed, "" }, nil},
		{"no decision", func(s *Stepdown) { s.Record = Record{} }, map[string]string{
			"date": "field.required", "organ": "field.required", "by": "field.required", "reference": "field.required",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validStepdown(Unsuited, Moved)
			tt.change(&s)
			wantFields(t, s.Validate(), tt.want)
		})
	}
}
