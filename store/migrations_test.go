package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	atlas "ariga.io/atlas/sql/migrate"
	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/schema"

	"github.com/dealerline/dealerline/ent/migrate"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

// TestMigrations_SumMatchesFiles catches a migration written or edited by
// hand without rehashing atlas.sum.
func TestMigrations_SumMatchesFiles(t *testing.T) {
	dir, err := store.MigrationsDir()
	if err != nil {
		t.Fatal(err)
	}
	if err := atlas.Validate(dir); err != nil {
		t.Fatalf("%v: run `go run -mod=mod ./store/migrate/gen.go hash`", err)
	}
	files, err := dir.Files()
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no migration files embedded")
	}
}

// TestMigrations_ReplayMatchesSchema applies the migrations to an empty
// database and diffs the result against the ent schema: any difference
// means ent/schema changed without a new migration.
func TestMigrations_ReplayMatchesSchema(t *testing.T) {
	ctx := context.Background()
	db, err := store.OpenPostgres(storetest.EmptyPostgres(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}

	drift := &atlas.MemDir{}
	m, err := schema.NewMigrate(entsql.OpenDB(dialect.Postgres, db.SQL),
		schema.WithDir(drift),
		schema.WithFormatter(atlas.DefaultFormatter),
		schema.WithErrNoPlan(true), // drops are not planned, as in the generator
	)
	if err != nil {
		t.Fatal(err)
	}
	err = m.NamedDiff(ctx, "drift", migrate.Tables...)
	if errors.Is(err, atlas.ErrNoPlan) {
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	files, _ := drift.Files()
	for _, f := range files {
		t.Errorf("the migrations differ from ent/schema; run `go run -mod=mod ./store/migrate/gen.go <name>`. Missing:\n%s", f.Bytes())
	}
}

// TestMigrations_ApplyOnce migrates the same empty database from several
// handles at once, as instances starting together do, and then again:
// every version is applied exactly once.
func TestMigrations_ApplyOnce(t *testing.T) {
	ctx := context.Background()
	url := storetest.EmptyPostgres(t)
	migrateAll := func(n int) {
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range n {
			wg.Go(func() {
				db, err := store.OpenPostgres(url)
				if err != nil {
					errs[i] = err
					return
				}
				defer db.Close()
				errs[i] = db.Migrate(ctx)
			})
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			t.Fatal(err)
		}
	}
	migrateAll(4)
	migrateAll(1)

	db, err := store.OpenPostgres(url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got := revisions(t, db)
	dir, _ := store.MigrationsDir()
	files, _ := dir.Files()
	var want []string
	for _, f := range files {
		want = append(want, f.Version()+" 1 applied")
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("revisions = %v, want %v", got, want)
	}
}

// revisions lists the applied versions: version, row count, and whether
// every statement was applied.
func revisions(t *testing.T, db *store.DB) []string {
	t.Helper()
	rows, err := db.SQL.Query(`SELECT version, count(*), bool_and(applied = total AND coalesce(error, '') = '')
		FROM ` + store.RevisionsTable + ` GROUP BY version ORDER BY version`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var (
			version string
			n       int
			ok      bool
		)
		if err := rows.Scan(&version, &n, &ok); err != nil {
			t.Fatal(err)
		}
		state := "applied"
		if !ok {
			state = "unfinished"
		}
		got = append(got, fmt.Sprintf("%s %d %s", version, n, state))
	}
	return got
}
