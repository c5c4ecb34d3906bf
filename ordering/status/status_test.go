package status_test

import (
	"testing"

	"github.com/dealerline/dealerline/ordering/status"
)

// The order machine of DESIGN §4: SUBMITTED → CONFIRMED → IN_FULFILLMENT →
// SHIPPED → DELIVERED, SUBMITTED → REJECTED, SUBMITTED|CONFIRMED →
// CANCELLED, SHIPPED → PARTIALLY_DELIVERED → DELIVERED. Every other pair of
// statuses, a status to itself included, is refused.
var orderMoves = map[[2]status.Status]bool{
	{status.Submitted, status.Confirmed}:          true,
	{status.Submitted, status.Rejected}:           true,
	{status.Submitted, status.Cancelled}:          true,
	{status.Confirmed, status.InFulfillment}:      true,
	{status.Confirmed, status.Cancelled}:          true,
	{status.InFulfillment, status.Shipped}:        true,
	{status.Shipped, status.PartiallyDelivered}:   true,
	{status.Shipped, status.Delivered}:            true,
	{status.PartiallyDelivered, status.Delivered}: true,
}

func TestCanMove_FollowsTheOrderMachine(t *testing.T) {
	all := status.Status("").Values()
	if len(all) != 8 {
		t.Fatalf("%d order statuses, want the 8 of DESIGN §4: add the new one's moves to this table", len(all))
	}
	for _, from := range all {
		for _, to := range all {
			from, to := status.Status(from), status.Status(to)
			want := orderMoves[[2]status.Status{from, to}]
			name := string(from) + "→" + string(to) + map[bool]string{true: "/Allowed", false: "/Refused"}[want]
			t.Run(name, func(t *testing.T) {
				if got := status.CanMove(from, to); got != want {
					t.Errorf("CanMove(%s, %s) = %v, want %v", from, to, got, want)
				}
			})
		}
	}
}

// People request CONFIRMED, REJECTED, IN_FULFILLMENT and CANCELLED; the
// rest follow from shipments.
func TestRequested_OnlyTheStatusesPeopleSet(t *testing.T) {
	requested := map[status.Status]bool{status.Confirmed: true, status.Rejected: true, status.InFulfillment: true, status.Cancelled: true}
	for _, s := range status.Status("").Values() {
		s := status.Status(s)
		if got, want := status.Requested(s), requested[s]; got != want {
			t.Errorf("Requested(%s) = %v, want %v", s, got, want)
		}
	}
}

// An order counts towards credit exposure until it is rejected, cancelled
// or delivered.
func TestOpen_UntilRejectedCancelledOrDelivered(t *testing.T) {
	closed := map[status.Status]bool{status.Rejected: true, status.Cancelled: true, status.Delivered: true}
	for _, s := range status.Status("").Values() {
		s := status.Status(s)
		if got, want := s.Open(), !closed[s]; got != want {
			t.Errorf("%s.Open() = %v, want %v", s, got, want)
		}
	}
}

// The shipment machine: PREPARING → IN_TRANSIT → DELIVERED, with
// IN_TRANSIT ⇄ EXCEPTION; in transit or held up, a shipment may report the
// same status again (a new scan, another failed attempt). DELIVERED is the
// end.
var shipmentMoves = map[[2]status.ShipmentStatus]bool{
	{status.ShipmentPreparing, status.ShipmentInTransit}: true,
	{status.ShipmentInTransit, status.ShipmentInTransit}: true,
	{status.ShipmentInTransit, status.ShipmentDelivered}: true,
	{status.ShipmentInTransit, status.ShipmentException}: true,
	{status.ShipmentException, status.ShipmentException}: true,
	{status.ShipmentException, status.ShipmentInTransit}: true,
}

func TestCanMoveShipment_FollowsTheShipmentMachine(t *testing.T) {
	all := status.ShipmentStatus("").Values()
	if len(all) != 4 {
		t.Fatalf("%d shipment statuses, want 4: add the new one's moves to this table", len(all))
	}
	for _, from := range all {
		for _, to := range all {
			from, to := status.ShipmentStatus(from), status.ShipmentStatus(to)
			want := shipmentMoves[[2]status.ShipmentStatus{from, to}]
			name := string(from) + "→" + string(to) + map[bool]string{true: "/Allowed", false: "/Refused"}[want]
			t.Run(name, func(t *testing.T) {
				if got := status.CanMoveShipment(from, to); got != want {
					t.Errorf("CanMoveShipment(%s, %s) = %v, want %v", from, to, got, want)
				}
			})
		}
	}
}

func TestUnmarshalGQL_RefusesAnUnknownStatus(t *testing.T) {
	var s status.Status
	if err := s.UnmarshalGQL("SHIPPED"); err != nil || s != status.Shipped {
		t.Errorf("SHIPPED: %v, %q", err, s)
	}
	if err := s.UnmarshalGQL("LOST"); err == nil {
		t.Error("LOST: no error")
	}
	var sh status.ShipmentStatus
	if err := sh.UnmarshalGQL("EXCEPTION"); err != nil || sh != status.ShipmentException {
		t.Errorf("EXCEPTION: %v, %q", err, sh)
	}
	if err := sh.UnmarshalGQL(7); err == nil {
		t.Error("7: no error")
	}
}
