package sheet

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"zugong/internal/i18n"
)

// Template writes the blank import workbook of kind to w: the header row
// (frozen, required columns in red), a comment on each header saying what
// the column takes in loc, drop-down lists for coded columns (their values
// on a hidden sheet), text format for ID numbers and phones so that Excel
// keeps every digit, and a date format for date columns.
func Template(w io.Writer, kind Kind, loc i18n.Locale) error {
	if err := kind.check(); err != nil {
		return err
	}
	l := layoutOf(kind)
	f := excelize.NewFile()
	defer f.Close()
	data := sheetName(loc, l.sheetKey)
	if err := f.SetSheetName("Sheet1", data); err != nil {
		return fmt.Errorf("template: %w", err)
	}
	lists := sheetName(loc, "sheet.sheet.lists")
	if _, err := f.NewSheet(lists); err != nil {
		return fmt.Errorf("template: %w", err)
	}
	st, err := newStyles(f)
	if err != nil {
		return fmt.Errorf("template: %w", err)
	}
	listCol := 0
	for i, c := range l.columns {
		col := colName(i)
		cell := col + "1"
		if err := f.SetCellStr(data, cell, columnHeader(i18n.Default, c.key)); err != nil {
			return fmt.Errorf("template: %w", err)
		}
		style := st.header
		if c.required {
			style = st.required
		}
		if err := f.SetCellStyle(data, cell, cell, style); err != nil {
			return fmt.Errorf("template: %w", err)
		}
		if err := f.SetColWidth(data, col, col, c.width); err != nil {
			return fmt.Errorf("template: %w", err)
		}
		if s := st.column(c); s != 0 {
			if err := f.SetColStyle(data, col, s); err != nil {
				return fmt.Errorf("template: %w", err)
			}
			// The header keeps its own style over the column's.
			if err := f.SetCellStyle(data, cell, cell, style); err != nil {
				return fmt.Errorf("template: %w", err)
			}
		}
		if err := f.AddComment(data, excelize.Comment{Author: "zugong", Cell: cell, Text: hint(loc, c), Width: 240, Height: 100}); err != nil {
			return fmt.Errorf("template: %w", err)
		}
		added, err := addChoiceList(f, data, lists, loc, c, col, listCol, 2)
		if err != nil {
			return fmt.Errorf("template: %w", err)
		}
		if added {
			listCol++
		}
	}
	if err := f.SetPanes(data, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("template: %w", err)
	}
	if err := f.SetSheetVisible(lists, false); err != nil {
		return fmt.Errorf("template: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("template: %w", err)
	}
	return nil
}

// hint is the comment on a column's header: its name in loc and what it
// takes.
func hint(loc i18n.Locale, c column) string {
	cat := catalog()
	parts := []string{columnHeader(loc, c.key)}
	if c.required {
		parts = append(parts, cat.T(loc, "sheet.hint.required"))
	}
	switch c.typ {
	case dateCell:
		parts = append(parts, cat.T(loc, "sheet.hint.date"))
	case idCell:
		parts = append(parts, cat.T(loc, "sheet.hint.id_number"))
	case codeCell, enumCell:
		parts = append(parts, cat.T(loc, "sheet.hint.choice"))
	case listCell:
		parts = append(parts, cat.T(loc, "sheet.hint.list", strings.Join(c.enum.labels(i18n.Default), "、")))
	case orgCell:
		parts = append(parts, cat.T(loc, "sheet.hint.org"))
	case phoneCell:
		parts = append(parts, cat.T(loc, "sheet.hint.phone"))
	}
	if key := "sheet.hint.col." + c.key; cat.Has(key) {
		parts = append(parts, cat.T(loc, key))
	}
	return strings.Join(parts, "\n")
}

// dropWords are the values of a column's drop-down list: the words the
// reader takes, in the zh-Hans forms files use.
func dropWords(c column) []string {
	switch c.typ {
	case codeCell:
		return codeWords(c.table)
	case enumCell:
		return c.enum.labels(i18n.Default)
	}
	return nil
}

// sheetName is a worksheet name from the catalog, cut to Excel's 31
// characters and rid of the characters Excel forbids.
func sheetName(loc i18n.Locale, key string) string {
	s := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '_'
		}
		return r
	}, catalog().T(loc, key))
	return truncate(s, 31)
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}

// styles are the cell styles of the sheets.
type styles struct {
	header, required, text, date int
}

func newStyles(f *excelize.File) (*styles, error) {
	var st styles
	var err error
	border := []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}
	fill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7ECF3"}}
	if st.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: fill, Border: border,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}); err != nil {
		return nil, err
	}
	if st.required, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "C00000"}, Fill: fill, Border: border,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}); err != nil {
		return nil, err
	}
	if st.text, err = f.NewStyle(&excelize.Style{NumFmt: 49}); err != nil { // "@": text
		return nil, err
	}
	format := "yyyy-mm-dd"
	if st.date, err = f.NewStyle(&excelize.Style{CustomNumFmt: &format}); err != nil {
		return nil, err
	}
	return &st, nil
}

// column returns the style of a column's data cells, 0 for none.
func (st *styles) column(c column) int {
	switch c.typ {
	case idCell, phoneCell:
		return st.text
	case dateCell:
		return st.date
	}
	return 0
}

// addChoiceList writes the choices of column c into column listCol
// (0-based) of the hidden lists sheet and offers them as a drop-down on
// column col of the data sheet from firstRow down. It reports whether c
// has choices; a column without them is left alone.
func addChoiceList(f *excelize.File, data, lists string, loc i18n.Locale, c column, col string, listCol, firstRow int) (bool, error) {
	words := dropWords(c)
	if len(words) == 0 {
		return false, nil
	}
	lc := colName(listCol)
	if err := f.SetCellStr(lists, lc+"1", columnHeader(i18n.Default, c.key)); err != nil {
		return false, err
	}
	for j, word := range words {
		if err := f.SetCellStr(lists, fmt.Sprintf("%s%d", lc, j+2), word); err != nil {
			return false, err
		}
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("%s%d:%s%d", col, firstRow, col, excelize.TotalRows)
	dv.SetSqrefDropList(fmt.Sprintf("'%s'!$%s$2:$%s$%d", strings.ReplaceAll(lists, "'", "''"), lc, lc, len(words)+1))
	// A warning, not a stop: the reader also takes aliases and codes
	// ("汉", "01") that the list does not show.
	dv.SetError(excelize.DataValidationErrorStyleWarning, truncate(columnHeader(loc, c.key), 32),
		truncate(catalog().T(loc, "sheet.hint.choice"), 255))
	return true, f.AddDataValidation(data, dv)
}
