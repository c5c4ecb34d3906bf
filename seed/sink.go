package seed

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"entgo.io/ent/dialect"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/dealerline/dealerline/store"
)

// write drains rounds into db, table by table in foreign-key order, and
// calls written after each table's share of a round. PostgreSQL gets COPY
// in one transaction, then its identity sequences moved past the explicit
// ids; SQLite gets prepared multi-row INSERTs, a transaction per round.
func write(ctx context.Context, db *store.DB, ts *tables, rounds <-chan *batch, written func(*table, int)) error {
	conn, err := db.SQL.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if db.Dialect == dialect.Postgres {
		return conn.Raw(func(dc any) error {
			return copyPostgres(ctx, dc.(*stdlib.Conn).Conn(), ts, rounds, written)
		})
	}
	return insertSQLite(ctx, conn, ts, rounds, written)
}

func copyPostgres(ctx context.Context, conn *pgx.Conn, ts *tables, rounds <-chan *batch, written func(*table, int)) error {
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.Background())
	for b := range rounds {
		for _, t := range ts.all() {
			rows := b.rows[t]
			if len(rows) == 0 {
				continue
			}
			if _, err := tx.CopyFrom(ctx, pgx.Identifier{t.name}, t.cols, pgx.CopyFromRows(rows)); err != nil {
				return fmt.Errorf("copy into %s: %w", t.name, err)
			}
			written(t, len(rows))
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	// Later inserts through the app take ids from the sequences.
	for _, t := range ts.all() {
		if !t.hasID() || t.rows == 0 {
			continue
		}
		if _, err := tx.Exec(ctx, "SELECT setval(pg_get_serial_sequence($1, 'id'), $2)", t.name, t.next-1); err != nil {
			return fmt.Errorf("set the id sequence of %s: %w", t.name, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return err
	}
	_, err = conn.Exec(ctx, "ANALYZE")
	return err
}

// sqliteRows is how many rows one INSERT carries: big statements amortise
// the parsing, within SQLite's limit of 32766 parameters.
func sqliteRows(t *table) int { return min(256, 32000/len(t.cols)) }

func insertSQLite(ctx context.Context, conn *sql.Conn, ts *tables, rounds <-chan *batch, written func(*table, int)) error {
	// A bulk load need not wait for the disk at every commit: if the
	// machine stops midway the seed is redone into a new database anyway.
	// The journal stays WAL, as the server expects.
	if _, err := conn.ExecContext(ctx, "PRAGMA synchronous = OFF"); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA cache_size = -262144"); err != nil { // 256 MiB
		return err
	}
	defer func() {
		ctx := context.Background()
		conn.ExecContext(ctx, "PRAGMA synchronous = NORMAL") // the DSN's
		conn.ExecContext(ctx, "PRAGMA cache_size = -2000")   // SQLite's default
		conn.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	}()
	stmts := map[*table]*sql.Stmt{}
	defer func() {
		for _, s := range stmts {
			s.Close()
		}
	}()
	for b := range rounds {
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		for _, t := range ts.all() {
			rows := b.rows[t]
			if len(rows) == 0 {
				continue
			}
			if err := insertRows(ctx, conn, tx, stmts, t, rows); err != nil {
				tx.Rollback()
				return fmt.Errorf("insert into %s: %w", t.name, err)
			}
			written(t, len(rows))
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	_, err := conn.ExecContext(ctx, "ANALYZE")
	return err
}

func insertRows(ctx context.Context, conn *sql.Conn, tx *sql.Tx, stmts map[*table]*sql.Stmt, t *table, rows [][]any) error {
	per := sqliteRows(t)
	args := make([]any, 0, per*len(t.cols))
	for len(rows) > 0 {
		n := min(per, len(rows))
		args = args[:0]
		for _, r := range rows[:n] {
			args = append(args, r...)
		}
		var err error
		if n == per {
			s, ok := stmts[t]
			if !ok {
				if s, err = conn.PrepareContext(ctx, insertSQL(t, per)); err != nil {
					return err
				}
				stmts[t] = s
			}
			_, err = tx.StmtContext(ctx, s).ExecContext(ctx, args...)
		} else {
			_, err = tx.ExecContext(ctx, insertSQL(t, n), args...)
		}
		if err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

func insertSQL(t *table, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "INSERT INTO %q (", t.name)
	for i, c := range t.cols {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%q", c)
	}
	b.WriteString(") VALUES ")
	one := "(" + strings.Repeat("?,", len(t.cols)-1) + "?)"
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(one)
	}
	return b.String()
}
