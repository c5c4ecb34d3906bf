package accounts

import (
	"context"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/allocation"
	"github.com/dealerline/dealerline/ent/creditnote"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/invoice"
	"github.com/dealerline/dealerline/ent/payment"
	"github.com/dealerline/dealerline/ent/shipmentline"
	"github.com/dealerline/dealerline/money"
	"github.com/dealerline/dealerline/realtime"
)

// recordEvent records the event event makes of the document's dealer, in
// the transaction of db. History import records none: it is the past.
func recordEvent(ctx context.Context, db *ent.Client, dealerID int, event func(*ent.Dealer) realtime.Event) error {
	d, err := db.Dealer.Get(access.Bypass(ctx), dealerID)
	if err != nil {
		return err
	}
	return realtime.Record(ctx, db, event(d))
}

// IssueInvoice issues the invoice of a shipment that has just gone
// IN_TRANSIT, dated issuedOn (the business date of that event), due after
// the dealer's payment terms, for the sum of the shipment's line amounts.
// The dealer's unapplied credit is applied to it at once. The ordering
// service calls it in the transaction of the delivery event, recorded at
// now; it is audited as the viewer's.
func IssueInvoice(ctx context.Context, db *ent.Client, sh *ent.Shipment, issuedOn, now time.Time) (*ent.Invoice, error) {
	inv, err := issueInvoice(ctx, db, sh, issuedOn, now)
	if err != nil {
		return nil, err
	}
	if err := recordEvent(ctx, db, inv.DealerID, func(d *ent.Dealer) realtime.Event {
		return realtime.InvoiceIssuedEvent(inv, d, now)
	}); err != nil {
		return nil, err
	}
	return inv, audit.Record(ctx, db, "invoice.issue", "Invoice", inv.ID, map[string]any{
		"number": inv.Number, "shipment": sh.Number, "amount": inv.Amount,
		"issuedOn": date(inv.IssuedOn).Format(time.DateOnly), "dueOn": date(inv.DueOn).Format(time.DateOnly),
	})
}

func issueInvoice(ctx context.Context, db *ent.Client, sh *ent.Shipment, issuedOn, now time.Time) (*ent.Invoice, error) {
	sys := access.Bypass(ctx)
	d, err := db.Dealer.Query().Where(dealer.ID(sh.DealerID)).Only(sys)
	if err != nil {
		return nil, err
	}
	amount, err := sum(sys, db.ShipmentLine.Query().Where(shipmentline.ShipmentID(sh.ID)).Aggregate(ent.As(ent.Sum(shipmentline.FieldAmount), "sum")))
	if err != nil {
		return nil, err
	}
	issuedOn = date(issuedOn)
	inv, err := db.Invoice.Create().
		SetDealerID(sh.DealerID).
		SetOrderID(sh.OrderID).
		SetShipmentID(sh.ID).
		SetIssuedOn(issuedOn).
		SetDueOn(dueOn(issuedOn, d.PaymentTermsDays)).
		SetAmount(amount).
		SetBalance(amount).
		SetCreatedAt(now).
		SetUpdatedAt(now).
		Save(sys)
	if err != nil {
		return nil, err
	}
	if inv, err = inv.Update().SetNumber(DocumentNumber("INV", inv.ID)).SetUpdatedAt(now).Save(sys); err != nil {
		return nil, err
	}
	if err := applyCredit(ctx, db, inv, now); err != nil {
		return nil, err
	}
	return db.Invoice.Get(sys, inv.ID)
}

// applyCredit applies the dealer's unapplied payments and credit notes to
// a new invoice, in creditFirst order.
func applyCredit(ctx context.Context, db *ent.Client, inv *ent.Invoice, now time.Time) error {
	sys := access.Bypass(ctx)
	payments, err := db.Payment.Query().
		Where(payment.DealerID(inv.DealerID), payment.UnallocatedGT(0)).
		All(sys)
	if err != nil {
		return err
	}
	credits, err := db.CreditNote.Query().
		Where(creditnote.DealerID(inv.DealerID), creditnote.UnallocatedGT(0)).
		All(sys)
	if err != nil {
		return err
	}
	var sources []*source
	for _, p := range payments {
		sources = append(sources, paymentSource(p))
	}
	for _, c := range credits {
		sources = append(sources, creditSource(c))
	}
	slices.SortFunc(sources, creditFirst)
	lefts := make([]int64, len(sources))
	for i, src := range sources {
		lefts[i] = src.left
	}
	for i, amount := range spread(inv.Balance, lefts) {
		if amount > 0 {
			if err := allocate(ctx, db, sources[i], inv, amount, now); err != nil {
				return err
			}
		}
	}
	return nil
}

// allocate applies amount of src to inv. The invoice's balance and the
// source's unallocated amount drop only where enough is left: a concurrent
// allocation makes this a CONFLICT, never an over-allocation.
func allocate(ctx context.Context, db *ent.Client, src *source, inv *ent.Invoice, amount int64, now time.Time) error {
	sys := access.Bypass(ctx)
	n, err := db.Invoice.Update().
		Where(invoice.ID(inv.ID), invoice.BalanceGTE(amount)).
		AddBalance(-amount).
		SetUpdatedAt(now).
		Save(sys)
	if err != nil {
		return err
	}
	if n == 0 {
		return apperr.Errorf(apperr.Conflict, "invoice %s was paid at the same time: reload it", inv.Number)
	}
	create := db.Allocation.Create().
		SetDealerID(inv.DealerID).
		SetInvoiceID(inv.ID).
		SetAmount(amount).
		SetAppliedOn(appliedOn(src, inv))
	if src.payment != nil {
		create.SetPaymentID(src.payment.ID)
		n, err = db.Payment.Update().
			Where(payment.ID(src.payment.ID), payment.UnallocatedGTE(amount)).
			AddUnallocated(-amount).
			SetUpdatedAt(now).
			Save(sys)
	} else {
		create.SetCreditNoteID(src.credit.ID)
		n, err = db.CreditNote.Update().
			Where(creditnote.ID(src.credit.ID), creditnote.UnallocatedGTE(amount)).
			AddUnallocated(-amount).
			SetUpdatedAt(now).
			Save(sys)
	}
	if err != nil {
		return err
	}
	if n == 0 {
		return apperr.Errorf(apperr.Conflict, "the payment or credit note was allocated at the same time: reload it")
	}
	if err := create.Exec(sys); err != nil {
		return err
	}
	src.left -= amount
	return markPaidOff(ctx, db, inv.ID, now)
}

// markPaidOff dates an invoice whose balance reached 0: the latest date
// from which its allocations count, the day it was paid off.
func markPaidOff(ctx context.Context, db *ent.Client, id int, now time.Time) error {
	sys := access.Bypass(ctx)
	inv, err := db.Invoice.Get(sys, id)
	if err != nil || inv.Balance > 0 {
		return err
	}
	last, err := db.Allocation.Query().
		Where(allocation.InvoiceID(id)).
		Order(allocation.ByAppliedOn(sql.OrderDesc())).
		First(sys)
	if err != nil {
		return err
	}
	return inv.Update().SetPaidOffOn(date(last.AppliedOn)).SetUpdatedAt(now).Exec(sys)
}

// allocateOldestFirst applies what is left of src to the dealer's open
// invoices in oldestDue order; the rest stays unapplied credit.
func allocateOldestFirst(ctx context.Context, db *ent.Client, src *source, dealerID int, now time.Time) error {
	open, err := db.Invoice.Query().
		Where(invoice.DealerID(dealerID), invoice.BalanceGT(0)).
		All(access.Bypass(ctx))
	if err != nil {
		return err
	}
	slices.SortFunc(open, oldestDue)
	balances := make([]int64, len(open))
	for i, inv := range open {
		balances[i] = inv.Balance
	}
	for i, amount := range spread(src.left, balances) {
		if amount > 0 {
			if err := allocate(ctx, db, src, open[i], amount, now); err != nil {
				return err
			}
		}
	}
	return nil
}

// sum runs an aggregate query of one SUM, which is NULL over no rows. It
// is read as text: PostgreSQL's SUM of bigints is a numeric that may not
// fit in int64 (SQLite's fails with "integer overflow" instead).
func sum(ctx context.Context, q interface {
	Scan(context.Context, any) error
}) (int64, error) {
	var rows []struct {
		Sum sql.NullString
	}
	if err := q.Scan(ctx, &rows); err != nil {
		if strings.Contains(err.Error(), "integer overflow") {
			return 0, errOverflow
		}
		return 0, err
	}
	if len(rows) == 0 || !rows[0].Sum.Valid {
		return 0, nil
	}
	v, err := strconv.ParseInt(rows[0].Sum.String, 10, 64)
	if errors.Is(err, strconv.ErrRange) {
		return 0, errOverflow
	}
	return v, err
}

// errOverflow refuses an account whose amounts add up beyond int64: a
// clear refusal, never a wrong number. Amounts are at most money.Max, so
// it takes millions of the largest ones.
var errOverflow = apperr.Errorf(apperr.Conflict, "the amounts on this account add up to more than %s, more than can be held", money.Format(math.MaxInt64))
