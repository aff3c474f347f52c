package sheet

import (
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"zugong/internal/appraisal"
	"zugong/internal/fault"
	"zugong/internal/i18n"
)

// evidenceKind names the evidence workbook's layout; it is no people import
// kind (not in Kinds), so Read and Template refuse it.
const evidenceKind Kind = "evidence"

// maxEvidenceText bounds the class, document-number and attachment cells.
const maxEvidenceText = 200

// evidenceKindSet is the evidence kinds by their labels; 测评 and 处分 are the
// short words staff write.
var evidenceKindSet = &enumSet{name: "evidence_kind", values: func() []string {
	var vs []string
	for _, k := range appraisal.Kinds() {
		vs = append(vs, string(k))
	}
	return vs
}(), aliases: map[string]string{
	"测评": string(appraisal.KindAssessment), "民主评议": string(appraisal.KindAssessment),
	"招商引资": string(appraisal.KindDeal), "处分": string(appraisal.KindSanction),
	"案件": string(appraisal.KindCaseClosed), "奖励": string(appraisal.KindAward), "表彰": string(appraisal.KindAward),
}}

// yesNoSet is a yes-or-no cell; the marks people tick with are taken too.
var yesNoSet = &enumSet{name: "yes_no", values: []string{"yes", "no"}, aliases: map[string]string{
	"是": "yes", "否": "no", "√": "yes", "✓": "yes", "×": "no", "Y": "yes", "N": "no",
	"TRUE": "yes", "FALSE": "no", "true": "yes", "false": "no", "1": "yes", "0": "no",
}}

// evidenceDecimals are the columns holding a decimal with at most two
// places, read as an appraisal.Value.
var evidenceDecimals = map[string]bool{"ev_amount": true, "ev_in_place": true, "ev_progress": true, "ev_score": true}

var evidenceLayout = newLayout(evidenceKind, "sheet.sheet.evidence", []column{
	{key: "id_number", typ: idCell, required: true, width: 21, aliases: idAliases},
	{key: "name", typ: textCell, required: true, max: maxName, width: 10},
	{key: "ev_kind", typ: enumCell, enum: evidenceKindSet, required: true, width: 14, aliases: []string{"证据类型"}},
	{key: "ev_class", typ: textCell, max: maxEvidenceText, width: 12},
	{key: "ev_date", typ: dateCell, required: true, width: 12},
	{key: "ev_amount", typ: textCell, max: 32, width: 12, aliases: []string{"投资额", "签约金额"}},
	{key: "ev_in_place", typ: textCell, max: 32, width: 12},
	{key: "ev_progress", typ: textCell, max: 32, width: 10},
	{key: "ev_completed", typ: enumCell, enum: yesNoSet, width: 10},
	{key: "ev_score", typ: textCell, max: 32, width: 10, aliases: []string{"测评得分"}},
	{key: "ev_document_no", typ: textCell, max: maxEvidenceText, width: 22, aliases: []string{"文件编号"}},
	{key: "ev_attachment", typ: textCell, max: maxEvidenceText, width: 22},
})

// evidenceFields maps the fields of appraisal.Evidence.Validate and of the
// store's import problems to the columns that carry them.
var evidenceFields = map[string]string{
	"id_number": "id_number", "name": "name", "person_id": "id_number",
	"kind": "ev_kind", "class": "ev_class", "date": "ev_date", "amount": "ev_amount", "in_place": "ev_in_place",
	"progress": "ev_progress", "completed": "ev_completed", "score": "ev_score",
	"document_no": "ev_document_no", "attachment": "ev_attachment",
}

// EvidenceRow is one data row of an evidence workbook: the record and the
// cadre it names, and where it stands in the file, so that the problems
// the registry finds with it are placed on its cells.
type EvidenceRow struct {
	// Row is the 1-based sheet row.
	Row int
	appraisal.ImportRow

	cells []string
	src   *evidenceSource
}

// evidenceSource is the header of the file a row came from.
type evidenceSource struct {
	at      []int
	headers []string
}

// ReadEvidence reads an evidence workbook (the first sheet; header row as
// EvidenceTemplate writes it, found like Read's) and checks every cell:
// 身份证号 and 姓名 name the cadre, 类型 is an evidence kind by its word,
// 日期 a date as Read takes it, 金额, 到位资金, 进度 and 得分 decimals with at
// most two places, 是否完成 yes or no. A row that would not pass
// appraisal.Evidence.Validate is reported on the cells at fault. The
// template's example row is skipped.
//
// It returns the rows when there is no problem, else the problems in sheet
// order (at most MaxProblems) and no rows: an import is all or nothing.
// The error is for a file that is no workbook, as Read's.
func ReadEvidence(r io.Reader) ([]EvidenceRow, []Problem, error) {
	src := &sourceReader{r: r}
	f, err := excelize.OpenReader(src, excelize.Options{RawCellValue: true, UnzipXMLSizeLimit: streamThreshold, UnzipSizeLimit: maxUnzipped})
	if src.err != nil {
		return nil, nil, fmt.Errorf("read workbook: %w", src.err)
	}
	if err != nil {
		return nil, nil, unreadable(err)
	}
	defer f.Close()
	rd := &reader{l: evidenceLayout, res: &Result{Kind: evidenceKind}}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		rd.date1904 = *props.Date1904
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, nil, unreadable(errors.New("no worksheet"))
	}
	out, err := rd.readEvidence(f, sheets[0])
	if err != nil {
		return nil, nil, err
	}
	if !rd.res.OK() {
		return nil, rd.res.Problems, nil
	}
	return out, nil, nil
}

// readEvidence is readSheet for evidence rows.
func (rd *reader) readEvidence(f *excelize.File, name string) (out []EvidenceRow, err error) {
	rows, err := f.Rows(name)
	if err != nil {
		return nil, unreadable(err)
	}
	defer func() {
		if cerr := rows.Close(); err == nil && cerr != nil {
			err = unreadable(cerr)
		}
	}()
	var src *evidenceSource
	for rows.Next() {
		rd.row++
		cells, err := rows.Columns()
		if err != nil {
			return nil, unreadable(err)
		}
		if src == nil {
			if rd.row > headerSearchRows {
				break
			}
			if rd.header(cells) {
				src = &evidenceSource{at: rd.at, headers: rd.headers}
			}
			continue
		}
		if blank(cells) || rd.exampleRow(cells) {
			continue
		}
		row := EvidenceRow{Row: rd.row, ImportRow: rd.evidenceRow(cells), cells: cells, src: src}
		if rd.res.OK() {
			out = append(out, row)
		}
	}
	if err := rows.Error(); err != nil {
		return nil, unreadable(err)
	}
	if src == nil {
		rd.missingHeader()
	}
	return out, nil
}

// exampleRow reports the template's example row: its ID-number cell starts
// with the example mark in some locale.
func (rd *reader) exampleRow(cells []string) bool {
	j := rd.at[evidenceLayout.index["id_number"]]
	if j < 0 || j >= len(cells) {
		return false
	}
	s := clean(cells[j])
	for _, loc := range i18n.Locales {
		if strings.HasPrefix(s, catalog().T(loc, "sheet.evidence.example_mark")) {
			return true
		}
	}
	return false
}

// evidenceRow reads one data row and reports its problems.
func (rd *reader) evidenceRow(cells []string) appraisal.ImportRow {
	rd.res.Rows++
	if rd.rowBad == nil {
		rd.rowBad = map[int]bool{}
	}
	clear(rd.rowBad)
	rd.rowVals = cells
	for i := range cells {
		if strings.TrimSpace(cells[i]) != "" && (i >= len(rd.cols) || rd.cols[i] < 0 && rd.headers[i] == "") {
			rd.failAt(i, "sheet.cell.no_header")
		}
	}
	rec := rd.l.newRecord()
	for k, c := range rd.l.columns {
		raw := ""
		if j := rd.at[k]; j >= 0 && j < len(cells) {
			raw = cells[j]
		}
		v, cerr := rd.cell(c, raw)
		if cerr == nil && evidenceDecimals[c.key] {
			var n appraisal.Value
			n, cerr = readHundredths(v.s)
			v.s = strconv.FormatInt(int64(n), 10)
		}
		if cerr != nil {
			rec.failed[k] = true
			rd.fail(c.key, cerr.key, cerr.args...)
			continue
		}
		rec.vals[k] = v
	}
	row := appraisal.ImportRow{IDNumber: rec.s("id_number"), Name: rec.s("name"), Evidence: appraisal.Evidence{
		Kind: appraisal.Kind(rec.s("ev_kind")), Class: rec.s("ev_class"), Date: rec.d("ev_date"),
		Amount: hundredths(rec, "ev_amount"), InPlace: hundredths(rec, "ev_in_place"),
		Progress: hundredths(rec, "ev_progress"), Score: hundredths(rec, "ev_score"),
		Completed:  rec.s("ev_completed") == "yes",
		DocumentNo: rec.s("ev_document_no"), Attachment: rec.s("ev_attachment"),
	}}
	rd.validateEvidence(rec, row.Evidence)
	rd.flushRow()
	return row
}

// hundredths is the Value a decimal column was read as.
func hundredths(rec record, key string) appraisal.Value {
	n, _ := strconv.ParseInt(rec.s(key), 10, 64)
	return appraisal.Value(n)
}

// validateEvidence checks the record as the registry will, less the
// person it cannot know, and reports each problem on its column unless the
// cell could not be read at all.
func (rd *reader) validateEvidence(rec record, e appraisal.Evidence) {
	e.ID, e.PersonID = "-", "-"
	fe, ok := fault.As(e.Validate())
	if !ok {
		return
	}
	fields := make([]string, 0, len(fe.Fields))
	for field := range fe.Fields {
		fields = append(fields, field)
	}
	sort.Strings(fields)
	for _, field := range fields {
		col, ok := evidenceFields[field]
		if !ok || !rec.read(col) {
			continue
		}
		p := fe.Fields[field]
		rd.fail(col, p.Key, p.Args...)
	}
}

// maxHundredths bounds a decimal cell: a value beyond it is no amount a
// record carries, and its hundredths would not fit a Value.
const maxHundredths = 1e15

// readHundredths reads a decimal with at most two places ("12", "12.5",
// "1,234.50") as hundredths. A number cell may hold a binary fraction
// (12.300000000000001) that stands for two places; a third place that is
// really there is refused rather than rounded away.
func readHundredths(s string) (appraisal.Value, *cellErr) {
	s = strings.ReplaceAll(clean(s), ",", "")
	if s == "" {
		return 0, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, bad("sheet.cell.number")
	}
	h := f * 100
	r := math.Round(h)
	if math.Abs(r) > maxHundredths {
		return 0, bad("sheet.cell.number")
	}
	if math.Abs(h-r) > 1e-6*math.Max(1, math.Abs(h)) {
		return 0, bad("sheet.cell.decimal_places")
	}
	return appraisal.Value(r), nil
}

// EvidenceProblems places the problems the registry found with rows (the
// error's fields "rows.N.field", N counting rows from 0) on their cells,
// in sheet order. It reports false for an error that is not such a list.
func EvidenceProblems(rows []EvidenceRow, err error) ([]Problem, bool) {
	e, ok := fault.As(err)
	if !ok || len(e.Fields) == 0 || (e.Code != fault.Invalid && e.Code != fault.Conflict) {
		return nil, false
	}
	var out []Problem
	for name, fe := range e.Fields {
		n, field, ok := fault.SplitRowField(name)
		if !ok || n >= len(rows) {
			out = append(out, Problem{Key: fe.Key, Args: fe.Args, Header: name})
			continue
		}
		out = append(out, rows[n].problem(field, fe.Key, fe.Args))
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Row != out[j].Row {
			return out[i].Row < out[j].Row
		}
		return len(out[i].Column) < len(out[j].Column) ||
			len(out[i].Column) == len(out[j].Column) && out[i].Column < out[j].Column
	})
	return out, true
}

// problem is a problem of field on this row, on the cell that carries it.
func (r *EvidenceRow) problem(field, key string, args []any) Problem {
	p := Problem{Row: r.Row, Key: key, Args: args}
	col, ok := evidenceFields[field]
	if !ok {
		return p
	}
	j := r.src.at[evidenceLayout.index[col]]
	if j < 0 {
		p.Header = columnHeader(i18n.Default, col)
		return p
	}
	p.Column = colName(j)
	if j < len(r.src.headers) {
		p.Header = r.src.headers[j]
	}
	if j < len(r.cells) {
		p.Value = r.cells[j]
	}
	return p
}

// EvidenceTemplate writes the blank evidence workbook to w: the header row
// (frozen, required columns in red, a comment on each saying what it takes
// in loc), drop-down lists for the kind and yes-or-no columns, text format
// for ID numbers, a date format for dates, and an example row below the
// header, which ReadEvidence skips.
func EvidenceTemplate(w io.Writer, loc i18n.Locale) error {
	if err := evidenceTemplate(w, loc); err != nil {
		return fmt.Errorf("evidence template: %w", err)
	}
	return nil
}

func evidenceTemplate(w io.Writer, loc i18n.Locale) error {
	l := evidenceLayout
	f := excelize.NewFile()
	defer f.Close()
	data := sheetName(loc, l.sheetKey)
	if err := f.SetSheetName("Sheet1", data); err != nil {
		return err
	}
	lists := sheetName(loc, "sheet.sheet.lists")
	if _, err := f.NewSheet(lists); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	hintStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "808080"}, NumFmt: 49})
	if err != nil {
		return err
	}
	listCol := 0
	for i, c := range l.columns {
		col := colName(i)
		head, example := col+"1", col+"2"
		style := st.header
		if c.required {
			style = st.required
		}
		if s := st.column(c); s != 0 {
			if err := f.SetColStyle(data, col, s); err != nil {
				return err
			}
		}
		for _, err := range []error{
			f.SetColWidth(data, col, col, c.width),
			f.SetCellStr(data, head, columnHeader(i18n.Default, c.key)),
			f.SetCellStyle(data, head, head, style),
			f.AddComment(data, excelize.Comment{Author: "zugong", Cell: head, Text: evidenceHint(loc, c), Width: 240, Height: 100}),
			f.SetCellStr(data, example, catalog().T(loc, "sheet.evidence.example."+c.key)),
			f.SetCellStyle(data, example, example, hintStyle),
		} {
			if err != nil {
				return err
			}
		}
		added, err := addChoiceList(f, data, lists, loc, c, col, listCol, 3)
		if err != nil {
			return err
		}
		if added {
			listCol++
		}
	}
	if err := f.SetPanes(data, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := f.SetSheetVisible(lists, false); err != nil {
		return err
	}
	return f.Write(w)
}

// evidenceHint is the comment on an evidence column's header: hint's
// words, and for a decimal column that it takes two places.
func evidenceHint(loc i18n.Locale, c column) string {
	h := hint(loc, c)
	if evidenceDecimals[c.key] {
		h += "\n" + catalog().T(loc, "sheet.hint.decimal")
	}
	return h
}
