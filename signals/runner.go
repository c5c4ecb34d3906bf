package signals

import (
	"context"
	"log/slog"
	"sort"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dealerline/dealerline/access"
	gen "github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/hook"
	"github.com/dealerline/dealerline/ent/signalcheck"
)

// Runner settings.
const (
	// gatherFor is how long a pass waits after a wake-up, so that a burst
	// of writes is evaluated once.
	gatherFor = 150 * time.Millisecond
	// pollEvery finds marks whose commit did not wake the runner (written
	// by another process: the file import), and retries failed passes.
	pollEvery = 500 * time.Millisecond
	// electEvery is how often a follower asks for the runner's lock.
	electEvery = time.Second
	// drainBatch is how many marks one pass reads.
	drainBatch = 1000
)

// runnerLock is the PostgreSQL advisory lock key the evaluating runner
// holds: one instance of a cluster evaluates.
const runnerLock int64 = 0x6465616c736967 // "dealsig"

// Runner evaluates the signals: it drains the marks as they commit, one
// evaluation per subject however many marks it has, and evaluates every
// subject daily just after midnight in the business time zone, and once
// when it starts evaluating (a midnight missed while nobody ran).
type Runner struct {
	client   *gen.Client
	evaluate func(context.Context, Scope) error
	loc      *time.Location
	log      *slog.Logger
	connect  func(context.Context) (*pgx.Conn, error)
	now      func() time.Time
	wake     chan struct{}

	mu      sync.Mutex
	leading bool
	running bool // a pass or an evaluation is under way
	passes  int  // passes finished
}

// NewRunner returns a runner that reads and deletes the marks through
// client and evaluates with evaluate (a Service's Evaluate) in time zone
// loc.
func NewRunner(client *gen.Client, evaluate func(context.Context, Scope) error, loc *time.Location, log *slog.Logger) *Runner {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if loc == nil {
		loc = time.UTC
	}
	return &Runner{client: client, evaluate: evaluate, loc: loc, log: log, now: time.Now, wake: make(chan struct{}, 1)}
}

// Elect makes the runner one of several on one PostgreSQL database: only
// the holder of the runner's lock, taken on a connection from connect
// (dedicated: the lock lives as long as that session), evaluates. Call it
// before Run.
func (r *Runner) Elect(connect func(context.Context) (*pgx.Conn, error)) { r.connect = connect }

// Watch makes every transaction of writers that writes a mark wake the
// runner once it has committed. Call it before writers is used
// concurrently.
func (r *Runner) Watch(writers *gen.Client) {
	writers.SignalCheck.Use(func(next gen.Mutator) gen.Mutator {
		return hook.SignalCheckFunc(func(ctx context.Context, m *gen.SignalCheckMutation) (gen.Value, error) {
			v, err := next.Mutate(ctx, m)
			if err != nil || !m.Op().Is(gen.OpCreate) {
				return v, err
			}
			tx, txErr := m.Tx()
			if txErr != nil {
				r.Wake() // not in a transaction: already committed
				return v, err
			}
			tx.OnCommit(func(commit gen.Committer) gen.Committer {
				return gen.CommitFunc(func(ctx context.Context, tx *gen.Tx) error {
					err := commit.Commit(ctx, tx)
					if err == nil {
						r.Wake()
					}
					return err
				})
			})
			return v, err
		})
	})
}

// Wake makes the runner look for marks now. It never blocks.
func (r *Runner) Wake() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// Leading reports whether this runner evaluates (always while it runs
// without Elect).
func (r *Runner) Leading() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.leading
}

// Run evaluates until ctx ends. With Elect, it evaluates while it holds
// the runner's lock and waits for it otherwise.
func (r *Runner) Run(ctx context.Context) {
	if r.connect == nil {
		r.lead(ctx, nil)
		return
	}
	for ctx.Err() == nil {
		r.campaign(ctx)
	}
}

// campaign waits until it takes the runner's lock, then evaluates until it
// loses its connection (and with it the lock) or ctx ends.
func (r *Runner) campaign(ctx context.Context) {
	conn, err := r.connect(ctx)
	if err == nil {
		defer conn.Close(context.WithoutCancel(ctx)) // releases the lock
		for ctx.Err() == nil {
			var got bool
			if err = conn.QueryRow(ctx, "SELECT pg_try_advisory_lock($1)", runnerLock).Scan(&got); err != nil {
				break
			}
			if got {
				r.lead(ctx, conn)
				return
			}
			sleepFor(ctx, electEvery)
		}
	}
	if err != nil && ctx.Err() == nil {
		r.log.WarnContext(ctx, "signals: ask for the runner's lock", "err", err)
		sleepFor(ctx, electEvery)
	}
}

func sleepFor(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// lead evaluates: every subject at once, then the marks as they come and
// every subject after each midnight, until ctx ends or conn (holding the
// lock; nil without Elect) fails.
func (r *Runner) lead(ctx context.Context, conn *pgx.Conn) {
	r.setLeading(true)
	defer r.setLeading(false)
	r.log.InfoContext(ctx, "signals: evaluating")
	r.daily(ctx)
	poll := time.NewTicker(pollEvery)
	defer poll.Stop()
	midnight := time.NewTimer(time.Until(NextMidnight(r.now(), r.loc)))
	defer func() { midnight.Stop() }()
	for {
		if _, err := r.Drain(ctx); err != nil && ctx.Err() == nil {
			r.log.ErrorContext(ctx, "signals: evaluate the marked subjects; retrying", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-r.wake:
			sleepFor(ctx, gatherFor) // the rest of the burst
		case <-poll.C:
			if conn != nil {
				// The lock lives with the session: lost with it.
				if err := conn.Ping(ctx); err != nil {
					if ctx.Err() == nil {
						r.log.WarnContext(ctx, "signals: lost the runner's lock; waiting for it", "err", err)
					}
					return
				}
			}
		case <-midnight.C:
			r.daily(ctx)
			midnight = time.NewTimer(time.Until(NextMidnight(r.now(), r.loc)))
		}
	}
}

func (r *Runner) setLeading(b bool) {
	r.mu.Lock()
	r.leading = b
	r.mu.Unlock()
}

// daily evaluates every subject's open periods.
func (r *Runner) daily(ctx context.Context) {
	r.begin()
	defer r.end()
	if err := r.evaluate(access.Bypass(ctx), Scope{Every: true}); err != nil && ctx.Err() == nil {
		r.log.ErrorContext(ctx, "signals: the daily evaluation", "err", err)
	}
}

func (r *Runner) begin() {
	r.mu.Lock()
	r.running = true
	r.mu.Unlock()
}

func (r *Runner) end() {
	r.mu.Lock()
	r.running = false
	r.passes++
	r.mu.Unlock()
}

// NextMidnight is the first midnight in loc after now: when the daily
// evaluation runs. (On a day whose midnight a clock change skips, the
// first instant of the day.)
func NextMidnight(now time.Time, loc *time.Location) time.Time {
	t := now.In(loc)
	y, m, d := t.Date()
	next := time.Date(y, m, d+1, 0, 0, 0, 0, loc)
	if next.Day() != time.Date(y, m, d+1, 12, 0, 0, 0, loc).Day() {
		// Midnight skipped: Go may place it before the change, still the
		// day before; the day begins where that zone ends.
		_, end := next.ZoneBounds()
		return end
	}
	return next
}

// Drain evaluates the marked subjects and deletes the marks it read: one
// evaluation per distinct earliest date (all the subjects marked from it),
// or one of every subject when a mark asks for it. The marks of an
// evaluation that fails stay, for the next pass. It reports how many marks
// it deleted.
func (r *Runner) Drain(ctx context.Context) (int, error) {
	r.begin()
	defer r.end()
	sys := access.Bypass(ctx)
	deleted := 0
	for {
		// By id: a mark with a lower id committed later is read next pass.
		marks, err := r.client.SignalCheck.Query().Order(signalcheck.ByID()).Limit(drainBatch).All(sys)
		if err != nil || len(marks) == 0 {
			return deleted, err
		}
		var failed error
		for _, g := range Coalesce(marks) {
			if err := r.evaluate(sys, g.Scope); err != nil {
				failed = err
				continue
			}
			n, err := r.client.SignalCheck.Delete().Where(signalcheck.IDIn(g.Marks...)).Exec(sys)
			deleted += n
			if err != nil {
				return deleted, err
			}
		}
		if failed != nil || len(marks) < drainBatch {
			return deleted, failed
		}
	}
}

// Group is one evaluation of Coalesce and the marks it covers.
type Group struct {
	Scope Scope
	Marks []int // ids
}

// Coalesce groups marks into evaluations: one of every subject when a mark
// asks for it (from the earliest date of all), else one per distinct
// earliest date, covering each subject marked from that date, a subject
// once however many marks it has (from its earliest).
func Coalesce(marks []*gen.SignalCheck) []Group {
	ids := make([]int, len(marks))
	for i, m := range marks {
		ids[i] = m.ID
	}
	var since *time.Time // the earliest of all; nil: every open period
	every, open := false, false
	for _, m := range marks {
		every = every || m.Every
		if m.Since == nil {
			open = true
		} else if since == nil || m.Since.Before(*since) {
			since = m.Since
		}
	}
	if every {
		if open {
			since = nil
		}
		return []Group{{Scope: Scope{Every: true, Since: since}, Marks: ids}}
	}
	type subject struct {
		kind SubjectKind
		id   int
	}
	earliest := map[subject]*time.Time{}
	var order []subject
	for _, m := range marks {
		var s subject
		switch {
		case m.DealerID != nil:
			s = subject{DealerSubject, *m.DealerID}
		case m.ChannelID != nil:
			s = subject{ChannelSubject, *m.ChannelID}
		case m.TerritoryID != nil:
			s = subject{TerritorySubject, *m.TerritoryID}
		default:
			continue
		}
		e, seen := earliest[s]
		switch {
		case !seen:
			order = append(order, s)
			earliest[s] = m.Since
		case e == nil:
		case m.Since == nil || m.Since.Before(*e):
			earliest[s] = m.Since
		}
	}
	groups := map[string]*Group{}
	var keys []string
	for _, s := range order {
		e := earliest[s]
		key := ""
		if e != nil {
			key = e.Format(time.DateOnly)
		}
		g := groups[key]
		if g == nil {
			g = &Group{Scope: Scope{Since: e}}
			groups[key] = g
			keys = append(keys, key)
		}
		switch s.kind {
		case DealerSubject:
			g.Scope.Dealers = append(g.Scope.Dealers, s.id)
		case ChannelSubject:
			g.Scope.Channels = append(g.Scope.Channels, s.id)
		case TerritorySubject:
			g.Scope.Territories = append(g.Scope.Territories, s.id)
		}
	}
	// Each mark goes with its subject's group (a mark of none, with the
	// first).
	for _, m := range marks {
		var e *time.Time
		var found bool
		switch {
		case m.DealerID != nil:
			e, found = earliest[subject{DealerSubject, *m.DealerID}]
		case m.ChannelID != nil:
			e, found = earliest[subject{ChannelSubject, *m.ChannelID}]
		case m.TerritoryID != nil:
			e, found = earliest[subject{TerritorySubject, *m.TerritoryID}]
		}
		key := ""
		if e != nil {
			key = e.Format(time.DateOnly)
		}
		if !found && len(keys) > 0 {
			key = keys[0]
		}
		if g := groups[key]; g != nil {
			g.Marks = append(g.Marks, m.ID)
		}
	}
	sort.Strings(keys) // "" (every open period) first, then by date
	out := make([]Group, len(keys))
	for i, k := range keys {
		out[i] = *groups[k]
	}
	return out
}

// Idle waits until the runner has made its first evaluation (on the
// instance that leads), no mark is left and no evaluation is under way, or
// ctx ends: for tests, after writes, before reading the signals.
func (r *Runner) Idle(ctx context.Context) error {
	for {
		r.mu.Lock()
		running, passes := r.running, r.passes
		r.mu.Unlock()
		if !running && passes > 0 {
			n, err := r.client.SignalCheck.Query().Count(access.Bypass(ctx))
			if err != nil {
				return err
			}
			r.mu.Lock()
			quiet := n == 0 && !r.running && r.passes == passes
			r.mu.Unlock()
			if quiet {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}
