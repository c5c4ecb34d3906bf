//go:build ignore

// Gen writes versioned PostgreSQL migrations from the ent schema into
// migrations/. Run it from the module root:
//
//	go run -mod=mod ./store/migrate/gen.go <name>   # a new migration for what ent/schema changed
//	go run -mod=mod ./store/migrate/gen.go hash     # rehash migrations/atlas.sum after a hand edit
//
// A new migration is the difference between the replayed migrations and the
// ent schema, computed on a throwaway database it creates (and drops) on the
// server at DEV_DATABASE_URL, the local PostgreSQL by default.
package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"log"
	"net/url"
	"os"
	"regexp"
	"strings"

	atlas "ariga.io/atlas/sql/migrate"
	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/schema"
	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/dealerline/dealerline/ent/migrate"
)

const dirPath = "migrations"

var validName = regexp.MustCompile(`^[a-z0-9_]+$`)

func main() {
	log.SetFlags(0)
	if len(os.Args) != 2 {
		log.Fatal("usage: go run -mod=mod ./store/migrate/gen.go <name> | hash")
	}
	dir, err := atlas.NewLocalDir(dirPath)
	if err != nil {
		log.Fatalf("open %s (run from the module root): %v", dirPath, err)
	}
	if !validName.MatchString(os.Args[1]) {
		log.Fatalf("name %q: use lower-case letters, digits and _, e.g. add_dealer_rating", os.Args[1])
	}
	if os.Args[1] == "hash" {
		if err := rehash(dir); err != nil {
			log.Fatal(err)
		}
		return
	}
	if err := generate(context.Background(), dir, os.Args[1]); err != nil {
		log.Fatal(err)
	}
}

func rehash(dir *atlas.LocalDir) error {
	sum, err := dir.Checksum()
	if err != nil {
		return err
	}
	return atlas.WriteSumFile(dir, sum)
}

func generate(ctx context.Context, dir *atlas.LocalDir, name string) (err error) {
	server := os.Getenv("DEV_DATABASE_URL")
	if server == "" {
		server = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
	}
	devURL, drop, err := createDevDatabase(ctx, server)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, drop()) }()

	before, err := dir.Files()
	if err != nil {
		return err
	}
	db, err := sql.Open("pgx", devURL)
	if err != nil {
		return err
	}
	defer db.Close()
	err = migrate.NewSchema(entsql.OpenDB(dialect.Postgres, db)).NamedDiff(ctx, name,
		schema.WithDir(dir),
		schema.WithMigrationMode(schema.ModeReplay),
		// No drops (ent's default): columns and indexes that hand-written
		// migrations add to ent's tables must survive the next generated
		// one. Removing a field takes a hand-written DROP.
		schema.WithFormatter(atlas.DefaultFormatter),
	)
	if errors.Is(err, atlas.ErrChecksumMismatch) {
		return fmt.Errorf("%w: a file in %s changed; after a hand edit, rehash with `go run -mod=mod ./store/migrate/gen.go hash`", err, dirPath)
	}
	if err != nil {
		return fmt.Errorf("diff ent schema against %s: %w", dirPath, err)
	}
	after, err := dir.Files()
	if err != nil {
		return err
	}
	if len(after) == len(before) {
		log.Print("no changes: the migrations already match the ent schema")
		return nil
	}
	log.Printf("wrote %s/%s", dirPath, after[len(after)-1].Name())
	return nil
}

// createDevDatabase makes an empty database beside the one at serverURL and
// returns its URL and a function that drops it.
func createDevDatabase(ctx context.Context, serverURL string) (string, func() error, error) {
	admin, err := sql.Open("pgx", serverURL)
	if err != nil {
		return "", nil, err
	}
	name := "dealerline_dev_" + strings.ToLower(rand.Text()[:10])
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("create dev database on %s: %w", serverURL, err)
	}
	drop := func() error {
		defer admin.Close()
		_, err := admin.ExecContext(context.Background(), "DROP DATABASE "+name+" WITH (FORCE)")
		return err
	}
	u, err := url.Parse(serverURL)
	if err != nil {
		return "", nil, errors.Join(err, drop())
	}
	u.Path = "/" + name
	return u.String(), drop, nil
}
