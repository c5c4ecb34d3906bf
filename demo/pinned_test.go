package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/dealerline/dealerline/demo"
	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/store/storetest"
)

// The orders, line and shipment README's examples name have the same ids
// whatever day the demo is loaded: a leap year's February, a month's first
// day, a Sunday.
func TestLoad_PinnedIDsAreTheSameEveryDay(t *testing.T) {
	type want struct {
		id     int
		dealer string
		status string
	}
	orders := []want{
		{38654705665, "D-NORTH", "CONFIRMED"},
		{38654705666, "D-SOUTH", "SHIPPED"},
		{38654705667, "D-SOUTH", "SUBMITTED"},
		{38654705668, "D-NORTH", "SUBMITTED"},
		{38654705669, "D-KA-02", "SUBMITTED"},
	}
	for _, day := range []time.Time{
		time.Date(2028, 2, 29, 0, 0, 0, 0, time.UTC),
		time.Date(2027, 7, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC),
	} {
		t.Run(day.Format(time.DateOnly), func(t *testing.T) {
			db := storetest.Open(t)
			ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
			if err := demo.Load(ctx, db.Client, day); err != nil {
				t.Fatal(err)
			}
			for _, w := range orders {
				o, err := db.Client.Order.Get(ctx, w.id)
				if err != nil {
					t.Fatalf("order %d: %v", w.id, err)
				}
				d, err := o.QueryDealer().Only(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if d.Code != w.dealer || string(o.Status) != w.status {
					t.Errorf("order %d: %s %s, want %s %s", w.id, d.Code, o.Status, w.dealer, w.status)
				}
			}
			if held, _ := db.Client.Order.Get(ctx, 38654705669); held != nil && !held.CreditHold {
				t.Error("order 38654705669 is not on credit hold")
			}
			line, err := db.Client.OrderLine.Get(ctx, 47244640257)
			if err != nil || line.OrderID != 38654705665 || line.Quantity < 6 {
				t.Errorf("line 47244640257: %+v, %v; want a line of 38654705665 of at least 6 units", line, err)
			}
			sh, err := db.Client.Shipment.Get(ctx, 81604378625)
			if err != nil || sh.OrderID != 38654705666 || (sh.Status != "IN_TRANSIT" && sh.Status != "EXCEPTION") {
				t.Errorf("shipment 81604378625: %+v, %v; want 38654705666's, on its way", sh, err)
			}
		})
	}
}
