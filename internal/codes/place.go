package codes

import "slices"

// PlaceName returns the full name of an administrative division by its GB/T
// 2260 code, province first: "河南省驻马店市正阳县" for 411724, "河南省" for
// 410000, "河南省济源市" for 419001 (the standard's grouping of the
// county-level units a province governs directly is not a name and is left
// out). A code the place table does not hold gives "".
func PlaceName(code string) string {
	t := MustGet(Place)
	e, ok := t.Entry(code)
	if !ok {
		return ""
	}
	name := e.Name
	for e.Parent != "" {
		e, _ = t.Entry(e.Parent)
		if !isGrouping(e.Code) {
			name = e.Name + name
		}
	}
	return name
}

// isGrouping reports whether a GB/T 2260 code is the standard's grouping of
// the county-level units governed directly by the province (city digits 90,
// as in 419000), which is a heading rather than a place.
func isGrouping(code string) bool {
	return len(code) == 6 && code[2:4] == "90" && code[4:] == "00"
}

// ValidPlace reports whether code is a GB/T 2260 county-level-or-above code
// that zugong can vouch for: one the place table holds, or six digits under
// a province the table holds but does not list in full (the table lists
// every code of Henan and only the provinces elsewhere, so 320581 passes on
// the strength of 320000 while a Henan code must be listed).
func ValidPlace(code string) bool {
	t := MustGet(Place)
	if t.Valid(code) {
		return true
	}
	if len(code) != 6 {
		return false
	}
	for _, c := range code {
		if c < '0' || c > '9' {
			return false
		}
	}
	return t.Valid(code[:2]+"0000") && !slices.Contains(t.complete, code[:2])
}
