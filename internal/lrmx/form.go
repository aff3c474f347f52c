package lrmx

import (
	"encoding/base64"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"zugong/internal/civil"
	"zugong/internal/person"
)

// The elements of an LRMX file, in the order the 3.x format writes them.
const (
	elName          = "XingMing"
	elGender        = "XingBie"
	elBirth         = "ChuShengNianYue"
	elEthnicity     = "MinZu"
	elNativePlace   = "JiGuan"
	elBirthplace    = "ChuShengDi"
	elPartyJoin     = "RuDangShiJian"
	elWorkStart     = "CanJiaGongZuoShiJian"
	elHealth        = "JianKangZhuangKuang"
	elTitle         = "ZhuanYeJiShuZhiWu"
	elSpecialties   = "ShuXiZhuanYeYouHeZhuanChang"
	elFTLevel       = "QuanRiZhiJiaoYu_XueLi"
	elFTDegree      = "QuanRiZhiJiaoYu_XueWei"
	elFTLevelSchool = "QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi"
	elFTDegSchool   = "QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi"
	elISLevel       = "ZaiZhiJiaoYu_XueLi"
	elISDegree      = "ZaiZhiJiaoYu_XueWei"
	elISLevelSchool = "ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi"
	elISDegSchool   = "ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi"
	elCurrentPost   = "XianRenZhiWu"
	elAppoint       = "NiRenZhiWu"
	elRemove        = "NiMianZhiWu"
	elResume        = "JianLi"
	elRewards       = "JiangChengQingKuang"
	elAssessments   = "NianDuKaoHeJieGuo"
	elReason        = "RenMianLiYou"
	elFamily        = "JiaTingChengYuan"
	elReportingUnit = "ChengBaoDanWei"
	elAgeReckoned   = "JiSuanNianLingShiJian"
	elFilledOn      = "TianBiaoShiJian"
	elFilledBy      = "TianBiaoRen"
	elIDNumber      = "ShenFenZheng"
	elPhoto         = "ZhaoPian"
	elVersion       = "Version"
)

// Elements lists the elements of an LRMX 3.x file in their order.
var Elements = []string{
	elName, elGender, elBirth, elEthnicity, elNativePlace, elBirthplace, elPartyJoin,
	elWorkStart, elHealth, elTitle, elSpecialties,
	elFTLevel, elFTDegree, elFTLevelSchool, elFTDegSchool,
	elISLevel, elISDegree, elISLevelSchool, elISDegSchool,
	elCurrentPost, elAppoint, elRemove, elResume, elRewards, elAssessments, elReason,
	elFamily, elReportingUnit, elAgeReckoned, elFilledOn, elFilledBy, elIDNumber, elPhoto, elVersion,
}

var elementIndex = func() map[string]int {
	m := map[string]int{}
	for i, n := range Elements {
		m[n] = i
	}
	return m
}()

// elItem is a family member in JiaTingChengYuan.
const elItem = "Item"

// ItemElements lists the children of a family member's Item, in order:
// relation, name, birth date, political status, unit and post.
var ItemElements = [5]string{"ChengWei", "XingMing", "ChuShengRiQi", "ZhengZhiMianMao", "GongZuoDanWeiJiZhiWu"}

// Version is the format version Encode writes when the file did not name one.
const Version = "3.2.1.16"

// form is the 任免审批表 as words: the text of each element, and the family
// as rows of the five Item columns. Both LRMX and LRM are read into a form
// first and then into a Dossier, so both formats agree on every rule.
type form struct {
	text   map[string]string
	family [][5]string
}

// toDossier reads a form into a Dossier.
func (f *form) toDossier() *person.Dossier {
	t := func(name string) string { return strings.TrimSpace(f.text[name]) }
	d := &person.Dossier{Cadre: &person.Cadre{}}
	p := &d.Person
	p.Name = personName(f.text[elName])
	switch t(elGender) {
	case "男":
		p.Gender = "1"
	case "女":
		p.Gender = "2"
	}
	p.IDNumber = person.NormalizeIDNumber(t(elIDNumber))
	p.BirthDate = birthDate(t(elBirth), p.IDNumber)
	p.Ethnicity = ethnicityCode(t(elEthnicity))
	p.NativePlace.Text = t(elNativePlace)
	p.Birthplace.Text = t(elBirthplace)
	p.PartyJoinDate = parseMonth(t(elPartyJoin))
	p.WorkStartDate = parseMonth(t(elWorkStart))
	p.Health = codeOf("health", t(elHealth))
	p.ProfessionalTitle = t(elTitle)
	p.Specialties = t(elSpecialties)
	p.FullTime = education(t(elFTLevel), t(elFTDegree), t(elFTLevelSchool), t(elFTDegSchool))
	p.InService = education(t(elISLevel), t(elISDegree), t(elISLevelSchool), t(elISDegSchool))

	c := d.Cadre
	c.CurrentPostText = t(elCurrentPost)
	c.Resume = parseResume(f.text[elResume])
	c.Rewards = parseRewards(t(elRewards))
	c.Assessments = parseAssessments(t(elAssessments))
	for _, row := range f.family {
		if r, ok := relative(row); ok {
			c.Family = append(c.Family, r)
		}
	}
	c.Proposal = person.Proposal{
		Appoint:       t(elAppoint),
		Remove:        t(elRemove),
		Reason:        t(elReason),
		ReportingUnit: t(elReportingUnit),
		FilledBy:      t(elFilledBy),
	}
	c.Proposal.AgeReckonedOn, _ = parseDate(t(elAgeReckoned))
	c.Proposal.FilledOn, _ = parseDate(t(elFilledOn))
	d.Photo = decodePhoto(f.text[elPhoto])
	return d
}

// fromDossier writes a Dossier as a form in the canonical wording.
func fromDossier(d *person.Dossier) *form {
	p := &d.Person
	c := d.Cadre
	if c == nil {
		c = &person.Cadre{}
	}
	f := &form{text: map[string]string{}}
	set := func(name, v string) { f.text[name] = v }
	set(elName, p.Name)
	switch p.Gender {
	case "1":
		set(elGender, "男")
	case "2":
		set(elGender, "女")
	}
	set(elBirth, monthText(p.BirthDate))
	set(elEthnicity, textOf("ethnicity", p.Ethnicity))
	set(elNativePlace, p.NativePlace.Text)
	set(elBirthplace, p.Birthplace.Text)
	set(elPartyJoin, monthText(p.PartyJoinDate))
	set(elWorkStart, monthText(p.WorkStartDate))
	set(elHealth, textOf("health", p.Health))
	set(elTitle, p.ProfessionalTitle)
	set(elSpecialties, p.Specialties)
	ftl, ftd, fts, ftds := educationText(p.FullTime)
	set(elFTLevel, ftl)
	set(elFTDegree, ftd)
	set(elFTLevelSchool, fts)
	set(elFTDegSchool, ftds)
	isl, isd, iss, isds := educationText(p.InService)
	set(elISLevel, isl)
	set(elISDegree, isd)
	set(elISLevelSchool, iss)
	set(elISDegSchool, isds)
	set(elCurrentPost, c.CurrentPostText)
	set(elAppoint, c.Proposal.Appoint)
	set(elRemove, c.Proposal.Remove)
	set(elResume, resumeText(c.Resume))
	set(elRewards, rewardsText(c.Rewards))
	set(elAssessments, assessmentsText(c.Assessments))
	set(elReason, c.Proposal.Reason)
	set(elReportingUnit, c.Proposal.ReportingUnit)
	set(elAgeReckoned, dayText(c.Proposal.AgeReckonedOn))
	set(elFilledOn, dayText(c.Proposal.FilledOn))
	set(elFilledBy, c.Proposal.FilledBy)
	set(elIDNumber, person.NormalizeIDNumber(p.IDNumber))
	if len(d.Photo) > 0 {
		set(elPhoto, base64.StdEncoding.EncodeToString(d.Photo))
	}
	set(elVersion, Version)
	for _, r := range c.Family {
		if row := relativeRow(r); row != ([5]string{}) {
			f.family = append(f.family, row)
		}
	}
	return f
}

// personName reads a name. Forms pad two-character names with spaces
// ("张  三") to line them up in print; the record keeps the name itself.
func personName(s string) string {
	s = strings.TrimSpace(s)
	if !hasHan(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

var (
	reYM      = regexp.MustCompile(`^(\d{4})(\d{2})$`)
	reYMD     = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
	reYMSep   = regexp.MustCompile(`^(\d{4})[.．/\-](\d{1,2})$`)
	reYMDSep  = regexp.MustCompile(`^(\d{4})[.．/\-](\d{1,2})[.．/\-](\d{1,2})$`)
	reYMDHan  = regexp.MustCompile(`^(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?$`)
	dateForms = []*regexp.Regexp{reYM, reYMD, reYMSep, reYMDSep, reYMDHan}
)

// parseDate reads the date forms found on forms: yyyyMM, yyyyMMdd, yyyy.MM,
// yyyy.MM.dd (also with - or /), and yyyy年M月[d日]. A month alone gives
// its first day.
func parseDate(s string) (civil.Date, bool) {
	for _, re := range dateForms {
		m := re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		day := 1
		if len(m) > 3 && m[3] != "" {
			day, _ = strconv.Atoi(m[3])
		}
		return makeDate(y, mo, day)
	}
	return civil.Date{}, false
}

func makeDate(y, m, d int) (civil.Date, bool) {
	if y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 {
		return civil.Date{}, false
	}
	if d > time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return civil.Date{}, false
	}
	return civil.Date{Year: y, Month: time.Month(m), Day: d}, true
}

// parseMonth reads a date of the form's month elements (出生年月, 入党时间,
// 参加工作时间) as the first of its month: the format holds a month, and a
// day written anyway could not be written back.
func parseMonth(s string) civil.Date {
	d, ok := parseDate(s)
	if !ok {
		return civil.Date{}
	}
	d.Day = 1
	return d
}

// birthDate reads 出生年月. The form gives a month; when the ID number is
// valid and names the same month, its day completes the date, so the record
// agrees with the ID number.
func birthDate(s, id string) civil.Date {
	d := parseMonth(s)
	if n, err := person.ParseIDNumber(id); err == nil && n.BirthDate.Year == d.Year && n.BirthDate.Month == d.Month {
		return n.BirthDate
	}
	return d
}

func monthText(d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()[:4] + d.String()[5:7]
}

func dayText(d civil.Date) string {
	if d.IsZero() {
		return ""
	}
	s := d.String()
	return s[:4] + s[5:7] + s[8:]
}

// education reads one kind of education: 学历 and 学位 become the Text
// "学历（学位）", the codes are set where the wording is unambiguous, and
// the school is the 学历's school or else the 学位's.
func education(level, degree, levelSchool, degreeSchool string) person.Education {
	var e person.Education
	e.Text = joinEducation(level, degree)
	l, dg := splitEducation(e.Text)
	e.Level = educationLevel(l, dg)
	e.School = levelSchool
	if e.School == "" {
		e.School = degreeSchool
	}
	return e
}

func joinEducation(level, degree string) string {
	if degree == "" {
		return level
	}
	return level + "（" + degree + "）"
}

// splitEducation undoes joinEducation: a trailing "（…）" is the degree.
func splitEducation(text string) (level, degree string) {
	if strings.HasSuffix(text, "）") {
		if i := strings.LastIndex(text, "（"); i >= 0 {
			inner := text[i+len("（") : len(text)-len("）")]
			if inner != "" {
				return text[:i], inner
			}
		}
	}
	return text, ""
}

// educationText writes an Education as the four elements of its kind.
func educationText(e person.Education) (level, degree, levelSchool, degreeSchool string) {
	level, degree = splitEducation(e.Text)
	if e.Text == "" {
		level = textOf("education", e.Level)
	}
	levelSchool = e.School
	if degree != "" {
		degreeSchool = e.School
	}
	return
}

var (
	// A resume line: "yyyy.MM--yyyy.MM  text", the end open for the current post.
	reResume = regexp.MustCompile(`^(\d{4})[.．](\d{1,2})[\s\x{3000}]*(?:--|—+|－+|-|~|～|至)[\s\x{3000}]*(?:(\d{4})[.．](\d{1,2}))?[\s\x{3000}]*(.*)$`)
	// In-service study: "（其间：…）".
	reInService = regexp.MustCompile(`^[（(]其间[：:]?(.*?)[）)]?$`)
)

const resumeGap = "  "

// parseResume reads 简历. A line that is neither dated nor in-service study
// continues the line before it (forms wrap long unit names).
func parseResume(s string) []person.ResumeLine {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimFunc(l, unicode.IsSpace)
		if l == "" {
			continue
		}
		if len(lines) > 0 && !reResume.MatchString(l) && !reInService.MatchString(l) {
			lines[len(lines)-1] += l
			continue
		}
		lines = append(lines, l)
	}
	var out []person.ResumeLine
	for _, l := range lines {
		var r person.ResumeLine
		if m := reInService.FindStringSubmatch(l); m != nil {
			r.InService = true
			l = strings.TrimFunc(m[1], unicode.IsSpace)
		}
		if from, to, text, ok := resumeDates(l); ok {
			r.From, r.To, r.Text = from, to, text
			r.FullTime = !r.InService
		} else {
			r.Text = l
		}
		out = append(out, r)
	}
	return out
}

func resumeDates(l string) (from, to civil.Date, text string, ok bool) {
	m := reResume.FindStringSubmatch(l)
	if m == nil {
		return from, to, "", false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	if from, ok = makeDate(y, mo, 1); !ok {
		return from, to, "", false
	}
	if m[3] != "" {
		y, _ = strconv.Atoi(m[3])
		mo, _ = strconv.Atoi(m[4])
		if to, ok = makeDate(y, mo, 1); !ok {
			return from, to, "", false
		}
	}
	return from, to, strings.TrimFunc(m[5], unicode.IsSpace), true
}

func resumeDate(d civil.Date) string {
	s := d.String()
	return s[:4] + "." + s[5:7]
}

// resumeText writes 简历 in the form's layout: the dates take 16 columns and
// two spaces before the text; in-service study is indented under the text.
func resumeText(lines []person.ResumeLine) string {
	var b strings.Builder
	for i, r := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		dates := ""
		if !r.From.IsZero() {
			dates = resumeDate(r.From) + "--"
			if !r.To.IsZero() {
				dates += resumeDate(r.To)
			}
		}
		text := flatten(r.Text)
		if r.InService {
			b.WriteString(strings.Repeat(" ", 18) + "（其间：" + dates + text + "）")
			continue
		}
		if dates == "" {
			b.WriteString(text)
			continue
		}
		b.WriteString(dates + strings.Repeat(" ", 16-utf8.RuneCountInString(dates)) + resumeGap + text)
	}
	return b.String()
}

// flatten keeps a line one line.
func flatten(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }), "")
}

var (
	reRewardDate = regexp.MustCompile(`^(\d{4})(?:年|[.．])(?:(\d{1,2})月?)?`)
	punishWords  = []string{"处分", "警告", "记过", "降级", "撤职", "开除", "诫勉", "通报批评"}
	rewardSplit  = func(r rune) bool { return r == '；' || r == ';' || r == '。' || r == '\n' }
)

// parseRewards reads 奖惩情况. When every sentence starts with a date, each
// is a Reward; otherwise the whole text is one. "无" means none.
func parseRewards(s string) []person.Reward {
	switch s {
	case "", "无", "无。", "暂无":
		return nil
	}
	var parts []string
	for _, p := range strings.FieldsFunc(s, rewardSplit) {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	dated := len(parts) > 1
	for _, p := range parts {
		if !reRewardDate.MatchString(p) {
			dated = false
		}
	}
	if !dated {
		parts = []string{s}
	}
	out := make([]person.Reward, len(parts))
	for i, p := range parts {
		out[i] = person.Reward{Name: p, Kind: "reward"}
		for _, w := range punishWords {
			if strings.Contains(p, w) {
				out[i].Kind = "punishment"
			}
		}
		if m := reRewardDate.FindStringSubmatch(p); m != nil && m[2] != "" {
			y, _ := strconv.Atoi(m[1])
			mo, _ := strconv.Atoi(m[2])
			out[i].Date, _ = makeDate(y, mo, 1)
		}
	}
	return out
}

func rewardsText(rs []person.Reward) string {
	names := make([]string, 0, len(rs))
	for _, r := range rs {
		if r.Name != "" {
			names = append(names, r.Name)
		}
	}
	return strings.Join(names, "；")
}

var (
	reYear = regexp.MustCompile(`(\d{4})年`)
	// grades in the order they are tried: longer wordings first.
	gradeWords = []struct {
		word  string
		grade person.AssessmentGrade
	}{
		{"基本称职", person.GradeBasic}, {"不称职", person.GradeIncompetent},
		{"基本合格", person.GradeBasic}, {"不合格", person.GradeIncompetent},
		{"不定等次", person.GradeNone}, {"未定等次", person.GradeNone}, {"不确定等次", person.GradeNone},
		{"优秀", person.GradeExcellent}, {"称职", person.GradeCompetent}, {"合格", person.GradeCompetent},
	}
	gradeText = map[person.AssessmentGrade]string{
		person.GradeExcellent: "优秀", person.GradeCompetent: "称职", person.GradeBasic: "基本称职",
		person.GradeIncompetent: "不称职", person.GradeNone: "不定等次",
	}
	assessSplit = func(r rune) bool {
		return r == '；' || r == ';' || r == '。' || r == '，' || r == ',' || r == '\n'
	}
)

// parseAssessments reads 年度考核结果 such as "2021年度考核称职；2022年度考核优秀"
// or "2019年、2020年年度考核均为称职": each sentence gives its years the grade
// it names. Sentences without a year or a grade are skipped; the text itself
// survives through the form.
func parseAssessments(s string) []person.Assessment {
	var out []person.Assessment
	seen := map[int]bool{}
	for _, part := range strings.FieldsFunc(s, assessSplit) {
		var grade person.AssessmentGrade
		for _, g := range gradeWords {
			if strings.Contains(part, g.word) {
				grade = g.grade
				break
			}
		}
		if grade == "" {
			continue
		}
		for _, m := range reYear.FindAllStringSubmatch(part, -1) {
			y, _ := strconv.Atoi(m[1])
			if y < 1900 || y > 2200 || seen[y] {
				continue
			}
			seen[y] = true
			out = append(out, person.Assessment{Year: y, Grade: grade})
		}
	}
	return out
}

func assessmentsText(as []person.Assessment) string {
	parts := make([]string, 0, len(as))
	for _, a := range as {
		if g, ok := gradeText[a.Grade]; ok && a.Year > 0 {
			parts = append(parts, strconv.Itoa(a.Year)+"年度考核"+g)
		}
	}
	return strings.Join(parts, "；")
}

// deathWords mark a family member who has died; forms write it where the
// unit would be ("已故").
var deathWords = []string{"已故", "去世", "逝世", "病故", "亡故", "死亡", "已逝"}

func mentionsDeath(s string) bool {
	for _, w := range deathWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func relative(row [5]string) (person.Relative, bool) {
	for i := range row {
		row[i] = strings.TrimSpace(row[i])
	}
	r := person.Relative{
		Relation:        row[0],
		Name:            personName(row[1]),
		PoliticalStatus: row[3],
		WorkAndPost:     row[4],
		Deceased:        mentionsDeath(row[4]),
	}
	r.BirthDate, _ = parseDate(row[2])
	// A row whose only words are an unreadable date carries nothing.
	return r, relativeRow(r) != [5]string{}
}

func relativeRow(r person.Relative) [5]string {
	birth := ""
	if !r.BirthDate.IsZero() {
		if r.BirthDate.Day == 1 {
			birth = monthText(r.BirthDate)
		} else {
			birth = dayText(r.BirthDate)
		}
	}
	work := r.WorkAndPost
	if r.Deceased && !mentionsDeath(work) {
		if work == "" {
			work = "已故"
		} else {
			work += "（已故）"
		}
	}
	return [5]string{r.Relation, r.Name, birth, r.PoliticalStatus, work}
}

// decodePhoto reads ZhaoPian: base64, possibly wrapped across lines.
func decodePhoto(s string) []byte {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, s)
	if s == "" {
		return nil
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		if b, err = base64.RawStdEncoding.DecodeString(s); err != nil {
			return nil
		}
	}
	if len(b) == 0 {
		return nil
	}
	return b
}
