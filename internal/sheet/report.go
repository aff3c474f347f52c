package sheet

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"zugong/internal/i18n"
)

// Reason returns the words of a problem in loc.
func (p Problem) Reason(loc i18n.Locale) string {
	return catalog().T(loc, p.Key, p.Args...)
}

// ProblemsWorkbook writes the problems of an import as a workbook in loc:
// one row per problem with the row, column, header, value and reason, for
// the user to fix the file by. Values are written as text, so a long number
// shows as it was read.
func ProblemsWorkbook(w io.Writer, problems []Problem, loc i18n.Locale) error {
	f := excelize.NewFile()
	defer f.Close()
	name := sheetName(loc, "sheet.sheet.problems")
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return fmt.Errorf("problems workbook: %w", err)
	}
	st, err := newStyles(f)
	if err != nil {
		return fmt.Errorf("problems workbook: %w", err)
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return fmt.Errorf("problems workbook: %w", err)
	}
	for i, width := range []float64{8, 8, 20, 28, 60} {
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return fmt.Errorf("problems workbook: %w", err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("problems workbook: %w", err)
	}
	cat := catalog()
	head := []any{}
	for _, key := range []string{"sheet.report.row", "sheet.report.column", "sheet.report.header", "sheet.report.value", "sheet.report.reason"} {
		head = append(head, excelize.Cell{StyleID: st.header, Value: cat.T(loc, key)})
	}
	if err := sw.SetRow("A1", head); err != nil {
		return fmt.Errorf("problems workbook: %w", err)
	}
	row := make([]any, 5)
	for i, p := range problems {
		row[0] = p.Row
		row[1] = text(p.Column)
		row[2] = text(p.Header)
		row[3] = nil
		if p.Value != "" {
			row[3] = excelize.Cell{StyleID: st.text, Value: p.Value}
		}
		row[4] = p.Reason(loc)
		cell, err := excelize.CoordinatesToCellName(1, i+2)
		if err != nil {
			return fmt.Errorf("problems workbook: %w", err)
		}
		if err := sw.SetRow(cell, row); err != nil {
			return fmt.Errorf("problems workbook: %w", err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("problems workbook: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("problems workbook: %w", err)
	}
	return nil
}
