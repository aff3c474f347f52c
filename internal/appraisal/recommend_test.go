package appraisal

import (
	"fmt"
	"strings"
	"testing"

	"zugong/internal/civil"
	"zugong/internal/person"
)

var recommendOn = date("2026-01-15")

// eligible is a profile that meets every promotion condition on recommendOn
// for a section chief post.
func eligible(id string) Profile {
	return Profile{PersonID: id, BirthDate: date("1985-06-01"), PostDecided: date("2022-01-10"),
		TargetLevel: LevelSectionChief, TrainingMet: true}
}

func TestPromotionBlocks(t *testing.T) {
	cases := []struct {
		name     string
		vetoes   []string
		adjusted bool
		mod      func(*Profile)
		want     string
		args     string
	}{
		{name: "eligible", want: ""},
		{name: "a veto", vetoes: []string{"V"}, want: "appraisal.recommend.vetoed", args: "V"},
		{name: "on the adjustment list", adjusted: true, want: "appraisal.recommend.on_adjustment_list"},
		{name: "training quota not met", mod: func(p *Profile) { p.TrainingMet = false }, want: "appraisal.recommend.training_unmet"},
		{name: "unknown target level", mod: func(p *Profile) { p.TargetLevel = "minister" },
			want: "appraisal.recommend.level_unknown", args: "minister"},
		{name: "one year in post of two", mod: func(p *Profile) { p.PostDecided = date("2024-06-01") },
			want: "appraisal.recommend.time_in_post_short", args: "1,2"},
		{name: "two years on the anniversary of the decision", mod: func(p *Profile) { p.PostDecided = date("2024-01-15") }, want: ""},
		{name: "a day short of two years", mod: func(p *Profile) { p.PostDecided = date("2024-01-16") },
			want: "appraisal.recommend.time_in_post_short", args: "1,2"},
		{name: "no decision date", mod: func(p *Profile) { p.PostDecided = civil.Date{} }, want: "appraisal.recommend.post_date_missing"},
		{name: "reached the age limit on the day", mod: func(p *Profile) { p.BirthDate = date("1981-01-15") },
			want: "appraisal.recommend.over_age", args: "45,45"},
		{name: "a day under the age limit", mod: func(p *Profile) { p.BirthDate = date("1981-01-16") }, want: ""},
		{name: "no birth date", mod: func(p *Profile) { p.BirthDate = civil.Date{} }, want: "appraisal.recommend.birth_date_missing"},
	}
	cfg := DefaultRecommendConfig()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			p := eligible("a")
			if tt.mod != nil {
				tt.mod(&p)
			}
			r := Result{PersonID: "a", Rank: 1, Vetoes: tt.vetoes}
			why := cfg.promotionBlocks(&r, &p, tt.adjusted, recommendOn)
			if got := reasonKeys(why); got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			if tt.args != "" && strings.Join(why[0].Args, ",") != tt.args {
				t.Errorf("got arguments %v, want %s", why[0].Args, tt.args)
			}
		})
	}
}

func TestRecommend(t *testing.T) {
	basic := func(years ...int) []person.Assessment {
		var h []person.Assessment
		for _, y := range years {
			h = append(h, person.Assessment{Year: y, Grade: person.GradeBasic})
		}
		return h
	}
	accountability := func(day string, signed bool) []Evidence {
		e := ev("x-"+day, KindAccountability, day, func(e *Evidence) { e.Class = "admonition" })
		if !signed {
			e.SignOff = SignOff{}
		}
		return []Evidence{e}
	}
	cases := []struct {
		name   string
		n      int
		values map[string]Value
		mod    func(map[string]*Profile)
		want   string
	}{
		{name: "top two promoted, bottom one adjusted", n: 20,
			want: "promote a b | held | adjust t"},
		{name: "a tie at the top line takes in all the tied", n: 20, values: map[string]Value{"a": 5000, "b": 5000, "c": 5000},
			want: "promote a b c | held | adjust t"},
		{name: "a tie at the bottom line takes in all the tied", n: 20, values: map[string]Value{"s": 1, "t": 1},
			want: "promote a b | held | adjust s t"},
		{name: "an ineligible top performer is held back", n: 20,
			mod:  func(p map[string]*Profile) { p["b"].TrainingMet = false },
			want: "promote a | held b | adjust t"},
		{name: "基本称职 two years running", n: 20,
			mod:  func(p map[string]*Profile) { p["k"].History = basic(2024, 2025) },
			want: "promote a b | held | adjust k t"},
		{name: "基本称职 in years apart", n: 20,
			mod:  func(p map[string]*Profile) { p["k"].History = basic(2023, 2025) },
			want: "promote a b | held | adjust t"},
		{name: "不称职 last year", n: 20,
			mod: func(p map[string]*Profile) {
				p["k"].History = []person.Assessment{{Year: 2024, Grade: person.GradeIncompetent}}
			},
			want: "promote a b | held | adjust k t"},
		{name: "signed-off accountability", n: 20,
			mod:  func(p map[string]*Profile) { p["k"].Accountability = accountability("2025-05-01", true) },
			want: "promote a b | held | adjust k t"},
		{name: "unsigned accountability does not count", n: 20,
			mod:  func(p map[string]*Profile) { p["k"].Accountability = accountability("2025-05-01", false) },
			want: "promote a b | held | adjust t"},
		{name: "old accountability does not count", n: 20,
			mod:  func(p map[string]*Profile) { p["k"].Accountability = accountability("2022-05-01", true) },
			want: "promote a b | held | adjust t"},
		{name: "a top performer under accountability is held back", n: 20,
			mod:  func(p map[string]*Profile) { p["a"].Accountability = accountability("2025-05-01", true) },
			want: "promote b | held a | adjust a t"},
		{name: "a group of five has no top or bottom share", n: 5,
			want: "promote | held | adjust"},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			values := make([]Value, tt.n)
			for i := range values {
				values[i] = Value(100 * (tt.n - i))
				if v, ok := tt.values[string(rune('a'+i))]; ok {
					values[i] = v
				}
			}
			rk, profiles := group(t, values, "", "")
			byID := map[string]*Profile{}
			for i := range profiles {
				profiles[i] = eligible(profiles[i].PersonID)
				byID[profiles[i].PersonID] = &profiles[i]
			}
			if tt.mod != nil {
				tt.mod(byID)
			}
			recs, err := Recommend(DefaultRecommendConfig(), 2025, recommendOn, rk, profiles)
			if err != nil {
				t.Fatal(err)
			}
			ids := func(rs []Recommendation) string {
				var s []string
				for _, r := range rs {
					s = append(s, " "+r.PersonID)
				}
				return strings.Join(s, "")
			}
			got := fmt.Sprintf("promote%s | held%s | adjust%s", ids(recs.Promote), ids(recs.HeldBack), ids(recs.Adjust))
			if got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestRecommendReasons(t *testing.T) {
	values := make([]Value, 20)
	for i := range values {
		values[i] = Value(100 * (20 - i))
	}
	rk, profiles := group(t, values, "", "")
	for i := range profiles {
		profiles[i] = eligible(profiles[i].PersonID)
	}
	profiles[19].History = []person.Assessment{{Year: 2025, Grade: person.GradeIncompetent}}
	profiles[19].Accountability = []Evidence{ev("x9", KindAccountability, "2025-03-01", func(e *Evidence) { e.Class = "removal" })}
	recs, err := Recommend(DefaultRecommendConfig(), 2025, recommendOn, rk, profiles)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range append(recs.Promote[:1], recs.Adjust...) {
		for _, why := range r.Reasons {
			got = append(got, r.PersonID+" "+why.Key+" "+strings.Join(why.Args, ","))
		}
	}
	want := "a appraisal.recommend.top_rank 1,20|" +
		"t appraisal.recommend.bottom_rank 20,20|" +
		"t appraisal.recommend.incompetent 2025|" +
		"t appraisal.recommend.accountability x9,removal"
	if strings.Join(got, "|") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, "|"), want)
	}
}

func TestRecommendConfigValidate(t *testing.T) {
	cases := []struct {
		name string
		mod  func(*RecommendConfig)
		want string
	}{
		{"defaults", nil, ""},
		{"negative share", func(c *RecommendConfig) { c.AdjustPercent = -1 }, "adjust_percent=appraisal.config.percent"},
		{"negative years", func(c *RecommendConfig) { c.Levels[LevelCountyDeputy] = LevelRule{MinYearsInPost: -1, AgeBelow: 50} },
			"levels.county_deputy.min_years_in_post=appraisal.negative"},
		{"no age limit", func(c *RecommendConfig) { c.Levels[LevelCountyDeputy] = LevelRule{MinYearsInPost: 3} },
			"levels.county_deputy.age_below=appraisal.config.age"},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			c := DefaultRecommendConfig()
			if tt.mod != nil {
				tt.mod(&c)
			}
			if got := fieldKeys(t, c.Validate()); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFullYears(t *testing.T) {
	cases := []struct {
		from, on string
		want     int
	}{
		{"2020-03-10", "2026-03-09", 5},
		{"2020-03-10", "2026-03-10", 6},
		{"2000-02-29", "2001-02-28", 0},
		{"2000-02-29", "2001-03-01", 1},
	}
	for _, tt := range cases {
		t.Run(tt.from+" to "+tt.on, func(t *testing.T) {
			if got := fullYears(date(tt.from), date(tt.on)); got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}
