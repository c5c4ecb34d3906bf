package bench_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dealerline/dealerline/bench"
	"github.com/dealerline/dealerline/cli"
	"github.com/dealerline/dealerline/server"
)

// fakeGraphQL answers {"n": N} by N: GraphQL errors for multiples of 5
// (and of 17, with HTTP 400), a transport error for multiples of 7 (HTTP
// 500) and 13 (not JSON), an unexpected answer for multiples of 11 (no
// "ok") and 19 (no data), and a correct answer otherwise. It counts what it sent, to be compared with
// what Endpoint counted.
type fakeGraphQL struct {
	mu       sync.Mutex
	sent     map[int]int // requests by N
	ok, gql  int
	status   int // transport errors
	odd      int // unexpected answers
	okBytes  int
	badAuth  []string // requests whose headers were not the ones due
	wantAuth func(n int) string
	wantHdr  http.Header
}

func newFakeGraphQL(t *testing.T, f *fakeGraphQL) *httptest.Server {
	f.sent = map[int]int{}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return srv
}

func (f *fakeGraphQL) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Query     string
		Variables struct{ N int }
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Query == "" || r.Header.Get("Content-Type") != "application/json" {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	n := req.Variables.N
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sent[n]++
	if f.wantAuth != nil && r.Header.Get("Authorization") != f.wantAuth(n) {
		f.badAuth = append(f.badAuth, fmt.Sprintf("n=%d: Authorization %q, want %q", n, r.Header.Get("Authorization"), f.wantAuth(n)))
	}
	for k := range f.wantHdr {
		if r.Header.Get(k) != f.wantHdr.Get(k) {
			f.badAuth = append(f.badAuth, fmt.Sprintf("n=%d: %s %q, want %q", n, k, r.Header.Get(k), f.wantHdr.Get(k)))
		}
	}
	w.Header().Set("Content-Type", "application/json")
	switch {
	case n%5 == 0:
		f.gql++
		fmt.Fprintf(w, `{"errors":[{"message":"%d is a multiple of five"}],"data":null}`, n)
	case n%7 == 0:
		f.status++
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprint(w, "boom")
	case n%11 == 0:
		f.odd++
		fmt.Fprintf(w, `{"data":{"x":"eleven-%d"}}`, n)
	case n%13 == 0:
		f.status++
		fmt.Fprint(w, "<html>thirteen</html>")
	case n%17 == 0:
		f.gql++
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprint(w, `{"errors":[{"message":"seventeen","extensions":{"code":"BAD"}}]}`)
	case n%19 == 0:
		f.odd++
		fmt.Fprint(w, `{"data":null}`)
	default:
		f.ok++
		body := fmt.Sprintf(`{"data":{"x":"ok-%d"}}`, n)
		f.okBytes += len(body)
		fmt.Fprint(w, body)
	}
}

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestEndpoint_Counts checks every answer is counted once, as what it was,
// and the variables are drawn evenly.
func TestEndpoint_Counts(t *testing.T) {
	f := &fakeGraphQL{}
	srv := newFakeGraphQL(t, f)
	var vars []bench.Variables
	for n := 1; n <= 40; n++ {
		vars = append(vars, bench.Variables{JSON: json.RawMessage(fmt.Sprintf(`{"n":%d}`, n))})
	}
	r, err := bench.Endpoint(context.Background(), bench.EndpointConfig{
		URL: srv.URL, Query: "query($n: Int!) { x(n: $n) }", Variables: vars, Clients: 4,
		Duration: 300 * time.Millisecond, Expect: `"ok-`, Seed: 7,
	})
	if err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if r.Requests != f.ok || r.Errors.GraphQL != f.gql || r.Errors.Transport != f.status || r.Errors.Unexpected != f.odd {
		t.Errorf("counted %d correct, %+v; the server sent %d correct, %d GraphQL errors, %d transport errors, %d unexpected",
			r.Requests, r.Errors, f.ok, f.gql, f.status, f.odd)
	}
	if f.gql == 0 || f.status == 0 || f.odd == 0 {
		t.Fatalf("too short a run to see every kind of answer: %+v", r)
	}
	if want := float64(f.okBytes) / float64(f.ok); r.BytesPerAnswer != want {
		t.Errorf("%.2f bytes per answer, want %.2f", r.BytesPerAnswer, want)
	}
	// The lines go round in one shuffled order: none is sent twice more
	// than another.
	lo, hi := f.sent[1], f.sent[1]
	for n := 1; n <= 40; n++ {
		lo, hi = min(lo, f.sent[n]), max(hi, f.sent[n])
	}
	if hi-lo > 1 || len(f.sent) != 40 {
		t.Errorf("variables drawn unevenly: %v", f.sent)
	}
	// Which comes first depends on the shuffle and the clients' pace.
	for kind, want := range map[string]*regexp.Regexp{
		"graphql":    regexp.MustCompile(`^HTTP 200: \d+ is a multiple of five$|^HTTP 400: seventeen \(BAD\)$`),
		"transport":  regexp.MustCompile(`^HTTP 500: boom$|^the answer is not JSON \(.*\): <html>thirteen</html>$`),
		"unexpected": regexp.MustCompile(`^no "ok- in the data: \{"data":\{"x":"eleven-\d+"\}\}$|^no data object: \{"data":null\}$`),
	} {
		if !want.MatchString(r.FirstErrors[kind]) {
			t.Errorf("first %s error %q, want %s", kind, r.FirstErrors[kind], want)
		}
	}
	if !(r.P50 <= r.P90 && r.P90 <= r.P99 && r.P99 <= r.Max && r.P50 > 0) || r.PerSecond <= 0 {
		t.Errorf("percentiles or rate out of order: %+v", r)
	}
	var out bytes.Buffer
	bench.PrintEndpointResult(&out, r)
	for _, want := range []string{"p50", "p99", fmt.Sprintf("%d transport, %d graphql, %d unexpected", f.status, f.gql, f.odd), "first graphql"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no %q in\n%s", want, out.String())
		}
	}
}

// TestEndpoint_NothingCorrect fails the run and says why.
func TestEndpoint_NothingCorrect(t *testing.T) {
	srv := newFakeGraphQL(t, &fakeGraphQL{})
	_, err := bench.Endpoint(context.Background(), bench.EndpointConfig{
		URL: srv.URL, Query: "{ x }", Variables: []bench.Variables{{JSON: json.RawMessage(`{"n":5}`)}},
		Clients: 1, Duration: 50 * time.Millisecond,
	})
	if err == nil || !strings.Contains(err.Error(), "no correct answer") || !strings.Contains(err.Error(), "multiple of five") {
		t.Errorf("error %v", err)
	}
}

// TestEndpointCommand_HeadersAndTokens: --header goes with every request,
// a line's token replaces its Authorization, and --json prints one line.
func TestEndpointCommand_HeadersAndTokens(t *testing.T) {
	f := &fakeGraphQL{
		wantAuth: func(n int) string {
			if n%2 == 0 {
				return fmt.Sprintf("Bearer tok-%d", n)
			}
			return "Bearer from-header"
		},
		wantHdr: http.Header{"X-Tenant": {"north: east"}},
	}
	srv := newFakeGraphQL(t, f)
	var lines strings.Builder
	for n := 1; n <= 10; n++ {
		if n%2 == 0 {
			fmt.Fprintf(&lines, `{"variables": {"n": %d}, "token": "tok-%d"}`+"\n\n", n, n)
		} else {
			fmt.Fprintf(&lines, "  {\"n\": %d}\n", n)
		}
	}
	var out bytes.Buffer
	err := bench.EndpointCommand(context.Background(), []string{
		"--url", srv.URL, "--query", writeFile(t, "q.graphql", "query($n: Int!) { x(n: $n) }"),
		"--variables", writeFile(t, "vars.jsonl", lines.String()),
		"--header", "Authorization: Bearer from-header", "--header", "x-tenant:north: east",
		"--clients", "2", "--duration", "200ms", "--warmup", "0", "--json",
	}, &out)
	if err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.badAuth) > 0 {
		t.Errorf("%d requests with the wrong headers, first: %s", len(f.badAuth), f.badAuth[0])
	}
	if strings.Count(out.String(), "\n") != 1 {
		t.Fatalf("--json printed more than one line:\n%s", out.String())
	}
	var got struct {
		Requests     int
		VariableSets int     `json:"variable_sets"`
		P99          float64 `json:"p99_ms"`
		Errors       bench.EndpointErrors
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("%v: %s", err, out.String())
	}
	if got.Requests != f.ok || got.Errors.GraphQL != f.gql || got.Errors.Transport != f.status || got.VariableSets != 10 || got.P99 <= 0 {
		t.Errorf("printed %+v; the server sent %d correct, %d GraphQL errors, %d HTTP 500", got, f.ok, f.gql, f.status)
	}
}

func TestEndpointCommand_BadCommandLine(t *testing.T) {
	query := writeFile(t, "q.graphql", "{ x }")
	for _, tc := range []struct {
		args  []string
		want  string
		usage bool // a command line the command cannot run, exit status 2
	}{
		{[]string{"--header", "Authorization Bearer x"}, `"Authorization Bearer x" is not 'Name: value'`, true},
		{[]string{"--header", ": x"}, `": x" is not 'Name: value'`, true},
		{[]string{"--pid", "postgres=abc"}, `"postgres=abc" is not NAME=PID`, true},
		{[]string{"--pid", "=12"}, `"=12" is not NAME=PID`, true},
		{[]string{"--url", "http://127.0.0.1:1/graphql"}, "--query is required", true},
		{[]string{"--query", query, "--variables", filepath.Join(t.TempDir(), "none.jsonl")}, "no such file", false},
		{[]string{"--query", query, "--pid", "ghost=1073741824", "--warmup", "1h"}, "--pid ghost=1073741824: no process 1073741824", false},
	} {
		err := bench.EndpointCommand(context.Background(), tc.args, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %v, want %q", tc.args, err, tc.want)
		}
		var usage *cli.UsageError
		if errors.As(err, &usage) != tc.usage {
			t.Errorf("%v: %T, a usage error: %v, want %v", tc.args, err, !tc.usage, tc.usage)
		}
	}
	var help *cli.Help
	if err := bench.EndpointCommand(context.Background(), []string{"--help"}, &bytes.Buffer{}); !errors.As(err, &help) || !errors.Is(err, flag.ErrHelp) {
		t.Errorf("--help: %v", err)
	}
}

func TestReadVariables(t *testing.T) {
	path := writeFile(t, "vars.jsonl", `{"dealer": "1"}

{"variables": {"dealer": "2"}, "token": "t2"}
   {"variables": {"dealer": "3"}}
{"variables": {"dealer": "4"}, "first": 10}
{}
`)
	got, err := bench.ReadVariables(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ vars, token string }{
		{`{"dealer":"1"}`, ""},
		{`{"dealer":"2"}`, "t2"},
		{`{"dealer":"3"}`, ""},
		// Another key beside "variables": the object is the variables.
		{`{"variables":{"dealer":"4"},"first":10}`, ""},
		{`{}`, ""},
	}
	if len(got) != len(want) {
		t.Fatalf("%d lines read, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if string(got[i].JSON) != w.vars || got[i].Token != w.token {
			t.Errorf("line %d: %s %q, want %s %q", i, got[i].JSON, got[i].Token, w.vars, w.token)
		}
	}

	for _, tc := range []struct{ text, want string }{
		{"{\"a\": 1}\n\n{\"a\": 2,\n", "bad.jsonl:3: not a JSON object"},
		{"[1, 2]\n", "bad.jsonl:1: not a JSON object"},
		{"null\n", "bad.jsonl:1: not a JSON object"},
		{`{"variables": 5, "token": "t"}`, `bad.jsonl:1: "variables" is not a JSON object`},
		{`{"variables": {}, "token": 5}`, `bad.jsonl:1: "token" is not a string`},
		{"\n  \n", "bad.jsonl has no variables"},
	} {
		_, err := bench.ReadVariables(writeFile(t, "bad.jsonl", tc.text))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.text, err, tc.want)
		}
	}
}

// TestEndpoint_CPU reads this process's CPU time, and refuses a process
// that is not there before loading anything.
func TestEndpoint_CPU(t *testing.T) {
	srv := newFakeGraphQL(t, &fakeGraphQL{})
	cfg := bench.EndpointConfig{
		URL: srv.URL, Query: "{ x }", Variables: []bench.Variables{{JSON: json.RawMessage(`{"n":1}`)}},
		Clients: 2, Duration: 100 * time.Millisecond, Processes: []bench.Process{{Name: "self", PID: os.Getpid()}},
	}
	r, err := bench.Endpoint(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.CPU) != 1 || r.CPU[0].Name != "self" || r.CPU[0].Seconds < 0 || r.CPU[0].PerRequest < 0 || r.CPU[0].Processes < 1 {
		t.Errorf("CPU %+v", r.CPU)
	}
	if r.Driver == nil || r.Driver.Seconds < 0 {
		t.Errorf("driver CPU %+v", r.Driver)
	}

	cfg.Processes = []bench.Process{{Name: "ghost", PID: 1 << 30}} // above Linux's largest PID
	cfg.Warmup = time.Hour
	if _, err := bench.Endpoint(context.Background(), cfg); err == nil || !strings.Contains(err.Error(), "--pid ghost=1073741824: no process 1073741824") {
		t.Errorf("error %v", err)
	}
}

// TestEndpoint_Dealerline loads a real server with the dealer order page,
// as dealers with their own tokens and as an administrator naming the
// dealer, with the server's own CPU time read (it runs in this process).
func TestEndpoint_Dealerline(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		logins := demoTokens(t, m)
		var lines strings.Builder
		admin := ""
		for _, l := range logins {
			switch l.Role {
			case "ADMIN":
				admin = l.Token
			case "DEALER":
				fmt.Fprintf(&lines, `{"variables": {"dealer": %q}, "token": %q}`+"\n", l.DealerID, l.Token)
				fmt.Fprintf(&lines, `{"dealer": %q}`+"\n", l.DealerID)
			}
		}
		vars, err := bench.ReadVariables(writeFile(t, "vars.jsonl", lines.String()))
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		r, err := bench.Endpoint(context.Background(), bench.EndpointConfig{
			URL: m.URL() + "/graphql",
			Query: `query Orders($dealer: ID!) { orders(dealerID: $dealer, first: 50) { edges { node {
				id number status total lines { quantity unitPrice product { sku } } } } } }`,
			Variables: vars, Header: http.Header{"Authorization": {"Bearer " + admin}},
			Clients: 4, Duration: time.Second, Warmup: 200 * time.Millisecond, Expect: `"sku"`,
			Processes: []bench.Process{{Name: "dealerline", PID: os.Getpid()}}, Out: &out,
		})
		bench.PrintEndpointResult(&out, r)
		t.Log("\n" + out.String())
		if err != nil {
			t.Fatal(err)
		}
		if r.Requests == 0 || r.Errors.Total() != 0 || r.VariableSets != 8 || len(r.CPU) != 1 || r.CPU[0].Seconds < 0 {
			t.Errorf("%+v", r)
		}
	})
}
