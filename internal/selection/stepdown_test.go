package selection

import (
	"testing"

	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/person"
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

func TestStepdownApplyTo(t *testing.T) {
	d := civil.MustParse
	cadre := func() *person.Cadre {
		return &person.Cadre{CurrentPostText: "真阳镇党委副书记、镇长", Posts: []person.Post{
			{UnitID: "u1", UnitName: "真阳镇人民政府", Title: "镇长", Rank: "正科级", Leading: true, Current: true,
				Appointed: person.Decision{Date: d("2021-03-01")}},
			{UnitID: "u2", UnitName: "真阳镇党委", Title: "党委副书记", Rank: "正科级", Leading: true, Current: true},
		}}
	}
	base := Stepdown{PersonID: "p1", Post: "镇长", Record: Record{Date: d("2026-05-10"), Reference: "正组〔2026〕9号"}}
	for _, c := range []struct {
		name          string
		route         Route
		newPost, post string
		on            civil.Date
		wantField     string
		check         func(t *testing.T, c *person.Cadre)
	}{
		{name: "removed ends the post and starts none", route: Removed, check: func(t *testing.T, c *person.Cadre) {
			if c.Posts[0].Current || c.Posts[0].Removed.Date != d("2026-05-10") || c.Posts[0].Removed.DocumentNo != "正组〔2026〕9号" ||
				c.Posts[0].Removed.Organ != "中共正阳县委" || len(c.Posts) != 2 || c.CurrentPostText != "" {
				t.Errorf("posts after removal: %+v", c.Posts)
			}
		}},
		{name: "a rank change keeps the unit, drops leadership and rank", route: RankChanged, newPost: "一级主任科员",
			check: func(t *testing.T, c *person.Cadre) {
				n := c.Posts[2]
				if !n.Current || n.Title != "一级主任科员" || n.UnitID != "u1" || n.Leading || n.Rank != "" || n.Appointed.Date != d("2026-05-10") {
					t.Errorf("new post after a rank change: %+v", n)
				}
			}},
		{name: "a move leaves the unit to the new post's name", route: Moved, newPost: "县农业农村局副局长",
			check: func(t *testing.T, c *person.Cadre) {
				if n := c.Posts[2]; n.UnitID != "" || n.UnitName != "" || n.Rank != "正科级" || !n.Leading {
					t.Errorf("new post after a move: %+v", n)
				}
			}},
		{name: "a demotion keeps the unit and drops the rank", route: Demoted, newPost: "副镇长",
			check: func(t *testing.T, c *person.Cadre) {
				if n := c.Posts[2]; n.UnitID != "u1" || n.Rank != "" || !n.Leading {
					t.Errorf("new post after a demotion: %+v", n)
				}
			}},
		{name: "a post not held is refused", route: Removed, post: "县长", wantField: "post"},
		{name: "a decision before the appointment is refused", route: Removed, on: d("2020-01-01"), wantField: "date"},
	} {
		t.Run(c.name, func(t *testing.T) {
			sd := base
			sd.Route, sd.NewPost = c.route, c.newPost
			if c.post != "" {
				sd.Post = c.post
			}
			if !c.on.IsZero() {
				sd.Date = c.on
			}
			cd := cadre()
			var f fault.Fields
			sd.ApplyTo(cd, "中共正阳县委", &f)
			if c.wantField != "" {
				if _, ok := f[c.wantField]; !ok || len(f) != 1 {
					t.Fatalf("problems %v, want one on %s", f, c.wantField)
				}
				if !cd.Posts[0].Current || len(cd.Posts) != 2 {
					t.Errorf("a refused case changed the posts: %+v", cd.Posts)
				}
				return
			}
			if len(f) != 0 {
				t.Fatalf("problems %v", f)
			}
			c.check(t, cd)
		})
	}
}
