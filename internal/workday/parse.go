package workday

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"zugong/internal/civil"
	"zugong/internal/fault"
)

// header is the first row of a schedule file, after any "#" note lines.
var header = []string{"date", "kind", "name"}

// ParseSchedule reads year's schedule in the CSV format of the files under
// data/: optional "#" note lines (the notice's title), the header
// "date,kind,name", then one row per listed day, dates as YYYY-MM-DD. A
// leading byte-order mark is ignored, as spreadsheets write one. Problems
// of form and of content (see Schedule.Validate) come back together as one
// fault.Fields error whose field names are CSV line numbers.
func ParseSchedule(year int, r io.Reader) (Schedule, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true

	s := Schedule{Year: year}
	var f fault.Fields
	for first := true; ; first = false {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			if first {
				f.Add("line 1", "workday.bad_header")
				return s, f.Err()
			}
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			f.Add(fmt.Sprintf("line %d", pe.Line), "workday.bad_csv")
			return s, f.Err()
		}
		if err != nil {
			return s, fmt.Errorf("read schedule %d: %w", year, err)
		}
		line, _ := cr.FieldPos(0)
		if first {
			if !isHeader(rec) {
				f.Add(fmt.Sprintf("line %d", line), "workday.bad_header")
				return s, f.Err()
			}
			continue
		}
		if d, ok := parseRow(rec, line, &f); ok {
			s.Days = append(s.Days, d)
		}
	}
	s.validate(&f)
	return s, f.Err()
}

func isHeader(rec []string) bool {
	if len(rec) != len(header) {
		return false
	}
	for i, h := range header {
		if strings.TrimSpace(strings.TrimPrefix(rec[i], "\ufeff")) != h {
			return false
		}
	}
	return true
}

// parseRow reads one data row; a row it cannot read is reported and left
// out, so that the content checks do not report it a second time.
func parseRow(rec []string, line int, f *fault.Fields) (Day, bool) {
	field := fmt.Sprintf("line %d", line)
	if len(rec) != len(header) {
		f.Add(field, "workday.bad_row", len(header))
		return Day{}, false
	}
	date, err := civil.Parse(strings.TrimSpace(rec[0]))
	if err != nil || date.IsZero() {
		f.Add(field, "field.date")
		return Day{}, false
	}
	return Day{
		Date: date,
		Kind: Kind(strings.TrimSpace(rec[1])),
		Name: strings.TrimSpace(rec[2]),
		Line: line,
	}, true
}
