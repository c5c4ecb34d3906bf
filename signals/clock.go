package signals

import "time"

// WithClock returns a copy of s that takes the time from now: what today
// is, and with it the open periods. For tests that load history on a
// given day.
func (s *Service) WithClock(now func() time.Time) *Service {
	c := *s
	c.now = now
	return &c
}
