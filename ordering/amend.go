package ordering

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/clip"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/orderevent"
	"github.com/dealerline/dealerline/ent/orderline"
	"github.com/dealerline/dealerline/money"
	"github.com/dealerline/dealerline/ordering/counted"
	"github.com/dealerline/dealerline/ordering/status"
	"github.com/dealerline/dealerline/store/tx"
)

// AmendInput is a SUBMITTED order as its dealer now wants it: the whole new
// set of lines, and the date, reference and note when they change (nil
// keeps them; a blank reference or note clears it).
type AmendInput struct {
	Lines                  []Line
	RequestedDeliveryDate  *time.Time
	PurchaseOrderReference *string
	Note                   *string
}

// amendRefusal is why v may not amend o now, nil when it may: only a user
// of the order's own dealer amends it (as only it places and cancels it),
// at the version it read, while the manufacturer has not decided on it.
func amendRefusal(v *auth.Viewer, o *ent.Order, expectedVersion *int) error {
	if !v.IsDealer() || o.DealerID != v.DealerID {
		return apperr.Errorf(apperr.Forbidden, "only the dealer that placed order %s amends it", o.Number)
	}
	if err := checkVersion(o, expectedVersion); err != nil {
		return err
	}
	if o.Status != status.Submitted {
		return apperr.Errorf(apperr.InvalidTransition, "order %s is %s: only a submitted order is amended; ask the manufacturer", o.Number, o.Status)
	}
	return nil
}

// CanAmend reports whether amendOrder would take an amendment of o from v
// now.
func CanAmend(v *auth.Viewer, o *ent.Order) bool {
	return v != nil && amendRefusal(v, o, nil) == nil
}

// Amend replaces a SUBMITTED order's lines with in.Lines priced by today's
// rules (Place's pricing), recomputes its totals and credit hold as Place
// decides them, and records in its history, for subscribers too, what
// changed. Lines are immutable once written: the old ones are deleted and
// the new ones created, in the request's transaction.
func (s *Service) Amend(ctx context.Context, id, expectedVersion int, in AmendInput) (*ent.Order, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	o, err := db.Order.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := amendRefusal(v, o, &expectedVersion); err != nil {
		return nil, err
	}
	// The checks of a new order, on the order as it would be.
	// A date kept is not checked again: it may have passed since.
	place := PlaceInput{DealerID: &o.DealerID, Lines: in.Lines, RequestedDeliveryDate: in.RequestedDeliveryDate, Note: o.Note, PurchaseOrderReference: o.PurchaseOrderReference}
	if in.Note != nil {
		place.Note = *in.Note
	}
	if in.PurchaseOrderReference != nil {
		place.PurchaseOrderReference = in.PurchaseOrderReference
	}
	_, _, d, _, err := s.prepare(ctx, &place)
	if err != nil {
		return nil, err
	}
	if place.RequestedDeliveryDate == nil {
		place.RequestedDeliveryDate = o.RequestedDeliveryDate
	}
	sys := access.Bypass(ctx)
	priced, err := s.priceLines(sys, db, d, place.Lines)
	if err != nil {
		return nil, err
	}
	cost, ok := counted.Cost(priced.Lines, func(l PricedLine) (int, int64) { return l.Quantity, l.Product.UnitCost })
	if !ok {
		return nil, apperr.Invalid("lines", "the goods of the order cost more than can be held")
	}
	old, err := db.OrderLine.Query().Where(orderline.OrderID(o.ID)).Order(ent.Asc(orderline.FieldPosition)).All(sys)
	if err != nil {
		return nil, err
	}
	summary := amendSummary(o, old, priced, place)
	if summary == "" {
		return nil, apperr.Invalid("lines", "the amendment changes nothing on order %s", o.Number)
	}
	// The exposure counts this order at its old total: held or not is
	// decided on the others plus the new total, as Place decides it.
	exposure, err := Exposure(sys, db, d.ID)
	if err != nil {
		return nil, err
	}
	hold := HoldsCredit(exposure-o.Total, priced.Total, d.CreditLimit)
	wasHeld := o.CreditHold
	if o, err = s.bump(ctx, db, o, func(u *ent.OrderUpdateOne) {
		u.SetTotal(priced.Total).SetNetAmount(priced.Total).SetCostOfGoods(cost).SetCreditHold(hold).
			SetNote(place.Note)
		if place.RequestedDeliveryDate != nil {
			u.SetRequestedDeliveryDate(*place.RequestedDeliveryDate)
		}
		if place.PurchaseOrderReference != nil {
			u.SetPurchaseOrderReference(*place.PurchaseOrderReference)
		} else {
			u.ClearPurchaseOrderReference()
		}
	}); err != nil {
		return nil, err
	}
	if _, err := db.OrderLine.Delete().Where(orderline.OrderID(o.ID)).Exec(sys); err != nil {
		return nil, err
	}
	if err := createLines(sys, db, o.ID, priced.Lines); err != nil {
		return nil, err
	}
	if hold != wasHeld {
		if hold {
			summary += "; now on credit hold"
		} else {
			summary += "; no longer on credit hold"
		}
	}
	if err := s.record(ctx, db, o, d, &o.Status, o.Status, clip.To(summary, MaxNote), orderevent.KindAMENDED); err != nil {
		return nil, err
	}
	return o, audit.Record(ctx, db, "order.amend", "Order", o.ID, map[string]any{
		"number": o.Number, "changes": summary, "total": priced.Total, "creditHold": hold, "lines": len(priced.Lines),
	})
}

// amendSummary says what an amendment changes, e.g. "SKU-1 2→5; SKU-7
// added (3); SKU-9 removed; requested date 2026-12-10→2026-12-12"; "" when
// it changes nothing the dealer asked for.
func amendSummary(o *ent.Order, old []*ent.OrderLine, priced *Priced, in PlaceInput) string {
	var parts []string
	before := map[int]*ent.OrderLine{}
	for _, l := range old {
		before[l.ProductID] = l
	}
	after := map[int]bool{}
	for _, l := range priced.Lines {
		after[l.Product.ID] = true
		switch was, ok := before[l.Product.ID]; {
		case !ok:
			parts = append(parts, fmt.Sprintf("%s added (%d)", l.Product.Sku, l.Quantity))
		case was.Quantity != l.Quantity:
			parts = append(parts, fmt.Sprintf("%s %d→%d", l.Product.Sku, was.Quantity, l.Quantity))
		}
	}
	for _, l := range old {
		if !after[l.ProductID] {
			parts = append(parts, fmt.Sprintf("%s removed", l.Sku))
		}
	}
	if d := dateText(in.RequestedDeliveryDate); d != dateText(o.RequestedDeliveryDate) {
		parts = append(parts, fmt.Sprintf("requested date %s→%s", dateText(o.RequestedDeliveryDate), d))
	}
	if r := deref(in.PurchaseOrderReference); r != deref(o.PurchaseOrderReference) {
		parts = append(parts, fmt.Sprintf("purchase order %s→%s", orNone(deref(o.PurchaseOrderReference)), orNone(r)))
	}
	if in.Note != o.Note {
		parts = append(parts, "note changed")
	}
	if len(parts) == 0 {
		return ""
	}
	if priced.Total != o.Total {
		parts = append(parts, fmt.Sprintf("total %s→%s", money.Format(o.Total), money.Format(priced.Total)))
	}
	return strings.Join(parts, "; ")
}

func dateText(t *time.Time) string {
	if t == nil {
		return "none"
	}
	return t.Format(time.DateOnly)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
