package realtime

import "github.com/dealerline/dealerline/ent"

// CreditHoldReleased: an order's credit hold was released
// (releaseCreditHold). Payload: OrderStatus, with From and To both the
// order's status. No subscription streams it: its status did not move.
const CreditHoldReleased Kind = "CREDIT_HOLD_RELEASED"

// CreditHoldReleasedEvent is the event of history entry h (of kind
// CREDIT_HOLD_RELEASED) of order o of dealer d.
func CreditHoldReleasedEvent(o *ent.Order, d *ent.Dealer, h *ent.OrderEvent) Event {
	e := OrderStatusChangedEvent(o, d, h)
	e.Kind = CreditHoldReleased
	return e
}
