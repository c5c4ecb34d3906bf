package apperr_test

import (
	"testing"

	"github.com/dealerline/dealerline/apperr"
)

func TestText(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		lines    bool
		want     string // "" when refused
	}{
		{"Trimmed", "  Acme  ", false, "Acme"},
		{"NormalisedToNFC", "Cafe\u0301", false, "Café"},
		{"InvalidUTF8", "Bad \xff", false, ""},
		{"NUL", "Evil\x00", false, ""},
		{"NewlineInALine", "Two\nLines", false, ""},
		{"BidiOverride", "Acme \u202egnp", false, ""},
		{"BidiIsolate", "x\u2066y\u2069", false, ""},
		{"NewlineAndTabInLines", "one\r\n\ttwo", true, "one\n\ttwo"},
		{"NULInLines", "one\x00", true, ""},
		{"EscapeInLines", "one\x1b[31m", true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			check := apperr.Text
			if tc.lines {
				check = apperr.Lines
			}
			got, err := check("name", tc.in, true, 100)
			if tc.want == "" {
				e, ok := apperr.As(err)
				if !ok || e.Code != apperr.InvalidInput || e.Field != "name" {
					t.Errorf("got %q, %v; want INVALID_INPUT of name", got, err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}
