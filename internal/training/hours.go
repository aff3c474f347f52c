package training

import (
	"fmt"
	"strconv"
	"strings"
)

// Hours counts class hours (学时) in tenths, so that 1.5 hours is 15. Whole
// tenths are the finest unit a training record states, and integer tenths
// keep sums and the one-seventh leave rule exact.
type Hours int64

// HoursOf returns h whole hours.
func HoursOf(h int) Hours { return Hours(h) * 10 }

// ParseHours reads a number of hours with at most one decimal ("12", "1.5").
// The empty string is zero. A negative number is read as such, so that the
// rules can say it may not be negative.
func ParseHours(s string) (Hours, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		h, err := ParseHours(rest)
		if err != nil || rest == "" || strings.HasPrefix(rest, "-") {
			return 0, fmt.Errorf("hours %q: want a number with at most one decimal", s)
		}
		return -h, nil
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	if whole == "" || len(frac) > 1 || (hasFrac && frac == "") {
		return 0, fmt.Errorf("hours %q: want a number with at most one decimal", s)
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w < 0 || w > 1_000_000 {
		return 0, fmt.Errorf("hours %q: want a non-negative number", s)
	}
	t := int64(0)
	if frac != "" {
		if frac[0] < '0' || frac[0] > '9' {
			return 0, fmt.Errorf("hours %q: want a number with at most one decimal", s)
		}
		t = int64(frac[0] - '0')
	}
	return Hours(w*10 + t), nil
}

// String formats the hours with one decimal when it has one ("12", "1.5").
func (h Hours) String() string {
	sign := ""
	if h < 0 {
		sign, h = "-", -h
	}
	if h%10 == 0 {
		return sign + strconv.FormatInt(int64(h/10), 10)
	}
	return fmt.Sprintf("%s%d.%d", sign, h/10, h%10)
}

// Float returns the hours as a number, for charts and exports.
func (h Hours) Float() float64 { return float64(h) / 10 }
