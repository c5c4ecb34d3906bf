// Package apperr is Dealerline's one error type. Domain code refuses with a
// code and a message a person can act on; the GraphQL edge maps it once
// (graph/errors.go) to extensions.code. Internal causes are kept for logs and
// never shown to clients.
package apperr

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Code says what kind of refusal an error is (DESIGN.md §7).
type Code string

const (
	Unauthenticated   Code = "UNAUTHENTICATED"
	Forbidden         Code = "FORBIDDEN"
	NotFound          Code = "NOT_FOUND"
	InvalidInput      Code = "INVALID_INPUT"
	Conflict          Code = "CONFLICT"
	InvalidTransition Code = "INVALID_TRANSITION"
	CreditHold        Code = "CREDIT_HOLD"
	CursorExpired     Code = "CURSOR_EXPIRED"
	RateLimited       Code = "RATE_LIMITED"
	Internal          Code = "INTERNAL"
)

// Error is a refusal with a code. Field names the input field at fault, for
// INVALID_INPUT.
type Error struct {
	Code    Code
	Message string
	Field   string
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s (%s)", e.Code, e.Message, e.Field)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Errorf returns an error with code and a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns an INVALID_INPUT error naming the input field at fault.
func Invalid(field, format string, args ...any) *Error {
	return &Error{Code: InvalidInput, Message: fmt.Sprintf(format, args...), Field: field}
}

// As returns the *Error in err's chain, if any.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// CodeOf returns the code of err: its *Error's code, or INTERNAL for any
// other error, and "" for nil.
func CodeOf(err error) Code {
	if err == nil {
		return ""
	}
	if e, ok := As(err); ok {
		return e.Code
	}
	return Internal
}

// Text is s trimmed of surrounding space, refused as INVALID_INPUT of field
// when it is required and empty or longer than max characters: the one
// check of the free text people type (notes, references, titles).
func Text(field, s string, required bool, max int) (string, error) {
	s = strings.TrimSpace(s)
	switch {
	case required && s == "":
		return "", Invalid(field, "%s is required", field)
	case utf8.RuneCountInString(s) > max:
		return "", Invalid(field, "%s has at most %d characters", field, max)
	}
	return s, nil
}
