package ordering

import (
	"context"
	"time"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/predicate"
	"github.com/dealerline/dealerline/ent/price"
	"github.com/dealerline/dealerline/ordering/status"
)

// What a viewer may do with an order now. The mutations refuse with these
// rules and the API answers with them (Order.allowedTransitions and its
// kin), so a client shows only what the server would accept and never
// keeps a copy of the rules.

// transitionRefusal is why v may not move o to to, nil when it may: a
// dealer user cancels its own dealer's SUBMITTED orders and nothing else;
// the machine must allow the move; an order on credit hold is not
// confirmed. expectedVersion, when given, must be o's.
func transitionRefusal(v *auth.Viewer, o *ent.Order, to status.Status, expectedVersion *int) error {
	if v.IsDealer() {
		switch {
		case to != status.Cancelled:
			return apperr.Errorf(apperr.Forbidden, "only the manufacturer confirms, rejects and fulfils orders")
		case o.DealerID != v.DealerID:
			return apperr.Errorf(apperr.Forbidden, "you can cancel only your own dealer's orders")
		case o.Status != status.Submitted:
			return apperr.Errorf(apperr.Forbidden, "order %s is %s: ask the manufacturer to cancel it", o.Number, o.Status)
		}
	}
	if err := checkVersion(o, expectedVersion); err != nil {
		return err
	}
	if !status.CanMove(o.Status, to) {
		return apperr.Errorf(apperr.InvalidTransition, "order %s is %s and cannot become %s", o.Number, o.Status, to)
	}
	if to == status.Confirmed && o.CreditHold {
		return apperr.Errorf(apperr.CreditHold, "order %s is on credit hold: release the hold before confirming it", o.Number)
	}
	return nil
}

// AllowedTransitions is every status transitionOrder would move o to for
// v now.
func AllowedTransitions(v *auth.Viewer, o *ent.Order) []status.Status {
	allowed := []status.Status{}
	if v == nil {
		return allowed
	}
	for _, s := range status.Status("").Values() {
		to := status.Status(s)
		if status.Requested(to) && transitionRefusal(v, o, to, nil) == nil {
			allowed = append(allowed, to)
		}
	}
	return allowed
}

// mayReleaseHolds refuses dealer users: the manufacturer releases credit
// holds.
func mayReleaseHolds(v *auth.Viewer) error {
	if v.IsDealer() {
		return apperr.Errorf(apperr.Forbidden, "only the manufacturer releases credit holds")
	}
	return nil
}

// holdReleasable is why o's credit hold cannot be released, nil when it
// can: it must be on hold and still open.
func holdReleasable(o *ent.Order) error {
	switch {
	case !o.CreditHold:
		return apperr.Errorf(apperr.InvalidTransition, "order %s is not on credit hold", o.Number)
	case !o.Status.Open():
		return apperr.Errorf(apperr.InvalidTransition, "order %s is %s: there is nothing to release", o.Number, o.Status)
	}
	return nil
}

// CanReleaseCreditHold reports whether releaseCreditHold would release o's
// hold for v now.
func CanReleaseCreditHold(v *auth.Viewer, o *ent.Order) bool {
	return v != nil && mayReleaseHolds(v) == nil && holdReleasable(o) == nil
}

// mayShip refuses dealer users: the manufacturer ships orders and records
// deliveries (the rules let a manager reach only its dealers' orders).
func mayShip(v *auth.Viewer) error {
	if v.IsDealer() {
		return apperr.Errorf(apperr.Forbidden, "only the manufacturer ships orders and records deliveries")
	}
	return nil
}

// shippable is why o takes no shipment, nil when it does: it must be
// confirmed and not yet delivered or closed.
func shippable(o *ent.Order) error {
	switch o.Status {
	case status.Confirmed, status.InFulfillment, status.Shipped, status.PartiallyDelivered:
		return nil
	}
	return apperr.Errorf(apperr.InvalidTransition, "order %s is %s: only confirmed orders with something left to ship are shipped", o.Number, o.Status)
}

// CanShip reports whether v may create a shipment of o now, given
// something is left to ship (RemainingToShip).
func CanShip(v *auth.Viewer, o *ent.Order) bool {
	return v != nil && mayShip(v) == nil && shippable(o) == nil
}

// RemainingToShip is how much of a line no shipment holds yet and was not
// closed short: the most a new shipment may take of it.
func RemainingToShip(l *ent.OrderLine) int {
	return max(0, l.Quantity-l.ShippedQuantity-l.ClosedQuantity)
}

// NextShipmentStatuses is every status recordDeliveryEvent would move sh to
// for v now; none for viewers who may not record deliveries.
func NextShipmentStatuses(v *auth.Viewer, sh *ent.Shipment) []status.ShipmentStatus {
	next := []status.ShipmentStatus{}
	if v == nil || mayShip(v) != nil {
		return next
	}
	for _, s := range status.ShipmentStatus("").Values() {
		if to := status.ShipmentStatus(s); status.CanMoveShipment(sh.Status, to) {
			next = append(next, to)
		}
	}
	return next
}

// Today is the business date now.
func (s *Service) Today() time.Time {
	return BusinessDate(s.now(), s.location)
}

// validPrices narrows prices to those a dealer of tier in channelID may pay
// on day, for PriceOn to choose from.
func validPrices(tier, channelID int, day time.Time) []predicate.Price {
	return []predicate.Price{
		price.Tier(tier),
		price.ValidFromLTE(day),
		price.Or(price.ValidToIsNil(), price.ValidToGT(day)),
		price.Or(price.ChannelIDIsNil(), price.ChannelID(channelID)),
	}
}

// WithPricesToday loads, with a list of products, the prices PriceToday
// chooses from, so a catalogue page takes one statement for its prices.
// Staff have no price of their own: nothing is loaded for them.
func (s *Service) WithPricesToday(ctx context.Context, q *ent.ProductQuery) *ent.ProductQuery {
	if v := auth.FromContext(ctx); v.IsDealer() {
		q.WithPrices(func(pq *ent.PriceQuery) { pq.Where(validPrices(v.DealerTier, v.DealerChannelID, s.Today())...) })
	}
	return q
}

// PriceToday is what the viewer's dealer pays for p on today's business
// date, the price placeOrder would copy (PriceOn); nil for staff and when
// no price is valid.
func (s *Service) PriceToday(ctx context.Context, p *ent.Product) (*int64, error) {
	v := auth.FromContext(ctx)
	if !v.IsDealer() {
		return nil, nil
	}
	today := s.Today()
	prices, err := p.Edges.PricesOrErr()
	if ent.IsNotLoaded(err) {
		// Not through p's client: in a mutation's payload that is the
		// request transaction, which gqlgen's concurrent field resolvers
		// must not share. Prices are not written in the same request.
		prices, err = s.client.Price.Query().Where(append(validPrices(v.DealerTier, v.DealerChannelID, today), price.ProductID(p.ID))...).All(ctx)
	}
	if err != nil {
		return nil, err
	}
	if pr := PriceOn(prices, v.DealerTier, v.DealerChannelID, today); pr != nil {
		return &pr.Amount, nil
	}
	return nil, nil
}
