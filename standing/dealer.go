package standing

import (
	"context"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/ent/predicate"
	"github.com/dealerline/dealerline/ordering/status"
	"github.com/dealerline/dealerline/store/tx"
)

// Standing is one dealer's figures at one moment.
type Standing struct {
	Exposure int64
	// Its account at the end of today's business date: balance and ageing.
	Position *accounts.Position
	// Its open orders by status, in the order of the status machine.
	Open []*StatusCount
}

// AvailableCredit is what d may still order without a credit hold.
func (st *Standing) AvailableCredit(d *ent.Dealer) int64 {
	return d.CreditLimit - st.Exposure
}

// Today is today's business date.
func (s *Service) Today() time.Time { return accounts.BusinessDate(s.now(), s.location) }

// WithClock returns a copy of s that takes the time from now, for tests.
func (s *Service) WithClock(now func() time.Time) *Service {
	c := *s
	c.now = now
	return &c
}

// Of is the standing of d, a dealer the viewer has read (and so may see),
// in a handful of statements.
func (s *Service) Of(ctx context.Context, d *ent.Dealer) (*Standing, error) {
	db := tx.Client(ctx, s.client)
	sys := access.Bypass(ctx)
	which := accounts.Dealer(d.ID)
	exposures, err := accounts.Exposures(sys, db, which)
	if err != nil {
		return nil, err
	}
	today := s.Today()
	positions, err := accounts.Positions(sys, db, which, today)
	if err != nil {
		return nil, err
	}
	counts, err := openCounts(sys, db, which)
	if err != nil {
		return nil, err
	}
	return &Standing{
		Exposure: exposures[d.ID],
		Position: accounts.PositionOf(positions, d.ID, today),
		Open:     counts.byStatus(d.ID),
	}, nil
}

// open counts orders still to be delivered: not delivered, rejected or
// cancelled (status.Open).
type openCount struct {
	DealerID   int           `sql:"dealer_id"`
	Status     status.Status `sql:"status"`
	CreditHold bool          `sql:"credit_hold"`
	Count      int           `sql:"count"`
}

type counts []openCount

// openCounts counts the open orders of the dealers of which by status and
// hold, in one statement.
func openCounts(ctx context.Context, db *ent.Client, which accounts.Which) (counts, error) {
	var open []status.Status
	for _, v := range status.Status("").Values() {
		if st := status.Status(v); st.Open() {
			open = append(open, st)
		}
	}
	var rows counts
	err := db.Order.Query().
		Where(order.StatusIn(open...), predicate.Order(which)).
		GroupBy(order.FieldDealerID, order.FieldStatus, order.FieldCreditHold).
		Aggregate(ent.Count()).
		Scan(ctx, &rows)
	return rows, err
}

// byStatus is dealer id's counts by status, in the machine's order.
func (c counts) byStatus(id int) []*StatusCount {
	n := map[status.Status]int{}
	for _, r := range c {
		if r.DealerID == id {
			n[r.Status] += r.Count
		}
	}
	out := []*StatusCount{}
	for _, v := range status.Status("").Values() {
		if k := n[status.Status(v)]; k > 0 {
			out = append(out, &StatusCount{Status: status.Status(v), Count: k})
		}
	}
	return out
}
