package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dealerline/dealerline/ent/migrate"
)

// SQLiteFile is the embedded database's file in its data directory.
func SQLiteFile(dir string) string { return filepath.Join(dir, "dealerline.db") }

// Backup writes a consistent copy of the embedded database to file while
// the server goes on serving: VACUUM INTO reads one snapshot (WAL lets
// writers continue meanwhile) and writes it out compacted. The copy is
// written beside file and renamed into place, so file is never half a
// backup. An existing file is left alone.
func (db *DB) Backup(ctx context.Context, file string) error {
	if db.dsn != "" {
		return fmt.Errorf("back up PostgreSQL with pg_dump: %s", strings.Join(PgDumpArgs("$DATABASE_URL", file), " "))
	}
	if _, err := os.Stat(file); err == nil {
		return fmt.Errorf("%s already exists: give a new file", file)
	}
	partial := file + ".partial"
	if err := os.Remove(partial); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if _, err := db.SQL.ExecContext(ctx, "VACUUM INTO ?", partial); err != nil {
		os.Remove(partial)
		return fmt.Errorf("back up to %s: %w", file, err)
	}
	if err := syncFile(partial); err != nil {
		return err
	}
	return os.Rename(partial, file)
}

// sqliteHeader starts every SQLite database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// CheckBackup reports why file cannot be restored: it is not an SQLite
// database, is damaged, or is not a Dealerline database this version knows
// (a table or column the schema does not have: from a newer version, or
// another program). A backup from an older version is fine: the server
// brings its schema up to date when it starts on it.
func CheckBackup(ctx context.Context, file string) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	head := make([]byte, len(sqliteHeader))
	_, err = io.ReadFull(f, head)
	f.Close()
	if err != nil || !bytes.Equal(head, sqliteHeader) {
		return fmt.Errorf("%s is not a Dealerline backup: not an SQLite database", file)
	}
	db, err := sql.Open("sqlite", "file:"+file+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return err
	}
	defer db.Close()
	var check string
	if err := db.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&check); err != nil {
		return fmt.Errorf("%s is damaged: %w", file, err)
	}
	if check != "ok" {
		return fmt.Errorf("%s is damaged: %s", file, check)
	}
	tables, err := sqliteColumns(ctx, db)
	if err != nil {
		return fmt.Errorf("read the tables of %s: %w", file, err)
	}
	known := map[string][]string{}
	for _, t := range migrate.Tables {
		for _, c := range t.Columns {
			known[t.Name] = append(known[t.Name], c.Name)
		}
	}
	for _, core := range []string{"users", "dealers", "channels"} {
		if _, ok := tables[core]; !ok {
			return fmt.Errorf("%s is not a Dealerline backup: it has no %s table", file, core)
		}
	}
	for name, columns := range tables {
		if isSearchTable(name) {
			continue
		}
		cols, ok := known[name]
		if !ok {
			return fmt.Errorf("%s is not a backup this version of Dealerline knows: it has a table %s", file, name)
		}
		for _, c := range columns {
			if !slices.Contains(cols, c) {
				return fmt.Errorf("%s is not a backup this version of Dealerline knows: table %s has a column %s", file, name, c)
			}
		}
	}
	return nil
}

// sqliteColumns is the column names of every table but SQLite's own.
func sqliteColumns(ctx context.Context, db *sql.DB) (map[string][]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT m.name, p.name FROM sqlite_schema AS m, pragma_table_info(m.name) AS p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var table, column string
		if err := rows.Scan(&table, &column); err != nil {
			return nil, err
		}
		out[table] = append(out[table], column)
	}
	return out, rows.Err()
}

// Restore replaces the embedded database in dir with the backup in file,
// after CheckBackup. It refuses while a server has the database open, and
// refuses to replace one that is not empty unless force is set.
func Restore(ctx context.Context, file, dir string, force bool) error {
	if err := CheckBackup(ctx, file); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("create data directory: %w", err)
	}
	target := SQLiteFile(dir)
	switch st, err := os.Stat(target); {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return err
	case st.Size() > 0 && !force:
		return fmt.Errorf("%s holds a database: restoring replaces it and everything in it; give --force to do so", target)
	default:
		if err := checkNotInUse(ctx, target); err != nil {
			return err
		}
	}
	partial := target + ".restoring"
	if err := copyFile(file, partial); err != nil {
		os.Remove(partial)
		return fmt.Errorf("copy %s: %w", file, err)
	}
	// The replaced database's write-ahead log belongs to it: left beside
	// the restored file, SQLite would apply it there.
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(target + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return os.Rename(partial, target)
}

// checkNotInUse refuses a database file another connection has open: only
// a connection with the file to itself can take it out of WAL mode, which
// also checkpoints and removes the write-ahead log.
func checkNotInUse(ctx context.Context, file string) error {
	db, err := sql.Open("sqlite", "file:"+file+"?_pragma=busy_timeout(0)")
	if err != nil {
		return err
	}
	defer db.Close()
	var mode string
	err = db.QueryRowContext(ctx, "PRAGMA journal_mode=DELETE").Scan(&mode)
	if err != nil || mode != "delete" {
		return fmt.Errorf("%s is in use (a server is running on it?): stop it before restoring", file)
	}
	return nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o640)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return errors.Join(out.Sync(), out.Close())
}

func syncFile(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
}

// PgDumpArgs is the documented backup of a PostgreSQL database: a
// custom-format archive, which pg_restore reads (and can restore in
// parallel or in part).
func PgDumpArgs(databaseURL, file string) []string {
	return []string{"pg_dump", "--format=custom", "--no-owner", "--file=" + file, "--dbname=" + databaseURL}
}

// PgRestoreArgs is the documented restore of a pg_dump archive into the
// empty database at databaseURL; `dealerline migrate` then brings an older
// backup's schema up to date.
func PgRestoreArgs(databaseURL, file string) []string {
	return []string{"pg_restore", "--no-owner", "--exit-on-error", "--dbname=" + databaseURL, file}
}
