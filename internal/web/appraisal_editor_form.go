package web

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"zugong/internal/appraisal"
	"zugong/internal/fault"
	"zugong/internal/person"
)

// The lists of a scheme, named as the domain names them in its field
// errors (indicators.2.weight, bonuses.0.cap …). A row of the form is
// listed under the same name with the number of its row on the form.
const (
	listIndicators = "indicators"
	listBonuses    = "bonuses"
	listDeductions = "deductions"
	listVetoes     = "vetoes"
)

// schemeLists are the lists of a scheme in the order the form shows them.
var schemeLists = []string{listIndicators, listBonuses, listDeductions, listVetoes}

// extraSchemeRows are the empty rows the form offers below a list's rows;
// minSchemeRows the rows a list shows at least; maxSchemeRows bounds what a
// posted form may ask for.
const (
	extraSchemeRows = 3
	maxSchemeRows   = 100
)

var minSchemeRows = map[string]int{listIndicators: 6, listBonuses: 3, listDeductions: 3, listVetoes: 3}

// The typed fields of a row of each list: a row with all of them empty is
// not part of the scheme. Choices (orientation, method, kind …) always hold
// a value and say nothing about whether the row was used.
var schemeRowTexts = map[string][]string{
	listIndicators: {"code", "name", "weight", "unit", "target", "zero", "bands", "class"},
	listBonuses:    {"code", "name", "class", "per", "cap"},
	listDeductions: {"code", "name", "class", "per", "cap"},
	listVetoes:     {"code", "name", "class"},
}

// schemeFields are the fields of the form outside the lists.
var schemeFields = []string{"name", "group", "org", "period.from", "period.to", "scale"}

// schemeRowField names field of row n of list on the form.
func schemeRowField(list string, n int, field string) string {
	return list + "." + strconv.Itoa(n) + "." + field
}

// schemeRows is the number of rows the form shows for list: every row the
// form holds, extraSchemeRows empty ones below the last row filled in, and
// at least the list's minimum.
func schemeRows(f Form, list string) int {
	n := minSchemeRows[list]
	for k := range f.Values {
		rest, ok := strings.CutPrefix(k, list+".")
		if !ok {
			continue
		}
		idx, _, _ := strings.Cut(rest, ".")
		i, err := strconv.Atoi(idx)
		if err != nil || i < 0 || i >= maxSchemeRows {
			continue
		}
		want := i + 1
		if !blankRow(&f, list, i) {
			want += extraSchemeRows
		}
		n = max(n, min(want, maxSchemeRows))
	}
	return n
}

// rowIndex maps each element of a scheme's lists to the row of the form it
// was read from, since empty rows are skipped.
type rowIndex map[string][]int

// readScheme reads a scheme from the form. Problems the form alone shows —
// a number or a band that cannot be read — are added to f beside their
// fields. Numbers are decimals with at most two places: points, and
// values in the indicator's unit.
func readScheme(f *Form) (*appraisal.Scheme, rowIndex) {
	sc := &appraisal.Scheme{Name: f.Get("name"), Group: appraisal.Group(f.Get("group")), Scale: f.Checked("scale"),
		Period: appraisal.Period{From: f.Date("period.from"), To: f.Date("period.to")}}
	rows := rowIndex{}
	for _, list := range schemeLists {
		for n := range schemeRows(*f, list) {
			if blankRow(f, list, n) {
				continue
			}
			rows[list] = append(rows[list], n)
			field := func(name string) string { return schemeRowField(list, n, name) }
			switch list {
			case listIndicators:
				sc.Indicators = append(sc.Indicators, readIndicator(f, field))
			case listBonuses:
				sc.Bonuses = append(sc.Bonuses, readItem(f, field))
			case listDeductions:
				sc.Deductions = append(sc.Deductions, readItem(f, field))
			case listVetoes:
				sc.Vetoes = append(sc.Vetoes, appraisal.Veto{Code: f.Get(field("code")), Name: f.Get(field("name")),
					Kind: appraisal.Kind(f.Get(field("kind"))), Class: f.Get(field("class")),
					Cap: person.AssessmentGrade(f.Get(field("cap")))})
			}
		}
	}
	return sc, rows
}

func blankRow(f *Form, list string, n int) bool {
	for _, name := range schemeRowTexts[list] {
		if f.Get(schemeRowField(list, n, name)) != "" {
			return false
		}
	}
	return true
}

func readIndicator(f *Form, field func(string) string) appraisal.Indicator {
	in := appraisal.Indicator{Code: f.Get(field("code")), Name: f.Get(field("name")),
		Orientation: appraisal.Orientation(f.Get(field("orientation"))), Unit: f.Get(field("unit")),
		Direction: appraisal.Direction(f.Get(field("direction"))), Method: appraisal.Method(f.Get(field("method"))),
		Measure: appraisal.Measure(f.Get(field("measure"))), Class: f.Get(field("class"))}
	if f.Get(field("weight")) == "" {
		f.Add(field("weight"), "field.required")
	}
	in.Weight = appraisal.Points(readNumber(f, field("weight")))
	in.Target = appraisal.Value(readNumber(f, field("target")))
	in.Zero = appraisal.Value(readNumber(f, field("zero")))
	in.Bands = readBands(f, field("bands"))
	return in
}

func readItem(f *Form, field func(string) string) appraisal.Item {
	return appraisal.Item{Code: f.Get(field("code")), Name: f.Get(field("name")), Kind: appraisal.Kind(f.Get(field("kind"))),
		Class: f.Get(field("class")), Per: appraisal.Points(readNumber(f, field("per"))),
		Cap: appraisal.Points(readNumber(f, field("cap")))}
}

// readNumber reads a decimal with at most two places as hundredths; empty
// is 0.
func readNumber(f *Form, field string) int64 {
	n, ok := parseHundredths(f.Get(field))
	if !ok {
		f.Add(field, "appraisal.web.number_format")
	}
	return n
}

// readBands reads the bands of a banded indicator written as
// "limit:percent" pairs separated by commas, semicolons or lines, as
// "60:60, 80:80, 100:100": the limit in the indicator's unit (two places at
// most), the percent of the weight a whole number. The domain checks the
// order and the range.
func readBands(f *Form, field string) []appraisal.Band {
	pieces := strings.FieldsFunc(f.Get(field), func(c rune) bool { return strings.ContainsRune(",，;；、\n\r", c) })
	var out []appraisal.Band
	for _, piece := range pieces {
		piece = strings.TrimSpace(piece)
		if piece == "" {
			continue
		}
		b, ok := parseBand(piece)
		if !ok {
			f.Add(field, "appraisal.editor.band_format", piece)
			return nil
		}
		out = append(out, b)
	}
	return out
}

// parseBand reads one "limit:percent" pair; the colon may be full-width
// and the percent may end in "%".
func parseBand(s string) (appraisal.Band, bool) {
	limit, percent, ok := strings.Cut(strings.ReplaceAll(s, "：", ":"), ":")
	limit, percent = strings.TrimSpace(limit), strings.TrimSuffix(strings.TrimSpace(percent), "%")
	if !ok || limit == "" || percent == "" || percent[0] < '0' || percent[0] > '9' {
		return appraisal.Band{}, false
	}
	l, ok := parseHundredths(limit)
	p, err := strconv.ParseInt(percent, 10, 64)
	if !ok || err != nil {
		return appraisal.Band{}, false
	}
	return appraisal.Band{Limit: appraisal.Value(l), Percent: p}, true
}

// formatBands writes bands as readBands reads them.
func formatBands(bands []appraisal.Band) string {
	parts := make([]string, len(bands))
	for i, b := range bands {
		parts[i] = decimal(int64(b.Limit)) + ":" + strconv.FormatInt(b.Percent, 10)
	}
	return strings.Join(parts, ", ")
}

// decimal writes hundredths as the shortest decimal: 6000 as "60", 1250
// as "12.5".
func decimal(n int64) string {
	s := appraisal.Value(n).String()
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
}

// schemeForm fills the form from a stored scheme.
func schemeForm(sc *appraisal.Scheme) Form {
	v := url.Values{"name": {sc.Name}, "group": {string(sc.Group)}, "period.from": {sc.Period.From.String()},
		"period.to": {sc.Period.To.String()}, "version": {strconv.Itoa(sc.Version)}}
	if sc.Scale {
		v.Set("scale", "1")
	}
	for n, in := range sc.Indicators {
		set := func(name, value string) { v.Set(schemeRowField(listIndicators, n, name), value) }
		set("code", in.Code)
		set("name", in.Name)
		set("orientation", string(in.Orientation))
		set("weight", decimal(int64(in.Weight)))
		set("unit", in.Unit)
		set("direction", string(in.Direction))
		set("method", string(in.Method))
		set("target", decimal(int64(in.Target)))
		set("zero", decimal(int64(in.Zero)))
		set("bands", formatBands(in.Bands))
		set("measure", string(in.Measure))
		set("class", in.Class)
	}
	for _, l := range []struct {
		list  string
		items []appraisal.Item
	}{{listBonuses, sc.Bonuses}, {listDeductions, sc.Deductions}} {
		for n, it := range l.items {
			set := func(name, value string) { v.Set(schemeRowField(l.list, n, name), value) }
			set("code", it.Code)
			set("name", it.Name)
			set("kind", string(it.Kind))
			set("class", it.Class)
			set("per", decimal(int64(it.Per)))
			set("cap", decimal(int64(it.Cap)))
		}
	}
	for n, vt := range sc.Vetoes {
		set := func(name, value string) { v.Set(schemeRowField(listVetoes, n, name), value) }
		set("code", vt.Code)
		set("name", vt.Name)
		set("kind", string(vt.Kind))
		set("class", vt.Class)
		set("cap", string(vt.Cap))
	}
	return formOf(v)
}

// absorbScheme takes the problems of a scheme's validation into f, each
// under the name of the form's field: the element's row instead of its
// index, and a band's problem beside the bands field. Problems with fields
// already flagged (a number that could not be read) keep the first one. It
// reports false for errors a form cannot show.
func absorbScheme(f *Form, err error, rows rowIndex) bool {
	e, ok := fault.As(err)
	if !ok || len(e.Fields) == 0 {
		return f.Absorb(err)
	}
	if e.Code != fault.Invalid && e.Code != fault.Conflict {
		return false
	}
	names := make([]string, 0, len(e.Fields))
	for name := range e.Fields {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		fe := e.Fields[name]
		f.Add(schemeFormField(name, rows), fe.Key, fe.Args...)
	}
	return true
}

// schemeFormField renames a field the domain names (indicators.1.bands.0.limit)
// to the field of the form (indicators.<row>.bands).
func schemeFormField(name string, rows rowIndex) string {
	list, rest, ok := strings.Cut(name, ".")
	if !ok {
		return name
	}
	idx, tail, ok := strings.Cut(rest, ".")
	i, err := strconv.Atoi(idx)
	if !ok || err != nil || i < 0 || i >= len(rows[list]) {
		return name
	}
	if strings.HasPrefix(tail, "bands.") {
		tail = "bands"
	}
	return schemeRowField(list, rows[list][i], tail)
}

// checkScheme validates a scheme the form could not read completely, so
// that every problem shows at once. The ID and version are the store's to
// set; a weight that could not be read makes the weights' total
// meaningless, so it is not reported then.
func checkScheme(f *Form, sc *appraisal.Scheme, rows rowIndex) {
	e, ok := fault.As(sc.Validate())
	if !ok {
		return
	}
	delete(e.Fields, "id")
	delete(e.Fields, "version")
	for _, n := range rows[listIndicators] {
		if f.Invalid(schemeRowField(listIndicators, n, "weight")) {
			delete(e.Fields, listIndicators)
			break
		}
	}
	absorbScheme(f, e, rows)
}
