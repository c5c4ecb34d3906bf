package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dealerline/dealerline/ent/channel"
	"github.com/dealerline/dealerline/ent/territory"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

// openSQLite opens the migrated embedded database in dir.
func openSQLite(t *testing.T, dir string) *store.DB {
	t.Helper()
	db, err := store.OpenSQLite(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db
}

// tableSums is each table's row count and a checksum of its rows, in id
// order: two databases with the same sums hold the same data. query lists
// the tables.
func tableSums(t *testing.T, db *sql.DB, query string) map[string]string {
	t.Helper()
	ctx := context.Background()
	var tables []string
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	rows.Close()
	sums := map[string]string{}
	for _, table := range tables {
		rows, err := db.QueryContext(ctx, fmt.Sprintf(`SELECT * FROM %q ORDER BY 1`, table))
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		h, n := sha256.New(), 0
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for _, v := range vals {
				if b, ok := v.([]byte); ok {
					v = string(b)
				}
				fmt.Fprintf(h, "%v\x1f", v)
			}
			n++
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
		sums[table] = fmt.Sprintf("%d rows, %s", n, hex.EncodeToString(h.Sum(nil))[:16])
	}
	return sums
}

const sqliteTables = `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name`

func compareSums(t *testing.T, got, want map[string]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%d tables, want %d", len(got), len(want))
	}
	for table, w := range want {
		if g := got[table]; g != w {
			t.Errorf("table %s: %s, want %s", table, g, w)
		}
	}
}

// TestBackup_ConsistentCopyWhileWriting backs up the embedded database
// while another goroutine commits transactions that each add a channel
// and a territory of the same number. The restored copy holds exactly the
// first n transactions, both rows of each, and every table is as the
// source was at that point.
func TestBackup_ConsistentCopyWhileWriting(t *testing.T) {
	ctx := system()
	src := openSQLite(t, t.TempDir())
	newSeed(t, src.Client)

	var committed atomic.Int64
	stop, done := make(chan struct{}), make(chan error, 1)
	go func() {
		for k := 1; ; k++ {
			select {
			case <-stop:
				done <- nil
				return
			default:
			}
			tx, err := src.Client.Tx(ctx)
			if err != nil {
				done <- err
				return
			}
			code := fmt.Sprintf("W-%05d", k)
			if err := tx.Channel.Create().SetCode(code).SetName(code).Exec(ctx); err != nil {
				done <- err
				return
			}
			if err := tx.Territory.Create().SetCode(code).SetName(code).Exec(ctx); err != nil {
				done <- err
				return
			}
			if err := tx.Commit(); err != nil {
				done <- err
				return
			}
			committed.Add(1)
		}
	}()
	// waitFor waits until the writer has committed n transactions.
	waitFor := func(n int64) {
		for committed.Load() < n {
			select {
			case err := <-done:
				t.Fatalf("writer stopped: %v", err)
			case <-time.After(time.Millisecond):
			}
		}
	}
	waitFor(20)
	file := filepath.Join(t.TempDir(), "dealerline.backup")
	err := src.Backup(context.Background(), file)
	waitFor(committed.Load() + 20)
	close(stop)
	if werr := <-done; werr != nil {
		t.Fatal(werr)
	}
	if err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	if err := store.Restore(context.Background(), file, dir, false); err != nil {
		t.Fatal(err)
	}
	restored := openSQLite(t, dir)
	channels := restored.Client.Channel.Query().Where(channel.CodeHasPrefix("W-")).Order(channel.ByCode()).AllX(ctx)
	territories := restored.Client.Territory.Query().Where(territory.CodeHasPrefix("W-")).Order(territory.ByCode()).AllX(ctx)
	n := len(channels)
	if n < 20 || n >= int(committed.Load()) || len(territories) != n {
		t.Fatalf("copy has %d channels and %d territories of %d transactions, want the same number, from 20 to before the last",
			n, len(territories), committed.Load())
	}
	for i := range n {
		if want := fmt.Sprintf("W-%05d", i+1); channels[i].Code != want || territories[i].Code != want {
			t.Fatalf("copy's transaction %d: channel %s, territory %s, want %s", i+1, channels[i].Code, territories[i].Code, want)
		}
	}
	// The source at the backup point: without the transactions after n.
	after := fmt.Sprintf("W-%05d", n)
	src.Client.Channel.Delete().Where(channel.CodeHasPrefix("W-"), channel.CodeGT(after)).ExecX(ctx)
	src.Client.Territory.Delete().Where(territory.CodeHasPrefix("W-"), territory.CodeGT(after)).ExecX(ctx)
	compareSums(t, tableSums(t, restored.SQL, sqliteTables), tableSums(t, src.SQL, sqliteTables))
}

// TestRestore_RefusesWhatIsNotABackup: a file that is not SQLite, an
// SQLite database of another program, a backup with a table this version
// does not know, a database in use, and a database that is not empty
// (without --force) are all refused, and the target is left as it was.
func TestRestore_RefusesWhatIsNotABackup(t *testing.T) {
	ctx := context.Background()
	src := openSQLite(t, t.TempDir())
	newSeed(t, src.Client)
	tmp := t.TempDir()
	good := filepath.Join(tmp, "good.backup")
	if err := src.Backup(ctx, good); err != nil {
		t.Fatal(err)
	}
	if err := src.Backup(ctx, good); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("backup over an existing file: %v, want refused", err)
	}

	text := filepath.Join(tmp, "notes.txt")
	os.WriteFile(text, []byte("SQLite format 2, honestly\n"), 0o600)
	other := filepath.Join(tmp, "other.db")
	newer := filepath.Join(tmp, "newer.backup")
	for file, stmt := range map[string]string{other: "CREATE TABLE songs (id INTEGER PRIMARY KEY, title TEXT)", newer: "CREATE TABLE dealer_ratings (id INTEGER PRIMARY KEY)"} {
		if file == newer {
			copyBytes(t, good, newer)
		}
		db, err := sql.Open("sqlite", "file:"+file)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
		db.Close()
	}

	dir := t.TempDir()
	for _, tc := range []struct {
		name, file, want string
	}{
		{"NotSQLite", text, "not an SQLite database"},
		{"AnotherProgramsDatabase", other, "not a Dealerline backup"},
		{"ATableThisVersionDoesNotKnow", newer, "table dealer_ratings"},
		{"Missing", filepath.Join(tmp, "missing.backup"), "no such file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := store.Restore(ctx, tc.file, dir, true)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("restore: %v, want an error saying %q", err, tc.want)
			}
			if _, err := os.Stat(store.SQLiteFile(dir)); err == nil {
				t.Errorf("a refused restore left a database in %s", dir)
			}
		})
	}

	t.Run("NotEmptyWithoutForce", func(t *testing.T) {
		dir := t.TempDir()
		db := openSQLite(t, dir)
		db.Client.Channel.Create().SetCode("KEEP").SetName("Keep").ExecX(system())
		db.Close()
		before := readBytes(t, store.SQLiteFile(dir))
		if err := store.Restore(ctx, good, dir, false); err == nil || !strings.Contains(err.Error(), "--force") {
			t.Errorf("restore over a database: %v, want refused without --force", err)
		}
		if !bytes.Equal(readBytes(t, store.SQLiteFile(dir)), before) {
			t.Error("a refused restore changed the database")
		}
		if err := store.Restore(ctx, good, dir, true); err != nil {
			t.Fatalf("restore with force: %v", err)
		}
		restored := openSQLite(t, dir)
		if n := restored.Client.Channel.Query().CountX(system()); n != 1 || restored.Client.Channel.Query().OnlyX(system()).Code != "RETAIL" {
			t.Errorf("restored database has %d channels, want the backup's one, RETAIL", n)
		}
	})

	t.Run("InUse", func(t *testing.T) {
		dir := t.TempDir()
		db := openSQLite(t, dir)
		db.Client.Channel.Create().SetCode("LIVE").SetName("Live").ExecX(system())
		if err := store.Restore(ctx, good, dir, true); err == nil || !strings.Contains(err.Error(), "in use") {
			t.Errorf("restore over a database in use: %v, want refused, even with --force", err)
		}
		if n := db.Client.Channel.Query().Where(channel.Code("LIVE")).CountX(system()); n != 1 {
			t.Errorf("the database in use lost its data")
		}
	})
}

// TestBackupCommand_SQLite runs the commands as an operator would: backup
// next to a server's database, restore into a new data directory.
func TestBackupCommand_SQLite(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src := openSQLite(t, dir)
	newSeed(t, src.Client)
	file := filepath.Join(t.TempDir(), "nightly.backup")
	getenv := func(k string) string { return map[string]string{"DEALERLINE_DATA": dir}[k] }
	if err := store.BackupCommand(ctx, []string{file}, getenv, io.Discard); err != nil {
		t.Fatal(err)
	}
	to := t.TempDir()
	if err := store.RestoreCommand(ctx, []string{"--data", to, file}, getenv, io.Discard); err != nil {
		t.Fatal(err)
	}
	compareSums(t, tableSums(t, openSQLite(t, to).SQL, sqliteTables), tableSums(t, src.SQL, sqliteTables))
	for _, args := range [][]string{{}, {"a", "b"}, {"--nope", file}} {
		if err := store.BackupCommand(ctx, args, getenv, io.Discard); err == nil || !strings.Contains(err.Error(), "Usage: dealerline backup") {
			t.Errorf("backup %q: %v, want the usage", args, err)
		}
	}
	if err := store.BackupCommand(ctx, []string{"--data", t.TempDir(), file + "2"}, getenv, io.Discard); err == nil {
		t.Error("backup of a directory without a database succeeded")
	}
}

// TestBackupCommand_Postgres: `dealerline backup` runs the documented
// pg_dump, and the documented pg_restore into an empty database gives the
// same tables.
func TestBackupCommand_Postgres(t *testing.T) {
	if _, err := exec.LookPath("pg_dump"); err != nil && !storetest.RequireServices() {
		t.Skip("pg_dump is not installed")
	}
	srcURL := storetest.EmptyPostgres(t)
	src, err := store.OpenPostgres(srcURL)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if err := src.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	newSeed(t, src.Client)
	file := filepath.Join(t.TempDir(), "dealerline.dump")
	var out bytes.Buffer
	getenv := func(k string) string { return map[string]string{"DATABASE_URL": srcURL}[k] }
	if err := store.BackupCommand(context.Background(), []string{file}, getenv, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "pg_dump --format=custom") {
		t.Errorf("printed %q, want the pg_dump command", out.String())
	}
	dstURL := storetest.EmptyPostgres(t)
	argv := store.PgRestoreArgs(dstURL, file)
	if b, err := exec.Command(argv[0], argv[1:]...).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(argv, " "), err, b)
	}
	dst, err := store.OpenPostgres(dstURL)
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	const pgTables = `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`
	compareSums(t, tableSums(t, dst.SQL, pgTables), tableSums(t, src.SQL, pgTables))
	if err := store.RestoreCommand(context.Background(), []string{file}, getenv, io.Discard); err == nil || !strings.Contains(err.Error(), "pg_restore --no-owner") {
		t.Errorf("restore on PostgreSQL: %v, want the pg_restore command", err)
	}
}

func readBytes(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func copyBytes(t *testing.T, from, to string) {
	t.Helper()
	if err := os.WriteFile(to, readBytes(t, from), 0o600); err != nil {
		t.Fatal(err)
	}
}
