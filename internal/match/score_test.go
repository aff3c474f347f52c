package match

import (
	"testing"

	"zugong/internal/person"
	"zugong/internal/talent"
)

func skills(pairs ...any) []person.Skill {
	var out []person.Skill
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, person.Skill{Name: pairs[i].(string), Level: pairs[i+1].(int)})
	}
	return out
}

func TestExplain(t *testing.T) {
	tests := []struct {
		name      string
		req       talent.Requirement
		skills    []person.Skill
		wantSkill string
		wantShare float64
		wantPts   float64
		wantMet   bool
	}{
		{"养殖 is found inside 水产养殖", talent.Requirement{Skill: "养殖", MinLevel: 3, Weight: 2}, skills("水产养殖", 4), "水产养殖", 1, 2 * 1.05, true},
		{"电商 is found inside 农村电商运营", talent.Requirement{Skill: "电商", MinLevel: 2, Weight: 1}, skills("会计", 5, "农村电商运营", 2), "农村电商运营", 1, 1, true},
		{"焊 is found inside 氩弧焊", talent.Requirement{Skill: "焊", MinLevel: 1, Weight: 1}, skills("氩弧焊", 1), "氩弧焊", 1, 1, true},
		{"养殖 does not match 养老服务", talent.Requirement{Skill: "养殖", MinLevel: 1, Weight: 1}, skills("养老服务", 5), "", 0, 0, false},
		{"电商运营 meets 农村电商运营 with three of five terms", talent.Requirement{Skill: "农村电商运营", MinLevel: 2, Weight: 1}, skills("电商运营", 2), "电商运营", 0.6, 0.6, true},
		{"养殖 earns a third of 水产养殖 but does not meet it", talent.Requirement{Skill: "水产养殖", MinLevel: 2, Weight: 3}, skills("生猪养殖", 2), "生猪养殖", 1.0 / 3, 1, false},
		{"below the least level earns half and does not meet", talent.Requirement{Skill: "电工", MinLevel: 4, Weight: 2}, skills("高压电工", 3), "高压电工", 1, 1, false},
		{"the skill earning most is chosen", talent.Requirement{Skill: "养殖", MinLevel: 2, Weight: 1}, skills("生猪养殖", 1, "水产养殖", 5, "肉牛养殖", 5), "水产养殖", 1, 1.15, true},
		{"an unset weight and level count as 1", talent.Requirement{Skill: "护理"}, skills("康复护理", 1), "康复护理", 1, 1, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := Query{Skills: []talent.Requirement{tc.req}}
			e := Explain(&q, &Talent{Skills: tc.skills})
			p := e.Parts[0]
			if p.Skill != tc.wantSkill || !near(p.Share, tc.wantShare) || !near(p.Points, tc.wantPts) || p.Met() != tc.wantMet {
				t.Errorf("got skill %q share %.3f points %.3f met %v, want %q %.3f %.3f %v",
					p.Skill, p.Share, p.Points, p.Met(), tc.wantSkill, tc.wantShare, tc.wantPts, tc.wantMet)
			}
		})
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

func TestExplainPartsSumToScore(t *testing.T) {
	q := Query{Skills: []talent.Requirement{
		{Skill: "水产养殖", MinLevel: 3, Weight: 3}, {Skill: "电商", MinLevel: 2, Weight: 1}, {Skill: "会计", MinLevel: 2, Weight: 2},
	}}
	e := Explain(&q, &Talent{Skills: skills("直播带货", 4, "水产养殖", 5, "农产品电商", 1)})
	sum := 0.0
	for _, p := range e.Parts {
		sum += p.Points
	}
	if sum != e.Score {
		t.Errorf("got parts summing to %v, want the score %v", sum, e.Score)
	}
	if got := names(e.Matched()); got != "水产养殖" {
		t.Errorf("got matched %s, want 水产养殖", got)
	}
	if got := names(e.Missing()); got != "电商,会计" {
		t.Errorf("got missing %s, want 电商,会计", got)
	}
}

func names(ps []Part) string {
	s := ""
	for i, p := range ps {
		if i > 0 {
			s += ","
		}
		s += p.Requirement
	}
	return s
}

func TestAdmits(t *testing.T) {
	base := Talent{Category: person.TalentRural, Availability: person.PartTime, Forms: []talent.Form{talent.Equity}, Region: "411724"}
	tests := []struct {
		name string
		q    Query
		want bool
	}{
		{"no filters admit", Query{}, true},
		{"the county admits", Query{Region: "411724"}, true},
		{"the city admits", Query{Region: "4117"}, true},
		{"another county refuses", Query{Region: "411725"}, false},
		{"an invalid prefix refuses", Query{Region: "41x"}, false},
		{"a category sought admits", Query{Categories: []person.TalentCategory{person.TalentSkilled, person.TalentRural}}, true},
		{"another category refuses", Query{Categories: []person.TalentCategory{person.TalentSkilled}}, false},
		{"a shared form admits", Query{Forms: []talent.Form{talent.PartTime, talent.Equity}}, true},
		{"no shared form refuses", Query{Forms: []talent.Form{talent.LeavePost}}, false},
		{"unavailable refuses", Query{Availability: []person.Availability{person.Available}}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Admits(&tc.q, &base); got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestRegionPrefix(t *testing.T) {
	for in, want := range map[string]string{"411724": "411724", "411700": "4117", "410000": "41", "": ""} {
		if got := RegionPrefix(in); got != want {
			t.Errorf("RegionPrefix(%q) = %q, want %q", in, got, want)
		}
	}
}
