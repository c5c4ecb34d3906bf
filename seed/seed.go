// Package seed writes a large deterministic data set into an empty
// database, for benchmarks and load tests: `dealerline seed`. Its past is
// made by history, as the demo's is, at a scale ent's bulk creates could
// not reach: it writes through COPY on PostgreSQL and multi-row INSERTs on
// SQLite.
package seed

import (
	"cmp"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/dealerline/dealerline/cli"

	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/signals/marks"
	"github.com/dealerline/dealerline/store"
)

// Password is the password of every seeded user.
const Password = "seed"

// Options say how much to seed.
type Options struct {
	Dealers      int
	Orders       int
	Interactions int // logged by staff over the window, with follow-ups now and then
	Tickets      int // service requests dealers opened, with their threads
	Seed         uint64
	Location     *time.Location // business time zone
	Now          time.Time      // orders run up to the start of its business date
	Progress     io.Writer      // progress bars; nil for none
}

// Result is what a seed wrote.
type Result struct {
	Tables  []TableCount
	Tokens  []TokenRow
	Elapsed time.Duration
}

// TableCount is the rows written into one table.
type TableCount struct {
	Table string
	Rows  int64
}

// Rows is the rows written in all.
func (r *Result) Rows() int64 {
	var n int64
	for _, t := range r.Tables {
		n += t.Rows
	}
	return n
}

// ErrNotEmpty is returned when the database already holds data.
var ErrNotEmpty = errors.New("the database is not empty")

// Run migrates db and fills it with the data set of opt. It refuses a
// database that already holds users, dealers or orders, and changes
// nothing then.
func Run(ctx context.Context, db *store.DB, opt Options) (*Result, error) {
	began := time.Now()
	if opt.Dealers < 1 || opt.Orders < 0 || opt.Interactions < 0 || opt.Tickets < 0 {
		return nil, fmt.Errorf("--dealers must be at least 1, and --orders, --interactions and --tickets at least 0")
	}
	if opt.Location == nil {
		opt.Location = time.UTC
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	if err := db.Migrate(ctx); err != nil {
		return nil, err
	}
	if err := refuseNonEmpty(ctx, db); err != nil {
		return nil, err
	}
	// argon2id is slow on purpose: one hash serves every user.
	hash, err := auth.HashPassword(Password)
	if err != nil {
		return nil, err
	}
	g := newGen(opt, hash)
	setup, err := g.setup()
	if err != nil {
		return nil, err
	}
	bars := newProgress(opt.Progress, g)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	rounds := make(chan *batch, 1) // one round generated while the last is written
	done := make(chan error, 1)
	go func() {
		err := write(ctx, db, g.t, rounds, func(t *table, n int) {
			t.rows += int64(n)
			bars.add(t, n)
		})
		if err != nil {
			cancel()
		}
		done <- err
	}()
	genErr := func() error {
		defer close(rounds)
		send := func(b *batch) error {
			select {
			case rounds <- b:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		for _, b := range setup {
			if err := send(b); err != nil {
				return err
			}
		}
		const roundRows = 200_000
		b := newBatch()
		for _, d := range g.dealers {
			if err := g.dealerRows(d, b); err != nil {
				return err
			}
			if b.n >= roundRows {
				if err := send(b); err != nil {
					return err
				}
				b = newBatch()
			}
		}
		return send(b)
	}()
	writeErr := <-done
	bars.wait()
	if writeErr != nil {
		return nil, fmt.Errorf("write: %w", writeErr)
	}
	if genErr != nil {
		return nil, genErr
	}
	// The rows were written below the hooks that mark facts for the
	// signals: one mark has every subject evaluated.
	if err := marks.Every(ctx, db.Client); err != nil {
		return nil, err
	}
	res := &Result{Tokens: g.tokens, Elapsed: time.Since(began)}
	for _, t := range g.t.all() {
		res.Tables = append(res.Tables, TableCount{t.name, t.rows})
	}
	return res, nil
}

func refuseNonEmpty(ctx context.Context, db *store.DB) error {
	ctx = access.Bypass(ctx)
	users, err := db.Client.User.Query().Count(ctx)
	if err != nil {
		return err
	}
	dealers, err := db.Client.Dealer.Query().Count(ctx)
	if err != nil {
		return err
	}
	orders, err := db.Client.Order.Query().Count(ctx)
	if err != nil {
		return err
	}
	if users+dealers+orders > 0 {
		return fmt.Errorf("%w: it holds %d users, %d dealers and %d orders; seed writes only into an empty database "+
			"(a new --data directory, or a new PostgreSQL database in DATABASE_URL), never beside existing data", ErrNotEmpty, users, dealers, orders)
	}
	return nil
}

// WriteTokens writes the tokens file: a CSV with the header
// email,role,dealer_id,token, where dealer_id is the dealer's GraphQL id
// (empty for staff). It holds secrets: only its owner may read it.
func WriteTokens(path string, rows []TokenRow) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return err
	}
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	w.Write([]string{"email", "role", "dealer_id", "token"})
	for _, r := range rows {
		dealerID := ""
		if r.DealerID != 0 {
			dealerID = strconv.Itoa(r.DealerID) // graph/scalar.MarshalID: the ent id
		}
		w.Write([]string{r.Email, r.Role, dealerID, r.Token})
	}
	w.Flush()
	if err := errors.Join(w.Error(), f.Close()); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// Main is `dealerline seed [--dealers N] [--orders N] [--interactions N]
// [--tickets N] [--seed S] [--tokens FILE]` with the server's database and time zone settings (--data,
// DATABASE_URL, --timezone and their environment variables).
func Main(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("dealerline seed", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	dealers := fs.Int("dealers", 10_000, "dealers to create")
	orders := fs.Int("orders", 1_000_000, "orders to create, over the last two years")
	interactions := fs.Int("interactions", -1, "interactions staff logged, over the same years (default as many as the orders)")
	tickets := fs.Int("tickets", -1, "service tickets dealers opened (default a tenth of the orders)")
	seed := fs.Uint64("seed", 1, "the same seed makes the same data")
	tokens := fs.String("tokens", "", "where to write the users' API tokens (default <data dir>/seed-tokens.csv)")
	cfg := store.DefaultConfig()
	cfg.DatabaseURL = getenv("DATABASE_URL")
	fs.StringVar(&cfg.DataDir, "data", cmp.Or(getenv("DEALERLINE_DATA"), cfg.DataDir), "directory of the embedded database")
	zone := fs.String("timezone", cmp.Or(getenv("DEALERLINE_TIMEZONE"), "UTC"), "business time zone, e.g. Asia/Shanghai")
	synopsis := "Usage: dealerline seed [flags]\n\nFills an empty database with a large data set, for benchmarks and load tests."
	notes := "DATABASE_URL selects PostgreSQL, as for the server."
	env := map[string]string{"data": "DEALERLINE_DATA", "timezone": "DEALERLINE_TIMEZONE"}
	if err := cli.Parse(fs, args, synopsis, notes, env); err != nil {
		return err
	}
	if err := cli.Args(fs, 0, synopsis, notes, env); err != nil {
		return err
	}
	loc, err := time.LoadLocation(*zone)
	if err != nil {
		return fmt.Errorf("timezone: %q is not a time zone like Asia/Shanghai", *zone)
	}
	where := cfg.DataDir
	if cfg.DatabaseURL != "" {
		where = "PostgreSQL"
	}
	db, err := store.Open(cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	path := *tokens
	if path == "" {
		path = filepath.Join(cfg.DataDir, "seed-tokens.csv")
	}
	if *interactions < 0 {
		*interactions = *orders
	}
	if *tickets < 0 {
		*tickets = *orders / 10
	}
	fmt.Fprintf(stdout, "Seeding %d dealers, %d orders, %d interactions and %d tickets (seed %d) into %s…\n",
		*dealers, *orders, *interactions, *tickets, *seed, where)
	res, err := Run(ctx, db, Options{Dealers: *dealers, Orders: *orders, Interactions: *interactions, Tickets: *tickets,
		Seed: *seed, Location: loc, Progress: stderr})
	if err != nil {
		return err
	}
	if err := WriteTokens(path, res.Tokens); err != nil {
		return fmt.Errorf("write the tokens file: %w", err)
	}
	printSummary(stdout, res)
	fmt.Fprintf(stdout, "Every user's password is %q; API tokens (Authorization: Bearer …) are in %s\n", Password, path)
	return nil
}

func printSummary(w io.Writer, res *Result) {
	fmt.Fprintf(w, "%-20s %12s\n", "table", "rows")
	for _, t := range res.Tables {
		fmt.Fprintf(w, "%-20s %12d\n", t.Table, t.Rows)
	}
	secs := res.Elapsed.Seconds()
	fmt.Fprintf(w, "%-20s %12d in %s, %.0f rows/s\n", "total", res.Rows(), res.Elapsed.Round(time.Millisecond), float64(res.Rows())/secs)
}

// progress draws a bar per table. The tables fill together, a round of
// every table at a time, so the bars advance side by side; the totals of
// the tables that follow the orders are estimates until the end.
type progress struct {
	p      *mpb.Progress
	bars   map[*table]*mpb.Bar
	totals map[*table]int64
	done   map[*table]int64
}

func newProgress(w io.Writer, g *gen) *progress {
	if w == nil {
		return &progress{}
	}
	opts := []mpb.ContainerOption{mpb.WithOutput(w), mpb.WithWidth(40), mpb.WithRefreshRate(200 * time.Millisecond)}
	if !terminal(w) {
		// A log gets the bars every half minute, not five times a second.
		opts = []mpb.ContainerOption{mpb.WithOutput(w), mpb.WithWidth(40), mpb.WithAutoRefresh(), mpb.WithRefreshRate(30 * time.Second)}
	}
	p := mpb.New(opts...)
	pr := &progress{p: p, bars: map[*table]*mpb.Bar{}, totals: map[*table]int64{}, done: map[*table]int64{}}
	orders, dealers, users := int64(g.opt.Orders), int64(g.opt.Dealers), int64(g.opt.Dealers+1+len(g.channels))
	// Per order, as the rules above make them on average.
	estimate := map[*table]int64{
		g.t.users: users, g.t.tokens: users, g.t.channels: int64(len(g.channels)), g.t.channelManagers: int64(len(g.channels)),
		g.t.territories: int64(len(g.terrs)), g.t.dealers: dealers, g.t.contacts: dealers,
		g.t.dealerTerritories: dealers * 2, g.t.products: int64(len(g.products)), g.t.prices: int64(len(g.products)) * 27 / 10,
		g.t.orders: orders, g.t.orderLines: orders * 27 / 10, g.t.orderEvents: orders * 45 / 10,
		g.t.shipments: orders * 95 / 100, g.t.shipmentLines: orders * 24 / 10, g.t.deliveryEvents: orders * 36 / 10,
		g.t.invoices: orders * 92 / 100, g.t.payments: orders * 80 / 100, g.t.creditNotes: dealers / 20,
		g.t.allocations:  orders * 95 / 100,
		g.t.interactions: int64(g.opt.Interactions), g.t.interactionContacts: int64(g.opt.Interactions) * 6 / 10, g.t.followUps: int64(g.opt.Interactions) * 38 / 100,
		g.t.tickets: int64(g.opt.Tickets), g.t.ticketReplies: int64(g.opt.Tickets) * 25 / 10,
		g.t.searchEntries: dealers*2 + int64(g.opt.Interactions) + int64(g.opt.Tickets),
		// Facts: a month's count, survey, scores per dealer over its window.
		g.t.inventoryReports: dealers * 12 * years, g.t.inventoryLines: dealers * 12 * years * countLines,
		g.t.surveys: dealers * 8 * years, g.t.scores: dealers * 18 * years,
		g.t.costs: dealers*2*years + int64(len(g.channels))*12*years, g.t.shares: int64(len(g.terrs)) * 12 * years,
	}
	for _, t := range g.t.all() {
		pr.totals[t] = max(estimate[t], 1)
		pr.bars[t] = p.AddBar(pr.totals[t],
			mpb.PrependDecorators(decor.Name(t.name, decor.WC{W: 18, C: decor.DindentRight}), decor.CountersNoUnit("%d / ~%d", decor.WC{W: 22})),
			mpb.AppendDecorators(decor.Percentage(decor.WC{W: 5})),
		)
	}
	return pr
}

func terminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func (p *progress) add(t *table, n int) {
	if p.p == nil {
		return
	}
	p.done[t] += int64(n)
	if p.done[t] >= p.totals[t] { // past the estimate: not done until the end
		p.totals[t] = p.done[t] + p.done[t]/20 + 1
		p.bars[t].SetTotal(p.totals[t], false)
	}
	p.bars[t].IncrBy(n)
}

func (p *progress) wait() {
	if p.p == nil {
		return
	}
	for t, b := range p.bars {
		b.SetTotal(p.done[t], true) // done: the count is the total
	}
	p.p.Wait()
}
