package ordering_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/orderevent"
	"github.com/dealerline/dealerline/ent/orderline"
	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/ordering"
	"github.com/dealerline/dealerline/ordering/status"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

func TestShipmentStatus_Moves(t *testing.T) {
	allowed := map[[2]status.ShipmentStatus]bool{
		{status.ShipmentPreparing, status.ShipmentInTransit}: true,
		{status.ShipmentInTransit, status.ShipmentInTransit}: true, // a new scan on the way
		{status.ShipmentInTransit, status.ShipmentDelivered}: true,
		{status.ShipmentInTransit, status.ShipmentException}: true,
		{status.ShipmentException, status.ShipmentException}: true, // another failed attempt
		{status.ShipmentException, status.ShipmentInTransit}: true,
	}
	all := []status.ShipmentStatus{status.ShipmentPreparing, status.ShipmentInTransit, status.ShipmentDelivered, status.ShipmentException}
	for _, from := range all {
		for _, to := range all {
			t.Run(fmt.Sprintf("%s→%s", from, to), func(t *testing.T) {
				if got, want := status.CanMoveShipment(from, to), allowed[[2]status.ShipmentStatus{from, to}]; got != want {
					t.Errorf("CanMoveShipment = %v, want %v", got, want)
				}
			})
		}
	}
}

// fixture is an administrator, a dealer and a product with a price.
type fixture struct {
	client   *ent.Client
	orders   *ordering.Service
	admin    context.Context
	dealerID int
	product  int
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	sys := privacy.DecisionContext(context.Background(), privacy.Allow)
	c := db.Client
	admin := c.User.Create().SetEmail("admin@test").SetName("Admin").SetPasswordHash("x").SetRole(user.RoleADMIN).SaveX(sys)
	ch := c.Channel.Create().SetCode("RETAIL").SetName("Retail").SaveX(sys)
	d := c.Dealer.Create().SetCode("D-1").SetName("Dealer").SetTier(2).SetCreditLimit(1 << 40).
		SetJoinedOn(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)).SetChannelID(ch.ID).SaveX(sys)
	p := c.Product.Create().SetSku("SKU-1").SetName("Drill").SetCategory("Tools").SetUnitCost(500).SetListPrice(2000).SetOnHand(100_000).SaveX(sys)
	c.Price.Create().SetProductID(p.ID).SetTier(2).SetAmount(1299).SetValidFrom(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)).SaveX(sys)
	return &fixture{
		client:   c,
		orders:   ordering.NewService(c, 10000, time.UTC),
		admin:    auth.NewContext(context.Background(), &auth.Viewer{UserID: admin.ID, Name: admin.Name, Role: user.RoleADMIN}),
		dealerID: d.ID,
		product:  p.ID,
	}
}

// do runs fn in a transaction of its own, as a request does.
func (f *fixture) do(t *testing.T, fn func(ctx context.Context) error) error {
	ctx, tx, err := f.client.OpenTx(f.admin)
	if err != nil {
		t.Fatal(err)
	}
	if err := fn(ctx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func (f *fixture) confirmedOrder(t *testing.T, quantity int) (*ent.Order, *ent.OrderLine) {
	t.Helper()
	var o *ent.Order
	err := f.do(t, func(ctx context.Context) (err error) {
		if o, err = f.orders.Place(ctx, ordering.PlaceInput{DealerID: &f.dealerID, Lines: []ordering.Line{{ProductID: f.product, Quantity: quantity}}}); err != nil {
			return err
		}
		o, err = f.orders.Transition(ctx, o.ID, status.Confirmed, "", nil)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	line := f.client.OrderLine.Query().Where(orderline.OrderID(o.ID)).OnlyX(privacy.DecisionContext(context.Background(), privacy.Allow))
	return o, line
}

// Two managers shipping what is left of one order at the same moment: one
// shipment is made, the other refused, and the line never ships more than
// was ordered.
func TestCreateShipment_ConcurrentShipmentsNeverShipMoreThanOrdered(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		for round := range 5 {
			o, line := f.confirmedOrder(t, 7)
			errs := make([]error, 2)
			var wg sync.WaitGroup
			for i := range errs {
				wg.Go(func() {
					errs[i] = f.do(t, func(ctx context.Context) error {
						_, err := f.orders.CreateShipment(ctx, ordering.ShipmentInput{
							OrderID: o.ID, Carrier: "SF", Lines: []ordering.ShipmentLine{{OrderLineID: line.ID, Quantity: 7}},
						})
						return err
					})
				})
			}
			wg.Wait()
			ok := 0
			for _, err := range errs {
				switch code := apperr.CodeOf(err); code {
				case "":
					ok++
				case apperr.Conflict, apperr.InvalidInput:
				default:
					t.Errorf("round %d: %v", round, err)
				}
			}
			line = f.client.OrderLine.GetX(privacy.DecisionContext(context.Background(), privacy.Allow), line.ID)
			if ok != 1 || line.ShippedQuantity != 7 {
				t.Errorf("round %d: %d shipments made (%v), %d shipped of 7", round, ok, errs, line.ShippedQuantity)
			}
		}
	})
}

// A delivery reported late, with a time before what the order went
// through already, still comes last in the order's history.
func TestRecordDeliveryEvent_OrderHistoryStaysInOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		start := time.Now().Add(-3 * time.Hour)
		clock := start
		f.orders = f.orders.WithClock(func() time.Time { return clock })
		o, line := f.confirmedOrder(t, 2)
		var ships []*ent.Shipment
		for range 2 {
			err := f.do(t, func(ctx context.Context) error {
				sh, err := f.orders.CreateShipment(ctx, ordering.ShipmentInput{OrderID: o.ID, Carrier: "SF", Lines: []ordering.ShipmentLine{{OrderLineID: line.ID, Quantity: 1}}})
				ships = append(ships, sh)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		record := func(sh *ent.Shipment, st status.ShipmentStatus, at time.Time) {
			t.Helper()
			err := f.do(t, func(ctx context.Context) error {
				_, err := f.orders.RecordDeliveryEvent(ctx, ordering.DeliveryInput{ShipmentID: sh.ID, Status: st, OccurredAt: &at})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		clock = start.Add(2 * time.Hour)
		now := start
		record(ships[0], status.ShipmentInTransit, now.Add(time.Second))
		record(ships[1], status.ShipmentInTransit, now.Add(2*time.Second))
		record(ships[1], status.ShipmentDelivered, now.Add(time.Hour))
		record(ships[0], status.ShipmentDelivered, now.Add(30*time.Minute)) // arrived first, reported last
		history := f.client.Order.GetX(privacy.DecisionContext(context.Background(), privacy.Allow), o.ID).
			QueryHistory().Order(orderevent.ByAt(), orderevent.ByID()).AllX(privacy.DecisionContext(context.Background(), privacy.Allow))
		var last time.Time
		var trail []status.Status
		for _, e := range history {
			if e.At.Before(last) {
				t.Errorf("%s at %s comes before the previous event at %s", e.To, e.At, last)
			}
			last = e.At
			trail = append(trail, e.To)
		}
		if got, want := fmt.Sprint(trail), "[SUBMITTED CONFIRMED IN_FULFILLMENT SHIPPED PARTIALLY_DELIVERED DELIVERED]"; got != want {
			t.Errorf("history = %s, want %s", got, want)
		}
	})
}
