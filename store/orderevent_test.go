package store_test

import (
	"testing"

	"github.com/dealerline/dealerline/ent/orderevent"
	"github.com/dealerline/dealerline/ordering/status"
)

// Order events written before order_events had dealer_id get their
// order's dealer when SQLite is migrated at start.
func TestOrderEventDealers_FilledInAtStart_SQLite(t *testing.T) {
	ctx := system()
	dir := t.TempDir()
	db := openSQLite(t, dir)
	s := newSeed(t, db.Client)
	o := db.Client.Order.Create().SetDealer(s.dealer).SetPlacedAt(day("2026-03-01")).SetTotal(100).SaveX(ctx)
	old := db.Client.OrderEvent.Create().SetOrderID(o.ID).SetTo(status.Submitted).SetActorName("Ann").SetAt(day("2026-03-01")).SaveX(ctx)
	if old.DealerID != 0 {
		t.Fatalf("an event written without its dealer has dealer_id %d", old.DealerID)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db = openSQLite(t, dir)
	got := db.Client.OrderEvent.Query().Where(orderevent.ID(old.ID)).OnlyX(ctx)
	if got.DealerID != s.dealer.ID {
		t.Errorf("after a start the event's dealer_id is %d, want %d", got.DealerID, s.dealer.ID)
	}
}
