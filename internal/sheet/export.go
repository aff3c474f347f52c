package sheet

import (
	"fmt"
	"io"
	"iter"
	"strings"

	"github.com/xuri/excelize/v2"

	"zugong/internal/i18n"
	"zugong/internal/person"
)

// Export writes people as a workbook of kind to w, in the template's
// columns, one row per dossier, streaming: rows go to a temporary file as
// they come, not into memory. ID numbers and phones are text cells, dates
// date cells, codes and enums their words; so the workbook reads back
// through Read into the same dossiers. orgText gives the text written for an
// organisation ID (所属组织, 所在支部), which the importing side's resolver
// must accept; nil writes the ID itself. people stops the export by yielding
// an error.
func Export(w io.Writer, kind Kind, people iter.Seq2[*person.Dossier, error], orgText func(orgID string) string) error {
	if err := kind.check(); err != nil {
		return err
	}
	l := layoutOf(kind)
	f := excelize.NewFile()
	defer f.Close()
	name := sheetName(i18n.Default, l.sheetKey)
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	st, err := newStyles(f)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	for i, c := range l.columns {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	row := make([]any, len(l.columns))
	for i, c := range l.columns {
		style := st.header
		if c.required {
			style = st.required
		}
		row[i] = excelize.Cell{StyleID: style, Value: columnHeader(i18n.Default, c.key)}
	}
	if err := sw.SetRow("A1", row); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	rec := l.newRecord()
	n := 1
	for d, err := range people {
		if err != nil {
			return fmt.Errorf("export row %d: %w", n+1, err)
		}
		n++
		clear(rec.vals)
		l.flatten(d, rec)
		for i, c := range l.columns {
			row[i] = exportCell(c, rec.vals[i], st, orgText)
		}
		cell, err := excelize.CoordinatesToCellName(1, n)
		if err != nil {
			return fmt.Errorf("export row %d: %w", n, err)
		}
		if err := sw.SetRow(cell, row); err != nil {
			return fmt.Errorf("export row %d: %w", n, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// exportCell is what a cell of column c holds for v: nil for nothing.
func exportCell(c column, v value, st *styles, orgText func(string) string) any {
	switch c.typ {
	case dateCell:
		if v.d.IsZero() {
			return nil
		}
		return excelize.Cell{StyleID: st.date, Value: v.d.Time()}
	case idCell, phoneCell:
		if v.s == "" {
			return nil
		}
		return excelize.Cell{StyleID: st.text, Value: v.s}
	case codeCell:
		return text(codeWord(c.table, v.s))
	case enumCell:
		if v.s == "" {
			return nil
		}
		return c.enum.label(i18n.Default, v.s)
	case listCell:
		labels := make([]string, len(v.list))
		for i, x := range v.list {
			labels[i] = c.enum.label(i18n.Default, x)
		}
		return text(strings.Join(labels, "、"))
	case orgCell:
		if v.s != "" && orgText != nil {
			return text(orgText(v.s))
		}
		return text(v.s)
	}
	return text(v.s)
}

// text is s as a cell, nil when empty so the row stays sparse.
func text(s string) any {
	if s == "" {
		return nil
	}
	return s
}
