package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"

	"zugong/internal/civil"
	"zugong/internal/fault"
	"zugong/internal/gate"
)

// Form carries what the user typed and the problems found with it, so a
// failed form re-renders with every value kept and each message beside its
// field. Secrets (passwords, codes) are removed before re-rendering.
type Form struct {
	Values url.Values
	Errors fault.Fields
	// Error is a problem of the form as a whole.
	Error *Message
}

// parseForm reads the posted form of r. A body that cannot be read is
// malformed input, not a server failure.
func parseForm(r *http.Request) (Form, error) {
	if err := r.ParseForm(); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return Form{}, err
		}
		return Form{}, fault.Wrap(fault.Malformed, "error.malformed", err)
	}
	return Form{Values: r.PostForm}, nil
}

// formOf wraps values (such as a query string) as a Form.
func formOf(v url.Values) Form { return Form{Values: v} }

// Get returns the trimmed value of field.
func (f Form) Get(field string) string { return strings.TrimSpace(f.Values.Get(field)) }

// Raw returns the value of field as typed.
func (f Form) Raw(field string) string { return f.Values.Get(field) }

// Date reads a YYYY-MM-DD field; a value that is not one is recorded as the
// field's problem and gives the zero date. An empty field is the zero date.
func (f *Form) Date(field string) civil.Date {
	d, err := civil.Parse(f.Get(field))
	if err != nil {
		f.Add(field, "field.date")
	}
	return d
}

// Checked reports whether a checkbox was ticked.
func (f Form) Checked(field string) bool {
	v := f.Values.Get(field)
	return v != "" && v != "0" && v != "false"
}

// Selected reports whether value is the chosen option of field.
func (f Form) Selected(field string, value any) bool { return f.Values.Get(field) == fmt.Sprint(value) }

// Err returns the problem of field, or nil.
func (f Form) Err(field string) *fault.FieldError {
	e, ok := f.Errors[field]
	if !ok {
		return nil
	}
	return &e
}

// Invalid reports whether field has a problem.
func (f Form) Invalid(field string) bool { _, ok := f.Errors[field]; return ok }

// Add records a problem with field.
func (f *Form) Add(field, key string, args ...any) { f.Errors.Add(field, key, args...) }

// OK reports whether no problem was found.
func (f Form) OK() bool { return len(f.Errors) == 0 && f.Error == nil }

// Forget removes secret fields, so they are never sent back to the browser.
func (f *Form) Forget(fields ...string) {
	v := url.Values{}
	for k, vals := range f.Values {
		if !slices.Contains(fields, k) {
			v[k] = vals
		}
	}
	f.Values = v
}

// Absorb takes the field problems and message of a domain error into f. It
// reports false for errors a form cannot show (forbidden, internal…), which
// the caller returns instead.
func (f *Form) Absorb(err error) bool {
	e, ok := fault.As(err)
	if !ok {
		return false
	}
	switch e.Code {
	case fault.Invalid, fault.Conflict, fault.TooMany, fault.Unavailable:
	default:
		return false
	}
	if len(e.Fields) == 0 {
		f.Error = &Message{Key: e.Key, Args: e.Args}
		return true
	}
	for k, v := range e.Fields {
		f.Add(k, v.Key, v.Args...)
	}
	return true
}

// Others returns, in a stable order, the problems of fields the page does
// not show, so that no message is lost.
func (f Form) Others(shown ...string) []fault.FieldError {
	var names []string
	for k := range f.Errors {
		if !slices.Contains(shown, k) {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	out := make([]fault.FieldError, len(names))
	for i, n := range names {
		out[i] = f.Errors[n]
	}
	return out
}

// Status is the status of a re-rendered form: 422 for problems with
// fields, else the status of the error that the form shows.
func (f Form) Status(err error) int {
	if err == nil || len(f.Errors) > 0 {
		return http.StatusUnprocessableEntity
	}
	st := gate.Status(err)
	if st == http.StatusNotFound || st < 400 {
		return http.StatusUnprocessableEntity
	}
	return st
}

// fieldError moves the form-wide message of an invalid-input error without
// field details to field, for one-field forms (a code, a password).
func (f *Form) fieldError(field string, err error) {
	if f.Error != nil && fault.CodeOf(err) == fault.Invalid {
		f.Add(field, f.Error.Key, f.Error.Args...)
		f.Error = nil
	}
}
