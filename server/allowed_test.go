package server_test

import (
	"fmt"
	"testing"

	"github.com/dealerline/dealerline/server"
)

// The API answers what a viewer may do with an order now, by the rules the
// mutations enforce: these tests read the answers for each viewer and each
// state an order passes through.

type orderRules struct {
	Status               string
	AllowedTransitions   []string
	CanReleaseCreditHold bool
	CanShip              bool
	Lines                []struct{ Quantity, RemainingToShip int }
	Shipments            []struct {
		Number, Status string
		NextStatuses   []string
	}
}

func rulesOf(t *testing.T, c client, id string) orderRules {
	t.Helper()
	var got struct{ Node orderRules }
	c.mustQuery(t, `query($id: ID!) { node(id: $id) { ... on Order { status allowedTransitions canReleaseCreditHold canShip
		lines { quantity remainingToShip } shipments { number status nextStatuses } } } }`, map[string]any{"id": id}, &got)
	return got.Node
}

func TestOrders_AllowedTransitions(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin, manager := signIn(t, m, "admin@demo.test"), signIn(t, m, "manager@demo.test")
		south, north, capital := signIn(t, m, "south@demo.test"), signIn(t, m, "north@demo.test"), signIn(t, m, "capital@demo.test")
		cat := loadCatalogue(t, admin)
		mv := func(id, to string) {
			t.Helper()
			manager.mustQuery(t, transition, map[string]any{"id": id, "to": to}, &struct{}{})
		}

		submitted := place(t, south, map[string]any{"lines": lines(cat.products[0], 1)}).ID
		confirmed := place(t, south, map[string]any{"lines": lines(cat.products[0], 1)}).ID
		mv(confirmed, "CONFIRMED")
		fulfilling := place(t, south, map[string]any{"lines": lines(cat.products[0], 1)}).ID
		mv(fulfilling, "CONFIRMED")
		mv(fulfilling, "IN_FULFILLMENT")
		cancelled := place(t, south, map[string]any{"lines": lines(cat.products[0], 1)}).ID
		mv(cancelled, "CANCELLED")
		subs := place(t, capital, map[string]any{"lines": lines(cat.products[0], 1)}).ID
		limit := func(amount string) {
			manager.mustQuery(t, `mutation($id: ID!, $l: Money!) { updateDealer(id: $id, input: {creditLimit: $l}) { id } }`,
				map[string]any{"id": cat.south, "l": amount}, &struct{}{})
		}
		limit("1.00")
		held := place(t, south, map[string]any{"lines": lines(cat.products[0], 1)}).ID
		limit("100000000.00")

		for _, tc := range []struct {
			name        string
			viewer      client
			order       string
			transitions string
			release     bool
			ship        bool
		}{
			{"DealerCancelsItsSubmitted", south, submitted, "[CANCELLED]", false, false},
			{"ManagerMovesSubmitted", manager, submitted, "[CONFIRMED REJECTED CANCELLED]", false, false},
			{"AdminMovesSubmitted", admin, submitted, "[CONFIRMED REJECTED CANCELLED]", false, false},
			{"DealerLeavesConfirmed", south, confirmed, "[]", false, false},
			{"ManagerFulfilsOrCancelsConfirmed", manager, confirmed, "[IN_FULFILLMENT CANCELLED]", false, true},
			{"ShipmentsMoveFulfilling", manager, fulfilling, "[]", false, true},
			{"DealerCannotShip", south, fulfilling, "[]", false, false},
			{"CancelledIsFinal", manager, cancelled, "[]", false, false},
			{"NeverConfirmedOnHold", manager, held, "[REJECTED CANCELLED]", true, false},
			{"DealerDoesNotRelease", south, held, "[CANCELLED]", false, false},
			{"SubDealerCancelsItsOwn", capital, subs, "[CANCELLED]", false, false},
			{"DistributorDoesNotCancelItsSubDealers", north, subs, "[]", false, false},
		} {
			t.Run(tc.name, func(t *testing.T) {
				got := rulesOf(t, tc.viewer, tc.order)
				if fmt.Sprint(got.AllowedTransitions) != tc.transitions || got.CanReleaseCreditHold != tc.release || got.CanShip != tc.ship {
					t.Errorf("%s order: allowedTransitions %v, canReleaseCreditHold %v, canShip %v; want %s, %v, %v",
						got.Status, got.AllowedTransitions, got.CanReleaseCreditHold, got.CanShip, tc.transitions, tc.release, tc.ship)
				}
			})
		}

		// What the fields allow, the mutations accept; what they leave
		// out, the mutations refuse.
		if r := manager.query(t, transition, map[string]any{"id": held, "to": "CONFIRMED"}); r.code() != "CREDIT_HOLD" {
			t.Errorf("confirming a held order: %q, want CREDIT_HOLD", r.code())
		}
		if r := north.query(t, transition, map[string]any{"id": subs, "to": "CANCELLED"}); r.code() != "FORBIDDEN" {
			t.Errorf("a distributor cancelling its sub-dealer's order: %q, want FORBIDDEN", r.code())
		}
		capital.mustQuery(t, transition, map[string]any{"id": subs, "to": "CANCELLED"}, &struct{}{})
		manager.mustQuery(t, `mutation($id: ID!) { releaseCreditHold(orderID: $id, note: "paid") { id } }`, map[string]any{"id": held}, &struct{}{})
		if got := rulesOf(t, manager, held); fmt.Sprint(got.AllowedTransitions) != "[CONFIRMED REJECTED CANCELLED]" || got.CanReleaseCreditHold {
			t.Errorf("released: allowedTransitions %v, canReleaseCreditHold %v", got.AllowedTransitions, got.CanReleaseCreditHold)
		}
	})
}

func TestShipments_NextStatusesAndRemainingToShip(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin, manager := signIn(t, m, "admin@demo.test"), signIn(t, m, "manager@demo.test")
		acct := newAccount(t, m, admin, "D-RULES", 30)
		o := placeConfirmed(t, acct.dealer, manager, 10, 4)
		remaining := func(c client) string {
			t.Helper()
			var out []int
			for _, l := range rulesOf(t, c, o.ID).Lines {
				out = append(out, l.RemainingToShip)
			}
			return fmt.Sprint(out)
		}
		next := func(c client) string {
			t.Helper()
			var out []string
			for _, s := range rulesOf(t, c, o.ID).Shipments {
				out = append(out, fmt.Sprint(s.NextStatuses))
			}
			return fmt.Sprint(out)
		}
		if got := remaining(manager); got != "[10 4]" {
			t.Errorf("remainingToShip before shipping: %s, want [10 4]", got)
		}

		sh := createShipment(t, manager, o.ID, o.Lines[0].ID, 10, o.Lines[1].ID, 1)
		for _, c := range []client{manager, acct.dealer} {
			if got := remaining(c); got != "[0 3]" {
				t.Errorf("remainingToShip after shipping 10 and 1: %s, want [0 3]", got)
			}
		}
		// The shipment through its life; the order takes shipments of the
		// rest all along.
		steps := []struct {
			report string // the delivery event recorded first; "" for none
			staff  string // nextStatuses for the manager and the administrator
		}{
			{"", "[[IN_TRANSIT]]"},
			{"IN_TRANSIT", "[[IN_TRANSIT DELIVERED EXCEPTION]]"},
			{"EXCEPTION", "[[IN_TRANSIT EXCEPTION]]"},
			{"IN_TRANSIT", "[[IN_TRANSIT DELIVERED EXCEPTION]]"},
			{"DELIVERED", "[[]]"},
		}
		for _, s := range steps {
			if s.report != "" {
				deliveryEvent(t, manager, sh.ID, s.report, "Shanghai")
			}
			for _, c := range []client{manager, admin} {
				if got := next(c); got != s.staff {
					t.Errorf("after %q: nextStatuses %s, want %s", s.report, got, s.staff)
				}
			}
			if got := next(acct.dealer); got != "[[]]" {
				t.Errorf("after %q: a dealer's nextStatuses %s, want none", s.report, got)
			}
			if got := rulesOf(t, manager, o.ID); !got.CanShip {
				t.Errorf("after %q: %s order canShip %v", s.report, got.Status, got.CanShip)
			}
		}

		// The rest ships; a delivered order takes no more.
		sh2 := createShipment(t, manager, o.ID, o.Lines[1].ID, 3)
		deliveryEvent(t, manager, sh2.ID, "IN_TRANSIT", "Shanghai")
		deliveryEvent(t, manager, sh2.ID, "DELIVERED", "Hangzhou")
		if got := rulesOf(t, manager, o.ID); got.Status != "DELIVERED" || got.CanShip || remaining(manager) != "[0 0]" {
			t.Errorf("delivered: %s, canShip %v, remainingToShip %s", got.Status, got.CanShip, remaining(manager))
		}
	})
}

func TestCatalogue_Price(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin, manager, south := signIn(t, m, "admin@demo.test"), signIn(t, m, "manager@demo.test"), signIn(t, m, "south@demo.test")
		cat := loadCatalogue(t, admin)
		var unpriced struct{ CreateProduct struct{ ID string } }
		admin.mustQuery(t, `mutation { createProduct(input: {sku: "NO-PRICE", name: "Unpriced", category: "Test", listPrice: "9.00", unitCost: "1.00"}) { id } }`, nil, &unpriced)

		prices := func(c client) map[string]*string {
			t.Helper()
			var got struct {
				Products struct {
					Edges []struct {
						Node struct {
							ID    string
							Price *string
						}
					}
				}
			}
			c.mustQuery(t, `{ products(first: 100, where: {active: true}) { edges { node { id price } } } }`, nil, &got)
			out := map[string]*string{}
			for _, e := range got.Products.Edges {
				out[e.Node.ID] = e.Node.Price
			}
			return out
		}
		priceOf := func(c client, id string) *string {
			t.Helper()
			var got struct{ Node struct{ Price *string } }
			c.mustQuery(t, `query($id: ID!) { node(id: $id) { ... on Product { price } } }`, map[string]any{"id": id}, &got)
			return got.Node.Price
		}

		// A dealer's price is the one placing an order copies, in a list
		// and alone.
		o := place(t, south, map[string]any{"lines": lines(cat.products[0], 1, cat.products[1], 1)})
		listed := prices(south)
		for i, l := range o.Lines {
			id := cat.products[i]
			if p := listed[id]; p == nil || *p != l.UnitPrice {
				t.Errorf("product %s: listed price %v, placeOrder copied %s", id, p, l.UnitPrice)
			}
			if p := priceOf(south, id); p == nil || *p != l.UnitPrice {
				t.Errorf("product %s: price %v, placeOrder copied %s", id, p, l.UnitPrice)
			}
		}
		if p, ok := listed[unpriced.CreateProduct.ID]; !ok || p != nil {
			t.Errorf("a product without a price: listed %v (%v), want null", p, ok)
		}
		// Staff have no price of their own.
		for name, c := range map[string]client{"admin": admin, "manager": manager} {
			for id, p := range prices(c) {
				if p != nil {
					t.Errorf("%s: product %s priced %s, want null", name, id, *p)
				}
			}
			if p := priceOf(c, cat.products[0]); p != nil {
				t.Errorf("%s: price %s, want null", name, *p)
			}
		}
	})
}

// TestCatalogue_PriceNoNPlusOne: a catalogue page's prices are loaded with
// its products, not one product at a time.
func TestCatalogue_PriceNoNPlusOne(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		south := signIn(t, m, "south@demo.test")
		count := func(n int) int64 {
			before := m.Statements()
			var got struct {
				Products struct {
					Edges []struct{ Node struct{ Price *string } }
				}
			}
			south.mustQuery(t, `query($n: Int) { products(first: $n) { edges { node { sku price } } } }`, map[string]any{"n": n}, &got)
			if len(got.Products.Edges) < n {
				t.Fatalf("first %d gave %d products", n, len(got.Products.Edges))
			}
			return m.Statements() - before
		}
		count(1) // the token's last use is written at most once a minute: not in the figures
		if small, large := count(2), count(12); small != large || large > 2 {
			t.Errorf("products(first: 2) took %d statements, products(first: 12) %d: want the same, at most 2 (products, prices)", small, large)
		}
	})
}
