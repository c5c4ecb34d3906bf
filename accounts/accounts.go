// Package accounts keeps the one account both sides read: invoices issued
// as shipments leave, payments and credit notes allocated to them, and the
// statement with its ageing. It decides who may record what; every write
// runs in the request's transaction.
//
// Allocation: a payment is applied to the invoices its allocations name or,
// without allocations, to the dealer's open invoices oldest first (by due
// date, then issue date, then id); a credit note always oldest first. What
// is left is the dealer's credit, applied to the next invoices when they
// are issued, oldest credit first. An allocation counts from the later of
// the payment's (or credit note's) date and the invoice's issue date.
package accounts

import (
	"context"
	"fmt"
	"time"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
)

// Service records payments and credit notes and draws up statements.
type Service struct {
	client   *ent.Client
	location *time.Location // business time zone: the date of a payment
	now      func() time.Time
}

// NewService returns a Service for the business time zone location.
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

// manager returns the viewer of ctx when it may record money matters for
// a dealer: a channel manager or an administrator.
func manager(ctx context.Context, what string) (*auth.Viewer, error) {
	v, err := auth.Require(ctx)
	if err == nil && v.IsDealer() {
		return nil, apperr.Errorf(apperr.Forbidden, "only the manufacturer %s", what)
	}
	return v, err
}

// accountDealer is the dealer named by id, read as the viewer sees it: a
// dealer the viewer may not see answers as a missing one.
func accountDealer(ctx context.Context, db *ent.Client, id int) (*ent.Dealer, error) {
	d, err := db.Dealer.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apperr.Invalid("dealerID", "no such dealer")
	}
	return d, err
}

// ClockSkew is how far ahead of the server's clock a time reported by a
// client (a payment's receipt, a delivery) may be and still count as past.
const ClockSkew = 5 * time.Minute

// BusinessDate is the date of t in the business time zone, as the midnight
// UTC that business dates are stored as.
func BusinessDate(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// date normalises a business date read from the database.
func date(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// daysBetween is the number of calendar days from a to b, business dates.
func daysBetween(a, b time.Time) int {
	return int(date(b).Sub(date(a)).Hours() / 24)
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// DocumentNumber is the number people quote for a document (SO- orders,
// SH- shipments, INV- invoices, CN- credit notes): the prefix and the row's
// sequence number. It comes from the id, unique without a counter to
// contend on: ids of one type are a 2³²-wide range (ent's global ids).
func DocumentNumber(prefix string, id int) string {
	return fmt.Sprintf("%s-%06d", prefix, id&(1<<32-1)+1)
}

// Exposure is what a dealer owes or has committed to owe: unpaid invoice
// balances plus the uninvoiced value of its orders not rejected, cancelled
// or delivered (DESIGN.md §4). A shipment's invoice moves its value from
// the second to the first; a line's invoices add up to exactly its amount.
// Unapplied credit does not lower it: it is applied to the next invoices.
func Exposure(ctx context.Context, db *ent.Client, dealerID int) (int64, error) {
	exposures, err := Exposures(ctx, db, Dealer(dealerID))
	return exposures[dealerID], err
}
