package sheet

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"zugong/internal/civil"
	"zugong/internal/person"
)

// cellErr is why one cell cannot be read: a catalog key and its arguments.
type cellErr struct {
	key  string
	args []any
}

func bad(key string, args ...any) *cellErr { return &cellErr{key: key, args: args} }

// clean trims a cell and folds full-width digits, letters and spaces, which
// Chinese input methods produce, into their ASCII forms, so that "１９９０．０１"
// reads as a date and "４１１７…Ｘ" as an ID number.
func clean(s string) string {
	s = strings.TrimSpace(s)
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= '！' && r <= '～': // the full-width forms of ASCII ! to ~
			r -= '！' - '!'
		case r == '\u3000':
			r = ' '
		}
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}

// readText reads free text of at most max characters.
func readText(raw string, max int) (string, *cellErr) {
	s := strings.TrimSpace(raw)
	if n := utf8.RuneCountInString(s); n > max {
		return "", bad("sheet.cell.too_long", max)
	}
	return s, nil
}

// The oldest and newest years a registry date may carry. Anything outside
// is a typing or conversion error (a serial number read as a year).
const (
	minYear = 1900
	maxYear = 2100
)

// readDate reads a date as Excel stores it (a serial number, in the 1900
// date system unless the workbook says 1904) or as text in the forms seen on
// Chinese forms: 2006-01-02, 2006/1/2, 2006.01.02, 20060102, 2006年1月2日,
// and the month forms 2006-01, 2006.01, 2006.1, 200601, 2006年1月, which give
// the first of the month. A number such as 2006.01 (the month form typed into
// a number cell) reads as a month too; 2006 alone is refused rather than read
// as day 2006 of 1905.
func readDate(raw string, date1904 bool) (civil.Date, *cellErr) {
	s := clean(raw)
	if s == "" {
		return civil.Date{}, nil
	}
	if d, ok := textDate(s); ok {
		return d, nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsNaN(f) && !math.IsInf(f, 0) {
		// Serial numbers of 1905 are no registry's dates: a number from 1900
		// to 2100 is a year, or a month form textDate refused (1990.13).
		switch {
		case f == math.Trunc(f) && f >= minYear && f <= maxYear:
			return civil.Date{}, bad("sheet.cell.date_year_only")
		case f >= minYear && f < maxYear+1:
			return civil.Date{}, bad("sheet.cell.date")
		}
		if f >= 1 && f < 2958466 { // 9999-12-31
			t, err := excelize.ExcelDateToTime(f, date1904)
			if err == nil {
				d := civil.Of(t)
				if d.Year >= minYear && d.Year <= maxYear {
					return d, nil
				}
			}
		}
	}
	return civil.Date{}, bad("sheet.cell.date")
}

// textDate reads the text forms of readDate.
func textDate(s string) (civil.Date, bool) {
	if i := strings.IndexByte(s, 'T'); i == 10 { // an ISO date-time cell (t="d")
		s = s[:10]
	}
	var parts []string
	switch {
	case strings.Contains(s, "年"):
		s = strings.TrimSuffix(strings.TrimSuffix(s, "日"), "号")
		y, rest, _ := strings.Cut(s, "年")
		m, d, _ := strings.Cut(rest, "月")
		parts = []string{y, m}
		if d != "" {
			parts = append(parts, d)
		}
	case strings.ContainsAny(s, "-/."):
		parts = strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '/' || r == '.' })
		if strings.Count(s, "-")+strings.Count(s, "/")+strings.Count(s, ".") != len(parts)-1 {
			return civil.Date{}, false // "2006--01", "2006.": separators out of place
		}
	case len(s) == 8:
		parts = []string{s[:4], s[4:6], s[6:]}
	case len(s) == 6:
		parts = []string{s[:4], s[4:]}
	default:
		return civil.Date{}, false
	}
	if len(parts) < 2 || len(parts) > 3 || len(parts[0]) != 4 {
		return civil.Date{}, false
	}
	n := make([]int, 3)
	n[2] = 1
	for i, p := range parts {
		if p == "" || len(p) > 4 || i > 0 && len(p) > 2 {
			return civil.Date{}, false
		}
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 {
			return civil.Date{}, false
		}
		n[i] = v
	}
	y, m, d := n[0], n[1], n[2]
	if y < minYear || y > maxYear || m < 1 || m > 12 || d < 1 {
		return civil.Date{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return civil.Date{}, false // 2006-02-30
	}
	return civil.Date{Year: y, Month: time.Month(m), Day: d}, true
}

// readIDNumber reads a citizen identity number. Excel keeps 15 significant
// digits of a number, so an 18-digit ID number typed into a number cell has
// lost its last three digits: it shows in scientific notation, or in full
// ending in 000. That is reported as such, telling the user to format the
// column as text, rather than as a wrong check character.
func readIDNumber(raw string) (string, *cellErr) {
	s := clean(raw)
	if s == "" {
		return "", nil
	}
	if strings.ContainsAny(s, "Ee.") {
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return "", bad("sheet.id.as_number")
		}
	}
	if _, err := person.ParseIDNumber(s); err != nil {
		switch {
		case err == person.ErrIDCheck && strings.HasSuffix(s, "000"):
			// Excel's 15 significant digits, read back from a number cell
			// that a program wrote out in full.
			return "", bad("sheet.id.as_number")
		}
		switch err {
		case person.ErrIDLength:
			return "", bad("sheet.id.length")
		case person.ErrIDChars:
			return "", bad("sheet.id.chars")
		case person.ErrIDBirth:
			return "", bad("sheet.id.birth")
		default:
			return "", bad("sheet.id.check")
		}
	}
	return person.NormalizeIDNumber(s), nil
}

// splitList splits a cell holding several items ("党员、干部").
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		switch r {
		case '、', ',', '，', ';', '；', '/', ' ', '\u3000', '|':
			return true
		}
		return false
	})
}
