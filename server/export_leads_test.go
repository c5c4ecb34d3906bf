package server

import (
	"context"
	"time"
)

// ExpireLeads runs the pass that takes back leads not answered in time as
// if it were now.
func (m *Main) ExpireLeads(now time.Time) (int, error) {
	return m.services.LeadService.WithClock(func() time.Time { return now }).Expire(context.Background())
}
