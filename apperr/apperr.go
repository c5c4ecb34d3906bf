// Package apperr is Dealerline's one error type. Domain code refuses with a
// code and a message a person can act on; the GraphQL edge maps it once
// (graph/errors.go) to extensions.code. Internal causes are kept for logs and
// never shown to clients.
package apperr

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
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
	// Rows lists every bad row of a file taken in whole (a CSV import),
	// so that one answer names them all; the edge writes it as
	// extensions.rows.
	Rows []RowProblem
	// Reason, when set, says which of a field's refusals this is, in one
	// word a client can switch on to word it itself (extensions.reason):
	// e.g. TOO_LARGE for a file over the limit.
	Reason string
}

// Because returns e with its reason set (see Error.Reason).
func (e *Error) Because(reason string) *Error {
	e.Reason = reason
	return e
}

// RowProblem is one bad row of an imported file: its line (1 is the
// first), the column at fault and what is wrong.
type RowProblem struct {
	Line    int    `json:"line"`
	Field   string `json:"field"`
	Message string `json:"message"`
}

// InvalidRows returns an INVALID_INPUT error of field that carries every
// bad row of a file.
func InvalidRows(field string, rows []RowProblem) *Error {
	return &Error{Code: InvalidInput, Field: field, Rows: rows,
		Message: fmt.Sprintf("%d bad row(s): nothing was written (each is in extensions.rows)", len(rows))}
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

// Missing is a NOT_FOUND error on one input field: an id that names
// nothing the viewer may see.
func Missing(field, format string, args ...any) *Error {
	return &Error{Code: NotFound, Message: fmt.Sprintf(format, args...), Field: field}
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

// Text is one line of free text people type (a title, a reference, a
// carrier): s in Unicode normal form C, trimmed of surrounding space,
// refused as INVALID_INPUT of field when it is required and empty, longer
// than max characters, or not clean text (see Line). It is the one check of
// the text the services take; Lines is its form for notes and bodies.
func Text(field, s string, required bool, max int) (string, error) {
	return text(field, s, required, max, Line)
}

// Lines is Text for text of several lines (notes, bodies, reasons): it
// also allows newlines and tabs, and turns CRLF into LF.
func Lines(field, s string, required bool, max int) (string, error) {
	return text(field, strings.ReplaceAll(s, "\r\n", "\n"), required, max, MultiLine)
}

func text(field, s string, required bool, max int, clean func(string) error) (string, error) {
	if err := clean(s); err != nil {
		return "", Invalid(field, "%s %v", field, err)
	}
	s = strings.TrimSpace(norm.NFC.String(s))
	switch {
	case required && s == "":
		return "", Invalid(field, "%s is required", field)
	case utf8.RuneCountInString(s) > max:
		return "", Invalid(field, "%s has at most %d characters", field, max)
	}
	return s, nil
}

// Line reports what makes s unfit for a line of text others will read:
// bytes that are not UTF-8 (which would otherwise be replaced silently),
// control characters (NUL, escapes, line breaks) and the bidirectional
// embedding, override and isolate characters (U+202A–U+202E,
// U+2066–U+2069), which make a name display other than it reads. Its
// errors are plain, so that ent field validators can use it too.
func Line(s string) error { return clean(s, false) }

// MultiLine is Line allowing newlines and tabs.
func MultiLine(s string) error { return clean(s, true) }

func clean(s string, lines bool) error {
	if !utf8.ValidString(s) {
		return errors.New("is not valid UTF-8 text")
	}
	for _, r := range s {
		switch {
		case lines && (r == '\n' || r == '\t'):
		case unicode.IsControl(r):
			return fmt.Errorf("contains a control character (U+%04X)", r)
		case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
			return fmt.Errorf("contains a bidirectional override character (U+%04X)", r)
		}
	}
	return nil
}
