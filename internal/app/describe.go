package app

import (
	"sort"
	"strings"

	"zugong/internal/fault"
	"zugong/internal/i18n"
)

// Describe renders an error for the command line in the default locale:
// the message and each field's problem.
func Describe(c *i18n.Catalog, err error) string {
	e, ok := fault.As(err)
	if !ok || e.Code == fault.Internal {
		return err.Error()
	}
	msg := c.T(i18n.Default, e.Key, e.Args...)
	if len(e.Fields) == 0 {
		return msg
	}
	names := make([]string, 0, len(e.Fields))
	for n := range e.Fields {
		names = append(names, n)
	}
	sort.Strings(names)
	parts := []string{msg}
	for _, n := range names {
		f := e.Fields[n]
		parts = append(parts, n+": "+c.T(i18n.Default, f.Key, f.Args...))
	}
	return strings.Join(parts, "\n  ")
}
