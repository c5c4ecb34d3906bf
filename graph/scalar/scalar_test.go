package scalar_test

import (
	"encoding/json"
	"testing"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/graph/scalar"
)

func TestUnmarshalInt(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   any
		want int
		ok   bool
	}{
		{"Int64", int64(5), 5, true},
		{"JSONNumber", json.Number("5"), 5, true},
		{"WholeFloat", 5.0, 5, true},
		{"String", "5", 0, false},
		{"Fraction", json.Number("1.5"), 0, false},
		{"FractionFloat", 1.5, 0, false},
		{"AnIDOver32Bits", int64(1) << 40, 1 << 40, true},
		{"OverSafeInteger", int64(1) << 53, 0, false},
		{"Bool", true, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := scalar.UnmarshalInt(tc.in)
			if tc.ok {
				if err != nil || got != tc.want {
					t.Errorf("got %d, %v; want %d", got, err, tc.want)
				}
			} else if apperr.CodeOf(err) != apperr.InvalidInput {
				t.Errorf("got %d, %v; want INVALID_INPUT", got, err)
			}
		})
	}
}

func TestUnmarshalTime(t *testing.T) {
	if _, err := scalar.UnmarshalTime("2026-07-31T09:30:00+08:00"); err != nil {
		t.Errorf("RFC 3339: %v", err)
	}
	for _, in := range []any{"yesterday", "", "2026-07-31", 5, nil} {
		if _, err := scalar.UnmarshalTime(in); apperr.CodeOf(err) != apperr.InvalidInput {
			t.Errorf("UnmarshalTime(%#v) = %v, want INVALID_INPUT", in, err)
		}
	}
}
