package lrmx

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"image/jpeg"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/person"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// samples are the LRMX files of testdata, as found in the wild.
var samples = []string{"canonical_crlf_bom", "lf_nobom", "unknown_elements", "deceased_family"}

func readSample(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name+".lrmx"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func decodeSample(t testing.TB, name string) *person.Dossier {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name+".lrmx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := Decode(f)
	if err != nil {
		t.Fatalf("Decode(%s): %v", name, err)
	}
	return d
}

// dump is the golden form of a dossier: the photo by size and digest.
func dump(t testing.TB, d *person.Dossier) []byte {
	t.Helper()
	sum := sha256.Sum256(d.Photo)
	v := struct {
		Person      person.Person
		Party       *person.PartyMember
		Cadre       *person.Cadre
		Talent      *person.Talent
		PhotoBytes  int
		PhotoSHA256 string
		Extras      string
	}{d.Person, d.Party, d.Cadre, d.Talent, len(d.Photo), hex.EncodeToString(sum[:]), d.Extras}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestDecodeGolden(t *testing.T) {
	for _, name := range samples {
		t.Run(name, func(t *testing.T) {
			got := dump(t, decodeSample(t, name))
			golden := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("decoded %s differs from %s (run go test -update to accept):\n%s", name, golden, firstDiff(got, want))
			}
		})
	}
}

func TestRoundTripBytes(t *testing.T) {
	for _, name := range samples {
		t.Run(name, func(t *testing.T) {
			in := readSample(t, name)
			d := decodeSample(t, name)
			var out bytes.Buffer
			if err := Encode(&out, d); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out.Bytes(), in) {
				t.Fatalf("Encode(Decode(%s)) differs from the file:\n%s", name, firstDiff(out.Bytes(), in))
			}
		})
	}
}

// firstDiff shows where two byte strings part.
func firstDiff(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-60)
	return "at byte " + strconv.Itoa(i) + "\n got: " + quoteCut(got, from, i+60) + "\nwant: " + quoteCut(want, from, i+60)
}

func quoteCut(b []byte, from, to int) string {
	return strings.TrimSpace(strings.ReplaceAll(string(b[from:min(to, len(b))]), "\r", `\r`))
}

func TestDecodeCanonical(t *testing.T) {
	d := decodeSample(t, "canonical_crlf_bom")
	if want := `{"lrmx":"1","bom":true}`; d.Extras != want {
		t.Errorf("Extras of a canonical file = %s, want %s", d.Extras, want)
	}
	p := d.Person
	checks := []struct{ field, got, want string }{
		{"Name", p.Name, "李建国"},
		{"Gender", p.Gender, "1"},
		// The month comes from the form, the day from the ID number.
		{"BirthDate", p.BirthDate.String(), "1975-03-12"},
		{"Ethnicity", p.Ethnicity, "01"},
		{"Health", p.Health, "1"},
		{"NativePlace", p.NativePlace.Text, "河南正阳"},
		{"PartyJoinDate", p.PartyJoinDate.String(), "1998-06-01"},
		{"WorkStartDate", p.WorkStartDate.String(), "1997-07-01"},
		{"FullTime.Text", p.FullTime.Text, "大学（工学学士）"},
		{"FullTime.Level", p.FullTime.Level, "21"},
		{"FullTime.School", p.FullTime.School, "郑州大学土木工程专业"},
		{"InService.Text", p.InService.Text, "研究生（管理学硕士）"},
		{"InService.Level", p.InService.Level, "14"},
		{"IDNumber", p.IDNumber, "411724197503120054"},
		{"CurrentPostText", d.Cadre.CurrentPostText, "正阳县发展和改革委员会党组书记、主任"},
		{"Proposal.Appoint", d.Cadre.Proposal.Appoint, "正阳县人民政府副县长"},
		{"Proposal.AgeReckonedOn", d.Cadre.Proposal.AgeReckonedOn.String(), "2026-03-01"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	r := d.Cadre.Resume
	if len(r) != 7 {
		t.Fatalf("resume has %d lines, want 7: %+v", len(r), r)
	}
	if got := r[4]; !got.InService || got.FullTime || got.From.String() != "2007-09-01" || got.To.String() != "2010-07-01" || got.Text != "在中共河南省委党校经济管理专业在职研究生学习" {
		t.Errorf("in-service line = %+v", got)
	}
	if got := r[6]; !got.To.IsZero() || got.From.String() != "2016-09-01" || !got.FullTime || got.Text != "正阳县发展和改革委员会党组书记、主任" {
		t.Errorf("current line = %+v", got)
	}
	if rw := d.Cadre.Rewards; len(rw) != 2 || rw[1].Date.String() != "2019-06-01" || rw[1].Kind != "reward" || !strings.HasPrefix(rw[1].Name, "2019年6月") {
		t.Errorf("rewards = %+v", rw)
	}
	wantAs := []person.Assessment{{Year: 2021, Grade: person.GradeCompetent}, {Year: 2022, Grade: person.GradeExcellent}, {Year: 2023, Grade: person.GradeCompetent}}
	if !reflect.DeepEqual(d.Cadre.Assessments, wantAs) {
		t.Errorf("assessments = %+v, want %+v", d.Cadre.Assessments, wantAs)
	}
	if f := d.Cadre.Family; len(f) != 3 || f[1].Name != "李明哲" || f[1].BirthDate.String() != "2002-09-01" || f[2].Relation != "父亲" || f[2].Deceased {
		t.Errorf("family = %+v", f)
	}
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(d.Photo))
	if err != nil || cfg.Width != 38 || cfg.Height != 46 {
		t.Errorf("photo: %v, %dx%d; want a 38x46 JPEG", err, cfg.Width, cfg.Height)
	}
}

func TestDecodeWildForms(t *testing.T) {
	t.Run("LF without BOM", func(t *testing.T) {
		d := decodeSample(t, "lf_nobom")
		p := d.Person
		if p.Name != "王芳" || p.Gender != "2" || p.BirthDate.String() != "1970-11-04" || p.IDNumber != "41172419701104004X" || p.Ethnicity != "03" {
			t.Errorf("person = %q %q %s %q %q", p.Name, p.Gender, p.BirthDate, p.IDNumber, p.Ethnicity)
		}
		if p.FullTime.Level != "31" || p.InService.Text != "大学（文学学士）" || p.InService.School != "河南大学汉语言文学专业" {
			t.Errorf("education = %+v / %+v", p.FullTime, p.InService)
		}
		if d.Cadre.Rewards != nil {
			t.Errorf("rewards of 无 = %+v, want none", d.Cadre.Rewards)
		}
		wantAs := []person.Assessment{{Year: 2020, Grade: person.GradeCompetent}, {Year: 2021, Grade: person.GradeCompetent}, {Year: 2022, Grade: person.GradeExcellent}}
		if !reflect.DeepEqual(d.Cadre.Assessments, wantAs) {
			t.Errorf("assessments = %+v, want %+v", d.Cadre.Assessments, wantAs)
		}
		if f := d.Cadre.Family; len(f) != 2 || f[1].Name != "马悦" || f[0].BirthDate.String() != "1969-10-01" {
			t.Errorf("family = %+v", f)
		}
		if r := d.Cadre.Resume; len(r) != 7 || !r[3].InService || r[6].Text != "中共正阳县委组织部副部长" || !r[6].To.IsZero() {
			t.Errorf("resume = %+v", r)
		}
		if len(d.Photo) != 0 {
			t.Errorf("photo of an empty ZhaoPian has %d bytes", len(d.Photo))
		}
		// The form's own wording survives for printing.
		for el, want := range map[string]string{elBirth: "1970.11", elName: "王  芳", elRewards: "无", elIDNumber: "41172419701104004x", elVersion: "3.2.1.6"} {
			if got := FormText(d, el); got != want {
				t.Errorf("FormText(%s) = %q, want %q", el, got, want)
			}
		}
	})
	t.Run("unknown elements", func(t *testing.T) {
		d := decodeSample(t, "unknown_elements")
		if !d.Person.PartyJoinDate.IsZero() {
			t.Errorf("PartyJoinDate from free text = %s, want none", d.Person.PartyJoinDate)
		}
		if got := FormText(d, elPartyJoin); got != "1991.05（1992.05转正）" {
			t.Errorf("FormText(RuDangShiJian) = %q", got)
		}
		if d.Person.InService.Level != "" || d.Person.InService.Text != "中央党校大学" {
			t.Errorf("party-school education = %+v, want text and no code", d.Person.InService)
		}
		r := d.Cadre.Resume
		if len(r) != 6 || r[4].Text != "正阳县皮店乡党委书记，兼任正阳县现代农业示范园区管理委员会主任" {
			t.Errorf("a wrapped resume line is not joined: %+v", r)
		}
		if rw := d.Cadre.Rewards; len(rw) != 2 || rw[0].Kind != "reward" || rw[1].Kind != "punishment" {
			t.Errorf("rewards = %+v", rw)
		}
		for _, s := range []string{"<DaoLingNianYue>202809</DaoLingNianYue>", "<HZ_RenMianJiLu>", `<ZZB_ShenHeZhuangTai shenhe=\"1\">`, "以下为厂商扩展"} {
			if !strings.Contains(d.Extras, s) {
				t.Errorf("Extras lacks %s", s)
			}
		}
		if strings.Contains(d.Extras, "/9j/") {
			t.Errorf("Extras holds the photo: the wrapped base64 should be recorded as a layout, %d bytes", len(d.Extras))
		}
		if len(d.Photo) == 0 || len(d.Cadre.Family) != 2 {
			t.Errorf("photo %d bytes, family %d", len(d.Photo), len(d.Cadre.Family))
		}
	})
	t.Run("deceased family member", func(t *testing.T) {
		d := decodeSample(t, "deceased_family")
		f := d.Cadre.Family
		if len(f) != 4 {
			t.Fatalf("family has %d members, want 4 (the empty row is not one): %+v", len(f), f)
		}
		want := []struct {
			name, work, birth string
			deceased          bool
		}{
			{"周文斌", "正阳县人民医院副院长", "1980-10-01", false},
			{"周然", "正阳县第二高级中学学生", "2009-06-01", false},
			{"陈德厚", "已故", "1938-04-01", true},
			{"刘玉梅", "新蔡县练村镇农民（已故）", "1940-11-01", true},
		}
		for i, w := range want {
			if f[i].Name != w.name || f[i].WorkAndPost != w.work || f[i].BirthDate.String() != w.birth || f[i].Deceased != w.deceased {
				t.Errorf("member %d = %+v, want %+v", i, f[i], w)
			}
		}
		if d.Person.Ethnicity != "01" {
			t.Errorf("民族 汉 = %q, want 01", d.Person.Ethnicity)
		}
	})
}

func encodeString(t testing.TB, d *person.Dossier) string {
	t.Helper()
	var b bytes.Buffer
	if err := Encode(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestEncodeChanged(t *testing.T) {
	t.Run("a changed value is written canonically, the rest as read", func(t *testing.T) {
		in := string(readSample(t, "lf_nobom"))
		d := decodeSample(t, "lf_nobom")
		d.Person.Name = "王芳菲"
		d.Person.BirthDate = civil.MustParse("1970-12-04")
		want := strings.Replace(in, "<XingMing>王  芳</XingMing>", "<XingMing>王芳菲</XingMing>", 1)
		want = strings.Replace(want, "<ChuShengNianYue>1970.11</ChuShengNianYue>", "<ChuShengNianYue>197012</ChuShengNianYue>", 1)
		if got := encodeString(t, d); got != want {
			t.Errorf("after a change:\n%s", firstDiff([]byte(got), []byte(want)))
		}
	})
	t.Run("a change of one family member keeps the others' bytes", func(t *testing.T) {
		in := string(readSample(t, "lf_nobom"))
		d := decodeSample(t, "lf_nobom")
		d.Cadre.Family[1].WorkAndPost = "驻马店市中心医院医师"
		old := in[strings.Index(in, "<Item>\n            <ChengWei>女儿") : strings.Index(in, "</Item>\n    </JiaTingChengYuan>")+len("</Item>")]
		ind := func(n int) string { return "\n" + strings.Repeat("    ", n) }
		canon := "<Item>" + ind(3) + "<ChengWei>女儿</ChengWei>" + ind(3) + "<XingMing>马悦</XingMing>" + ind(3) +
			"<ChuShengRiQi>199604</ChuShengRiQi>" + ind(3) + "<ZhengZhiMianMao>中共党员</ZhengZhiMianMao>" + ind(3) +
			"<GongZuoDanWeiJiZhiWu>驻马店市中心医院医师</GongZuoDanWeiJiZhiWu>" + ind(2) + "</Item>"
		want := strings.Replace(in, old, canon, 1)
		if got := encodeString(t, d); got != want {
			t.Errorf("after a family change:\n%s", firstDiff([]byte(got), []byte(want)))
		}
	})
	t.Run("unknown elements stay in place when the resume changes", func(t *testing.T) {
		d := decodeSample(t, "unknown_elements")
		d.Cadre.Resume = append(d.Cadre.Resume[:5:5], person.ResumeLine{
			From: civil.MustParse("2017-01-01"), To: civil.MustParse("2026-03-01"), Text: "正阳县农业农村局党组书记、局长", FullTime: true,
		}, person.ResumeLine{From: civil.MustParse("2026-03-01"), Text: "正阳县人大常委会副主任", FullTime: true})
		got := encodeString(t, d)
		for _, s := range []string{
			"<ChuShengNianYue>196809</ChuShengNianYue>\r\n  <DaoLingNianYue>202809</DaoLingNianYue>\r\n  <MinZu>",
			"2017.01--2026.03  正阳县农业农村局党组书记、局长\r\n2026.03--         正阳县人大常委会副主任</JianLi>",
			"  <!-- 以下为厂商扩展 -->\r\n  <Version>3.2.1.16</Version>\r\n  <ZZB_ShenHeZhuangTai shenhe=\"1\">已审核</ZZB_ShenHeZhuangTai>\r\n</Person>\r\n",
			"<RuDangShiJian>1991.05（1992.05转正）</RuDangShiJian>",
		} {
			if !strings.Contains(got, s) {
				t.Errorf("the file lacks %q", s)
			}
		}
		d2, err := decodeLRMX("x.lrmx", []byte(got))
		if err != nil {
			t.Fatal(err)
		}
		if !sameData(d, d2) {
			t.Errorf("the changed file reads back differently:\n%s\n%s", dump(t, d), dump(t, d2))
		}
	})
	t.Run("data for an element the file lacked is added in its place", func(t *testing.T) {
		in := "<Person><XingMing>张三</XingMing><MinZu>汉族</MinZu></Person>"
		d, err := decodeLRMX("x.lrmx", []byte(in))
		if err != nil {
			t.Fatal(err)
		}
		if got := encodeString(t, d); got != in {
			t.Fatalf("round trip of a sparse file: %q", got)
		}
		d.Person.Gender = "2"
		want := "<Person><XingMing>张三</XingMing><XingBie>女</XingBie><MinZu>汉族</MinZu></Person>"
		if got := encodeString(t, d); got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
}

func TestEncodeNew(t *testing.T) {
	d := &person.Dossier{
		Person: person.Person{
			Name: "孙立新", Gender: "1", BirthDate: civil.MustParse("1985-06-20"), Ethnicity: "01", Health: "1",
			IDNumber: "411724198506200011", FullTime: person.Education{Level: "21", School: "河南师范大学"},
		},
		Cadre: &person.Cadre{
			CurrentPostText: "正阳县教育局副局长",
			Resume: []person.ResumeLine{
				{From: civil.MustParse("2003-09-01"), To: civil.MustParse("2007-07-01"), Text: "河南师范大学数学系学习", FullTime: true},
				{From: civil.MustParse("2007-07-01"), Text: "正阳县教育局", FullTime: true},
			},
			Family: []person.Relative{{Relation: "父亲", Name: "孙国华", Deceased: true}},
		},
	}
	got := encodeString(t, d)
	for _, s := range []string{
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<Person>\r\n  <XingMing>孙立新</XingMing>\r\n  <XingBie>男</XingBie>\r\n  <ChuShengNianYue>198506</ChuShengNianYue>",
		"<QuanRiZhiJiaoYu_XueLi>大学</QuanRiZhiJiaoYu_XueLi>",
		"<JianLi>2003.09--2007.07  河南师范大学数学系学习\r\n2007.07--         正阳县教育局</JianLi>",
		"<GongZuoDanWeiJiZhiWu>已故</GongZuoDanWeiJiZhiWu>",
		"<Version>3.2.1.16</Version>\r\n</Person>\r\n",
	} {
		if !strings.Contains(got, s) {
			t.Errorf("the new file lacks %q:\n%s", s, got)
		}
	}
	d2, err := decodeLRMX("x.lrmx", []byte(got))
	if err != nil {
		t.Fatal(err)
	}
	if d2.Person.BirthDate != d.Person.BirthDate || d2.Person.FullTime.Level != "21" || !d2.Cadre.Family[0].Deceased {
		t.Errorf("read back: %+v", d2.Person)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, in, key string
		line          int
	}{
		{"unclosed element", "<?xml version=\"1.0\"?>\n<Person>\n  <XingMing>张三</XingMing>\n  <XingBie>男\n</Person>", "lrmx.xml", 5},
		{"bad entity", "<Person>\n<XingMing>&nbsp;</XingMing></Person>", "lrmx.xml", 2},
		{"truncated", "<Person>\n<XingMing>张三</XingMing>\n", "lrmx.xml", 3},
		{"another root", "<Root><XingMing>张三</XingMing></Root>", "lrmx.root", 0},
		{"empty", "", "lrmx.no_root", 0},
		{"text only", "张三", "lrmx.no_root", 0},
		{"not UTF-8", "<Person>\n<XingMing>\xd5\xc5\xc8\xfd</XingMing></Person>", "lrmx.utf8", 2},
		{"GBK declared", "<?xml version=\"1.0\" encoding=\"GB2312\"?><Person></Person>", "lrmx.encoding", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := decodeLRMX("bad.lrmx", []byte(tc.in))
			fe, ok := fault.As(err)
			if !ok || d != nil {
				t.Fatalf("got %v, %v; want a fault", d, err)
			}
			if fe.Code != fault.Invalid || fe.Key != tc.key || len(fe.Args) < 1 || fe.Args[0] != "bad.lrmx" {
				t.Fatalf("got %s %s %v, want invalid %s naming the file", fe.Code, fe.Key, fe.Args, tc.key)
			}
			if tc.line > 0 && (len(fe.Args) < 2 || fe.Args[1] != tc.line) {
				t.Errorf("line = %v, want %d", fe.Args[1:], tc.line)
			}
		})
	}
	t.Run("Decode names an os.File", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "王五.lrmx")
		if err := os.WriteFile(p, []byte("<Person>"), 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		_, err = Decode(f)
		if fe, ok := fault.As(err); !ok || fe.Args[0] != "王五.lrmx" {
			t.Errorf("error = %v, want one naming 王五.lrmx", err)
		}
	})
}

// sameData reports whether two dossiers hold the same data, Extras aside.
func sameData(a, b *person.Dossier) bool {
	x, y := *a, *b
	x.Extras, y.Extras = "", ""
	return reflect.DeepEqual(x, y)
}
