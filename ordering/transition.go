package ordering

import (
	"context"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/ent/orderevent"
	"github.com/dealerline/dealerline/ordering/status"
	"github.com/dealerline/dealerline/realtime"
	"github.com/dealerline/dealerline/store/tx"
)

// Transition moves an order to a status people set (CONFIRMED, REJECTED,
// IN_FULFILLMENT, CANCELLED). Confirming, rejecting and fulfilling are the
// manufacturer's; a dealer user may cancel its own dealer's SUBMITTED
// orders. A stale expectedVersion is a CONFLICT; a move the machine forbids
// is INVALID_TRANSITION; neither changes anything.
func (s *Service) Transition(ctx context.Context, id int, to status.Status, note string, expectedVersion *int) (*ent.Order, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if !status.Requested(to) {
		return nil, apperr.Errorf(apperr.InvalidTransition, "%s follows from shipments and cannot be set by hand", to)
	}
	if note, err = apperr.Lines("note", note, false, MaxNote); err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	o, err := db.Order.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := transitionRefusal(v, o, to, expectedVersion); err != nil {
		return nil, err
	}
	from := o.Status
	if o, err = s.bump(ctx, db, o, func(u *ent.OrderUpdateOne) { u.SetStatus(to) }); err != nil {
		return nil, err
	}
	// Stock moves once the order row is locked: a second confirmation or
	// cancellation of the same order waits, then finds it moved.
	switch {
	case s.history: // the past: today's count already reflects it
	case to == status.Confirmed:
		if o, err = s.reserve(ctx, db, o); err != nil {
			return nil, err
		}
	case to == status.Cancelled && from == status.Confirmed:
		if err := s.release(ctx, db, o, false); err != nil {
			return nil, err
		}
	}
	if err := s.record(ctx, db, o, nil, &from, to, note, orderevent.KindSTATUS_CHANGED); err != nil {
		return nil, err
	}
	return o, audit.Record(ctx, db, "order.transition", "Order", o.ID, map[string]any{
		"number": o.Number, "from": from, "to": to, "note": note,
	})
}

// ReleaseCreditHold lets a held order be confirmed. Managers and
// administrators release holds, with a note saying why.
func (s *Service) ReleaseCreditHold(ctx context.Context, id int, note string) (*ent.Order, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if err := mayReleaseHolds(v); err != nil {
		return nil, err
	}
	if note, err = apperr.Lines("note", note, true, MaxNote); err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	o, err := db.Order.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := holdReleasable(o); err != nil {
		return nil, err
	}
	if o, err = s.bump(ctx, db, o, func(u *ent.OrderUpdateOne) { u.SetCreditHold(false) }); err != nil {
		return nil, err
	}
	if err := s.record(ctx, db, o, nil, &o.Status, o.Status, note, orderevent.KindCREDIT_HOLD_RELEASED); err != nil {
		return nil, err
	}
	return o, audit.Record(ctx, db, "order.release_credit_hold", "Order", o.ID, map[string]any{"number": o.Number, "note": note})
}

func checkVersion(o *ent.Order, expected *int) error {
	if expected != nil && *expected != o.Version {
		return apperr.Errorf(apperr.Conflict, "order %s changed since you read it (version %d, now %d): reload it", o.Number, *expected, o.Version)
	}
	return nil
}

// bump applies a change to the order read as o, only if nobody changed it
// since: the update matches its version, so it also takes the row lock that
// keeps two changes of one order from interleaving.
func (s *Service) bump(ctx context.Context, db *ent.Client, o *ent.Order, change func(*ent.OrderUpdateOne)) (*ent.Order, error) {
	u := db.Order.UpdateOne(o).Where(order.Version(o.Version)).AddVersion(1)
	change(u)
	updated, err := u.Save(access.Bypass(ctx))
	if ent.IsNotFound(err) {
		return nil, apperr.Errorf(apperr.Conflict, "order %s was changed at the same time: reload it", o.Number)
	}
	return updated, err
}

// record adds an entry to the order's history, now; see recordAt.
func (s *Service) record(ctx context.Context, db *ent.Client, o *ent.Order, d *ent.Dealer, from *status.Status, to status.Status, note string, kind orderevent.Kind) error {
	return s.recordAt(ctx, db, o, d, from, to, note, kind, s.now())
}

// recordAt adds an entry to the order's history at a given time, by the
// viewer, in the change's transaction, after the change has locked the
// order row (bump). Every OrderEvent is written here — placing (from nil),
// transitionOrder, the moves shipments cause (follow) and credit-hold
// releases — and a status change is also an event for subscribers
// (orderStatusChanged). d is the order's dealer, nil to load it.
func (s *Service) recordAt(ctx context.Context, db *ent.Client, o *ent.Order, d *ent.Dealer, from *status.Status, to status.Status, note string, kind orderevent.Kind, at time.Time) error {
	v := auth.FromContext(ctx)
	sys := access.Bypass(ctx)
	h, err := db.OrderEvent.Create().
		SetOrderID(o.ID).
		SetDealerID(o.DealerID).
		SetKind(kind).
		SetNillableFrom(from).
		SetTo(to).
		SetActorID(v.UserID).
		SetActorName(v.Name).
		SetAt(at).
		SetNote(note).
		Save(sys)
	if err != nil {
		return err
	}
	if d == nil {
		if d, err = db.Dealer.Get(sys, o.DealerID); err != nil {
			return err
		}
	}
	e := realtime.OrderStatusChangedEvent(o, d, h)
	if kind == orderevent.KindCREDIT_HOLD_RELEASED {
		e = realtime.CreditHoldReleasedEvent(o, d, h)
	}
	e.At = s.now() // the outbox keeps events by when they were recorded: a late report is not pruned early
	return realtime.Record(ctx, db, e)
}
