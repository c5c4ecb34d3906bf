// Package scalar maps Dealerline's custom GraphQL scalars to Go values.
package scalar

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/dealerline/dealerline/apperr"
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
