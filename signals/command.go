package signals

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/dealerline/dealerline/cli"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/channelsignal"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/store"
)

// EvaluateCommand is `dealerline signals evaluate`: the daily run of the
// channel-change rules, now, over every open period (the running month,
// the signals.OpenMonths before it, and the last ended quarter for rule
// 8), as an administrator runs it by hand and as BENCHMARKS.md times it.
// It opens the database as `dealerline import` does. Two runs at once (a
// server's and this) raise each signal once: the (rule, subject, period)
// key is unique.
func EvaluateCommand(ctx context.Context, args []string, getenv func(string) string, out io.Writer) error {
	fs := flag.NewFlagSet("dealerline signals evaluate", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	cfg := store.DefaultConfig()
	cfg.DatabaseURL = getenv("DATABASE_URL")
	fs.StringVar(&cfg.DataDir, "data", cmp.Or(getenv("DEALERLINE_DATA"), cfg.DataDir), "directory of the embedded database")
	zone := fs.String("timezone", cmp.Or(getenv("DEALERLINE_TIMEZONE"), "UTC"), "business time zone, e.g. Asia/Shanghai")
	synopsis := "Usage: dealerline signals evaluate [flags]\n\nRuns the daily evaluation of the channel-change signals now, over every open period."
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
	db, err := store.Open(cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	r, err := NewService(db.Client, db.Dialect, loc).EvaluateAll(ctx)
	if err != nil {
		return err
	}
	r.Print(out)
	return nil
}

// Evaluation is what one run of every open period changed.
type Evaluation struct {
	Months  []period.Period // the open months, oldest first
	Quarter period.Period   // rule 8's
	Took    time.Duration
	// Raised counts signals OPEN after the run that were not before (new,
	// or raised again after a withdrawal); Withdrawn those OPEN before and
	// WITHDRAWN after; Open every OPEN one after.
	Raised, Withdrawn, Open int
}

// EvaluateAll evaluates every subject over every open period, timed, and
// counts what it changed from the signals' statuses before and after (a
// run by the server at the same time is counted too).
func (s *Service) EvaluateAll(ctx context.Context) (*Evaluation, error) {
	sys := access.Bypass(ctx)
	before, err := statuses(sys, s.client)
	if err != nil {
		return nil, err
	}
	today := s.today()
	start := time.Now()
	if err := s.Evaluate(ctx, Scope{Every: true}); err != nil {
		return nil, fmt.Errorf("evaluate: %w", err)
	}
	r := &Evaluation{Took: time.Since(start)}
	after, err := statuses(sys, s.client)
	if err != nil {
		return nil, err
	}
	for id, st := range after {
		was, ok := before[id]
		switch {
		case st == channelsignal.StatusOPEN:
			r.Open++
			if !ok || was != channelsignal.StatusOPEN {
				r.Raised++
			}
		case st == channelsignal.StatusWITHDRAWN && was == channelsignal.StatusOPEN:
			r.Withdrawn++
		}
	}
	// The months a rule of the running month evaluates; rule 8's quarter.
	r.Months = openPeriods(Rule(3), today, nil)
	if q := openPeriods(Rule(8), today, nil); len(q) > 0 {
		r.Quarter = q[0]
	}
	return r, nil
}

func statuses(ctx context.Context, client *ent.Client) (map[int]channelsignal.Status, error) {
	rows, err := client.ChannelSignal.Query().Select(channelsignal.FieldID, channelsignal.FieldStatus).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("signals: %w", err)
	}
	out := make(map[int]channelsignal.Status, len(rows))
	for _, s := range rows {
		out[s.ID] = s.Status
	}
	return out, nil
}

// Print writes r in one line.
func (r *Evaluation) Print(w io.Writer) {
	fmt.Fprintf(w, "evaluated %s to %s and %s in %v: %d raised, %d withdrawn, %d open\n",
		r.Months[0], r.Months[len(r.Months)-1], r.Quarter, r.Took.Round(time.Millisecond), r.Raised, r.Withdrawn, r.Open)
}
