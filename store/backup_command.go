package store

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"strings"

	"github.com/dealerline/dealerline/cli"
)

// BackupCommand is `dealerline backup [--data DIR] FILE`: a consistent
// copy of the embedded database while the server runs, or, with
// DATABASE_URL, the documented pg_dump of the PostgreSQL database.
func BackupCommand(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	dir, file, _, err := parseArgs("backup", args, getenv)
	if err != nil {
		return err
	}
	if dsn := getenv("DATABASE_URL"); dsn != "" {
		return runPgTool(ctx, stdout, dsn, func(dbURL string) []string { return PgDumpArgs(dbURL, file) })
	}
	if _, err := os.Stat(SQLiteFile(dir)); err != nil {
		return fmt.Errorf("no database to back up: %w", err)
	}
	db, err := OpenSQLite(dir)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(ctx, file); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Backed up %s to %s.\n", SQLiteFile(dir), file)
	return nil
}

// RestoreCommand is `dealerline restore [--force] [--data DIR] FILE`: the
// embedded database replaced by a backup, with the server stopped. A
// PostgreSQL database is restored with pg_restore: the command prints it.
func RestoreCommand(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	dir, file, force, err := parseArgs("restore", args, getenv)
	if err != nil {
		return err
	}
	if dsn := getenv("DATABASE_URL"); dsn != "" {
		u, _ := url.Parse(dsn)
		return fmt.Errorf("restore PostgreSQL with pg_restore into an empty database, then run `dealerline migrate`:\n  %s",
			strings.Join(PgRestoreArgs(u.Redacted(), file), " "))
	}
	if err := Restore(ctx, file, dir, force); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Restored %s from %s; the server brings its schema up to date when it starts.\n", SQLiteFile(dir), file)
	return nil
}

// parseArgs reads the data directory (--data, DEALERLINE_DATA, as for the
// server), --force and the one file argument.
func parseArgs(command string, args []string, getenv func(string) string) (dir, file string, force bool, err error) {
	fs := flag.NewFlagSet("dealerline "+command, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&dir, "data", cmp.Or(getenv("DEALERLINE_DATA"), "./data"), "directory of the embedded database")
	synopsis := "Usage: dealerline backup [flags] FILE\n\nWrites a consistent copy of the database to FILE while the server runs."
	if command == "restore" {
		fs.BoolVar(&force, "force", false, "replace a database that is not empty")
		synopsis = "Usage: dealerline restore [flags] FILE\n\nPuts the copy in FILE back, with the server stopped."
	}
	notes := "With DATABASE_URL set (PostgreSQL), it runs pg_dump and prints the command."
	if command == "restore" {
		notes = "With DATABASE_URL set (PostgreSQL), it prints the pg_restore to run, with the instances stopped."
	}
	env := map[string]string{"data": "DEALERLINE_DATA"}
	if err := cli.Parse(fs, args, synopsis, notes, env); err != nil {
		return "", "", false, err
	}
	if err := cli.Args(fs, 1, synopsis, notes, env); err != nil {
		return "", "", false, err
	}
	return dir, fs.Arg(0), force, nil
}

// runPgTool runs a PostgreSQL client program on the database at
// databaseURL, printing the command first. The password goes in the
// program's environment, not on a command line other users can read.
func runPgTool(ctx context.Context, stdout io.Writer, databaseURL string, args func(dbURL string) []string) error {
	u, err := url.Parse(databaseURL)
	if err != nil {
		return fmt.Errorf("DATABASE_URL: %w", err)
	}
	env := os.Environ()
	if pw, ok := u.User.Password(); ok {
		env = append(env, "PGPASSWORD="+pw)
		u.User = url.User(u.User.Username())
	}
	argv := args(u.String())
	fmt.Fprintln(stdout, strings.Join(argv, " "))
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Env, cmd.Stdout, cmd.Stderr = env, stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w", argv[0], err)
	}
	return nil
}
