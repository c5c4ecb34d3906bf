package ordering_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/ent/orderevent"
	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/ordering"
	"github.com/dealerline/dealerline/ordering/status"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/quotas"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

func (f *fixture) ship(t *testing.T, o *ent.Order, line *ent.OrderLine, quantity int, to ...status.ShipmentStatus) *ent.Shipment {
	t.Helper()
	var sh *ent.Shipment
	err := f.do(t, func(ctx context.Context) (err error) {
		sh, err = f.orders.CreateShipment(ctx, ordering.ShipmentInput{
			OrderID: o.ID, Carrier: "SF", Lines: []ordering.ShipmentLine{{OrderLineID: line.ID, Quantity: quantity}},
		})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range to {
		if err := f.do(t, func(ctx context.Context) (err error) {
			sh, err = f.orders.RecordDeliveryEvent(ctx, ordering.DeliveryInput{ShipmentID: sh.ID, Status: st})
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	return sh
}

func (f *fixture) stock(t *testing.T) (onHand, reserved int) {
	t.Helper()
	p := f.client.Product.GetX(privacy.DecisionContext(context.Background(), privacy.Allow), f.product)
	return p.OnHand, p.Reserved
}

// Confirming reserves what is free and backorders the rest; the
// backordered units ship only from free stock; cancelling gives the
// reservation back.
func TestStock_ReserveBackorderShipCancel(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		sys := privacy.DecisionContext(context.Background(), privacy.Allow)
		f.client.Product.UpdateOneID(f.product).SetOnHand(10).ExecX(sys)

		a, la := f.confirmedOrder(t, 6)
		if a.Backorder || la.BackorderedQuantity != 0 {
			t.Fatalf("6 of 10: backorder %v, %d backordered", a.Backorder, la.BackorderedQuantity)
		}
		b, lb := f.confirmedOrder(t, 7)
		if !b.Backorder || lb.BackorderedQuantity != 3 {
			t.Fatalf("7 with 4 free: backorder %v, %d backordered, want 3", b.Backorder, lb.BackorderedQuantity)
		}
		if on, res := f.stock(t); on != 10 || res != 10 {
			t.Fatalf("stock %d on hand, %d reserved; want 10, 10", on, res)
		}
		// Its 4 reserved units ship; the 3 backordered wait for stock.
		f.ship(t, b, lb, 4)
		err := f.do(t, func(ctx context.Context) error {
			_, err := f.orders.CreateShipment(ctx, ordering.ShipmentInput{OrderID: b.ID, Carrier: "SF", Lines: []ordering.ShipmentLine{{OrderLineID: lb.ID, Quantity: 3}}})
			return err
		})
		if e, ok := apperr.As(err); !ok || e.Code != apperr.InvalidInput || e.Field != "lines[0].quantity" {
			t.Fatalf("shipping backordered units with nothing free: %v", err)
		}
		if on, res := f.stock(t); on != 6 || res != 6 {
			t.Fatalf("after shipping 4: %d on hand, %d reserved; want 6, 6", on, res)
		}
		// Cancelling the first order frees its 6: the backorder ships.
		if err := f.do(t, func(ctx context.Context) error {
			_, err := f.orders.Transition(ctx, a.ID, status.Cancelled, "", nil)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if on, res := f.stock(t); on != 6 || res != 0 {
			t.Fatalf("after the cancellation: %d on hand, %d reserved; want 6, 0", on, res)
		}
		f.ship(t, b, lb, 3)
		lb = f.client.OrderLine.GetX(sys, lb.ID)
		if on, res := f.stock(t); on != 3 || res != 0 || lb.BackorderedQuantity != 0 || lb.ShippedQuantity != 7 {
			t.Fatalf("after shipping the backorder: %d on hand, %d reserved, line %d backordered %d shipped", on, res, lb.BackorderedQuantity, lb.ShippedQuantity)
		}
	})
}

// An order closed short is DELIVERED with the rest of its lines closed and
// their reservation released, its history says so, and net sales count it
// at what was delivered.
func TestStock_CloseShort(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		sys := privacy.DecisionContext(context.Background(), privacy.Allow)
		o, line := f.confirmedOrder(t, 10)
		on0, res0 := f.stock(t)

		closeShort := func() error {
			return f.do(t, func(ctx context.Context) error {
				_, err := f.orders.CloseShort(ctx, o.ID, "The rest is discontinued")
				return err
			})
		}
		// Not before it is partly delivered, nor while a shipment is on
		// its way.
		if e, ok := apperr.As(closeShort()); !ok || e.Code != apperr.InvalidTransition {
			t.Fatalf("closing a CONFIRMED order: %v", e)
		}
		f.ship(t, o, line, 4, status.ShipmentInTransit, status.ShipmentDelivered)
		second := f.ship(t, o, line, 2, status.ShipmentInTransit)
		if e, ok := apperr.As(closeShort()); !ok || e.Code != apperr.InvalidTransition {
			t.Fatalf("closing with a shipment in transit: %v", e)
		}
		if err := f.do(t, func(ctx context.Context) error {
			_, err := f.orders.RecordDeliveryEvent(ctx, ordering.DeliveryInput{ShipmentID: second.ID, Status: status.ShipmentDelivered})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		invoices := f.client.Invoice.Query().CountX(sys)
		if err := closeShort(); err != nil {
			t.Fatal(err)
		}
		o = f.client.Order.GetX(sys, o.ID)
		line = f.client.OrderLine.GetX(sys, line.ID)
		if o.Status != status.Delivered || line.ClosedQuantity != 4 || line.DeliveredQuantity != 6 {
			t.Fatalf("closed short: %s, line %d closed %d delivered", o.Status, line.ClosedQuantity, line.DeliveredQuantity)
		}
		if on, res := f.stock(t); on != on0-6 || res != res0-10 {
			t.Errorf("stock after: %d on hand, %d reserved; want %d, %d", on, res, on0-6, res0-10)
		}
		last := f.client.OrderEvent.Query().Where(orderevent.OrderID(o.ID)).Order(ent.Desc(orderevent.FieldAt), ent.Desc(orderevent.FieldID)).FirstX(sys)
		if last.To != status.Delivered || !strings.Contains(last.Note, "Closed short") || !strings.Contains(last.Note, "discontinued") {
			t.Errorf("last history entry %s %q", last.To, last.Note)
		}
		if n := f.client.Invoice.Query().CountX(sys); n != invoices {
			t.Errorf("closing short changed invoices: %d → %d", invoices, n)
		}
		if e, ok := apperr.As(closeShort()); !ok || e.Code != apperr.InvalidTransition {
			t.Errorf("closing a DELIVERED order again: %v", e)
		}

		// Net sales: 6 delivered units, not the 10 ordered.
		placed := o.PlacedAt
		sales, err := quotas.SalesOf(sys, f.client, time.UTC, order.ID(o.ID), period.MonthOf(placed))
		if err != nil {
			t.Fatal(err)
		}
		want, _ := ordering.LineAmount(6, line.UnitPrice, line.DiscountBasisPoints)
		if got := sales[f.dealerID]; got.Net != want || got.CostOfGoods != 6*line.UnitCost {
			t.Errorf("net sales %d, cost %d; want %d, %d (6 delivered of 10)", got.Net, got.CostOfGoods, want, 6*line.UnitCost)
		}
	})
}
