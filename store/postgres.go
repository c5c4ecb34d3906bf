package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"ariga.io/atlas/sql/migrate"
	"ariga.io/atlas/sql/postgres"
	"github.com/jackc/pgx/v5"

	"github.com/dealerline/dealerline/migrations"
)

// setupLock is the PostgreSQL advisory lock key that schema migration and
// first-start data loading hold, so instances starting together on one
// database do them one at a time. Advisory locks are per database.
const setupLock int64 = 0x6465616c65726c // "dealerl"

type lockedKey struct{}

// Locked runs fn holding the setup lock. On SQLite, one process owns the
// file and fn simply runs. Calls nest: fn may call Locked (or Migrate) again.
func (db *DB) Locked(ctx context.Context, fn func(context.Context) error) error {
	if db.dsn == "" || ctx.Value(lockedKey{}) == db {
		return fn(ctx)
	}
	// A dedicated connection, not one from the pool: the lock lives as long
	// as the session, and fn may need every pooled connection.
	conn, err := pgx.Connect(ctx, db.dsn)
	if err != nil {
		return fmt.Errorf("connect for the setup lock: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx)) // closing releases the lock
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", setupLock); err != nil {
		return fmt.Errorf("take the setup lock: %w", err)
	}
	return fn(context.WithValue(ctx, lockedKey{}, db))
}

// Dedicated opens a PostgreSQL connection outside the pool, for session
// state that must outlive a pooled checkout: an advisory lock, LISTEN.
func (db *DB) Dedicated(ctx context.Context) (*pgx.Conn, error) {
	if db.dsn == "" {
		return nil, fmt.Errorf("a dedicated connection needs PostgreSQL")
	}
	return pgx.Connect(ctx, db.dsn)
}

// RevisionsTable records applied migrations, one row per version, in the
// layout of the Atlas CLI's revision table.
const RevisionsTable = "atlas_schema_revisions"

// migratePostgres applies the pending migrations with Atlas's executor,
// each file in its own transaction together with its revision row: a file
// is applied whole or not at all.
func (db *DB) migratePostgres(ctx context.Context) error {
	dir, err := MigrationsDir()
	if err != nil {
		return err
	}
	if _, err := db.SQL.ExecContext(ctx, createRevisionsTable); err != nil {
		return fmt.Errorf("create %s: %w", RevisionsTable, err)
	}
	for {
		done, err := db.applyNext(ctx, dir)
		if err != nil || done {
			return err
		}
	}
}

// applyNext applies the first pending migration, or reports there is none.
func (db *DB) applyNext(ctx context.Context, dir migrate.Dir) (done bool, err error) {
	tx, err := db.SQL.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	drv, err := postgres.Open(tx)
	if err != nil {
		return false, err
	}
	ex, err := migrate.NewExecutor(drv, dir, revisions{tx}, migrate.WithOperatorVersion("dealerline"))
	if err != nil {
		return false, err
	}
	pending, err := ex.Pending(ctx)
	if errors.Is(err, migrate.ErrNoPendingFiles) {
		return true, tx.Commit()
	}
	if err != nil {
		return false, fmt.Errorf("migrate: %w", err)
	}
	f, start := pending[0], time.Now()
	if err := ex.Execute(ctx, f); err != nil {
		return false, fmt.Errorf("migrate %s: %w", f.Name(), err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("migrate %s: commit: %w", f.Name(), err)
	}
	db.log().Info("applied migration", "version", f.Version(), "name", f.Desc(), "took", time.Since(start).Round(time.Millisecond))
	return false, nil
}

// MigrationsDir is the embedded migration directory.
func MigrationsDir() (migrate.Dir, error) {
	dir := &migrate.MemDir{}
	err := fs.WalkDir(migrations.Files, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(migrations.Files, path)
		if err != nil {
			return err
		}
		return dir.WriteFile(path, b)
	})
	return dir, err
}

const createRevisionsTable = `CREATE TABLE IF NOT EXISTS ` + RevisionsTable + ` (
	version character varying NOT NULL PRIMARY KEY,
	description character varying NOT NULL,
	type bigint NOT NULL DEFAULT 2,
	applied bigint NOT NULL DEFAULT 0,
	total bigint NOT NULL DEFAULT 0,
	executed_at timestamptz NOT NULL,
	execution_time bigint NOT NULL,
	error text NULL,
	error_stmt text NULL,
	hash character varying NOT NULL,
	partial_hashes jsonb NULL,
	operator_version character varying NOT NULL
)`

// revisions keeps Atlas's revision records in RevisionsTable, inside the
// migration's transaction.
type revisions struct{ tx *sql.Tx }

func (revisions) Ident() *migrate.TableIdent {
	return &migrate.TableIdent{Name: RevisionsTable, Schema: "public"}
}

const revisionColumns = `version, description, type, applied, total, executed_at, execution_time,
	coalesce(error, ''), coalesce(error_stmt, ''), hash, coalesce(partial_hashes, '[]'), operator_version`

func (r revisions) ReadRevisions(ctx context.Context) ([]*migrate.Revision, error) {
	rows, err := r.tx.QueryContext(ctx, `SELECT `+revisionColumns+` FROM `+RevisionsTable+` ORDER BY version`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var revs []*migrate.Revision
	for rows.Next() {
		rev, err := scanRevision(rows)
		if err != nil {
			return nil, err
		}
		revs = append(revs, rev)
	}
	return revs, rows.Err()
}

func (r revisions) ReadRevision(ctx context.Context, version string) (*migrate.Revision, error) {
	rev, err := scanRevision(r.tx.QueryRowContext(ctx, `SELECT `+revisionColumns+` FROM `+RevisionsTable+` WHERE version = $1`, version))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, migrate.ErrRevisionNotExist
	}
	return rev, err
}

func (r revisions) WriteRevision(ctx context.Context, rev *migrate.Revision) error {
	hashes, err := json.Marshal(rev.PartialHashes)
	if err != nil {
		return err
	}
	_, err = r.tx.ExecContext(ctx, `INSERT INTO `+RevisionsTable+`
		(version, description, type, applied, total, executed_at, execution_time, error, error_stmt, hash, partial_hashes, operator_version)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
		ON CONFLICT (version) DO UPDATE SET description = $2, type = $3, applied = $4, total = $5, executed_at = $6,
		execution_time = $7, error = $8, error_stmt = $9, hash = $10, partial_hashes = $11, operator_version = $12`,
		rev.Version, rev.Description, int64(rev.Type), rev.Applied, rev.Total, rev.ExecutedAt, int64(rev.ExecutionTime),
		rev.Error, rev.ErrorStmt, rev.Hash, hashes, rev.OperatorVersion)
	return err
}

func (r revisions) DeleteRevision(ctx context.Context, version string) error {
	_, err := r.tx.ExecContext(ctx, `DELETE FROM `+RevisionsTable+` WHERE version = $1`, version)
	return err
}

func scanRevision(row interface{ Scan(...any) error }) (*migrate.Revision, error) {
	var (
		rev           migrate.Revision
		typ, duration int64
		hashes        []byte
	)
	err := row.Scan(&rev.Version, &rev.Description, &typ, &rev.Applied, &rev.Total, &rev.ExecutedAt, &duration,
		&rev.Error, &rev.ErrorStmt, &rev.Hash, &hashes, &rev.OperatorVersion)
	if err != nil {
		return nil, err
	}
	rev.Type, rev.ExecutionTime = migrate.RevisionType(typ), time.Duration(duration)
	return &rev, json.Unmarshal(hashes, &rev.PartialHashes)
}
