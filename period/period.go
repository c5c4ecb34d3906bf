// Package period names the calendar periods that quotas, rebates and
// appraisals are counted in: a year "2026", a quarter "2026-Q3" or a month
// "2026-07", each half-open [Start, End) in business dates (DESIGN §6).
// Dates are business dates held as midnight UTC, as everywhere else.
package period

import (
	"database/sql/driver"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/clip"
)

// Kind is how long a period is.
type Kind string

const (
	Month   Kind = "MONTH"
	Quarter Kind = "QUARTER"
	Year    Kind = "YEAR"
)

// Values lists the kinds, for ent's enum column.
func (Kind) Values() []string { return []string{string(Month), string(Quarter), string(Year)} }

func (k Kind) valid() bool { return k == Month || k == Quarter || k == Year }

func (k Kind) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(string(k))) }

func (k *Kind) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok || !Kind(s).valid() {
		return apperr.Errorf(apperr.InvalidInput, "%v is not a kind of period: MONTH, QUARTER or YEAR", v)
	}
	*k = Kind(s)
	return nil
}

// Period is one calendar period. The zero value is no period.
type Period struct {
	kind  Kind
	year  int
	index int // the month 1–12 or the quarter 1–4; 0 for a year
}

// Of is the period of kind that holds business date day.
func Of(kind Kind, day time.Time) Period {
	y, m, _ := day.Date()
	switch kind {
	case Month:
		return Period{Month, y, int(m)}
	case Quarter:
		return Period{Quarter, y, (int(m)-1)/3 + 1}
	}
	return Period{Year, y, 0}
}

// MonthOf is the month that holds business date day.
func MonthOf(day time.Time) Period { return Of(Month, day) }

// Parse reads "2026", "2026-Q3" or "2026-07".
func Parse(s string) (Period, error) {
	bad := func() (Period, error) {
		return Period{}, apperr.Errorf(apperr.InvalidInput, "%q is not a period: write a year \"2026\", a quarter \"2026-Q3\" or a month \"2026-07\"", clip.To(s, 40))
	}
	if len(s) < 4 {
		return bad()
	}
	y, err := strconv.Atoi(s[:4])
	if err != nil || y < 1 || s[0] == '+' || s[0] == '-' {
		return bad()
	}
	switch {
	case len(s) == 4:
		return Period{Year, y, 0}, nil
	case len(s) == 7 && s[4] == '-' && s[5] == 'Q' && s[6] >= '1' && s[6] <= '4':
		return Period{Quarter, y, int(s[6] - '0')}, nil
	case len(s) == 7 && s[4] == '-' && isDigit(s[5]) && isDigit(s[6]):
		m := int(s[5]-'0')*10 + int(s[6]-'0')
		if m < 1 || m > 12 {
			return bad()
		}
		return Period{Month, y, m}, nil
	}
	return bad()
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// MustParse is Parse for periods written in code.
func MustParse(s string) Period {
	p, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return p
}

func (p Period) IsZero() bool { return p.kind == "" }
func (p Period) Kind() Kind   { return p.kind }
func (p Period) Year() int    { return p.year }

func (p Period) String() string {
	switch p.kind {
	case Month:
		return fmt.Sprintf("%04d-%02d", p.year, p.index)
	case Quarter:
		return fmt.Sprintf("%04d-Q%d", p.year, p.index)
	case Year:
		return fmt.Sprintf("%04d", p.year)
	}
	return ""
}

// Start is the period's first business date.
func (p Period) Start() time.Time {
	switch p.kind {
	case Month:
		return time.Date(p.year, time.Month(p.index), 1, 0, 0, 0, 0, time.UTC)
	case Quarter:
		return time.Date(p.year, time.Month(3*(p.index-1)+1), 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(p.year, 1, 1, 0, 0, 0, 0, time.UTC)
}

// End is the first business date after the period.
func (p Period) End() time.Time {
	switch p.kind {
	case Month:
		return p.Start().AddDate(0, 1, 0)
	case Quarter:
		return p.Start().AddDate(0, 3, 0)
	}
	return p.Start().AddDate(1, 0, 0)
}

// Last is the period's last business date.
func (p Period) Last() time.Time { return p.End().AddDate(0, 0, -1) }

// Days is how many days the period has.
func (p Period) Days() int { return int(p.End().Sub(p.Start()).Hours()/24 + 0.5) }

// Contains reports whether business date day is in the period.
func (p Period) Contains(day time.Time) bool {
	d := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
	return !d.Before(p.Start()) && d.Before(p.End())
}

// ClosedOn reports whether the period has ended by business date today.
func (p Period) ClosedOn(today time.Time) bool {
	d := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	return !d.Before(p.End())
}

// Previous is the calendar-previous period of the same kind.
func (p Period) Previous() Period { return Of(p.kind, p.Start().AddDate(0, 0, -1)) }

// Next is the period of the same kind that follows.
func (p Period) Next() Period { return Of(p.kind, p.End()) }

// Months are the months of the period, in order.
func (p Period) Months() []Period {
	var ms []Period
	for m := MonthOf(p.Start()); m.Start().Before(p.End()); m = m.Next() {
		ms = append(ms, m)
	}
	return ms
}

// Compare orders periods by start, then longer first.
func (p Period) Compare(q Period) int {
	if c := p.Start().Compare(q.Start()); c != 0 {
		return c
	}
	return q.End().Compare(p.End())
}

// MarshalGQL writes the period's name.
func (p Period) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(p.String())) }

// UnmarshalGQL reads a period's name; a bad one is INVALID_INPUT.
func (p *Period) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok {
		return apperr.Errorf(apperr.InvalidInput, "a Period is a string like \"2026-07\", \"2026-Q3\" or \"2026\"")
	}
	q, err := Parse(s)
	if err != nil {
		return err
	}
	*p = q
	return nil
}

// Value stores the period's name (ent GoType).
func (p Period) Value() (driver.Value, error) { return p.String(), nil }

// Scan reads a stored name.
func (p *Period) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case nil:
		*p = Period{}
		return nil
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return fmt.Errorf("period: cannot scan %T", src)
	}
	if s == "" {
		*p = Period{}
		return nil
	}
	q, err := Parse(s)
	if err != nil {
		return fmt.Errorf("period: stored %q: %w", s, err)
	}
	*p = q
	return nil
}
