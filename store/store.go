// Package store opens Dealerline's database: embedded SQLite by default,
// PostgreSQL when a DATABASE_URL is given.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/dealerline/dealerline/ent"
	_ "github.com/dealerline/dealerline/ent/runtime" // schema hooks and policies
)

// DB is an open database with the ent client over it.
type DB struct {
	Client  *ent.Client
	SQL     *sql.DB
	Dialect string
	Log     *slog.Logger // reports applied migrations; nil is quiet

	// Background is a client over the same connections whose statements
	// are not counted: for the server's own work (the event relay), so
	// that Statements is what requests cost.
	Background *ent.Client

	dsn        string // PostgreSQL: for the dedicated connection of Locked
	statements atomic.Int64
}

// Close closes the client and its connections.
func (db *DB) Close() error { return db.Client.Close() }

// SQLiteDSN is the DSN for an embedded database file. WAL lets readers go on
// during a write; _txlock=immediate takes the write lock at BEGIN, since a
// transaction that reads and then writes would otherwise fail with
// SQLITE_BUSY at once, whatever the busy timeout. SQLite compares times as
// text: they are written in one zone (UTC) and one layout, without the
// monotonic clock reading time.Now carries, so that text order is time
// order.
func SQLiteDSN(path string) string {
	return "file:" + path + "?_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_txlock=immediate" +
		"&_time_format=sqlite&_timezone=UTC"
}

// OpenSQLite opens (creating if need be) the database file dealerline.db in dir.
func OpenSQLite(dir string) (*DB, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	db, err := sql.Open("sqlite", SQLiteDSN(filepath.Join(dir, "dealerline.db")))
	if err != nil {
		return nil, err
	}
	return wrap(db, dialect.SQLite), nil
}

// OpenPostgres opens a PostgreSQL database through pgx.
func OpenPostgres(dsn string) (*DB, error) {
	if !strings.HasPrefix(dsn, "postgres://") && !strings.HasPrefix(dsn, "postgresql://") {
		return nil, fmt.Errorf("DATABASE_URL must start with postgres:// or postgresql://")
	}
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("DATABASE_URL: %w", err)
	}
	// Business dates are compared with timestamps in SQL: the session's
	// time zone must not shift them, whatever the server's default is.
	cfg.RuntimeParams["timezone"] = "UTC"
	db := stdlib.OpenDB(*cfg)
	w := wrap(db, dialect.Postgres)
	w.dsn = dsn
	return w, nil
}

func wrap(db *sql.DB, name string) *DB {
	out := &DB{SQL: db, Dialect: name}
	out.Client = ent.NewClient(ent.Driver(countingDriver{entsql.OpenDB(name, db), &out.statements}))
	out.Background = ent.NewClient(ent.Driver(entsql.OpenDB(name, db)))
	return out
}

// Migrate brings the schema up to date: PostgreSQL by the versioned
// migrations in migrations/, under the setup lock; SQLite automatically from
// the ent schema.
func (db *DB) Migrate(ctx context.Context) error {
	if db.Dialect == dialect.Postgres {
		return db.Locked(ctx, db.migratePostgres)
	}
	missing, err := db.missingFills(ctx)
	if err != nil {
		return err
	}
	if err := db.Client.Schema.Create(ctx); err != nil {
		return fmt.Errorf("migrate schema: %w", err)
	}
	if err := db.fillOrderEventDealers(ctx); err != nil {
		return err
	}
	if err := db.runFills(ctx, missing); err != nil {
		return err
	}
	return db.migrateSQLiteSearch(ctx)
}

// fillOrderEventDealers sets order_events.dealer_id on the rows written
// before the column was (what the PostgreSQL migration does by UPDATE).
// The (dealer_id, at) index makes the check for such rows a lookup, so a
// start with none costs nothing.
func (db *DB) fillOrderEventDealers(ctx context.Context) error {
	var n int
	err := db.SQL.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM order_events WHERE dealer_id IS NULL LIMIT 1)`).Scan(&n)
	if err != nil || n == 0 {
		return err
	}
	_, err = db.SQL.ExecContext(ctx, `UPDATE order_events SET dealer_id = (SELECT o.dealer_id FROM orders o WHERE o.id = order_events.order_id) WHERE dealer_id IS NULL`)
	if err != nil {
		return fmt.Errorf("fill in the dealers of order events: %w", err)
	}
	return nil
}

func (db *DB) log() *slog.Logger {
	if db.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return db.Log
}
