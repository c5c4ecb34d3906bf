// Package relationship is the record of the manufacturer's relationship
// with each dealer: the interactions its staff log (visits, calls,
// trainings — internal: dealer users never see them), the follow-ups they
// set, and the service tickets dealers open and staff answer in a thread.
// It decides who may do what with them; every write runs in the request's
// transaction, with its audit entry and, for tickets, its live event.
package relationship

import (
	"slices"
	"time"

	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/ent"
)

// Limits of the text people write, in characters.
const (
	MaxSubject      = 200
	MaxNotes        = 10000
	MaxOutcome      = 2000
	MaxFollowUpText = 2000
	MaxTicketBody   = 10000
)

// ClockSkew is how far in the future an interaction's time may be: a
// phone's clock a little ahead of the server's is not a future visit.
const ClockSkew = time.Minute

// CorrectionWindow is how long after logging an interaction its author may
// still correct it; later, a new entry says what changed.
const CorrectionWindow = 24 * time.Hour

// Service logs interactions and follow-ups and runs service tickets.
type Service struct {
	client   *ent.Client
	location *time.Location // business time zone: dates and overdue follow-ups
	now      func() time.Time
}

// NewService returns a Service over client; location is the business time
// zone.
func NewService(client *ent.Client, location *time.Location) *Service {
	return &Service{client: client, location: location, now: time.Now}
}

// WithClock returns a copy of s that takes the time from now: for loading
// history (the demo data) and for tests.
func (s *Service) WithClock(now func() time.Time) *Service {
	c := *s
	c.now = now
	return &c
}

// Today is the business date now.
func (s *Service) Today() time.Time {
	return accounts.BusinessDate(s.now(), s.location)
}

// startOf is the instant business date day begins, in the business time
// zone.
func (s *Service) startOf(day time.Time) time.Time {
	y, m, d := day.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, s.location)
}

// date normalises a business date (read from the database or given) to
// the midnight UTC business dates are held as.
func date(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// staffOnly is the refusal of a dealer user.
const staffOnly = "interactions and follow-ups are the manufacturer's internal records"

func distinct(ids []int) []int {
	if len(ids) == 0 {
		return nil
	}
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}
