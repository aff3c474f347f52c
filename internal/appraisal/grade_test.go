package appraisal

import (
	"fmt"
	"strings"
	"testing"

	"zugong/internal/person"
)

func TestExcellentQuota(t *testing.T) {
	cases := []struct{ n, percent, want int }{
		{0, 20, 0}, {4, 20, 0}, {5, 20, 1}, {9, 20, 1}, {10, 20, 2}, {14, 20, 2}, {15, 20, 3}, {100, 20, 20},
		{3, 25, 0}, {4, 25, 1}, {7, 25, 1}, {8, 25, 2},
	}
	for _, tt := range cases {
		t.Run(fmt.Sprintf("%d at %d%%", tt.n, tt.percent), func(t *testing.T) {
			if got := ExcellentQuota(tt.n, tt.percent); got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}

// group scores cadres "a", "b", … with the given values under oneScheme;
// letters in vetoed incur the veto, capped at vetoCap. It returns the
// ranking and blank profiles in subject order.
func group(t *testing.T, values []Value, vetoed string, vetoCap person.AssessmentGrade) (*Ranking, []Profile) {
	t.Helper()
	s := oneScheme(Linear, HigherBetter)
	if vetoCap != "" {
		s.Vetoes[0].Cap = vetoCap
	}
	subs := make([]Subject, len(values))
	profiles := make([]Profile, len(values))
	for i, v := range values {
		id := string(rune('a' + i))
		subs[i] = subject(id, v, 0, strings.Contains(vetoed, id))
		profiles[i] = Profile{PersonID: id}
	}
	rk, err := s.ScoreGroup(subs)
	if err != nil {
		t.Fatal(err)
	}
	return rk, profiles
}

func excellentIn(years ...int) []person.Assessment {
	var h []person.Assessment
	for _, y := range years {
		h = append(h, person.Assessment{Year: y, Grade: person.GradeExcellent})
	}
	return h
}

func TestProposeGrades(t *testing.T) {
	ten := []Value{90, 80, 70, 60, 50, 40, 30, 20, 10, 5}
	cases := []struct {
		name      string
		values    []Value
		vetoed    string
		vetoCap   person.AssessmentGrade
		probation string
		history   map[string][]person.Assessment
		approved  bool
		want      string
	}{
		{name: "4 cadres: nobody 优秀 at 20%", values: []Value{90, 80, 70, 60},
			want: "a:competent b:competent c:competent d:competent"},
		{name: "4 cadres with approval: one 优秀 at 25%", values: []Value{90, 80, 70, 60}, approved: true,
			want: "a:excellent b:competent c:competent d:competent"},
		{name: "5 cadres: one 优秀", values: []Value{90, 80, 70, 60, 50},
			want: "a:excellent b:competent c:competent d:competent e:competent"},
		{name: "9 cadres: one 优秀", values: ten[:9],
			want: "a:excellent b:competent c:competent d:competent e:competent f:competent g:competent h:competent i:competent"},
		{name: "10 cadres: two 优秀", values: ten,
			want: "a:excellent b:excellent c:competent d:competent e:competent f:competent g:competent h:competent i:competent j:competent"},
		{name: "probation gets no grade and is not counted", values: []Value{90, 80, 70, 60, 50}, probation: "a",
			want: "a:none b:competent c:competent d:competent e:competent"},
		{name: "probation below the line leaves the quota to the top", values: ten, probation: "j",
			want: "a:excellent b:competent c:competent d:competent e:competent f:competent g:competent h:competent i:competent j:none"},
		{name: "a veto excludes 优秀 and caps at its grade", values: []Value{90, 80, 70, 60, 50}, vetoed: "a",
			vetoCap: person.GradeBasic,
			want:    "b:excellent c:competent d:competent e:competent a:basic"},
		{name: "a sanction veto can cap at 不称职", values: []Value{90, 80, 70, 60, 50}, vetoed: "c",
			vetoCap: person.GradeIncompetent,
			want:    "a:excellent b:competent d:competent e:competent c:incompetent"},
		{name: "third 优秀 in a row earns a merit citation", values: []Value{90, 80, 70, 60, 50},
			history: map[string][]person.Assessment{"a": excellentIn(2023, 2024)},
			want:    "a:excellent:merit b:competent c:competent d:competent e:competent"},
		{name: "优秀 with a gap earns none", values: []Value{90, 80, 70, 60, 50},
			history: map[string][]person.Assessment{"a": excellentIn(2022, 2024)},
			want:    "a:excellent b:competent c:competent d:competent e:competent"},
		{name: "past 优秀 without this year's earns none", values: []Value{90, 80, 70, 60, 50},
			history: map[string][]person.Assessment{"b": excellentIn(2023, 2024)},
			want:    "a:excellent b:competent c:competent d:competent e:competent"},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			rk, profiles := group(t, tt.values, tt.vetoed, tt.vetoCap)
			for i := range profiles {
				p := &profiles[i]
				p.Probation = strings.Contains(tt.probation, p.PersonID)
				p.History = tt.history[p.PersonID]
			}
			gs, err := ProposeGrades(DefaultGradeConfig(), 2025, tt.approved, rk, profiles)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, g := range gs {
				s := g.PersonID + ":" + string(g.Grade)
				if g.MeritCitation {
					s += ":merit"
				}
				got = append(got, s)
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("got  %s\nwant %s", strings.Join(got, " "), tt.want)
			}
		})
	}
}

func TestGradeReasons(t *testing.T) {
	rk, profiles := group(t, []Value{90, 90, 70, 60, 50, 40}, "f", person.GradeBasic)
	profiles[4].Probation = true
	profiles[0].History = excellentIn(2023, 2024)
	gs, err := ProposeGrades(DefaultGradeConfig(), 2025, false, rk, profiles)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"a": "appraisal.grade.within_quota appraisal.grade.merit_citation appraisal.grade.tie_at_quota",
		"b": "appraisal.grade.outside_quota appraisal.grade.tie_at_quota",
		"c": "appraisal.grade.outside_quota",
		"e": "appraisal.grade.probation",
		"f": "appraisal.grade.veto",
	}
	for _, g := range gs {
		if w, ok := want[g.PersonID]; ok && reasonKeys(g.Reasons) != w {
			t.Errorf("%s: got reasons %s, want %s", g.PersonID, reasonKeys(g.Reasons), w)
		}
	}
	if args := strings.Join(gs[0].Reasons[0].Args, ","); args != "1,1,5" {
		t.Errorf("got quota arguments %s, want rank 1, quota 1 of 5 graded", args)
	}
}

func TestProposeGradesRefuses(t *testing.T) {
	cases := []struct {
		name string
		cfg  GradeConfig
		mod  func([]Profile) []Profile
		want string
	}{
		{"a share over 100", GradeConfig{ExcellentPercent: 120, ApprovedPercent: 25}, nil, "error.invalid"},
		{"profiles of other people", DefaultGradeConfig(), func(p []Profile) []Profile { p[1].PersonID = "q"; return p },
			"appraisal.profiles_mismatch"},
		{"a profile missing", DefaultGradeConfig(), func(p []Profile) []Profile { return p[:2] },
			"appraisal.profiles_mismatch"},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			rk, profiles := group(t, []Value{3, 2, 1}, "", "")
			if tt.mod != nil {
				profiles = tt.mod(profiles)
			}
			if _, err := ProposeGrades(tt.cfg, 2025, false, rk, profiles); keyOf(err) != tt.want {
				t.Errorf("got %v, want %s", err, tt.want)
			}
		})
	}
}
