package appraisal

import (
	"slices"
	"strconv"
	"strings"

	"zugong/internal/fault"
	"zugong/internal/person"
)

// Validate checks a scheme before it is saved or used and returns
// fault.Fields naming each wrong field (version, indicators.2.weight,
// bonuses.0.cap …), or nil. The indicator weights must add up to FullMarks;
// numbers are non-negative; bands are ordered; codes are unique across
// indicators, items and vetoes, because explanation lines are named by them.
func (s *Scheme) Validate() error {
	v := schemeCheck{codes: make(map[string]bool, len(s.Indicators)+len(s.Bonuses)+len(s.Deductions)+len(s.Vetoes))}
	v.required("id", s.ID)
	v.required("name", s.Name)
	v.required("group", string(s.Group))
	if s.Version < 1 {
		v.add("version", "appraisal.scheme.version")
	}
	switch {
	case s.Period.From.IsZero():
		v.add("period.from", "field.required")
	case s.Period.To.IsZero():
		v.add("period.to", "field.required")
	case s.Period.To.Before(s.Period.From):
		v.add("period.to", "appraisal.period.end_before_start")
	}
	if len(s.Indicators) == 0 {
		v.add("indicators", "appraisal.scheme.no_indicators")
	}
	var total Points
	for i := range s.Indicators {
		v.enter("indicators", i)
		v.indicator(&s.Indicators[i])
		total += s.Indicators[i].Weight
	}
	for i := range s.Bonuses {
		v.enter("bonuses", i)
		v.item(&s.Bonuses[i])
	}
	for i := range s.Deductions {
		v.enter("deductions", i)
		v.item(&s.Deductions[i])
	}
	for i := range s.Vetoes {
		v.enter("vetoes", i)
		v.veto(&s.Vetoes[i])
	}
	v.enter("", 0)
	if len(s.Indicators) > 0 && total != FullMarks {
		v.add("indicators", "appraisal.scheme.weights_total", total.String(), FullMarks.String())
	}
	return v.f.Err()
}

// schemeCheck collects the problems of a scheme. Field names are relative
// to the list element being checked and are joined only for a problem:
// ScoreGroup validates on every call, so the valid path must not allocate
// a name per field.
type schemeCheck struct {
	f     fault.Fields
	codes map[string]bool
	list  string
	index int
}

// enter makes later fields relative to element i of list ("" for none).
func (v *schemeCheck) enter(list string, i int) { v.list, v.index = list, i }

func (v *schemeCheck) add(field, key string, args ...any) {
	if v.list != "" {
		field = v.list + "." + strconv.Itoa(v.index) + "." + field
	}
	v.f.Add(field, key, args...)
}

func (v *schemeCheck) required(field, value string) bool {
	if strings.TrimSpace(value) == "" {
		v.add(field, "field.required")
		return false
	}
	return true
}

func (v *schemeCheck) code(field, code string) {
	if !v.required(field, code) {
		return
	}
	if v.codes[code] {
		v.add(field, "appraisal.scheme.code_duplicate", code)
	}
	v.codes[code] = true
}

func (v *schemeCheck) nonNegative(field string, n int64) {
	if n < 0 {
		v.add(field, "appraisal.negative")
	}
}

func (v *schemeCheck) indicator(in *Indicator) {
	v.code("code", in.Code)
	v.required("name", in.Name)
	if !slices.Contains(orientations, in.Orientation) {
		v.add("orientation", "field.invalid_choice")
	}
	if in.Direction != HigherBetter && in.Direction != LowerBetter {
		v.add("direction", "field.invalid_choice")
	}
	if !in.Measure.Valid() {
		v.add("measure", "field.invalid_choice")
	}
	v.nonNegative("weight", int64(in.Weight))
	v.nonNegative("target", int64(in.Target))
	v.nonNegative("zero", int64(in.Zero))
	switch in.Method {
	case Linear:
		if !in.Direction.better(in.Target, in.Zero) {
			v.add("target", "appraisal.indicator.target_not_better")
		}
	case Banded:
		v.bands(in)
	case Ranked:
		// A lower-is-better rank needs a Zero above which nothing is earned:
		// with Zero 0 no value could ever be better than it.
		if in.Direction == LowerBetter && in.Zero <= 0 {
			v.add("zero", "appraisal.indicator.zero_required")
		}
	default:
		v.add("method", "field.invalid_choice")
	}
}

// bands checks that limits strictly ascend, percents lie in 0–100 and the
// share never falls as the value gets better.
func (v *schemeCheck) bands(in *Indicator) {
	if len(in.Bands) == 0 {
		v.add("bands", "appraisal.indicator.bands_required")
		return
	}
	for i, b := range in.Bands {
		at := func(name string) string { return "bands." + strconv.Itoa(i) + "." + name }
		if b.Limit < 0 {
			v.add(at("limit"), "appraisal.negative")
		}
		if b.Percent < 0 || b.Percent > 100 {
			v.add(at("percent"), "appraisal.indicator.band_percent")
		}
		if i == 0 {
			continue
		}
		prev := in.Bands[i-1]
		if b.Limit <= prev.Limit {
			v.add(at("limit"), "appraisal.indicator.bands_unordered")
		}
		rising := b.Percent >= prev.Percent
		if in.Direction == LowerBetter {
			rising = b.Percent <= prev.Percent
		}
		if !rising {
			v.add(at("percent"), "appraisal.indicator.bands_not_monotone")
		}
	}
}

func (v *schemeCheck) item(it *Item) {
	v.code("code", it.Code)
	v.required("name", it.Name)
	if !it.Kind.Valid() {
		v.add("kind", "appraisal.evidence.kind_unknown")
	}
	switch {
	case it.Per <= 0:
		v.add("per", "appraisal.item.per_not_positive")
	case it.Cap < it.Per:
		v.add("cap", "appraisal.item.cap_below_per")
	case it.Cap > FullMarks:
		// The bound keeps every line and total far inside int64 when scaled.
		v.add("cap", "appraisal.item.cap_too_large", FullMarks.String())
	}
}

func (v *schemeCheck) veto(vt *Veto) {
	v.code("code", vt.Code)
	v.required("name", vt.Name)
	if !vt.Kind.Valid() {
		v.add("kind", "appraisal.evidence.kind_unknown")
	}
	switch vt.Cap {
	case person.GradeCompetent, person.GradeBasic, person.GradeIncompetent:
	default:
		v.add("cap", "appraisal.veto.cap")
	}
}
