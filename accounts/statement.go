package accounts

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/creditnote"
	"github.com/dealerline/dealerline/ent/invoice"
	"github.com/dealerline/dealerline/ent/invoicedispute"
	"github.com/dealerline/dealerline/ent/payment"
	"github.com/dealerline/dealerline/money"
	"github.com/dealerline/dealerline/store/tx"
)

// Statement is a dealer's account over a period of business dates, from
// and to both included: the same for the dealer and the manufacturer.
// Balances are what the dealer owes; below 0, what it has in credit.
type Statement struct {
	Dealer *ent.Dealer
	From   time.Time
	To     time.Time
	// Everything dated before From.
	OpeningBalance int64
	// Every invoice, payment and credit note dated in the period, in date
	// order, each with the balance after it.
	Lines []*StatementLine
	// The period's invoices, payments and credit notes.
	Invoiced int64
	Paid     int64
	Credited int64
	// OpeningBalance + Invoiced − Paid − Credited.
	ClosingBalance int64
	// Payments and credit notes not yet allocated to an invoice at To. The
	// closing balance is the open invoice balances less this.
	UnappliedCredit int64
	Ageing          *Ageing
}

// LineKind is what a statement line records.
type LineKind string

const (
	LineInvoice    LineKind = "INVOICE"
	LinePayment    LineKind = "PAYMENT"
	LineCreditNote LineKind = "CREDIT_NOTE"
)

// rank puts a day's invoices before its payments and credit notes.
func (k LineKind) rank() int {
	return slices.Index([]LineKind{LineInvoice, LinePayment, LineCreditNote}, k)
}

// MarshalGQL writes the kind as a GraphQL enum value.
func (k LineKind) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(string(k))) }

// UnmarshalGQL reads a GraphQL enum value.
func (k *LineKind) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok || LineKind(s).rank() < 0 {
		return fmt.Errorf("%v is not a statement line kind", v)
	}
	*k = LineKind(s)
	return nil
}

// StatementLine is one invoice, payment or credit note on a statement.
type StatementLine struct {
	Date      time.Time
	Kind      LineKind
	Reference string // the invoice's or credit note's number, the payment's reference
	// Description is the line in English, kept for older clients; the
	// portal composes its own from the kind and the fields below.
	Description    string
	OrderNumber    *string // an invoice's order
	ShipmentNumber *string // an invoice's shipment
	Reason         *string // why a credit note was issued
	Debit          int64   // an invoice's amount
	Credit         int64   // a payment's or credit note's amount
	Balance        int64   // after this line
	// An invoice's amount under open disputes now.
	Disputed   int64
	DueOn      *time.Time
	Invoice    *ent.Invoice
	Payment    *ent.Payment
	CreditNote *ent.CreditNote
	id         int
}

// Ageing is what is open on a dealer's invoices at a date, by how long it
// is overdue. It is taken as of the day At, while that day's payments can
// still come in: an invoice due on At is not yet overdue, one due the day
// before is 1 day overdue. (An appraisal's "overdue at the period's end" is
// the ageing at the period's exclusive end, the day after its last: an
// invoice due on the last day is overdue then, as DESIGN.md §6 says.)
type Ageing struct {
	At            time.Time
	NotYetDue     int64
	Overdue1To30  int64
	Overdue31To60 int64
	Overdue61To90 int64
	OverdueOver90 int64
	// The four buckets together.
	Overdue int64
	// Open on invoices under an open dispute, up to the disputed amounts:
	// owed, but in none of the buckets above while the dispute stands.
	Disputed int64
}

func (a *Ageing) add(c *money.Checked, days int, amount int64) {
	switch {
	case days <= 0:
		c.Add(&a.NotYetDue, amount)
		return
	case days <= 30:
		c.Add(&a.Overdue1To30, amount)
	case days <= 60:
		c.Add(&a.Overdue31To60, amount)
	case days <= 90:
		c.Add(&a.Overdue61To90, amount)
	default:
		c.Add(&a.OverdueOver90, amount)
	}
	c.Add(&a.Overdue, amount)
}

// Statement draws up the account of a dealer the viewer sees, from and to
// business dates, both included.
func (s *Service) Statement(ctx context.Context, dealerID int, from, to time.Time) (*Statement, error) {
	if _, err := auth.Require(ctx); err != nil {
		return nil, err
	}
	from, to = date(from), date(to)
	if to.Before(from) {
		return nil, apperr.Invalid("to", "the period ends before it starts")
	}
	db := tx.Client(ctx, s.client)
	// Read the dealer as the viewer sees it; then the account below the
	// rules, which the dealer's visibility already decided.
	d, err := db.Dealer.Get(ctx, dealerID)
	if err != nil {
		return nil, err
	}
	st := &Statement{Dealer: d, From: from, To: to}
	if st.OpeningBalance, err = balanceBefore(ctx, db, d.ID, from); err != nil {
		return nil, err
	}
	if st.Lines, err = periodLines(ctx, db, d.ID, from, to); err != nil {
		return nil, err
	}
	var c money.Checked
	balance := st.OpeningBalance
	for _, l := range st.Lines {
		c.Add(&balance, l.Debit)
		c.Sub(&balance, l.Credit)
		l.Balance = balance
		c.Add(&st.Invoiced, l.Debit)
		switch l.Kind {
		case LinePayment:
			c.Add(&st.Paid, l.Credit)
		case LineCreditNote:
			c.Add(&st.Credited, l.Credit)
		}
	}
	if c.Err != nil {
		return nil, errOverflow
	}
	st.ClosingBalance = balance
	if st.Ageing, st.UnappliedCredit, err = ageing(ctx, db, d.ID, to); err != nil {
		return nil, err
	}
	open, err := db.InvoiceDispute.Query().
		Where(invoicedispute.DealerID(d.ID), invoicedispute.StatusEQ(invoicedispute.StatusOPEN)).
		All(access.Bypass(ctx))
	if err != nil {
		return nil, err
	}
	disputed := map[int]int64{}
	for _, x := range open {
		disputed[x.InvoiceID] += x.Amount
	}
	for _, l := range st.Lines {
		if l.Invoice != nil {
			l.Disputed = disputed[l.Invoice.ID]
		}
	}
	return st, nil
}

// balanceBefore is what the dealer owed at the start of day: invoices less
// payments and credit notes dated before it.
func balanceBefore(ctx context.Context, db *ent.Client, dealerID int, day time.Time) (int64, error) {
	balances, err := BalancesBefore(ctx, db, Dealer(dealerID), day)
	return balances[dealerID], err
}

// periodLines are the invoices, payments and credit notes dated from..to,
// in date order: a day's invoices first, then its payments, then its
// credit notes, each in the order they were made.
func periodLines(ctx context.Context, db *ent.Client, dealerID int, from, to time.Time) ([]*StatementLine, error) {
	sys := access.Bypass(ctx)
	invoices, err := db.Invoice.Query().
		Where(invoice.DealerID(dealerID), invoice.IssuedOnGTE(from), invoice.IssuedOnLTE(to)).
		WithOrder().
		WithShipment().
		All(sys)
	if err != nil {
		return nil, err
	}
	payments, err := db.Payment.Query().
		Where(payment.DealerID(dealerID), payment.ReceivedOnGTE(from), payment.ReceivedOnLTE(to)).
		All(sys)
	if err != nil {
		return nil, err
	}
	credits, err := db.CreditNote.Query().
		Where(creditnote.DealerID(dealerID), creditnote.IssuedOnGTE(from), creditnote.IssuedOnLTE(to)).
		All(sys)
	if err != nil {
		return nil, err
	}
	lines := make([]*StatementLine, 0, len(invoices)+len(payments)+len(credits))
	for _, inv := range invoices {
		due := date(inv.DueOn)
		l := &StatementLine{
			Date: date(inv.IssuedOn), Kind: LineInvoice, Reference: inv.Number, Description: "Invoice " + inv.Number,
			Debit: inv.Amount, DueOn: &due, Invoice: inv, id: inv.ID,
		}
		if inv.Edges.Order != nil && inv.Edges.Shipment != nil {
			l.OrderNumber, l.ShipmentNumber = &inv.Edges.Order.Number, &inv.Edges.Shipment.Number
			l.Description = fmt.Sprintf("Invoice %s: order %s, shipment %s", inv.Number, inv.Edges.Order.Number, inv.Edges.Shipment.Number)
		}
		lines = append(lines, l)
	}
	for _, p := range payments {
		lines = append(lines, &StatementLine{
			Date: date(p.ReceivedOn), Kind: LinePayment, Reference: p.Reference, Description: "Payment " + p.Reference,
			Credit: p.Amount, Payment: p, id: p.ID,
		})
	}
	for _, c := range credits {
		lines = append(lines, &StatementLine{
			Date: date(c.IssuedOn), Kind: LineCreditNote, Reference: c.Number, Description: fmt.Sprintf("Credit note %s: %s", c.Number, c.Reason),
			Reason: &c.Reason, Credit: c.Amount, CreditNote: c, id: c.ID,
		})
	}
	slices.SortFunc(lines, func(a, b *StatementLine) int {
		return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.Kind.rank(), b.Kind.rank()), cmp.Compare(a.id, b.id))
	})
	return lines, nil
}

// ageing is the dealer's open invoice balances at the date at, by days
// overdue, and its credit not yet applied then. Only allocations that
// count by at reduce a balance.
func ageing(ctx context.Context, db *ent.Client, dealerID int, at time.Time) (*Ageing, int64, error) {
	positions, err := Positions(ctx, db, Dealer(dealerID), at)
	if err != nil {
		return nil, 0, err
	}
	p := PositionOf(positions, dealerID, at)
	return p.Ageing, p.UnappliedCredit, nil
}
