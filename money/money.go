// Package money handles exact amounts: int64 minor units (1/100 of the
// installation's currency) in storage and arithmetic, decimal strings at the
// edges. Never float.
package money

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// Scale is the number of minor units in one unit of currency. Dealerline
// supports currencies with two decimal places (CNY, USD, EUR, …).
const Scale = 100

// Format renders minor units as a decimal string with two places: 123450 → "1234.50".
func Format(minor int64) string {
	sign := ""
	u := uint64(minor)
	if minor < 0 {
		sign = "-"
		u = uint64(-(minor + 1)) + 1 // safe for math.MinInt64
	}
	whole := strconv.FormatUint(u/Scale, 10)
	frac := strconv.FormatUint(u%Scale, 10)
	if len(frac) < 2 {
		frac = "0" + frac
	}
	return sign + whole + "." + frac
}

// ErrSyntax is returned for a string that is not a decimal amount with at
// most two places.
var ErrSyntax = errors.New("not an amount: use a decimal number with at most two decimal places, like 1234.50")

// ErrRange is returned for an amount too large to hold.
var ErrRange = errors.New("amount out of range")

// Max is the largest amount one input may carry — a price, a unit cost, a
// credit limit, a payment, an allocation, a credit note, an order's total:
// 10,000,000,000.00. More than 9 million such amounts add up before a sum
// leaves the range of int64, and sums are checked all the same (Checked).
const Max int64 = 10_000_000_000 * Scale

// ErrOverflow is returned for a sum that leaves the range of int64.
var ErrOverflow = errors.New("the amounts add up to more than can be held")

// Checked does sums of amounts that must never wrap around: the first
// addition that would leave the range of int64 sets Err and leaves its sum
// as it was, so a wrong number is never mistaken for a right one.
type Checked struct{ Err error }

// Add adds v to *sum, unless an earlier addition overflowed.
func (c *Checked) Add(sum *int64, v int64) {
	if c.Err != nil {
		return
	}
	if (v > 0 && *sum > math.MaxInt64-v) || (v < 0 && *sum < math.MinInt64-v) {
		c.Err = ErrOverflow
		return
	}
	*sum += v
}

// Sub subtracts v from *sum, unless an earlier addition overflowed.
func (c *Checked) Sub(sum *int64, v int64) {
	if c.Err != nil {
		return
	}
	if (v < 0 && *sum > math.MaxInt64+v) || (v > 0 && *sum < math.MinInt64+v) {
		c.Err = ErrOverflow
		return
	}
	*sum -= v
}

// Parse reads a decimal string ("1234.5", "-3", "0.07") into minor units.
// More than two decimal places is an error, not a rounding.
func Parse(s string) (int64, error) {
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	whole, frac, hasPoint := strings.Cut(s, ".")
	if whole == "" || (hasPoint && frac == "") || len(frac) > 2 || !digits(whole) || !digits(frac) {
		return 0, ErrSyntax
	}
	for len(frac) < 2 {
		frac += "0"
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > math.MaxInt64/Scale-1 {
		return 0, ErrRange
	}
	f, _ := strconv.ParseInt(frac, 10, 64)
	v := w*Scale + f
	if neg {
		v = -v
	}
	return v, nil
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
