package sheet

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zugong/internal/person"
)

// sheetPart is where excelize and Excel keep the first worksheet.
const sheetPart = "xl/worksheets/sheet1.xml"

// withSheet returns the workbook base with its first worksheet's XML
// replaced by sheet: a valid package around fuzzed content, so the fuzzer
// reaches the row reader rather than stopping at the zip's checksums.
func withSheet(t testing.TB, base, sheet []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(base), int64(len(base)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == sheetPart {
			w.Write(sheet)
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(w, r)
		r.Close()
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sheetXML returns the first worksheet's XML of a workbook.
func sheetXML(t testing.TB, book []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == sheetPart {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			b, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	t.Fatalf("no %s", sheetPart)
	return nil
}

// FuzzRead feeds Read arbitrary bytes, both as a whole file and as the
// worksheet of an otherwise valid workbook. Read must not panic, and what
// it accepts must hold: no dossier with a problem, every dossier valid.
func FuzzRead(f *testing.F) {
	// Small seeds keep each run and the minimising of finds quick.
	good := [][]any{anySlice(peopleHeaders), personRow("张三", idNumber("19800512", 11))}
	bad := [][]any{anySlice(peopleHeaders), personRow("", wrongCheck(idNumber("19800512", 11)))}
	bad[1][2] = "1980-13-01"
	base := workbook(f, good)
	f.Add(base)
	f.Add(workbook(f, bad))
	f.Add(sheetXML(f, base))
	f.Add(sheetXML(f, workbook(f, bad)))
	var tpl bytes.Buffer
	if err := Template(&tpl, PartyMembers, "zh-Hans"); err != nil {
		f.Fatal(err)
	}
	f.Add(tpl.Bytes())
	f.Add([]byte(`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c>` +
		`<c r="B1" t="inlineStr"><is><t>公民身份号码</t></is></c></row><row r="2"><c r="A2" t="s"><v>99</v></c>` +
		`<c r="B2"><v>4.1E17</v></c></row></sheetData></worksheet>`))
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		check := func(kind Kind, b []byte) {
			res, err := Read(bytes.NewReader(b), kind, today, resolve)
			if err != nil {
				if !strings.Contains(err.Error(), "sheet.file.unreadable") {
					t.Fatalf("%s: error %v, want sheet.file.unreadable", kind, err)
				}
				return
			}
			if res.ProblemCount < len(res.Problems) || len(res.Problems) > MaxProblems {
				t.Fatalf("%s: %d problems kept of %d", kind, len(res.Problems), res.ProblemCount)
			}
			if !res.OK() && res.Dossiers != nil {
				t.Fatalf("%s: %d dossiers despite %d problems", kind, len(res.Dossiers), res.ProblemCount)
			}
			for _, p := range res.Problems {
				if p.Row < 1 || p.Key == "" {
					t.Fatalf("%s: problem without a row or key: %+v", kind, p)
				}
			}
			for i := range res.Dossiers {
				if err := person.Validate(&res.Dossiers[i], today); err != nil {
					t.Fatalf("%s: accepted dossier %d is invalid: %v", kind, i, err)
				}
			}
		}
		check(People, data)
		wrapped := withSheet(t, base, data)
		check(People, wrapped)
		check(PartyMembers, wrapped)
	})
}

// excelizeRows reads a workbook's first sheet as text, every row padded to
// the header's width.
func excelizeRows(book []byte) ([][]string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		return nil, err
	}
	for i := range rows {
		for len(rows[i]) < len(rows[0]) {
			rows[i] = append(rows[i], "")
		}
	}
	return rows, nil
}
