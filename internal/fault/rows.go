package fault

import (
	"strconv"
	"strings"
)

// RowField names field of the row-th record of a batch (an import, a
// table form) as a Fields key: "rows.3.id_number", rows counted from 0.
func RowField(row int, field string) string {
	return "rows." + strconv.Itoa(row) + "." + field
}

// SplitRowField splits a RowField name into its row and field; ok is false
// for a name of another form.
func SplitRowField(name string) (row int, field string, ok bool) {
	rest, ok := strings.CutPrefix(name, "rows.")
	if !ok {
		return 0, "", false
	}
	num, field, ok := strings.Cut(rest, ".")
	n, err := strconv.Atoi(num)
	if !ok || err != nil || n < 0 || field == "" {
		return 0, "", false
	}
	return n, field, true
}
