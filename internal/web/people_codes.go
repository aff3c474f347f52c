package web

import (
	"zugong/internal/codes"
	"zugong/internal/i18n"
	"zugong/internal/person"
)

// codeLabel is the words for code in the national code table on screens,
// in loc. A code the table does not hold is shown as it is, so a page never
// hides what the record says.
func codeLabel(table, code string, loc i18n.Locale) string {
	t, ok := codes.Get(table)
	if !ok || code == "" {
		return code
	}
	return t.Label(code, loc)
}

// codeShort is the word the printed forms use for code: 中共党员, not
// 中国共产党党员. Forms are printed in the national wording whatever the
// reader's language, so that they agree with the LRMX file.
func codeShort(table, code string) string {
	t, ok := codes.Get(table)
	if !ok || code == "" {
		return code
	}
	// The health table gives no short forms, and its names (健康或良好)
	// are not what forms print: that is its first alias (健康), as LRMX
	// files write it.
	if e, ok := t.Entry(code); ok && table == codes.Health && e.Short == "" && len(e.Aliases) > 0 {
		return e.Aliases[0]
	}
	return t.Short(code)
}

// placeLabel is a place on screens: its words as recorded, else the full
// name of its GB/T 2260 code, else the code.
func placeLabel(p person.Place) string {
	switch {
	case p.Text != "":
		return p.Text
	case codes.PlaceName(p.Code) != "":
		return codes.PlaceName(p.Code)
	}
	return p.Code
}

// placeShort is a place as forms write 籍贯 and 出生地: its words as
// recorded, else the province's short name and the place's own ("河南正阳"
// for 411724; the city between them is left out, as on paper).
func placeShort(p person.Place) string {
	if p.Text != "" {
		return p.Text
	}
	t := codes.MustGet(codes.Place)
	e, ok := t.Entry(p.Code)
	if !ok {
		return p.Code
	}
	own := e.Short
	if own == "" {
		own = e.Name
	}
	top := e
	for top.Parent != "" {
		parent, ok := t.Entry(top.Parent)
		if !ok {
			break
		}
		top = parent
	}
	if top.Code == e.Code {
		return own
	}
	province := top.Short
	if province == "" {
		province = top.Name
	}
	return province + own
}
