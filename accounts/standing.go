package accounts

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	entsql "entgo.io/ent/dialect/sql"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/allocation"
	"github.com/dealerline/dealerline/ent/creditnote"
	"github.com/dealerline/dealerline/ent/invoice"
	"github.com/dealerline/dealerline/ent/invoicedispute"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/ent/payment"
	"github.com/dealerline/dealerline/ent/predicate"
	"github.com/dealerline/dealerline/money"
	"github.com/dealerline/dealerline/ordering/status"
)

// The account's figures for one dealer or many at once, each in a fixed
// number of grouped statements whatever the number of dealers. The
// one-dealer figures (Exposure, the statement's opening balance and
// ageing) are these for one dealer, so that the rules are written once.
//
// Which dealers is said by a condition on a dealer_id column (Dealer,
// DealersIn, AllDealers); the caller has decided the viewer may see them,
// and the figures are read below the privacy rules.

// Which narrows a query of an account's rows to some dealers by its
// dealer_id column.
type Which func(*entsql.Selector)

// Dealer is the one dealer id.
func Dealer(id int) Which {
	return func(s *entsql.Selector) { s.Where(entsql.EQ(s.C("dealer_id"), id)) }
}

// DealersIn is the dealers ids.
func DealersIn(ids ...int) Which {
	return func(s *entsql.Selector) { s.Where(entsql.InInts(s.C("dealer_id"), ids...)) }
}

// AllDealers is every dealer there is: for long lists, where sending and
// planning thousands of ids would cost more than summing the others too.
func AllDealers() Which { return func(*entsql.Selector) {} }

// Position is a dealer's account at the end of a business date.
type Position struct {
	// Its open invoice balances by days overdue.
	Ageing *Ageing
	// Payments and credit notes not yet allocated to an invoice.
	UnappliedCredit int64
	// What it owes: its open invoice balances less its unapplied credit,
	// which is the statement's closing balance at that date.
	Balance int64
}

// Positions is the account of each dealer of which at the end of the
// business date at; a dealer with nothing on its account is left out
// (PositionOf gives it a zero position).
func Positions(ctx context.Context, db *ent.Client, which Which, at time.Time) (map[int]*Position, error) {
	sys := access.Bypass(ctx)
	at = date(at)
	out := map[int]*Position{}
	of := func(id int) *Position { return PositionOf(out, id, at) }
	// Open at `at`: issued by then and not paid off by then.
	openAt := func(s *entsql.Selector) {
		s.Where(entsql.And(
			entsql.LTE(s.C(invoice.FieldIssuedOn), at),
			entsql.Or(entsql.IsNull(s.C(invoice.FieldPaidOffOn)), entsql.GT(s.C(invoice.FieldPaidOffOn), at))))
		which(s)
	}
	invoices, err := db.Invoice.Query().
		Where(openAt).
		Select(invoice.FieldDealerID, invoice.FieldAmount, invoice.FieldDueOn).
		All(sys)
	if err != nil {
		return nil, err
	}
	// What counts by `at` against those invoices, by invoice: the invoices
	// by a sub-select, not EXISTS per allocation.
	var allocated []struct {
		InvoiceID int            `sql:"invoice_id"`
		Sum       sql.NullString `sql:"sum"`
	}
	err = db.Allocation.Query().
		Where(allocation.AppliedOnLTE(at), func(s *entsql.Selector) {
			t := entsql.Table(invoice.Table)
			open := entsql.Select(t.C(invoice.FieldID)).From(t)
			openAt(open)
			s.Where(entsql.In(s.C(allocation.FieldInvoiceID), open))
		}).
		GroupBy(allocation.FieldInvoiceID).
		Aggregate(ent.As(ent.Sum(allocation.FieldAmount), "sum")).
		Scan(sys, &allocated)
	if err != nil {
		return nil, overflowed(err)
	}
	paidOn := make(map[int]int64, len(allocated))
	for _, a := range allocated {
		if paidOn[a.InvoiceID], err = parseSum(a.Sum); err != nil {
			return nil, err
		}
	}
	// Open disputes raised by `at` on those invoices: their amounts are
	// owed but not overdue while the dispute stands.
	var disputed []struct {
		InvoiceID int            `sql:"invoice_id"`
		Sum       sql.NullString `sql:"sum"`
	}
	err = db.InvoiceDispute.Query().
		Where(invoicedispute.StatusEQ(invoicedispute.StatusOPEN), invoicedispute.RaisedAtLT(at.AddDate(0, 0, 1)), func(s *entsql.Selector) {
			t := entsql.Table(invoice.Table)
			open := entsql.Select(t.C(invoice.FieldID)).From(t)
			openAt(open)
			s.Where(entsql.In(s.C(invoicedispute.FieldInvoiceID), open))
		}).
		GroupBy(invoicedispute.FieldInvoiceID).
		Aggregate(ent.As(ent.Sum(invoicedispute.FieldAmount), "sum")).
		Scan(sys, &disputed)
	if err != nil {
		return nil, overflowed(err)
	}
	disputedOn := make(map[int]int64, len(disputed))
	for _, d := range disputed {
		if disputedOn[d.InvoiceID], err = parseSum(d.Sum); err != nil {
			return nil, err
		}
	}
	var c money.Checked
	for _, inv := range invoices {
		open := inv.Amount
		c.Sub(&open, paidOn[inv.ID])
		if open > 0 {
			p := of(inv.DealerID)
			c.Add(&p.Balance, open)
			if d := min(disputedOn[inv.ID], open); d > 0 {
				c.Add(&p.Ageing.Disputed, d)
				open -= d
			}
			if open > 0 {
				p.Ageing.add(&c, daysBetween(inv.DueOn, at), open)
			}
		}
	}
	// Unapplied credit: payments and credit notes by `at` less what of
	// them was allocated by then.
	unapplied, err := netBy(sys,
		term{1, db.Payment.Query().Where(payment.ReceivedOnLTE(at), predicate.Payment(which)).GroupBy(payment.FieldDealerID).Aggregate(ent.As(ent.Sum(payment.FieldAmount), "sum"))},
		term{1, db.CreditNote.Query().Where(creditnote.IssuedOnLTE(at), predicate.CreditNote(which)).GroupBy(creditnote.FieldDealerID).Aggregate(ent.As(ent.Sum(creditnote.FieldAmount), "sum"))},
		term{-1, db.Allocation.Query().Where(allocation.AppliedOnLTE(at), predicate.Allocation(which)).GroupBy(allocation.FieldDealerID).Aggregate(ent.As(ent.Sum(allocation.FieldAmount), "sum"))},
	)
	if err != nil {
		return nil, err
	}
	for id, v := range unapplied {
		p := of(id)
		c.Add(&p.UnappliedCredit, v)
		c.Sub(&p.Balance, v)
	}
	if c.Err != nil {
		return nil, errOverflow
	}
	return out, nil
}

// PositionOf is dealer id's position in positions at at, a zero one when
// it has nothing on its account (and then added to positions).
func PositionOf(positions map[int]*Position, id int, at time.Time) *Position {
	p := positions[id]
	if p == nil {
		p = &Position{Ageing: &Ageing{At: date(at)}}
		positions[id] = p
	}
	return p
}

// BalancesBefore is what each dealer of which owed at the start of day:
// its invoices less its payments and credit notes dated before it. A
// dealer with nothing before day is left out.
func BalancesBefore(ctx context.Context, db *ent.Client, which Which, day time.Time) (map[int]int64, error) {
	sys := access.Bypass(ctx)
	day = date(day)
	return netBy(sys,
		term{1, db.Invoice.Query().Where(invoice.IssuedOnLT(day), predicate.Invoice(which)).GroupBy(invoice.FieldDealerID).Aggregate(ent.As(ent.Sum(invoice.FieldAmount), "sum"))},
		term{-1, db.Payment.Query().Where(payment.ReceivedOnLT(day), predicate.Payment(which)).GroupBy(payment.FieldDealerID).Aggregate(ent.As(ent.Sum(payment.FieldAmount), "sum"))},
		term{-1, db.CreditNote.Query().Where(creditnote.IssuedOnLT(day), predicate.CreditNote(which)).GroupBy(creditnote.FieldDealerID).Aggregate(ent.As(ent.Sum(creditnote.FieldAmount), "sum"))},
	)
}

// Exposures is Exposure of each dealer of which; a dealer with none is
// left out.
func Exposures(ctx context.Context, db *ent.Client, which Which) (map[int]int64, error) {
	open := order.StatusNotIn(status.Rejected, status.Cancelled, status.Delivered)
	return netBy(ctx,
		// Unpaid invoice balances.
		term{1, db.Invoice.Query().Where(predicate.Invoice(which)).GroupBy(invoice.FieldDealerID).Aggregate(ent.As(ent.Sum(invoice.FieldBalance), "sum"))},
		// The open orders' totals, less what of them is invoiced already.
		term{1, db.Order.Query().Where(open, predicate.Order(which)).GroupBy(order.FieldDealerID).Aggregate(ent.As(ent.Sum(order.FieldTotal), "sum"))},
		term{-1, db.Invoice.Query().Where(invoice.HasOrderWith(open), predicate.Invoice(which)).GroupBy(invoice.FieldDealerID).Aggregate(ent.As(ent.Sum(invoice.FieldAmount), "sum"))},
	)
}

// term is a sum grouped by dealer_id, added (sign 1) or taken away (-1).
type term struct {
	sign  int64
	query interface {
		Scan(context.Context, any) error
	}
}

// netBy adds up terms per dealer; a dealer in none of them is left out.
func netBy(ctx context.Context, terms ...term) (map[int]int64, error) {
	out := map[int]int64{}
	var c money.Checked
	for _, t := range terms {
		sums, err := sumsBy(ctx, t.query)
		if err != nil {
			return nil, err
		}
		for id, v := range sums {
			n := out[id]
			if t.sign > 0 {
				c.Add(&n, v)
			} else {
				c.Sub(&n, v)
			}
			out[id] = n
		}
	}
	if c.Err != nil {
		return nil, errOverflow
	}
	return out, nil
}

// sumsBy scans a sum grouped by dealer_id.
func sumsBy(ctx context.Context, q interface {
	Scan(context.Context, any) error
}) (map[int]int64, error) {
	var rows []struct {
		DealerID int            `sql:"dealer_id"`
		Sum      sql.NullString `sql:"sum"`
	}
	if err := q.Scan(ctx, &rows); err != nil {
		return nil, overflowed(err)
	}
	out := make(map[int]int64, len(rows))
	for _, r := range rows {
		v, err := parseSum(r.Sum)
		if err != nil {
			return nil, err
		}
		out[r.DealerID] = v
	}
	return out, nil
}

func parseSum(v sql.NullString) (int64, error) {
	if !v.Valid {
		return 0, nil
	}
	n, err := strconv.ParseInt(v.String, 10, 64)
	if errors.Is(err, strconv.ErrRange) {
		return 0, errOverflow
	}
	return n, err
}

func overflowed(err error) error {
	if strings.Contains(err.Error(), "integer overflow") {
		return errOverflow
	}
	return err
}
