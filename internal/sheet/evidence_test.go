package sheet

import (
	"bytes"
	"testing"
	"time"

	"zugong/internal/appraisal"
	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/i18n"
)

// evidenceHeaders is a header row as staff write it: 身份证号 rather than
// the template's 公民身份号码, columns in their own order.
var evidenceHeaders = []any{"姓名", "身份证号", "类型", "类别", "日期", "金额", "到位资金", "进度", "是否完成", "得分", "文号", "附件"}

func TestReadEvidenceGoodRows(t *testing.T) {
	idA, idB := idNumber("19800512", 11), idNumber("19751103", 22)
	rows := [][]any{
		{"2025年度实绩考核证据"}, // a title row above the header
		evidenceHeaders,
		{"王建国", idA, "民主测评", "德", time.Date(2025, 12, 20, 0, 0, 0, 0, time.UTC), nil, nil, nil, nil, 92.35, "县考〔2025〕12号"},
		{"李卫东", idB, "招商引资项目", "", "2025.06.30", "1,250.5", 800, "", "否", "", "", "扫描件-0042"},
		{},
		{"李卫东", idB, "项目", "", "20250930", 3000, nil, "75.5", "是", nil, "县发改〔2025〕3号"},
	}
	got, problems, err := ReadEvidence(bytes.NewReader(workbook(t, rows)))
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 0 {
		t.Fatalf("problems in a good file: %+v", problems)
	}
	want := []EvidenceRow{
		{Row: 3, ImportRow: appraisal.ImportRow{IDNumber: idA, Name: "王建国", Evidence: appraisal.Evidence{Kind: appraisal.KindAssessment,
			Class: "德", Date: civil.MustParse("2025-12-20"), Score: 9235, DocumentNo: "县考〔2025〕12号"}}},
		{Row: 4, ImportRow: appraisal.ImportRow{IDNumber: idB, Name: "李卫东", Evidence: appraisal.Evidence{Kind: appraisal.KindDeal,
			Date: civil.MustParse("2025-06-30"), Amount: 125050, InPlace: 80000, Attachment: "扫描件-0042"}}},
		{Row: 6, ImportRow: appraisal.ImportRow{IDNumber: idB, Name: "李卫东", Evidence: appraisal.Evidence{Kind: appraisal.KindProject,
			Date: civil.MustParse("2025-09-30"), Amount: 300000, Progress: 7550, Completed: true, DocumentNo: "县发改〔2025〕3号"}}},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d rows, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].Row != want[i].Row || got[i].ImportRow != want[i].ImportRow {
			t.Errorf("row %d:\n got %+v at %d\nwant %+v at %d", i, got[i].ImportRow, got[i].Row, want[i].ImportRow, want[i].Row)
		}
	}
}

func TestReadEvidenceReportsBadCells(t *testing.T) {
	id := idNumber("19800512", 11)
	rows := [][]any{
		evidenceHeaders,
		{"王建国", id, "办结案件", "", "2025-13-01", nil, nil, nil, nil, nil, "县考〔2025〕1号"},
		{"王建国", id, "点赞", "", "2025-03-01", nil, nil, nil, nil, nil, "县考〔2025〕2号"},
		{"王建国", id, "项目", "", "2025-03-01", "十万", nil, "120", nil, nil, "县考〔2025〕3号"},
		{"王建国", id, "表彰奖励", "省级", "2025-03-01", "1.234", nil, nil, "也许", nil, ""},
	}
	got, problems, err := ReadEvidence(bytes.NewReader(workbook(t, rows)))
	if err != nil {
		t.Fatal(err)
	}
	if got != nil {
		t.Errorf("got %d rows from a file with problems, want none", len(got))
	}
	want := []struct {
		row       int
		col, key  string
		value     string
		hasHeader string
	}{
		{2, "E", "sheet.cell.date", "2025-13-01", "日期"},
		{3, "C", "sheet.cell.choice", "点赞", "类型"},
		{4, "F", "sheet.cell.number", "十万", "金额"},
		{4, "H", "appraisal.evidence.progress_over_100", "120", "进度"},
		{5, "F", "sheet.cell.decimal_places", "1.234", "金额"},
		{5, "I", "sheet.cell.choice", "也许", "是否完成"},
		{5, "K", "appraisal.evidence.proof_required", "", "文号"},
	}
	if len(problems) != len(want) {
		t.Fatalf("got %d problems, want %d: %+v", len(problems), len(want), problems)
	}
	for i, w := range want {
		p := problems[i]
		if p.Row != w.row || p.Column != w.col || p.Key != w.key || p.Value != w.value || p.Header != w.hasHeader {
			t.Errorf("problem %d: got row %d column %s %s (%q under %q), want row %d column %s %s (%q under %q)",
				i, p.Row, p.Column, p.Key, p.Value, p.Header, w.row, w.col, w.key, w.value, w.hasHeader)
		}
	}
}

func TestReadEvidenceMissingHeader(t *testing.T) {
	rows := [][]any{{"姓名", "身份证号", "日期"}, {"王建国", idNumber("19800512", 11), "2025-03-01"}}
	got, problems, err := ReadEvidence(bytes.NewReader(workbook(t, rows)))
	if err != nil {
		t.Fatal(err)
	}
	if got != nil || len(problems) != 1 || problems[0].Key != "sheet.header.missing" {
		t.Errorf("a sheet without the kind column: got %d rows and %+v, want one missing-header problem", len(got), problems)
	}
}

// TestEvidenceTemplateReadsBack checks that the template's header row is
// recognised and its example row skipped, in every locale.
func TestEvidenceTemplateReadsBack(t *testing.T) {
	for _, loc := range i18n.Locales {
		var buf bytes.Buffer
		if err := EvidenceTemplate(&buf, loc); err != nil {
			t.Fatal(err)
		}
		got, problems, err := ReadEvidence(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 0 || len(problems) != 0 {
			t.Errorf("%s: the blank template reads as %d rows and %+v, want nothing", loc, len(got), problems)
		}
	}
}

func TestEvidenceProblemsPlacesStoreProblems(t *testing.T) {
	id := idNumber("19800512", 11)
	rows := [][]any{
		evidenceHeaders,
		{"王建国", id, "办结案件", "", "2025-03-01", nil, nil, nil, nil, nil, "县考〔2025〕1号"},
		{"王建民", id, "办结案件", "", "2025-03-02", nil, nil, nil, nil, nil, "县考〔2025〕2号"},
	}
	got, _, err := ReadEvidence(bytes.NewReader(workbook(t, rows)))
	if err != nil || len(got) != 2 {
		t.Fatalf("read: %d rows, %v", len(got), err)
	}
	var f fault.Fields
	f.Add("rows.1.name", "appraisal.import.name_mismatch", "王建国")
	f.Add("rows.0.id_number", "appraisal.import.person_unknown")
	problems, ok := EvidenceProblems(got, f.Err())
	if !ok || len(problems) != 2 {
		t.Fatalf("got %+v (%v), want two placed problems", problems, ok)
	}
	if p := problems[0]; p.Row != 2 || p.Column != "B" || p.Value != id || p.Key != "appraisal.import.person_unknown" {
		t.Errorf("first problem: got %+v, want the ID number of row 2 (B)", p)
	}
	if p := problems[1]; p.Row != 3 || p.Column != "A" || p.Value != "王建民" || p.Header != "姓名" {
		t.Errorf("second problem: got %+v, want the name of row 3 (A)", p)
	}
	if _, ok := EvidenceProblems(got, fault.New(fault.Forbidden, "error.forbidden")); ok {
		t.Error("a forbidden error was taken for row problems")
	}
}

func TestReadHundredths(t *testing.T) {
	for _, c := range []struct {
		in   string
		want appraisal.Value
		key  string
	}{
		{"12", 1200, ""}, {"12.5", 1250, ""}, {"12.300000000000001", 1230, ""}, {"１２．０５", 1205, ""},
		{"1,234.56", 123456, ""}, {"0.1", 10, ""}, {"-3", -300, ""},
		{"12.345", 0, "sheet.cell.decimal_places"}, {"abc", 0, "sheet.cell.number"}, {"1e30", 0, "sheet.cell.number"},
	} {
		got, err := readHundredths(c.in)
		key := ""
		if err != nil {
			key = err.key
		}
		if got != c.want || key != c.key {
			t.Errorf("readHundredths(%q) = %d, %q; want %d, %q", c.in, got, key, c.want, c.key)
		}
	}
}
