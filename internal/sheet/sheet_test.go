package sheet

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"zugong/internal/civil"
	"zugong/internal/i18n"
	"zugong/internal/person"
)

var today = civil.MustParse("2026-03-01")

// orgs is the test's organisation resolver: IDs and name paths.
var orgs = map[string]string{
	"org-zz":         "org-zz",
	"正阳县/县委组织部":      "org-zz",
	"org-branch":     "org-branch",
	"正阳县/真阳镇/张庄村党支部": "org-branch",
}

func resolve(s string) (string, bool) { id, ok := orgs[s]; return id, ok }

func orgPath(id string) string {
	switch id {
	case "org-zz":
		return "正阳县/县委组织部"
	case "org-branch":
		return "正阳县/真阳镇/张庄村党支部"
	}
	return id
}

// idNumber makes a valid ID number for a birth date ("19800512") and a
// sequence whose parity gives the gender (odd: male).
func idNumber(birth string, seq int) string {
	first := fmt.Sprintf("411724%s%03d", birth, seq)
	return first + string(person.IDCheckChar(first))
}

// wrongCheck is id with its check character changed.
func wrongCheck(id string) string {
	c := id[17]
	if c == '0' {
		return id[:17] + "1"
	}
	return id[:17] + "0"
}

// workbook builds an .xlsx with rows written cell by cell, as a user's
// spreadsheet program would store them: a value of type string is a text
// cell, float64 or int a number cell, time.Time a date (a number with a date
// format).
func workbook(t testing.TB, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for r, row := range rows {
		for c, v := range row {
			if v == nil {
				continue
			}
			cell, err := excelize.CoordinatesToCellName(c+1, r+1)
			if err != nil {
				t.Fatal(err)
			}
			if err := f.SetCellValue("Sheet1", cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// peopleHeaders is the People template's header row, written out so that a
// change of the template shows here.
var peopleHeaders = []string{
	"姓名", "性别", "出生日期", "民族", "籍贯", "出生地", "公民身份号码", "健康状况", "政治面貌", "入党时间",
	"参加工作时间", "全日制学历", "全日制学位", "全日制毕业院校及专业", "在职学历", "在职学位", "在职毕业院校及专业",
	"专业技术职务", "熟悉专业有何专长", "联系电话", "通讯地址", "所属组织", "现任职务", "职级", "人员类别", "人才类别", "人才技能", "流动方式", "所在地区",
}

var partyHeaders = []string{
	"姓名", "公民身份号码", "性别", "出生日期", "民族", "学历", "联系电话", "通讯地址", "所在支部", "党员类别",
	"入党时间", "转正时间", "党籍状态", "党内职务", "失联原因", "失联时间", "流动去向", "外出流动时间",
}

func TestTemplateHeaders(t *testing.T) {
	for _, tc := range []struct {
		kind    Kind
		headers []string
	}{{People, peopleHeaders}, {PartyMembers, partyHeaders}} {
		t.Run(string(tc.kind), func(t *testing.T) {
			var buf bytes.Buffer
			if err := Template(&buf, tc.kind, i18n.En); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			sheets := f.GetSheetList()
			rows, err := f.GetRows(sheets[0])
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 1 {
				t.Fatalf("template has %d rows, want the header row alone", len(rows))
			}
			if !reflect.DeepEqual(rows[0], tc.headers) {
				t.Errorf("headers\n got %q\nwant %q", rows[0], tc.headers)
			}
			panes, err := f.GetPanes(sheets[0])
			if err != nil || !panes.Freeze || panes.YSplit != 1 {
				t.Errorf("panes = %+v, %v; want the header row frozen", panes, err)
			}
			dvs, err := f.GetDataValidations(sheets[0])
			if err != nil {
				t.Fatal(err)
			}
			lists := map[string]string{}
			for _, dv := range dvs {
				lists[strings.SplitN(dv.Sqref, "2:", 2)[0]] = dv.Formula1
			}
			gender := colName(indexOf(tc.headers, "性别"))
			formula, ok := lists[gender]
			if !ok {
				t.Fatalf("no drop-down on the gender column %s; have %v", gender, lists)
			}
			// The list lives on the hidden sheet: read it back through the
			// formula's range.
			ref := strings.ReplaceAll(strings.TrimPrefix(formula, "="), "$", "")
			sheet, rng, _ := strings.Cut(ref, "!")
			sheet = strings.Trim(sheet, "'")
			from, to, _ := strings.Cut(rng, ":")
			var words []string
			for r := mustRow(t, from); r <= mustRow(t, to); r++ {
				v, _ := f.GetCellValue(sheet, fmt.Sprintf("%s%d", strings.TrimRight(from, "0123456789"), r))
				words = append(words, v)
			}
			if !reflect.DeepEqual(words, []string{"男", "女"}) {
				t.Errorf("gender drop-down offers %q, want 男 and 女", words)
			}
			if visible, _ := f.GetSheetVisible(sheet); visible {
				t.Errorf("the list sheet %q is visible", sheet)
			}
			id := colName(indexOf(tc.headers, "公民身份号码"))
			comment := ""
			comments, _ := f.GetComments(sheets[0])
			for _, c := range comments {
				if c.Cell == id+"1" {
					comment = c.Text
					for _, p := range c.Paragraph {
						comment += p.Text
					}
				}
			}
			if !strings.Contains(comment, "Citizen ID number") || !strings.Contains(comment, "formatted as text") {
				t.Errorf("comment on %s1 = %q, want the English name and hint", id, comment)
			}
		})
	}
}

func mustRow(t *testing.T, cell string) int {
	_, r, err := excelize.CellNameToCoordinates(cell)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func indexOf(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

// personRow is a good People row.
func personRow(name, id string) []any {
	return []any{
		name, "男", time.Date(1980, 5, 12, 0, 0, 0, 0, time.UTC), "汉族", "河南正阳", "河南正阳", id, "健康", "中共党员", "2005.07",
		"2002年7月", "大学本科毕业", "工学学士", "郑州大学计算机科学与技术专业", "", "", "",
		"工程师", "计算机网络", "13812345678", "正阳县真阳镇", "正阳县/县委组织部", "县委组织部科员", "一级科员", "党员、干部", "", "", "", "",
	}
}

// col returns the column letter of a People header.
func col(header string) string { return colName(indexOf(peopleHeaders, header)) }

type problemAt struct {
	row      int
	col, key string
}

// mixedRows is a People sheet under a title row, with good rows and rows
// each bad in the cells the wants name; fixed gives the corrected sheet.
func mixedRows(fixed bool) ([][]any, []problemAt) {
	id := func(seq int) string { return idNumber("19800512", seq) }
	rows := [][]any{{"正阳县干部基本信息表"}, anySlice(peopleHeaders)}
	var want []problemAt
	add := func(row []any, fix func(row []any), bad ...problemAt) {
		if fixed {
			fix(row)
		} else {
			for _, b := range bad {
				b.row = len(rows) + 1
				want = append(want, b)
			}
		}
		rows = append(rows, row)
	}
	set := func(row []any, header string, v any) { row[indexOf(peopleHeaders, header)] = v }
	nop := func([]any) {}

	add(personRow("张三", id(11)), nop)
	r := personRow("李四", wrongCheck(id(13)))
	add(r, func(r []any) { set(r, "公民身份号码", id(13)) }, problemAt{col: col("公民身份号码"), key: "sheet.id.check"})
	r = personRow("王芳", id(22)) // a woman's number
	add(r, func(r []any) { set(r, "性别", "女") }, problemAt{col: col("性别"), key: "field.person.gender.id_mismatch"})
	r = personRow("赵六", id(15))
	set(r, "出生日期", "1980-13-12")
	add(r, func(r []any) { set(r, "出生日期", "1980.05.12") }, problemAt{col: col("出生日期"), key: "sheet.cell.date"})
	r = personRow("钱七", id(17))
	set(r, "民族", "火星族")
	add(r, func(r []any) { set(r, "民族", "回族") }, problemAt{col: col("民族"), key: "sheet.cell.choice"})
	r = personRow("孙八", "")
	set(r, "公民身份号码", 4.11724198005120e17) // typed into a number cell
	add(r, func(r []any) { set(r, "公民身份号码", id(19)) }, problemAt{col: col("公民身份号码"), key: "sheet.id.as_number"})
	r = personRow("周九", id(31))
	set(r, "所属组织", "正阳县/不存在的局")
	add(r, func(r []any) { set(r, "所属组织", "org-zz") }, problemAt{col: col("所属组织"), key: "sheet.cell.org"})
	r = personRow("吴十", id(11)) // the same number as 张三
	add(r, func(r []any) { set(r, "公民身份号码", id(33)) }, problemAt{col: col("公民身份号码"), key: "sheet.id.duplicate"})
	r = personRow("郑一", id(35))
	set(r, "人员类别", "人才")
	set(r, "现任职务", "")
	set(r, "职级", "")
	set(r, "人才技能", "水产养殖")
	set(r, "流动方式", "兼职、入股")
	set(r, "所在地区", "411724")
	add(r, func(r []any) {
		set(r, "人才类别", "专业技术人才")
		set(r, "人才技能", "水产养殖4、电商：3级")
	},
		problemAt{col: col("人才类别"), key: "sheet.people.talent_category"},
		problemAt{col: col("人才技能"), key: "sheet.people.talent_skills"})
	r = personRow("", id(37))
	add(r, func(r []any) { set(r, "姓名", "冯二") }, problemAt{col: col("姓名"), key: "sheet.cell.required"})
	r = personRow("陈三", id(39))
	set(r, "联系电话", "12345")
	add(r, func(r []any) { set(r, "联系电话", "0396-8012345") }, problemAt{col: col("联系电话"), key: "field.person.phone"})
	r = personRow("褚四", id(51))
	set(r, "入党时间", "2030.01")
	set(r, "全日制学历", "大学本科毕业了")
	set(r, "人员类别", "党员、群众")
	add(r, func(r []any) {
		set(r, "入党时间", 38534.0) // 2005-07-01 as an Excel serial number
		set(r, "全日制学历", "本科")
		set(r, "人员类别", "党员，干部")
	},
		problemAt{col: col("入党时间"), key: "field.person.date.future"},
		problemAt{col: col("全日制学历"), key: "sheet.cell.choice"},
		problemAt{col: col("人员类别"), key: "sheet.cell.choice"})
	rows = append(rows, []any{}) // an empty row is skipped
	add(personRow("卫五", id(53)), nop)
	return rows, want
}

func anySlice(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func TestReadReportsEveryBadCell(t *testing.T) {
	rows, want := mixedRows(false)
	res, err := Read(bytes.NewReader(workbook(t, rows)), People, today, resolve)
	if err != nil {
		t.Fatal(err)
	}
	if res.Dossiers != nil {
		t.Errorf("got %d dossiers from a file with problems, want none", len(res.Dossiers))
	}
	if res.Rows != 13 {
		t.Errorf("read %d data rows, want 13", res.Rows)
	}
	var got []problemAt
	for _, p := range res.Problems {
		got = append(got, problemAt{p.Row, p.Column, p.Key})
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems\n got %v\nwant %v", got, want)
	}
	if res.ProblemCount != len(want) {
		t.Errorf("ProblemCount = %d, want %d", res.ProblemCount, len(want))
	}
	for _, p := range res.Problems {
		switch p.Key {
		case "sheet.id.duplicate":
			if !reflect.DeepEqual(p.Args, []any{3}) {
				t.Errorf("duplicate names row %v, want 3", p.Args)
			}
		case "sheet.cell.date":
			if p.Value != "1980-13-12" || p.Header != "出生日期" {
				t.Errorf("date problem shows %q under %q", p.Value, p.Header)
			}
		}
	}
}

func TestReadFixedFile(t *testing.T) {
	rows, _ := mixedRows(true)
	res, err := Read(bytes.NewReader(workbook(t, rows)), People, today, resolve)
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK() {
		t.Fatalf("problems in the fixed file: %+v", res.Problems)
	}
	if len(res.Dossiers) != 13 {
		t.Fatalf("got %d dossiers, want 13", len(res.Dossiers))
	}
	first := res.Dossiers[0]
	want := person.Dossier{
		Person: person.Person{
			OrgID: "org-zz", Name: "张三", Gender: "1", BirthDate: civil.MustParse("1980-05-12"), Ethnicity: "01",
			NativePlace: person.Place{Text: "河南正阳"}, Birthplace: person.Place{Text: "河南正阳"},
			IDNumber: idNumber("19800512", 11), Health: "1", PoliticalStatus: "01",
			PartyJoinDate: civil.MustParse("2005-07-01"), WorkStartDate: civil.MustParse("2002-07-01"),
			FullTime:          person.Education{Level: "21", Degree: "408", School: "郑州大学计算机科学与技术专业"},
			ProfessionalTitle: "工程师", Specialties: "计算机网络", Phone: "13812345678", Address: "正阳县真阳镇",
		},
		Party: &person.PartyMember{Category: person.FullMember, JoinDate: civil.MustParse("2005-07-01"), Standing: person.StandingNormal},
		Cadre: &person.Cadre{CurrentPostText: "县委组织部科员",
			Posts: []person.Post{{UnitID: "org-zz", Title: "县委组织部科员", Rank: "一级科员", Current: true}}},
	}
	if !reflect.DeepEqual(first, want) {
		t.Errorf("first dossier\n got %+v\nwant %+v", first, want)
	}
	if d := res.Dossiers[11]; d.Person.Name != "褚四" || d.Person.PartyJoinDate != civil.MustParse("2005-07-01") ||
		d.Person.FullTime.Level != "21" || d.Party == nil || d.Cadre == nil {
		t.Errorf("褚四 read as %+v", d)
	}
	if d := res.Dossiers[8]; d.Talent == nil || d.Talent.Category != person.TalentProfessional || d.Cadre != nil {
		t.Errorf("郑一 read as %+v", d)
	} else if want := (person.Talent{Category: person.TalentProfessional, Region: "411724",
		Skills: []person.Skill{{Name: "水产养殖", Level: 4}, {Name: "电商", Level: 3}},
		Forms:  []person.FlowForm{person.FlowPartTime, person.FlowEquity}}); !reflect.DeepEqual(*d.Talent, want) {
		t.Errorf("郑一's talent facet\n got %+v\nwant %+v", *d.Talent, want)
	}
}

// roundTrip exports ds as kind and reads the workbook back.
func roundTrip(t *testing.T, kind Kind, ds []person.Dossier) *Result {
	t.Helper()
	var buf bytes.Buffer
	seq := func(yield func(*person.Dossier, error) bool) {
		for i := range ds {
			if !yield(&ds[i], nil) {
				return
			}
		}
	}
	if err := Export(&buf, kind, seq, orgPath); err != nil {
		t.Fatal(err)
	}
	res, err := Read(&buf, kind, today, resolve)
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK() {
		t.Fatalf("problems reading the export: %+v", res.Problems)
	}
	return res
}

func TestExportReadRoundTrip(t *testing.T) {
	rows, _ := mixedRows(true)
	first, err := Read(bytes.NewReader(workbook(t, rows)), People, today, resolve)
	if err != nil || !first.OK() {
		t.Fatalf("read: %v %+v", err, first.Problems)
	}
	again := roundTrip(t, People, first.Dossiers)
	if !reflect.DeepEqual(again.Dossiers, first.Dossiers) {
		for i := range first.Dossiers {
			if i < len(again.Dossiers) && !reflect.DeepEqual(again.Dossiers[i], first.Dossiers[i]) {
				t.Errorf("row %d\n got %+v\nwant %+v", i, again.Dossiers[i], first.Dossiers[i])
			}
		}
		t.Fatalf("round trip changed the dossiers (%d, want %d)", len(again.Dossiers), len(first.Dossiers))
	}
}

func memberDossier() person.Dossier {
	id := idNumber("19900301", 24)
	return person.Dossier{
		Person: person.Person{
			OrgID: "org-branch", Name: "欧阳娜", Gender: "2", BirthDate: civil.MustParse("1990-03-01"), Ethnicity: "03",
			IDNumber: id, PoliticalStatus: "01", PartyJoinDate: civil.MustParse("2012-06-20"),
			FullTime: person.Education{Level: "31"}, Phone: "0396-8012345", Address: "正阳县真阳镇张庄村",
		},
		Party: &person.PartyMember{
			BranchID: "org-branch", Category: person.FullMember, JoinDate: civil.MustParse("2012-06-20"),
			FullDate: civil.MustParse("2013-06-20"), Standing: person.StandingNormal, PartyPost: "组织委员",
			Floating: &person.Floating{Destination: "广东省深圳市", Since: civil.MustParse("2019-03-01")},
		},
	}
}

func TestExportReadRoundTripPartyMembers(t *testing.T) {
	a := memberDossier()
	b := memberDossier()
	b.Person.Name, b.Person.Gender, b.Person.IDNumber = "买买提·艾力", "1", idNumber("19900301", 25)
	b.Person.Ethnicity, b.Person.Phone, b.Person.Address = "05", "", ""
	b.Person.PoliticalStatus = "02"
	b.Party.Category, b.Party.FullDate, b.Party.PartyPost, b.Party.Floating = person.ProbationaryMember, civil.Date{}, "", nil
	b.Party.JoinDate = civil.MustParse("2025-07-01")
	b.Person.PartyJoinDate = b.Party.JoinDate
	c := memberDossier()
	c.Person.IDNumber = idNumber("19900301", 26)
	c.Party.Standing, c.Party.Floating = person.StandingReserved, nil
	c.Party.LostContact = &person.LostContact{Reason: person.LostAbroad, Since: civil.MustParse("2024-05-01")}
	ds := []person.Dossier{a, b, c}
	res := roundTrip(t, PartyMembers, ds)
	if !reflect.DeepEqual(res.Dossiers, ds) {
		t.Errorf("round trip\n got %+v\nwant %+v", res.Dossiers, ds)
	}
}

// TestPartyMembersSheet reads a party-member sheet as a branch would fill
// it in: headers from another system, gender and birth date left to the ID
// number, and problems in the lost-contact and floating cells.
func TestPartyMembersSheet(t *testing.T) {
	id := idNumber("19850101", 12)
	rows := [][]any{
		{"姓 名", "身份证号", "所在支部", "党员类别", "入党时间", "转正时间", "失联原因", "失联时间", "外出流动时间"},
		{"刘洋", id, "正阳县/真阳镇/张庄村党支部", "正式", "2010.07", "2011.07", "", "", ""},
		{"刘海", idNumber("19850101", 13), "org-branch", "预备党员", "2025.07", "", "外出务工经商", "", "2024.01"},
	}
	res, err := Read(bytes.NewReader(workbook(t, rows)), PartyMembers, today, resolve)
	if err != nil {
		t.Fatal(err)
	}
	var got []problemAt
	for _, p := range res.Problems {
		got = append(got, problemAt{p.Row, p.Column, p.Key})
	}
	want := []problemAt{{3, "H", "sheet.cell.required_with"}, {3, "", "sheet.cell.required_with"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("problems\n got %v\nwant %v", got, want)
	}
	if p := res.Problems[0]; !reflect.DeepEqual(p.Args, []any{"失联原因"}) {
		t.Errorf("lost-contact problem names %v, want the reason's header", p.Args)
	}
	if p := res.Problems[1]; p.Header != "流动去向" || !reflect.DeepEqual(p.Args, []any{"外出流动时间"}) {
		t.Errorf("floating problem = %+v, want it under 流动去向 naming 外出流动时间", p)
	}

	rows[2][6], rows[2][8] = "", ""
	res, err = Read(bytes.NewReader(workbook(t, rows)), PartyMembers, today, resolve)
	if err != nil || !res.OK() {
		t.Fatalf("fixed sheet: %v %+v", err, res.Problems)
	}
	d := res.Dossiers[0]
	if d.Person.Gender != "2" || d.Person.BirthDate != civil.MustParse("1985-01-01") || d.Person.OrgID != "org-branch" ||
		d.Person.PoliticalStatus != "01" || d.Party.Category != person.FullMember || d.Party.FullDate != civil.MustParse("2011-07-01") {
		t.Errorf("刘洋 read as %+v %+v", d.Person, d.Party)
	}
	if d := res.Dossiers[1]; d.Person.Gender != "1" || d.Party.Category != person.ProbationaryMember || d.Person.PoliticalStatus != "02" {
		t.Errorf("刘海 read as %+v %+v", d.Person, d.Party)
	}
}

func TestReadHeaders(t *testing.T) {
	t.Run("missing", func(t *testing.T) {
		res, err := Read(bytes.NewReader(workbook(t, [][]any{{"姓名", "性别"}, {"张三", "男"}})), People, today, resolve)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Problems) != 1 || res.Problems[0].Key != "sheet.header.missing" || res.Problems[0].Row != 1 {
			t.Fatalf("problems = %+v, want one missing header", res.Problems)
		}
	})
	t.Run("unknown and repeated", func(t *testing.T) {
		rows := [][]any{{"序号", "姓名", "公民身份号码", "备注", "姓名"}, {1, "张三", idNumber("19800512", 11), "x", "张三"}}
		res, err := Read(bytes.NewReader(workbook(t, rows)), People, today, resolve)
		if err != nil {
			t.Fatal(err)
		}
		var got []problemAt
		for _, p := range res.Problems {
			got = append(got, problemAt{p.Row, p.Column, p.Key})
		}
		want := []problemAt{{1, "A", "sheet.header.unknown"}, {1, "D", "sheet.header.unknown"}, {1, "E", "sheet.header.duplicate"}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("problems\n got %v\nwant %v", got, want)
		}
	})
	t.Run("other locales", func(t *testing.T) {
		rows := [][]any{{"Name", "公民身份號碼", "ID_NUMBER"}, {"张三", idNumber("19800512", 11)}}
		res, err := Read(bytes.NewReader(workbook(t, rows)), People, today, resolve)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Problems) != 1 || res.Problems[0].Key != "sheet.header.duplicate" || res.Problems[0].Column != "C" {
			t.Errorf("problems = %+v, want C repeating B", res.Problems)
		}
	})
}

func TestReadUnreadable(t *testing.T) {
	_, err := Read(strings.NewReader("not a workbook"), People, today, resolve)
	if err == nil || !strings.Contains(err.Error(), "sheet.file.unreadable") {
		t.Errorf("err = %v, want sheet.file.unreadable", err)
	}
}

func TestReadDate(t *testing.T) {
	tests := []struct {
		in   string
		want string
		key  string
	}{
		{"1990-01-02", "1990-01-02", ""},
		{"1990/1/2", "1990-01-02", ""},
		{"1990.01.02", "1990-01-02", ""},
		{"19900102", "1990-01-02", ""},
		{"1990年1月2日", "1990-01-02", ""},
		{"1990年01月", "1990-01-01", ""},
		{"1990.1", "1990-01-01", ""},
		{"1990.10", "1990-10-01", ""},
		{"199010", "1990-10-01", ""},
		{"１９９０．０１", "1990-01-01", ""},
		{"32875", "1990-01-02", ""},
		{"32875.5", "1990-01-02", ""},
		{"1990-01-02T00:00:00Z", "1990-01-02", ""},
		{"1990", "", "sheet.cell.date_year_only"},
		{"1990-02-30", "", "sheet.cell.date"},
		{"1990.13", "", "sheet.cell.date"},
		{"1990--01", "", "sheet.cell.date"},
		{"abc", "", "sheet.cell.date"},
		{"-5", "", "sheet.cell.date"},
		{"1e300", "", "sheet.cell.date"},
		{"", "", ""},
	}
	for _, tc := range tests {
		d, err := readDate(tc.in, false)
		key := ""
		if err != nil {
			key = err.key
		}
		if d.String() != tc.want || key != tc.key {
			t.Errorf("readDate(%q) = %q, %q; want %q, %q", tc.in, d, key, tc.want, tc.key)
		}
	}
	if d, _ := readDate("31413", true); d.String() != "1990-01-02" {
		t.Errorf("1904 serial 31413 = %s, want 1990-01-02", d)
	}
}

func TestReadIDNumber(t *testing.T) {
	id := idNumber("19800512", 11)
	tests := []struct{ in, want, key string }{
		{id, id, ""},
		{" " + id + " ", id, ""},
		{wrongCheck(id), "", "sheet.id.check"},
		{"411724198005120000", "", "sheet.id.as_number"},
		{"４１１７２４" + id[6:], id, ""},
		{"4.11724198005120E+17", "", "sheet.id.as_number"},
		{"411724198005120000.0", "", "sheet.id.as_number"},
		{id[:15], "", "sheet.id.length"},
		{id[:16] + "AB", "", "sheet.id.chars"},
		{id[:6] + "19801312" + id[14:], "", "sheet.id.birth"},
	}
	for _, tc := range tests {
		got, err := readIDNumber(tc.in)
		key := ""
		if err != nil {
			key = err.key
		}
		if got != tc.want || key != tc.key {
			t.Errorf("readIDNumber(%q) = %q, %q; want %q, %q", tc.in, got, key, tc.want, tc.key)
		}
	}
	x := "41172419800512003"
	x += string(person.IDCheckChar(x))
	if got, err := readIDNumber(strings.ToLower(x)); x[17] == 'X' && (err != nil || got != x) {
		t.Errorf("lower-case x: %q, %v", got, err)
	}
}

func TestProblemsWorkbook(t *testing.T) {
	rows, want := mixedRows(false)
	res, err := Read(bytes.NewReader(workbook(t, rows)), People, today, resolve)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := ProblemsWorkbook(&buf, res.Problems, i18n.En); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want)+1 {
		t.Fatalf("%d rows, want a header and %d problems", len(got), len(want))
	}
	if h := strings.Join(got[0], "|"); h != "Row|Column|Header|Value|Problem" {
		t.Errorf("header = %q", h)
	}
	date := indexOf(peopleHeaders, "出生日期")
	found := false
	for _, r := range got[1:] {
		if len(r) < 5 || strings.HasPrefix(r[4], "[") {
			t.Errorf("row %q has no reason in words", r)
		}
		if len(r) == 5 && r[1] == colName(date) {
			found = true
			if r[0] != "6" || r[2] != "出生日期" || r[3] != "1980-13-12" || !strings.HasPrefix(r[4], "Not a date") {
				t.Errorf("date problem row = %q", r)
			}
		}
	}
	if !found {
		t.Errorf("no row for the bad date in %q", got)
	}
}

// TestCatalog checks that every catalog key the package names exists, and
// that no header text names two columns of a kind.
func TestCatalog(t *testing.T) {
	cat := catalog()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	keyRE := regexp.MustCompile(`"(sheet\.[a-z_.]+[a-z_])"`)
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range keyRE.FindAllStringSubmatch(string(src), -1) {
			if !cat.Has(m[1]) && !strings.HasSuffix(m[1], ".") {
				t.Errorf("%s names %s, which the catalog lacks", name, m[1])
			}
		}
	}
	for _, l := range []*layout{peopleLayout, partyLayout} {
		seen := map[string]string{}
		for _, c := range l.columns {
			if !cat.Has("sheet.col." + c.key) {
				t.Errorf("%s: no header for column %s", l.kind, c.key)
			}
			for _, h := range c.headers() {
				n := normHeader(h)
				if other, dup := seen[n]; dup && other != c.key {
					t.Errorf("%s: header %q names both %s and %s", l.kind, h, other, c.key)
				}
				seen[n] = c.key
			}
		}
	}
	for _, e := range enumSets {
		for _, v := range e.values {
			if !cat.Has("sheet.enum." + e.name + "." + v) {
				t.Errorf("no label for %s value %s", e.name, v)
			}
		}
	}
}

func TestExpectRows(t *testing.T) {
	rows, _ := mixedRows(true)
	base := workbook(t, rows)
	x := string(sheetXML(t, base))
	for ref, want := range map[string]int{"A1:Z15": 14, "A1:XFD1048576": maxExpect, "A1": 0, "A1:ZZZZ9": 0} {
		if !strings.Contains(x, `<dimension ref="A1"></dimension>`) {
			t.Fatalf("no dimension to replace in %.300s", x)
		}
		book := withSheet(t, base, []byte(strings.Replace(x, `<dimension ref="A1"></dimension>`, `<dimension ref="`+ref+`"/>`, 1)))
		f, err := excelize.OpenReader(bytes.NewReader(book))
		if err != nil {
			t.Fatal(err)
		}
		if got := expectRows(f, "Sheet1"); got != want {
			t.Errorf("dimension %s: expect %d rows, want %d", ref, got, want)
		}
		f.Close()
		res, err := Read(bytes.NewReader(book), People, today, resolve)
		if err != nil || len(res.Dossiers) != 13 {
			t.Errorf("dimension %s: read %v dossiers, %v", ref, len(res.Dossiers), err)
		}
	}
}
