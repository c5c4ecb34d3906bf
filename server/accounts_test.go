package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/money"
	"github.com/dealerline/dealerline/ordering"
	"github.com/dealerline/dealerline/server"
)

// account is a dealer made for one test, with nothing on its account yet,
// and a signed-in user of it.
type account struct {
	dealerID string
	dealer   client
}

// newAccount creates a tier-2 dealer in Retail (manager@demo.test's
// channel) with a user, as the administrator.
func newAccount(t *testing.T, m *server.Main, admin client, code string, termsDays int) account {
	t.Helper()
	ids := demoIDs(t, admin)
	var d struct{ CreateDealer struct{ ID string } }
	admin.mustQuery(t, `mutation($code: String!, $c: ID!, $terms: Int!) { createDealer(input: {code: $code, name: $code, tier: 2,
		joinedOn: "2025-01-01", channelID: $c, creditLimit: "100000000.00", paymentTermsDays: $terms}) { id } }`,
		map[string]any{"code": code, "c": ids.retail, "terms": termsDays}, &d)
	email := strings.ToLower(code) + "@accounts.test"
	var u struct{ CreateUser struct{ ID string } }
	admin.mustQuery(t, `mutation($e: String!, $d: ID!) { createUser(input: {email: $e, name: "Account Keeper", password: "longenough", role: DEALER, dealerID: $d}) { id } }`,
		map[string]any{"e": email, "d": d.CreateDealer.ID}, &u)
	var got struct{ Login struct{ Token string } }
	client{m: m}.mustQuery(t, `mutation($e: String!) { login(email: $e, password: "longenough") { token } }`, map[string]any{"e": email}, &got)
	return account{dealerID: d.CreateDealer.ID, dealer: client{m: m, token: got.Login.Token}}
}

type confirmedOrder struct {
	ID, Number string
	Total      string
	Lines      []confirmedLine
}

type confirmedLine struct {
	ID                  string
	Quantity            int
	UnitPrice           string
	DiscountBasisPoints int
	Amount              string
}

// placeConfirmed places an order of the given quantities of the first
// active products as c's dealer, and has the manager confirm it.
func placeConfirmed(t *testing.T, c, manager client, quantities ...int) confirmedOrder {
	t.Helper()
	var products struct {
		Products struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	c.mustQuery(t, `{ products(first: 10, where: {active: true}, orderBy: {field: SKU}) { edges { node { id } } } }`, nil, &products)
	var lines []map[string]any
	for i, q := range quantities {
		lines = append(lines, map[string]any{"productID": products.Products.Edges[i].Node.ID, "quantity": q})
	}
	var placed struct{ PlaceOrder confirmedOrder }
	c.mustQuery(t, `mutation($lines: [OrderLineInput!]!) { placeOrder(input: {lines: $lines}) { id number total lines { id quantity unitPrice discountBasisPoints amount } } }`,
		map[string]any{"lines": lines}, &placed)
	manager.mustQuery(t, `mutation($id: ID!) { transitionOrder(id: $id, to: CONFIRMED) { id } }`, map[string]any{"id": placed.PlaceOrder.ID}, &struct{}{})
	return placed.PlaceOrder
}

const shipmentFields = `id number status shippedAt deliveredAt lines { quantity amount orderLine { id } } events { status location } invoice { id number amount balance issuedOn dueOn }`

type shipmentResult struct {
	ID, Number, Status string
	ShippedAt          *string
	DeliveredAt        *string
	Lines              []struct {
		Quantity  int
		Amount    string
		OrderLine struct{ ID string }
	}
	Events []struct {
		Status, Location string
	}
	Invoice *invoiceResult
}

type invoiceResult struct {
	ID, Number, Amount, Balance, IssuedOn, DueOn string
}

func createShipment(t *testing.T, c client, orderID string, lines ...any) shipmentResult {
	t.Helper()
	var in []map[string]any
	for i := 0; i < len(lines); i += 2 {
		in = append(in, map[string]any{"orderLineID": lines[i], "quantity": lines[i+1]})
	}
	var got struct{ CreateShipment shipmentResult }
	c.mustQuery(t, `mutation($o: ID!, $lines: [ShipmentLineInput!]!) { createShipment(input: {orderID: $o, lines: $lines, carrier: "SF Express", trackingNumber: "SF1234567890"}) { `+shipmentFields+` } }`,
		map[string]any{"o": orderID, "lines": in}, &got)
	return got.CreateShipment
}

func deliveryEvent(t *testing.T, c client, shipmentID, status, location string) shipmentResult {
	t.Helper()
	var got struct{ RecordDeliveryEvent shipmentResult }
	c.mustQuery(t, `mutation($s: ID!, $st: ShipmentStatus!, $loc: String) { recordDeliveryEvent(input: {shipmentID: $s, status: $st, location: $loc}) { `+shipmentFields+` } }`,
		map[string]any{"s": shipmentID, "st": status, "loc": location}, &got)
	return got.RecordDeliveryEvent
}

type orderProgress struct {
	Status  string
	Lines   []struct{ Position, ShippedQuantity, DeliveredQuantity int }
	History []struct {
		From                *string
		To, ActorName, Note string
	}
	Shipments []struct{ Number, Status string }
	Invoices  []invoiceResult
}

func orderAsSeen(t *testing.T, c client, id string) orderProgress {
	t.Helper()
	var got struct{ Node orderProgress }
	c.mustQuery(t, `query($id: ID!) { node(id: $id) { ... on Order { status lines { position shippedQuantity deliveredQuantity }
		history { from to actorName note } shipments { number status } invoices { id number amount balance issuedOn dueOn } } } }`,
		map[string]any{"id": id}, &got)
	// Lines come in no particular order: the order's own is their position.
	sort.Slice(got.Node.Lines, func(i, j int) bool { return got.Node.Lines[i].Position < got.Node.Lines[j].Position })
	return got.Node
}

func statuses(v orderProgress) string {
	var s []string
	for _, h := range v.History {
		s = append(s, h.To)
	}
	return strings.Join(s, " ")
}

func mustMoney(t *testing.T, s string) int64 {
	t.Helper()
	v, err := money.Parse(s)
	if err != nil {
		t.Fatalf("money %q: %v", s, err)
	}
	return v
}

func mustDate(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

const statementQuery = `query($d: ID!, $from: Date!, $to: Date!) { accountStatement(dealerID: $d, from: $from, to: $to) {
	dealer { id code } from to openingBalance invoiced paid credited closingBalance unappliedCredit
	lines { date kind reference description orderNumber shipmentNumber reason debit credit balance dueOn invoice { number } payment { reference } creditNote { number } }
	ageing { at notYetDue overdue1To30 overdue31To60 overdue61To90 overdueOver90 overdue } } }`

type statementResult struct {
	OpeningBalance, Invoiced, Paid, Credited, ClosingBalance, UnappliedCredit string
	Lines                                                                     []struct {
		Date, Kind, Reference, Debit, Credit, Balance string
		DueOn                                         *string
		OrderNumber, ShipmentNumber, Reason           *string
	}
	Ageing struct {
		At, NotYetDue, Overdue1To30, Overdue31To60, Overdue61To90, OverdueOver90, Overdue string
	}
}

func statement(t *testing.T, c client, dealerID string, from, to time.Time) (statementResult, json.RawMessage) {
	t.Helper()
	r := c.query(t, statementQuery, map[string]any{"d": dealerID, "from": from.Format(time.DateOnly), "to": to.Format(time.DateOnly)})
	if len(r.Errors) > 0 {
		t.Fatalf("accountStatement: %+v", r.Errors)
	}
	var got struct{ AccountStatement statementResult }
	if err := json.Unmarshal(r.Data, &got); err != nil {
		t.Fatal(err)
	}
	return got.AccountStatement, r.Data
}

// accountSnapshot is everything shipping and accounting can change, as the
// administrator sees it: counts, and the newest rows in full.
func accountSnapshot(t *testing.T, admin client) string {
	t.Helper()
	var parts []string
	for _, q := range []string{
		`{ shipments(first: 30) { totalCount edges { node { number status shippedAt deliveredAt eta carrier trackingNumber
			lines { quantity amount } events { status location note occurredAt actorName } invoice { number } } } } }`,
		`{ invoices(first: 50) { totalCount edges { node { number amount balance issuedOn dueOn paidOffOn allocations { amount appliedOn } } } } }`,
		`{ payments(first: 50) { totalCount edges { node { reference amount unallocated receivedOn allocations { amount appliedOn invoice { number } } } } } }`,
		`{ creditNotes(first: 50) { totalCount edges { node { number amount unallocated allocations { amount invoice { number } } } } } }`,
		`{ orders(first: 30) { totalCount edges { node { number status version lines { shippedQuantity deliveredQuantity } history { from to note at } } } } }`,
		`{ auditEntries(first: 1, orderBy: {field: AT, direction: DESC}) { totalCount } }`,
	} {
		r := admin.query(t, q, nil)
		if len(r.Errors) > 0 {
			t.Fatalf("snapshot: %+v", r.Errors)
		}
		parts = append(parts, string(r.Data))
	}
	return strings.Join(parts, "\n")
}

// refused runs a mutation that must be refused with code (and field, for
// INVALID_INPUT), and checks that it changed nothing.
func refused(t *testing.T, admin, c client, code, field, query string, vars map[string]any) {
	t.Helper()
	before := accountSnapshot(t, admin)
	r := c.query(t, query, vars)
	if got := r.code(); got != code {
		t.Fatalf("code = %q, want %q (%+v)", got, code, r.Errors)
	}
	if got, _ := r.Errors[0].Extensions["field"].(string); got != field {
		t.Errorf("field = %q, want %q (%s)", got, field, r.Errors[0].Message)
	}
	if after := accountSnapshot(t, admin); after != before {
		t.Errorf("a refused change changed data:\nbefore %s\nafter  %s", before, after)
	}
}

// TestAccounts_ShipInTwoShipmentsInvoicePayAndState is the whole way of an
// order: a manager ships it in two shipments, the dealer follows it to
// DELIVERED, gets an invoice per shipment, pays, and reads the same
// statement as the manager.
func TestAccounts_ShipInTwoShipmentsInvoicePayAndState(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		manager := signIn(t, m, "manager@demo.test")
		acct := newAccount(t, m, admin, "D-ACCT", 30)
		dealer := acct.dealer
		o := placeConfirmed(t, dealer, manager, 10, 4)
		l1, l2 := o.Lines[0], o.Lines[1]

		// Only the manufacturer ships; a manager of another channel does
		// not find the order; nothing ships before confirmation.
		createQ := `mutation($o: ID!, $lines: [ShipmentLineInput!]!) { createShipment(input: {orderID: $o, lines: $lines, carrier: "SF Express"}) { id } }`
		refused(t, admin, dealer, "FORBIDDEN", "", createQ, map[string]any{"o": o.ID, "lines": []map[string]any{{"orderLineID": l1.ID, "quantity": 1}}})
		refused(t, admin, signIn(t, m, "keys@demo.test"), "INVALID_INPUT", "orderID", createQ, map[string]any{"o": o.ID, "lines": []map[string]any{{"orderLineID": l1.ID, "quantity": 1}}})
		refused(t, admin, manager, "INVALID_INPUT", "lines[1].quantity", createQ, map[string]any{"o": o.ID, "lines": []map[string]any{
			{"orderLineID": l1.ID, "quantity": 10}, {"orderLineID": l2.ID, "quantity": 5}}})
		refused(t, admin, manager, "INVALID_INPUT", "lines[0].quantity", createQ, map[string]any{"o": o.ID, "lines": []map[string]any{{"orderLineID": l1.ID, "quantity": 0}}})
		refused(t, admin, manager, "INVALID_INPUT", "lines[1].orderLineID", createQ, map[string]any{"o": o.ID, "lines": []map[string]any{
			{"orderLineID": l1.ID, "quantity": 1}, {"orderLineID": l1.ID, "quantity": 1}}})
		refused(t, admin, manager, "INVALID_INPUT", "lines", createQ, map[string]any{"o": o.ID, "lines": []map[string]any{}})
		unconfirmed := func() string {
			var p struct{ PlaceOrder confirmedOrder }
			dealer.mustQuery(t, `mutation($p: ID!) { placeOrder(input: {lines: [{productID: $p, quantity: 1}]}) { id lines { id } } }`,
				map[string]any{"p": productOf(t, dealer)}, &p)
			return p.PlaceOrder.ID
		}()
		refused(t, admin, manager, "INVALID_TRANSITION", "", createQ, map[string]any{"o": unconfirmed, "lines": []map[string]any{{"orderLineID": l1.ID, "quantity": 1}}})

		// The first shipment takes all of line 1 and one of line 2; the
		// CONFIRMED order moves to IN_FULFILLMENT with it.
		s1 := createShipment(t, manager, o.ID, l1.ID, 10, l2.ID, 1)
		if s1.Status != "PREPARING" || !strings.HasPrefix(s1.Number, "SH-") || s1.Invoice != nil || len(s1.Events) != 1 || s1.Events[0].Status != "PREPARING" {
			t.Fatalf("new shipment = %+v, want PREPARING, numbered, one PREPARING event, no invoice", s1)
		}
		if got := orderAsSeen(t, dealer, o.ID); got.Status != "IN_FULFILLMENT" || statuses(got) != "SUBMITTED CONFIRMED IN_FULFILLMENT" {
			t.Fatalf("after the first shipment the dealer sees %s (%s), want IN_FULFILLMENT", got.Status, statuses(got))
		}
		// What is left of line 2 is 3.
		refused(t, admin, manager, "INVALID_INPUT", "lines[0].quantity", createQ, map[string]any{"o": o.ID, "lines": []map[string]any{{"orderLineID": l2.ID, "quantity": 4}}})
		s2 := createShipment(t, manager, o.ID, l2.ID, 3)

		eventQ := `mutation($s: ID!, $st: ShipmentStatus!) { recordDeliveryEvent(input: {shipmentID: $s, status: $st}) { id } }`
		refused(t, admin, dealer, "FORBIDDEN", "", eventQ, map[string]any{"s": s1.ID, "st": "IN_TRANSIT"})
		refused(t, admin, manager, "INVALID_TRANSITION", "", eventQ, map[string]any{"s": s1.ID, "st": "DELIVERED"})
		refused(t, admin, manager, "INVALID_TRANSITION", "", eventQ, map[string]any{"s": s1.ID, "st": "EXCEPTION"})
		refused(t, admin, manager, "INVALID_INPUT", "status", eventQ, map[string]any{"s": s1.ID, "st": "PREPARING"})
		refused(t, admin, manager, "INVALID_INPUT", "occurredAt",
			`mutation($s: ID!) { recordDeliveryEvent(input: {shipmentID: $s, status: IN_TRANSIT, occurredAt: "2020-01-01T00:00:00Z"}) { id } }`, map[string]any{"s": s1.ID})

		// In transit: the order is SHIPPED and the shipment invoiced.
		s1 = deliveryEvent(t, manager, s1.ID, "IN_TRANSIT", "Shanghai hub")
		if s1.Status != "IN_TRANSIT" || s1.ShippedAt == nil || s1.Invoice == nil {
			t.Fatalf("shipment in transit = %+v, want IN_TRANSIT, shippedAt and an invoice", s1)
		}
		inv1 := *s1.Invoice
		if got := orderAsSeen(t, dealer, o.ID); got.Status != "SHIPPED" {
			t.Fatalf("dealer sees %s after the first shipment left, want SHIPPED", got.Status)
		}
		s1 = deliveryEvent(t, manager, s1.ID, "DELIVERED", "Guangzhou")
		refused(t, admin, manager, "INVALID_TRANSITION", "", eventQ, map[string]any{"s": s1.ID, "st": "IN_TRANSIT"})
		seen := orderAsSeen(t, dealer, o.ID)
		if seen.Status != "PARTIALLY_DELIVERED" {
			t.Fatalf("dealer sees %s after the first shipment arrived, want PARTIALLY_DELIVERED", seen.Status)
		}
		if seen.Lines[0].DeliveredQuantity != 10 || seen.Lines[1].DeliveredQuantity != 1 || seen.Lines[1].ShippedQuantity != 4 {
			t.Errorf("lines = %+v, want 10 and 1 delivered, 4 of line 2 shipped", seen.Lines)
		}

		// The second shipment is held up on the way, then arrives.
		s2 = deliveryEvent(t, manager, s2.ID, "IN_TRANSIT", "Shanghai hub")
		s2 = deliveryEvent(t, manager, s2.ID, "EXCEPTION", "Customs")
		refused(t, admin, manager, "INVALID_TRANSITION", "", eventQ, map[string]any{"s": s2.ID, "st": "DELIVERED"})
		s2 = deliveryEvent(t, manager, s2.ID, "IN_TRANSIT", "Customs")
		s2 = deliveryEvent(t, manager, s2.ID, "DELIVERED", "Guangzhou")
		inv2 := *s2.Invoice
		var trail []string
		for _, e := range s2.Events {
			trail = append(trail, e.Status)
		}
		if got, want := strings.Join(trail, " "), "PREPARING IN_TRANSIT EXCEPTION IN_TRANSIT DELIVERED"; got != want {
			t.Errorf("tracking = %s, want %s", got, want)
		}

		seen = orderAsSeen(t, dealer, o.ID)
		if got, want := statuses(seen), "SUBMITTED CONFIRMED IN_FULFILLMENT SHIPPED PARTIALLY_DELIVERED DELIVERED"; got != want {
			t.Errorf("history = %s, want %s", got, want)
		}
		for _, h := range seen.History[2:] {
			if h.ActorName != "Liu Yang" {
				t.Errorf("%s was recorded by %q, want the manager who recorded the delivery", h.To, h.ActorName)
			}
		}
		if len(seen.Invoices) != 2 || seen.Invoices[0].Number != inv1.Number || seen.Invoices[1].Number != inv2.Number {
			t.Fatalf("dealer sees invoices %+v, want %s and %s", seen.Invoices, inv1.Number, inv2.Number)
		}
		// Invoices: the shipped quantities at the lines' prices and
		// discounts (promotions may apply), adding up to the order.
		shipped := func(qty int, l confirmedLine) int64 {
			a, ok := ordering.LineAmount(qty, mustMoney(t, l.UnitPrice), l.DiscountBasisPoints)
			if !ok {
				t.Fatalf("line amount out of range")
			}
			return a
		}
		if got, want := mustMoney(t, inv1.Amount), shipped(10, l1)+shipped(1, l2); got != want {
			t.Errorf("first invoice = %s, want %s", inv1.Amount, money.Format(want))
		}
		if got, want := mustMoney(t, inv2.Amount), shipped(3, l2); got != want {
			t.Errorf("second invoice = %s, want %s", inv2.Amount, money.Format(want))
		}
		if mustMoney(t, inv1.Amount)+mustMoney(t, inv2.Amount) != mustMoney(t, o.Total) {
			t.Errorf("invoices %s + %s do not add up to the order's %s", inv1.Amount, inv2.Amount, o.Total)
		}
		issued := mustDate(t, inv1.IssuedOn)
		due := mustDate(t, inv1.DueOn)
		if !due.Equal(issued.AddDate(0, 0, 30)) || inv2.DueOn != inv1.DueOn {
			t.Errorf("invoices issued %s due %s and %s, want due after the 30 days' terms", inv1.IssuedOn, inv1.DueOn, inv2.DueOn)
		}
		var list struct {
			Invoices struct {
				TotalCount int
				Edges      []struct{ Node struct{ Number string } }
			}
		}
		dealer.mustQuery(t, `{ invoices { totalCount edges { node { number } } } }`, nil, &list)
		if list.Invoices.TotalCount != 2 {
			t.Errorf("the dealer's invoices list has %d, want 2", list.Invoices.TotalCount)
		}

		// Payments: refused ones change nothing.
		payQ := `mutation($d: ID!, $amount: Money!, $at: Time!, $ref: String!, $al: [PaymentAllocationInput!]) {
			recordPayment(input: {dealerID: $d, amount: $amount, receivedAt: $at, reference: $ref, allocations: $al}) { id amount unallocated allocations { amount invoice { number } } } }`
		// A time with an offset, as a client in China sends it.
		now := time.Now().In(time.FixedZone("", 8*3600)).Format(time.RFC3339)
		pay := func(amount int64, ref string, al []map[string]any) map[string]any {
			return map[string]any{"d": acct.dealerID, "amount": money.Format(amount), "at": now, "ref": ref, "al": al}
		}
		refused(t, admin, dealer, "FORBIDDEN", "", payQ, pay(100, "BANK-0", nil))
		refused(t, admin, signIn(t, m, "keys@demo.test"), "INVALID_INPUT", "dealerID", payQ, pay(100, "BANK-0", nil))
		refused(t, admin, manager, "INVALID_INPUT", "amount", payQ, pay(0, "BANK-0", nil))
		refused(t, admin, manager, "INVALID_INPUT", "reference", payQ, pay(100, "  ", nil))
		refused(t, admin, manager, "INVALID_INPUT", "receivedAt", payQ,
			map[string]any{"d": acct.dealerID, "amount": "1.00", "at": time.Now().Add(24 * time.Hour).Format(time.RFC3339), "ref": "BANK-0"})
		refused(t, admin, manager, "INVALID_INPUT", "allocations[0].amount", payQ,
			pay(mustMoney(t, inv1.Amount)+100, "BANK-0", []map[string]any{{"invoiceID": inv1.ID, "amount": money.Format(mustMoney(t, inv1.Amount) + 1)}}))
		refused(t, admin, manager, "INVALID_INPUT", "allocations", payQ,
			pay(100, "BANK-0", []map[string]any{{"invoiceID": inv1.ID, "amount": "0.60"}, {"invoiceID": inv2.ID, "amount": "0.60"}}))
		refused(t, admin, manager, "INVALID_INPUT", "allocations[1].invoiceID", payQ,
			pay(100, "BANK-0", []map[string]any{{"invoiceID": inv1.ID, "amount": "0.10"}, {"invoiceID": inv1.ID, "amount": "0.10"}}))
		refused(t, admin, manager, "INVALID_INPUT", "allocations[0].invoiceID", payQ,
			pay(100, "BANK-0", []map[string]any{{"invoiceID": o.ID, "amount": "0.10"}}))

		// A payment without allocations pays the oldest invoice first: all
		// of the first, part of the second.
		short := int64(5000) // 50.00 short of the total
		paid := mustMoney(t, inv1.Amount) + mustMoney(t, inv2.Amount) - short
		var payment struct {
			RecordPayment struct {
				ID, Amount, Unallocated string
				Allocations             []struct {
					Amount  string
					Invoice struct{ Number string }
				}
			}
		}
		manager.mustQuery(t, payQ, pay(paid, "BANK-1", nil), &payment)
		al := payment.RecordPayment.Allocations
		if len(al) != 2 || al[0].Invoice.Number != inv1.Number || al[0].Amount != inv1.Amount ||
			al[1].Invoice.Number != inv2.Number || mustMoney(t, al[1].Amount) != mustMoney(t, inv2.Amount)-short ||
			payment.RecordPayment.Unallocated != "0.00" {
			t.Fatalf("payment allocations = %+v, want all of %s and all but 50.00 of %s", payment.RecordPayment, inv1.Number, inv2.Number)
		}
		refused(t, admin, manager, "CONFLICT", "", payQ, pay(100, "BANK-1", nil))
		seen = orderAsSeen(t, dealer, o.ID)
		if seen.Invoices[0].Balance != "0.00" || mustMoney(t, seen.Invoices[1].Balance) != short {
			t.Errorf("balances = %s, %s; want 0.00 and 50.00", seen.Invoices[0].Balance, seen.Invoices[1].Balance)
		}

		// The statement: the dealer and its manager read the same bytes.
		st, dealerJSON := statement(t, dealer, acct.dealerID, issued, issued)
		_, managerJSON := statement(t, manager, acct.dealerID, issued, issued)
		if !bytes.Equal(dealerJSON, managerJSON) {
			t.Errorf("the dealer's statement differs from the manager's:\n%s\n%s", dealerJSON, managerJSON)
		}
		var kinds []string
		for _, l := range st.Lines {
			kinds = append(kinds, l.Kind+":"+l.Reference+":"+l.Balance+":"+deref(l.OrderNumber)+":"+deref(l.ShipmentNumber)+":"+deref(l.Reason))
		}
		wantKinds := []string{
			"INVOICE:" + inv1.Number + ":" + inv1.Amount + ":" + o.Number + ":" + s1.Number + ":·",
			"INVOICE:" + inv2.Number + ":" + money.Format(mustMoney(t, inv1.Amount)+mustMoney(t, inv2.Amount)) + ":" + o.Number + ":" + s2.Number + ":·",
			"PAYMENT:BANK-1:" + money.Format(short) + ":·:·:·",
		}
		if fmt.Sprint(kinds) != fmt.Sprint(wantKinds) {
			t.Errorf("statement lines = %v, want %v", kinds, wantKinds)
		}
		if st.OpeningBalance != "0.00" || mustMoney(t, st.ClosingBalance) != short || st.UnappliedCredit != "0.00" {
			t.Errorf("statement opening %s closing %s unapplied %s, want 0.00, 50.00, 0.00", st.OpeningBalance, st.ClosingBalance, st.UnappliedCredit)
		}

		// Ageing of the 50.00 left, by how long after its due date `to` is.
		for _, tc := range []struct {
			daysAfterDue int
			bucket       string
		}{
			{-1, "notYetDue"}, {0, "notYetDue"}, {1, "1-30"}, {30, "1-30"}, {31, "31-60"}, {60, "31-60"},
			{61, "61-90"}, {90, "61-90"}, {91, ">90"}, {400, ">90"},
		} {
			st, _ := statement(t, manager, acct.dealerID, issued, due.AddDate(0, 0, tc.daysAfterDue))
			a := st.Ageing
			got := map[string]string{"notYetDue": a.NotYetDue, "1-30": a.Overdue1To30, "31-60": a.Overdue31To60, "61-90": a.Overdue61To90, ">90": a.OverdueOver90}
			for bucket, amount := range got {
				want := "0.00"
				if bucket == tc.bucket {
					want = money.Format(short)
				}
				if amount != want {
					t.Errorf("%d days after the due date: %s = %s, want %s", tc.daysAfterDue, bucket, amount, want)
				}
			}
			if wantOverdue := map[bool]string{true: "0.00", false: money.Format(short)}[tc.bucket == "notYetDue"]; a.Overdue != wantOverdue {
				t.Errorf("%d days after the due date: overdue = %s, want %s", tc.daysAfterDue, a.Overdue, wantOverdue)
			}
		}
		// Before the invoices were issued, nothing was open.
		if st, _ := statement(t, manager, acct.dealerID, issued.AddDate(0, 0, -10), issued.AddDate(0, 0, -1)); st.ClosingBalance != "0.00" || len(st.Lines) != 0 {
			t.Errorf("statement before the invoices = %+v, want empty", st)
		}
		// Reading a period that ends before it starts is refused.
		if r := manager.query(t, statementQuery, map[string]any{"d": acct.dealerID, "from": "2026-02-01", "to": "2026-01-31"}); r.code() != "INVALID_INPUT" {
			t.Errorf("a backwards period: %q, want INVALID_INPUT", r.code())
		}

		// A credit note pays off the rest and leaves a credit, which the
		// statement shows and the next invoice uses.
		creditQ := `mutation($d: ID!, $amount: Money!, $reason: String!) { issueCreditNote(input: {dealerID: $d, amount: $amount, reason: $reason}) { number amount unallocated } }`
		refused(t, admin, dealer, "FORBIDDEN", "", creditQ, map[string]any{"d": acct.dealerID, "amount": "80.00", "reason": "Q3 rebate"})
		refused(t, admin, manager, "INVALID_INPUT", "reason", creditQ, map[string]any{"d": acct.dealerID, "amount": "80.00", "reason": ""})
		refused(t, admin, manager, "INVALID_INPUT", "amount", creditQ, map[string]any{"d": acct.dealerID, "amount": "-80.00", "reason": "Q3 rebate"})
		var cn struct {
			IssueCreditNote struct{ Number, Amount, Unallocated string }
		}
		manager.mustQuery(t, creditQ, map[string]any{"d": acct.dealerID, "amount": "80.00", "reason": "Q3 rebate"}, &cn)
		if !strings.HasPrefix(cn.IssueCreditNote.Number, "CN-") || cn.IssueCreditNote.Unallocated != "30.00" {
			t.Errorf("credit note = %+v, want 30.00 of 80.00 left after the open 50.00", cn.IssueCreditNote)
		}
		st, _ = statement(t, dealer, acct.dealerID, issued, time.Now().UTC())
		if l := st.Lines[len(st.Lines)-1]; l.Kind != "CREDIT_NOTE" || l.Reference != cn.IssueCreditNote.Number || deref(l.Reason) != "Q3 rebate" || l.OrderNumber != nil {
			t.Errorf("the credit note's line: %s %s, reason %q, order %v", l.Kind, l.Reference, deref(l.Reason), l.OrderNumber)
		}
		if st.ClosingBalance != "-30.00" || st.UnappliedCredit != "30.00" || st.Ageing.NotYetDue != "0.00" {
			t.Errorf("after the credit note: closing %s, unapplied %s, open %s; want -30.00, 30.00, 0.00", st.ClosingBalance, st.UnappliedCredit, st.Ageing.NotYetDue)
		}
		o2 := placeConfirmed(t, dealer, manager, 1)
		s3 := createShipment(t, manager, o2.ID, o2.Lines[0].ID, 1)
		s3 = deliveryEvent(t, manager, s3.ID, "IN_TRANSIT", "")
		if got, want := mustMoney(t, s3.Invoice.Balance), mustMoney(t, s3.Invoice.Amount)-3000; got != max(want, 0) {
			t.Errorf("new invoice %s: balance %s, want the 30.00 credit applied", s3.Invoice.Amount, s3.Invoice.Balance)
		}
	})
}

func productOf(t *testing.T, c client) string {
	t.Helper()
	var products struct {
		Products struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	c.mustQuery(t, `{ products(first: 1, where: {active: true}, orderBy: {field: SKU}) { edges { node { id } } } }`, nil, &products)
	return products.Products.Edges[0].Node.ID
}
