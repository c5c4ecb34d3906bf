package signals

import (
	"time"

	"github.com/dealerline/dealerline/period"
)

// today is the business date of now in the business time zone.
func (s *Service) today() time.Time {
	y, m, d := s.now().In(s.loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// midnight is the instant business date day starts.
func (s *Service) midnight(day time.Time) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, s.loc)
}

// openPeriods are the periods rule d evaluates as of today: the OpenMonths
// ended months, and the running one unless the rule compares whole
// periods; for a quarterly rule the last ended quarter. Since (a business
// date) keeps those a fact of that date can affect: its period and later.
// Years never raise.
func openPeriods(d *Def, today time.Time, since *time.Time) []period.Period {
	var out []period.Period
	keep := func(p period.Period) {
		if since == nil || period.Of(p.Kind(), *since).Compare(p) <= 0 {
			out = append(out, p)
		}
	}
	switch d.Kind {
	case period.Quarter:
		keep(period.Of(period.Quarter, today).Previous())
	case period.Month:
		running := period.MonthOf(today)
		first := running
		for range OpenMonths {
			first = first.Previous()
		}
		for p := first; p.Compare(running) < 0; p = p.Next() {
			keep(p)
		}
		if !d.WholePeriods {
			keep(running)
		}
	}
	return out
}

// back is the period n before p.
func back(p period.Period, n int) period.Period {
	for range n {
		p = p.Previous()
	}
	return p
}

// quarterIndex counts quarters from year 0, so that two quarters subtract.
func quarterIndex(p period.Period) int {
	return p.Year()*4 + (int(p.Start().Month())-1)/3
}
