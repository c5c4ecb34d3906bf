package bench_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/bench"
	"github.com/dealerline/dealerline/server"
	"github.com/dealerline/dealerline/store/storetest"
)

// start runs an instance with the demo data and its metrics, on SQLite or
// on a new PostgreSQL database.
func start(t *testing.T, databaseURL string) *server.Main {
	t.Helper()
	cfg := server.DefaultConfig()
	cfg.Addr, cfg.MetricsAddr = "127.0.0.1:0", "127.0.0.1:0"
	cfg.DataDir = t.TempDir()
	cfg.DatabaseURL = databaseURL
	// Many users at full speed from one address, as BENCHMARKS.md runs it.
	cfg.HTTP.RequestRate, cfg.Websocket.MaxPerClient = 0, 0
	m := server.NewMain(cfg)
	m.Out = io.Discard
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return m
}

// demoTokens signs the demo users in and writes their tokens as
// `dealerline seed` does.
func demoTokens(t *testing.T, m *server.Main) []bench.Login {
	t.Helper()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"email", "role", "dealer_id", "token"})
	for _, email := range []string{"admin@demo.test", "manager@demo.test", "north@demo.test", "south@demo.test", "capital@demo.test", "east@demo.test"} {
		var got struct {
			Data struct {
				Login struct {
					Token string
					User  struct {
						Role   string
						Dealer *struct{ ID string }
					}
				}
			}
		}
		body, _ := json.Marshal(map[string]any{"query": `mutation($e: String!) { login(email: $e, password: "demo") { token user { role dealer { id } } } }`,
			"variables": map[string]any{"e": email}})
		res, err := http.Post(m.URL()+"/graphql", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		json.NewDecoder(res.Body).Decode(&got)
		res.Body.Close()
		l := got.Data.Login
		if l.Token == "" {
			t.Fatalf("could not sign in as %s", email)
		}
		dealer := ""
		if l.User.Dealer != nil {
			dealer = l.User.Dealer.ID
		}
		w.Write([]string{email, l.User.Role, dealer, l.Token})
	}
	w.Flush()
	path := filepath.Join(t.TempDir(), "tokens.csv")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	logins, err := bench.ReadTokens(path)
	if err != nil {
		t.Fatal(err)
	}
	return logins
}

func forEachStore(t *testing.T, fn func(t *testing.T, m *server.Main)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, start(t, "")) })
	t.Run("postgres", func(t *testing.T) { fn(t, start(t, storetest.EmptyPostgres(t))) })
}

// TestQueries runs every scenario briefly: each answers without errors,
// and the statements per request are read from the server.
func TestQueries(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		var out bytes.Buffer
		rs, err := bench.Queries(context.Background(), bench.QueryConfig{
			URL: m.URL(), MetricsURL: m.MetricsURL(), Logins: demoTokens(t, m),
			Clients: 2, Duration: 500 * time.Millisecond, Scenarios: bench.Scenarios, Out: &out,
		})
		if err != nil {
			t.Fatal(err)
		}
		bench.PrintQueryResults(&out, rs)
		t.Log("\n" + out.String())
		if len(rs) != len(bench.Scenarios) {
			t.Fatalf("%d results for %d scenarios", len(rs), len(bench.Scenarios))
		}
		for _, r := range rs {
			if r.Requests == 0 || r.Errors > 0 || r.Statements <= 0 || r.P99 < r.P50 {
				t.Errorf("%s: %+v", r.Scenario, r)
			}
		}
		// The dealer's order page: one statement per level of the query
		// (page, count, lines, products, shipments, history), none to
		// authenticate; a little over for the token's last use, written once
		// a minute.
		if st := rs[0].Statements; st > 6.5 {
			t.Errorf("dealer-orders: %.2f statements per request, want 6", st)
		}
	})
}

// TestLoad opens subscribers as dealers, changes their orders, publishes
// announcements to every dealer, and checks every subscriber got exactly
// what it was due.
func TestLoad(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		var out bytes.Buffer
		r, err := bench.Load(context.Background(), bench.LoadConfig{
			URLs: []string{m.URL()}, MetricsURLs: []string{m.MetricsURL()}, Logins: demoTokens(t, m),
			Subscribers: 8, Rate: 40, Duration: time.Second, Writers: 4, Announcements: 2, Out: &out,
		})
		if err != nil {
			t.Fatal(err)
		}
		bench.PrintLoadResult(&out, r)
		t.Log("\n" + out.String())
		o := r.Orders
		if o.Events == 0 || o.Errors > 0 || o.Expected == 0 || o.Lost != 0 || o.Duplicated != 0 || o.Unexpected != 0 || o.Delivered != o.Expected {
			t.Errorf("order changes: %+v", o)
		}
		a := r.Announces
		if a.Events != 2 || a.Errors > 0 || a.Expected != 16 || a.Delivered != a.Expected || a.Duplicated != 0 || a.Unexpected != 0 {
			t.Errorf("announcements: %+v", a)
		}
		// Memory per subscriber is noise at this size; goroutines are not.
		if r.GoroutinesPerSubscriber <= 0 {
			t.Errorf("goroutines per subscriber %v: not read from the server", r.GoroutinesPerSubscriber)
		}
		if !strings.Contains(out.String(), "lost 0") {
			t.Errorf("the report does not say what was lost:\n%s", out.String())
		}
	})
}
