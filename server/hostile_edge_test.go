package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/dealerline/dealerline/server"
	"github.com/dealerline/dealerline/store/storetest"
)

// repeat writes format n times, with %d the repetition's number.
func repeat(format string, n int) string {
	if !strings.Contains(format, "%") {
		return strings.Repeat(format, n)
	}
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, format, i)
	}
	return b.String()
}

// hostileCase is one signed-out request of the probe that once took memory
// or CPU in proportion to the square of its size.
type hostileCase struct {
	name       string
	production bool
	query      string
	wantCode   string
	wantLimit  string // extensions.limit of the last error
	wantErrors int
}

func hostileCases() []hostileCase {
	return []hostileCase{
		{"RepeatedLogin400", false, "mutation {" + repeat(` login(email:"a%d",password:"b"){token}`, 400) + " }",
			"INVALID_INPUT", "errors", 101},
		{"RepeatedLogin600", false, "mutation {" + repeat(` login(email:"a%d",password:"b"){token}`, 600) + " }",
			"INVALID_INPUT", "fields", 1},
		{"RepeatedLogin3000", false, "mutation {" + repeat(` login(email:"a%d",password:"b"){token}`, 3000) + " }",
			"INVALID_INPUT", "tokens", 1},
		{"Node300", true, "{" + repeat(` node(id:"%d"){id}`, 300) + " }", "UNAUTHENTICATED", "", 1},
		{"Directives100000", false, "{ __typename" + repeat(" @aa", 100_000) + " }", "INVALID_INPUT", "tokens", 1},
		{"Typename10000", true, "{" + repeat(" __typename", 10_000) + " }", "INVALID_INPUT", "fields", 1},
	}
}

// measured is what one hostile request cost.
type measured struct {
	status, bytes, errors int
	code, limit           string
	allocated             uint64 // bytes the whole process allocated meanwhile
}

func measure(tb testing.TB, m *server.Main, query string) measured {
	tb.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	resp, err := http.Post(m.URL()+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	answer, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		tb.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	var r gqlResponse
	if err := json.Unmarshal(answer, &r); err != nil {
		tb.Fatalf("decode response (status %d): %v", resp.StatusCode, err)
	}
	got := measured{status: resp.StatusCode, bytes: len(answer), errors: len(r.Errors), code: r.code(),
		allocated: after.TotalAlloc - before.TotalAlloc}
	if len(r.Errors) > 0 {
		got.limit, _ = r.Errors[len(r.Errors)-1].Extensions["limit"].(string)
	}
	return got
}

// rowCounts is what an admin sees of the data a refused request must leave alone.
func rowCounts(tb testing.TB, admin client) string {
	tb.Helper()
	var got struct {
		Dealers, Channels, AuditEntries struct{ TotalCount int }
	}
	admin.mustQuery(tb, `{ dealers { totalCount } channels { totalCount } auditEntries { totalCount } }`, nil, &got)
	return fmt.Sprintf("%+v", got)
}

func testHostileCase(t *testing.T, name string) {
	var tc hostileCase
	for _, c := range hostileCases() {
		if c.name == name {
			tc = c
		}
	}
	forEachStoreWith(t, func(c *server.Config) { c.Production = tc.production; c.Demo = ptr(true) }, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		before := rowCounts(t, admin)
		got := measure(t, m, tc.query)
		if got.code != tc.wantCode || got.limit != tc.wantLimit || got.errors != tc.wantErrors {
			t.Errorf("code %q, limit %q, %d errors; want %q, %q, %d", got.code, got.limit, got.errors,
				tc.wantCode, tc.wantLimit, tc.wantErrors)
		}
		// Before the limits: 41.6 MB, 27 MB and 10.3 MB answers, gigabytes
		// allocated.
		if got.bytes > 32<<10 {
			t.Errorf("answer of %d bytes, want at most 32 KiB", got.bytes)
		}
		if got.allocated > 64<<20 {
			t.Errorf("%d MB allocated, want at most 64", got.allocated>>20)
		}
		if after := rowCounts(t, admin); after != before {
			t.Errorf("rows changed: %s → %s", before, after)
		}
	})
}

func TestHostile_Validation_ErrorsCapped(t *testing.T)      { testHostileCase(t, "RepeatedLogin400") }
func TestHostile_Validation_RepeatedLogin600(t *testing.T)  { testHostileCase(t, "RepeatedLogin600") }
func TestHostile_Validation_RepeatedLogin3000(t *testing.T) { testHostileCase(t, "RepeatedLogin3000") }
func TestHostile_Validation_Node300SignedOut(t *testing.T)  { testHostileCase(t, "Node300") }
func TestHostile_Validation_Directives100000(t *testing.T)  { testHostileCase(t, "Directives100000") }
func TestHostile_Complexity_Typename10000(t *testing.T)     { testHostileCase(t, "Typename10000") }

// TestHostile_Figures prints, for BENCHMARKS.md, what each hostile request
// costs the server.
func TestHostile_Figures(t *testing.T) {
	dev := startServer(t)
	prod := startServerWith(t, "", func(c *server.Config) { c.Production = true; c.Demo = ptr(true) })
	t.Logf("| %-17s | %-4s | %7s | %6s | %6s | %6s | %-15s | %9s |", "case", "mode", "request", "status", "answer", "errors", "code", "allocated")
	for _, tc := range hostileCases() {
		m, mode := dev, "dev"
		if tc.production {
			m, mode = prod, "prod"
		}
		got := measure(t, m, tc.query)
		t.Logf("| %-17s | %-4s | %7d | %6d | %6d | %6d | %-15s | %6.1f MB |", tc.name, mode, len(tc.query), got.status,
			got.bytes, got.errors, got.code, float64(got.allocated)/(1<<20))
	}
}

func ptr[T any](v T) *T { return &v }

// logged is a log of a server in a test.
type logged struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logged) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logged) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// startProductionLogged is a production server whose log the test reads.
func startProductionLogged(t *testing.T, databaseURL string) (*server.Main, *logged) {
	t.Helper()
	cfg := server.DefaultConfig()
	cfg.Addr = "127.0.0.1:0"
	cfg.DataDir = t.TempDir()
	cfg.DatabaseURL = databaseURL
	cfg.Production, cfg.Demo = true, ptr(true)
	m := server.NewMain(cfg)
	m.Out = io.Discard
	log := &logged{}
	m.Log = slog.New(slog.NewJSONHandler(log, &slog.HandlerOptions{Level: slog.LevelDebug}))
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := m.Close(); err != nil {
			t.Error(err)
		}
	})
	return m, log
}

// TestHostile_Body_NotOneRequest: bodies gqlgen answered INTERNAL, logging
// them whole (a password included), are refused before it reads them.
func TestHostile_Body_NotOneRequest(t *testing.T) {
	const secret = "s3cret-Passw0rd"
	login := `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`
	for _, tc := range []struct{ name, body string }{
		{"BatchArray", fmt.Sprintf(`[{"query": %q, "variables": {"e": "admin@demo.test", "p": %q}}]`, login, secret)},
		{"QueryNumber", fmt.Sprintf(`{"query": 5, "variables": {"e": "admin@demo.test", "p": %q}}`, secret)},
		{"VariablesString", fmt.Sprintf(`{"query": %q, "variables": "{\"e\": \"admin@demo.test\", \"p\": %q}"}`, login, secret)},
		{"OperationNameObject", fmt.Sprintf(`{"query": %q, "operationName": {}, "variables": {"p": %q}}`, login, secret)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			storeCases(t, func(t *testing.T, databaseURL string) {
				m, log := startProductionLogged(t, databaseURL)
				r := post(t, m, "", []byte(tc.body))
				if r.Status != http.StatusBadRequest || r.code() != "INVALID_INPUT" {
					t.Errorf("status %d, code %q; want 400 INVALID_INPUT (%+v)", r.Status, r.code(), r.Errors)
				}
				for _, e := range r.Errors {
					if strings.Contains(e.Message, secret) {
						t.Errorf("the answer quotes the password: %q", e.Message)
					}
				}
				if strings.Contains(log.String(), secret) {
					t.Errorf("the log holds the password:\n%s", log)
				}
			})
		})
	}
}

// storeCases runs fn on SQLite ("") and on a fresh PostgreSQL database.
func storeCases(t *testing.T, fn func(t *testing.T, databaseURL string)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, "") })
	t.Run("postgres", func(t *testing.T) { fn(t, storetest.EmptyPostgres(t)) })
}

func send(t *testing.T, req *http.Request) (*http.Response, gqlResponse) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r gqlResponse
	body, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatalf("status %d, not a GraphQL answer: %q", resp.StatusCode, body)
	}
	r.Status = resp.StatusCode
	return resp, r
}

// TestHostile_Transport_Refusals: what gqlgen answered with no code now has one.
func TestHostile_Transport_Refusals(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		before := rowCounts(t, admin)

		req, _ := http.NewRequest(http.MethodPost, m.URL()+"/graphql", strings.NewReader(`{ __typename }`))
		req.Header.Set("Content-Type", "text/plain")
		_, r := send(t, req)
		if r.Status != http.StatusBadRequest || r.code() != "INVALID_INPUT" {
			t.Errorf("text/plain POST: status %d, code %q; want 400 INVALID_INPUT", r.Status, r.code())
		}

		q := url.Values{"query": {`mutation { createChannel(input: {code: "GET", name: "By GET"}) { id } }`}}
		req, _ = http.NewRequest(http.MethodGet, m.URL()+"/graphql?"+q.Encode(), nil)
		req.Header.Set("Authorization", "Bearer "+admin.token)
		_, r = send(t, req)
		if r.Status != http.StatusNotAcceptable || r.code() != "INVALID_INPUT" {
			t.Errorf("GET mutation: status %d, code %q; want 406 INVALID_INPUT", r.Status, r.code())
		}

		q = url.Values{"query": {`{ __typename }`}, "variables": {`"x"`}}
		_, r = send(t, httptestGet(t, m.URL()+"/graphql?"+q.Encode()))
		if r.Status != http.StatusBadRequest || r.code() != "INVALID_INPUT" {
			t.Errorf("GET variables as a string: status %d, code %q; want 400 INVALID_INPUT", r.Status, r.code())
		}

		_, r = send(t, httptestGet(t, m.URL()+"/graphql?query=%7B%20me%20%7B%20email%20%7D%20%7D&variables=%7B%22x%22%3A%22%FF%22%7D"))
		if r.Status != http.StatusBadRequest || r.code() != "INVALID_INPUT" {
			t.Errorf("GET with bytes that are not UTF-8: status %d, code %q; want 400 INVALID_INPUT", r.Status, r.code())
		}
		if after := rowCounts(t, admin); after != before {
			t.Errorf("rows changed: %s → %s", before, after)
		}
	})
}

func httptestGet(t *testing.T, url string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

// TestHostile_Headers_NotCachedNotFramed: answers carrying tokens are never
// stored by a cache, and GraphiQL is never framed.
func TestHostile_Headers_NotCachedNotFramed(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		body := `{"query": "mutation { login(email: \"admin@demo.test\", password: \"demo\") { token } }"}`
		resp, err := http.Post(m.URL()+"/graphql", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("/graphql Cache-Control = %q, want no-store", got)
		}
		resp, err = http.Get(m.URL() + "/graphiql/")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || resp.Header.Get("X-Frame-Options") != "DENY" ||
			resp.Header.Get("Content-Security-Policy") != "frame-ancestors 'none'" {
			t.Errorf("/graphiql/: status %d, X-Frame-Options %q, Content-Security-Policy %q", resp.StatusCode,
				resp.Header.Get("X-Frame-Options"), resp.Header.Get("Content-Security-Policy"))
		}
	})
}

// TestHostile_Schema_HiddenInProduction: introspection answers a clear code,
// and validation errors do not suggest field names.
func TestHostile_Schema_HiddenInProduction(t *testing.T) {
	forEachStoreWith(t, func(c *server.Config) { c.Production = true; c.Demo = ptr(true) }, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		r := admin.query(t, `{ __schema { types { name } } }`, nil)
		if r.code() != "FORBIDDEN" {
			t.Errorf("introspection: code %q, want FORBIDDEN (%+v)", r.code(), r.Errors)
		}
		r = admin.query(t, `{ dealers { totalCont } }`, nil)
		if r.code() != "INVALID_INPUT" || len(r.Errors) != 1 || strings.Contains(r.Errors[0].Message, "Did you mean") {
			t.Errorf("unknown field: %+v, want INVALID_INPUT without suggestions", r.Errors)
		}
		r = post(t, m, "", []byte(`{"query": "mutation { login(emial: \"a\", password: \"b\") { token } }"}`))
		if r.code() != "INVALID_INPUT" || strings.Contains(r.Errors[0].Message, "Did you mean") {
			t.Errorf("unknown argument: %+v, want INVALID_INPUT without suggestions", r.Errors)
		}
	})
}
