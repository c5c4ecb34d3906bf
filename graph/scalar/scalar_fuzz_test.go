package scalar

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/money"
)

// The probe's bad input, and its kin: seeds of every scalar's corpus.
var hostileStrings = []string{
	"", " ", "0", "-0", "1.5", "1e3", "0x10", "NaN", "Infinity", "-",
	"92233720368547757.00", "-92233720368547757.00", "92233720368547758.07", "92233720368547758.08",
	"10000000000.00", "10000000000.01", "-10000000000.00", "99999999999999999999999999",
	"1234.50", "0.07", "1.234", ".5", "5.", "+1", "1,000", "１２３", // full-width digits
	"2026-07-31", "2026-02-30", "2026-13-01", "0000-01-01", "9999-12-31", "+2026-07-31", "2026-7-31", "2026-07-31T00:00:00Z",
	"2026-07-31T10:00:00+08:00", "2026-07-31T10:00:00.123456789Z", "2026-07-31T24:00:00Z", "2026-07-31 10:00:00",
	"10000-01-01T00:00:00Z", "2026-07-31T10:00:00+99:00",
	"\xff\xfe", "1\x00", "\x00", "12\u202e34", "\u202e2026-07-31", "2026-07-31\u200b",
	"123", "-1", "9223372036854775807", "9223372036854775808", "007", " 12",
}

func appCode(t *testing.T, err error) {
	t.Helper()
	if e, ok := apperr.As(err); !ok || e.Code != apperr.InvalidInput {
		t.Fatalf("error %v is not INVALID_INPUT: the client's mistake must not be INTERNAL", err)
	}
}

// written is what a Marshaler writes.
func written(m graphql.Marshaler) string {
	var b bytes.Buffer
	m.MarshalGQL(&b)
	return b.String()
}

// isAmount reports whether s is written like an amount: -?[0-9]+(\.[0-9]{1,2})?.
func isAmount(s string) bool {
	s = strings.TrimPrefix(s, "-")
	whole, frac, point := strings.Cut(s, ".")
	digits := func(s string) bool { return strings.Trim(s, "0123456789") == "" }
	return whole != "" && digits(whole) && digits(frac) && (!point || len(frac) == 1 || len(frac) == 2)
}

// FuzzMoney: an amount is refused as INVALID_INPUT, or it is a decimal of
// at most two places within money.Max that writes back as the same value.
func FuzzMoney(f *testing.F) {
	for _, s := range hostileStrings {
		f.Add(s, int64(0))
	}
	f.Add("", int64(9223372036854775700))
	f.Add("", int64(-9223372036854775808))
	f.Add("", int64(10_000_000_000))
	f.Fuzz(func(t *testing.T, s string, n int64) {
		for _, in := range []any{s, json.Number(s), n, int(n)} {
			v, err := UnmarshalMoney(in)
			if err != nil {
				appCode(t, err)
				continue
			}
			if v > money.Max || v < -money.Max {
				t.Fatalf("UnmarshalMoney(%#v) = %d, beyond the maximum %d", in, v, money.Max)
			}
			if str, ok := in.(string); ok && !isAmount(str) {
				t.Fatalf("UnmarshalMoney(%q) accepted something that is not a decimal amount", str)
			}
			out, err := strconv.Unquote(written(MarshalMoney(v)))
			if err != nil {
				t.Fatal(err)
			}
			if back, err := UnmarshalMoney(out); err != nil || back != v {
				t.Fatalf("%#v → %d → %q → %d, %v: not the same amount", in, v, out, back, err)
			}
		}
	})
}

// FuzzDate: a date is refused as INVALID_INPUT, or it is exactly the
// YYYY-MM-DD that it writes back as, at midnight UTC.
func FuzzDate(f *testing.F) {
	for _, s := range hostileStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := UnmarshalDate(s)
		if err != nil {
			appCode(t, err)
			return
		}
		if out := written(MarshalDate(d)); out != strconv.Quote(s) {
			t.Fatalf("UnmarshalDate(%q) writes back as %s", s, out)
		}
		if d.Location() != time.UTC || d.Hour()+d.Minute()+d.Second()+d.Nanosecond() != 0 {
			t.Fatalf("UnmarshalDate(%q) = %v, not midnight UTC", s, d)
		}
	})
}

// FuzzTime: gqlgen reads Time (RFC 3339, or "2006-01-02 15:04:05" as UTC);
// an accepted time writes back as one that reads as the same instant.
// gqlgen reads "" as the zero time, which it writes as null: the services
// that take a Time refuse the zero time.
func FuzzTime(f *testing.F) {
	for _, s := range hostileStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, err := graphql.UnmarshalTime(s)
		if err != nil || tm.IsZero() {
			return
		}
		out, err := strconv.Unquote(written(graphql.MarshalTime(tm)))
		if err != nil {
			t.Fatalf("MarshalTime(%v) wrote %v", tm, err)
		}
		back, err := graphql.UnmarshalTime(out)
		if err != nil || !back.Equal(tm) {
			t.Fatalf("%q → %v → %q → %v, %v: not the same instant", s, tm, out, back, err)
		}
	})
}
