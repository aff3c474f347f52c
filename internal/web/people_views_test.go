package web

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"net/url"
	"strings"
	"testing"

	"zugong/internal/civil"
	"zugong/internal/i18n"
	"zugong/internal/org"
	"zugong/internal/person"
)

// SampleIDNumber returns a valid ID number of someone registered in
// Zhengyang County, born on birth, with sequence seq (odd for a man).
func SampleIDNumber(birth civil.Date, seq int) string {
	first := "411724" + strings.ReplaceAll(birth.String(), "-", "") + string(rune('0'+seq/100%10)) +
		string(rune('0'+seq/10%10)) + string(rune('0'+seq%10))
	return first + string(IDCheckCharOf(first))
}

// IDCheckCharOf is person.IDCheckChar, for the external tests.
func IDCheckCharOf(first17 string) byte { return person.IDCheckChar(first17) }

// SamplePhoto is a small JPEG portrait.
func SamplePhoto() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 94, 115))
	for y := range 115 {
		for x := range 94 {
			img.Set(x, y, color.RGBA{R: uint8(120 + x), G: uint8(90 + y), B: 160, A: 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		panic(err) // writing to memory does not fail
	}
	return buf.Bytes()
}

// SampleDossier is a county-managed cadre with every part of the form
// filled: resume with an in-service study line, rewards, assessments, a
// family with a deceased father, a proposal and a photo.
func SampleDossier(orgID, name string, seq int) *person.Dossier {
	day := civil.MustParse
	birth := day("1978-05-12")
	return &person.Dossier{
		Person: person.Person{OrgID: orgID, Name: name, Gender: "1", BirthDate: birth, Ethnicity: "01",
			NativePlace: person.Place{Code: "411724"}, Birthplace: person.Place{Code: "411724", Text: "河南正阳"},
			IDNumber: SampleIDNumber(birth, seq), Health: "1", PoliticalStatus: "01",
			PartyJoinDate: day("2001-06-15"), WorkStartDate: day("2000-07-01"),
			FullTime:          person.Education{Level: "21", Degree: "408", School: "郑州大学", Major: "计算机科学与技术专业"},
			InService:         person.Education{Text: "中央党校研究生", School: "中央党校函授学院经济管理专业"},
			ProfessionalTitle: "工程师", Specialties: "农村经济管理", Phone: "13800001234", Address: "正阳县真阳镇"},
		Party: &person.PartyMember{BranchID: orgID, Category: person.FullMember, JoinDate: day("2001-06-15"),
			FullDate: day("2002-06-15"), Standing: person.StandingNormal,
			Pipeline: []person.PipelineStep{{Stage: person.StageApplicant, Date: day("1999-10-08")},
				{Stage: person.StageProbationary, Date: day("2001-06-15"), Introducers: []string{"赵立新", "钱文华"}},
				{Stage: person.StageFull, Date: day("2002-06-15")}}},
		Cadre: &person.Cadre{Management: person.ManagedCounty, CurrentPostText: "真阳镇党委书记",
			Posts: []person.Post{{UnitName: "真阳镇", Title: "党委书记", Rank: "0122", Leading: true, Current: true,
				Appointed:       person.Decision{Organ: "中共正阳县委", Date: day("2026-01-05"), DocumentNo: "正组〔2026〕3号"},
				ProbationMonths: 12}},
			Resume: []person.ResumeLine{
				{From: day("1996-09-01"), To: day("2000-07-01"), Text: "郑州大学计算机科学与技术专业学习", FullTime: true},
				{From: day("2000-07-01"), To: day("2011-08-01"), Text: "正阳县真阳镇政府科员"},
				{From: day("2003-09-01"), To: day("2006-07-01"), Text: "在中央党校函授学院经济管理专业学习", InService: true},
				{From: day("2011-08-01"), To: day("2021-06-01"), Text: "正阳县真阳镇副镇长"},
				{From: day("2021-06-01"), Text: "正阳县真阳镇党委书记"}},
			Rewards:     []person.Reward{{Date: day("2019-12-01"), Kind: "reward", Name: "被评为全县优秀共产党员", Organ: "中共正阳县委"}},
			Assessments: []person.Assessment{{Year: 2023, Grade: person.GradeCompetent}, {Year: 2024, Grade: person.GradeExcellent}},
			Family: []person.Relative{
				{Relation: "12", Name: "李秀英", BirthDate: day("1980-03-02"), PoliticalStatus: "01", WorkAndPost: "正阳县第一小学教师"},
				{Relation: "20", Name: name + "明", BirthDate: day("2006-09-10"), PoliticalStatus: "03", WorkAndPost: "郑州大学学生"},
				{Relation: "父亲", Name: "王守田", BirthDate: day("1950-01-20"), PoliticalStatus: "13", Deceased: true}},
			Proposal: person.Proposal{Appoint: "正阳县农业农村局局长", Remove: "真阳镇党委书记", Reason: "工作需要",
				ReportingUnit: "中共正阳县委组织部", AgeReckonedOn: day("2026-01-01"), FilledBy: "张明", FilledOn: day("2026-01-05")}},
		Talent: &person.Talent{Category: person.TalentParty, Titles: []string{"工程师"},
			Skills: []person.Skill{{Name: "农村经济", Level: 4}}, Availability: person.PartTime},
		Photo: SamplePhoto(),
	}
}

// peopleSampleViews returns a view of each people page with every branch
// that shows words taken.
func peopleSampleViews(page func(string) Page) map[string]viewer {
	d := SampleDossier("o1", "王建国", 1)
	d.Person.ID = "p1"
	d.Party.LostContact = &person.LostContact{Reason: person.LostMigrantWork, Since: civil.MustParse("2025-01-01")}
	d.Party.Floating = &person.Floating{Destination: "广东深圳", Since: civil.MustParse("2024-03-01")}
	d.Party.Transfers = []person.Transfer{{FromBranchID: "b1", ToBranchID: "o1", Date: civil.MustParse("2010-01-01"), Note: "调动"}}
	d.Cadre.Rewards = append(d.Cadre.Rewards, person.Reward{Date: civil.MustParse("2015-01-01"), Kind: "punishment", Name: "诫勉"})
	pv := dossierView(d, civil.MustParse("2026-11-27"), page("").Locale)
	pv.Page = page("people.dossier")
	pv.Org = DetailItem{Value: "真阳镇", URL: "/orgs/o1"}
	pv.CanReveal = true
	list := &PeopleView{Page: page("people.title"), Filter: invalidForm("age_from", "age_to", "under", "facet"),
		Pager:  newPager(newListQuery("/people", url.Values{"q": {"王"}}), 1, 20, 45, peopleSizes),
		Sort:   sortLinks(newListQuery("/people", nil), peopleSortKeys, "name", false),
		Facets: []Choice{{Value: "cadre", Key: "people.facet.cadre"}}, Levels: []Choice{{Value: "20", Text: "大学本科教育"}, {Value: "21", Text: "大学本科毕业", Sub: true}},
		Under: &org.Org{ID: "o1", Name: "真阳镇"}, UnderClear: "/people",
		Rows: []PersonRow{{Summary: person.Summary{ID: "p1", OrgID: "o1", OrgName: "真阳镇", Name: "王建国",
			BirthDate: civil.MustParse("1978-05-12"), IDNumberMasked: "4117**********0011", Facets: []person.Facet{person.FacetCadre}},
			GenderText: "男", Age: 48, FacetKeys: []string{"people.facet.cadre"}}}}
	form := fitForm(newAppointmentForm(d, civil.MustParse("2026-11-27"), func(key string, args ...any) string { return key }))
	return map[string]viewer{
		pagePeople: list,
		pagePerson: pv,
		pagePrint:  &PrintView{Page: page("print.title"), Forms: []PrintedForm{form, fitForm(AppointmentForm{})}, Back: "/people/p1"},
	}
}

// peopleZeroViews are the people pages with nothing but their Page.
func peopleZeroViews() map[string]viewer {
	return map[string]viewer{
		pagePeople: &PeopleView{},
		pagePerson: &PersonView{D: &person.Dossier{}},
		pagePrint:  &PrintView{},
	}
}

// TestPeoplePagesInEveryLocale renders the people pages with real words
// (not keys) in every locale: no missing key, and the form prints the
// words of the locale.
func TestPeoplePagesInEveryLocale(t *testing.T) {
	s := newTestServer(t)
	c := i18n.MustLoad()
	for _, loc := range i18n.Locales {
		page := func(title string) Page { return samplePage(loc, title) }
		d := SampleDossier("o1", "王建国", 1)
		d.Person.ID = "p1"
		words := func(key string, args ...any) string { return c.T(loc, key, args...) }
		v := &PrintView{Page: page("print.title"), Forms: []PrintedForm{fitForm(newAppointmentForm(d, civil.MustParse("2026-11-27"), words))}}
		var buf bytes.Buffer
		if err := s.views.execute(&buf, pagePrint, v); err != nil {
			t.Fatal(err)
		}
		if m := missingKey.FindAllString(buf.String(), -1); len(m) > 0 {
			t.Errorf("%s: missing catalog keys: %v", loc, m)
		}
		doc := ParseHTML(t, buf.String())
		if got, want := doc.One(t, ".sheet-1 .form-title").Text(), c.T(loc, "print.form_title"); got != want {
			t.Errorf("%s: form title %q, want %q", loc, got, want)
		}
		if got, want := doc.One(t, "td.f-assessments").Text(), c.T(loc, "print.assessment_year", 2023, c.T(loc, "people.grade.competent")); !strings.HasPrefix(got, want) {
			t.Errorf("%s: assessments %q, want it to start with %q", loc, got, want)
		}
	}
}

func TestAppointmentForm(t *testing.T) {
	d := SampleDossier("o1", "王建国", 1)
	d.Person.ID = "p1"
	words := func(key string, args ...any) string { return i18n.MustLoad().T(i18n.ZhHans, key, args...) }
	f := newAppointmentForm(d, civil.MustParse("2026-11-27"), words)
	checks := []struct{ name, got, want string }{
		{"name", f.Name, "王建国"},
		{"gender", f.Gender, "男"},
		{"birth month", f.BirthMonth, "1978.05"},
		{"ethnicity", f.Ethnicity, "汉族"},
		{"health as forms write it", f.Health, "健康"},
		{"native place from the code", f.NativePlace, "河南正阳"},
		{"birthplace as written", f.Birthplace, "河南正阳"},
		{"party joined", f.PartyJoined, "2001.06"},
		{"work started", f.WorkStarted, "2000.07"},
		{"full-time level", f.FullTime.Level, "大学"},
		{"full-time degree", f.FullTime.Degree, "工学学士"},
		{"full-time school and major", f.FullTime.School, "郑州大学计算机科学与技术专业"},
		{"in-service wording", f.InService.Level, "中央党校研究生"},
		{"current post", f.CurrentPost, "真阳镇党委书记"},
		{"proposed", f.ProposedPost, "正阳县农业农村局局长"},
		{"removed", f.RemovedPost, "真阳镇党委书记"},
		{"assessments", f.Assessments, "2023年度考核称职；2024年度考核优秀"},
		{"reward", strings.Join(f.Rewards, "|"), "2019.12 被评为全县优秀共产党员（中共正阳县委）"},
		{"filled on", f.FilledOn, "2026.01.05"},
		{"first resume span", f.Resume[0].Span, "1996.09--2000.07"},
		{"open resume span", f.Resume[4].Span, "2021.06--"},
		{"wife", f.Family[0].Relation + f.Family[0].Political, "妻子中共党员"},
		{"son", f.Family[1].Relation, "儿子"},
		{"relation as written", f.Family[2].Relation, "父亲"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
	t.Run("ages are counted on the reckoning day", func(t *testing.T) {
		// 2026-01-01: the birthday (12 May) has not come yet that year.
		if f.Age != 47 || f.AgeOn != civil.MustParse("2026-01-01") {
			t.Errorf("age %d on %s, want 47 on 2026-01-01", f.Age, f.AgeOn)
		}
		if f.Family[0].Age != 45 {
			t.Errorf("wife's age %d, want 45", f.Family[0].Age)
		}
	})
	t.Run("without a reckoning day, ages are counted today", func(t *testing.T) {
		d := SampleDossier("o1", "王建国", 1)
		d.Cadre.Proposal.AgeReckonedOn = civil.Date{}
		f := newAppointmentForm(d, civil.MustParse("2026-11-27"), words)
		if f.Age != 48 || f.AgeOn != civil.MustParse("2026-11-27") {
			t.Errorf("age %d on %s, want 48 on 2026-11-27", f.Age, f.AgeOn)
		}
	})
	t.Run("a deceased relative has no age", func(t *testing.T) {
		if r := f.Family[2]; !r.Deceased || r.Age != 0 {
			t.Errorf("father: deceased %v, age %d; want deceased with no age", r.Deceased, r.Age)
		}
	})
	t.Run("in-service study keeps its span unless written out", func(t *testing.T) {
		if r := f.Resume[2]; !r.InService || r.Span != "2003.09--2006.07" {
			t.Errorf("in-service row %+v", r)
		}
		rows := resumeRows([]person.ResumeLine{{From: civil.MustParse("2003-09-01"), Text: "（其间：2003.09--2006.07在党校学习）", InService: true}})
		if rows[0].Span != "" {
			t.Errorf("written-out line kept span %q", rows[0].Span)
		}
	})
	t.Run("current posts stand in for missing 现任职务", func(t *testing.T) {
		d := SampleDossier("o1", "王建国", 1)
		d.Cadre.CurrentPostText = ""
		d.Cadre.Posts = append(d.Cadre.Posts, person.Post{UnitName: "正阳县", Title: "人大代表", Current: true},
			person.Post{UnitName: "旧单位", Title: "旧职务"})
		if got := newAppointmentForm(d, civil.MustParse("2026-11-27"), words).CurrentPost; got != "真阳镇党委书记、正阳县人大代表" {
			t.Errorf("current post %q", got)
		}
	})
	t.Run("a person without the cadre facet still prints", func(t *testing.T) {
		d := SampleDossier("o1", "王建国", 1)
		d.Cadre, d.Person.PartyJoinDate = nil, civil.Date{}
		f := newAppointmentForm(d, civil.MustParse("2026-11-27"), words)
		if f.Age != 48 || f.PartyJoined != "2001.06" || f.Resume != nil {
			t.Errorf("age %d, party joined %q (from the party facet), resume %v", f.Age, f.PartyJoined, f.Resume)
		}
	})
}

func TestFitForm(t *testing.T) {
	rel := func(n int) []FormRelative { return make([]FormRelative, n) }
	lines := func(n int, text string) []ResumeRow {
		out := make([]ResumeRow, n)
		for i := range out {
			out[i] = ResumeRow{Span: "2000.01--2001.01", Text: text}
		}
		return out
	}
	tests := []struct {
		name       string
		form       AppointmentForm
		rows       int
		dense      bool
		resumeSize string
	}{
		{"empty form keeps the table's rows", AppointmentForm{}, familyRows, false, ""},
		{"a few relatives are padded", AppointmentForm{Family: rel(3)}, familyRows, false, ""},
		{"a large family gets smaller rows", AppointmentForm{Family: rel(familyRows + 1)}, familyRowsDense, true, ""},
		{"a very large family is cut at the table's end", AppointmentForm{Family: rel(familyRowsDense + 5)}, familyRowsDense, true, ""},
		{"a normal resume", AppointmentForm{Resume: lines(resumeLines, "短")}, familyRows, false, ""},
		{"a long resume gets smaller type", AppointmentForm{Resume: lines(resumeLines+1, "短")}, familyRows, false, "small"},
		{"long lines count as several", AppointmentForm{Resume: lines(resumeLines/2+1, strings.Repeat("长", resumeLineRunes+1))}, familyRows, false, "small"},
		{"a very long resume gets the smallest", AppointmentForm{Resume: lines(resumeDenser+1, "短")}, familyRows, false, "smaller"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pf := fitForm(tc.form)
			if len(pf.FamilyRows) != tc.rows || pf.FamilyDense != tc.dense || pf.ResumeSize != tc.resumeSize {
				t.Errorf("got %d family rows (dense %v), resume size %q; want %d (%v), %q",
					len(pf.FamilyRows), pf.FamilyDense, pf.ResumeSize, tc.rows, tc.dense, tc.resumeSize)
			}
		})
	}
	if pf := fitForm(AppointmentForm{PersonID: "a/b", HasPhoto: true}); pf.PhotoURL != "/people/a%2Fb/photo" {
		t.Errorf("photo URL %q", pf.PhotoURL)
	}
}

func TestProbationState(t *testing.T) {
	today := civil.MustParse("2026-11-27")
	post := func(appointed string, months int, current bool) person.Post {
		return person.Post{Appointed: person.Decision{Date: civil.MustParse(appointed)}, ProbationMonths: months, Current: current}
	}
	tests := []struct {
		name  string
		post  person.Post
		state string
	}{
		{"no probation", post("2026-01-01", 0, true), ""},
		{"a post no longer held", post("2025-01-01", 12, false), ""},
		{"running", post("2026-06-01", 12, true), "running"},
		{"ends in 31 days", post("2025-12-28", 12, true), "running"},
		{"ends in 30 days", post("2025-12-27", 12, true), "ending"},
		{"ends today", post("2025-11-27", 12, true), "ending"},
		{"ended yesterday", post("2025-11-26", 12, true), "ended"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, got := probationState(tc.post, today); got != tc.state {
				t.Errorf("got %q, want %q (ends %s)", got, tc.state, tc.post.ProbationEnds())
			}
		})
	}
}

func TestPeopleFilter(t *testing.T) {
	today := civil.MustParse("2026-11-27")
	tests := []struct {
		name   string
		query  string
		errors []string
		want   person.Filter
	}{
		{"defaults", "", nil, person.Filter{Sort: "name", AgeOn: today}},
		{"every filter", "q=zs&facet=cadre&age_from=30&age_to=45&rank=0122&level=20&under=o1&sort=birth_date&dir=desc", nil,
			person.Filter{Query: "zs", Facet: person.FacetCadre, MinAge: 30, MaxAge: 45, Rank: "0122", Level: "20", Under: "o1",
				Sort: "birth_date", Desc: true, AgeOn: today}},
		{"an unknown sort falls back to name", "sort=id_number&dir=desc", nil, person.Filter{Sort: "name", AgeOn: today}},
		{"bad ages", "age_from=x&age_to=200", []string{"age_from", "age_to"}, person.Filter{Sort: "name", AgeOn: today}},
		{"ages the wrong way round", "age_from=50&age_to=40", []string{"age_to"}, person.Filter{MinAge: 50, MaxAge: 40, Sort: "name", AgeOn: today}},
		{"an unknown facet", "facet=everyone", []string{"facet"}, person.Filter{Sort: "name", AgeOn: today}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q, _ := url.ParseQuery(tc.query)
			got, f := peopleFilter(q, today)
			if got != tc.want {
				t.Errorf("filter %+v, want %+v", got, tc.want)
			}
			if len(f.Errors) != len(tc.errors) {
				t.Errorf("errors %v, want on %v", f.Errors, tc.errors)
			}
			for _, field := range tc.errors {
				if !f.Invalid(field) {
					t.Errorf("no error on %s", field)
				}
			}
		})
	}
}

// TestPersonSetsNamed fails when a stage or talent category of package
// person has no words on the pages.
func TestPersonSetsNamed(t *testing.T) {
	for _, st := range person.PipelineStages {
		if stageKeys[st] == "" {
			t.Errorf("pipeline stage %q has no catalog key", st)
		}
	}
	for _, c := range person.TalentCategories {
		if talentCategoryKeys[c] == "" {
			t.Errorf("talent category %q has no catalog key", c)
		}
	}
}
