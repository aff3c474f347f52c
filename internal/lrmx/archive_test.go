package lrmx

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"zugong/internal/fault"
	"zugong/internal/person"
)

func zipOf(t testing.TB, members []zipMember) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, m := range members {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: m.name, Method: zip.Deflate, NonUTF8: m.nonUTF8})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(m.body); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

type zipMember struct {
	name    string
	body    []byte
	nonUTF8 bool
}

func TestDecodeZip(t *testing.T) {
	gbkName, err := simplifiedchinese.GBK.NewEncoder().String("县委/陈淑珍.lrmx")
	if err != nil {
		t.Fatal(err)
	}
	pic := testJPEG(t)
	inner := zipOf(t, []zipMember{{name: "王芳.lrmx", body: readSample(t, "lf_nobom")}})
	archive := zipOf(t, []zipMember{
		{name: "干部/李建国.lrmx", body: readSample(t, "canonical_crlf_bom")},
		{name: "干部/张卫东.LRM", body: writeLRM(t, lrmFixture())},
		{name: "干部/张卫东.pic", body: pic},
		{name: "干部/损坏.lrmx", body: []byte("<Person>\r\n<XingMing>张</Person>")},
		{name: gbkName, body: readSample(t, "deceased_family"), nonUTF8: true},
		{name: "说明.txt", body: []byte("readme")},
		{name: "__MACOSX/干部/._李建国.lrmx", body: []byte("junk")},
		{name: "更多.zip", body: inner},
	})
	es := DecodeFile("导入.zip", bytes.NewReader(archive), int64(len(archive)), nil)
	want := []struct{ name, person, errKey string }{
		{"导入.zip/干部/李建国.lrmx", "李建国", ""},
		{"导入.zip/干部/张卫东.LRM", "张卫东", ""},
		{"导入.zip/干部/损坏.lrmx", "", "lrmx.xml"},
		{"导入.zip/县委/陈淑珍.lrmx", "陈淑珍", ""},
		{"导入.zip/更多.zip/王芳.lrmx", "王芳", ""},
	}
	if len(es) != len(want) {
		t.Fatalf("got %d entries, want %d: %+v", len(es), len(want), es)
	}
	for i, w := range want {
		e := es[i]
		if e.Name != w.name {
			t.Errorf("entry %d is %q, want %q", i, e.Name, w.name)
		}
		if w.errKey != "" {
			fe, ok := fault.As(e.Err)
			if !ok || fe.Key != w.errKey || fe.Code != fault.Invalid || fe.Args[0] != "损坏.lrmx" || fe.Args[1] != 2 {
				t.Errorf("entry %s: error %v, want %s on line 2 naming the file", e.Name, e.Err, w.errKey)
			}
			continue
		}
		if e.Err != nil || e.Dossier.Person.Name != w.person {
			t.Errorf("entry %s: %v, person %+v", e.Name, e.Err, e.Dossier)
		}
	}
	if !bytes.Equal(es[1].Dossier.Photo, pic) {
		t.Errorf("the .pic beside the .LRM in the archive was not read")
	}
}

func TestDecodeFileErrors(t *testing.T) {
	tests := []struct {
		name string
		body []byte
		key  string
	}{
		{"a.docx", []byte("x"), "lrmx.file_type"},
		{"a.zip", []byte("not a zip"), "lrmx.zip"},
		{"empty.zip", zipOf(t, []zipMember{{name: "a.txt", body: []byte("x")}}), "lrmx.empty_archive"},
	}
	for _, tc := range tests {
		es := DecodeFile(tc.name, bytes.NewReader(tc.body), int64(len(tc.body)), nil)
		if len(es) != 1 {
			t.Fatalf("%s: %d entries", tc.name, len(es))
		}
		if fe, ok := fault.As(es[0].Err); !ok || fe.Key != tc.key || fe.Args[0] != tc.name {
			t.Errorf("%s: %v, want %s naming the file", tc.name, es[0].Err, tc.key)
		}
	}
}

func TestEncodeZip(t *testing.T) {
	a := decodeSample(t, "canonical_crlf_bom")
	b := decodeSample(t, "unknown_elements")
	c := &person.Dossier{Person: person.Person{Name: "赵志刚"}}
	d := &person.Dossier{Person: person.Person{Name: "赵志刚"}}
	e := &person.Dossier{Person: person.Person{Name: "赵 志/刚"}}
	f := &person.Dossier{Person: person.Person{Name: "孙丽", IDNumber: "411724199001011244"}}
	var out bytes.Buffer
	if err := EncodeZip(&out, []*person.Dossier{a, b, c, d, e, f, f}); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	if got, want := strings.Join(names, " "), "李建国_0054.lrmx 赵志刚_0033.lrmx 赵志刚_3.lrmx 赵志刚_4.lrmx 赵志刚_5.lrmx 孙丽_1244.lrmx 孙丽_1244-2.lrmx"; got != want {
		t.Errorf("names = %s, want %s", got, want)
	}
	es := DecodeFile("export.zip", bytes.NewReader(out.Bytes()), int64(out.Len()), nil)
	if len(es) != 7 {
		t.Fatalf("read back %d entries", len(es))
	}
	for i, want := range [][]byte{readSample(t, "canonical_crlf_bom"), readSample(t, "unknown_elements")} {
		var buf bytes.Buffer
		if err := Encode(&buf, es[i].Dossier); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			t.Errorf("entry %d did not survive the archive byte for byte", i)
		}
	}
}

func TestDecodeFileLimits(t *testing.T) {
	t.Run("an unreadable .pic names both files", func(t *testing.T) {
		lrm := writeLRM(t, lrmFixture())
		broken := func(string) ([]byte, error) { return nil, errors.New("permission denied") }
		es := DecodeFile("a/张卫东.lrm", bytes.NewReader(lrm), int64(len(lrm)), broken)
		fe, ok := fault.As(es[0].Err)
		if len(es) != 1 || !ok || fe.Key != "lrmx.pic" || fe.Args[0] != "a/张卫东.lrm" || fe.Args[1] != "张卫东.pic" {
			t.Errorf("entries = %+v", es)
		}
	})
	t.Run("a file over the limit is refused unread", func(t *testing.T) {
		es := DecodeFile("big.lrmx", bytes.NewReader(nil), MaxFileSize+1, nil)
		if fe, ok := fault.As(es[0].Err); !ok || fe.Key != "lrmx.too_large" || fe.Args[1] != MaxFileSize>>20 {
			t.Errorf("entries = %+v", es)
		}
	})
}
