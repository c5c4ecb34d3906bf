package seed_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/ent/migrate"
	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/ordering"
	"github.com/dealerline/dealerline/seed"
	"github.com/dealerline/dealerline/server"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

const dealers, orders, interactions, tickets = 40, 3000, 3000, 300

var opts = seed.Options{
	Dealers: dealers, Orders: orders, Interactions: interactions, Tickets: tickets, Seed: 7, Location: time.UTC,
	Now: time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC),
}

// target is a database to seed and the server configuration that opens it.
type target struct {
	db  *store.DB
	dir string // SQLite
	url string // PostgreSQL
}

func sqliteTarget(t *testing.T) target {
	dir := t.TempDir()
	db, err := store.OpenSQLite(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return target{db: db, dir: dir}
}

func postgresTarget(t *testing.T) target {
	url := storetest.EmptyPostgres(t)
	db, err := store.OpenPostgres(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return target{db: db, url: url, dir: t.TempDir()}
}

func TestSeed(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { testSeed(t, sqliteTarget) })
	t.Run("postgres", func(t *testing.T) { testSeed(t, postgresTarget) })
}

func testSeed(t *testing.T, open func(*testing.T) target) {
	ctx := context.Background()
	a := open(t)
	res, err := seed.Run(ctx, a.db, opts)
	if err != nil {
		t.Fatal(err)
	}

	// Counts: what Run reports is what the tables hold.
	want := map[string]int64{"dealers": dealers, "orders": orders, "users": dealers + 5, "tokens": dealers + 5,
		"search_entries": dealers*2 + interactions + tickets}
	for _, tc := range res.Tables {
		var n int64
		if err := a.db.SQL.QueryRowContext(ctx, fmt.Sprintf("SELECT count(*) FROM %q", tc.Table)).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != tc.Rows {
			t.Errorf("%s: %d rows, reported %d", tc.Table, n, tc.Rows)
		}
		if w, ok := want[tc.Table]; ok && n != w {
			t.Errorf("%s: %d rows, want %d", tc.Table, n, w)
		}
		if n == 0 {
			t.Errorf("%s: empty", tc.Table)
		}
	}
	if len(res.Tokens) != dealers+5 {
		t.Errorf("%d tokens, want %d", len(res.Tokens), dealers+5)
	}

	// Chinese names for a portal read in Chinese.
	for _, q := range []string{
		`SELECT count(*) FROM channels WHERE name_zh IS NULL OR name_zh = ''`,
		`SELECT count(*) FROM territories WHERE name_zh IS NULL OR name_zh = ''`,
		`SELECT count(*) FROM products WHERE name_zh IS NULL OR name_zh = '' OR category_zh IS NULL OR category_zh = ''`,
	} {
		var n int
		if err := a.db.SQL.QueryRowContext(ctx, q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("%d rows without a Chinese name: %s", n, q)
		}
	}

	// Every order status, most of the old ones delivered.
	rows, err := a.db.SQL.QueryContext(ctx, `SELECT status, count(*) FROM orders GROUP BY status`)
	if err != nil {
		t.Fatal(err)
	}
	statuses := map[string]int{}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			t.Fatal(err)
		}
		statuses[s] = n
	}
	rows.Close()
	for _, s := range []string{"SUBMITTED", "CONFIRMED", "IN_FULFILLMENT", "SHIPPED", "DELIVERED", "REJECTED", "CANCELLED"} {
		if statuses[s] == 0 {
			t.Errorf("no %s orders: %v", s, statuses)
		}
	}
	if statuses["DELIVERED"] < orders*7/10 {
		t.Errorf("%d of %d orders delivered: %v", statuses["DELIVERED"], orders, statuses)
	}

	checkRelationship(t, a.db)
	checkFacts(t, a.db)

	// The same seed makes the same data.
	first := digest(t, a.db)
	b := open(t)
	if _, err := seed.Run(ctx, b.db, opts); err != nil {
		t.Fatal(err)
	}
	if second := digest(t, b.db); second != first {
		t.Errorf("the same seed made different data: %s, then %s", first, second)
	}

	// A database with data is refused, and left as it was.
	if _, err := seed.Run(ctx, a.db, opts); !errors.Is(err, seed.ErrNotEmpty) {
		t.Fatalf("seeding a seeded database: %v, want ErrNotEmpty", err)
	}
	if again := digest(t, a.db); again != first {
		t.Error("a refused seed changed the data")
	}

	// The tokens file signs dealers in through the real server, which
	// lists their orders and draws up statements that balance.
	path := filepath.Join(a.dir, "seed-tokens.csv")
	if err := seed.WriteTokens(path, res.Tokens); err != nil {
		t.Fatal(err)
	}
	tokens := readTokens(t, path)
	m := startServer(t, a)
	checked := 0
	for _, tok := range tokens {
		if tok.role != "DEALER" || checked == 4 {
			continue
		}
		checked++
		r := post(t, m, tok.token, `query($d: ID) { me { email } orders(dealerID: $d, first: 5) { totalCount edges { node { number dealer { id } } } } }`,
			map[string]any{"d": tok.dealerID})
		var got struct {
			Me     struct{ Email string }
			Orders struct {
				TotalCount int
				Edges      []struct {
					Node struct{ Dealer struct{ ID string } }
				}
			}
		}
		decode(t, r, &got)
		if got.Me.Email != tok.email {
			t.Errorf("token of %s signs in as %s", tok.email, got.Me.Email)
		}
		var n int
		a.db.SQL.QueryRowContext(ctx, "SELECT count(*) FROM orders WHERE dealer_id = "+tok.dealerID).Scan(&n)
		if got.Orders.TotalCount != n {
			t.Errorf("%s lists %d orders, has %d", tok.email, got.Orders.TotalCount, n)
		}
		for _, e := range got.Orders.Edges {
			if e.Node.Dealer.ID != tok.dealerID {
				t.Errorf("%s lists an order of dealer %s", tok.email, e.Node.Dealer.ID)
			}
		}
		checkStatement(t, m, a.db, tok)
		id, _ := strconv.Atoi(tok.dealerID)
		if exposure, err := ordering.Exposure(privacy.DecisionContext(ctx, privacy.Allow), a.db.Client, id); err != nil || exposure < 0 {
			t.Errorf("%s: exposure %d, %v", tok.email, exposure, err)
		}
	}
	if checked == 0 {
		t.Fatal("no dealer tokens in the file")
	}
}

// checkRelationship checks the interactions, follow-ups and tickets: the
// counts asked for (a few fall past today and are dropped), every state,
// tickets' times and counts that agree with their threads, and a search
// entry for each record.
func checkRelationship(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	count := func(q string) int {
		var n int
		if err := db.SQL.QueryRowContext(ctx, q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	if n := count("SELECT count(*) FROM interactions"); n < interactions*95/100 || n > interactions {
		t.Errorf("%d interactions, want about %d", n, interactions)
	}
	if n := count("SELECT count(*) FROM service_tickets"); n < tickets*95/100 || n > tickets {
		t.Errorf("%d tickets, want about %d", n, tickets)
	}
	for _, kind := range []string{"VISIT", "CALL", "MEETING", "EMAIL", "MESSAGE", "TRAINING"} {
		if count("SELECT count(*) FROM interactions WHERE kind = '"+kind+"'") == 0 {
			t.Errorf("no %s interactions", kind)
		}
	}
	today := "'" + opts.Now.Format(time.DateOnly) + "'"
	for name, q := range map[string]string{
		"done follow-ups":    "SELECT count(*) FROM follow_ups WHERE done_at IS NOT NULL",
		"overdue follow-ups": "SELECT count(*) FROM follow_ups WHERE done_at IS NULL AND due_on < " + today,
		"open follow-ups":    "SELECT count(*) FROM follow_ups WHERE done_at IS NULL AND due_on >= " + today,
		"Chinese notes":      "SELECT count(*) FROM interactions WHERE notes LIKE '%客户%'",
		"closed tickets":     "SELECT count(*) FROM service_tickets WHERE status = 'CLOSED' AND closed_at IS NOT NULL",
		"answered tickets":   "SELECT count(*) FROM service_tickets WHERE status = 'ANSWERED' AND first_response_at IS NOT NULL",
		"tickets on orders":  "SELECT count(*) FROM service_tickets WHERE order_id IS NOT NULL",
	} {
		if count(q) == 0 {
			t.Errorf("no %s", name)
		}
	}
	for name, q := range map[string]string{
		"follow-ups done after they were set":      "SELECT count(*) FROM follow_ups WHERE done_at IS NOT NULL AND done_at < created_at",
		"interactions logged before they happened": "SELECT count(*) FROM interactions WHERE created_at < occurred_at",
		"tickets whose reply count is off": `SELECT count(*) FROM service_tickets s
			WHERE reply_count <> (SELECT count(*) FROM ticket_replies r WHERE r.ticket_id = s.id)`,
		"tickets whose first response is not their first staff reply": `SELECT count(*) FROM service_tickets s
			WHERE first_response_at IS DISTINCT FROM (SELECT min(at) FROM ticket_replies r WHERE r.ticket_id = s.id AND r.from_staff)`,
		"tickets whose status is not their thread's": `SELECT count(*) FROM service_tickets s WHERE status <> CASE
			WHEN closed_at IS NOT NULL THEN 'CLOSED'
			WHEN (SELECT from_staff FROM ticket_replies r WHERE r.ticket_id = s.id ORDER BY at DESC LIMIT 1) THEN 'ANSWERED'
			ELSE 'OPEN' END`,
		"tickets active before their last reply": `SELECT count(*) FROM service_tickets s
			WHERE last_activity_at < (SELECT max(at) FROM ticket_replies r WHERE r.ticket_id = s.id)`,
		"interactions without a search entry": `SELECT count(*) FROM interactions i
			WHERE NOT EXISTS (SELECT 1 FROM search_entries e WHERE e.subject_id = i.id AND e.kind = 'INTERACTION' AND e.internal)`,
		"tickets without a search entry": `SELECT count(*) FROM service_tickets s
			WHERE NOT EXISTS (SELECT 1 FROM search_entries e WHERE e.subject_id = s.id AND e.kind = 'TICKET' AND NOT e.internal)`,
	} {
		if n := count(q); n != 0 {
			t.Errorf("%d %s", n, name)
		}
	}
	// Open tickets: waiting for a first answer, or for the next one.
	if count("SELECT count(*) FROM service_tickets WHERE status <> 'CLOSED'") == 0 {
		t.Error("no ticket is open or answered")
	}
}

func checkStatement(t *testing.T, m *server.Main, db *store.DB, tok tokenRow) {
	t.Helper()
	r := post(t, m, tok.token, `query($d: ID!, $from: Date!, $to: Date!) { accountStatement(dealerID: $d, from: $from, to: $to) {
		openingBalance invoiced paid credited closingBalance unappliedCredit lines { kind } } }`,
		map[string]any{"d": tok.dealerID, "from": "2020-01-01", "to": "2026-11-20"})
	var got struct {
		AccountStatement struct {
			OpeningBalance, Invoiced, Paid, Credited, ClosingBalance, UnappliedCredit string
			Lines                                                                     []struct{ Kind string }
		}
	}
	decode(t, r, &got)
	s := got.AccountStatement
	opening, invoiced, paid, credited, closing, unapplied := fen(t, s.OpeningBalance), fen(t, s.Invoiced), fen(t, s.Paid), fen(t, s.Credited), fen(t, s.ClosingBalance), fen(t, s.UnappliedCredit)
	if opening != 0 || closing != invoiced-paid-credited {
		t.Errorf("%s: statement %+v does not balance", tok.email, s)
	}
	sum := func(q string) int64 {
		var n int64
		if err := db.SQL.QueryRow(q + " WHERE dealer_id = " + tok.dealerID).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if w := sum("SELECT coalesce(sum(amount), 0) FROM invoices"); invoiced != w {
		t.Errorf("%s: invoiced %d, invoices add up to %d", tok.email, invoiced, w)
	}
	if w := sum("SELECT coalesce(sum(amount), 0) FROM payments"); paid != w {
		t.Errorf("%s: paid %d, payments add up to %d", tok.email, paid, w)
	}
	if w := sum("SELECT coalesce(sum(amount), 0) FROM credit_notes"); credited != w {
		t.Errorf("%s: credited %d, credit notes add up to %d", tok.email, credited, w)
	}
	balances := sum("SELECT coalesce(sum(balance), 0) FROM invoices")
	if closing != balances-unapplied {
		t.Errorf("%s: closing %d, but open balances %d less unapplied %d", tok.email, closing, balances, unapplied)
	}
	if len(s.Lines) == 0 {
		t.Errorf("%s: an empty statement", tok.email)
	}
}

// TestColumns fails when a table the seed fills gains a column that must
// be given (not null, no default) and the seed does not give it.
func TestColumns(t *testing.T) {
	filled := seed.Columns()
	for _, tbl := range migrate.Tables {
		cols, ok := filled[tbl.Name]
		if !ok {
			continue
		}
		for _, c := range tbl.Columns {
			if !c.Nullable && c.Default == nil && !slices.Contains(cols, c.Name) {
				t.Errorf("%s.%s is required, and the seed does not fill it", tbl.Name, c.Name)
			}
		}
	}
	for _, name := range []string{"orders", "order_lines", "invoices", "allocations", "users", "tokens"} {
		if _, ok := filled[name]; !ok {
			t.Errorf("the seed does not fill %s", name)
		}
	}
}

// digest is a hash of every table the seed fills, but for the password
// hash and the token secrets, which are random.
func digest(t *testing.T, db *store.DB) string {
	t.Helper()
	h := sha256.New()
	names := make([]string, 0)
	cols := seed.Columns()
	for name := range cols {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		var keep []string
		for _, c := range cols[name] {
			if c != "password_hash" && c != "secret_hash" {
				keep = append(keep, fmt.Sprintf("%q", c))
			}
		}
		order := "id"
		if !slices.Contains(cols[name], "id") {
			order = strings.Join(keep, ", ")
		}
		rows, err := db.SQL.Query(fmt.Sprintf("SELECT %s FROM %q ORDER BY %s", strings.Join(keep, ", "), name, order))
		if err != nil {
			t.Fatal(err)
		}
		vals := make([]any, len(keep))
		ptrs := make([]any, len(keep))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for _, v := range vals {
				if tm, ok := v.(time.Time); ok {
					v = tm.UTC().Format(time.RFC3339Nano)
				}
				fmt.Fprintf(h, "%v|", v)
			}
			h.Write([]byte{'\n'})
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	return hex.EncodeToString(h.Sum(nil))
}

type tokenRow struct{ email, role, dealerID, token string }

func readTokens(t *testing.T, path string) []tokenRow {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(recs[0], []string{"email", "role", "dealer_id", "token"}) {
		t.Fatalf("tokens file header %q", recs[0])
	}
	var out []tokenRow
	for _, r := range recs[1:] {
		out = append(out, tokenRow{r[0], r[1], r[2], r[3]})
		if (r[1] == "DEALER") != (r[2] != "") || !strings.HasPrefix(r[3], "dlt_") {
			t.Errorf("tokens file line %q", r)
		}
	}
	return out
}

func startServer(t *testing.T, a target) *server.Main {
	t.Helper()
	cfg := server.DefaultConfig()
	cfg.Addr = "127.0.0.1:0"
	cfg.DataDir = a.dir
	cfg.DatabaseURL = a.url
	no := false
	cfg.Demo = &no
	m := server.NewMain(cfg)
	m.Out = io.Discard
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := m.Close(); err != nil {
			t.Error(err)
		}
	})
	return m
}

type gqlResponse struct {
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message string `json:"message"`
	} `json:"errors"`
}

func post(t *testing.T, m *server.Main, token, query string, vars map[string]any) gqlResponse {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, m.URL()+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r gqlResponse
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		t.Fatal(err)
	}
	return r
}

func decode(t *testing.T, r gqlResponse, v any) {
	t.Helper()
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %+v", r.Errors)
	}
	if err := json.Unmarshal(r.Data, v); err != nil {
		t.Fatal(err)
	}
}

// fen reads a Money string ("123.45") as minor units.
func fen(t *testing.T, s string) int64 {
	t.Helper()
	neg := strings.HasPrefix(s, "-")
	whole, frac, _ := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	frac = (frac + "00")[:2]
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil {
		t.Fatalf("money %q: %v", s, err)
	}
	if neg {
		n = -n
	}
	return n
}

// checkFacts: every dealer counts its stock monthly, some lines out of
// stock, each valued at its product's cost; no fact is dated after today;
// shares are shares and every territory has them.
func checkFacts(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	// From tomorrow on: SQLite keeps a date as text with its time after it.
	tomorrow := opts.Now.In(opts.Location).AddDate(0, 0, 1).Format(time.DateOnly)
	for _, tc := range []struct {
		what, query string
		want        func(int64) bool
	}{
		{"dealers without stock counts", `SELECT count(*) FROM dealers d WHERE NOT EXISTS (SELECT 1 FROM inventory_reports r WHERE r.dealer_id = d.id)`, func(n int64) bool { return n == 0 }},
		{"lines out of stock", `SELECT count(*) FROM inventory_lines WHERE stock = 0`, func(n int64) bool { return n > 0 }},
		{"lines not at the product's cost", `SELECT count(*) FROM inventory_lines l JOIN products p ON p.id = l.product_id WHERE l.unit_cost <> p.unit_cost`, func(n int64) bool { return n == 0 }},
		{"surveys carrying more than visited", `SELECT count(*) FROM distribution_surveys WHERE outlets_carrying > outlets_visited`, func(n int64) bool { return n == 0 }},
		{"scores outside 1 to 5", `SELECT count(*) FROM satisfaction_scores WHERE score < 1 OR score > 5`, func(n int64) bool { return n == 0 }},
		{"costs for a dealer", `SELECT count(*) FROM channel_costs c JOIN dealers d ON d.id = c.dealer_id AND d.channel_id = c.channel_id`, func(n int64) bool { return n > 0 }},
		{"territories without shares", `SELECT count(*) FROM territories tr WHERE NOT EXISTS (SELECT 1 FROM market_shares s WHERE s.territory_id = tr.id)`, func(n int64) bool { return n == 0 }},
		{"counts after today", fmt.Sprintf(`SELECT count(*) FROM inventory_reports WHERE reported_on >= '%s'`, tomorrow), func(n int64) bool { return n == 0 }},
		{"scores after today", fmt.Sprintf(`SELECT count(*) FROM satisfaction_scores WHERE scored_on >= '%s'`, tomorrow), func(n int64) bool { return n == 0 }},
	} {
		var n int64
		if err := db.SQL.QueryRowContext(ctx, tc.query).Scan(&n); err != nil {
			t.Fatalf("%s: %v", tc.what, err)
		}
		if !tc.want(n) {
			t.Errorf("%s: %d", tc.what, n)
		}
	}
}
