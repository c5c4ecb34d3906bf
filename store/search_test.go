package store_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/dealerline/dealerline/search"
	"github.com/dealerline/dealerline/store"
)

// ftsFinds reports how many search entries SQLite's full-text index finds
// for an FTS5 query.
func ftsFinds(t *testing.T, db *store.DB, query string) int {
	t.Helper()
	var n int
	err := db.SQL.QueryRow(`SELECT COUNT(*) FROM `+search.FTSTable+` JOIN search_entries e ON e.id = `+search.FTSTable+`.rowid
		WHERE `+search.FTSTable+` MATCH ?`, query).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// SQLite's full-text index survives a restart (migrating again leaves it
// be), follows updates and deletes, and travels in a backup.
func TestSearchIndex_SQLite(t *testing.T) {
	ctx := system()
	dir := t.TempDir()
	db := openSQLite(t, dir)
	ch := db.Client.Channel.Create().SetCode("R").SetName("Retail").SaveX(ctx)
	d := db.Client.Dealer.Create().SetCode("D-NORTH").SetName("北方分销").SetTier(1).SetJoinedOn(time.Now()).SetChannel(ch).SaveX(ctx)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db = openSQLite(t, dir)
	if n := ftsFinds(t, db, `"北方"`); n != 1 {
		t.Errorf("after a restart the index finds %d, want 1", n)
	}
	db.Client.Dealer.UpdateOneID(d.ID).SetName("South").ExecX(ctx)
	if n := ftsFinds(t, db, `"北方"`) + ftsFinds(t, db, `"sou"*`)*10; n != 10 {
		t.Errorf("after a rename the old name finds %d and the new %d, want 0 and 1", n%10, n/10)
	}

	file := filepath.Join(t.TempDir(), "dealerline.backup")
	if err := db.Backup(context.Background(), file); err != nil {
		t.Fatal(err)
	}
	to := t.TempDir()
	if err := store.Restore(context.Background(), file, to, false); err != nil {
		t.Fatal(err)
	}
	if n := ftsFinds(t, openSQLite(t, to), `"south"`); n != 1 {
		t.Errorf("the restored index finds %d, want 1", n)
	}
}
