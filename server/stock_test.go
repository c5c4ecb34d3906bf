package server_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/dealerline/dealerline/server"
)

type stockOrder struct {
	ID, Status string
	Backorder  bool
	Lines      []struct {
		ID                                                             string
		Quantity, ShippedQuantity, BackorderedQuantity, ClosedQuantity int
	}
}

const stockOrderFields = `id status backorder lines { id quantity shippedQuantity backorderedQuantity closedQuantity }`

type productStock struct {
	OnHand, Reserved, Available int
}

func stockOf(t *testing.T, c client, id string) (productStock, map[string]any) {
	t.Helper()
	var got struct {
		Node struct {
			Stock        *productStock
			Availability map[string]any
		}
	}
	c.mustQuery(t, `query($id: ID!) { node(id: $id) { ... on Product { stock { onHand reserved available } availability { state available leadTimeDays } } } }`, map[string]any{"id": id}, &got)
	var s productStock
	if got.Node.Stock != nil {
		s = *got.Node.Stock
	}
	return s, got.Node.Availability
}

// newStockedProduct is a product every tier-2 dealer may order, with
// onHand units and a lead time of 12 days.
func newStockedProduct(t *testing.T, admin client, sku string, onHand int) string {
	t.Helper()
	var p struct{ CreateProduct struct{ ID string } }
	admin.mustQuery(t, `mutation($sku: String!) { createProduct(input: {sku: $sku, name: "Stocked", category: "Test", listPrice: "2.00", unitCost: "0.50", leadTimeDays: 12}) { id } }`,
		map[string]any{"sku": sku}, &p)
	admin.mustQuery(t, `mutation($p: ID!) { createPrice(input: {tier: 2, amount: "1.00", validFrom: "2020-01-01", productID: $p}) { id } }`, map[string]any{"p": p.CreateProduct.ID}, &struct{}{})
	admin.mustQuery(t, `mutation($p: ID!, $n: Int!) { setStock(productID: $p, onHand: $n) { id } }`, map[string]any{"p": p.CreateProduct.ID, "n": onHand}, &struct{}{})
	return p.CreateProduct.ID
}

// Parallel clients confirm (one by one and in batches), cancel and ship
// orders of one product: the reservations never exceed what is on hand,
// and on hand, reserved and backordered add up to what the orders did.
func TestStock_ConcurrentConfirmCancelShip(t *testing.T) {
	forEachStoreWith(t, func(c *server.Config) { c.ShowStockQuantities = true; c.HTTP.RequestRate = 0 }, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		manager := signIn(t, m, "manager@demo.test")
		dealer := signIn(t, m, "south@demo.test")
		const onHand, each = 20, 3
		p := newStockedProduct(t, admin, "STK-RACE", onHand)

		placeN := func(n int) []stockOrder {
			out := make([]stockOrder, n)
			for i := range out {
				var got struct{ PlaceOrder stockOrder }
				dealer.mustQuery(t, `mutation($p: ID!, $q: Int!) { placeOrder(input: {lines: [{productID: $p, quantity: $q}]}) { `+stockOrderFields+` } }`,
					map[string]any{"p": p, "q": each}, &got)
				out[i] = got.PlaceOrder
			}
			return out
		}
		// Four confirmed first (12 reserved): two to cancel, two to ship.
		early := placeN(4)
		for _, o := range early {
			move(t, manager, o.ID, "CONFIRMED")
		}
		late := placeN(10) // 30 units asked of 8 free
		var wg sync.WaitGroup
		errs := make(chan error, 32)
		run := func(c client, q string, vars map[string]any) {
			wg.Go(func() {
				if r := c.query(t, q, vars); len(r.Errors) > 0 {
					errs <- fmt.Errorf("%s: %+v", q, r.Errors)
				}
			})
		}
		for _, o := range late[:6] {
			run(manager, `mutation($id: ID!) { transitionOrder(id: $id, to: CONFIRMED) { id } }`, map[string]any{"id": o.ID})
		}
		for _, batch := range [][]stockOrder{late[6:8], late[8:]} {
			in := []map[string]any{}
			for _, o := range batch {
				in = append(in, map[string]any{"id": o.ID, "expectedVersion": 1})
			}
			run(admin, `mutation($o: [OrderVersionInput!]!) { confirmOrders(orders: $o) { id error { code message } } }`, map[string]any{"o": in})
		}
		for _, o := range early[:2] {
			run(manager, `mutation($id: ID!) { transitionOrder(id: $id, to: CANCELLED) { id } }`, map[string]any{"id": o.ID})
		}
		for _, o := range early[2:] {
			run(manager, `mutation($o: ID!, $l: ID!, $q: Int!) { createShipment(input: {orderID: $o, carrier: "SF", lines: [{orderLineID: $l, quantity: $q}]}) { id } }`,
				map[string]any{"o": o.ID, "l": o.Lines[0].ID, "q": each})
		}
		// Readers meanwhile never see more reserved than on hand.
		for range 3 {
			wg.Go(func() {
				for range 5 {
					var got struct {
						Node struct{ Stock productStock }
					}
					if r := admin.query(t, `query($id: ID!) { node(id: $id) { ... on Product { stock { onHand reserved available } } } }`, map[string]any{"id": p}); len(r.Errors) > 0 {
						errs <- fmt.Errorf("reading stock: %+v", r.Errors)
						return
					} else {
						mustUnmarshal(t, r.Data, &got)
					}
					if s := got.Node.Stock; s.Reserved < 0 || s.Reserved > s.OnHand {
						errs <- fmt.Errorf("read %d reserved of %d on hand", s.Reserved, s.OnHand)
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		if t.Failed() {
			return
		}

		s, a := stockOf(t, admin, p)
		if s.Reserved < 0 || s.Reserved > s.OnHand {
			t.Fatalf("%d reserved of %d on hand", s.Reserved, s.OnHand)
		}
		shipped, reserved, backordered, backorders := 0, 0, 0, 0
		for _, o := range append(early, late...) {
			var got struct{ Node stockOrder }
			admin.mustQuery(t, `query($id: ID!) { node(id: $id) { ... on Order { `+stockOrderFields+` } } }`, map[string]any{"id": o.ID}, &got)
			l := got.Node.Lines[0]
			shipped += l.ShippedQuantity
			switch got.Node.Status {
			case "CANCELLED":
				continue
			case "CONFIRMED", "IN_FULFILLMENT":
			default:
				t.Fatalf("order %s is %s", o.ID, got.Node.Status)
			}
			reserved += l.Quantity - l.ShippedQuantity - l.BackorderedQuantity
			backordered += l.BackorderedQuantity
			if got.Node.Backorder != (l.BackorderedQuantity > 0) {
				t.Errorf("order %s: backorder %v with %d backordered", o.ID, got.Node.Backorder, l.BackorderedQuantity)
			}
			if got.Node.Backorder {
				backorders++
			}
		}
		// 12 confirmed orders of 3 remain: 2 shipped, the other 10 hold or
		// wait for their 30 units. Units freed by a cancellation after a
		// confirmation stay free: a backorder is not reserved later.
		if shipped != 2*each || s.OnHand != onHand-shipped || s.Reserved != reserved || reserved+backordered != 10*each || backorders == 0 {
			t.Errorf("stock %+v; orders hold %d, backorder %d (%d orders), shipped %d", s, reserved, backordered, backorders, shipped)
		}
		if a["available"] != float64(s.OnHand-s.Reserved) {
			t.Errorf("staff see availability %v with stock %+v", a, s)
		}
		// With --show-stock-quantities the dealer is told how many are
		// free; it never sees the warehouse itself.
		admin.mustQuery(t, `mutation($p: ID!, $n: Int!) { setStock(productID: $p, onHand: $n) { id } }`, map[string]any{"p": p, "n": s.Reserved + 7}, &struct{}{})
		if ds, da := stockOf(t, dealer, p); ds != (productStock{}) || da["state"] != "LIMITED" || da["available"] != float64(7) {
			t.Errorf("the dealer sees stock %+v, availability %v", ds, da)
		}
	})
}

// Dealers see availability without quantities; setting stock is the
// administrators', never below what is reserved; the manager closes a
// partly delivered order short.
func TestStock_AvailabilitySetStockAndCloseShort(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		manager := signIn(t, m, "manager@demo.test")
		dealer := signIn(t, m, "south@demo.test")
		p := newStockedProduct(t, admin, "STK-SHORT", 50)

		if _, a := stockOf(t, dealer, p); a["state"] != "IN_STOCK" || a["available"] != nil {
			t.Errorf("the dealer sees %v", a)
		}
		var got struct{ PlaceOrder stockOrder }
		dealer.mustQuery(t, `mutation($p: ID!) { placeOrder(input: {lines: [{productID: $p, quantity: 10}]}) { `+stockOrderFields+` } }`, map[string]any{"p": p}, &got)
		o := got.PlaceOrder
		move(t, manager, o.ID, "CONFIRMED")

		setStock := `mutation($p: ID!, $n: Int!) { setStock(productID: $p, onHand: $n) { id } }`
		refused(t, admin, admin, "INVALID_INPUT", "onHand", setStock, map[string]any{"p": p, "n": 9})
		refused(t, admin, admin, "INVALID_INPUT", "onHand", setStock, map[string]any{"p": p, "n": -1})
		refused(t, admin, manager, "FORBIDDEN", "", setStock, map[string]any{"p": p, "n": 100})
		if s, a := stockOf(t, admin, p); s != (productStock{50, 10, 40}) || a["state"] != "IN_STOCK" {
			t.Errorf("stock %+v, availability %v", s, a)
		}
		admin.mustQuery(t, setStock, map[string]any{"p": p, "n": 13}, &struct{}{})
		if _, a := stockOf(t, dealer, p); a["state"] != "LIMITED" || a["available"] != nil {
			t.Errorf("3 free: the dealer sees %v", a)
		}
		admin.mustQuery(t, setStock, map[string]any{"p": p, "n": 10}, &struct{}{})
		if _, a := stockOf(t, dealer, p); a["state"] != "BACKORDER" || a["available"] != nil || a["leadTimeDays"] != float64(12) {
			t.Errorf("none free: the dealer sees %v", a)
		}

		sh := createShipment(t, manager, o.ID, o.Lines[0].ID, 6)
		deliveryEvent(t, manager, sh.ID, "IN_TRANSIT", "")
		closeQ := `mutation($id: ID!, $note: String!) { closeOrderShort(id: $id, note: $note) { ` + stockOrderFields + ` canCloseShort history { to note } } }`
		refused(t, admin, manager, "INVALID_TRANSITION", "", closeQ, map[string]any{"id": o.ID, "note": "rest discontinued"})
		deliveryEvent(t, manager, sh.ID, "DELIVERED", "")

		can := func(c client) bool {
			var got struct{ Node struct{ CanCloseShort bool } }
			c.mustQuery(t, `query($id: ID!) { node(id: $id) { ... on Order { canCloseShort } } }`, map[string]any{"id": o.ID}, &got)
			return got.Node.CanCloseShort
		}
		if !can(manager) || can(dealer) {
			t.Errorf("canCloseShort: manager %v, dealer %v", can(manager), can(dealer))
		}
		refused(t, admin, dealer, "FORBIDDEN", "", closeQ, map[string]any{"id": o.ID, "note": "rest discontinued"})
		refused(t, admin, manager, "INVALID_INPUT", "note", closeQ, map[string]any{"id": o.ID, "note": " "})
		var closed struct {
			CloseOrderShort struct {
				stockOrder
				CanCloseShort bool
				History       []struct{ To, Note string }
			}
		}
		manager.mustQuery(t, closeQ, map[string]any{"id": o.ID, "note": "rest discontinued"}, &closed)
		c := closed.CloseOrderShort
		last := c.History[len(c.History)-1]
		if c.Status != "DELIVERED" || c.CanCloseShort || c.Lines[0].ClosedQuantity != 4 || last.To != "DELIVERED" || last.Note != "Closed short: rest discontinued" {
			t.Errorf("closed short: %+v", c)
		}
		if s, _ := stockOf(t, admin, p); s != (productStock{4, 0, 4}) {
			t.Errorf("after closing short the stock is %+v, want 4 on hand, none reserved", s)
		}
		refused(t, admin, manager, "INVALID_TRANSITION", "", closeQ, map[string]any{"id": o.ID, "note": "again"})
	})
}

// An administrator sets stock from a file: a file with any bad row, an
// unknown SKU or a count below what is reserved changes nothing and names
// every bad line; a good one sets counts and lead times in one go, and
// says how many products it changed. Managers and dealers may not.
func TestStock_ImportFile(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		manager := signIn(t, m, "manager@demo.test")
		dealer := signIn(t, m, "south@demo.test")
		a := newStockedProduct(t, admin, "STK-FILE-A", 50)
		b := newStockedProduct(t, admin, "STK-FILE-B", 5)
		var got struct{ PlaceOrder stockOrder }
		dealer.mustQuery(t, `mutation($p: ID!) { placeOrder(input: {lines: [{productID: $p, quantity: 8}]}) { `+stockOrderFields+` } }`, map[string]any{"p": a}, &got)
		move(t, manager, got.PlaceOrder.ID, "CONFIRMED")

		importQ := `mutation($csv: String!) { importStock(csv: $csv) { written unchanged } }`
		bad := "SKU\tOn hand\tLead time days\nSTK-FILE-A\t7\nSTK-FILE-B\t30\t4\nNO-SUCH-SKU\t1\nSTK-FILE-B\t2.5\n"
		refused(t, admin, admin, "INVALID_INPUT", "csv", importQ, map[string]any{"csv": bad})
		r := admin.query(t, importQ, map[string]any{"csv": bad})
		lines := map[float64]string{}
		rows, _ := r.Errors[0].Extensions["rows"].([]any)
		for _, x := range rows {
			row := x.(map[string]any)
			lines[row["line"].(float64)] = row["field"].(string)
		}
		if len(lines) != 3 || lines[2] != "on hand" || lines[4] != "sku" || lines[5] != "on hand" {
			t.Errorf("rows %v; want line 2 (below reserved), 4 (unknown SKU), 5 (not a count)", rows)
		}
		if s, _ := stockOf(t, admin, b); s.OnHand != 5 {
			t.Errorf("a refused file changed B: %+v", s)
		}
		refused(t, admin, manager, "FORBIDDEN", "", importQ, map[string]any{"csv": "STK-FILE-A,60\n"})
		refused(t, admin, dealer, "FORBIDDEN", "", importQ, map[string]any{"csv": "STK-FILE-A,60\n"})

		var done struct {
			ImportStock struct{ Written, Unchanged int }
		}
		admin.mustQuery(t, importQ, map[string]any{"csv": "sku,on hand,lead time days\nSTK-FILE-A,60\n"}, &done)
		if done.ImportStock.Written != 1 || done.ImportStock.Unchanged != 0 {
			t.Errorf("first file: %+v, want 1 written (A)", done.ImportStock)
		}
		admin.mustQuery(t, importQ, map[string]any{"csv": "STK-FILE-A;60\nSTK-FILE-B;0;30\n"}, &done)
		if done.ImportStock.Written != 1 || done.ImportStock.Unchanged != 1 {
			t.Errorf("second file: %+v, want 1 written (B) and 1 unchanged (A)", done.ImportStock)
		}
		if s, _ := stockOf(t, admin, a); s != (productStock{60, 8, 52}) {
			t.Errorf("A after the file: %+v", s)
		}
		if s, av := stockOf(t, dealer, b); s.OnHand != 0 || av["state"] != "BACKORDER" || av["leadTimeDays"] != float64(30) {
			t.Errorf("B after the file: %+v, the dealer sees %v", s, av)
		}
		var audit struct {
			AuditEntries struct {
				Edges []struct{ Node struct{ Action string } }
			}
		}
		admin.mustQuery(t, `{ auditEntries(first: 10, orderBy: {field: AT, direction: DESC}) { edges { node { action } } } }`, nil, &audit)
		imports := 0
		for _, e := range audit.AuditEntries.Edges {
			if e.Node.Action == "stock.import" {
				imports++
			}
		}
		if imports != 2 {
			t.Errorf("audit entries of the files: %d, want one a product changed (A, then B)", imports)
		}
	})
}
