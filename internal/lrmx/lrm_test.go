package lrmx

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"io/fs"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"zugong/internal/fault"
	"zugong/internal/person"
)

// testJPEG makes a small portrait, the kind of photo a .pic holds.
func testJPEG(t testing.TB) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 30, 37))
	for y := 0; y < 37; y++ {
		for x := 0; x < 30; x++ {
			img.Set(x, y, color.RGBA{uint8(40 + 5*x), uint8(70 + 3*y), 180, 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 60}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// lrmFixture is an LRM 2.0 record as the old tool wrote it.
func lrmFixture() []string {
	f := make([]string, 33)
	copy(f, []string{
		"张卫东", "男", "1979.08", "汉族", "河南正阳", "2001.06", "健康", "河南正阳", "2002.07",
		"大学#法学学士@研究生#法律硕士",
		"郑州大学法学院法学专业#郑州大学法学院@河南大学法学院法律专业#河南大学",
		"一级主任科员",
	})
	f[16] = "法律实务"
	f[17] = "1998.09--2002.07  郑州大学法学院法学专业学习\r\n2002.07--2010.05  正阳县司法局干部\r\n" +
		"                  （其间：2006.09--2009.06在河南大学法学院法律专业在职研究生学习）\r\n2010.05--         正阳县司法局党组成员、副局长"
	f[18] = `2016年12月，被正阳县人民政府评为"优秀公务员"`
	f[19] = "2022年度考核优秀，2023年度考核称职"
	f[20] = "妻子@女儿@父亲"
	f[21] = "吴丽@张思源@张保国"
	f[22] = "1981.02@2008.10@1950.03"
	f[23] = "中共党员@群众@中共党员"
	f[24] = "正阳县人民法院法官@正阳县实验小学学生@已故"
	f[25] = "正阳县司法局党组成员、副局长"
	f[26] = "正阳县司法局局长"
	f[27] = "正阳县司法局副局长"
	f[28] = "工作需要"
	f[29] = "中共正阳县委"
	f[30] = "20260301"
	f[31] = "王晓东"
	f[32] = "20260302"
	return f
}

// writeLRM writes fields as an LRM file: quoted, commas between, GBK.
func writeLRM(t testing.TB, fields []string) []byte {
	t.Helper()
	q := make([]string, len(fields))
	for i, f := range fields {
		q[i] = `"` + strings.ReplaceAll(f, `"`, `""`) + `"`
	}
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(strings.Join(q, ",") + "\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecodeLRM(t *testing.T) {
	lrm := writeLRM(t, lrmFixture())
	pic := testJPEG(t)
	d, err := DecodeLRM(lrm, pic)
	if err != nil {
		t.Fatal(err)
	}
	p := d.Person
	checks := []struct{ field, got, want string }{
		{"Name", p.Name, "张卫东"},
		{"Gender", p.Gender, "1"},
		{"BirthDate", p.BirthDate.String(), "1979-08-01"},
		{"Ethnicity", p.Ethnicity, "01"},
		{"PartyJoinDate", p.PartyJoinDate.String(), "2001-06-01"},
		{"Birthplace", p.Birthplace.Text, "河南正阳"},
		{"WorkStartDate", p.WorkStartDate.String(), "2002-07-01"},
		{"FullTime.Text", p.FullTime.Text, "大学（法学学士）"},
		{"FullTime.Level", p.FullTime.Level, "21"},
		{"FullTime.School", p.FullTime.School, "郑州大学法学院法学专业"},
		{"InService.Text", p.InService.Text, "研究生（法律硕士）"},
		{"InService.Level", p.InService.Level, "14"},
		{"InService.School", p.InService.School, "河南大学法学院法律专业"},
		{"ProfessionalTitle", p.ProfessionalTitle, "一级主任科员"},
		{"Specialties", p.Specialties, "法律实务"},
		{"CurrentPostText", d.Cadre.CurrentPostText, "正阳县司法局党组成员、副局长"},
		{"Proposal.Remove", d.Cadre.Proposal.Remove, "正阳县司法局副局长"},
		{"Proposal.ReportingUnit", d.Cadre.Proposal.ReportingUnit, "中共正阳县委"},
		{"Proposal.FilledBy", d.Cadre.Proposal.FilledBy, "王晓东"},
		{"Proposal.FilledOn", d.Cadre.Proposal.FilledOn.String(), "2026-03-02"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	if rw := d.Cadre.Rewards; len(rw) != 1 || rw[0].Name != `2016年12月，被正阳县人民政府评为"优秀公务员"` {
		t.Errorf("rewards = %+v; a quoted field keeps its commas and quotes", rw)
	}
	if r := d.Cadre.Resume; len(r) != 4 || !r[2].InService || r[2].From.String() != "2006-09-01" || r[3].Text != "正阳县司法局党组成员、副局长" {
		t.Errorf("resume = %+v", r)
	}
	if len(d.Cadre.Assessments) != 2 || d.Cadre.Assessments[0].Grade != person.GradeExcellent {
		t.Errorf("assessments = %+v", d.Cadre.Assessments)
	}
	f := d.Cadre.Family
	if len(f) != 3 || f[1].Name != "张思源" || f[1].BirthDate.String() != "2008-10-01" || !f[2].Deceased || f[2].WorkAndPost != "已故" || f[0].PoliticalStatus != "中共党员" {
		t.Errorf("family = %+v", f)
	}
	if !bytes.Equal(d.Photo, pic) {
		t.Errorf("photo has %d bytes, want the .pic's %d", len(d.Photo), len(pic))
	}

	// Exported to LRMX, the dossier keeps the LRM's wording and data.
	var out bytes.Buffer
	if err := Encode(&out, d); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"<ChuShengNianYue>1979.08</ChuShengNianYue>", "<ChuShengRiQi>1981.02</ChuShengRiQi>", "\r\n  <Version>3.2.1.16</Version>"} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("the LRMX export lacks %q", s)
		}
	}
	d2, err := decodeLRMX("x.lrmx", out.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if !sameData(d, d2) {
		t.Errorf("the LRMX export reads back differently:\n%s\n%s", dump(t, d), dump(t, d2))
	}
}

func TestDecodeLRMFile(t *testing.T) {
	lrm := writeLRM(t, lrmFixture())
	pic := testJPEG(t)
	siblings := map[string][]byte{"uploads/张卫东.PIC": pic}
	sibling := func(name string) ([]byte, error) {
		if b, ok := siblings[name]; ok {
			return b, nil
		}
		return nil, fs.ErrNotExist
	}
	es := DecodeFile("uploads/张卫东.lrm", bytes.NewReader(lrm), int64(len(lrm)), sibling)
	if len(es) != 1 || es[0].Err != nil || es[0].Name != "uploads/张卫东.lrm" {
		t.Fatalf("entries = %+v", es)
	}
	if !bytes.Equal(es[0].Dossier.Photo, pic) {
		t.Errorf("the .pic beside the .lrm was not read")
	}
	es = DecodeFile("uploads/张卫东.lrm", bytes.NewReader(lrm), int64(len(lrm)), nil)
	if len(es) != 1 || es[0].Err != nil || es[0].Dossier.Photo != nil {
		t.Errorf("without a .pic: %+v", es)
	}
}

func TestDecodeLRMErrors(t *testing.T) {
	short := writeLRM(t, lrmFixture()[:20])
	_, err := decodeLRM("short.lrm", short, nil)
	if fe, ok := fault.As(err); !ok || fe.Code != fault.Invalid || fe.Key != "lrmx.lrm_fields" || fe.Args[0] != "short.lrm" || fe.Args[1] != 20 {
		t.Errorf("20 fields: %v", err)
	}
	open := []byte(`"张三","男","1979`)
	_, err = decodeLRM("open.lrm", open, nil)
	if fe, ok := fault.As(err); !ok || fe.Key != "lrmx.lrm_quote" || fe.Args[1] != 3 {
		t.Errorf("unclosed quote: %v", err)
	}
}

func TestSplitLRM(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{`"a","b,c","d""e"`, []string{"a", "b,c", `d"e`}},
		{"a,,\"x\ny\"\nignored", []string{"a", "", "x\ny"}},
		{`"a" ,b`, []string{"a ", "b"}},
		{``, []string{""}},
	}
	for _, tc := range tests {
		got, err := splitLRM("t.lrm", tc.in)
		if err != nil || strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("splitLRM(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}
