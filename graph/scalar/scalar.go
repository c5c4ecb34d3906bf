// Package scalar maps Dealerline's custom GraphQL scalars to Go values.
package scalar

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/clip"
	"github.com/dealerline/dealerline/money"
)

// MarshalMoney writes minor units as a decimal string, never a float.
func MarshalMoney(v int64) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		io.WriteString(w, strconv.Quote(money.Format(v)))
	})
}

// UnmarshalMoney reads a decimal string ("1234.50") or a whole number of
// currency units. Floats are refused: they cannot hold money exactly. So is
// an amount beyond money.Max either way, so that no sum of them overflows.
func UnmarshalMoney(v any) (int64, error) {
	var s string
	switch v := v.(type) {
	case string:
		s = v
	case json.Number:
		s = v.String()
	case int:
		s = strconv.Itoa(v)
	case int64:
		s = strconv.FormatInt(v, 10)
	default:
		return 0, apperr.Errorf(apperr.InvalidInput, "Money must be a decimal string like \"1234.50\", got %T", v)
	}
	m, err := money.Parse(s)
	if err != nil {
		return 0, apperr.Errorf(apperr.InvalidInput, "%q: %v", s, err)
	}
	if m > money.Max || m < -money.Max {
		return 0, apperr.Errorf(apperr.InvalidInput, "%q: an amount is at most %s", s, money.Format(money.Max))
	}
	return m, nil
}

// MarshalDate writes a business date as YYYY-MM-DD.
func MarshalDate(t time.Time) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		io.WriteString(w, strconv.Quote(t.Format(time.DateOnly)))
	})
}

// UnmarshalDate reads YYYY-MM-DD as midnight UTC, the form business dates
// are stored in.
func UnmarshalDate(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, apperr.Errorf(apperr.InvalidInput, "Date must be a string like \"2026-07-31\", got %T", v)
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		var pe *time.ParseError
		if errors.As(err, &pe) {
			return time.Time{}, apperr.Errorf(apperr.InvalidInput, "%q is not a date: use YYYY-MM-DD", s)
		}
		return time.Time{}, fmt.Errorf("parse date: %w", err)
	}
	return t, nil
}

// MarshalID writes an ent id (unique across types) as a GraphQL ID string.
func MarshalID(id int) graphql.Marshaler { return graphql.MarshalIntID(id) }

// UnmarshalID reads a GraphQL ID; anything but a whole number cannot be one
// of ours, which is the client's mistake, not ours.
func UnmarshalID(v any) (int, error) {
	id, err := graphql.UnmarshalIntID(v)
	if err != nil {
		return 0, apperr.Errorf(apperr.InvalidInput, "%v is not an id", v)
	}
	return id, nil
}

// MarshalInt writes an Int.
func MarshalInt(i int) graphql.Marshaler { return graphql.MarshalInt(i) }

// UnmarshalInt reads an Int: a whole number that every client, JavaScript's
// included, holds exactly (±(2⁵³−1)). That is wider than GraphQL's 32 bits
// on purpose: the audit trail's subjectID is an entity id, and ids are
// 2³²-wide ranges per type. A string ("5") is refused, though gqlgen would
// accept it, and so is a fraction (1.5), which gqlparser reports as "cannot
// use string as Int" inside an input object.
func UnmarshalInt(v any) (int, error) {
	n, err := wholeNumber(v)
	if err != nil {
		return 0, err
	}
	if n < -maxSafeInt || n > maxSafeInt {
		return 0, apperr.Errorf(apperr.InvalidInput, "%d is out of range: an Int is between %d and %d", n, -maxSafeInt, maxSafeInt)
	}
	return int(n), nil
}

// MarshalInt64 writes an Int held in an int64.
func MarshalInt64(i int64) graphql.Marshaler { return graphql.MarshalInt64(i) }

// maxSafeInt is the largest integer a float64 (JavaScript's number) holds
// exactly.
const maxSafeInt = 1<<53 - 1

// UnmarshalInt64 reads an Int into an int64, refusing what UnmarshalInt
// refuses except the range.
func UnmarshalInt64(v any) (int64, error) { return wholeNumber(v) }

func wholeNumber(v any) (int64, error) {
	switch v := v.(type) {
	case int:
		return int64(v), nil
	case int32:
		return int64(v), nil
	case int64:
		return v, nil
	case json.Number:
		if n, err := v.Int64(); err == nil {
			return n, nil
		}
		return 0, apperr.Errorf(apperr.InvalidInput, "%s is not a whole number: an Int is written without a decimal point or quotes", v)
	case float64:
		if v == math.Trunc(v) && math.Abs(v) <= 1<<53 {
			return int64(v), nil
		}
		return 0, apperr.Errorf(apperr.InvalidInput, "%v is not a whole number: an Int is written without a decimal point or quotes", v)
	case string:
		return 0, apperr.Errorf(apperr.InvalidInput, "an Int is a number, not a string: write 5, not \"5\"")
	}
	return 0, apperr.Errorf(apperr.InvalidInput, "an Int is a whole number, got %s", kind(v))
}

// MarshalTime writes an instant as RFC 3339 with nanoseconds.
func MarshalTime(t time.Time) graphql.Marshaler { return graphql.MarshalTime(t) }

// UnmarshalTime reads an RFC 3339 instant with its offset
// ("2026-07-31T09:30:00+08:00").
func UnmarshalTime(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, apperr.Errorf(apperr.InvalidInput, "Time must be a string like \"2026-07-31T09:30:00Z\", got %s", kind(v))
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, apperr.Errorf(apperr.InvalidInput, "%q is not a time: use RFC 3339, like \"2026-07-31T09:30:00Z\"", clip.To(s, 40))
	}
	return t, nil
}

// kind names the JSON kind of a value that is not the one expected,
// without quoting it.
func kind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case json.Number, int, int32, int64, float64:
		return "a number"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}
