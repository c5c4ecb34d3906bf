package ordering

import (
	"fmt"
	"slices"
	"testing"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/ordering/status"
)

// Viewers, and orders of dealer 10.
var (
	asAdmin       = &auth.Viewer{UserID: 1, Role: user.RoleADMIN}
	asManager     = &auth.Viewer{UserID: 2, Role: user.RoleCHANNEL_MANAGER, ManagedChannelIDs: []int{1}}
	asDealer      = &auth.Viewer{UserID: 3, Role: user.RoleDEALER, DealerID: 10}
	asOtherDealer = &auth.Viewer{UserID: 4, Role: user.RoleDEALER, DealerID: 11}
)

func TestAllowedTransitions(t *testing.T) {
	for _, tc := range []struct {
		viewer *auth.Viewer
		from   status.Status
		hold   bool
		want   string
	}{
		{asManager, status.Submitted, false, "[CONFIRMED REJECTED CANCELLED]"},
		{asAdmin, status.Submitted, false, "[CONFIRMED REJECTED CANCELLED]"},
		{asManager, status.Submitted, true, "[REJECTED CANCELLED]"},
		{asManager, status.Confirmed, false, "[IN_FULFILLMENT CANCELLED]"},
		{asManager, status.InFulfillment, false, "[]"},
		{asManager, status.Shipped, false, "[]"},
		{asManager, status.Delivered, false, "[]"},
		{asManager, status.Cancelled, false, "[]"},
		{asDealer, status.Submitted, false, "[CANCELLED]"},
		{asDealer, status.Submitted, true, "[CANCELLED]"},
		{asDealer, status.Confirmed, false, "[]"},
		{asOtherDealer, status.Submitted, false, "[]"},
		{nil, status.Submitted, false, "[]"},
	} {
		o := &ent.Order{DealerID: 10, Status: tc.from, CreditHold: tc.hold, Version: 1}
		t.Run(fmt.Sprintf("%s/%s/hold=%v", role(tc.viewer), tc.from, tc.hold), func(t *testing.T) {
			got := AllowedTransitions(tc.viewer, o)
			if fmt.Sprint(got) != tc.want {
				t.Errorf("got %v, want %s", got, tc.want)
			}
			// Each is what transitionRefusal, which transitionOrder
			// refuses with, accepts; every other status it refuses.
			for _, s := range status.Status("").Values() {
				to := status.Status(s)
				allowed := slices.Contains(got, to)
				if tc.viewer != nil && status.Requested(to) && (transitionRefusal(tc.viewer, o, to, nil) == nil) != allowed {
					t.Errorf("%s: listed %v, transitionRefusal says %v", to, allowed, transitionRefusal(tc.viewer, o, to, nil))
				}
			}
		})
	}
}

func TestTransitionRefusal_Codes(t *testing.T) {
	o := &ent.Order{DealerID: 10, Status: status.Submitted, CreditHold: true, Version: 2}
	for _, tc := range []struct {
		name    string
		viewer  *auth.Viewer
		to      status.Status
		version *int
		want    apperr.Code
	}{
		{"DealerConfirms", asDealer, status.Confirmed, nil, apperr.Forbidden},
		{"OtherDealerCancels", asOtherDealer, status.Cancelled, nil, apperr.Forbidden},
		{"StaleVersion", asManager, status.Rejected, new(1), apperr.Conflict},
		{"MachineForbids", asManager, status.InFulfillment, nil, apperr.InvalidTransition},
		{"ConfirmOnHold", asManager, status.Confirmed, nil, apperr.CreditHold},
		{"Reject", asManager, status.Rejected, new(2), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := apperr.CodeOf(transitionRefusal(tc.viewer, o, tc.to, tc.version)); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCanReleaseCreditHoldAndCanShip(t *testing.T) {
	for _, tc := range []struct {
		viewer        *auth.Viewer
		from          status.Status
		hold          bool
		release, ship bool
	}{
		{asManager, status.Submitted, true, true, false},
		{asManager, status.Submitted, false, false, false},
		{asManager, status.Confirmed, true, true, true},
		{asAdmin, status.InFulfillment, false, false, true},
		{asAdmin, status.Shipped, false, false, true},
		{asAdmin, status.PartiallyDelivered, false, false, true},
		{asAdmin, status.Delivered, true, false, false},
		{asManager, status.Cancelled, true, false, false},
		{asDealer, status.Submitted, true, false, false},
		{asDealer, status.Confirmed, false, false, false},
		{nil, status.Confirmed, true, false, false},
	} {
		o := &ent.Order{DealerID: 10, Status: tc.from, CreditHold: tc.hold}
		if got := CanReleaseCreditHold(tc.viewer, o); got != tc.release {
			t.Errorf("%s, %s, hold %v: canReleaseCreditHold %v, want %v", role(tc.viewer), tc.from, tc.hold, got, tc.release)
		}
		if got := CanShip(tc.viewer, o); got != tc.ship {
			t.Errorf("%s, %s: canShip %v, want %v", role(tc.viewer), tc.from, got, tc.ship)
		}
	}
}

func TestNextShipmentStatuses(t *testing.T) {
	for _, tc := range []struct {
		viewer *auth.Viewer
		from   status.ShipmentStatus
		want   string
	}{
		{asManager, status.ShipmentPreparing, "[IN_TRANSIT]"},
		{asManager, status.ShipmentInTransit, "[IN_TRANSIT DELIVERED EXCEPTION]"},
		{asAdmin, status.ShipmentException, "[IN_TRANSIT EXCEPTION]"},
		{asAdmin, status.ShipmentDelivered, "[]"},
		{asDealer, status.ShipmentInTransit, "[]"},
		{nil, status.ShipmentInTransit, "[]"},
	} {
		if got := NextShipmentStatuses(tc.viewer, &ent.Shipment{Status: tc.from}); fmt.Sprint(got) != tc.want {
			t.Errorf("%s from %s: %v, want %s", role(tc.viewer), tc.from, got, tc.want)
		}
	}
}

func TestRemainingToShip(t *testing.T) {
	if got := RemainingToShip(&ent.OrderLine{Quantity: 10, ShippedQuantity: 4}); got != 6 {
		t.Errorf("10 ordered, 4 shipped: %d left, want 6", got)
	}
}

func role(v *auth.Viewer) string {
	if v == nil {
		return "nobody"
	}
	return fmt.Sprintf("%s-%d", v.Role, v.DealerID)
}
