package web

import (
	"fmt"
	"io"
	"net/http"

	"github.com/xuri/excelize/v2"
)

// tableWorkbook streams a one-sheet workbook: a bold header row, then rows.
// Listings exported to Excel (compliance, secondments) share it.
func tableWorkbook(w io.Writer, sheet string, headers []string, rows [][]any) error {
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	sw, err := x.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	head := make([]any, len(headers))
	for i, h := range headers {
		head[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	for i, row := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+2)
		if err != nil {
			return fmt.Errorf("workbook: %w", err)
		}
		if err := sw.SetRow(cell, row); err != nil {
			return fmt.Errorf("workbook row %d: %w", i+2, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	return x.Write(w)
}

// writeWorkbook answers r with a one-sheet workbook download.
func writeWorkbook(w http.ResponseWriter, r *http.Request, file, sheet string, headers []string, rows [][]any) error {
	d := newDownload(w, file, xlsxType)
	return d.finish(r, tableWorkbook(d, sheet, headers, rows))
}
