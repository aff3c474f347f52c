package appraisal

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"zugong/internal/fault"
	"zugong/internal/person"
)

func TestIndicatorPart(t *testing.T) {
	higher := Indicator{Weight: 20_00, Direction: HigherBetter, Method: Linear, Target: 5 * One}
	floored := Indicator{Weight: 10_00, Direction: HigherBetter, Method: Linear, Zero: 60 * One, Target: 95 * One}
	lower := Indicator{Weight: 5_00, Direction: LowerBetter, Method: Linear, Zero: 3 * One}
	bands := Indicator{Weight: 20_00, Direction: HigherBetter, Method: Banded,
		Bands: []Band{{Limit: 1000 * One, Percent: 40}, {Limit: 3000 * One, Percent: 70}, {Limit: 5000 * One, Percent: 100}}}
	lowBands := Indicator{Weight: 10_00, Direction: LowerBetter, Method: Banded,
		Bands: []Band{{Limit: 0, Percent: 100}, {Limit: 2 * One, Percent: 50}}}
	cases := []struct {
		name string
		in   Indicator
		v    Value
		want Points
	}{
		{"linear nothing", higher, 0, 0},
		{"linear two of five", higher, 2 * One, 8_00},
		{"linear at target", higher, 5 * One, 20_00},
		{"linear beyond target capped", higher, 9 * One, 20_00},
		{"linear rounds half up", higher, 1, 4},
		{"linear from a zero point", floored, 7750, 5_00},
		{"linear below its zero point", floored, 50 * One, 0},
		{"lower-is-better at target", lower, 0, 5_00},
		{"lower-is-better one of three", lower, 1 * One, 3_33},
		{"lower-is-better at zero", lower, 3 * One, 0},
		{"lower-is-better worse than zero", lower, 7 * One, 0},
		{"below the first band", bands, 999 * One, 0},
		{"first band", bands, 1000 * One, 8_00},
		{"between bands", bands, 4999 * One, 14_00},
		{"top band", bands, 8000 * One, 20_00},
		{"lower-is-better best band", lowBands, 0, 10_00},
		{"lower-is-better middle band", lowBands, 1 * One, 5_00},
		{"lower-is-better beyond every band", lowBands, 3 * One, 0},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.in.part(tt.v); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestItemPoints(t *testing.T) {
	it := Item{Per: 2_00, Cap: 5_00}
	cases := []struct {
		n    int
		want Points
	}{{0, 0}, {1, 2_00}, {2, 4_00}, {3, 5_00}, {1 << 40, 5_00}}
	for _, tt := range cases {
		t.Run(fmt.Sprint(tt.n), func(t *testing.T) {
			if got := it.points(tt.n); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

// oneScheme has one indicator whose points equal its value, a bonus and a
// veto, so tests can set totals directly.
func oneScheme(method Method, dir Direction) Scheme {
	in := Indicator{Code: "A", Name: "A", Orientation: OrientProjects, Weight: FullMarks, Direction: dir,
		Method: method, Target: 100 * One, Measure: MeasureCasesClosed}
	if dir == LowerBetter {
		in.Zero, in.Target = 100*One, 0
	}
	return Scheme{ID: "s1", Version: 3, Name: "one", Group: GroupDepartmentHeads,
		Period:     Period{From: date("2025-01-01"), To: date("2025-12-31")},
		Indicators: []Indicator{in},
		Bonuses:    []Item{{Code: "B", Name: "B", Kind: KindAward, Per: 1_00, Cap: 10_00}},
		Vetoes:     []Veto{{Code: "V", Name: "V", Kind: KindSanction, Cap: person.GradeIncompetent}},
	}
}

// subject has value v on the one indicator, b bonus occurrences and, when
// veto is set, a veto.
func subject(id string, v Value, b int, veto bool) Subject {
	sub := Subject{PersonID: id, Indicators: []Measured{{Value: v}}, Bonuses: []Measured{{}}, Vetoes: []Measured{{}}}
	for i := range b {
		sub.Bonuses[0].Evidence = append(sub.Bonuses[0].Evidence, fmt.Sprintf("%s-b%d", id, i))
	}
	sub.Bonuses[0].Value = Value(b) * One
	if veto {
		sub.Vetoes[0] = Measured{Value: One, Evidence: []string{id + "-s"}}
	}
	return sub
}

// standings renders results as "id:rank:total" in order.
func standings(rs []Result) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = fmt.Sprintf("%s:%d:%s", r.PersonID, r.Rank, r.Total)
	}
	return strings.Join(parts, " ")
}

func TestRankedIndicator(t *testing.T) {
	cases := []struct {
		name   string
		dir    Direction
		values []Value
		want   string
	}{
		{"linear in rank, ties share", HigherBetter, []Value{50, 30, 30, 10, 20},
			"a:1:100.00 b:2:75.00 c:2:75.00 e:4:25.00 d:5:0.00"},
		{"nothing achieved earns nothing", HigherBetter, []Value{0, 0, 0}, "a:1:0.00 b:1:0.00 c:1:0.00"},
		{"only values beyond zero earn", HigherBetter, []Value{0, 5, 0}, "b:1:100.00 a:2:0.00 c:2:0.00"},
		{"group of one", HigherBetter, []Value{7}, "a:1:100.00"},
		{"lower is better", LowerBetter, []Value{300, 100, 200}, "b:1:100.00 c:2:50.00 a:3:0.00"},
		{"lower is better, at zero earns nothing", LowerBetter, []Value{100 * One, 100}, "b:1:100.00 a:2:0.00"},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			s := oneScheme(Ranked, tt.dir)
			var subs []Subject
			for i, v := range tt.values {
				subs = append(subs, subject(string(rune('a'+i)), v, 0, false))
			}
			rk, err := s.ScoreGroup(subs)
			if err != nil {
				t.Fatal(err)
			}
			if got := standings(rk.Results); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestCompetitionRanking(t *testing.T) {
	cases := []struct {
		name string
		subs []Subject
		want string
	}{
		{"1 2 2 4", []Subject{subject("d", 10_00, 0, false), subject("c", 50_00, 0, false),
			subject("b", 50_00, 0, false), subject("a", 90_00, 0, false)},
			"a:1:90.00 b:2:50.00 c:2:50.00 d:4:10.00"},
		{"ties listed by person ID", []Subject{subject("z", 5_00, 0, false), subject("m", 5_00, 0, false),
			subject("a", 5_00, 0, false)},
			"a:1:5.00 m:1:5.00 z:1:5.00"},
		{"bonus breaks a tie", []Subject{subject("a", 5_00, 0, false), subject("b", 5_00, 1, false)},
			"b:1:6.00 a:2:5.00"},
		{"a veto ranks after everyone without one", []Subject{subject("a", 99_00, 0, true), subject("b", 1_00, 0, false),
			subject("c", 0, 0, false)},
			"b:1:1.00 c:2:0.00 a:3:99.00"},
		{"vetoed cadres tie among themselves", []Subject{subject("a", 3_00, 0, true), subject("b", 3_00, 0, true),
			subject("c", 0, 0, false)},
			"c:1:0.00 a:2:3.00 b:2:3.00"},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			s := oneScheme(Linear, HigherBetter)
			rk, err := s.ScoreGroup(tt.subs)
			if err != nil {
				t.Fatal(err)
			}
			if got := standings(rk.Results); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
			if rk.SchemeID != "s1" || rk.SchemeVersion != 3 {
				t.Errorf("got scheme %s v%d, want s1 v3", rk.SchemeID, rk.SchemeVersion)
			}
		})
	}
}

func TestRankingIgnoresInputOrder(t *testing.T) {
	s := testScheme()
	r := rand.New(rand.NewPCG(7, 7))
	subs := randomSubjects(r, &s, 200)
	first, err := s.ScoreGroup(subs)
	if err != nil {
		t.Fatal(err)
	}
	r.Shuffle(len(subs), func(i, j int) { subs[i], subs[j] = subs[j], subs[i] })
	second, err := s.ScoreGroup(subs)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := standings(first.Results), standings(second.Results); a != b {
		t.Errorf("got a different ranking after shuffling:\n%s\nwant\n%s", b, a)
	}
}

func TestVetoResult(t *testing.T) {
	s := testScheme()
	s.Vetoes = append(s.Vetoes, Veto{Code: "V2", Name: "问责免职", Kind: KindAccountability, Class: "removal", Cap: person.GradeIncompetent})
	sub, err := s.Measure("p1", append(evidenceOfP1(),
		ev("x2", KindAccountability, "2025-10-02", func(e *Evidence) { e.Class = "removal" })))
	if err != nil {
		t.Fatal(err)
	}
	rk, err := s.ScoreGroup([]Subject{sub})
	if err != nil {
		t.Fatal(err)
	}
	r := rk.Results[0]
	if !slices.Equal(r.Vetoes, []string{"V1", "V2"}) || r.Cap != person.GradeIncompetent {
		t.Errorf("got vetoes %v capped at %s, want [V1 V2] capped at %s", r.Vetoes, r.Cap, person.GradeIncompetent)
	}
}

func TestScaleMakesTheBest100(t *testing.T) {
	s := oneScheme(Linear, HigherBetter)
	s.Scale = true
	subs := []Subject{subject("a", 80_00, 0, false), subject("b", 40_00, 0, false), subject("c", 0, 0, false),
		subject("d", 60_00, 3, false)}
	rk, err := s.ScoreGroup(subs)
	if err != nil {
		t.Fatal(err)
	}
	want := "a:1:100.00 d:2:78.75 b:3:50.00 c:4:0.00"
	if got := standings(rk.Results); got != want || !rk.Scaled {
		t.Errorf("got %s (scaled %v), want %s scaled", got, rk.Scaled, want)
	}
}

func TestScaleLeavesANonPositiveGroup(t *testing.T) {
	s := oneScheme(Linear, HigherBetter)
	s.Scale = true
	rk, err := s.ScoreGroup([]Subject{subject("a", 0, 0, false)})
	if err != nil {
		t.Fatal(err)
	}
	if rk.Scaled || rk.Results[0].Total != 0 {
		t.Errorf("got scaled %v total %s, want unscaled 0.00", rk.Scaled, rk.Results[0].Total)
	}
}

// TestPartsAddUpToTheTotal scores many random groups under random weights,
// scaled and not, and checks every cadre's parts and explanation lines add
// up to the total exactly.
func TestPartsAddUpToTheTotal(t *testing.T) {
	r := rand.New(rand.NewPCG(2025, 6))
	for g := range 300 {
		s := testScheme()
		s.Scale = g%2 == 0
		randomWeights(r, &s)
		subs := randomSubjects(r, &s, 1+r.IntN(60))
		rk, err := s.ScoreGroup(subs)
		if err != nil {
			t.Fatalf("group %d: %v", g, err)
		}
		var best Points
		for i := range rk.Results {
			res := &rk.Results[i]
			var sum Points
			for _, p := range res.Parts {
				sum += p
			}
			if sum != res.Total {
				t.Fatalf("group %d, %s: got parts adding up to %s, want the total %s", g, res.PersonID, sum, res.Total)
			}
			x, err := s.Explain(&subs[res.Subject], res)
			if err != nil {
				t.Fatal(err)
			}
			sum = 0
			for _, l := range x.Lines {
				sum += l.Points
			}
			if sum != res.Total {
				t.Fatalf("group %d, %s: got lines adding up to %s, want the total %s", g, res.PersonID, sum, res.Total)
			}
			best = max(best, res.Total)
		}
		if rk.Scaled && best != FullMarks {
			t.Fatalf("group %d: got a scaled best of %s, want %s", g, best, FullMarks)
		}
	}
}

// randomWeights spreads FullMarks over the indicators at random.
func randomWeights(r *rand.Rand, s *Scheme) {
	left := FullMarks
	for i := range s.Indicators {
		w := left
		if i < len(s.Indicators)-1 {
			w = Points(r.Int64N(int64(left) + 1))
		}
		s.Indicators[i].Weight = w
		left -= w
	}
}

func TestExplain(t *testing.T) {
	s := testScheme()
	sub, err := s.Measure("p1", evidenceOfP1())
	if err != nil {
		t.Fatal(err)
	}
	other, err := s.Measure("p2", nil)
	if err != nil {
		t.Fatal(err)
	}
	rk, err := s.ScoreGroup([]Subject{sub, other})
	if err != nil {
		t.Fatal(err)
	}
	res := rk.Results[slices.IndexFunc(rk.Results, func(r Result) bool { return r.PersonID == "p1" })]
	x, err := s.Explain(&sub, &res)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range x.Lines {
		lines = append(lines, fmt.Sprintf("%s %s %s %s %v", l.Kind, l.Code, l.Value, l.Points, l.Evidence))
	}
	want := []string{
		"indicator P1 1.00 4.00 [pr1]",
		"indicator P2 2000.00 10.00 [pr1 pr2]",
		"indicator I1 3500.00 14.00 [d1 d2]",
		"indicator I2 9000.00 9.00 [d1 d2]",
		"indicator D1 1.00 10.00 [c1]",
		"indicator C1 2.00 5.00 [a1 a2]",
		"indicator E1 90.25 8.64 [as1 as2]",
		"indicator E2 1.00 3.33 [x1]",
		"indicator E3 80.00 5.71 [as3]",
		"bonus B1 1.00 2.00 [a1]",
		"deduction X1 1.00 -1.00 [x1]",
	}
	if got := strings.Join(lines, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("got lines\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
	if x.Total != 70_68 {
		t.Errorf("got total %s, want 70.68", x.Total)
	}
	if len(x.Vetoes) != 1 || x.Vetoes[0].Code != "V1" || !slices.Equal(x.Vetoes[0].Evidence, []string{"s1"}) {
		t.Errorf("got vetoes %+v, want V1 from s1", x.Vetoes)
	}
}

func TestScoreGroupOfNobody(t *testing.T) {
	s := testScheme()
	s.Scale = true
	rk, err := s.ScoreGroup(nil)
	if err != nil || len(rk.Results) != 0 || rk.Scaled {
		t.Errorf("got %+v, %v, want an empty unscaled ranking", rk, err)
	}
}

func TestScoreGroupRefuses(t *testing.T) {
	cases := []struct {
		name string
		mod  func(*Scheme, []Subject) []Subject
		want string
	}{
		{"an invalid scheme", func(s *Scheme, subs []Subject) []Subject { s.Indicators[0].Weight = 0; return subs },
			"error.invalid"},
		{"a subject of another shape", func(s *Scheme, subs []Subject) []Subject {
			subs[1].Indicators = subs[1].Indicators[:2]
			return subs
		}, "appraisal.subject.shape"},
		{"a subject without a person", func(s *Scheme, subs []Subject) []Subject { subs[0].PersonID = ""; return subs },
			"appraisal.subject.shape"},
		{"one person twice", func(s *Scheme, subs []Subject) []Subject { subs[2].PersonID = subs[0].PersonID; return subs },
			"appraisal.subject.duplicate"},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			s := testScheme()
			subs := tt.mod(&s, randomSubjects(rand.New(rand.NewPCG(1, 2)), &s, 3))
			_, err := s.ScoreGroup(subs)
			if !fault.Is(err, fault.Invalid) || keyOf(err) != tt.want {
				t.Errorf("got %v, want an invalid fault %s", err, tt.want)
			}
		})
	}
}

func BenchmarkScoreGroup1000(b *testing.B) {
	s := testScheme()
	s.Scale = true
	subs := randomSubjects(rand.New(rand.NewPCG(1, 1)), &s, 1000)
	for b.Loop() {
		if _, err := s.ScoreGroup(subs); err != nil {
			b.Fatal(err)
		}
	}
}
