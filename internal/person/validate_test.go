package person

import (
	"fmt"
	"strings"
	"testing"

	"zugong/internal/civil"
	"zugong/internal/fault"
)

var validateToday = civil.MustParse("2026-03-15")

// testIDNumber makes a valid ID number registered in Zhengyang for a birth
// date and gender ("1" or "2") whose check character is want (0 for any).
func testIDNumber(t *testing.T, birth civil.Date, gender string, want byte) string {
	t.Helper()
	for seq := 0; seq < 1000; seq++ {
		if fmt.Sprint(seq%2) != map[string]string{"1": "1", "2": "0"}[gender] {
			continue
		}
		first := fmt.Sprintf("411724%04d%02d%02d%03d", birth.Year, int(birth.Month), birth.Day, seq)
		if c := IDCheckChar(first); want == 0 || c == want {
			return first + string(c)
		}
	}
	t.Fatalf("no ID number for %s with check character %c", birth, want)
	return ""
}

// goodDossier is a dossier with every facet that passes every rule.
func goodDossier(t *testing.T) Dossier {
	birth := civil.MustParse("1980-05-12")
	d := civil.MustParse
	return Dossier{
		Person: Person{
			Name: "张三", Gender: "1", BirthDate: birth, Ethnicity: "01", Health: "1", PoliticalStatus: "01",
			NativePlace: Place{Code: "411724", Text: "河南正阳"}, Birthplace: Place{Code: "411724"},
			IDNumber:      testIDNumber(t, birth, "1", 0),
			PartyJoinDate: d("2001-06-01"), WorkStartDate: d("2002-07-01"),
			FullTime: Education{Level: "21", Degree: "408", School: "郑州大学"},
			Phone:    "13812345678",
		},
		Party: &PartyMember{
			Category: FullMember, JoinDate: d("2001-06-01"), FullDate: d("2002-06-01"), Standing: StandingNormal,
			Pipeline: []PipelineStep{
				{Stage: StageApplicant, Date: d("1999-10-01")},
				{Stage: StageActivist, Date: d("2000-03-01")},
				{Stage: StageCandidate, Date: d("2001-03-01")},
				{Stage: StageProbationary, Date: d("2001-06-01"), Introducers: []string{"李四", "王五"}},
				{Stage: StageFull, Date: d("2002-06-01")},
			},
			Transfers: []Transfer{{FromBranchID: "b1", ToBranchID: "b2", Date: d("2010-01-01")}},
		},
		Cadre: &Cadre{
			Management: ManagedCounty,
			Posts: []Post{{Title: "副局长", ProbationMonths: 12, Current: true,
				Appointed: Decision{Organ: "中共正阳县委", Date: d("2025-01-10"), DocumentNo: "正组〔2025〕3号"}}},
			Resume: []ResumeLine{
				{From: d("1998-09-01"), To: d("2002-07-01"), Text: "郑州大学学习", FullTime: true},
				{From: d("2002-07-01"), Text: "正阳县财政局工作", FullTime: true},
			},
			Rewards:     []Reward{{Kind: "reward", Name: "嘉奖", Date: d("2020-12-01")}},
			Assessments: []Assessment{{Year: 2024, Grade: GradeExcellent}, {Year: 2025, Grade: GradeCompetent}},
			Family:      []Relative{{Relation: "妻子", Name: "李梅", BirthDate: d("1982-03-04"), PoliticalStatus: "13"}},
		},
		Talent: &Talent{Category: TalentProfessional, Skills: []Skill{{Name: "会计", Level: 3}}, Availability: Available},
	}
}

func TestValidateGood(t *testing.T) {
	d := goodDossier(t)
	if err := Validate(&d, validateToday); err != nil {
		t.Fatalf("the good dossier fails: %v", err)
	}
	bare := Dossier{Person: Person{Name: "李四", Gender: "2", BirthDate: civil.MustParse("1990-01-01")}}
	if err := Validate(&bare, validateToday); err != nil {
		t.Fatalf("a bare master record fails: %v", err)
	}
}

func TestValidate(t *testing.T) {
	date := civil.MustParse
	tests := []struct {
		name   string
		mutate func(t *testing.T, d *Dossier)
		// field and key expected; field "" means the dossier stays valid.
		field, key string
		args       []any
	}{
		// name
		{"name missing", func(t *testing.T, d *Dossier) { d.Person.Name = " " }, "name", "field.required", nil},
		{"name of one character", func(t *testing.T, d *Dossier) { d.Person.Name = "张" }, "name", "field.person.name.length", []any{2, 20}},
		{"name of 21 characters", func(t *testing.T, d *Dossier) { d.Person.Name = strings.Repeat("张", 21) }, "name", "field.person.name.length", nil},
		{"name of 20 characters", func(t *testing.T, d *Dossier) { d.Person.Name = strings.Repeat("张", 20) }, "", "", nil},
		{"name of two characters", func(t *testing.T, d *Dossier) { d.Person.Name = "张三" }, "", "", nil},
		{"name with a dot", func(t *testing.T, d *Dossier) { d.Person.Name = "买买提·艾力" }, "", "", nil},
		{"name in Latin letters", func(t *testing.T, d *Dossier) { d.Person.Name = "Anna Li" }, "", "", nil},
		{"name with a digit", func(t *testing.T, d *Dossier) { d.Person.Name = "张3" }, "name", "field.person.name.chars", nil},
		{"name starting with a dot", func(t *testing.T, d *Dossier) { d.Person.Name = "·艾力" }, "name", "field.person.name.chars", nil},
		{"name with two dots", func(t *testing.T, d *Dossier) { d.Person.Name = "买买提··艾力" }, "name", "field.person.name.chars", nil},
		{"name with a space between Han characters", func(t *testing.T, d *Dossier) { d.Person.Name = "张 三" }, "name", "field.person.name.chars", nil},

		// gender
		{"gender missing", func(t *testing.T, d *Dossier) { d.Person.Gender = "" }, "gender", "field.required", nil},
		{"gender not a code", func(t *testing.T, d *Dossier) { d.Person.Gender = "3" }, "gender", "field.invalid_choice", nil},
		{"gender not stated", func(t *testing.T, d *Dossier) { d.Person.Gender = "9" }, "", "", nil},

		// birth date
		{"birth date missing", func(t *testing.T, d *Dossier) { d.Person.BirthDate = civil.Date{} }, "birth_date", "field.required", nil},
		{"birth date tomorrow", func(t *testing.T, d *Dossier) { bare(d, validateToday.AddDays(1)) }, "birth_date", "field.person.date.future", nil},
		{"birth date today", func(t *testing.T, d *Dossier) { bare(d, validateToday) }, "", "", nil},
		{"birth date before 1900", func(t *testing.T, d *Dossier) { bare(d, date("1899-12-31")) }, "birth_date", "field.person.birth_date.too_early", []any{1900}},
		{"birth date on 1900-01-01", func(t *testing.T, d *Dossier) { bare(d, date("1900-01-01")) }, "", "", nil},

		// ID number
		{"ID number too short", func(t *testing.T, d *Dossier) { d.Person.IDNumber = "41172419800512" }, "id_number", "field.person.id_number.length", nil},
		{"ID number with a letter", func(t *testing.T, d *Dossier) { d.Person.IDNumber = "41172419800512A011" }, "id_number", "field.person.id_number.chars", nil},
		{"ID number with no such birth date", func(t *testing.T, d *Dossier) { d.Person.IDNumber = "411724198013320110" }, "id_number", "field.person.id_number.birth", nil},
		{"ID number with a wrong check character", func(t *testing.T, d *Dossier) {
			id, wrong := d.Person.IDNumber, "0"
			if id[17] == '0' {
				wrong = "1"
			}
			d.Person.IDNumber = id[:17] + wrong
		}, "id_number", "field.person.id_number.check", nil},
		{"ID number with a lower-case x", func(t *testing.T, d *Dossier) {
			d.Person.IDNumber = strings.ToLower(testIDNumber(t, d.Person.BirthDate, "1", 'X'))
		}, "", "", nil},
		{"ID number absent", func(t *testing.T, d *Dossier) { d.Person.IDNumber = "" }, "", "", nil},
		{"birth date disagrees with the ID number", func(t *testing.T, d *Dossier) { d.Person.BirthDate = date("1980-05-13") },
			"birth_date", "field.person.birth_date.id_mismatch", []any{"1980-05-12"}},
		{"gender disagrees with the ID number", func(t *testing.T, d *Dossier) { d.Person.Gender = "2" }, "gender", "field.person.gender.id_mismatch", nil},
		{"gender unknown beside an ID number", func(t *testing.T, d *Dossier) { d.Person.Gender = "0" }, "", "", nil},
		{"woman with a woman's ID number", func(t *testing.T, d *Dossier) {
			d.Person.Gender, d.Person.IDNumber = "2", testIDNumber(t, d.Person.BirthDate, "2", 0)
		}, "", "", nil},

		// codes
		{"ethnicity not a code", func(t *testing.T, d *Dossier) { d.Person.Ethnicity = "57" }, "ethnicity", "field.invalid_choice", nil},
		{"ethnicity 56", func(t *testing.T, d *Dossier) { d.Person.Ethnicity = "56" }, "", "", nil},
		{"ethnicity empty", func(t *testing.T, d *Dossier) { d.Person.Ethnicity = "" }, "", "", nil},
		{"health not a code", func(t *testing.T, d *Dossier) { d.Person.Health = "5" }, "health", "field.invalid_choice", nil},
		{"health empty", func(t *testing.T, d *Dossier) { d.Person.Health = "" }, "", "", nil},
		{"political status not a code", func(t *testing.T, d *Dossier) { d.Person.PoliticalStatus = "14" }, "political_status", "field.invalid_choice", nil},
		{"political status empty", func(t *testing.T, d *Dossier) { d.Person.PoliticalStatus = "" }, "", "", nil},
		{"education level not a code", func(t *testing.T, d *Dossier) { d.Person.FullTime.Level = "99" }, "full_time.level", "field.invalid_choice", nil},
		{"degree not a code", func(t *testing.T, d *Dossier) { d.Person.InService.Degree = "5" }, "in_service.degree", "field.invalid_choice", nil},
		{"native place not a Henan code", func(t *testing.T, d *Dossier) { d.Person.NativePlace.Code = "411799" }, "native_place.code", "field.person.place", nil},
		{"birthplace in Jiangsu", func(t *testing.T, d *Dossier) { d.Person.Birthplace.Code = "320581" }, "", "", nil},
		{"birthplace of five digits", func(t *testing.T, d *Dossier) { d.Person.Birthplace.Code = "41172" }, "birthplace.code", "field.person.place", nil},

		// work and party dates on the master record
		{"work start on the birth date", func(t *testing.T, d *Dossier) { d.Person.WorkStartDate = d.Person.BirthDate }, "work_start_date", "field.person.date.before_birth", nil},
		{"work start the day after birth", func(t *testing.T, d *Dossier) { d.Person.WorkStartDate = d.Person.BirthDate.AddDays(1) }, "", "", nil},
		{"work start tomorrow", func(t *testing.T, d *Dossier) { d.Person.WorkStartDate = validateToday.AddDays(1) }, "work_start_date", "field.person.date.future", nil},
		{"party join before birth on the master record", func(t *testing.T, d *Dossier) { d.Person.PartyJoinDate = date("1979-01-01") }, "party_join_date", "field.person.date.before_birth", nil},

		// phone
		{"phone of 11 digits not a mobile", func(t *testing.T, d *Dossier) { d.Person.Phone = "12345678901" }, "phone", "field.person.phone", nil},
		{"phone too short", func(t *testing.T, d *Dossier) { d.Person.Phone = "0396-801234" }, "phone", "field.person.phone", nil},
		{"phone with letters", func(t *testing.T, d *Dossier) { d.Person.Phone = "1381234567a" }, "phone", "field.person.phone", nil},
		{"fixed line with area code", func(t *testing.T, d *Dossier) { d.Person.Phone = "0396-8012345" }, "", "", nil},
		{"fixed line in Beijing with extension", func(t *testing.T, d *Dossier) { d.Person.Phone = "010-62345678-801" }, "", "", nil},
		{"fixed line without area code", func(t *testing.T, d *Dossier) { d.Person.Phone = "8012345" }, "", "", nil},
		{"mobile starting 19", func(t *testing.T, d *Dossier) { d.Person.Phone = "19912345678" }, "", "", nil},

		// party facet
		{"party category missing", func(t *testing.T, d *Dossier) { d.Party.Category = "" }, "party.category", "field.required", nil},
		{"party category unknown", func(t *testing.T, d *Dossier) { d.Party.Category = "honorary" }, "party.category", "field.invalid_choice", nil},
		{"party join date missing", func(t *testing.T, d *Dossier) { d.Party.JoinDate = civil.Date{} }, "party.join_date", "field.required", nil},
		{"party join date before birth", func(t *testing.T, d *Dossier) { d.Party.JoinDate = date("1980-05-12") }, "party.join_date", "field.person.date.before_birth", nil},
		{"party join date in the future", func(t *testing.T, d *Dossier) {
			d.Party.JoinDate, d.Party.FullDate = validateToday.AddDays(1), civil.Date{}
		}, "party.join_date", "field.person.date.future", nil},
		{"full-member date before the join date", func(t *testing.T, d *Dossier) { d.Party.FullDate = date("2001-05-31") }, "party.full_date", "field.person.party.full_before_join", nil},
		{"full-member date on the join date", func(t *testing.T, d *Dossier) { d.Party.FullDate = d.Party.JoinDate }, "", "", nil},
		{"probationary member with a full-member date", func(t *testing.T, d *Dossier) { d.Party.Category = ProbationaryMember }, "party.full_date", "field.person.party.probationary_full_date", nil},
		{"probationary member without one", func(t *testing.T, d *Dossier) {
			d.Party.Category, d.Party.FullDate = ProbationaryMember, civil.Date{}
			d.Party.Pipeline = d.Party.Pipeline[:4]
		}, "", "", nil},
		{"standing unknown", func(t *testing.T, d *Dossier) { d.Party.Standing = "asleep" }, "party.standing", "field.invalid_choice", nil},
		{"standing empty", func(t *testing.T, d *Dossier) { d.Party.Standing = "" }, "", "", nil},
		{"lost contact without reason", func(t *testing.T, d *Dossier) {
			d.Party.LostContact = &LostContact{Since: date("2025-01-01")}
		}, "party.lost_contact.reason", "field.required", nil},
		{"lost contact with an unknown reason", func(t *testing.T, d *Dossier) {
			d.Party.LostContact = &LostContact{Reason: "bored", Since: date("2025-01-01")}
		}, "party.lost_contact.reason", "field.invalid_choice", nil},
		{"lost contact without since-date", func(t *testing.T, d *Dossier) {
			d.Party.LostContact = &LostContact{Reason: LostAbroad}
		}, "party.lost_contact.since", "field.required", nil},
		{"lost contact for less than six months", func(t *testing.T, d *Dossier) {
			d.Party.LostContact = &LostContact{Reason: LostAbroad, Since: date("2025-09-16")}
		}, "party.lost_contact.since", "field.person.party.lost_contact_recent", []any{6}},
		{"lost contact for exactly six months", func(t *testing.T, d *Dossier) {
			d.Party.LostContact = &LostContact{Reason: LostMigrantWork, Since: date("2025-09-15")}
		}, "", "", nil},
		{"floating without destination", func(t *testing.T, d *Dossier) { d.Party.Floating = &Floating{Since: date("2024-01-01")} }, "party.floating.destination", "field.required", nil},
		{"floating to Shenzhen", func(t *testing.T, d *Dossier) { d.Party.Floating = &Floating{Destination: "广东省深圳市"} }, "", "", nil},

		// pipeline
		{"pipeline stage unknown", func(t *testing.T, d *Dossier) { d.Party.Pipeline[0].Stage = "dreamer" }, "party.pipeline.0.stage", "field.invalid_choice", nil},
		{"pipeline stages out of order", func(t *testing.T, d *Dossier) {
			p := d.Party.Pipeline
			p[0].Stage, p[1].Stage = StageActivist, StageApplicant
		}, "party.pipeline.1.stage", "field.person.party.pipeline_order", nil},
		{"pipeline stage repeated", func(t *testing.T, d *Dossier) { d.Party.Pipeline[2].Stage = StageActivist }, "party.pipeline.2.stage", "field.person.party.pipeline_order", nil},
		{"pipeline skipping a stage", func(t *testing.T, d *Dossier) {
			d.Party.Pipeline = append(d.Party.Pipeline[:1:1], d.Party.Pipeline[2:]...)
		}, "", "", nil},
		{"pipeline date going back", func(t *testing.T, d *Dossier) { d.Party.Pipeline[2].Date = date("2000-02-29") }, "party.pipeline.2.date", "field.person.party.pipeline_date_order", nil},
		{"pipeline dates on the same day", func(t *testing.T, d *Dossier) { d.Party.Pipeline[2].Date = d.Party.Pipeline[1].Date }, "", "", nil},
		{"pipeline date missing", func(t *testing.T, d *Dossier) { d.Party.Pipeline[1].Date = civil.Date{} }, "party.pipeline.1.date", "field.required", nil},
		{"one introducer", func(t *testing.T, d *Dossier) { d.Party.Pipeline[3].Introducers = []string{"李四"} }, "party.pipeline.3.introducers", "field.person.party.introducers", []any{2}},
		{"a blank introducer", func(t *testing.T, d *Dossier) { d.Party.Pipeline[3].Introducers = []string{"李四", " "} }, "party.pipeline.3.introducers", "field.person.party.introducers", nil},
		{"three introducers", func(t *testing.T, d *Dossier) {
			d.Party.Pipeline[3].Introducers = []string{"李四", "王五", "赵六"}
		}, "party.pipeline.3.introducers", "field.person.party.introducers", nil},
		{"transfer without a date", func(t *testing.T, d *Dossier) { d.Party.Transfers[0].Date = civil.Date{} }, "party.transfers.0.date", "field.required", nil},

		// cadre facet
		{"management category unknown", func(t *testing.T, d *Dossier) { d.Cadre.Management = "06" }, "cadre.management", "field.invalid_choice", nil},
		{"post without title", func(t *testing.T, d *Dossier) { d.Cadre.Posts[0].Title = "" }, "cadre.posts.0.title", "field.required", nil},
		{"probation of 25 months", func(t *testing.T, d *Dossier) { d.Cadre.Posts[0].ProbationMonths = 25 }, "cadre.posts.0.probation_months", "field.person.post.probation_months", []any{0, 24}},
		{"probation of -1 months", func(t *testing.T, d *Dossier) { d.Cadre.Posts[0].ProbationMonths = -1 }, "cadre.posts.0.probation_months", "field.person.post.probation_months", nil},
		{"probation of 24 months", func(t *testing.T, d *Dossier) { d.Cadre.Posts[0].ProbationMonths = 24 }, "", "", nil},
		{"probation without an appointment date", func(t *testing.T, d *Dossier) { d.Cadre.Posts[0].Appointed.Date = civil.Date{} },
			"cadre.posts.0.appointed.date", "field.person.post.probation_without_date", nil},
		{"no probation and no appointment date", func(t *testing.T, d *Dossier) {
			d.Cadre.Posts[0].Appointed.Date, d.Cadre.Posts[0].ProbationMonths = civil.Date{}, 0
		}, "", "", nil},
		{"removed before appointed", func(t *testing.T, d *Dossier) { d.Cadre.Posts[0].Removed.Date = date("2025-01-09") },
			"cadre.posts.0.removed.date", "field.person.post.removed_before_appointed", nil},
		{"probation confirmed before the appointment", func(t *testing.T, d *Dossier) {
			d.Cadre.Posts[0].ProbationMonths, d.Cadre.Posts[0].ProbationConfirmed = 12, d.Cadre.Posts[0].Appointed.Date.AddDays(-1)
		}, "cadre.posts.0.probation_confirmed", "field.person.post.confirmed_without_probation", nil},
		{"probation confirmed after it ran", func(t *testing.T, d *Dossier) {
			d.Cadre.Posts[0].ProbationMonths, d.Cadre.Posts[0].ProbationConfirmed = 12, d.Cadre.Posts[0].Appointed.Date.AddDays(370)
		}, "", "", nil},
		{"resume line without From", func(t *testing.T, d *Dossier) { d.Cadre.Resume[1].From = civil.Date{} }, "cadre.resume.1.from", "field.required", nil},
		{"resume line ending before it starts", func(t *testing.T, d *Dossier) { d.Cadre.Resume[0].To = date("1998-08-01") }, "cadre.resume.0.to", "field.person.resume.to_before_from", nil},
		{"resume line of one month", func(t *testing.T, d *Dossier) { d.Cadre.Resume[0].To = d.Cadre.Resume[0].From }, "", "", nil},
		{"resume line without text", func(t *testing.T, d *Dossier) { d.Cadre.Resume[1].Text = "" }, "cadre.resume.1.text", "field.required", nil},
		{"reward of no kind", func(t *testing.T, d *Dossier) { d.Cadre.Rewards[0].Kind = "medal" }, "cadre.rewards.0.kind", "field.invalid_choice", nil},
		{"reward without name", func(t *testing.T, d *Dossier) { d.Cadre.Rewards[0].Name = "" }, "cadre.rewards.0.name", "field.required", nil},
		{"assessment in 1949", func(t *testing.T, d *Dossier) { d.Cadre.Assessments[0].Year = 1949 }, "cadre.assessments.0.year", "field.person.assessment.year", []any{1950, 2026}},
		{"assessment next year", func(t *testing.T, d *Dossier) { d.Cadre.Assessments[1].Year = 2027 }, "cadre.assessments.1.year", "field.person.assessment.year", nil},
		{"assessments in 1950 and this year", func(t *testing.T, d *Dossier) {
			d.Cadre.Assessments[0].Year, d.Cadre.Assessments[1].Year = 1950, 2026
		}, "", "", nil},
		{"two assessments of one year", func(t *testing.T, d *Dossier) { d.Cadre.Assessments[1].Year = 2024 },
			"cadre.assessments.1.year", "field.person.assessment.duplicate_year", []any{2024}},
		{"assessment of no grade", func(t *testing.T, d *Dossier) { d.Cadre.Assessments[0].Grade = "great" }, "cadre.assessments.0.grade", "field.invalid_choice", nil},
		{"relative without relation", func(t *testing.T, d *Dossier) { d.Cadre.Family[0].Relation = "" }, "family.0.relation", "field.required", nil},
		{"second relative without name", func(t *testing.T, d *Dossier) {
			d.Cadre.Family = append(d.Cadre.Family, Relative{Relation: "儿子"})
		}, "family.1.name", "field.required", nil},
		{"relative's political status in words, as LRMX files give it", func(t *testing.T, d *Dossier) {
			d.Cadre.Family[0].PoliticalStatus = "中共党员"
		}, "", "", nil},
		{"relative born tomorrow", func(t *testing.T, d *Dossier) { d.Cadre.Family[0].BirthDate = validateToday.AddDays(1) },
			"family.0.birth_date", "field.person.date.future", nil},

		// talent facet
		{"talent without category", func(t *testing.T, d *Dossier) { d.Talent.Category = "" }, "talent.category", "field.required", nil},
		{"talent of an unknown category", func(t *testing.T, d *Dossier) { d.Talent.Category = "astronaut" }, "talent.category", "field.invalid_choice", nil},
		{"skill level 0", func(t *testing.T, d *Dossier) { d.Talent.Skills[0].Level = 0 }, "talent.skills.0.level", "field.person.skill_level", []any{1, 5}},
		{"skill level 6", func(t *testing.T, d *Dossier) { d.Talent.Skills[0].Level = 6 }, "talent.skills.0.level", "field.person.skill_level", nil},
		{"skill levels 1 and 5", func(t *testing.T, d *Dossier) {
			d.Talent.Skills = []Skill{{Name: "会计", Level: 1}, {Name: "审计", Level: 5}}
		}, "", "", nil},
		{"skill without name", func(t *testing.T, d *Dossier) { d.Talent.Skills[0].Name = "" }, "talent.skills.0.name", "field.required", nil},
		{"availability unknown", func(t *testing.T, d *Dossier) { d.Talent.Availability = "sometimes" }, "talent.availability", "field.invalid_choice", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := goodDossier(t)
			tt.mutate(t, &d)
			err := Validate(&d, validateToday)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("got %v, want valid", err)
				}
				return
			}
			fe, ok := fault.As(err)
			if !ok || fe.Code != fault.Invalid {
				t.Fatalf("got %v, want an invalid-input error", err)
			}
			got, ok := fe.Fields[tt.field]
			if !ok || got.Key != tt.key {
				t.Fatalf("got %s, want %s=%s", fe.Fields, tt.field, tt.key)
			}
			if tt.args != nil && fmt.Sprint(got.Args) != fmt.Sprint(tt.args) {
				t.Errorf("args %v, want %v", got.Args, tt.args)
			}
		})
	}
}

// bare reduces d to a master record born on birth, with no dates that could
// precede it.
func bare(d *Dossier, birth civil.Date) {
	*d = Dossier{Person: Person{Name: d.Person.Name, Gender: d.Person.Gender, BirthDate: birth}}
}
