package demo_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/demo"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/allocation"
	"github.com/dealerline/dealerline/ent/creditnote"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/deliveryevent"
	"github.com/dealerline/dealerline/ent/invoice"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/ent/orderevent"
	"github.com/dealerline/dealerline/ent/orderline"
	"github.com/dealerline/dealerline/ent/payment"
	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/ent/shipment"
	"github.com/dealerline/dealerline/ent/shipmentline"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/ordering"
	"github.com/dealerline/dealerline/ordering/status"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

// accountSet is the demo's shipments and accounts with the orders they
// come from.
type accountSet struct {
	orders   []*ent.Order // by placing time; lines by position, history in time order, shipments by id
	dealers  map[int]*ent.Dealer
	invoices []*ent.Invoice // by id, with allocations
	payments []*ent.Payment // by id, with allocations
	credits  []*ent.CreditNote
}

func readAccounts(t *testing.T, c *ent.Client) *accountSet {
	t.Helper()
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	var s accountSet
	var err error
	s.orders, err = c.Order.Query().
		WithLines(func(q *ent.OrderLineQuery) { q.Order(orderline.ByPosition()) }).
		WithHistory(func(q *ent.OrderEventQuery) { q.Order(orderevent.ByAt(), orderevent.ByID()) }).
		WithShipments(func(q *ent.ShipmentQuery) {
			q.Order(shipment.ByID()).
				WithLines(func(q *ent.ShipmentLineQuery) { q.Order(shipmentline.ByID()) }).
				WithEvents(func(q *ent.DeliveryEventQuery) { q.Order(deliveryevent.ByOccurredAt(), deliveryevent.ByID()) }).
				WithInvoice()
		}).
		Order(order.ByPlacedAt(), order.ByID()).
		All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := c.Dealer.Query().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.dealers = map[int]*ent.Dealer{}
	for _, d := range ds {
		s.dealers[d.ID] = d
	}
	withAllocations := func(q *ent.AllocationQuery) { q.Order(allocation.ByID()) }
	if s.invoices, err = c.Invoice.Query().WithAllocations(withAllocations).Order(invoice.ByID()).All(ctx); err != nil {
		t.Fatal(err)
	}
	if s.payments, err = c.Payment.Query().WithAllocations(withAllocations).Order(payment.ByID()).All(ctx); err != nil {
		t.Fatal(err)
	}
	if s.credits, err = c.CreditNote.Query().WithAllocations(withAllocations).Order(creditnote.ByID()).All(ctx); err != nil {
		t.Fatal(err)
	}
	return &s
}

// TestAccounts: the demo's shipments follow its orders' histories, every
// shipment that left is invoiced, allocations add up, and the statements
// of the documented dealers have something of everything. (Other days and
// determinism: TestOrdersOnOtherDays, TestOrdersDeterministic.)
func TestAccounts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := loaded(t, db)
		checkAccounts(t, readAccounts(t, c), today)
		checkStatements(t, c)
	})
}

func checkAccounts(t *testing.T, s *accountSet, today time.Time) {
	t.Run("shipments", func(t *testing.T) {
		for _, o := range s.orders {
			checkShipments(t, o, today)
		}
	})

	t.Run("invoices", func(t *testing.T) {
		for _, o := range s.orders {
			var invoiced int64
			full := true
			for _, l := range o.Edges.Lines {
				full = full && l.ShippedQuantity == l.Quantity
			}
			for _, sh := range o.Edges.Shipments {
				inv := sh.Edges.Invoice
				left := firstOf(sh, status.ShipmentInTransit)
				if (inv != nil) != (left != nil) {
					t.Fatalf("%s: invoice %v, left %v: want an invoice exactly when it has left", sh.Number, inv, left)
				}
				if inv == nil {
					continue
				}
				var amount int64
				for _, l := range sh.Edges.Lines {
					amount += l.Amount
				}
				d := s.dealers[o.DealerID]
				issued := left.OccurredAt.UTC().Truncate(24 * time.Hour)
				switch {
				case !strings.HasPrefix(inv.Number, "INV-"):
					t.Errorf("%s: invoice number %q", sh.Number, inv.Number)
				case !inv.IssuedOn.Equal(issued) || !inv.DueOn.Equal(issued.AddDate(0, 0, d.PaymentTermsDays)):
					t.Errorf("%s: issued %s due %s, want %s and %d days later", inv.Number, inv.IssuedOn, inv.DueOn, issued, d.PaymentTermsDays)
				case inv.Amount != amount || inv.OrderID != o.ID || inv.DealerID != o.DealerID:
					t.Errorf("%s: amount %d for order %d, want %d for %s", inv.Number, inv.Amount, inv.OrderID, amount, o.Number)
				}
				invoiced += inv.Amount
			}
			if full && o.Status == status.Delivered && invoiced != o.Total {
				t.Errorf("%s: invoiced %d, want the total %d", o.Number, invoiced, o.Total)
			}
		}
	})

	t.Run("allocations", func(t *testing.T) {
		byID := map[int]*ent.Invoice{}
		for _, inv := range s.invoices {
			byID[inv.ID] = inv
			open := inv.Amount
			var last time.Time
			for _, a := range inv.Edges.Allocations {
				open -= a.Amount
				last = later(last, a.AppliedOn)
			}
			if open != inv.Balance || open < 0 {
				t.Errorf("%s: balance %d, amount less allocations %d", inv.Number, inv.Balance, open)
			}
			if (inv.Balance == 0) != (inv.PaidOffOn != nil) || inv.PaidOffOn != nil && !inv.PaidOffOn.Equal(last) {
				t.Errorf("%s: balance %d, paid off on %v, last allocation counts from %s", inv.Number, inv.Balance, inv.PaidOffOn, last)
			}
		}
		refs := map[string]bool{}
		for _, p := range s.payments {
			left := p.Amount
			for _, a := range p.Edges.Allocations {
				left -= a.Amount
				if want := later(p.ReceivedOn, byID[a.InvoiceID].IssuedOn); !a.AppliedOn.Equal(want) {
					t.Errorf("payment %s to %s counts from %s, want %s", p.Reference, byID[a.InvoiceID].Number, a.AppliedOn, want)
				}
			}
			key := fmt.Sprint(p.DealerID, p.Reference)
			switch {
			case left != p.Unallocated || left < 0:
				t.Errorf("payment %s: unallocated %d, amount less allocations %d", p.Reference, p.Unallocated, left)
			case !p.ReceivedAt.Before(today) || !p.ReceivedOn.Equal(p.ReceivedAt.UTC().Truncate(24*time.Hour)):
				t.Errorf("payment %s received %s on %s", p.Reference, p.ReceivedAt, p.ReceivedOn)
			case refs[key]:
				t.Errorf("payment reference %s used twice", p.Reference)
			}
			refs[key] = true
		}
		for _, c := range s.credits {
			left := c.Amount
			for _, a := range c.Edges.Allocations {
				left -= a.Amount
			}
			if left != c.Unallocated || left < 0 || !strings.HasPrefix(c.Number, "CN-") || !c.IssuedAt.Before(today) {
				t.Errorf("credit note %s: unallocated %d, amount less allocations %d, issued %s", c.Number, c.Unallocated, left, c.IssuedAt)
			}
		}
	})

	// Held exactly when the exposure at placing (DESIGN.md §4: unpaid
	// invoice balances plus the uninvoiced value of orders not rejected,
	// cancelled or delivered) and the order's total pass the limit, as
	// ordering.HoldsCredit decides; never confirmed on hold.
	t.Run("credit", func(t *testing.T) {
		type paid struct {
			amount int64
			at     time.Time
		}
		issued := map[int]time.Time{} // invoice → when its shipment left
		invoices := map[int][]*ent.Invoice{}
		for _, o := range s.orders {
			for _, sh := range o.Edges.Shipments {
				if inv := sh.Edges.Invoice; inv != nil {
					issued[inv.ID] = *sh.ShippedAt
					invoices[o.DealerID] = append(invoices[o.DealerID], inv)
				}
			}
		}
		allocated := map[int][]paid{} // invoice → amounts and when they were applied
		for _, p := range s.payments {
			for _, a := range p.Edges.Allocations {
				allocated[a.InvoiceID] = append(allocated[a.InvoiceID], paid{a.Amount, later(p.ReceivedAt, issued[a.InvoiceID])})
			}
		}
		for _, c := range s.credits {
			for _, a := range c.Edges.Allocations {
				allocated[a.InvoiceID] = append(allocated[a.InvoiceID], paid{a.Amount, later(c.IssuedAt, issued[a.InvoiceID])})
			}
		}
		exposure := func(dealerID int, at time.Time) int64 {
			var sum int64
			invoicedBy := map[int]int64{} // order → invoiced before at
			for _, inv := range invoices[dealerID] {
				if !issued[inv.ID].Before(at) {
					continue
				}
				invoicedBy[inv.OrderID] += inv.Amount
				sum += inv.Amount
				for _, a := range allocated[inv.ID] {
					if a.at.Before(at) {
						sum -= a.amount
					}
				}
			}
			for _, o := range s.orders {
				if o.DealerID == dealerID && o.PlacedAt.Before(at) && statusAt(o, at).Open() {
					sum += o.Total - invoicedBy[o.ID]
				}
			}
			return sum
		}
		var held, released int
		for _, o := range s.orders {
			limit := s.dealers[o.DealerID].CreditLimit
			e := exposure(o.DealerID, o.PlacedAt)
			wasHeld := ordering.HoldsCredit(e, o.Total, limit)
			release := slices.IndexFunc(o.Edges.History, func(e *ent.OrderEvent) bool { return e.Kind == orderevent.KindCREDIT_HOLD_RELEASED })
			if got := o.CreditHold || release >= 0; got != wasHeld {
				t.Errorf("%s: held %v (released %v), want %v: exposure %d + total %d, limit %d",
					o.Number, o.CreditHold, release >= 0, wasHeld, e, o.Total, limit)
			}
			if o.CreditHold && release >= 0 {
				t.Errorf("%s: on hold after its release", o.Number)
			}
			confirmed := slices.IndexFunc(o.Edges.History, func(e *ent.OrderEvent) bool { return e.To == status.Confirmed })
			if wasHeld && confirmed >= 0 && (release < 0 || release > confirmed) {
				t.Errorf("%s: confirmed on credit hold", o.Number)
			}
			if o.CreditHold && o.Status == status.Submitted {
				held++
			}
			if release >= 0 {
				released++
			}
		}
		if held == 0 || released == 0 {
			t.Errorf("%d SUBMITTED orders on credit hold, %d holds released; want some of each", held, released)
		}
	})

	// What the portal and the statements have to show.
	t.Run("variety", func(t *testing.T) {
		var early, late, partPaid, overdue, over90, open int
		for _, inv := range s.invoices {
			switch {
			case inv.PaidOffOn != nil && !inv.PaidOffOn.After(inv.DueOn):
				early++
			case inv.PaidOffOn != nil:
				late++
			case inv.Balance < inv.Amount:
				partPaid++
			}
			if inv.Balance > 0 {
				open++
				if inv.DueOn.Before(today) {
					overdue++
				}
				if inv.DueOn.Before(today.AddDate(0, 0, -90)) {
					over90++
				}
			}
		}
		var exceptions, preparing int
		for _, o := range s.orders {
			for _, sh := range o.Edges.Shipments {
				if firstOf(sh, status.ShipmentException) != nil {
					exceptions++
				}
				if sh.Status == status.ShipmentPreparing {
					preparing++
				}
			}
		}
		t.Logf("%d invoices: %d paid on time, %d paid late, %d part-paid, %d open (%d overdue, %d over 90 days); %d payments, %d credit notes; %d shipments held up, %d being prepared",
			len(s.invoices), early, late, partPaid, open, overdue, over90, len(s.payments), len(s.credits), exceptions, preparing)
		if early < len(s.invoices)/2 || late < 10 || partPaid < 2 || overdue < 3 || over90 < 1 || open < 10 ||
			len(s.credits) < 2 || exceptions < 3 || preparing < 1 {
			t.Error("want most invoices paid on time, and some paid late, part-paid, overdue (some over 90 days) or not yet due; " +
				"a couple of credit notes; some shipments held up on the way and some being prepared")
		}
	})
}

// checkShipments: an order's shipments are what its status says, carry
// what its lines say, and move when its history says.
func checkShipments(t *testing.T, o *ent.Order, today time.Time) {
	t.Helper()
	events := map[status.Status]*ent.OrderEvent{}
	for _, e := range o.Edges.History {
		if e.Kind == orderevent.KindSTATUS_CHANGED {
			events[e.To] = e
		}
	}
	shipped, delivered := map[int]int{}, map[int]int{}
	var firstLeft, firstArrived, lastArrived time.Time
	for _, sh := range o.Edges.Shipments {
		if !strings.HasPrefix(sh.Number, "SH-") || sh.DealerID != o.DealerID {
			t.Errorf("%s of %s: number or dealer wrong", sh.Number, o.Number)
		}
		// Tracking: PREPARING first, then moves the machine allows, in time
		// order, all in the past.
		ev := sh.Edges.Events
		if len(ev) == 0 || ev[0].Status != status.ShipmentPreparing {
			t.Fatalf("%s: tracking starts %v, want PREPARING", sh.Number, ev)
		}
		for i, e := range ev {
			if !e.OccurredAt.Before(today) || e.DealerID != o.DealerID || e.ActorName == "" {
				t.Errorf("%s event %d: at %s by %q", sh.Number, i, e.OccurredAt, e.ActorName)
			}
			if i > 0 && (!status.CanMoveShipment(ev[i-1].Status, e.Status) || e.OccurredAt.Before(ev[i-1].OccurredAt)) {
				t.Errorf("%s: %s at %s after %s at %s", sh.Number, e.Status, e.OccurredAt, ev[i-1].Status, ev[i-1].OccurredAt)
			}
		}
		if f := events[status.InFulfillment]; f == nil || !ev[0].OccurredAt.After(f.At) {
			t.Errorf("%s prepared at %s, before %s was in fulfilment", sh.Number, ev[0].OccurredAt, o.Number)
		}
		if last := ev[len(ev)-1]; sh.Status != last.Status {
			t.Errorf("%s is %s, its last event %s", sh.Number, sh.Status, last.Status)
		}
		left, arrived := firstOf(sh, status.ShipmentInTransit), firstOf(sh, status.ShipmentDelivered)
		if left != nil && (sh.ShippedAt == nil || !sh.ShippedAt.Equal(left.OccurredAt)) ||
			arrived != nil && (sh.DeliveredAt == nil || !sh.DeliveredAt.Equal(arrived.OccurredAt)) {
			t.Errorf("%s: shipped %v delivered %v, not as its tracking says", sh.Number, sh.ShippedAt, sh.DeliveredAt)
		}
		if left != nil && (firstLeft.IsZero() || left.OccurredAt.Before(firstLeft)) {
			firstLeft = left.OccurredAt
		}
		if arrived != nil {
			if firstArrived.IsZero() || arrived.OccurredAt.Before(firstArrived) {
				firstArrived = arrived.OccurredAt
			}
			lastArrived = later(lastArrived, arrived.OccurredAt)
		}
		// Lines priced as the ordering service prices them.
		for _, l := range sh.Edges.Lines {
			var ol *ent.OrderLine
			for _, x := range o.Edges.Lines {
				if x.ID == l.OrderLineID {
					ol = x
				}
			}
			before, _ := ordering.LineAmount(shipped[ol.ID], ol.UnitPrice, ol.DiscountBasisPoints)
			after, _ := ordering.LineAmount(shipped[ol.ID]+l.Quantity, ol.UnitPrice, ol.DiscountBasisPoints)
			if l.Amount != after-before {
				t.Errorf("%s line of %s: amount %d, want %d", sh.Number, ol.Sku, l.Amount, after-before)
			}
			shipped[ol.ID] += l.Quantity
			if sh.Status == status.ShipmentDelivered {
				delivered[ol.ID] += l.Quantity
			}
		}
	}
	all, some := true, false
	for _, l := range o.Edges.Lines {
		if l.ShippedQuantity != shipped[l.ID] || l.DeliveredQuantity != delivered[l.ID] || shipped[l.ID] > l.Quantity {
			t.Errorf("%s line %d: %d ordered, shipped %d delivered %d; its shipments %d and %d",
				o.Number, l.Position, l.Quantity, l.ShippedQuantity, l.DeliveredQuantity, shipped[l.ID], delivered[l.ID])
		}
		all = all && delivered[l.ID] == l.Quantity
		some = some || delivered[l.ID] > 0
	}
	n := len(o.Edges.Shipments)
	var ok bool
	switch o.Status {
	case status.Submitted, status.Confirmed, status.Rejected, status.Cancelled:
		ok = n == 0
	case status.InFulfillment:
		ok = n <= 1 && firstLeft.IsZero()
	case status.Shipped:
		ok = n > 0 && !firstLeft.IsZero() && !some && firstLeft.Equal(events[status.Shipped].At)
	case status.PartiallyDelivered:
		ok = some && !all && firstArrived.Equal(events[status.PartiallyDelivered].At)
	case status.Delivered:
		ok = all && lastArrived.Equal(events[status.Delivered].At) && firstLeft.Equal(events[status.Shipped].At)
	}
	if !ok {
		t.Errorf("%s is %s with %d shipments: first left %s, first delivered %s, last delivered %s, lines delivered in full %v, some %v",
			o.Number, o.Status, n, firstLeft, firstArrived, lastArrived, all, some)
	}
}

func firstOf(sh *ent.Shipment, st status.ShipmentStatus) *ent.DeliveryEvent {
	for _, e := range sh.Edges.Events {
		if e.Status == st {
			return e
		}
	}
	return nil
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// checkStatements draws up the documented dealers' statements through the
// service: a year's closing balance is what was invoiced less what was
// paid and credited.
func checkStatements(t *testing.T, c *ent.Client) {
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	admin := c.User.Query().Where(user.Email("admin@demo.test")).OnlyX(ctx)
	ctx = auth.NewContext(context.Background(), &auth.Viewer{UserID: admin.ID, Name: admin.Name, Role: user.RoleADMIN})
	books := accounts.NewService(c, time.UTC)
	for _, code := range []string{demo.NorthDistribution, demo.SouthTraders} {
		d := c.Dealer.Query().Where(dealer.Code(code)).OnlyX(privacy.DecisionContext(ctx, privacy.Allow))
		st, err := books.Statement(ctx, d.ID, today.AddDate(-1, 0, 0), today)
		if err != nil {
			t.Fatal(err)
		}
		var invoiced, paid, credited int64
		sys := privacy.DecisionContext(ctx, privacy.Allow)
		for _, inv := range c.Invoice.Query().Where(invoice.DealerID(d.ID)).AllX(sys) {
			invoiced += inv.Amount
		}
		for _, p := range c.Payment.Query().Where(payment.DealerID(d.ID)).AllX(sys) {
			paid += p.Amount
		}
		for _, cn := range c.CreditNote.Query().Where(creditnote.DealerID(d.ID)).AllX(sys) {
			credited += cn.Amount
		}
		if st.OpeningBalance != 0 || st.ClosingBalance != invoiced-paid-credited || len(st.Lines) == 0 {
			t.Errorf("%s: opening %d closing %d over %d lines; want 0 and %d", code, st.OpeningBalance, st.ClosingBalance, len(st.Lines), invoiced-paid-credited)
		}
		if open := st.Ageing.NotYetDue + st.Ageing.Overdue + st.Ageing.Disputed; open-st.UnappliedCredit != st.ClosingBalance {
			t.Errorf("%s: open %d less unapplied %d, closing %d", code, open, st.UnappliedCredit, st.ClosingBalance)
		}
		t.Logf("%s: %d lines, invoiced %d, paid %d, credited %d, closing %d, ageing %+v", code, len(st.Lines), st.Invoiced, st.Paid, st.Credited, st.ClosingBalance, *st.Ageing)
	}
}

// accountDump is a canonical text of the shipments and accounts, no ids;
// times on loc's wall clock.
func accountDump(s *accountSet, loc *time.Location) string {
	var b strings.Builder
	numbers := map[int]string{}
	for _, o := range s.orders {
		for _, sh := range o.Edges.Shipments {
			fmt.Fprintf(&b, "%s %s %s %s %s %s eta=%s\n", o.Number, sh.Number, sh.Status, sh.Carrier, sh.TrackingNumber,
				wall(sh.CreatedAt, loc), sh.Eta.Format(time.DateOnly))
			for _, l := range sh.Edges.Lines {
				fmt.Fprintf(&b, "  x%d = %d\n", l.Quantity, l.Amount)
			}
			for _, e := range sh.Edges.Events {
				fmt.Fprintf(&b, "  %s %s %q %q %s\n", wall(e.OccurredAt, loc), e.Status, e.Location, e.Note, e.ActorName)
			}
		}
	}
	for _, inv := range s.invoices {
		numbers[inv.ID] = inv.Number
		fmt.Fprintf(&b, "%s %s issued=%s due=%s amount=%d balance=%d\n", inv.Number, s.dealers[inv.DealerID].Code,
			inv.IssuedOn.Format(time.DateOnly), inv.DueOn.Format(time.DateOnly), inv.Amount, inv.Balance)
	}
	allocations := func(as []*ent.Allocation) string {
		var out []string
		for _, a := range as {
			out = append(out, fmt.Sprintf("%s:%d@%s", numbers[a.InvoiceID], a.Amount, a.AppliedOn.Format(time.DateOnly)))
		}
		return strings.Join(out, " ")
	}
	for _, p := range s.payments {
		fmt.Fprintf(&b, "payment %s %s %s %d left=%d [%s]\n", s.dealers[p.DealerID].Code, p.Reference,
			wall(p.ReceivedAt, loc), p.Amount, p.Unallocated, allocations(p.Edges.Allocations))
	}
	for _, c := range s.credits {
		fmt.Fprintf(&b, "%s %s %s %q %d left=%d [%s]\n", c.Number, s.dealers[c.DealerID].Code, wall(c.IssuedAt, loc), c.Reason, c.Amount, c.Unallocated, allocations(c.Edges.Allocations))
	}
	return b.String()
}
