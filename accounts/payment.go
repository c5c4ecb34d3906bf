package accounts

import (
	"context"
	"fmt"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/creditnote"
	"github.com/dealerline/dealerline/ent/invoice"
	"github.com/dealerline/dealerline/ent/payment"
	"github.com/dealerline/dealerline/money"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/realtime"
	"github.com/dealerline/dealerline/store/tx"
)

// Allocation is part of a payment the payer applies to one invoice.
type Allocation struct {
	InvoiceID int
	Amount    int64
}

// PaymentInput is a payment as received from a dealer.
type PaymentInput struct {
	DealerID   int
	Amount     int64
	ReceivedAt time.Time
	// The payer's reference, unique per dealer.
	Reference string
	// Where the payer applies it. None: the dealer's open invoices, oldest
	// first.
	Allocations []Allocation
}

// maxAllocations caps the allocations of one payment.
const maxAllocations = 100

// RecordPayment records money received from a dealer and allocates it.
// Managers of the dealer and administrators record payments. An
// allocation above the invoice's open balance, or allocations adding up to
// more than the payment, are refused; what is not allocated is the
// dealer's credit.
func (s *Service) RecordPayment(ctx context.Context, in PaymentInput) (*ent.Payment, error) {
	if _, err := manager(ctx, "records payments"); err != nil {
		return nil, err
	}
	var err error
	if in.Reference, err = apperr.Text("reference", in.Reference, true, 100); err != nil {
		return nil, err
	}
	if in.Amount <= 0 || in.Amount > money.Max {
		return nil, apperr.Invalid("amount", "a payment is more than 0 and at most %s", money.Format(money.Max))
	}
	if in.ReceivedAt.IsZero() || in.ReceivedAt.After(s.now().Add(ClockSkew)) {
		return nil, apperr.Invalid("receivedAt", "a payment is recorded once it has been received: receivedAt cannot be in the future")
	}
	if len(in.Allocations) > maxAllocations {
		return nil, apperr.Invalid("allocations", "at most %d allocations per payment", maxAllocations)
	}
	db := tx.Client(ctx, s.client)
	d, err := accountDealer(ctx, db, in.DealerID)
	if err != nil {
		return nil, err
	}
	sys := access.Bypass(ctx)
	prev, err := db.Payment.Query().Where(payment.DealerID(d.ID), payment.Reference(in.Reference)).Only(sys)
	switch {
	case err == nil:
		return nil, apperr.Errorf(apperr.Conflict, "a payment from %s with reference %q was already recorded (%s received %s)",
			d.Name, in.Reference, money.Format(prev.Amount), date(prev.ReceivedOn).Format(time.DateOnly))
	case !ent.IsNotFound(err):
		return nil, err
	}
	invoices, err := s.checkAllocations(ctx, db, d, in)
	if err != nil {
		return nil, err
	}

	now := s.now()
	p, err := receive(ctx, db, d.ID, in, invoices, s.location, now)
	if err != nil {
		return nil, err
	}
	if err := realtime.Record(ctx, db, realtime.PaymentRecordedEvent(p, d, now)); err != nil {
		return nil, err
	}
	return p, audit.Record(ctx, db, "payment.record", "Payment", p.ID, map[string]any{
		"dealer": d.Code, "amount": p.Amount, "reference": p.Reference,
		"receivedOn": date(p.ReceivedOn).Format(time.DateOnly), "unallocated": p.Unallocated,
		"allocations": allocationDetails(invoices, in.Allocations),
	})
}

// receive records a payment and allocates it: to invoices, in the order
// of in.Allocations, or oldest first without them.
func receive(ctx context.Context, db *ent.Client, dealerID int, in PaymentInput, invoices []*ent.Invoice, loc *time.Location, now time.Time) (*ent.Payment, error) {
	sys := access.Bypass(ctx)
	p, err := db.Payment.Create().
		SetDealerID(dealerID).
		SetAmount(in.Amount).
		SetReceivedAt(in.ReceivedAt).
		SetReceivedOn(BusinessDate(in.ReceivedAt, loc)).
		SetReference(in.Reference).
		SetUnallocated(in.Amount).
		SetCreatedAt(now).
		SetUpdatedAt(now).
		Save(sys)
	if err != nil {
		return nil, err
	}
	src := paymentSource(p)
	if len(in.Allocations) == 0 {
		err = allocateOldestFirst(ctx, db, src, dealerID, now)
	}
	for i, a := range in.Allocations {
		if err = allocate(ctx, db, src, invoices[i], a.Amount, now); err != nil {
			break
		}
	}
	if err != nil {
		return nil, err
	}
	return db.Payment.Get(sys, p.ID)
}

// checkAllocations checks the payer's allocations and returns their
// invoices, in the same order.
func (s *Service) checkAllocations(ctx context.Context, db *ent.Client, d *ent.Dealer, in PaymentInput) ([]*ent.Invoice, error) {
	if len(in.Allocations) == 0 {
		return nil, nil
	}
	ids := make([]int, len(in.Allocations))
	seen := map[int]int{}
	for i, a := range in.Allocations {
		if j, ok := seen[a.InvoiceID]; ok {
			return nil, apperr.Invalid(fmt.Sprintf("allocations[%d].invoiceID", i), "this invoice is already on allocation %d: put its whole amount there", j+1)
		}
		seen[a.InvoiceID] = i
		ids[i] = a.InvoiceID
	}
	found, err := db.Invoice.Query().Where(invoice.IDIn(ids...), invoice.DealerID(d.ID)).All(access.Bypass(ctx))
	if err != nil {
		return nil, err
	}
	byID := map[int]*ent.Invoice{}
	for _, inv := range found {
		byID[inv.ID] = inv
	}
	invoices := make([]*ent.Invoice, len(in.Allocations))
	var total int64
	for i, a := range in.Allocations {
		inv, ok := byID[a.InvoiceID]
		switch {
		case !ok:
			return nil, apperr.Invalid(fmt.Sprintf("allocations[%d].invoiceID", i), "%s has no such invoice", d.Name)
		case a.Amount <= 0:
			return nil, apperr.Invalid(fmt.Sprintf("allocations[%d].amount", i), "an allocation is more than 0")
		case a.Amount > inv.Balance:
			return nil, apperr.Invalid(fmt.Sprintf("allocations[%d].amount", i), "invoice %s has %s open, less than %s",
				inv.Number, money.Format(inv.Balance), money.Format(a.Amount))
		case a.Amount > in.Amount-total:
			return nil, apperr.Invalid("allocations", "the allocations add up to more than the payment of %s", money.Format(in.Amount))
		}
		total += a.Amount
		invoices[i] = inv
	}
	return invoices, nil
}

func allocationDetails(invoices []*ent.Invoice, allocations []Allocation) []map[string]any {
	out := make([]map[string]any, len(allocations))
	for i, a := range allocations {
		out[i] = map[string]any{"invoice": invoices[i].Number, "amount": a.Amount}
	}
	return out
}

// CreditNoteInput is an amount credited to a dealer.
type CreditNoteInput struct {
	DealerID int
	Amount   int64
	Reason   string
	// CORRECTION when empty. REBATE is issued by settling a rebate program
	// only (IssueRebate).
	Kind creditnote.Kind
	// The product a CORRECTION or RETURN is for: it lowers the rebate basis
	// of programs covering it only. Nil: every program's.
	ProductID *int
	// The invoice the credit is applied to first (a disputed one); the
	// rest goes oldest first. The caller has read it through the viewer.
	InvoiceID *int
}

// IssueCreditNote credits a dealer (a correction, a return, a marketing
// fund) and allocates the credit to its open invoices, oldest first; what
// is left is the dealer's credit. Managers of the dealer and
// administrators issue them.
func (s *Service) IssueCreditNote(ctx context.Context, in CreditNoteInput) (*ent.CreditNote, error) {
	if _, err := manager(ctx, "issues credit notes"); err != nil {
		return nil, err
	}
	var err error
	if in.Reason, err = apperr.Lines("reason", in.Reason, true, 2000); err != nil {
		return nil, err
	}
	if in.Amount <= 0 || in.Amount > money.Max {
		return nil, apperr.Invalid("amount", "a credit note is for more than 0 and at most %s", money.Format(money.Max))
	}
	switch in.Kind {
	case "":
		in.Kind = creditnote.KindCORRECTION
	case creditnote.KindREBATE:
		return nil, apperr.Invalid("kind", "a REBATE credit note is issued by settling a rebate program (settleRebates)")
	}
	if err := creditnote.KindValidator(in.Kind); err != nil {
		return nil, apperr.Invalid("kind", "%s is not a kind of credit note", in.Kind)
	}
	db := tx.Client(ctx, s.client)
	var product *ent.Product
	if in.ProductID != nil {
		if in.Kind != creditnote.KindCORRECTION && in.Kind != creditnote.KindRETURN {
			return nil, apperr.Invalid("productID", "only a CORRECTION or a RETURN is for a product")
		}
		// Through the viewer's rules: a product it may not see answers as
		// a missing one.
		if product, err = db.Product.Get(ctx, *in.ProductID); ent.IsNotFound(err) {
			return nil, apperr.Invalid("productID", "no such product")
		} else if err != nil {
			return nil, err
		}
	}
	d, err := accountDealer(ctx, db, in.DealerID)
	if err != nil {
		return nil, err
	}
	cn, err := issueCreditNote(ctx, db, d.ID, in, nil, s.location, s.now())
	if err != nil {
		return nil, err
	}
	if err := realtime.Record(ctx, db, realtime.CreditNoteIssuedEvent(cn, d)); err != nil {
		return nil, err
	}
	details := map[string]any{
		"number": cn.Number, "dealer": d.Code, "amount": cn.Amount, "reason": cn.Reason, "unallocated": cn.Unallocated,
		"kind": cn.Kind,
	}
	if product != nil {
		details["product"] = product.Sku
	}
	return cn, audit.Record(ctx, db, "credit_note.issue", "CreditNote", cn.ID, details)
}

// Rebate names the rebate program and period a REBATE credit note settles.
type Rebate struct {
	ProgramID int
	Period    period.Period
}

// IssueRebate issues a REBATE credit note of a program's period at now,
// numbered and allocated like any other, and audits it. Package rebates
// calls it in the settlement's transaction, after its own checks.
func IssueRebate(ctx context.Context, db *ent.Client, dealerID int, amount int64, reason string, r Rebate, loc *time.Location, now time.Time) (*ent.CreditNote, error) {
	cn, err := issueCreditNote(ctx, db, dealerID, CreditNoteInput{DealerID: dealerID, Amount: amount, Reason: reason, Kind: creditnote.KindREBATE}, &r, loc, now)
	if err != nil {
		return nil, err
	}
	if err := recordEvent(ctx, db, dealerID, func(d *ent.Dealer) realtime.Event {
		return realtime.CreditNoteIssuedEvent(cn, d)
	}); err != nil {
		return nil, err
	}
	return cn, audit.Record(ctx, db, "credit_note.issue", "CreditNote", cn.ID, map[string]any{
		"number": cn.Number, "dealerID": dealerID, "amount": cn.Amount, "reason": cn.Reason, "unallocated": cn.Unallocated,
		"kind": cn.Kind, "rebateProgramID": r.ProgramID, "rebatePeriod": r.Period.String(),
	})
}

// issueCreditNote issues a credit note at now and allocates it oldest
// first.
func issueCreditNote(ctx context.Context, db *ent.Client, dealerID int, in CreditNoteInput, r *Rebate, loc *time.Location, now time.Time) (*ent.CreditNote, error) {
	sys := access.Bypass(ctx)
	c := db.CreditNote.Create().
		SetDealerID(dealerID).
		SetAmount(in.Amount).
		SetReason(in.Reason).
		SetKind(in.Kind).
		SetNillableProductID(in.ProductID).
		SetIssuedAt(now).
		SetIssuedOn(BusinessDate(now, loc)).
		SetUnallocated(in.Amount).
		SetCreatedAt(now).
		SetUpdatedAt(now)
	if r != nil {
		c.SetRebateProgramID(r.ProgramID).SetRebatePeriod(r.Period)
	}
	cn, err := c.Save(sys)
	if err != nil {
		return nil, err
	}
	if cn, err = cn.Update().SetNumber(DocumentNumber("CN", cn.ID)).SetUpdatedAt(now).Save(sys); err != nil {
		return nil, err
	}
	src := creditSource(cn)
	if in.InvoiceID != nil {
		inv, err := db.Invoice.Get(sys, *in.InvoiceID)
		if err != nil {
			return nil, err
		}
		if inv.DealerID == dealerID && inv.Balance > 0 {
			if err := allocate(ctx, db, src, inv, min(inv.Balance, src.left), now); err != nil {
				return nil, err
			}
		}
	}
	if err := allocateOldestFirst(ctx, db, src, dealerID, now); err != nil {
		return nil, err
	}
	return db.CreditNote.Get(sys, cn.ID)
}
