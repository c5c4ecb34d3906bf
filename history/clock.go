package history

import (
	"math/rand/v2"
	"time"

	"github.com/dealerline/dealerline/accounts"
)

// Clock draws how long things take and when people get to them, on the
// wall clock of the business time zone: the office opens at 8:30 there,
// whatever zone the server keeps.
type Clock struct {
	r   *rand.Rand
	loc *time.Location
}

// NewClock is a clock in loc drawing from r.
func NewClock(r *rand.Rand, loc *time.Location) Clock { return Clock{r, loc} }

// Between is a duration in [lo, hi), to the second.
func (c Clock) Between(lo, hi time.Duration) time.Duration {
	return (lo + time.Duration(c.r.Int64N(int64(hi-lo)))).Truncate(time.Second)
}

// Midnight is the start of t's day in the business zone.
func (c Clock) Midnight(t time.Time) time.Time {
	y, m, d := t.In(c.loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, c.loc)
}

// Day is the start of a business date (stored as midnight UTC) in the
// business zone.
func (c Clock) Day(date time.Time) time.Time {
	y, m, d := date.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, c.loc)
}

// Date is the business date of t.
func (c Clock) Date(t time.Time) time.Time { return accounts.BusinessDate(t, c.loc) }

// Office is the first moment from t that the manufacturer's staff work:
// weekdays 8:30 to 18:30.
func (c Clock) Office(t time.Time) time.Time {
	for {
		d := c.Midnight(t)
		opens, closes := d.Add(8*time.Hour+30*time.Minute), d.Add(18*time.Hour+30*time.Minute)
		switch wd := d.Weekday(); {
		case wd == time.Saturday || wd == time.Sunday || !t.Before(closes):
			t = d.AddDate(0, 0, 1)
		case t.Before(opens):
			return opens.Add(c.Between(0, 90*time.Minute))
		default:
			return t
		}
	}
}

// Daytime is the first moment from t that carriers deliver: 8:00 to 20:00,
// every day.
func (c Clock) Daytime(t time.Time) time.Time {
	d := c.Midnight(t)
	switch h := t.In(c.loc).Hour(); {
	case h < 8:
		return d.Add(c.Between(8*time.Hour, 12*time.Hour))
	case h >= 20:
		return d.AddDate(0, 0, 1).Add(c.Between(8*time.Hour, 12*time.Hour))
	}
	return t
}

// PlaceTime is when on a business date an order comes in: mostly office
// hours, some in the evening, at night or early in the morning.
func (c Clock) PlaceTime(date time.Time) time.Time {
	day := c.Day(date)
	r := c.r.IntN(100)
	if wd := date.Weekday(); wd == time.Saturday || wd == time.Sunday {
		if r < 70 {
			return day.Add(c.Between(9*time.Hour, 18*time.Hour))
		}
		return day.Add(c.Between(18*time.Hour, 24*time.Hour))
	}
	switch {
	case r < 85:
		return day.Add(c.Between(8*time.Hour, 19*time.Hour))
	case r < 95:
		return day.Add(c.Between(19*time.Hour, 24*time.Hour))
	}
	return day.Add(c.Between(0, 2*time.Hour))
}

// OrderTimes are when n orders come in over the days business dates from
// from, in time order; fewer come in at weekends.
func (c Clock) OrderTimes(from time.Time, days, n int) []time.Time {
	out := make([]time.Time, n)
	for i := range out {
		k := c.r.IntN(days)
		if wd := from.AddDate(0, 0, k).Weekday(); (wd == time.Saturday || wd == time.Sunday) && c.r.IntN(100) < 55 {
			k = c.r.IntN(days)
		}
		out[i] = c.PlaceTime(from.AddDate(0, 0, k))
	}
	sortTimes(out)
	return out
}
