package server_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/dealerline/dealerline/server"
)

// catalogue finds, as an admin, what the ordering tests work with.
type catalogue struct {
	south, north, sub, suspended, foreign string   // dealers
	products                              []string // active products with a tier-2 price
	inactive                              string
	tier2Price                            map[string]string // product → tier-2 price for no channel
}

func loadCatalogue(t *testing.T, admin client) catalogue {
	t.Helper()
	var got struct {
		Dealers struct {
			Edges []struct {
				Node struct {
					ID, Code, Status string
					Parent           *struct{ Code string }
					Channel          struct{ Code string }
				}
			}
		}
		Products struct {
			Edges []struct {
				Node struct {
					ID     string
					Active bool
					Prices []struct {
						Tier      int
						Amount    string
						ChannelID *string
						ValidTo   *string
					}
				}
			}
		}
	}
	admin.mustQuery(t, `{ dealers(first: 100) { edges { node { id code status parent { code } channel { code } } } } }`, nil, &got)
	admin.mustQuery(t, `{ products(first: 100, orderBy: {field: SKU}) { edges { node { id active prices { tier amount channelID validTo } } } } }`, nil, &got)
	c := catalogue{tier2Price: map[string]string{}}
	for _, e := range got.Dealers.Edges {
		d := e.Node
		switch {
		case d.Code == "D-SOUTH":
			c.south = d.ID
		case d.Code == "D-NORTH":
			c.north = d.ID
		case d.Parent != nil && d.Parent.Code == "D-NORTH" && d.Status == "ACTIVE":
			c.sub = d.ID
		case d.Status == "SUSPENDED" && d.Channel.Code == "RETAIL":
			c.suspended = d.ID
		case d.Channel.Code == "ECOM":
			c.foreign = d.ID
		}
	}
	for _, e := range got.Products.Edges {
		p := e.Node
		if !p.Active {
			c.inactive = p.ID
			continue
		}
		for _, pr := range p.Prices {
			if pr.Tier == 2 && pr.ChannelID == nil && pr.ValidTo == nil {
				c.tier2Price[p.ID] = pr.Amount
				c.products = append(c.products, p.ID)
			}
		}
	}
	if c.south == "" || c.sub == "" || c.suspended == "" || c.foreign == "" || c.inactive == "" || len(c.products) < 3 {
		t.Fatalf("demo data lacks what the tests need: %+v", c)
	}
	return c
}

const placeOrder = `mutation($in: PlaceOrderInput!) { placeOrder(input: $in) {
	id number status creditHold version total dealer { code }
	lines { quantity unitPrice amount sku product { id } }
	history { from to actorName note } } }`

type placedOrder struct {
	ID, Number, Status, Total string
	CreditHold                bool
	Version                   int
	Dealer                    struct{ Code string }
	Lines                     []struct {
		Quantity               int
		UnitPrice, Amount, Sku string
		Product                *struct{ ID string }
	}
	History []struct {
		From      *string
		To        string
		ActorName string
		Note      string
	}
}

func place(t *testing.T, c client, in map[string]any) placedOrder {
	t.Helper()
	var got struct{ PlaceOrder placedOrder }
	c.mustQuery(t, placeOrder, map[string]any{"in": in}, &got)
	return got.PlaceOrder
}

func lines(pairs ...any) []map[string]any {
	out := []map[string]any{}
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, map[string]any{"productID": pairs[i], "quantity": pairs[i+1]})
	}
	return out
}

// orderCounts is what a refused order must leave as it was.
func orderCounts(t *testing.T, admin client) string {
	t.Helper()
	var got struct {
		Orders       struct{ TotalCount int }
		AuditEntries struct{ TotalCount int }
	}
	admin.mustQuery(t, `{ orders { totalCount } auditEntries { totalCount } }`, nil, &got)
	return fmt.Sprintf("%+v", got)
}

func TestOrders_PlaceCopiesPricesAndStartsHistory(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin, south := signIn(t, m, "admin@demo.test"), signIn(t, m, "south@demo.test")
		cat := loadCatalogue(t, admin)
		p0, p1 := cat.products[0], cat.products[1]

		o := place(t, south, map[string]any{"lines": lines(p0, 3, p1, 1), "note": " please deliver before noon "})
		if o.Status != "SUBMITTED" || o.Dealer.Code != "D-SOUTH" || o.Version != 1 || o.CreditHold || len(o.Number) != 9 {
			t.Errorf("placed %+v", o)
		}
		if len(o.Lines) != 2 || o.Lines[0].UnitPrice != cat.tier2Price[p0] || o.Lines[1].UnitPrice != cat.tier2Price[p1] || o.Lines[0].Product.ID != p0 {
			t.Errorf("lines %+v, want tier-2 prices %s and %s", o.Lines, cat.tier2Price[p0], cat.tier2Price[p1])
		}
		want := mulMoney(t, cat.tier2Price[p0], 3) + mulMoney(t, cat.tier2Price[p1], 1)
		if got := mulMoney(t, o.Total, 1); got != want {
			t.Errorf("total %s, want %d minor units", o.Total, want)
		}
		if len(o.History) != 1 || o.History[0].From != nil || o.History[0].To != "SUBMITTED" || o.History[0].ActorName == "" {
			t.Errorf("history %+v", o.History)
		}

		// Both sides read one history, byte for byte.
		manager := signIn(t, m, "manager@demo.test")
		q := `query($id: ID!) { node(id: $id) { ... on Order { number status history { from to actorName note at } } } }`
		if a, b := south.query(t, q, map[string]any{"id": o.ID}), manager.query(t, q, map[string]any{"id": o.ID}); string(a.Data) != string(b.Data) || len(a.Errors)+len(b.Errors) > 0 {
			t.Errorf("dealer sees %s, manager %s", a.Data, b.Data)
		}
	})
}

// mulMoney parses a Money string into minor units and multiplies it.
func mulMoney(t *testing.T, s string, n int64) int64 {
	t.Helper()
	var whole, frac int64
	if _, err := fmt.Sscanf(s, "%d.%02d", &whole, &frac); err != nil {
		t.Fatalf("money %q: %v", s, err)
	}
	return (whole*100 + frac) * n
}

func TestOrders_IdempotencyKey(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin, south := signIn(t, m, "admin@demo.test"), signIn(t, m, "south@demo.test")
		cat := loadCatalogue(t, admin)
		in := map[string]any{"lines": lines(cat.products[0], 2), "idempotencyKey": "app-7f3a"}

		first := place(t, south, in)
		before := orderCounts(t, admin)
		again := place(t, south, in)
		if again.ID != first.ID || orderCounts(t, admin) != before {
			t.Errorf("retry made another order: %s then %s", first.ID, again.ID)
		}
		// The key belongs to the dealer: the manager retrying for it gets the same order.
		manager := signIn(t, m, "manager@demo.test")
		same := place(t, manager, map[string]any{"dealerID": cat.south, "lines": lines(cat.products[0], 2), "idempotencyKey": "app-7f3a"})
		if same.ID != first.ID {
			t.Errorf("manager's retry for the dealer made %s, want %s", same.ID, first.ID)
		}
		r := south.query(t, placeOrder, map[string]any{"in": map[string]any{"lines": lines(cat.products[0], 3), "idempotencyKey": "app-7f3a"}})
		if r.code() != "CONFLICT" || orderCounts(t, admin) != before {
			t.Errorf("same key, other input: %q, want CONFLICT and nothing new", r.code())
		}
		// Keys are unique per dealer, not across dealers.
		north := signIn(t, m, "north@demo.test")
		if o := place(t, north, in); o.ID == first.ID || o.Dealer.Code != "D-NORTH" {
			t.Errorf("another dealer's key returned %+v", o)
		}
	})
}

func TestOrders_RefusedInputChangesNothing(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		cat := loadCatalogue(t, admin)
		p0, p1 := cat.products[0], cat.products[1]
		for _, tc := range []struct {
			name, who string
			in        map[string]any
			code      string
			field     string
		}{
			{"NoLines", "south", map[string]any{"lines": lines()}, "INVALID_INPUT", "lines"},
			{"ZeroQuantity", "south", map[string]any{"lines": lines(p0, 1, p1, 0)}, "INVALID_INPUT", "lines[1].quantity"},
			{"NegativeQuantity", "south", map[string]any{"lines": lines(p0, -5)}, "INVALID_INPUT", "lines[0].quantity"},
			{"QuantityOverMaximum", "south", map[string]any{"lines": lines(p0, 10001)}, "INVALID_INPUT", "lines[0].quantity"},
			{"UnknownProduct", "south", map[string]any{"lines": lines(p0, 1, "17179999999", 1)}, "INVALID_INPUT", "lines[1].productID"},
			{"RetiredProduct", "south", map[string]any{"lines": lines(cat.inactive, 1)}, "INVALID_INPUT", "lines[0].productID"},
			{"DuplicateProduct", "south", map[string]any{"lines": lines(p0, 1, p1, 1, p0, 2)}, "INVALID_INPUT", "lines[2].productID"},
			{"PastDeliveryDate", "south", map[string]any{"lines": lines(p0, 1), "requestedDeliveryDate": "2020-01-01"}, "INVALID_INPUT", "requestedDeliveryDate"},
			{"EmptyIdempotencyKey", "south", map[string]any{"lines": lines(p0, 1), "idempotencyKey": " "}, "INVALID_INPUT", "idempotencyKey"},
			{"DealerForAnotherDealer", "south", map[string]any{"dealerID": cat.north, "lines": lines(p0, 1)}, "FORBIDDEN", ""},
			{"DistributorForItsSubDealer", "north", map[string]any{"dealerID": cat.sub, "lines": lines(p0, 1)}, "FORBIDDEN", ""},
			{"ManagerWithoutDealer", "manager", map[string]any{"lines": lines(p0, 1)}, "INVALID_INPUT", "dealerID"},
			{"ManagerForForeignDealer", "manager", map[string]any{"dealerID": cat.foreign, "lines": lines(p0, 1)}, "INVALID_INPUT", "dealerID"},
			{"SuspendedDealer", "manager", map[string]any{"dealerID": cat.suspended, "lines": lines(p0, 1)}, "FORBIDDEN", "dealerID"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				c := signIn(t, m, tc.who+"@demo.test")
				before := orderCounts(t, admin)
				r := c.query(t, placeOrder, map[string]any{"in": tc.in})
				if r.code() != tc.code {
					t.Fatalf("code %q, want %q (%+v)", r.code(), tc.code, r.Errors)
				}
				if got, _ := r.Errors[0].Extensions["field"].(string); got != tc.field {
					t.Errorf("field %q, want %q", got, tc.field)
				}
				if after := orderCounts(t, admin); after != before {
					t.Errorf("counts changed: %s → %s", before, after)
				}
			})
		}
		// A price sent by the client is not even part of the input.
		south := signIn(t, m, "south@demo.test")
		if r := south.query(t, placeOrder, map[string]any{"in": map[string]any{"lines": []any{map[string]any{"productID": p0, "quantity": 1, "unitPrice": "0.01"}}}}); r.code() != "INVALID_INPUT" {
			t.Errorf("a client price: %q, want INVALID_INPUT", r.code())
		}
	})
}

const transition = `mutation($id: ID!, $to: OrderStatus!, $note: String, $v: Int) {
	transitionOrder(id: $id, to: $to, note: $note, expectedVersion: $v) { status version creditHold history { from to actorName note } } }`

type orderState struct {
	Status     string
	Version    int
	CreditHold bool
	History    []struct {
		From          *string
		To, ActorName string
		Note          string
	}
}

func orderNow(t *testing.T, c client, id string) string {
	t.Helper()
	r := c.query(t, `query($id: ID!) { node(id: $id) { ... on Order { status version creditHold history { from to note } } } }`, map[string]any{"id": id})
	b, _ := json.Marshal(r)
	return string(b)
}

func TestOrders_StatusMachine(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin, south, manager := signIn(t, m, "admin@demo.test"), signIn(t, m, "south@demo.test"), signIn(t, m, "manager@demo.test")
		cat := loadCatalogue(t, admin)
		o := place(t, south, map[string]any{"lines": lines(cat.products[0], 1)})

		refuse := func(c client, to string, v *int, want string) {
			t.Helper()
			before := orderNow(t, admin, o.ID)
			vars := map[string]any{"id": o.ID, "to": to}
			if v != nil {
				vars["v"] = *v
			}
			if r := c.query(t, transition, vars); r.code() != want {
				t.Errorf("→ %s: %q, want %q (%+v)", to, r.code(), want, r.Errors)
			}
			if after := orderNow(t, admin, o.ID); after != before {
				t.Errorf("a refused move changed the order:\n%s\n%s", before, after)
			}
		}
		move := func(c client, to string, v int) orderState {
			t.Helper()
			var got struct{ TransitionOrder orderState }
			c.mustQuery(t, transition, map[string]any{"id": o.ID, "to": to, "v": v, "note": "ok " + to}, &got)
			return got.TransitionOrder
		}

		refuse(south, "CONFIRMED", nil, "FORBIDDEN")
		refuse(manager, "SHIPPED", nil, "INVALID_TRANSITION")
		refuse(manager, "IN_FULFILLMENT", nil, "INVALID_TRANSITION")
		refuse(manager, "CONFIRMED", new(7), "CONFLICT")
		refuse(signIn(t, m, "north@demo.test"), "CANCELLED", nil, "NOT_FOUND")
		refuse(signIn(t, m, "keys@demo.test"), "CONFIRMED", nil, "NOT_FOUND")

		s := move(manager, "CONFIRMED", 1)
		if s.Status != "CONFIRMED" || s.Version != 2 || len(s.History) != 2 || *s.History[1].From != "SUBMITTED" || s.History[1].ActorName == "" || s.History[1].Note != "ok CONFIRMED" {
			t.Errorf("confirmed: %+v", s)
		}
		refuse(south, "CANCELLED", nil, "FORBIDDEN") // dealers cancel only SUBMITTED orders
		refuse(manager, "REJECTED", nil, "INVALID_TRANSITION")
		refuse(manager, "IN_FULFILLMENT", new(1), "CONFLICT")
		s = move(manager, "IN_FULFILLMENT", 2)
		if s.Status != "IN_FULFILLMENT" || len(s.History) != 3 {
			t.Errorf("in fulfilment: %+v", s)
		}
		refuse(manager, "CANCELLED", nil, "INVALID_TRANSITION")

		// A dealer cancels its own SUBMITTED order.
		o2 := place(t, south, map[string]any{"lines": lines(cat.products[1], 1)})
		var got struct{ TransitionOrder orderState }
		south.mustQuery(t, transition, map[string]any{"id": o2.ID, "to": "CANCELLED"}, &got)
		if got.TransitionOrder.Status != "CANCELLED" {
			t.Errorf("cancelled: %+v", got.TransitionOrder)
		}

		// The audit trail has every change, for administrators only.
		var audit struct {
			AuditEntries struct {
				Edges []struct {
					Node struct{ Action, ActorName string }
				}
			}
		}
		var subject int
		fmt.Sscan(o.ID, &subject)
		admin.mustQuery(t, `query($id: ID!) { auditEntries(where: {subjectID: $id}, orderBy: {field: AT}) { edges { node { action actorName } } } }`, map[string]any{"id": subject}, &audit)
		if n := len(audit.AuditEntries.Edges); n != 3 || audit.AuditEntries.Edges[0].Node.Action != "order.place" || audit.AuditEntries.Edges[2].Node.Action != "order.transition" {
			t.Errorf("audit trail %+v", audit.AuditEntries.Edges)
		}
		var none struct{ AuditEntries struct{ TotalCount int } }
		manager.mustQuery(t, `{ auditEntries { totalCount } }`, nil, &none)
		if none.AuditEntries.TotalCount != 0 {
			t.Errorf("a manager reads %d audit entries", none.AuditEntries.TotalCount)
		}
	})
}

func TestOrders_CreditHold(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin, south, manager := signIn(t, m, "admin@demo.test"), signIn(t, m, "south@demo.test"), signIn(t, m, "manager@demo.test")
		cat := loadCatalogue(t, admin)
		var upd struct{ UpdateDealer struct{ ID string } }
		manager.mustQuery(t, `mutation($id: ID!) { updateDealer(id: $id, input: {creditLimit: "1.00"}) { id } }`, map[string]any{"id": cat.south}, &upd)

		o := place(t, south, map[string]any{"lines": lines(cat.products[0], 1)})
		if !o.CreditHold || o.Status != "SUBMITTED" {
			t.Fatalf("over the limit: %+v, want SUBMITTED on credit hold", o)
		}
		if r := manager.query(t, transition, map[string]any{"id": o.ID, "to": "CONFIRMED"}); r.code() != "CREDIT_HOLD" {
			t.Errorf("confirming a held order: %q, want CREDIT_HOLD", r.code())
		}
		release := `mutation($id: ID!, $note: String!) { releaseCreditHold(orderID: $id, note: $note) { creditHold version history { to note } } }`
		for who, want := range map[client]string{south: "FORBIDDEN", manager: "INVALID_INPUT"} {
			if r := who.query(t, release, map[string]any{"id": o.ID, "note": " "}); r.code() != want {
				t.Errorf("release with an empty note: %q, want %q", r.code(), want)
			}
		}
		var rel struct {
			ReleaseCreditHold struct {
				CreditHold bool
				Version    int
				History    []struct{ To, Note string }
			}
		}
		manager.mustQuery(t, release, map[string]any{"id": o.ID, "note": "paid in advance"}, &rel)
		if r := rel.ReleaseCreditHold; r.CreditHold || r.Version != 2 || len(r.History) != 2 || r.History[1].Note != "paid in advance" {
			t.Errorf("released: %+v", r)
		}
		if r := manager.query(t, release, map[string]any{"id": o.ID, "note": "again"}); r.code() != "INVALID_TRANSITION" {
			t.Errorf("releasing twice: %q", r.code())
		}
		var conf struct{ TransitionOrder orderState }
		manager.mustQuery(t, transition, map[string]any{"id": o.ID, "to": "CONFIRMED"}, &conf)
		if conf.TransitionOrder.Status != "CONFIRMED" {
			t.Errorf("after release: %+v", conf.TransitionOrder)
		}
	})
}

func TestOrders_Lists(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		cat := loadCatalogue(t, admin)
		north := signIn(t, m, "north@demo.test")
		sub := signIn(t, m, "capital@demo.test")
		own := place(t, north, map[string]any{"lines": lines(cat.products[0], 1)})
		subs := place(t, sub, map[string]any{"lines": lines(cat.products[0], 1)})

		ids := func(c client, vars map[string]any) map[string]bool {
			var got struct {
				Orders struct {
					Edges []struct{ Node struct{ ID string } }
				}
			}
			c.mustQuery(t, `query($d: ID) { orders(dealerID: $d, first: 100) { edges { node { id } } } }`, vars, &got)
			out := map[string]bool{}
			for _, e := range got.Orders.Edges {
				out[e.Node.ID] = true
			}
			return out
		}
		if got := ids(north, nil); !got[own.ID] || got[subs.ID] {
			t.Errorf("a distributor's list by default: own %v, sub-dealer's %v; want only its own", got[own.ID], got[subs.ID])
		}
		if r := north.query(t, `{ orders(dealerID: "D-NORTH") { totalCount } }`, nil); r.code() != "INVALID_INPUT" {
			t.Errorf("a code for an id: %q, want INVALID_INPUT", r.code())
		}
		var subID struct {
			Me struct{ Dealer struct{ ID string } }
		}
		sub.mustQuery(t, `{ me { dealer { id } } }`, nil, &subID)
		if got := ids(north, map[string]any{"d": subID.Me.Dealer.ID}); !got[subs.ID] || got[own.ID] {
			t.Errorf("a distributor naming its sub-dealer: %v", got)
		}
		if got := ids(sub, map[string]any{"d": cat.north}); len(got) != 0 {
			t.Errorf("a sub-dealer naming its distributor sees %d orders", len(got))
		}
		var edge struct {
			Me struct {
				Dealer struct {
					Orders struct{ TotalCount int }
				}
			}
		}
		sub.mustQuery(t, `{ me { dealer { orders { totalCount } } } }`, nil, &edge)
		if edge.Me.Dealer.Orders.TotalCount < 1 {
			t.Errorf("dealer.orders: %+v", edge)
		}
	})
}

// TestOrders_NoNPlusOne: the statements an order list costs do not grow
// with its page size: lines, products and history are eager-loaded, and
// what the viewer may do with each order is read off the rows.
func TestOrders_NoNPlusOne(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin, south := signIn(t, m, "admin@demo.test"), signIn(t, m, "south@demo.test")
		cat := loadCatalogue(t, admin)
		for i := range 12 {
			place(t, south, map[string]any{"lines": lines(cat.products[i%3], 1+i, cat.products[3], 1)})
		}
		q := `query($n: Int) { orders(first: $n) { totalCount edges { node { number status total
			allowedTransitions canReleaseCreditHold canShip
			lines { quantity amount remainingToShip product { sku name } } history { from to actorName at } } } } }`
		count := func(n int) int64 {
			before := m.Statements()
			var got struct {
				Orders struct{ Edges []json.RawMessage }
			}
			south.mustQuery(t, q, map[string]any{"n": n}, &got)
			if len(got.Orders.Edges) < n {
				t.Fatalf("first %d gave %d orders", n, len(got.Orders.Edges))
			}
			return m.Statements() - before
		}
		count(1) // the token's last use is written at most once a minute: not in the figures
		small, large := count(2), count(12)
		if small != large {
			t.Errorf("orders(first: 2) took %d statements, orders(first: 12) %d: something loads per order", small, large)
		}
		// One each for the page, totalCount, lines, products and history;
		// the token's viewer is cached (no statement to authenticate).
		if large > 5 {
			t.Errorf("an order page took %d statements, want at most 5, one per level of the query", large)
		}
		t.Logf("%d statements for an order page with lines, products and history", large)
	})
}
