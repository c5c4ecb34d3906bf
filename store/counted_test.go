package store_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/ordering/status"
	"github.com/dealerline/dealerline/store"
)

// An order's history keeps its figures (ordering/counted): dated by its
// CONFIRMED and DELIVERED events, counted whole unless a line was closed
// short. Orders written before orders had the figures get the same when
// SQLite is migrated at start.
func TestOrderFigures_KeptAndFilledInAtStart_SQLite(t *testing.T) {
	ctx := system()
	dir := t.TempDir()
	db := openSQLite(t, dir)
	s := newSeed(t, db.Client)
	confirmed, delivered := day("2026-03-02").Add(10*time.Hour), day("2026-03-05").Add(22*time.Hour)
	placeDelivered := func(deliveredUnits int) *ent.Order {
		o := db.Client.Order.Create().SetDealer(s.dealer).SetStatus(status.Delivered).SetPlacedAt(day("2026-03-01")).SetTotal(5000).
			SetNetAmount(5000).SetCostOfGoods(1250).SaveX(ctx)
		for i, l := range []struct{ q, d int }{{3, 3}, {2, deliveredUnits}} {
			db.Client.OrderLine.Create().SetOrderID(o.ID).SetPosition(i + 1).SetSku("S").SetProductName("P").
				SetQuantity(l.q).SetUnitPrice(1000).SetUnitCost(250).SetAmount(int64(l.q) * 1000).
				SetShippedQuantity(l.d).SetDeliveredQuantity(l.d).ExecX(ctx)
		}
		for _, e := range []struct {
			to status.Status
			at time.Time
		}{{status.Submitted, day("2026-03-01")}, {status.Confirmed, confirmed}, {status.Delivered, delivered}} {
			db.Client.OrderEvent.Create().SetOrderID(o.ID).SetDealerID(s.dealer.ID).SetTo(e.to).SetActorName("Ann").SetAt(e.at).ExecX(ctx)
		}
		return o
	}
	whole, short := placeDelivered(2), placeDelivered(1)
	check := func(when string) {
		t.Helper()
		get := func(o *ent.Order) *ent.Order { return db.Client.Order.Query().Where(order.ID(o.ID)).OnlyX(ctx) }
		for _, o := range []*ent.Order{get(whole), get(short)} {
			if o.ConfirmedAt == nil || !o.ConfirmedAt.Equal(confirmed) || o.DeliveredAt == nil || !o.DeliveredAt.Equal(delivered) {
				t.Errorf("%s: order %d confirmed %v, delivered %v; want %v and %v", when, o.ID, o.ConfirmedAt, o.DeliveredAt, confirmed, delivered)
			}
		}
		if o := get(whole); o.NetAmount == nil || *o.NetAmount != 5000 || o.CostOfGoods == nil || *o.CostOfGoods != 1250 {
			t.Errorf("%s: an order delivered whole has net amount %v, cost of goods %v; want 5000 and 1250", when, o.NetAmount, o.CostOfGoods)
		}
		if o := get(short); o.NetAmount != nil || o.CostOfGoods != nil {
			t.Errorf("%s: an order closed short has net amount %v, cost of goods %v; want none (counted from its lines)", when, o.NetAmount, o.CostOfGoods)
		}
	}
	check("as written")
	// As a database from before the columns: without them.
	for _, q := range []string{
		`DROP INDEX order_placed_at`, `DROP INDEX order_placed_at_uncounted`, `DROP INDEX order_delivered_at`,
		`DROP INDEX order_dealer_id_delivered_at`, `ALTER TABLE orders DROP COLUMN net_amount`,
		`ALTER TABLE orders DROP COLUMN cost_of_goods`, `ALTER TABLE orders DROP COLUMN confirmed_at`,
		`ALTER TABLE orders DROP COLUMN delivered_at`,
	} {
		if _, err := db.SQL.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db = openSQLite(t, dir)
	check("after a start without the columns")
}

// The PostgreSQL migration that adds the columns fills them by the same
// statements as SQLite's start.
func TestOrderFigures_MigrationFillsAlike(t *testing.T) {
	files, err := filepath.Glob("../migrations/*_order_counted_figures.sql")
	if err != nil || len(files) != 1 {
		t.Fatalf("the migration adding the figures of orders: %v %v", files, err)
	}
	sql, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range store.FillOrderFigures {
		if !strings.Contains(string(sql), q) {
			t.Errorf("%s does not run\n%s", files[0], q)
		}
	}
}
