package server_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/server"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

// newPostgresMain is an instance on the PostgreSQL database at url, on a
// free port, quiet; out receives its start-up banner.
func newPostgresMain(url string, out io.Writer) *server.Main {
	cfg := server.DefaultConfig()
	cfg.Addr = "127.0.0.1:0"
	cfg.DatabaseURL = url
	m := server.NewMain(cfg)
	m.Out = out
	m.Log = slog.New(slog.DiscardHandler)
	return m
}

func closeOnCleanup(tb testing.TB, m *server.Main) {
	tb.Cleanup(func() {
		if err := m.Close(); err != nil {
			tb.Error(err)
		}
	})
}

// openDirect opens the database at url beside the server, to check what it
// wrote.
func openDirect(tb testing.TB, url string) *store.DB {
	tb.Helper()
	db, err := store.OpenPostgres(url)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// checkOneSchemaOneDemo checks the database at url has every migration
// applied once and one demo data set.
func checkOneSchemaOneDemo(t *testing.T, url string) {
	t.Helper()
	db := openDirect(t, url)
	dir, err := store.MigrationsDir()
	if err != nil {
		t.Fatal(err)
	}
	files, err := dir.Files()
	if err != nil {
		t.Fatal(err)
	}
	var versions []string
	rows, err := db.SQL.Query(`SELECT version FROM ` + store.RevisionsTable + ` WHERE applied = total ORDER BY version`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		versions = append(versions, v)
	}
	var want []string
	for _, f := range files {
		want = append(want, f.Version())
	}
	if got := strings.Join(versions, " "); got != strings.Join(want, " ") {
		t.Errorf("applied migrations = %q, want %q", got, strings.Join(want, " "))
	}

	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	if got, err := db.Client.Dealer.Query().Count(ctx); err != nil || got != 30 {
		t.Errorf("dealers = %d, %v; want 30", got, err)
	}
	if got, err := db.Client.User.Query().Count(ctx); err != nil || got == 0 {
		t.Errorf("users = %d, %v; want the demo users", got, err)
	}
}

func fetch(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// TestServer_PostgresFirstStart: on an empty PostgreSQL database the server
// migrates, loads the demo data and serves.
func TestServer_PostgresFirstStart(t *testing.T) {
	url := storetest.EmptyPostgres(t)
	var banner bytes.Buffer
	m := newPostgresMain(url, &banner)
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}

	checkOneSchemaOneDemo(t, url)
	if !strings.Contains(banner.String(), "Demo data loaded") {
		t.Errorf("banner does not announce the demo data:\n%s", banner.String())
	}
	if code, body := fetch(t, m.URL()+"/readyz"); code != http.StatusOK {
		t.Errorf("GET /readyz = %d %q, want 200", code, body)
	}
	if code, body := fetch(t, m.URL()+"/graphql?query=%7B__typename%7D"); code != http.StatusOK || !strings.Contains(body, `"Query"`) {
		t.Errorf("GET /graphql = %d %q, want 200 with the query type", code, body)
	}

	// A restart finds both done.
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	banner.Reset()
	again := newPostgresMain(url, &banner)
	if err := again.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	closeOnCleanup(t, again)
	if strings.Contains(banner.String(), "Demo data loaded") {
		t.Error("the restart loaded the demo data again")
	}
	checkOneSchemaOneDemo(t, url)
}

// TestServer_PostgresTwoInstancesStartTogether: instances started at once
// on one empty database share one schema and one demo data set.
func TestServer_PostgresTwoInstancesStartTogether(t *testing.T) {
	url := storetest.EmptyPostgres(t)
	const n = 2
	var (
		wg      sync.WaitGroup
		mains   [n]*server.Main
		errs    [n]error
		banners [n]bytes.Buffer
	)
	for i := range n {
		mains[i] = newPostgresMain(url, &banners[i])
		closeOnCleanup(t, mains[i])
		wg.Go(func() { errs[i] = mains[i].Run(context.Background()) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("instance %d: %v", i, err)
		}
	}
	if t.Failed() {
		return
	}
	checkOneSchemaOneDemo(t, url)
	loaded := 0
	for i := range n {
		if strings.Contains(banners[i].String(), "Demo data loaded") {
			loaded++
		}
		if code, _ := fetch(t, mains[i].URL()+"/readyz"); code != http.StatusOK {
			t.Errorf("instance %d: /readyz = %d, want 200", i, code)
		}
	}
	if loaded != 1 {
		t.Errorf("%d instances loaded the demo data, want 1", loaded)
	}
}

// TestServer_ReadyzReflectsDatabase: /readyz answers 503 while the
// database cannot be reached, and 200 again once it can.
func TestServer_ReadyzReflectsDatabase(t *testing.T) {
	proxy := storetest.NewProxy(t, storetest.EmptyPostgres(t))
	m := newPostgresMain(proxy.URL, io.Discard)
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	closeOnCleanup(t, m)

	for _, step := range []struct {
		name string
		do   func()
		want int
	}{
		{"Up", func() {}, http.StatusOK},
		{"Cut", proxy.Cut, http.StatusServiceUnavailable},
		{"Restored", proxy.Restore, http.StatusOK},
	} {
		step.do()
		start := time.Now()
		code, body := fetch(t, m.URL()+"/readyz")
		if code != step.want {
			t.Errorf("%s: GET /readyz = %d %q, want %d", step.name, code, body, step.want)
		}
		if took := time.Since(start); took > 3*time.Second {
			t.Errorf("%s: /readyz took %v", step.name, took)
		}
	}
}
