package codes

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"zugong/internal/i18n"
)

var allTables = []string{Gender, Ethnicity, Health, Marriage, PoliticalStatus, EducationLevel, Degree, Relation, Place}

func TestTablesLoad(t *testing.T) {
	m, err := load(files)
	if err != nil {
		t.Fatal(err)
	}
	if len(m) != len(allTables) {
		t.Errorf("loaded %d tables, want %d: %v", len(m), len(allTables), Names())
	}
	for _, name := range allTables {
		tab, ok := Get(name)
		if !ok {
			t.Errorf("table %s missing", name)
			continue
		}
		if tab.Standard == "" || tab.Edition == "" || tab.Title == "" {
			t.Errorf("%s: standard %q, edition %q, title %q", name, tab.Standard, tab.Edition, tab.Title)
		}
		seen := map[string]bool{}
		for _, e := range tab.Entries() {
			if seen[e.Code] {
				t.Errorf("%s: code %s twice", name, e.Code)
			}
			seen[e.Code] = true
			if !tab.Valid(e.Code) {
				t.Errorf("%s: entry %s not valid", name, e.Code)
			}
			if e.Name == "" {
				t.Errorf("%s: code %s has no name", name, e.Code)
			}
		}
	}
}

func TestVersion(t *testing.T) {
	tests := map[string]string{
		Gender:          "GB/T 2261.1-2003",
		Marriage:        "GB/T 2261.2-2003",
		Health:          "GB/T 2261.3-2003",
		Ethnicity:       "GB 3304-1991",
		PoliticalStatus: "GB/T 4762-1984",
		EducationLevel:  "GB/T 4658-2006",
		Degree:          "GB/T 6864-2003",
		Relation:        "GB/T 4761-2008",
		Place:           "GB/T 2260-2007 (2023)",
		"nonsense":      "",
	}
	for name, want := range tests {
		if got := Version(name); got != want {
			t.Errorf("Version(%s) = %q, want %q", name, got, want)
		}
	}
}

func TestEthnicity(t *testing.T) {
	tab := MustGet(Ethnicity)
	for i := 1; i <= 56; i++ {
		if code := fmt.Sprintf("%02d", i); !tab.Valid(code) {
			t.Errorf("ethnic group %s missing", code)
		}
	}
	if n := len(tab.Entries()); n != 58 {
		t.Errorf("%d entries, want 56 groups and 97, 98", n)
	}
	for code, want := range map[string]string{"01": "汉族", "03": "回族", "36": "毛南族", "56": "基诺族", "97": "其他未识别民族", "98": "外国血统中国籍人士"} {
		if got := tab.Label(code, i18n.ZhHans); got != want {
			t.Errorf("Label(%s) = %q, want %q", code, got, want)
		}
	}
	if got := tab.Label("01", i18n.En); got != "Han" {
		t.Errorf("English label of 01 = %q, want the standard's romanisation Han", got)
	}
	if tab.Valid("57") || tab.Valid("1") || tab.Valid("") {
		t.Error("57, 1 and the empty code must not be valid")
	}
	if code, ok := tab.Find("毛难族"); !ok || code != "36" {
		t.Errorf("Find(毛难族) = %q, %v, want 36", code, ok)
	}
}

func TestSmallTables(t *testing.T) {
	tests := []struct {
		table, code string
		zh, hant    string
		en          string
	}{
		{Gender, "0", "未知的性别", "未知的性別", "Unknown"},
		{Gender, "1", "男", "男", "Male"},
		{Gender, "2", "女", "女", "Female"},
		{Gender, "9", "未说明的性别", "未說明的性別", "Not stated"},
		{Health, "1", "健康或良好", "健康或良好", "Healthy or good"},
		{Health, "6", "残疾", "殘疾", "Disability"},
		{Marriage, "20", "已婚", "已婚", "Married"},
		{PoliticalStatus, "01", "中国共产党党员", "中國共產黨黨員", "Member of the Communist Party of China"},
		{PoliticalStatus, "12", "无党派民主人士", "無黨派民主人士", "Non-party personage"},
		{PoliticalStatus, "13", "群众", "群眾", "No political affiliation"},
		{EducationLevel, "11", "博士研究生毕业", "博士研究生畢業", "Doctoral study, graduated"},
		{EducationLevel, "21", "大学本科毕业", "大學本科畢業", "Undergraduate study, graduated"},
		{EducationLevel, "81", "小学毕业", "小學畢業", "Primary school, graduated"},
		{Degree, "2", "博士", "博士", "Doctorate"},
		{Degree, "408", "工学学士学位", "工學學士學位", "Bachelor of Engineering"},
		{Relation, "12", "妻子", "妻子", "Wife"},
	}
	for _, tt := range tests {
		tab := MustGet(tt.table)
		for loc, want := range map[i18n.Locale]string{i18n.ZhHans: tt.zh, i18n.ZhHant: tt.hant, i18n.En: tt.en} {
			if got := tab.Label(tt.code, loc); got != want {
				t.Errorf("%s.Label(%s, %s) = %q, want %q", tt.table, tt.code, loc, got, want)
			}
		}
	}
}

func TestPoliticalStatusOrder(t *testing.T) {
	want := []string{"中共党员", "中共预备党员", "共青团员", "民革会员", "民盟盟员", "民建会员", "民进会员",
		"农工党党员", "致公党党员", "九三学社社员", "台盟盟员", "无党派人士", "群众"}
	tab := MustGet(PoliticalStatus)
	es := tab.Entries()
	if len(es) != len(want) {
		t.Fatalf("%d entries, want %d", len(es), len(want))
	}
	for i, e := range es {
		if code := fmt.Sprintf("%02d", i+1); e.Code != code || tab.Short(code) != want[i] {
			t.Errorf("entry %d = %s %s, want %s %s", i, e.Code, tab.Short(e.Code), code, want[i])
		}
	}
}

func TestLabelFallbacks(t *testing.T) {
	place := MustGet(Place)
	if got := place.Label("411724", i18n.En); got != "正阳县" {
		t.Errorf("a place without an English label shows its Chinese name, got %q", got)
	}
	if got := MustGet(Gender).Label("7", i18n.En); got != "7" {
		t.Errorf("an unknown code shows as itself, got %q", got)
	}
	if got := MustGet(Gender).Label("", i18n.En); got != "" {
		t.Errorf("the empty code shows as nothing, got %q", got)
	}
	if got := MustGet(EducationLevel).Short("14"); got != "研究生" {
		t.Errorf("Short(14) = %q, want 研究生", got)
	}
	if got := MustGet(Marriage).Short("20"); got != "已婚" {
		t.Errorf("Short of a code without a short form = %q, want its name", got)
	}
}

func TestFind(t *testing.T) {
	tests := []struct {
		table, text, want string
		ok                bool
	}{
		{Gender, "男", "1", true},
		{Gender, " 女性 ", "2", true},
		{PoliticalStatus, "中共党员", "01", true},
		{PoliticalStatus, "中国共产党党员", "01", true},
		{PoliticalStatus, "无党派人士", "12", true},
		{EducationLevel, "大学本科", "21", true},
		{EducationLevel, "研究生", "", false}, // the short form of nine codes
		{Degree, "工学学士", "408", true},
		{Health, "健康", "1", true},
		{Relation, "妻", "12", true},
		{Relation, "哥哥", "71", true},
		{Place, "正阳县", "411724", true},
		{Place, "河南", "410000", true},
		{Ethnicity, "火星族", "", false},
	}
	for _, tt := range tests {
		got, ok := MustGet(tt.table).Find(tt.text)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s.Find(%q) = %q, %v, want %q, %v", tt.table, tt.text, got, ok, tt.want, tt.ok)
		}
	}
}

func TestPlaces(t *testing.T) {
	tab := MustGet(Place)
	var provinces, henanCities, henanCounties int
	for _, e := range tab.Entries() {
		switch {
		case e.Parent == "":
			provinces++
		case e.Parent == "410000":
			henanCities++
		case strings.HasPrefix(e.Code, "41"):
			henanCounties++
		}
	}
	if provinces != 34 || henanCities != 18 || henanCounties != 157 {
		t.Errorf("%d provinces, %d Henan cities, %d Henan counties; want 34, 18 (17 and 省直辖), 157", provinces, henanCities, henanCounties)
	}
	for i := 1; i <= 17; i++ {
		if code := fmt.Sprintf("41%02d00", i); !tab.Valid(code) {
			t.Errorf("Henan city %s missing", code)
		}
	}
	for code, want := range map[string]string{"410000": "河南省", "411700": "驻马店市", "411724": "正阳县", "419001": "济源市", "650000": "新疆维吾尔自治区"} {
		if got := tab.Label(code, i18n.ZhHans); got != want {
			t.Errorf("Label(%s) = %q, want %q", code, got, want)
		}
	}
	for _, gone := range []string{"410306", "411626", "410728", "410171"} { // 吉利区, 淮阳县, 长垣县 merged or renamed; a development zone
		if tab.Valid(gone) {
			t.Errorf("%s is not a current division", gone)
		}
	}
}

func TestPlaceName(t *testing.T) {
	tests := map[string]string{
		"411724": "河南省驻马店市正阳县",
		"411700": "河南省驻马店市",
		"410000": "河南省",
		"410104": "河南省郑州市管城回族区",
		"419001": "河南省济源市",
		"110000": "北京市",
		"320581": "",
		"":       "",
		"4117":   "",
	}
	for code, want := range tests {
		if got := PlaceName(code); got != want {
			t.Errorf("PlaceName(%q) = %q, want %q", code, got, want)
		}
	}
}

func TestValidPlace(t *testing.T) {
	tests := map[string]bool{
		"411724": true,  // listed
		"410000": true,  // listed
		"320581": true,  // Jiangsu is listed by its province only
		"411799": false, // Henan is listed in full
		"410306": false, // 吉利区, merged into 孟津区 in 2021
		"990000": false, // no such province
		"32058":  false,
		"32058x": false,
		"":       false,
	}
	for code, want := range tests {
		if got := ValidPlace(code); got != want {
			t.Errorf("ValidPlace(%q) = %v, want %v", code, got, want)
		}
	}
}

func TestChildren(t *testing.T) {
	tab := MustGet(Place)
	kids := tab.Children("411700")
	if len(kids) != 10 || kids[0].Code != "411702" || kids[4].Name != "正阳县" {
		t.Errorf("Children(411700) = %v", kids)
	}
	if got := len(MustGet(Degree).Children("4")); got != 12 {
		t.Errorf("%d bachelor's degrees, want 12", got)
	}
}

func TestParseRejects(t *testing.T) {
	good := "# table: t\n# title: T\n# standard: S\n# edition: 1\ncode,name\n1,a\n"
	tests := map[string]string{
		"no standard":      "# table: t\n# title: T\n# edition: 1\ncode,name\n1,a\n",
		"unknown header":   "# table: t\n# title: T\n# standard: S\n# edition: 1\n# colour: red\ncode,name\n1,a\n",
		"duplicate code":   good + "1,b\n",
		"no name":          good + "2,\n",
		"unknown column":   "# table: t\n# title: T\n# standard: S\n# edition: 1\ncode,name,fr\n1,a,b\n",
		"missing parent":   "# table: t\n# title: T\n# standard: S\n# edition: 1\ncode,parent,name\n1,9,a\n",
		"ambiguous alias":  "# table: t\n# title: T\n# standard: S\n# edition: 1\ncode,name,aliases\n1,a,x\n2,b,x\n",
		"short row":        good + "3\n",
		"no entries":       "# table: t\n# title: T\n# standard: S\n# edition: 1\ncode,name\n",
		"name not aliased": "# table: t\n# title: T\n# standard: S\n# edition: 1\ncode,name,aliases\n1,a,\n2,b,a\n",
	}
	if _, err := parse([]byte(good)); err != nil {
		t.Fatalf("the good file fails: %v", err)
	}
	for name, src := range tests {
		if _, err := parse([]byte(src)); err == nil {
			t.Errorf("%s: parsed without error", name)
		}
	}
	fsys := fstest.MapFS{"data/other.csv": {Data: []byte(good)}}
	if _, err := load(fsys); err == nil {
		t.Error("a file whose table name differs from its file name loaded")
	}
}
