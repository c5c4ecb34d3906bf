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
	// Foreign keys are checked by a trigger per row, which halves the rate
	// of COPY: like pg_restore --disable-triggers, skip them when allowed
	// (a superuser). The rows are made consistent, parents before children,
	// and the tests load them with the checks on (SQLite). Constraints and
	// indexes stay as they are.
	if _, err := tx.Exec(ctx, "SAVEPOINT replica"); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "SET LOCAL session_replication_role = replica"); err != nil {
		if _, err := tx.Exec(ctx, "ROLLBACK TO SAVEPOINT replica"); err != nil {
			return err
		}
	}
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
	// Statistics now, not whenever autovacuum gets to the new tables.
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
	for b := range rounds {
		if err := insertRound(ctx, conn, ts, b, written); err != nil {
			return err
		}
	}
	// No ANALYZE: the server never runs it on SQLite, so the planner
	// works here as it does on any other database.
	return ctx.Err()
}

// insertRound writes a round in one transaction. Its statements are
// prepared on the transaction: one prepared on the connection would be
// prepared anew by every Tx.Stmt.
func insertRound(ctx context.Context, conn *sql.Conn, ts *tables, b *batch, written func(*table, int)) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmts := map[*table]*sql.Stmt{}
	for _, t := range ts.all() {
		rows := b.rows[t]
		if len(rows) == 0 {
			continue
		}
		if err := insertRows(ctx, tx, stmts, t, rows); err != nil {
			return fmt.Errorf("insert into %s: %w", t.name, err)
		}
		written(t, len(rows))
	}
	return tx.Commit()
}

func insertRows(ctx context.Context, tx *sql.Tx, stmts map[*table]*sql.Stmt, t *table, rows [][]any) error {
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
				if s, err = tx.PrepareContext(ctx, insertSQL(t, per)); err != nil {
					return err
				}
				stmts[t] = s
			}
			_, err = s.ExecContext(ctx, args...)
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
