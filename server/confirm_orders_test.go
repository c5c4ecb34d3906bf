package server_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/server"
)

const confirmOrders = `mutation($orders: [OrderVersionInput!]!, $note: String) { confirmOrders(orders: $orders, note: $note) {
	id order { id number status version } error { code message } } }`

type confirmResult struct {
	ID    string
	Order *struct {
		ID, Number, Status string
		Version            int
	}
	Error *struct{ Code, Message string }
}

// orderTrail is what a change to an order leaves behind: its status and
// version, its history and its audit entries.
func orderTrail(t *testing.T, admin client, id string) string {
	t.Helper()
	var got struct {
		Node struct {
			Status  string
			Version int
			History []struct{ To string }
		}
		AuditEntries struct {
			Edges []struct {
				Node struct {
					Action    string
					SubjectID string
				}
			}
		}
	}
	var sid int
	fmt.Sscan(id, &sid)
	admin.mustQuery(t, `query($id: ID!, $sid: ID!) { node(id: $id) { ... on Order { status version history { to } } }
		auditEntries(first: 100, where: {subjectType: "Order", subjectID: $sid}) { edges { node { action subjectID } } } }`, map[string]any{"id": id, "sid": sid}, &got)
	var actions []string
	for _, e := range got.AuditEntries.Edges {
		if fmt.Sprint(e.Node.SubjectID) == id {
			actions = append(actions, e.Node.Action)
		}
	}
	return fmt.Sprintf("%s v%d %+v %v", got.Node.Status, got.Node.Version, got.Node.History, actions)
}

// TestConfirmOrders_EachOnItsOwn: one stale version, one held order, one
// foreign and one missing id are refused each on its own; the two others
// are confirmed, with their history, audit entries and live events, and
// the refused ones are left as they were.
func TestConfirmOrders_EachOnItsOwn(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		manager := signIn(t, m, "manager@demo.test")
		cat := loadCatalogue(t, admin)
		acct := newAccount(t, m, admin, "D-CONFIRM", 30)
		a := place(t, acct.dealer, map[string]any{"lines": lines(cat.products[0], 1)})
		b := place(t, acct.dealer, map[string]any{"lines": lines(cat.products[1], 2)})
		stale := place(t, acct.dealer, map[string]any{"lines": lines(cat.products[2], 1)})

		// A dealer of Retail with no credit to speak of: its order is held.
		ids := demoIDs(t, admin)
		var tight struct{ CreateDealer struct{ ID string } }
		admin.mustQuery(t, `mutation($c: ID!) { createDealer(input: {code: "D-TIGHT", name: "Tight", tier: 2, joinedOn: "2025-01-01",
			channelID: $c, creditLimit: "1.00", paymentTermsDays: 30}) { id } }`, map[string]any{"c": ids.retail}, &tight)
		held := place(t, admin, map[string]any{"dealerID": tight.CreateDealer.ID, "lines": lines(cat.products[0], 1)})
		if !held.CreditHold {
			t.Fatalf("the order of a dealer with a limit of 1.00 is not held: %+v", held)
		}
		// Another channel's order, which the manager does not see.
		foreign := place(t, admin, map[string]any{"dealerID": cat.foreign, "lines": lines(cat.products[0], 1)})
		var missing int
		fmt.Sscan(a.ID, &missing)
		missing += 1 << 20

		trails := map[string]string{}
		for _, o := range []placedOrder{stale, held, foreign} {
			trails[o.ID] = orderTrail(t, admin, o.ID)
		}
		live := connect(t, m, transportWS, admin.token)
		live.subscribe("x", statusChanged, nil)
		time.Sleep(100 * time.Millisecond) // the subscription is registered

		var got struct{ ConfirmOrders []confirmResult }
		manager.mustQuery(t, confirmOrders, map[string]any{"note": "morning batch", "orders": []map[string]any{
			{"id": a.ID, "expectedVersion": a.Version},
			{"id": stale.ID, "expectedVersion": stale.Version - 1},
			{"id": held.ID, "expectedVersion": held.Version},
			{"id": b.ID, "expectedVersion": b.Version},
			{"id": foreign.ID, "expectedVersion": foreign.Version},
			{"id": missing, "expectedVersion": 1},
		}}, &got)
		var outcome []string
		for _, r := range got.ConfirmOrders {
			switch {
			case r.Order != nil && r.Error == nil:
				outcome = append(outcome, r.Order.Status)
			case r.Order == nil && r.Error != nil:
				outcome = append(outcome, r.Error.Code)
			default:
				t.Errorf("result %+v has both or neither order and error", r)
			}
		}
		if got, want := strings.Join(outcome, " "), "CONFIRMED CONFLICT CREDIT_HOLD CONFIRMED NOT_FOUND NOT_FOUND"; got != want {
			t.Fatalf("outcomes %s, want %s", got, want)
		}
		if r := got.ConfirmOrders; r[0].ID != a.ID || r[3].ID != b.ID || r[5].ID != fmt.Sprint(missing) || r[0].Order.Version != a.Version+1 {
			t.Errorf("results %+v: want the ids asked for, in order, the confirmed ones a version on", r)
		}
		if f, x := got.ConfirmOrders[4].Error.Message, got.ConfirmOrders[5].Error.Message; f != x {
			t.Errorf("a foreign order answers %q, a missing one %q: want the same", f, x)
		}

		// The confirmed are confirmed for everyone, with their history and
		// audit entries; the refused are untouched.
		for _, o := range []placedOrder{a, b} {
			if tr := orderTrail(t, admin, o.ID); !strings.HasPrefix(tr, fmt.Sprintf("CONFIRMED v%d [{To:SUBMITTED} {To:CONFIRMED}] [order.place order.transition]", o.Version+1)) {
				t.Errorf("%s after confirming: %s", o.Number, tr)
			}
		}
		for _, o := range []placedOrder{stale, held, foreign} {
			if tr := orderTrail(t, admin, o.ID); tr != trails[o.ID] {
				t.Errorf("%s was refused but changed: %s, was %s", o.Number, tr, trails[o.ID])
			}
		}
		// Live events went out for the two confirmed, and only for them.
		// The placements above committed before the subscription but may
		// be published after it (the relay numbers them as it gets to
		// them): they come first, in delivery order, and are skipped.
		var names []string
		var events []statusEvent
		for len(events) < 2 {
			n, e := live.expectEvents("x", 1)
			if e[0].OrderStatusChanged.From == nil {
				continue
			}
			names, events = append(names, n...), append(events, e...)
		}
		if want := []string{a.Number + " SUBMITTED→CONFIRMED", b.Number + " SUBMITTED→CONFIRMED"}; strings.Join(names, ", ") != strings.Join(want, ", ") {
			t.Errorf("events %q, want %q", names, want)
		}
		if e := events[0].OrderStatusChanged; deref(e.Note) != "morning batch" || e.ActorName != "Liu Yang" {
			t.Errorf("event %+v: want the note and the manager", e)
		}
		if _, err := live.tryRead(300 * time.Millisecond); err == nil {
			t.Error("an event went out for a refused order")
		}

		// Asking for an order twice, or for more than 100, refuses them
		// all with nothing written.
		c := place(t, acct.dealer, map[string]any{"lines": lines(cat.products[0], 1)})
		before := orderTrail(t, admin, c.ID)
		r := manager.query(t, confirmOrders, map[string]any{"orders": []map[string]any{
			{"id": c.ID, "expectedVersion": c.Version}, {"id": c.ID, "expectedVersion": c.Version}}})
		refusedInput(t, r, "orders")
		many := []map[string]any{{"id": c.ID, "expectedVersion": c.Version}}
		for i := range 100 {
			many = append(many, map[string]any{"id": missing + 1 + i, "expectedVersion": 1})
		}
		refusedInput(t, manager.query(t, confirmOrders, map[string]any{"orders": many}), "orders")
		if after := orderTrail(t, admin, c.ID); after != before {
			t.Errorf("a refused batch changed %s: %s, was %s", c.Number, after, before)
		}
		// A dealer user confirms nothing, each refused as transitionOrder would.
		var own struct{ ConfirmOrders []confirmResult }
		acct.dealer.mustQuery(t, confirmOrders, map[string]any{"orders": []map[string]any{{"id": c.ID, "expectedVersion": c.Version}}}, &own)
		if r := own.ConfirmOrders; len(r) != 1 || r[0].Error == nil || r[0].Error.Code != "FORBIDDEN" {
			t.Errorf("a dealer user confirming its order: %+v, want FORBIDDEN", r)
		}
	})
}

// TestPlaceOrder_PurchaseOrderReference: the dealer's own reference is
// kept trimmed on the order, is part of what an idempotency key stands
// for, and a bad one is refused with nothing written.
func TestPlaceOrder_PurchaseOrderReference(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		cat := loadCatalogue(t, admin)
		acct := newAccount(t, m, admin, "D-PO", 30)
		q := `mutation($in: PlaceOrderInput!) { placeOrder(input: $in) { id number purchaseOrderReference } }`
		var got struct {
			PlaceOrder struct {
				ID, Number             string
				PurchaseOrderReference *string
			}
		}
		in := map[string]any{"lines": lines(cat.products[0], 1), "purchaseOrderReference": "  PO-2026/0042 ", "idempotencyKey": "po-1"}
		acct.dealer.mustQuery(t, q, map[string]any{"in": in}, &got)
		if got.PlaceOrder.PurchaseOrderReference == nil || *got.PlaceOrder.PurchaseOrderReference != "PO-2026/0042" {
			t.Fatalf("reference %v, want PO-2026/0042", got.PlaceOrder.PurchaseOrderReference)
		}
		var seen struct {
			Node struct{ PurchaseOrderReference *string }
		}
		admin.mustQuery(t, `query($id: ID!) { node(id: $id) { ... on Order { purchaseOrderReference } } }`, map[string]any{"id": got.PlaceOrder.ID}, &seen)
		if seen.Node.PurchaseOrderReference == nil || *seen.Node.PurchaseOrderReference != "PO-2026/0042" {
			t.Errorf("the manufacturer sees reference %v", seen.Node.PurchaseOrderReference)
		}
		// A retry is the same order; the same key with another reference is
		// another order, a CONFLICT.
		first := got.PlaceOrder.ID
		acct.dealer.mustQuery(t, q, map[string]any{"in": in}, &got)
		if got.PlaceOrder.ID != first {
			t.Errorf("a retry placed %s, want the first order %s", got.PlaceOrder.ID, first)
		}
		in["purchaseOrderReference"] = "PO-2026/0043"
		if r := acct.dealer.query(t, q, map[string]any{"in": in}); r.code() != "CONFLICT" {
			t.Errorf("the same key with another reference: %+v, want CONFLICT", r.Errors)
		}
		// Without a reference, blank and none are the same order.
		var plain struct {
			PlaceOrder struct {
				ID                     string
				PurchaseOrderReference *string
			}
		}
		acct.dealer.mustQuery(t, q, map[string]any{"in": map[string]any{"lines": lines(cat.products[0], 1), "idempotencyKey": "po-2"}}, &plain)
		var blank struct{ PlaceOrder struct{ ID string } }
		acct.dealer.mustQuery(t, q, map[string]any{"in": map[string]any{"lines": lines(cat.products[0], 1), "idempotencyKey": "po-2", "purchaseOrderReference": " "}}, &blank)
		if plain.PlaceOrder.PurchaseOrderReference != nil || blank.PlaceOrder.ID != plain.PlaceOrder.ID {
			t.Errorf("no reference gave %v; a blank one order %s, want %s", plain.PlaceOrder.PurchaseOrderReference, blank.PlaceOrder.ID, plain.PlaceOrder.ID)
		}

		count := func() int {
			var n struct{ Orders struct{ TotalCount int } }
			admin.mustQuery(t, `query($d: ID!) { orders(dealerID: $d) { totalCount } }`, map[string]any{"d": acct.dealerID}, &n)
			return n.Orders.TotalCount
		}
		before := count()
		for _, bad := range []string{strings.Repeat("P", 65), "PO\n42", "PO\u202e42"} {
			refusedInput(t, acct.dealer.query(t, q, map[string]any{"in": map[string]any{"lines": lines(cat.products[0], 1), "purchaseOrderReference": bad}}), "purchaseOrderReference")
			refusedInput(t, acct.dealer.query(t, `query($in: PlaceOrderInput!) { quoteOrder(input: $in) { total } }`,
				map[string]any{"in": map[string]any{"lines": lines(cat.products[0], 1), "purchaseOrderReference": bad}}), "purchaseOrderReference")
		}
		if n := count(); n != before {
			t.Errorf("refused references left %d orders, were %d", n, before)
		}
		acct.dealer.mustQuery(t, q, map[string]any{"in": map[string]any{"lines": lines(cat.products[0], 1), "purchaseOrderReference": strings.Repeat("号", 64)}}, &got)
	})
}
