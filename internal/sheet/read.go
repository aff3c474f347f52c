package sheet

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/i18n"
	"zugong/internal/person"
)

// headerSearchRows is how many rows from the top may hold the header row.
const headerSearchRows = 10

// Limits on an uploaded workbook. A worksheet part larger than
// streamThreshold is unzipped to a temporary file and read from there, so
// memory holds one row at a time; the whole workbook may not unzip to more
// than maxUnzipped (a zip bomb stops there).
const (
	streamThreshold = 4 << 20
	maxUnzipped     = 2 << 30
)

// Read reads a workbook of kind from r and checks every cell. It returns the
// problems of the whole file, in sheet order; when there is none it returns
// one dossier per data row. today is the day ages and "not in the future"
// are judged on. resolveOrg turns the text of an organisation cell (所属组织,
// 所在支部) into an organisation ID, reporting false when it names none; its
// answers are remembered for the rest of the file.
//
// The error is for a file that cannot be read as a workbook at all (a
// *fault.Error with code Invalid and key sheet.file.unreadable) or an I/O
// failure; a readable workbook with bad cells gives problems, not an error.
func Read(r io.Reader, kind Kind, today civil.Date, resolveOrg func(string) (string, bool)) (*Result, error) {
	res := &Result{Kind: kind}
	err := scan(r, kind, today, resolveOrg, res, func(d *person.Dossier) {
		if res.ProblemCount > 0 {
			res.Dossiers = nil // nothing will be saved: let the rows go
			return
		}
		if res.Dossiers == nil && res.expect > 0 {
			res.Dossiers = make([]person.Dossier, 0, res.expect)
		}
		res.Dossiers = append(res.Dossiers, *d)
	})
	if err != nil {
		return nil, err
	}
	if !res.OK() {
		res.Dossiers = nil
	}
	return res, nil
}

// scan reads a workbook row by row into res's counts and problems, handing
// each row's dossier to emit as it is read.
func scan(r io.Reader, kind Kind, today civil.Date, resolveOrg func(string) (string, bool), res *Result, emit func(*person.Dossier)) error {
	if err := kind.check(); err != nil {
		return err
	}
	src := &sourceReader{r: r}
	f, err := excelize.OpenReader(src, excelize.Options{
		RawCellValue:      true,
		UnzipXMLSizeLimit: streamThreshold,
		UnzipSizeLimit:    maxUnzipped,
	})
	if src.err != nil {
		return fmt.Errorf("read workbook: %w", src.err)
	}
	if err != nil {
		return unreadable(err)
	}
	defer f.Close()
	rd := &reader{
		l:          layoutOf(kind),
		today:      today,
		resolveOrg: resolveOrg,
		orgs:       map[string]orgAnswer{},
		ids:        map[string]int{},
		res:        res,
		emit:       emit,
	}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		rd.date1904 = *props.Date1904
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return unreadable(errors.New("no worksheet"))
	}
	res.expect = expectRows(f, sheets[0])
	return rd.readSheet(f, sheets[0])
}

// maxExpect bounds the rows a sheet's stated dimension may make Read set
// room aside for: the dimension is the file's word, not a count.
const maxExpect = 1 << 17

// expectRows is how many data rows the sheet's dimension (A1:Z100001)
// announces, so the dossiers are allocated once rather than regrown; 0 when
// it says nothing useful.
func expectRows(f *excelize.File, sheet string) int {
	ref, err := f.GetSheetDimension(sheet)
	if err != nil {
		return 0
	}
	_, last, ok := strings.Cut(ref, ":")
	if !ok {
		return 0
	}
	_, row, err := excelize.CellNameToCoordinates(last)
	if err != nil || row < 2 {
		return 0
	}
	return min(row-1, maxExpect)
}

// sourceReader keeps the error of the underlying reader, to tell a failed
// upload from a file that is not a workbook.
type sourceReader struct {
	r   io.Reader
	err error
}

func (s *sourceReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err != nil && err != io.EOF {
		s.err = err
	}
	return n, err
}

func unreadable(err error) error {
	return fault.Wrap(fault.Invalid, "sheet.file.unreadable", err)
}

// reader is the state of one Read.
type reader struct {
	l          *layout
	today      civil.Date
	date1904   bool
	resolveOrg func(string) (string, bool)
	orgs       map[string]orgAnswer
	// ids maps each ID number seen to its row, to catch a person twice.
	ids map[string]int
	// cols maps the sheet's column (0-based) to the layout's column, -1
	// for a column the header did not name.
	cols []int
	// at maps the layout's column to the sheet's column, -1 when absent.
	at      []int
	headers []string
	res     *Result
	emit    func(*person.Dossier)
	// row is the sheet row being read and its problems so far, one per
	// cell: the first problem of a cell is the one to fix first.
	row     int
	rowBad  map[int]bool
	rowVals []string
	pending []pending
}

// pending is a problem of the current row, with the sheet column it sorts
// by: a row's problems are reported left to right.
type pending struct {
	at int
	p  Problem
}

type orgAnswer struct {
	id string
	ok bool
}

func (rd *reader) readSheet(f *excelize.File, name string) (err error) {
	rows, err := f.Rows(name)
	if err != nil {
		return unreadable(err)
	}
	defer func() {
		if cerr := rows.Close(); err == nil && cerr != nil {
			err = unreadable(cerr)
		}
	}()
	found := false
	for rows.Next() {
		rd.row++
		cells, err := rows.Columns()
		if err != nil {
			return unreadable(err)
		}
		if !found {
			if rd.row > headerSearchRows {
				break
			}
			found = rd.header(cells)
			continue
		}
		if blank(cells) {
			continue
		}
		rd.readRow(cells)
	}
	if err := rows.Error(); err != nil {
		return unreadable(err)
	}
	if !found {
		rd.missingHeader()
	}
	return nil
}

// header recognises the header row: the first row naming every required
// column. It reports unknown and repeated columns.
func (rd *reader) header(cells []string) bool {
	names := rd.l.headerIndex()
	cols := make([]int, len(cells))
	present := make([]bool, len(rd.l.columns))
	for i, c := range cells {
		cols[i] = -1
		if k, ok := names[normHeader(c)]; ok {
			cols[i] = k
			present[k] = true
		}
	}
	for k, c := range rd.l.columns {
		if c.required && !present[k] {
			return false
		}
	}
	at := make([]int, len(rd.l.columns))
	for i := range at {
		at[i] = -1
	}
	rd.headers = make([]string, len(cells))
	for i, c := range cells {
		rd.headers[i] = strings.TrimSpace(c)
		k := cols[i]
		switch {
		case rd.headers[i] == "":
		case k < 0:
			rd.report(Problem{Row: rd.row, Column: colName(i), Header: rd.headers[i], Value: rd.headers[i], Key: "sheet.header.unknown"})
		case at[k] >= 0:
			rd.report(Problem{Row: rd.row, Column: colName(i), Header: rd.headers[i], Value: rd.headers[i],
				Key: "sheet.header.duplicate", Args: []any{colName(at[k])}})
			cols[i] = -1
		default:
			at[k] = i
		}
	}
	rd.cols, rd.at = cols, at
	for _, k := range cols {
		if k >= 0 {
			rd.res.Columns = append(rd.res.Columns, rd.l.columns[k].key)
		}
	}
	return true
}

// missingHeader reports a sheet without a recognisable header row.
func (rd *reader) missingHeader() {
	var need []string
	for _, c := range rd.l.columns {
		if c.required {
			need = append(need, columnHeader(i18n.Default, c.key))
		}
	}
	rd.report(Problem{Row: 1, Key: "sheet.header.missing", Args: []any{strings.Join(need, "、")}})
}

// readRow reads one data row into a dossier and reports its problems.
func (rd *reader) readRow(cells []string) {
	rd.res.Rows++
	if rd.rowBad == nil {
		rd.rowBad = map[int]bool{}
	}
	clear(rd.rowBad)
	rd.rowVals = cells
	rec := rd.l.newRecord()
	for i, sc := range rd.cols {
		if sc < 0 && i < len(cells) && strings.TrimSpace(cells[i]) != "" && i < len(rd.headers) && rd.headers[i] == "" {
			rd.failAt(i, "sheet.cell.no_header")
		}
	}
	for i := len(rd.cols); i < len(cells); i++ {
		if strings.TrimSpace(cells[i]) != "" {
			rd.failAt(i, "sheet.cell.no_header")
		}
	}
	for k, c := range rd.l.columns {
		raw := ""
		if j := rd.at[k]; j >= 0 && j < len(cells) {
			raw = cells[j]
		}
		v, cerr := rd.cell(c, raw)
		if cerr != nil {
			rec.failed[k] = true
			rd.fail(c.key, cerr.key, cerr.args...)
			continue
		}
		rec.vals[k] = v
	}
	d := rd.l.build(rec, rd.fail)
	if id := d.Person.IDNumber; id != "" {
		if first, dup := rd.ids[id]; dup {
			rd.fail("id_number", "sheet.id.duplicate", first)
		} else {
			rd.ids[id] = rd.row
		}
	}
	rd.validate(&d)
	rd.flushRow()
	rd.emit(&d)
}

// cell reads one cell of column c.
func (rd *reader) cell(c column, raw string) (value, *cellErr) {
	s := strings.TrimSpace(raw)
	if s == "" {
		if c.required {
			return value{}, bad("sheet.cell.required")
		}
		return value{}, nil
	}
	switch c.typ {
	case dateCell:
		d, err := readDate(s, rd.date1904)
		return value{d: d}, err
	case idCell:
		id, err := readIDNumber(s)
		return value{s: id}, err
	case codeCell:
		code, ok := lookupCode(c.table, s)
		if !ok {
			return value{}, bad("sheet.cell.choice")
		}
		return value{s: code}, nil
	case enumCell:
		v, ok := c.enum.parse(s)
		if !ok {
			return value{}, bad("sheet.cell.choice")
		}
		return value{s: v}, nil
	case listCell:
		var vs []string
		for _, item := range splitList(s) {
			v, ok := c.enum.parse(item)
			if !ok {
				return value{}, bad("sheet.cell.choice")
			}
			if !slices.Contains(vs, v) {
				vs = append(vs, v)
			}
		}
		return value{list: vs}, nil
	case orgCell:
		if _, err := readText(s, c.max); err != nil {
			return value{}, err
		}
		id, ok := rd.org(s)
		if !ok {
			return value{}, bad("sheet.cell.org")
		}
		return value{s: id}, nil
	case phoneCell:
		s = clean(s)
		if strings.ContainsAny(s, "Ee") {
			return value{}, bad("sheet.cell.phone_as_number")
		}
		t, err := readText(s, c.max)
		return value{s: t}, err
	default:
		t, err := readText(s, c.max)
		return value{s: t}, err
	}
}

func (rd *reader) org(s string) (string, bool) {
	if a, ok := rd.orgs[s]; ok {
		return a.id, a.ok
	}
	var a orgAnswer
	if rd.resolveOrg != nil {
		a.id, a.ok = rd.resolveOrg(s)
	}
	rd.orgs[s] = a
	return a.id, a.ok
}

// validate checks the dossier against the domain's rules and reports each
// field's problem on the column that carries it, or on the row.
func (rd *reader) validate(d *person.Dossier) {
	err := validateDossier(d, rd.today)
	if err == nil {
		return
	}
	fe, ok := fault.As(err)
	if !ok || len(fe.Fields) == 0 {
		key := "sheet.row.invalid"
		var args []any
		if ok && fe.Key != "" {
			key, args = fe.Key, fe.Args
		}
		rd.pending = append(rd.pending, pending{math.MaxInt, Problem{Row: rd.row, Key: key, Args: args}})
		return
	}
	for _, field := range sortedFields(fe.Fields) {
		p := fe.Fields[field]
		col := fieldColumn(rd.l, field)
		if col == "" {
			rd.pending = append(rd.pending, pending{math.MaxInt, Problem{Row: rd.row, Key: p.Key, Args: p.Args}})
			continue
		}
		rd.fail(col, p.Key, p.Args...)
	}
}

// fail reports a problem on the cell of column key in the current row; a
// cell gets one problem, the first. A column the sheet lacks is reported
// without a letter, under its catalog header.
func (rd *reader) fail(key, msg string, args ...any) {
	k, ok := rd.l.index[key]
	if !ok {
		panic("sheet: no column " + key + " in " + string(rd.l.kind))
	}
	for i, a := range args {
		if ref, ok := a.(colRef); ok {
			args[i] = rd.headerOf(string(ref))
		}
	}
	j := rd.at[k]
	if j < 0 {
		if rd.rowBad[-1-k] {
			return
		}
		rd.rowBad[-1-k] = true
		rd.pending = append(rd.pending, pending{math.MaxInt32 + k, Problem{Row: rd.row, Header: columnHeader(i18n.Default, key), Key: msg, Args: args}})
		return
	}
	rd.failAtArgs(j, msg, args)
}

func (rd *reader) failAt(j int, msg string) { rd.failAtArgs(j, msg, nil) }

func (rd *reader) failAtArgs(j int, msg string, args []any) {
	if rd.rowBad[j] {
		return
	}
	rd.rowBad[j] = true
	p := Problem{Row: rd.row, Column: colName(j), Key: msg, Args: args}
	if j < len(rd.headers) {
		p.Header = rd.headers[j]
	}
	if j < len(rd.rowVals) {
		p.Value = rd.rowVals[j]
	}
	rd.pending = append(rd.pending, pending{j, p})
}

// flushRow reports the current row's problems in column order.
func (rd *reader) flushRow() {
	slices.SortStableFunc(rd.pending, func(a, b pending) int { return cmp.Compare(a.at, b.at) })
	for _, p := range rd.pending {
		rd.report(p.p)
	}
	rd.pending = rd.pending[:0]
}

// headerOf is the header of column key as the file wrote it, else its
// catalog header.
func (rd *reader) headerOf(key string) string {
	if k, ok := rd.l.index[key]; ok && rd.at != nil && rd.at[k] >= 0 && rd.at[k] < len(rd.headers) {
		return rd.headers[rd.at[k]]
	}
	return columnHeader(i18n.Default, key)
}

func (rd *reader) report(p Problem) {
	rd.res.ProblemCount++
	if len(rd.res.Problems) < MaxProblems {
		rd.res.Problems = append(rd.res.Problems, p)
	}
}

// colRef is an argument naming another column of the row; the report shows
// that column's header as the file wrote it.
type colRef string

// colName is the letter of the 0-based column i.
func colName(i int) string {
	s, err := excelize.ColumnNumberToName(i + 1)
	if err != nil {
		return ""
	}
	return s
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
