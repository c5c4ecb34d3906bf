package bench

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"
)

// A Scenario is one query a kind of user makes, timed by Queries.
type Scenario struct {
	Name  string
	Role  string // whose tokens run it
	Query string
	Vars  func(c Client) map[string]any // nil for none
	// Dealers: the clients look at dealers (Client.Dealers), as staff do.
	Dealers bool
}

// Client is what one client of a scenario knows when it makes its
// variables.
type Client struct {
	Login Login // who it is signed in as
	Index int   // 0 to clients-1
	Today time.Time
	// Dealers with a full first page of orders, for a scenario with
	// Dealers: busy dealers, whose timelines run long.
	Dealers []Dealer
}

// Dealer is a dealer a staff client looks at.
type Dealer struct{ ID, Code string }

// Searches are what the search scenario looks for, a client each: English
// words, Chinese phrases of the seeded and demo notes and tickets, and
// (added by the scenario) dealers' codes.
var Searches = []string{
	"damaged carton", "售后", "warranty", "物流延误", "overdue invoices", "信用额度", "credit limit", "逾期账款",
	"training certificates", "培训", "Kunshan warehouse", "库存", "delivery late", "促销活动",
}

// Scenarios are the queries `dealerline bench queries` times: what the
// portal asks most, at the sizes it asks for.
var Scenarios = []Scenario{
	{
		Name: "dealer-orders",
		Role: "DEALER",
		// A dealer's order board with each order's lines, shipments and history.
		Query: `query { orders(first: 50) { totalCount edges { node { id number status total placedAt
			lines { quantity amount product { sku name } }
			shipments { number status trackingNumber eta }
			history { from to at actorName } } } } }`,
	},
	{
		Name: "order-desk",
		Role: "CHANNEL_MANAGER",
		// A manager's desk: the orders waiting on the manager's dealers.
		Query: `query { orders(first: 50, where: {statusIn: [SUBMITTED, CONFIRMED, IN_FULFILLMENT]}) { totalCount
			edges { node { id number status creditHold version total placedAt dealer { id code name } } } } }`,
	},
	{
		Name: "statement",
		Role: "DEALER",
		// A dealer's account over the last quarter.
		Query: `query($dealer: ID!, $from: Date!, $to: Date!) { accountStatement(dealerID: $dealer, from: $from, to: $to) {
			openingBalance invoiced paid credited closingBalance unappliedCredit
			lines { date kind reference debit credit balance dueOn }
			ageing { notYetDue overdue1To30 overdue31To60 overdue61To90 overdueOver90 } } }`,
		Vars: func(c Client) map[string]any {
			return map[string]any{"dealer": c.Login.DealerID, "from": c.Today.AddDate(0, -3, 0).Format(time.DateOnly), "to": c.Today.Format(time.DateOnly)}
		},
	},
	{
		Name: "timeline",
		Role: "ADMIN",
		// A page of a busy dealer's timeline as staff see it, with the
		// internal entries (interactions, follow-ups).
		Query: `query($dealer: ID!) { node(id: $dealer) { ... on Dealer { timeline(first: 50) {
			edges { node { kind at action subject { id } } } totalCount } } } }`,
		Vars:    func(c Client) map[string]any { return map[string]any{"dealer": c.Dealers[c.Index%len(c.Dealers)].ID} },
		Dealers: true,
	},
	{
		Name: "search",
		Role: "ADMIN",
		// The search box, over every dealer, contact, interaction and ticket.
		Query: `query($q: String!) { search(query: $q, first: 20) { kind snippet highlights { start length } node { id } } }`,
		Vars: func(c Client) map[string]any {
			// Every fourth client looks for a dealer's code.
			if c.Index%4 == 3 {
				return map[string]any{"q": c.Dealers[c.Index/4%len(c.Dealers)].Code}
			}
			return map[string]any{"q": Searches[(c.Index-c.Index/4)%len(Searches)]}
		},
		Dealers: true,
	},
	{
		Name: "scorecard",
		Role: "ADMIN",
		// A busy dealer's scorecard for this year, with every KPI explained.
		Query: `query($dealer: ID!, $p: Period!) { scorecard(dealerID: $dealer, period: $p) { netSales quota overdueAmount
			quotaCompletion distributionRate deliveryTimeMeanDays deliveryTimeP90Days averageInventory daysOfInventory
			paymentPeriodDays outOfStockRate grossMargin serviceResponseMedianHours satisfaction channelCostRatio
			explain { kpi numerator denominator value } } }`,
		Vars: func(c Client) map[string]any {
			return map[string]any{"dealer": c.Dealers[c.Index%len(c.Dealers)].ID, "p": c.Today.Format("2006")}
		},
		Dealers: true,
	},
	{
		Name: "channel-compare",
		Role: "ADMIN",
		// Every channel side by side for this quarter, pooled over all dealers.
		Query: `query($p: Period!) { channelComparison(period: $p) { channel { id name }
			scorecard { netSales quotaCompletion grossMargin paymentPeriodDays channelCostRatio }
			ranks { kpi rank } } }`,
		Vars: func(c Client) map[string]any {
			return map[string]any{"p": fmt.Sprintf("%d-Q%d", c.Today.Year(), (int(c.Today.Month())-1)/3+1)}
		},
	},
}

// QueryConfig says what Queries runs.
type QueryConfig struct {
	URL        string // the server, e.g. http://127.0.0.1:8080
	MetricsURL string // its metrics, for statements per request; empty to skip
	Logins     []Login
	Clients    int           // concurrent clients, each signed in as another user where there are enough
	Duration   time.Duration // measured, per scenario
	Warmup     time.Duration // run first, not measured
	Scenarios  []Scenario
	Out        io.Writer // progress and the table
}

// QueryResult is one scenario's figures.
type QueryResult struct {
	Scenario      string
	Clients       int
	Users         int // distinct users among the clients
	Requests      int
	Errors        int
	FirstError    string
	PerSecond     float64
	P50, P99, Max time.Duration
	Statements    float64 // SQL statements per request, from the server's metrics; -1 unknown
}

// Queries runs each scenario for the warm-up, then for the measured
// duration, with cfg.Clients clients sending one request after another.
func Queries(ctx context.Context, cfg QueryConfig) ([]QueryResult, error) {
	c := newClient(cfg.URL, cfg.Clients)
	var results []QueryResult
	for _, sc := range cfg.Scenarios {
		users, err := pickUsers(ctx, c, cfg.Logins, sc.Role, cfg.Clients)
		if err != nil {
			return results, fmt.Errorf("%s: %w", sc.Name, err)
		}
		var dealers []Dealer
		if sc.Dealers {
			if dealers, err = pickDealers(ctx, c, cfg.Logins, cfg.Clients); err != nil {
				return results, fmt.Errorf("%s: %w", sc.Name, err)
			}
		}
		fmt.Fprintf(cfg.Out, "%s: %d clients as %d %s users, %v warm-up, %v measured…\n", sc.Name, cfg.Clients, len(users), sc.Role, cfg.Warmup, cfg.Duration)
		if cfg.Warmup > 0 {
			run(ctx, c, sc, users, dealers, cfg.Clients, cfg.Warmup)
		}
		var before Metrics
		if cfg.MetricsURL != "" {
			if before, err = Scrape(ctx, cfg.MetricsURL); err != nil {
				return results, err
			}
		}
		r := run(ctx, c, sc, users, dealers, cfg.Clients, cfg.Duration)
		r.Users = len(users)
		r.Statements = -1
		if cfg.MetricsURL != "" {
			after, err := Scrape(ctx, cfg.MetricsURL)
			if err != nil {
				return results, err
			}
			const n = "dealerline_sql_statements_total"
			r.Statements = (after[n] - before[n]) / float64(r.Requests+r.Errors)
		}
		results = append(results, r)
	}
	return results, nil
}

// pickUsers chooses up to n users of role; dealers with a full first page
// of orders first, so every dealer query reads a whole page.
func pickUsers(ctx context.Context, c *client, logins []Login, role string, n int) ([]Login, error) {
	all := ofRole(logins, role)
	if len(all) == 0 {
		return nil, fmt.Errorf("%w %s", errNoLogins, role)
	}
	if role != "DEALER" {
		return all[:min(n, len(all))], nil
	}
	var picked []Login
	for _, l := range all[:min(len(all), 40*n)] {
		var got struct{ Orders struct{ TotalCount int } }
		if err := c.do(ctx, l.Token, `{ orders(first: 1) { totalCount } }`, nil, &got); err != nil {
			return nil, fmt.Errorf("%s: %w", l.Email, err)
		}
		if got.Orders.TotalCount >= 50 {
			picked = append(picked, l)
			if len(picked) == n {
				break
			}
		}
	}
	if len(picked) == 0 {
		return all[:min(n, len(all))], nil
	}
	return picked, nil
}

// pickDealers are up to n busy dealers (see pickUsers), each read by its
// own user, for staff clients to look at.
func pickDealers(ctx context.Context, c *client, logins []Login, n int) ([]Dealer, error) {
	users, err := pickUsers(ctx, c, logins, "DEALER", n)
	if err != nil {
		return nil, err
	}
	var out []Dealer
	for _, l := range users {
		var got struct{ Me struct{ Dealer *Dealer } }
		if err := c.do(ctx, l.Token, `{ me { dealer { id code } } }`, nil, &got); err != nil {
			return nil, fmt.Errorf("%s: %w", l.Email, err)
		}
		if got.Me.Dealer != nil {
			out = append(out, *got.Me.Dealer)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no dealer user reads its dealer")
	}
	return out, nil
}

func run(ctx context.Context, c *client, sc Scenario, users []Login, dealers []Dealer, clients int, d time.Duration) QueryResult {
	today := time.Now().UTC()
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var (
		mu      sync.Mutex
		lat     Latencies
		errs    int
		first   string
		wg      sync.WaitGroup
		started = time.Now()
	)
	for i := range clients {
		l := users[i%len(users)]
		var vars map[string]any
		if sc.Vars != nil {
			vars = sc.Vars(Client{Login: l, Index: i, Today: today, Dealers: dealers})
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine Latencies
			var failed int
			var msg string
			for ctx.Err() == nil {
				t := time.Now()
				err := c.do(context.WithoutCancel(ctx), l.Token, sc.Query, vars, nil)
				if err != nil {
					failed++
					if msg == "" {
						msg = err.Error()
					}
					continue
				}
				mine = append(mine, time.Since(t))
			}
			mu.Lock()
			lat = append(lat, mine...)
			errs += failed
			if first == "" {
				first = msg
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(started)
	return QueryResult{
		Scenario:   sc.Name,
		Clients:    clients,
		Requests:   len(lat),
		Errors:     errs,
		FirstError: first,
		PerSecond:  float64(len(lat)) / elapsed.Seconds(),
		P50:        lat.Percentile(50),
		P99:        lat.Percentile(99),
		Max:        lat.Percentile(100),
	}
}

// PrintQueryResults writes the results as a table.
func PrintQueryResults(w io.Writer, rs []QueryResult) {
	fmt.Fprintf(w, "%-14s %7s %6s %9s %7s %10s %10s %10s %11s\n", "scenario", "clients", "users", "requests", "errors", "req/s", "p50", "p99", "statements")
	for _, r := range rs {
		st := "-"
		if r.Statements >= 0 {
			st = fmt.Sprintf("%.2f", r.Statements)
		}
		fmt.Fprintf(w, "%-14s %7d %6d %9d %7d %10.0f %10s %10s %11s\n", r.Scenario, r.Clients, r.Users, r.Requests, r.Errors, r.PerSecond, ms(r.P50), ms(r.P99), st)
		if r.FirstError != "" {
			fmt.Fprintf(w, "  first error: %s\n", r.FirstError)
		}
	}
}
