package bench

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dealerline/dealerline/cli"

	_ "github.com/jackc/pgx/v5/stdlib" // the pgx driver, for the direct SQL baseline

	"github.com/dealerline/dealerline/store"
)

// QueriesCommand is `dealerline bench queries`.
func QueriesCommand(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("dealerline bench queries", flag.ContinueOnError)
	synopsis := "Usage: dealerline bench queries [flags]\n\nTimes the API's typical pages against a running server seeded by `dealerline seed` (BENCHMARKS.md)."
	url := fs.String("url", "http://127.0.0.1:8080", "the server")
	metrics := fs.String("metrics", "", "the server's metrics, e.g. http://127.0.0.1:9090/metrics, for SQL statements per request")
	tokens := fs.String("tokens", filepath.Join("data", "seed-tokens.csv"), "the tokens `FILE` that dealerline seed writes")
	clients := fs.Int("clients", 16, "concurrent clients")
	duration := fs.Duration("duration", 30*time.Second, "measured time per scenario")
	warmup := fs.Duration("warmup", 5*time.Second, "unmeasured time first, per scenario")
	only := fs.String("scenarios", "", "comma-separated scenarios to run (default all: dealer-orders, order-desk, statement, timeline, search, scorecard, channel-compare)")
	directPG := fs.String("direct-database-url", "", "PostgreSQL URL: also time the dealer-orders page in hand-written SQL, as a baseline")
	directSQLite := fs.String("direct-sqlite", "", "data directory of an SQLite database: the same baseline there")
	if err := cli.Parse(fs, args, synopsis, "", nil); err != nil {
		return err
	}
	if err := cli.Args(fs, 0, synopsis, "", nil); err != nil {
		return err
	}
	logins, err := ReadTokens(*tokens)
	if err != nil {
		return err
	}
	cfg := QueryConfig{URL: *url, MetricsURL: *metrics, Logins: logins, Clients: *clients, Duration: *duration, Warmup: *warmup, Out: out}
	for _, sc := range Scenarios {
		if *only == "" || slices.Contains(strings.Split(*only, ","), sc.Name) {
			cfg.Scenarios = append(cfg.Scenarios, sc)
		}
	}
	if len(cfg.Scenarios) == 0 {
		return fmt.Errorf("no scenario named %q", *only)
	}
	results, err := Queries(ctx, cfg)
	if err != nil {
		return err
	}
	if *directPG != "" || *directSQLite != "" {
		r, err := direct(ctx, *directPG, *directSQLite, logins, *clients, *duration)
		if err != nil {
			return fmt.Errorf("direct SQL: %w", err)
		}
		results = append(results, r)
	}
	fmt.Fprintln(out)
	PrintQueryResults(out, results)
	return nil
}

func direct(ctx context.Context, pgURL, sqliteDir string, logins []Login, clients int, d time.Duration) (QueryResult, error) {
	var db *sql.DB
	var err error
	if pgURL != "" {
		db, err = sql.Open("pgx", pgURL)
	} else {
		db, err = sql.Open("sqlite", store.SQLiteDSN(filepath.Join(sqliteDir, "dealerline.db")))
	}
	if err != nil {
		return QueryResult{}, err
	}
	defer db.Close()
	db.SetMaxOpenConns(clients)
	db.SetMaxIdleConns(clients)
	// The dealers the API run picked: those with a full page, found the
	// same way here.
	var dealers []int
	for _, l := range ofRole(logins, "DEALER") {
		id, err := strconv.Atoi(l.DealerID)
		if err != nil {
			return QueryResult{}, fmt.Errorf("dealer id %q: %w", l.DealerID, err)
		}
		var n int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM orders WHERE dealer_id = `+map[bool]string{true: "$1", false: "?"}[pgURL != ""], id).Scan(&n); err != nil {
			return QueryResult{}, err
		}
		if n >= 50 {
			dealers = append(dealers, id)
		}
		if len(dealers) == clients {
			break
		}
	}
	if len(dealers) == 0 {
		return QueryResult{}, errors.New("no dealer has 50 orders")
	}
	return DirectOrders(ctx, db, pgURL != "", dealers, clients, d)
}

// LoadtestCommand is `dealerline loadtest`.
func LoadtestCommand(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("dealerline loadtest", flag.ContinueOnError)
	synopsis := "Usage: dealerline loadtest [flags]\n\nMoves orders and publishes announcements on running servers while dealers listen on websockets, and measures delivery (BENCHMARKS.md)."
	urls := fs.String("url", "http://127.0.0.1:8080", "the instances, comma-separated: subscribers are spread over them")
	metrics := fs.String("metrics", "http://127.0.0.1:9090/metrics", "their metrics (--metrics-addr), comma-separated in the same order")
	tokens := fs.String("tokens", filepath.Join("data", "seed-tokens.csv"), "the tokens `FILE` that dealerline seed writes")
	subscribers := fs.Int("subscribers", 1000, "websockets, each signed in as another dealer while there are dealers")
	rateFlag := fs.Float64("rate", 1000, "order changes a second")
	duration := fs.Duration("duration", 20*time.Second, "how long orders are changed")
	writers := fs.Int("writers", 32, "concurrent requests making changes")
	announcements := fs.Int("announcements", 5, "announcements to every dealer after the order changes, one a second")
	if err := cli.Parse(fs, args, synopsis, "", nil); err != nil {
		return err
	}
	if err := cli.Args(fs, 0, synopsis, "", nil); err != nil {
		return err
	}
	logins, err := ReadTokens(*tokens)
	if err != nil {
		return err
	}
	cfg := LoadConfig{
		URLs: strings.Split(*urls, ","), MetricsURLs: strings.Split(*metrics, ","), Logins: logins,
		Subscribers: *subscribers, Rate: *rateFlag, Duration: *duration, Writers: *writers,
		Announcements: *announcements, Out: out,
	}
	if len(cfg.URLs) != len(cfg.MetricsURLs) {
		return fmt.Errorf("give one --metrics address per --url")
	}
	r, err := Load(ctx, cfg)
	if err != nil {
		return err
	}
	PrintLoadResult(out, r)
	return nil
}

// SignalsCommand is `dealerline bench signals`.
func SignalsCommand(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("dealerline bench signals", flag.ContinueOnError)
	synopsis := "Usage: dealerline bench signals [flags]\n\nTimes how long a survey takes to raise or withdraw a signal and reach its subscribers (BENCHMARKS.md)."
	url := fs.String("url", "http://127.0.0.1:8080", "the server")
	tokens := fs.String("tokens", filepath.Join("data", "seed-tokens.csv"), "the tokens `FILE` that dealerline seed writes: subscribers sign in as its managers and administrators")
	admin := fs.String("admin-token", "", "an administrator's token, to record the surveys (default: the file's first ADMIN)")
	samples := fs.Int("samples", 100, "surveys that raise a signal, each for another dealer")
	subscribers := fs.Int("subscribers", 10, "websockets on signalRaised")
	withdraw := fs.Bool("withdraw", true, "after each raise, record a later survey that withdraws the signal, and time that too")
	timeout := fs.Duration("timeout", 30*time.Second, "how long a sample waits for its event")
	if err := cli.Parse(fs, args, synopsis, "", nil); err != nil {
		return err
	}
	if err := cli.Args(fs, 0, synopsis, "", nil); err != nil {
		return err
	}
	logins, err := ReadTokens(*tokens)
	if err != nil {
		return err
	}
	r, err := Signals(ctx, SignalConfig{
		URL: *url, Logins: logins, AdminToken: *admin, Samples: *samples, Subscribers: *subscribers,
		Withdraw: *withdraw, Timeout: *timeout, Out: out,
	})
	if err != nil {
		return err
	}
	PrintSignalResult(out, r)
	return nil
}

// EndpointCommand is `dealerline bench endpoint`.
func EndpointCommand(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("dealerline bench endpoint", flag.ContinueOnError)
	synopsis := "Usage: dealerline bench endpoint --query FILE [flags]\n\n" +
		"Loads any GraphQL endpoint (Dealerline, PostGraphile, …) with one query, checks every answer, and\n" +
		"reports requests/s, latency percentiles and the CPU time per request of the processes named (BENCHMARKS.md)."
	notes := "The variables file holds one JSON object a line: the variables of a request, or\n" +
		`{"variables": {…}, "token": "…"} to send that request with Authorization: Bearer and the token.` + "\n" +
		"Requests take the lines in a shuffled order (--seed), round and round. An answer is correct when its\n" +
		"status is 2xx, it has no errors and a data object, and its data holds --expect; the others are errors,\n" +
		"not latencies. CPU time is read from /proc (Linux) for each process and its children, so the\n" +
		"postmaster's PID covers the backends that served the requests."
	url := fs.String("url", "http://127.0.0.1:8080/graphql", "the GraphQL endpoint, the full path")
	queryFile := fs.String("query", "", "the `FILE` holding the GraphQL document")
	varsFile := fs.String("variables", "", "the `FILE` of variables, one JSON object a line (default: none, {} for every request)")
	var header headerFlag
	fs.Var(&header, "header", "a header `'Name: value'` for every request, e.g. 'Authorization: Bearer TOKEN' (repeatable)")
	clients := fs.Int("clients", 16, "concurrent clients, each sending one request after another")
	duration := fs.Duration("duration", 20*time.Second, "measured time")
	warmup := fs.Duration("warmup", 5*time.Second, "unmeasured time first")
	expect := fs.String("expect", "", "every answer's data must contain this `STRING`, e.g. '\"sku\"'")
	var pids pidFlag
	fs.Var(&pids, "pid", "report the CPU time of the process `NAME=PID` and its children, e.g. dealerline=1234 or postgres=<postmaster's PID> (repeatable)")
	seed := fs.Uint64("seed", 1, "of the order the variables are drawn in")
	label := fs.String("label", "", "names the run in the output")
	jsonOut := fs.Bool("json", false, "print one line of JSON instead of the table")
	if err := cli.Parse(fs, args, synopsis, notes, nil); err != nil {
		return err
	}
	if err := cli.Args(fs, 0, synopsis, notes, nil); err != nil {
		return err
	}
	if *queryFile == "" {
		return &cli.UsageError{Err: errors.New("--query is required"), Usage: cli.Usage(fs, synopsis, notes, nil)}
	}
	query, err := os.ReadFile(*queryFile)
	if err != nil {
		return err
	}
	if strings.TrimSpace(string(query)) == "" {
		return fmt.Errorf("%s is empty", *queryFile)
	}
	var vars []Variables
	if *varsFile != "" {
		if vars, err = ReadVariables(*varsFile); err != nil {
			return err
		}
	}
	cfg := EndpointConfig{
		URL: *url, Query: string(query), Variables: vars, Header: header.h, Clients: *clients,
		Duration: *duration, Warmup: *warmup, Expect: *expect, Seed: *seed, Processes: pids.ps, Label: *label, Out: out,
	}
	if *jsonOut {
		cfg.Out = nil
	}
	r, err := Endpoint(ctx, cfg)
	if r.Elapsed > 0 {
		if *jsonOut {
			if err := WriteEndpointJSON(out, r); err != nil {
				return err
			}
		} else {
			PrintEndpointResult(out, r)
		}
	}
	return err
}
