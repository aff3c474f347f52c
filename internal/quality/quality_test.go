package quality

import (
	"fmt"
	"strings"
	"testing"

	"zugong/internal/civil"
	"zugong/internal/i18n"
	"zugong/internal/person"
)

var today = civil.MustParse("2026-03-15")

var date = civil.MustParse

// idNumber makes a valid ID number for a birth date and gender ("1", "2").
func idNumber(birth civil.Date, gender string, seq int) string {
	seq = seq*2 + map[string]int{"1": 1, "2": 0}[gender]
	first := fmt.Sprintf("411724%04d%02d%02d%03d", birth.Year, int(birth.Month), birth.Day, seq)
	return first + string(person.IDCheckChar(first))
}

// clean is a cadre and party member whose record is consistent throughout.
func clean() person.Dossier {
	birth := date("1980-05-12")
	return person.Dossier{
		Person: person.Person{
			ID: "p1", OrgID: "o1", Name: "张三", Gender: "1", BirthDate: birth,
			IDNumber:      idNumber(birth, "1", 1),
			PartyJoinDate: date("2001-06-01"), WorkStartDate: date("2002-07-01"),
			FullTime: person.Education{Level: "21", School: "郑州大学"},
		},
		Party: &person.PartyMember{Category: person.FullMember, JoinDate: date("2001-06-01"), FullDate: date("2002-06-01")},
		Cadre: &person.Cadre{
			Resume: []person.ResumeLine{
				{From: date("1998-09-01"), To: date("2002-07-01"), Text: "郑州大学中文系学习", FullTime: true},
				{From: date("2002-07-01"), To: date("2010-03-01"), Text: "正阳县财政局科员", FullTime: true},
				{From: date("2005-09-01"), To: date("2008-07-01"), Text: "（其间：2005.09--2008.07 在中央党校函授学院本科班学习）", InService: true},
				{From: date("2010-03-01"), Text: "正阳县农业农村局副局长", FullTime: true},
			},
			Posts: []person.Post{{UnitName: "正阳县农业农村局", Title: "副局长", Current: true, ProbationMonths: 12,
				Appointed: person.Decision{Date: date("2025-06-01")}}},
		},
	}
}

func TestCleanDossier(t *testing.T) {
	d := clean()
	if fs := Check(DefaultConfig(), today, &d); len(fs) != 0 {
		t.Fatalf("a consistent dossier gives findings: %+v", fs)
	}
}

type ruleCase struct {
	name   string
	cfg    func(*Config)
	mutate func(*person.Dossier)
	// fires is how many findings of the rule are expected.
	fires int
	// why and args, when set, are those of the first finding.
	why  string
	args []any
}

func runRuleCases(t *testing.T, rule string, cases []ruleCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(rule+"/"+tt.name, func(t *testing.T) {
			cfg := DefaultConfig()
			if tt.cfg != nil {
				tt.cfg(&cfg)
			}
			d := clean()
			if tt.mutate != nil {
				tt.mutate(&d)
			}
			var got []Finding
			for _, f := range Check(cfg, today, &d) {
				if f.Rule == rule {
					got = append(got, f)
				}
			}
			if len(got) != tt.fires {
				t.Fatalf("got %d findings of %s, want %d: %+v", len(got), rule, tt.fires, got)
			}
			if tt.fires == 0 {
				return
			}
			f := got[0]
			if f.PersonID != "p1" || f.PersonName != d.Person.Name || f.OrgID != "o1" {
				t.Errorf("finding names %s %s in %s, want p1 %s in o1", f.PersonID, f.PersonName, f.OrgID, d.Person.Name)
			}
			want := tt.why
			if want == "" {
				want = "quality.rule." + rule + ".why"
			}
			if f.Why != want {
				t.Errorf("why %s, want %s", f.Why, want)
			}
			if tt.args != nil && fmt.Sprint(f.Args) != fmt.Sprint(tt.args) {
				t.Errorf("args %v, want %v", f.Args, tt.args)
			}
			if len(f.Values) == 0 {
				t.Error("the finding shows no values")
			}
		})
	}
}

func TestIDInvalid(t *testing.T) {
	runRuleCases(t, RuleIDInvalid, []ruleCase{
		{name: "valid number", fires: 0},
		{name: "no number", mutate: func(d *person.Dossier) { d.Person.IDNumber = "" }, fires: 0},
		{name: "wrong check character", mutate: func(d *person.Dossier) {
			id := d.Person.IDNumber
			wrong := "0"
			if id[17] == '0' {
				wrong = "1"
			}
			d.Person.IDNumber = id[:17] + wrong
		}, fires: 1},
		{name: "too short", mutate: func(d *person.Dossier) { d.Person.IDNumber = "4117241980" }, fires: 1, args: []any{"411***1980"}},
		{name: "no such birth date", mutate: func(d *person.Dossier) { d.Person.IDNumber = "411724198002300011" }, fires: 1},
	})
}

func TestIDVsBirth(t *testing.T) {
	runRuleCases(t, RuleIDVsBirth, []ruleCase{
		{name: "same date", fires: 0},
		{name: "a day later on record", mutate: func(d *person.Dossier) { d.Person.BirthDate = date("1980-05-13") },
			fires: 1, args: []any{"1980-05-12", "1980-05-13"}},
		{name: "no birth date on record", mutate: func(d *person.Dossier) { d.Person.BirthDate = civil.Date{} }, fires: 0},
		{name: "invalid number is not compared", mutate: func(d *person.Dossier) {
			d.Person.BirthDate, d.Person.IDNumber = date("1970-01-01"), "411724198005120000"
		}, fires: 0},
	})
}

func TestIDVsGender(t *testing.T) {
	runRuleCases(t, RuleIDVsGender, []ruleCase{
		{name: "male number, male record", fires: 0},
		{name: "male number, female record", mutate: func(d *person.Dossier) { d.Person.Gender = "2" }, fires: 1},
		{name: "female number, male record", mutate: func(d *person.Dossier) { d.Person.IDNumber = idNumber(d.Person.BirthDate, "2", 3) }, fires: 1},
		{name: "gender not stated", mutate: func(d *person.Dossier) { d.Person.Gender = "9" }, fires: 0},
		{name: "gender unknown", mutate: func(d *person.Dossier) { d.Person.Gender = "0" }, fires: 0},
	})
}

func TestPartyBefore18(t *testing.T) {
	join := func(s string) func(*person.Dossier) {
		return func(d *person.Dossier) { d.Party.JoinDate, d.Party.FullDate = date(s), civil.Date{} }
	}
	runRuleCases(t, RulePartyBefore18, []ruleCase{
		{name: "joined at 21", fires: 0},
		{name: "joined the day before turning 18", mutate: join("1998-05-11"), fires: 1, args: []any{17, 18}},
		{name: "joined on the 18th birthday", mutate: join("1998-05-12"), fires: 0},
		{name: "joined at 17 under a threshold of 16", cfg: func(c *Config) { c.MinPartyAge = 16 }, mutate: join("1998-05-11"), fires: 0},
		{name: "master record date without party facet", mutate: func(d *person.Dossier) {
			d.Party, d.Person.PartyJoinDate = nil, date("1998-05-11")
		}, fires: 1},
		{name: "born on 29 February, joined on 28 February at 18", mutate: func(d *person.Dossier) {
			d.Person.BirthDate = date("2000-02-29")
			d.Party.JoinDate = date("2018-02-28")
		}, fires: 1, args: []any{17, 18}},
		{name: "born on 29 February, joined on 1 March at 18", mutate: func(d *person.Dossier) {
			d.Person.BirthDate = date("2000-02-29")
			d.Party.JoinDate = date("2018-03-01")
		}, fires: 0},
		{name: "no birth date", mutate: func(d *person.Dossier) { d.Person.BirthDate = civil.Date{} }, fires: 0},
	})
}

func TestWorkBefore16(t *testing.T) {
	work := func(s string) func(*person.Dossier) {
		return func(d *person.Dossier) { d.Person.WorkStartDate = date(s) }
	}
	runRuleCases(t, RuleWorkBefore16, []ruleCase{
		{name: "started at 22", fires: 0},
		{name: "started the day before turning 16", mutate: work("1996-05-11"), fires: 1, args: []any{15, 16}},
		{name: "started on the 16th birthday", mutate: work("1996-05-12"), fires: 0},
		{name: "started at 17 under a threshold of 18", cfg: func(c *Config) { c.MinWorkAge = 18 }, mutate: work("1997-06-01"), fires: 1, args: []any{17, 18}},
		{name: "no work start date", mutate: func(d *person.Dossier) { d.Person.WorkStartDate = civil.Date{} }, fires: 0},
	})
}

func TestFullMemberNotOneYear(t *testing.T) {
	full := func(s string) func(*person.Dossier) { return func(d *person.Dossier) { d.Party.FullDate = date(s) } }
	runRuleCases(t, RuleFullMemberDate, []ruleCase{
		{name: "exactly one year", fires: 0},
		{name: "31 days late", mutate: full("2002-07-02"), fires: 0},
		{name: "32 days late", mutate: full("2002-07-03"), fires: 1, args: []any{"2002-07-03", "2002-06-01", 32, 31}},
		{name: "31 days early", mutate: full("2002-05-01"), fires: 0},
		{name: "32 days early", mutate: full("2002-04-30"), fires: 1},
		{name: "32 days late with a tolerance of 60", cfg: func(c *Config) { c.FullMemberToleranceDays = 60 }, mutate: full("2002-07-03"), fires: 0},
		{name: "probationary member", mutate: func(d *person.Dossier) {
			d.Party.Category, d.Party.FullDate = person.ProbationaryMember, civil.Date{}
		}, fires: 0},
		{name: "no party facet", mutate: func(d *person.Dossier) { d.Party = nil }, fires: 0},
	})
}

func TestEducationVsResume(t *testing.T) {
	addLine := func(r person.ResumeLine) func(*person.Dossier) {
		return func(d *person.Dossier) { d.Cadre.Resume = append(d.Cadre.Resume, r) }
	}
	runRuleCases(t, RuleEducationVsResume, []ruleCase{
		{name: "school in a study line", fires: 0},
		{name: "school in no line", mutate: func(d *person.Dossier) { d.Person.FullTime.School = "河南大学" },
			fires: 1, args: []any{"河南大学"}},
		{name: "school named only in a work line", mutate: func(d *person.Dossier) {
			d.Cadre.Resume[0].Text = "郑州大学中文系教师"
		}, fires: 1},
		{name: "school named only in in-service study", mutate: func(d *person.Dossier) {
			d.Person.FullTime.School = "中央党校函授学院"
		}, fires: 1},
		{name: "no school recorded", mutate: func(d *person.Dossier) { d.Person.FullTime.School = "" }, fires: 0},
		{name: "no resume", mutate: func(d *person.Dossier) { d.Cadre.Resume = nil }, fires: 0},
		{name: "not a cadre", mutate: func(d *person.Dossier) { d.Cadre = nil }, fires: 0},
		{name: "full-time master's study after graduating", mutate: addLine(person.ResumeLine{
			From: date("2004-09-01"), To: date("2007-07-01"), Text: "北京大学法学院硕士研究生学习", FullTime: true}),
			fires: 1, why: "quality.rule.education_vs_resume.why_later",
			args: []any{"郑州大学", "2002.07", "2004.09--2007.07 北京大学法学院硕士研究生学习"}},
		{name: "party school training after graduating", mutate: addLine(person.ResumeLine{
			From: date("2005-03-01"), To: date("2005-07-01"), Text: "省委党校中青年干部培训班学习", FullTime: true}), fires: 0},
		{name: "in-service study after graduating", mutate: addLine(person.ResumeLine{
			From: date("2004-09-01"), To: date("2007-07-01"), Text: "（其间：在郑州大学法学院在职研究生学习）", InService: true}), fires: 0},
		{name: "study starting in the month of graduation", mutate: addLine(person.ResumeLine{
			From: date("2002-07-01"), To: date("2002-08-01"), Text: "北京大学暑期学校学习", FullTime: true}), fires: 0},
		{name: "study starting the month after graduation", mutate: addLine(person.ResumeLine{
			From: date("2002-08-01"), To: date("2002-09-01"), Text: "北京大学暑期学校学习", FullTime: true}), fires: 1,
			why: "quality.rule.education_vs_resume.why_later"},
	})
}

func TestResumeGap(t *testing.T) {
	firstWork := func(s string) func(*person.Dossier) {
		return func(d *person.Dossier) { d.Cadre.Resume[1].From = date(s) }
	}
	runRuleCases(t, RuleResumeGap, []ruleCase{
		{name: "lines meet", fires: 0},
		{name: "three empty months", mutate: firstWork("2002-11-01"), fires: 0},
		{name: "four empty months", mutate: firstWork("2002-12-01"), fires: 1, args: []any{"2002.07", "2002.12", 4, 3}},
		{name: "four empty months allowed", cfg: func(c *Config) { c.MaxResumeGapMonths = 4 }, mutate: firstWork("2002-12-01"), fires: 0},
		{name: "in-service study does not fill a gap", mutate: func(d *person.Dossier) {
			d.Cadre.Resume[1].From = date("2003-06-01")
			d.Cadre.Resume = append(d.Cadre.Resume, person.ResumeLine{From: date("2002-07-01"), To: date("2003-06-01"), Text: "在职学习", InService: true})
		}, fires: 1},
		{name: "a long line covers a short one", mutate: func(d *person.Dossier) {
			d.Cadre.Resume = append(d.Cadre.Resume, person.ResumeLine{From: date("2003-01-01"), To: date("2004-01-01"), Text: "借调县委办公室", FullTime: true})
		}, fires: 0},
		{name: "two gaps", mutate: func(d *person.Dossier) {
			d.Cadre.Resume[1].From = date("2003-01-01")
			d.Cadre.Resume[3].From = date("2011-01-01")
		}, fires: 2},
		{name: "lines out of order", mutate: func(d *person.Dossier) {
			r := d.Cadre.Resume
			r[0], r[3] = r[3], r[0]
		}, fires: 0},
		{name: "an open line covers what follows", mutate: func(d *person.Dossier) { d.Cadre.Resume[1].To = civil.Date{} }, fires: 0},
	})
}

func TestResumeOverlap(t *testing.T) {
	runRuleCases(t, RuleResumeOverlap, []ruleCase{
		{name: "lines meet", fires: 0},
		{name: "one month shared", mutate: func(d *person.Dossier) { d.Cadre.Resume[3].From = date("2010-02-01") },
			fires: 1, args: []any{1}},
		{name: "one month shared, allowed", cfg: func(c *Config) { c.MaxResumeOverlapMonths = 1 },
			mutate: func(d *person.Dossier) { d.Cadre.Resume[3].From = date("2010-02-01") }, fires: 0},
		{name: "two open lines", mutate: func(d *person.Dossier) { d.Cadre.Resume[1].To = civil.Date{} }, fires: 1},
		{name: "a line inside another", mutate: func(d *person.Dossier) {
			d.Cadre.Resume = append(d.Cadre.Resume, person.ResumeLine{From: date("2003-01-01"), To: date("2004-01-01"), Text: "借调县委办公室", FullTime: true})
		}, fires: 1, args: []any{12}},
		{name: "in-service study inside a line", fires: 0},
	})
}

func TestProbationExpired(t *testing.T) {
	appointed := func(s string) func(*person.Dossier) {
		return func(d *person.Dossier) { d.Cadre.Posts[0].Appointed.Date = date(s) }
	}
	runRuleCases(t, RuleProbationExpired, []ruleCase{
		{name: "probation running", fires: 0},
		{name: "probation ends today", mutate: appointed("2025-03-15"), fires: 0},
		{name: "probation ended yesterday", mutate: appointed("2025-03-14"), fires: 1, args: []any{"正阳县农业农村局副局长", "2026-03-14"}},
		{name: "a former post", mutate: func(d *person.Dossier) {
			appointed("2020-01-01")(d)
			d.Cadre.Posts[0].Current = false
		}, fires: 0},
		{name: "no probation", mutate: func(d *person.Dossier) {
			appointed("2020-01-01")(d)
			d.Cadre.Posts[0].ProbationMonths = 0
		}, fires: 0},
		{name: "probation ended and was confirmed", mutate: func(d *person.Dossier) {
			appointed("2025-03-14")(d)
			d.Cadre.Posts[0].ProbationConfirmed = date("2026-03-20")
		}, fires: 0},
		{name: "not a cadre", mutate: func(d *person.Dossier) { d.Cadre = nil }, fires: 0},
	})
}

func TestDuplicateID(t *testing.T) {
	someone := func(id, name, number string) *person.Dossier {
		return &person.Dossier{Person: person.Person{ID: id, Name: name, OrgID: "o1", IDNumber: number}}
	}
	x := idNumber(date("1990-01-01"), "1", 0)
	for seq := 1; x[17] != 'X'; seq++ {
		x = idNumber(date("1990-01-01"), "1", seq)
	}
	other := idNumber(date("1991-01-01"), "2", 0)
	tests := []struct {
		name   string
		people []*person.Dossier
		want   map[string][]string // person ID → names shown as the others
	}{
		{"different numbers", []*person.Dossier{someone("a", "甲", x), someone("b", "乙", other)}, nil},
		{"two people, one number", []*person.Dossier{someone("a", "甲", x), someone("b", "乙", x)},
			map[string][]string{"a": {"乙"}, "b": {"甲"}}},
		{"lower-case x", []*person.Dossier{someone("a", "甲", x), someone("b", "乙", strings.ToLower(x))},
			map[string][]string{"a": {"乙"}, "b": {"甲"}}},
		{"three people", []*person.Dossier{someone("a", "甲", x), someone("b", "乙", x), someone("c", "丙", x)},
			map[string][]string{"a": {"乙", "丙"}, "b": {"甲", "丙"}, "c": {"甲", "乙"}}},
		{"one person added twice", []*person.Dossier{someone("a", "甲", x), someone("a", "甲", x)}, nil},
		{"rows of a file, not yet saved", []*person.Dossier{someone("", "甲", x), someone("", "乙", x)},
			map[string][]string{"": {"甲", "乙"}}}, // 乙 sorts before 甲 and names 甲
		{"no numbers", []*person.Dossier{someone("a", "甲", ""), someone("b", "乙", "")}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := NewDuplicates()
			for _, d := range tt.people {
				u.Add(d)
			}
			fs := u.Findings()
			got := map[string][]string{}
			for _, f := range fs {
				if f.Rule != RuleDuplicateID || f.Why != "quality.rule.duplicate_id.why" {
					t.Fatalf("finding %+v", f)
				}
				if f.Values[0].Text != "4117**********"+x[14:] {
					t.Errorf("number shown as %s", f.Values[0].Text)
				}
				for _, v := range f.Values[1:] {
					got[f.PersonID] = append(got[f.PersonID], v.Text)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(orEmpty(tt.want)) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func orEmpty(m map[string][]string) map[string][]string {
	if m == nil {
		return map[string][]string{}
	}
	return m
}

func TestChecker(t *testing.T) {
	c := NewChecker(DefaultConfig(), today)
	a := clean()
	a.Person.Gender = "2" // id_vs_gender
	b := clean()
	b.Person.ID, b.Person.Name, b.Person.OrgID = "p2", "李四", "o0"
	b.Party.FullDate = date("2003-06-01") // full_member_not_one_year
	c.Add(&a)
	c.Add(&b)
	ok := clean()
	ok.Person.ID, ok.Person.IDNumber = "p3", idNumber(ok.Person.BirthDate, "1", 7)
	c.Add(&ok)
	var got []string
	for _, f := range c.Findings() {
		got = append(got, f.OrgID+" "+f.PersonName+" "+f.Rule)
	}
	want := []string{
		"o0 李四 duplicate_id", "o0 李四 full_member_not_one_year",
		"o1 张三 id_vs_gender", "o1 张三 duplicate_id",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestRules(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules {
		if seen[r.ID] {
			t.Errorf("rule %s listed twice", r.ID)
		}
		seen[r.ID] = true
		if got, ok := RuleByID(r.ID); !ok || got != r {
			t.Errorf("RuleByID(%s) = %v, %v", r.ID, got, ok)
		}
	}
	if _, ok := RuleByID("nonsense"); ok {
		t.Error("RuleByID found a rule that does not exist")
	}
	for _, id := range []string{RuleIDInvalid, RuleIDVsBirth, RuleIDVsGender, RulePartyBefore18, RuleWorkBefore16, RuleEducationVsResume,
		RuleResumeGap, RuleResumeOverlap, RuleFullMemberDate, RuleDuplicateID, RuleProbationExpired} {
		if !seen[id] {
			t.Errorf("rule %s is not in Rules", id)
		}
	}
}

// TestCatalog renders every rule's name and every finding the rule tests
// produce in every locale: each key must exist and its placeholders must
// match the arguments.
func TestCatalog(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	check := func(key string, args ...any) {
		t.Helper()
		if !cat.Has(key) {
			t.Errorf("catalog lacks %s", key)
			return
		}
		for _, loc := range i18n.Locales {
			if s := cat.T(loc, key, args...); strings.Contains(s, "%!") {
				t.Errorf("%s in %s renders as %q", key, loc, s)
			}
		}
	}
	for _, r := range Rules {
		check(r.NameKey())
		check("quality.group." + string(r.Group))
	}
	var all []Finding
	for _, d := range sampleFlawed() {
		all = append(all, Check(DefaultConfig(), today, d)...)
	}
	u := NewDuplicates()
	twins := sampleFlawed()
	twins[1].Person.IDNumber = twins[0].Person.IDNumber
	u.Add(twins[0])
	u.Add(twins[1])
	all = append(all, u.Findings()...)
	rules := map[string]bool{}
	for _, f := range all {
		rules[f.Rule] = true
		check(f.Why, f.Args...)
		for _, v := range f.Values {
			check(v.Key)
		}
	}
	for _, r := range Rules {
		if !rules[r.ID] {
			t.Errorf("no sample finding of %s was rendered", r.ID)
		}
	}
}

// sampleFlawed returns dossiers that between them break every rule.
func sampleFlawed() []*person.Dossier {
	var out []*person.Dossier
	add := func(f func(*person.Dossier)) {
		d := clean()
		d.Person.ID = fmt.Sprint("p", len(out))
		f(&d)
		out = append(out, &d)
	}
	add(func(d *person.Dossier) {
		d.Person.IDNumber = "4117241980"
		d.Person.WorkStartDate = date("1996-01-01")
		d.Party.JoinDate, d.Party.FullDate = date("1997-01-01"), date("1999-01-01")
		d.Person.FullTime.School = "河南大学"
		d.Cadre.Resume[1].From = date("2003-06-01")
		d.Cadre.Resume[3].From = date("2009-01-01")
		d.Cadre.Posts[0].Appointed.Date = date("2024-01-01")
	})
	add(func(d *person.Dossier) { d.Person.BirthDate, d.Person.Gender = date("1980-05-13"), "2" })
	add(func(d *person.Dossier) {
		d.Cadre.Resume = append(d.Cadre.Resume, person.ResumeLine{From: date("2004-09-01"), To: date("2007-07-01"), Text: "北京大学硕士研究生学习"})
	})
	return out
}
