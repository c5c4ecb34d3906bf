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

// A stock line written before lines had the product's SKU and name gets
// them when SQLite is migrated at start.
func TestInventoryLineNames_FilledInAtStart_SQLite(t *testing.T) {
	ctx := system()
	dir := t.TempDir()
	db := openSQLite(t, dir)
	s := newSeed(t, db.Client)
	p := db.Client.Product.Create().SetSku("SKU-1").SetName("Pump").SetCategory("c").SetUnitCost(100).SetListPrice(200).SaveX(ctx)
	r := db.Client.InventoryReport.Create().SetDealerID(s.dealer.ID).SetReportedOn(day("2026-03-01")).SetRecordedByName("Ann").SaveX(ctx)
	line := db.Client.InventoryLine.Create().SetReportID(r.ID).SetDealerID(s.dealer.ID).SetProductID(p.ID).SetSku("").SetProductName("").SetStock(3).SetUnitCost(100).SaveX(ctx)
	for _, q := range []string{`ALTER TABLE inventory_lines DROP COLUMN sku`, `ALTER TABLE inventory_lines DROP COLUMN product_name`} {
		if _, err := db.SQL.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db = openSQLite(t, dir)
	got := db.Client.InventoryLine.GetX(ctx, line.ID)
	if got.Sku != "SKU-1" || got.ProductName != "Pump" {
		t.Errorf("after a start the line is named %q %q, want SKU-1 Pump", got.Sku, got.ProductName)
	}
}

// The PostgreSQL migration that adds a column fills it by the same
// statements as SQLite's start.
func TestFills_MigrationsFillAlike(t *testing.T) {
	for _, f := range store.Fills() {
		files, err := filepath.Glob("../migrations/*_" + f.Migration + ".sql")
		if err != nil || len(files) != 1 {
			t.Fatalf("the migration adding %s.%s: %v %v", f.Table, f.Column, files, err)
		}
		sql, err := os.ReadFile(files[0])
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range f.Statements {
			if !strings.Contains(string(sql), q) {
				t.Errorf("%s does not run\n%s", files[0], q)
			}
		}
	}
}
