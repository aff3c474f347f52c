package secondment

import (
	"fmt"

	"zugong/internal/fault"
)

// DefaultWarnDays is how many days before its planned end a secondment is
// flagged as expiring when the deployment sets no other number.
const DefaultWarnDays = 30

// CheckHistory checks a whole secondment, history included, by entering it
// again step by step under the rules of each step: the base as first decided
// (its planned end before any extension), then each extension in order, the
// early return and the two assessments. A store that writes a secondment
// with its history at once (a seed, or an edit of the base fields of one
// that has a history) calls it instead of Validate. Problems of a step are
// named under its prefix: extensions.N., return., mid_term., end_of_term.
func (s *Secondment) CheckHistory() error {
	b := *s
	b.Extensions, b.Return, b.MidTerm, b.EndOfTerm = nil, nil, nil, nil
	if len(s.Extensions) > 0 {
		b.End = s.Extensions[0].From
	}
	if err := b.Validate(); err != nil {
		return err
	}
	for i, e := range s.Extensions {
		if e.From != b.End {
			return endSetByExtensions()
		}
		if err := within(fmt.Sprintf("extensions.%d.", i), b.Extend(e.To, e.Reason, e.Decided)); err != nil {
			return err
		}
	}
	if b.End != s.End {
		return endSetByExtensions()
	}
	if r := s.Return; r != nil {
		if err := within("return.", b.ReturnEarly(r.On, r.Reason)); err != nil {
			return err
		}
	}
	if a := s.MidTerm; a != nil {
		if err := within("mid_term.", b.AssessMidTerm(*a)); err != nil {
			return err
		}
	}
	if a := s.EndOfTerm; a != nil {
		return within("end_of_term.", b.AssessEndOfTerm(*a))
	}
	return nil
}

// endSetByExtensions refuses a planned end that the extensions do not
// lead to: once extended, the end moves only by another extension.
func endSetByExtensions() error {
	var f fault.Fields
	f.Add("end", "secondment.end_set_by_extensions")
	return f.Err()
}

// within names the field problems of err under prefix.
func within(prefix string, err error) error {
	e, ok := fault.As(err)
	if !ok || len(e.Fields) == 0 {
		return err
	}
	var f fault.Fields
	for name, fe := range e.Fields {
		f.Add(prefix+name, fe.Key, fe.Args...)
	}
	return f.Err()
}
