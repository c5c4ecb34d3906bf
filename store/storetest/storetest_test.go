package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/store"
)

func TestMain(m *testing.M) { Main(m) }

func databaseName(t *testing.T, db *sql.DB) string {
	t.Helper()
	var name string
	if err := db.QueryRow("SELECT current_database()").Scan(&name); err != nil {
		t.Fatal(err)
	}
	return name
}

func exists(t *testing.T, name string) bool {
	t.Helper()
	var ok bool
	if err := srv.admin.QueryRow("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&ok); err != nil {
		t.Fatal(err)
	}
	return ok
}

// TestOpenPostgres_OwnDatabase: each test gets a migrated database of its
// own, gone when the test ends.
func TestOpenPostgres_OwnDatabase(t *testing.T) {
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	OpenPostgres(t) // the template is made once, not timed below
	var names []string
	for i := range 3 {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			start := time.Now()
			db := OpenPostgres(t)
			t.Logf("database created from the template in %v", time.Since(start).Round(time.Millisecond))
			names = append(names, databaseName(t, db.SQL))
			if n, err := db.Client.Channel.Query().Count(ctx); err != nil || n != 0 {
				t.Fatalf("channels = %d, %v; want an empty migrated database", n, err)
			}
			if _, err := db.Client.Channel.Create().SetCode("ONLY").SetName("Mine").Save(ctx); err != nil {
				t.Fatal(err)
			}
		})
	}
	if names[0] == names[1] || names[1] == names[2] {
		t.Errorf("tests shared a database: %v", names)
	}
	for _, name := range names {
		if exists(t, name) {
			t.Errorf("database %s outlived its test", name)
		}
	}
}

// TestEmptyPostgres_NoSchema: an empty database has no tables, so it can
// be migrated from scratch.
func TestEmptyPostgres_NoSchema(t *testing.T) {
	db, err := sql.Open("pgx", EmptyPostgres(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("tables = %d, want 0", n)
	}
}

func TestEach_BothStores(t *testing.T) {
	var got []string
	Each(t, func(t *testing.T, db *store.DB) {
		got = append(got, t.Name()+" "+db.Dialect)
	})
	want := []string{"TestEach_BothStores/sqlite sqlite3", "TestEach_BothStores/postgres postgres"}
	if os.Getenv("TEST_DATABASE_URL") == "" {
		want = want[:1] // PostgreSQL skipped
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("ran %v, want %v", got, want)
	}
}

// TestDropLeftovers: databases of a test binary that is gone are dropped;
// those of one still running are kept.
func TestDropLeftovers(t *testing.T) {
	ctx := context.Background()
	s := server(t)
	hold, err := s.admin.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer hold.Close()
	alive, gone := ownerKey(), ownerKey()
	if _, err := hold.ExecContext(ctx, "SELECT pg_advisory_lock($1)", alive); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, key := range []int64{alive, gone} {
		name := fmt.Sprintf("%s%016x_1", prefix, uint64(key))
		if _, err := s.admin.Exec("CREATE DATABASE " + quote(name)); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.drop(ctx, name) })
		names = append(names, name)
	}

	if err := s.dropLeftovers(ctx); err != nil {
		t.Fatal(err)
	}
	if !exists(t, names[0]) {
		t.Errorf("%s was dropped while its owner runs", names[0])
	}
	if exists(t, names[1]) {
		t.Errorf("%s was kept though its owner is gone", names[1])
	}
}

// TestOpenPostgres_Parallel: parallel tests copy the one template at once.
func TestOpenPostgres_Parallel(t *testing.T) {
	for i := range 8 {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			db := OpenPostgres(t)
			t.Logf("database ready in %v", time.Since(start).Round(time.Millisecond))
			if err := db.SQL.Ping(); err != nil {
				t.Fatal(err)
			}
		})
	}
}
