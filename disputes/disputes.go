// Package disputes lets a dealer dispute an invoice from its statement —
// the whole invoice or some of its lines, for an amount, saying why — and
// staff resolve the dispute by a credit note of kind CORRECTION, applied to
// the disputed invoice first, or reject it saying why. While a dispute is
// open its amount is shown on the statement and is not counted as overdue
// (package accounts reads OpenOn).
//
// What may be disputed of an invoice is its open balance less what its
// other open disputes hold; the invoice's row is locked by each dispute,
// so two at once cannot together dispute more than is open.
package disputes

import (
	"context"
	"fmt"
	"slices"
	"time"

	"entgo.io/contrib/entgql"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/creditnote"
	"github.com/dealerline/dealerline/ent/invoicedispute"
	"github.com/dealerline/dealerline/ent/shipmentline"
	"github.com/dealerline/dealerline/money"
	"github.com/dealerline/dealerline/store/tx"
)

// MaxReason is the longest reason or note.
const MaxReason = 2000

// Service raises and resolves invoice disputes.
type Service struct {
	client   *ent.Client
	accounts *accounts.Service
	now      func() time.Time
}

// NewService returns a Service over client issuing credit notes through acc.
func NewService(client *ent.Client, acc *accounts.Service) *Service {
	return &Service{client: client, accounts: acc, now: time.Now}
}

// WithClock returns a copy of s that takes the time from now.
func (s *Service) WithClock(now func() time.Time) *Service {
	c := *s
	c.now = now
	c.accounts = s.accounts.WithClock(now)
	return &c
}

// RaiseInput is a dealer's dispute of one invoice.
type RaiseInput struct {
	InvoiceID int
	// Lines of the invoice's shipment disputed; none: the whole invoice.
	ShipmentLineIDs []int
	Amount          int64
	Reason          string
}

// Raise disputes an invoice of the viewer's dealer, for at most what is
// open of it and not disputed already (and, lines named, at most their
// amount). Dealer users dispute.
func (s *Service) Raise(ctx context.Context, in RaiseInput) (*ent.InvoiceDispute, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if !v.IsDealer() {
		return nil, apperr.Errorf(apperr.Forbidden, "dealer users dispute their invoices; the manufacturer resolves disputes")
	}
	if in.Reason, err = apperr.Lines("reason", in.Reason, true, MaxReason); err != nil {
		return nil, err
	}
	if in.Amount <= 0 || in.Amount > money.Max {
		return nil, apperr.Invalid("amount", "a dispute is for more than 0")
	}
	db := tx.Client(ctx, s.client)
	inv, err := db.Invoice.Get(ctx, in.InvoiceID)
	if ent.IsNotFound(err) || (err == nil && inv.DealerID != v.DealerID) {
		return nil, apperr.Missing("invoiceID", "your dealer has no such invoice")
	}
	if err != nil {
		return nil, err
	}
	sys := access.Bypass(ctx)
	in.ShipmentLineIDs = slices.Compact(slices.Sorted(slices.Values(in.ShipmentLineIDs)))
	if len(in.ShipmentLineIDs) > 0 {
		lines, err := db.ShipmentLine.Query().
			Where(shipmentline.ShipmentID(inv.ShipmentID), shipmentline.IDIn(in.ShipmentLineIDs...)).
			All(sys)
		if err != nil {
			return nil, err
		}
		if len(lines) != len(in.ShipmentLineIDs) {
			return nil, apperr.Invalid("shipmentLineIDs", "invoice %s has no such line", inv.Number)
		}
		var total int64
		for _, l := range lines {
			total += l.Amount
		}
		if in.Amount > total {
			return nil, apperr.Invalid("amount", "the lines disputed come to %s: dispute at most that", money.Format(total))
		}
	}
	// Lock the invoice: a second dispute (or an allocation) waits for this one.
	if err := db.Invoice.UpdateOneID(inv.ID).SetUpdatedAt(inv.UpdatedAt).Exec(sys); err != nil {
		return nil, err
	}
	if inv, err = db.Invoice.Get(sys, inv.ID); err != nil {
		return nil, err
	}
	held, err := Held(sys, db, inv.ID)
	if err != nil {
		return nil, err
	}
	if free := inv.Balance - held; in.Amount > free {
		return nil, apperr.Invalid("amount", "at most %s of invoice %s may be disputed: %s open, %s in other open disputes",
			money.Format(max(free, 0)), inv.Number, money.Format(inv.Balance), money.Format(held))
	}
	now := s.now()
	d, err := db.InvoiceDispute.Create().
		SetDealerID(inv.DealerID).
		SetInvoiceID(inv.ID).
		SetAmount(in.Amount).
		SetShipmentLineIds(in.ShipmentLineIDs).
		SetReason(in.Reason).
		SetRaisedAt(now).
		SetRaisedByID(v.UserID).
		SetRaisedByName(v.Name).
		SetCreatedAt(now).
		SetUpdatedAt(now).
		Save(sys)
	if err != nil {
		return nil, err
	}
	if d, err = d.Update().SetNumber(accounts.DocumentNumber("DP", d.ID)).Save(sys); err != nil {
		return nil, err
	}
	return d, audit.Record(ctx, db, "invoice_dispute.raise", "InvoiceDispute", d.ID, map[string]any{
		"number": d.Number, "invoice": inv.Number, "amount": d.Amount, "lines": len(in.ShipmentLineIDs), "reason": d.Reason,
	})
}

// Held is what the open disputes of an invoice hold.
func Held(ctx context.Context, db *ent.Client, invoiceID int) (int64, error) {
	open, err := db.InvoiceDispute.Query().
		Where(invoicedispute.InvoiceID(invoiceID), invoicedispute.StatusEQ(invoicedispute.StatusOPEN)).
		All(ctx)
	if err != nil {
		return 0, err
	}
	var held int64
	for _, d := range open {
		held += d.Amount
	}
	return held, nil
}

// Disputable is what of inv may still be disputed: its balance less its
// open disputes. The caller read inv through the viewer.
func (s *Service) Disputable(ctx context.Context, inv *ent.Invoice) (int64, error) {
	held, err := Held(access.Bypass(ctx), tx.Client(ctx, s.client), inv.ID)
	return max(inv.Balance-held, 0), err
}

// Resolve settles an open dispute by a credit note of kind CORRECTION for
// amount (the disputed amount when nil, never more), applied to the
// disputed invoice first.
func (s *Service) Resolve(ctx context.Context, id int, expectedVersion *int, amount *int64, note string) (*ent.InvoiceDispute, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if note, err = apperr.Lines("note", note, false, MaxReason); err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	d, err := s.decidable(ctx, db, v, id, expectedVersion)
	if err != nil {
		return nil, err
	}
	credit := d.Amount
	if amount != nil {
		credit = *amount
	}
	if credit <= 0 || credit > d.Amount {
		return nil, apperr.Invalid("amount", "credit more than 0 and at most the %s disputed; reject a dispute to credit nothing", money.Format(d.Amount))
	}
	sys := access.Bypass(ctx)
	inv, err := db.Invoice.Get(sys, d.InvoiceID)
	if err != nil {
		return nil, err
	}
	now := s.now()
	reason := fmt.Sprintf("Dispute %s of invoice %s: %s", d.Number, inv.Number, d.Reason)
	if note != "" {
		reason += " — " + note
	}
	invoiceID := inv.ID
	cn, err := s.accounts.WithClock(func() time.Time { return now }).IssueCreditNote(ctx, accounts.CreditNoteInput{
		DealerID: d.DealerID, Amount: credit, Reason: reason, Kind: creditnote.KindCORRECTION, InvoiceID: &invoiceID,
	})
	if err != nil {
		return nil, err
	}
	if d, err = bump(ctx, db, d, func(u *ent.InvoiceDisputeUpdateOne) {
		u.SetStatus(invoicedispute.StatusRESOLVED).SetResolutionNote(note).SetCreditedAmount(credit).
			SetCreditNoteID(cn.ID).SetResolvedAt(now).SetResolvedByName(v.Name)
	}, now); err != nil {
		return nil, err
	}
	return d, audit.Record(ctx, db, "invoice_dispute.resolve", "InvoiceDispute", d.ID, map[string]any{
		"number": d.Number, "invoice": inv.Number, "credited": credit, "creditNote": cn.Number, "note": note,
	})
}

// Reject refuses an open dispute, saying why: the amount counts as owed
// (and overdue, when due) again.
func (s *Service) Reject(ctx context.Context, id int, expectedVersion *int, note string) (*ent.InvoiceDispute, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	d, err := s.decidable(ctx, db, v, id, expectedVersion)
	if err != nil {
		return nil, err
	}
	if note, err = apperr.Lines("note", note, true, MaxReason); err != nil {
		return nil, err
	}
	now := s.now()
	if d, err = bump(ctx, db, d, func(u *ent.InvoiceDisputeUpdateOne) {
		u.SetStatus(invoicedispute.StatusREJECTED).SetResolutionNote(note).SetResolvedAt(now).SetResolvedByName(v.Name)
	}, now); err != nil {
		return nil, err
	}
	return d, audit.Record(ctx, db, "invoice_dispute.reject", "InvoiceDispute", d.ID, map[string]any{"number": d.Number, "note": note})
}

func (s *Service) decidable(ctx context.Context, db *ent.Client, v *auth.Viewer, id int, expectedVersion *int) (*ent.InvoiceDispute, error) {
	d, err := db.InvoiceDispute.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apperr.Missing("id", "no such dispute")
	}
	if err != nil {
		return nil, err
	}
	if err := refusal(v, d); err != nil {
		return nil, err
	}
	if expectedVersion != nil && *expectedVersion != d.Version {
		return nil, apperr.Errorf(apperr.Conflict, "dispute %s changed since you read it (version %d, now %d): reload it", d.Number, *expectedVersion, d.Version)
	}
	return d, nil
}

func refusal(v *auth.Viewer, d *ent.InvoiceDispute) error {
	if v.IsDealer() {
		return apperr.Errorf(apperr.Forbidden, "the manufacturer resolves and rejects disputes")
	}
	if d.Status != invoicedispute.StatusOPEN {
		e := apperr.Errorf(apperr.InvalidTransition, "dispute %s is %s already", d.Number, d.Status)
		e.Field = "id"
		return e
	}
	return nil
}

func bump(ctx context.Context, db *ent.Client, d *ent.InvoiceDispute, change func(*ent.InvoiceDisputeUpdateOne), now time.Time) (*ent.InvoiceDispute, error) {
	u := db.InvoiceDispute.UpdateOne(d).Where(invoicedispute.Version(d.Version)).AddVersion(1).SetUpdatedAt(now)
	change(u)
	updated, err := u.Save(access.Bypass(ctx))
	if ent.IsNotFound(err) {
		return nil, apperr.Errorf(apperr.Conflict, "dispute %s was decided at the same time: reload it", d.Number)
	}
	return updated, err
}

// Action is what may be done with a dispute next.
type Action string

const (
	Resolve Action = "RESOLVE"
	Reject  Action = "REJECT"
)

// AllowedActions is what the viewer may do with d now.
func AllowedActions(ctx context.Context, d *ent.InvoiceDispute) []Action {
	v := auth.FromContext(ctx)
	if v == nil || refusal(v, d) != nil {
		return []Action{}
	}
	return []Action{Resolve, Reject}
}

// Newest is the order disputes are listed in.
var Newest = &ent.InvoiceDisputeOrder{Field: ent.InvoiceDisputeOrderFieldRaisedAt, Direction: entgql.OrderDirectionDesc}

// List is the disputes the viewer may see, of dealerID when given (a
// dealer user's own dealer's when not), of invoiceID when given, in one
// of statuses when any.
func (s *Service) List(ctx context.Context, dealerID, invoiceID *int, statuses []invoicedispute.Status) *ent.InvoiceDisputeQuery {
	q := s.client.InvoiceDispute.Query()
	if id := access.ListDealer(ctx, dealerID); id != nil && invoiceID == nil {
		q.Where(invoicedispute.DealerID(*id))
	}
	if invoiceID != nil {
		q.Where(invoicedispute.InvoiceID(*invoiceID))
	}
	if len(statuses) > 0 {
		q.Where(invoicedispute.StatusIn(statuses...))
	}
	return q
}
