// Package storetest gives each test its own migrated database: SQLite in a
// temporary directory, or PostgreSQL cloned from a template that is
// migrated once per test binary.
//
// PostgreSQL tests connect to the server at TEST_DATABASE_URL (e.g.
// postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable) and create
// their databases there, named dealerline_test_<owner>_<n>. Without
// TEST_DATABASE_URL they skip, or fail when DEALERLINE_REQUIRE_SERVICES=1.
// Each test drops its database when it ends. The template goes when the
// binary ends if its TestMain calls Main; otherwise, and after a crash, the
// next test binary drops it: each binary holds an advisory lock keyed by
// its owner part while it runs, and databases whose lock nobody holds are
// left over.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/binary"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
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

// OpenPostgres returns a migrated PostgreSQL database of the test's own,
// dropped when the test ends.
func OpenPostgres(tb testing.TB) *store.DB {
	tb.Helper()
	s := server(tb)
	if err := s.template(); err != nil {
		tb.Fatalf("migrate the template database: %v", err)
	}
	db, err := store.OpenPostgres(s.create(tb, s.templateName))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// EmptyPostgres returns the URL of a new, empty PostgreSQL database of the
// test's own (no schema), dropped when the test ends.
func EmptyPostgres(tb testing.TB) string {
	tb.Helper()
	return server(tb).create(tb, "")
}

// Each runs fn as the subtests "sqlite" and "postgres", each on a fresh
// migrated database.
func Each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, Open(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, OpenPostgres(t)) })
}

// Main runs the tests of a package and then drops its template database.
// Call it from TestMain; without it the next test binary drops the template.
func Main(m *testing.M) {
	code := m.Run()
	if srv.owner != "" {
		if err := srv.dropOwned(context.Background(), srv.owner); err != nil {
			fmt.Fprintln(os.Stderr, "storetest: drop the test databases:", err)
		}
	}
	os.Exit(code)
}

// RequireServices reports whether a missing test service is a failure
// rather than a reason to skip.
func RequireServices() bool { return os.Getenv("DEALERLINE_REQUIRE_SERVICES") == "1" }

// pgServer is the PostgreSQL server of TEST_DATABASE_URL, shared by the
// tests of one binary.
type pgServer struct {
	connect sync.Once
	err     error
	url     *url.URL
	admin   *sql.DB   // on TEST_DATABASE_URL's database: creates and drops
	lock    *sql.Conn // holds the owner's advisory lock while the binary runs
	owner   string    // 16 hex digits, unique to this binary
	n       atomic.Int64

	migrate      sync.Once
	templateErr  error
	templateName string
}

var srv pgServer

const prefix = "dealerline_test_"

func server(tb testing.TB) *pgServer {
	tb.Helper()
	raw := os.Getenv("TEST_DATABASE_URL")
	if raw == "" {
		if RequireServices() {
			tb.Fatal("TEST_DATABASE_URL is not set and DEALERLINE_REQUIRE_SERVICES=1")
		}
		tb.Skip("TEST_DATABASE_URL is not set")
	}
	srv.connect.Do(func() { srv.err = srv.open(raw) })
	if srv.err != nil {
		tb.Fatalf("TEST_DATABASE_URL: %v", srv.err)
	}
	return &srv
}

func (s *pgServer) open(raw string) error {
	ctx := context.Background()
	var err error
	if s.url, err = url.Parse(raw); err != nil {
		return err
	}
	if s.admin, err = sql.Open("pgx", raw); err != nil {
		return err
	}
	if s.lock, err = s.admin.Conn(ctx); err != nil {
		return err
	}
	key := ownerKey()
	s.owner = fmt.Sprintf("%016x", uint64(key))
	if _, err := s.lock.ExecContext(ctx, "SELECT pg_advisory_lock($1)", key); err != nil {
		return err
	}
	s.templateName = prefix + s.owner + "_template"
	return s.dropLeftovers(ctx)
}

func ownerKey() int64 {
	var b [8]byte
	rand.Read(b[:])
	return int64(binary.BigEndian.Uint64(b[:]))
}

// dropLeftovers drops the databases of earlier test binaries that are gone:
// nobody holds their owner's lock. pg_locks shows the locks of every
// database, so it holds whichever database TEST_DATABASE_URL names.
func (s *pgServer) dropLeftovers(ctx context.Context) error {
	rows, err := s.admin.QueryContext(ctx, `SELECT DISTINCT split_part(substr(datname, $2), '_', 1) FROM pg_database WHERE starts_with(datname, $1)`,
		prefix, len(prefix)+1)
	if err != nil {
		return err
	}
	var owners []string
	for rows.Next() {
		var owner string
		if err := rows.Scan(&owner); err != nil {
			rows.Close()
			return err
		}
		owners = append(owners, owner)
	}
	rows.Close()
	for _, owner := range owners {
		key, err := strconv.ParseUint(owner, 16, 64)
		if err != nil || owner == s.owner {
			continue
		}
		var alive bool
		err = s.admin.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_locks
			WHERE locktype = 'advisory' AND granted AND objsubid = 1 AND (classid::bigint << 32 | objid::bigint) = $1)`,
			int64(key)).Scan(&alive)
		if err != nil {
			return err
		}
		if !alive {
			if err := s.dropOwned(ctx, owner); err != nil {
				return err
			}
		}
	}
	return nil
}

// dropOwned drops every database of owner.
func (s *pgServer) dropOwned(ctx context.Context, owner string) error {
	rows, err := s.admin.QueryContext(ctx, "SELECT datname FROM pg_database WHERE starts_with(datname, $1)", prefix+owner+"_")
	if err != nil {
		return err
	}
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return err
		}
		names = append(names, name)
	}
	rows.Close()
	for _, name := range names {
		if err := s.drop(ctx, name); err != nil {
			return err
		}
	}
	return nil
}

func (s *pgServer) drop(ctx context.Context, name string) error {
	_, err := s.admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+quote(name)+" WITH (FORCE)")
	return err
}

// template creates and migrates the template database, once.
func (s *pgServer) template() error {
	s.migrate.Do(func() {
		ctx := context.Background()
		if _, err := s.admin.ExecContext(ctx, "CREATE DATABASE "+quote(s.templateName)); err != nil {
			s.templateErr = err
			return
		}
		db, err := store.OpenPostgres(s.dbURL(s.templateName))
		if err != nil {
			s.templateErr = err
			return
		}
		// Closed before any copy: CREATE DATABASE … TEMPLATE refuses a
		// source that has sessions.
		defer db.Close()
		s.templateErr = db.Migrate(ctx)
	})
	return s.templateErr
}

// create makes a database, a copy of template when given, dropped when the
// test ends, and returns its URL.
func (s *pgServer) create(tb testing.TB, template string) string {
	tb.Helper()
	name := fmt.Sprintf("%s%s_%d", prefix, s.owner, s.n.Add(1))
	stmt := "CREATE DATABASE " + quote(name)
	if template != "" {
		stmt += " TEMPLATE " + quote(template)
	}
	if _, err := s.admin.ExecContext(context.Background(), stmt); err != nil {
		tb.Fatalf("create test database: %v", err)
	}
	tb.Cleanup(func() {
		if err := s.drop(context.Background(), name); err != nil {
			tb.Errorf("drop test database %s: %v", name, err)
		}
	})
	return s.dbURL(name)
}

// dbURL is TEST_DATABASE_URL with another database name.
func (s *pgServer) dbURL(name string) string {
	u := *s.url
	u.Path = "/" + name
	return u.String()
}

func quote(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }
