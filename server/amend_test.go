package server_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/server"
)

const amendOrder = `mutation($id: ID!, $v: Int!, $in: AmendOrderInput!) { amendOrder(id: $id, expectedVersion: $v, input: $in) {
	id status version total creditHold canAmend requestedDeliveryDate purchaseOrderReference
	lines { sku quantity unitPrice amount product { id } }
	history { kind from to actorName note } } }`

type amendedOrder struct {
	ID, Status, Total                             string
	Version                                       int
	CreditHold, CanAmend                          bool
	RequestedDeliveryDate, PurchaseOrderReference *string
	Lines                                         []struct {
		Sku, UnitPrice, Amount string
		Quantity               int
		Product                struct{ ID string }
	}
	History []struct {
		Kind, To, ActorName, Note string
		From                      *string
	}
}

// amendState is what a refused amendment must leave as it was: the order,
// its lines and history, and the audit trail.
func amendState(t *testing.T, c client, admin client, id string) string {
	t.Helper()
	var got struct {
		Node         any
		AuditEntries struct{ TotalCount int }
	}
	c.mustQuery(t, `query($id: ID!) { node(id: $id) { ... on Order { version total creditHold requestedDeliveryDate note
		lines { sku quantity amount } history { kind note } } } }`, map[string]any{"id": id}, &got)
	admin.mustQuery(t, `{ auditEntries { totalCount } }`, nil, &got)
	b, _ := json.Marshal(got)
	return string(b)
}

func TestOrders_DealerAmendsASubmittedOrder(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		south := signIn(t, m, "south@demo.test")
		manager := signIn(t, m, "manager@demo.test")
		cat := loadCatalogue(t, admin)
		p0, p1, p2 := cat.products[0], cat.products[1], cat.products[2]
		o := place(t, south, map[string]any{"lines": lines(p0, 2, p1, 1), "requestedDeliveryDate": "2099-12-10"})

		// The manager watches the order while the dealer amends it.
		mws := connect(t, m, transportWS, manager.token)
		mws.subscribe("1", `subscription($order: ID) { orderStatusChanged(orderID: $order) { kind from to note order { id version total lines { quantity } } } }`,
			map[string]any{"order": o.ID})
		time.Sleep(100 * time.Millisecond) // the subscription is registered

		var got struct{ AmendOrder amendedOrder }
		south.mustQuery(t, amendOrder, map[string]any{"id": o.ID, "v": o.Version, "in": map[string]any{
			"lines": lines(p0, 5, p2, 3), "requestedDeliveryDate": "2099-12-12", "purchaseOrderReference": "PO-77",
		}}, &got)
		a := got.AmendOrder
		if a.Status != "SUBMITTED" || a.Version != o.Version+1 || !a.CanAmend || len(a.Lines) != 2 ||
			a.Lines[0].Product.ID != p0 || a.Lines[0].Quantity != 5 || a.Lines[1].Product.ID != p2 || a.Lines[1].Quantity != 3 ||
			deref(a.RequestedDeliveryDate) != "2099-12-12" || deref(a.PurchaseOrderReference) != "PO-77" {
			t.Fatalf("amended order %+v", a)
		}
		// Priced again exactly as a new order of the same lines would be.
		var q struct{ QuoteOrder struct{ Total string } }
		south.mustQuery(t, `query($in: PlaceOrderInput!) { quoteOrder(input: $in) { total } }`,
			map[string]any{"in": map[string]any{"lines": lines(p0, 5, p2, 3)}}, &q)
		if a.Total != q.QuoteOrder.Total || a.Total == o.Total {
			t.Errorf("total %s, a quote of the same lines %s, before %s", a.Total, q.QuoteOrder.Total, o.Total)
		}
		h := a.History[len(a.History)-1]
		sku := func(id string) string {
			for _, l := range o.Lines {
				if l.Product.ID == id {
					return l.Sku
				}
			}
			return a.Lines[1].Sku
		}
		for _, want := range []string{sku(p0) + " 2→5", sku(p2) + " added (3)", sku(p1) + " removed", "requested date 2099-12-10→2099-12-12", "purchase order none→PO-77"} {
			if !strings.Contains(h.Note, want) {
				t.Errorf("history note %q lacks %q", h.Note, want)
			}
		}
		if h.Kind != "AMENDED" || deref(h.From) != "SUBMITTED" || h.To != "SUBMITTED" || h.ActorName != o.History[0].ActorName {
			t.Errorf("history entry %+v", h)
		}

		var e struct {
			OrderStatusChanged struct {
				Kind, From, To, Note string
				Order                struct {
					Version int
					Total   string
				}
			}
		}
		// The placement committed before the subscription but may be
		// published after it (the relay numbers events as it gets to them):
		// it comes first then, and is skipped.
		for mws.next("1", 5*time.Second, &e); e.OrderStatusChanged.Kind == "STATUS_CHANGED" && e.OrderStatusChanged.To == "SUBMITTED"; {
			mws.next("1", 5*time.Second, &e)
		}
		if s := e.OrderStatusChanged; s.Kind != "AMENDED" || s.From != "SUBMITTED" || s.To != "SUBMITTED" || s.Note != h.Note || s.Order.Total != a.Total || s.Order.Version != a.Version {
			t.Errorf("the manager received %+v", s)
		}

		// The manager cannot amend; the dealer amends no more once confirmed.
		var mine struct{ Node struct{ CanAmend bool } }
		manager.mustQuery(t, `query($id: ID!) { node(id: $id) { ... on Order { canAmend } } }`, map[string]any{"id": o.ID}, &mine)
		if mine.Node.CanAmend {
			t.Error("the manager may amend a dealer's order")
		}
		if r := manager.query(t, amendOrder, map[string]any{"id": o.ID, "v": a.Version, "in": map[string]any{"lines": lines(p0, 1)}}); r.code() != "FORBIDDEN" {
			t.Errorf("the manager amending: %+v", r.Errors)
		}
		move(t, admin, o.ID, "CONFIRMED")
		before := amendState(t, south, admin, o.ID)
		if r := south.query(t, amendOrder, map[string]any{"id": o.ID, "v": a.Version + 1, "in": map[string]any{"lines": lines(p0, 1)}}); r.code() != "INVALID_TRANSITION" {
			t.Errorf("amending a confirmed order: %+v", r.Errors)
		}
		if after := amendState(t, south, admin, o.ID); after != before {
			t.Errorf("a refused amendment changed the order:\n%s\n%s", before, after)
		}
	})
}

func TestOrders_BadAmendmentsChangeNothing(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		south := signIn(t, m, "south@demo.test")
		north := signIn(t, m, "north@demo.test")
		cat := loadCatalogue(t, admin)
		p0, p1 := cat.products[0], cat.products[1]
		o := place(t, south, map[string]any{"lines": lines(p0, 2)})
		foreign := place(t, admin, map[string]any{"dealerID": cat.foreign, "lines": lines(p0, 1)})
		sub := place(t, admin, map[string]any{"dealerID": cat.sub, "lines": lines(p0, 1)})
		before := amendState(t, south, admin, o.ID)

		for _, c := range []struct {
			name      string
			who       client
			id        string
			version   int
			in        map[string]any
			code, fld string
		}{
			{"stale version", south, o.ID, o.Version - 1, map[string]any{"lines": lines(p0, 3)}, "CONFLICT", ""},
			{"another dealer's order", south, foreign.ID, foreign.Version, map[string]any{"lines": lines(p0, 3)}, "NOT_FOUND", ""},
			{"no such order", south, "999999999", 1, map[string]any{"lines": lines(p0, 3)}, "NOT_FOUND", ""},
			{"a distributor amending its sub-dealer's", north, sub.ID, sub.Version, map[string]any{"lines": lines(p0, 3)}, "FORBIDDEN", ""},
			{"no lines", south, o.ID, o.Version, map[string]any{"lines": lines()}, "INVALID_INPUT", "lines"},
			{"a zero quantity", south, o.ID, o.Version, map[string]any{"lines": lines(p0, 0)}, "INVALID_INPUT", "lines[0].quantity"},
			{"a product twice", south, o.ID, o.Version, map[string]any{"lines": lines(p0, 1, p0, 2)}, "INVALID_INPUT", "lines[1].productID"},
			{"a retired product", south, o.ID, o.Version, map[string]any{"lines": lines(p1, 1, cat.inactive, 2)}, "INVALID_INPUT", "lines[1].productID"},
			{"a date in the past", south, o.ID, o.Version, map[string]any{"lines": lines(p0, 3), "requestedDeliveryDate": "2001-01-01"}, "INVALID_INPUT", "requestedDeliveryDate"},
			{"nothing changed", south, o.ID, o.Version, map[string]any{"lines": lines(p0, 2)}, "INVALID_INPUT", "lines"},
		} {
			r := c.who.query(t, amendOrder, map[string]any{"id": c.id, "v": c.version, "in": c.in})
			if r.code() != c.code {
				t.Errorf("%s: %+v, want %s", c.name, r.Errors, c.code)
				continue
			}
			if f, _ := r.Errors[0].Extensions["field"].(string); f != c.fld {
				t.Errorf("%s: field %q, want %q", c.name, f, c.fld)
			}
		}
		if after := amendState(t, south, admin, o.ID); after != before {
			t.Errorf("refused amendments changed the order:\n%s\n%s", before, after)
		}
	})
}

func TestOrders_AmendmentReevaluatesTheCreditHold(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		south := signIn(t, m, "south@demo.test")
		cat := loadCatalogue(t, admin)
		p0 := cat.products[0]
		manager := signIn(t, m, "manager@demo.test")
		o := place(t, south, map[string]any{"lines": lines(p0, 1)})
		// The limit is what the dealer owes with this order: one more unit
		// takes it over.
		var q struct{ QuoteOrder struct{ Exposure string } }
		south.mustQuery(t, `query($in: PlaceOrderInput!) { quoteOrder(input: $in) { exposure } }`,
			map[string]any{"in": map[string]any{"lines": lines(p0, 1)}}, &q)
		var upd struct{ UpdateDealer struct{ ID string } }
		manager.mustQuery(t, `mutation($id: ID!, $l: Money!) { updateDealer(id: $id, input: {creditLimit: $l}) { id } }`,
			map[string]any{"id": cat.south, "l": q.QuoteOrder.Exposure}, &upd)
		var got struct{ AmendOrder amendedOrder }
		south.mustQuery(t, amendOrder, map[string]any{"id": o.ID, "v": o.Version, "in": map[string]any{"lines": lines(p0, 2)}}, &got)
		if !got.AmendOrder.CreditHold || !strings.Contains(got.AmendOrder.History[len(got.AmendOrder.History)-1].Note, "now on credit hold") {
			t.Fatalf("an amendment over the limit: %+v", got.AmendOrder)
		}
		v := got.AmendOrder.Version
		south.mustQuery(t, amendOrder, map[string]any{"id": o.ID, "v": v, "in": map[string]any{"lines": lines(p0, 1)}}, &got)
		if got.AmendOrder.CreditHold || !strings.Contains(got.AmendOrder.History[len(got.AmendOrder.History)-1].Note, "no longer on credit hold") {
			t.Fatalf("an amendment back under the limit: %+v", got.AmendOrder)
		}
	})
}

func TestOrders_ReadOrderListAndOrderAgain(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		south := signIn(t, m, "south@demo.test")
		cat := loadCatalogue(t, admin)
		var skus struct {
			Products struct {
				Edges []struct{ Node struct{ ID, Sku string } }
			}
		}
		admin.mustQuery(t, `{ products(first: 100) { edges { node { id sku } } } }`, nil, &skus)
		sku := map[string]string{}
		for _, e := range skus.Products.Edges {
			sku[e.Node.ID] = e.Node.Sku
		}
		p0, p1 := cat.products[0], cat.products[1]
		text := "\uFEFFSKU\tQuantity\r\n" + sku[p0] + "\t4\r\n\r\nNO-SUCH-SKU\t1\r\n" + sku[cat.inactive] + "\t2\r\n" +
			sku[p1] + "\tlots\r\n" + strings.ToLower(sku[p1]) + ",3\r\n" + sku[p0] + "\t1\r\n"
		const read = `query($text: String!) { readOrderList(text: $text) {
			lines { line quantity product { id } } problems { line text reason } quote { total lines { product { id } amount } } } }`
		var got struct {
			ReadOrderList struct {
				Lines []struct {
					Line, Quantity int
					Product        struct{ ID string }
				}
				Problems []struct {
					Line         int
					Text, Reason string
				}
				Quote struct{ Total string }
			}
		}
		south.mustQuery(t, read, map[string]any{"text": text}, &got)
		r := got.ReadOrderList
		if len(r.Lines) != 2 || r.Lines[0].Line != 2 || r.Lines[0].Product.ID != p0 || r.Lines[0].Quantity != 4 ||
			r.Lines[1].Line != 7 || r.Lines[1].Product.ID != p1 || r.Lines[1].Quantity != 3 {
			t.Errorf("lines read: %+v", r.Lines)
		}
		var problems []string
		for _, p := range r.Problems {
			problems = append(problems, fmt.Sprintf("%d %s", p.Line, p.Reason))
		}
		if want := "4 UNKNOWN_SKU, 5 INACTIVE_PRODUCT, 6 BAD_QUANTITY, 8 DUPLICATE_SKU"; strings.Join(problems, ", ") != want {
			t.Errorf("problems %q, want %q", problems, want)
		}
		var q struct{ QuoteOrder struct{ Total string } }
		south.mustQuery(t, `query($in: PlaceOrderInput!) { quoteOrder(input: $in) { total } }`,
			map[string]any{"in": map[string]any{"lines": lines(p0, 4, p1, 3)}}, &q)
		if r.Quote.Total != q.QuoteOrder.Total {
			t.Errorf("the list is priced %s, a quote of its lines %s", r.Quote.Total, q.QuoteOrder.Total)
		}
		if r := south.query(t, read, map[string]any{"text": strings.Repeat("A,1\n", 1001)}); r.code() != "INVALID_INPUT" || r.Errors[0].Extensions["field"] != "text" {
			t.Errorf("1,001 lines: %+v", r.Errors)
		}

		// Ordering again: the order's lines as a new cart.
		o := place(t, south, map[string]any{"lines": lines(p0, 2, p1, 5)})
		var again struct {
			Node struct {
				Reorder struct {
					Lines []struct {
						Quantity int
						Product  struct{ ID string }
					}
					Problems []struct{ Reason string }
				}
			}
		}
		south.mustQuery(t, `query($id: ID!) { node(id: $id) { ... on Order { reorder { lines { quantity product { id } } problems { reason } } } } }`,
			map[string]any{"id": o.ID}, &again)
		if l := again.Node.Reorder.Lines; len(l) != 2 || l[0].Product.ID != p0 || l[0].Quantity != 2 || l[1].Quantity != 5 || len(again.Node.Reorder.Problems) != 0 {
			t.Errorf("reorder %+v", again.Node.Reorder)
		}
	})
}
