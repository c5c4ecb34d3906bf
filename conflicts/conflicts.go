// Package conflicts handles channel conflicts in the open: a dealer user
// reports one against other dealers (its own dealer a party to it), or
// staff open one against dealers they see; staff investigate and resolve
// or dismiss it with a note; parties and staff comment, staff also in
// internal notes the parties never see. Every change is a ConflictEvent on
// the case's history and an audit entry, in the request's transaction.
// Who sees which case is access.ConflictCases.
package conflicts

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/conflicts/casestatus"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/conflictcase"
)

// Limits of the text people write, in characters.
const (
	MaxSummary  = 2000
	MaxEvidence = 10000
	MaxNote     = 2000
	MaxComment  = 10000
	// MaxEvidenceOrders bounds the orders one case links.
	MaxEvidenceOrders = 50
	// MaxParties bounds the dealers one case names.
	MaxParties = 20
)

// DueDays is how many days after it is opened a case of each severity is
// due: an installation's setting (--conflict-due-days).
type DueDays map[conflictcase.Severity]int

// DefaultDueDays answers a serious case within two days.
func DefaultDueDays() DueDays {
	return DueDays{conflictcase.SeverityHIGH: 2, conflictcase.SeverityMEDIUM: 5, conflictcase.SeverityLOW: 10}
}

// MaxDueDays bounds a setting: a case due in more than a year is not being
// handled.
const MaxDueDays = 365

// ParseDueDays reads "HIGH=2,MEDIUM=5,LOW=10" (severities in any case and
// order) over the defaults: a severity left out keeps its default.
func ParseDueDays(s string) (DueDays, error) {
	d := DefaultDueDays()
	seen := map[conflictcase.Severity]bool{}
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		name, days, ok := strings.Cut(part, "=")
		if !ok {
			return nil, fmt.Errorf("%q is not SEVERITY=days, like HIGH=2", part)
		}
		sev := conflictcase.Severity(strings.ToUpper(strings.TrimSpace(name)))
		if conflictcase.SeverityValidator(sev) != nil {
			return nil, fmt.Errorf("%q is not a severity: HIGH, MEDIUM or LOW", strings.TrimSpace(name))
		}
		if seen[sev] {
			return nil, fmt.Errorf("%s is given twice", sev)
		}
		seen[sev] = true
		n, err := strconv.Atoi(strings.TrimSpace(days))
		if err != nil || n < 0 || n > MaxDueDays {
			return nil, fmt.Errorf("%s: %q is not a number of days from 0 to %d", sev, strings.TrimSpace(days), MaxDueDays)
		}
		d[sev] = n
	}
	return d, nil
}

// String writes d as ParseDueDays reads it.
func (d DueDays) String() string {
	var parts []string
	for _, s := range []conflictcase.Severity{conflictcase.SeverityHIGH, conflictcase.SeverityMEDIUM, conflictcase.SeverityLOW} {
		parts = append(parts, fmt.Sprintf("%s=%d", s, d[s]))
	}
	return strings.Join(parts, ",")
}

// Service opens, moves and comments on conflict cases.
type Service struct {
	client   *ent.Client
	location *time.Location // business time zone: due dates
	due      DueDays
	now      func() time.Time
}

// NewService returns a Service over client; location is the business time
// zone, due the days to handle a case by severity (DefaultDueDays when
// nil).
func NewService(client *ent.Client, location *time.Location, due DueDays) *Service {
	if due == nil {
		due = DefaultDueDays()
	}
	return &Service{client: client, location: location, due: due, now: time.Now}
}

// WithClock returns a copy of s that takes the time from now: for loading
// history (the demo data) and for tests.
func (s *Service) WithClock(now func() time.Time) *Service {
	c := *s
	c.now = now
	return &c
}

// Today is the business date now.
func (s *Service) Today() time.Time { return accounts.BusinessDate(s.now(), s.location) }

// Overdue reports whether c is not settled and was due before today: the
// one rule for ConflictCase.overdue and the list's overdue filter.
func (s *Service) Overdue(c *ent.ConflictCase) bool {
	return !c.Status.Closed() && date(c.DueOn).Before(s.Today())
}

// AllowedTransitions are the statuses the viewer may move c to now: the
// rule Move refuses with. Staff who see the case move it; parties do not.
func AllowedTransitions(ctx context.Context, c *ent.ConflictCase) []casestatus.Status {
	if v := auth.FromContext(ctx); v.IsAdmin() || v.IsManager() {
		return casestatus.Next(c.Status)
	}
	return []casestatus.Status{}
}

// date normalises a business date read from the database.
func date(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// notFound refuses an id given in field that the viewer cannot read:
// missing and foreign alike.
func distinct(ids []int) []int {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}
