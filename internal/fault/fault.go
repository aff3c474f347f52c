// Package fault defines the errors that cross zugong's layers. A domain error
// carries a Code, which adapters map to a status, and a message key, which the
// message catalog turns into words in the user's language. Internal errors are
// anything else: they are logged and shown as a generic message.
package fault

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Code classifies an error for the adapters.
type Code string

// The codes an adapter maps to a response.
const (
	Invalid Code = "invalid"
	// Malformed: the request could not be read at all (broken JSON, wrong
	// content type), as opposed to readable input with invalid fields.
	Malformed    Code = "malformed"
	NotFound     Code = "not_found"
	Conflict     Code = "conflict"
	Forbidden    Code = "forbidden"
	Unauthorized Code = "unauthorized"
	TooMany      Code = "too_many_requests"
	TooLarge     Code = "too_large"
	Unavailable  Code = "unavailable"
	Internal     Code = "internal"
)

// Error is a domain error. Key names a message in the catalog; Args fill its
// placeholders. Fields holds per-field problems of invalid input.
type Error struct {
	Code   Code
	Key    string
	Args   []any
	Fields Fields
	Err    error
}

// Error implements error for logs; users see the catalog message instead.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(string(e.Code))
	if e.Key != "" {
		b.WriteString(": ")
		b.WriteString(e.Key)
	}
	if len(e.Fields) > 0 {
		b.WriteString(" ")
		b.WriteString(e.Fields.String())
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying cause, if any.
func (e *Error) Unwrap() error { return e.Err }

// New returns an error with a code and a message key.
func New(code Code, key string, args ...any) *Error {
	return &Error{Code: code, Key: key, Args: args}
}

// Wrap returns an error with a code and key that keeps err as its cause.
func Wrap(code Code, key string, err error) *Error {
	return &Error{Code: code, Key: key, Err: err}
}

// CodeOf returns the code of the first *Error in err's chain, or Internal.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// As returns the first *Error in err's chain.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// Is reports whether err carries the given code.
func Is(err error, code Code) bool { return err != nil && CodeOf(err) == code }

// FieldError is one problem with one input field.
type FieldError struct {
	Key  string
	Args []any
}

// Fields maps a field name to its problem. The zero value is ready to use.
type Fields map[string]FieldError

// Add records a problem for field unless one is already recorded: the first
// problem found is the one the user needs to fix first.
func (f *Fields) Add(field, key string, args ...any) {
	if *f == nil {
		*f = Fields{}
	}
	if _, ok := (*f)[field]; !ok {
		(*f)[field] = FieldError{Key: key, Args: args}
	}
}

// Err returns an Invalid error holding the fields, or nil when there are none.
func (f Fields) Err() error {
	if len(f) == 0 {
		return nil
	}
	return &Error{Code: Invalid, Key: "error.invalid", Fields: f}
}

// String lists the fields and keys in a stable order, for logs and tests.
func (f Fields) String() string {
	names := make([]string, 0, len(f))
	for k := range f {
		names = append(names, k)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = fmt.Sprintf("%s=%s", n, f[n].Key)
	}
	return "[" + strings.Join(parts, " ") + "]"
}
