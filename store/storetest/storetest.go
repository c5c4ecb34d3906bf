// Package storetest gives each test its own migrated database.
package storetest

import (
	"context"
	"testing"

	"github.com/dealerline/dealerline/store"
)

// Open returns a migrated SQLite database in a fresh temporary directory,
// closed when the test ends. A file, not shared-cache memory: that returns
// SQLITE_LOCKED and is shared by every test using the same name.
func Open(tb testing.TB) *store.DB {
	tb.Helper()
	db, err := store.OpenSQLite(tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	if err := db.Migrate(context.Background()); err != nil {
		tb.Fatal(err)
	}
	return db
}
