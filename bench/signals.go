package bench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"
	"time"

	"github.com/gorilla/websocket"

	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/realtime/wsclient"
)

// SignalConfig is one run of `dealerline bench signals`: how long a late
// fact takes to reach the staff watching signalRaised as a raised signal,
// and a later fact as its withdrawal.
type SignalConfig struct {
	URL string
	// Logins are the tokens file's: the subscribers sign in as its
	// managers and administrators, in turn (dealer users never see
	// signals).
	Logins []Login
	// AdminToken records the facts; empty: the file's first administrator.
	AdminToken  string
	Subscribers int
	Samples     int
	// Withdraw: after each raise, a later survey of the same month lifts
	// the rate and the signal is withdrawn; that is timed too.
	Withdraw bool
	// Timeout is how long a sample waits for its event.
	Timeout time.Duration
	// Today is the business date the samples are placed by (zero: today
	// in UTC); the surveys are dated in the month before its month.
	Today time.Time
	Out   io.Writer
}

// SignalTimes are the delays from a fact's recording (its mutation's
// response) to the signal event reaching the first subscriber and every
// subscriber that may see it.
type SignalTimes struct {
	First, All Latencies
	// Missed is how many samples reached no subscriber within the timeout.
	Missed int
}

// SignalResult is a run's figures.
type SignalResult struct {
	Subscribers int
	Period      period.Period
	Raise       SignalTimes
	Withdraw    SignalTimes
}

// The low-distribution rule (DESIGN §6 rule 3) and the surveys that raise
// and withdraw it: 1 of 10 outlets, then 5 of 10, well either side of the
// default 0.40.
const (
	sampleRule     = 3
	raiseCarrying  = 1
	liftCarrying   = 5
	surveyVisited  = 10
	signalEventSub = `subscription($after: String) { signalRaised(after: $after) { cursor status signal { id rule dealerID period } } }`
)

// signalKey names one event a sample waits for.
type signalKey struct {
	dealer, status string
}

// signalWatcher is one subscriber: when each awaited event first reached it.
type signalWatcher struct {
	login Login
	conn  *wsclient.Conn
	mu    sync.Mutex
	got   map[signalKey]time.Time
	err   error
	// channels it may see signals of; nil: all (an administrator).
	channels map[string]bool
}

func (w *signalWatcher) read(p period.Period) {
	for {
		m, err := w.conn.Read(time.Time{})
		now := time.Now()
		if err != nil {
			w.fail(err)
			return
		}
		switch m.Type {
		case "next", "data":
		case "error", "complete":
			w.fail(fmt.Errorf("subscription ended: %s %s", m.Type, m.Payload))
			return
		default:
			continue
		}
		var msg struct {
			Data struct {
				SignalRaised struct {
					Status string
					Signal struct {
						Rule     int
						DealerID *string
						Period   string
					}
				}
			}
			Errors []gqlError
		}
		if err := json.Unmarshal(m.Payload, &msg); err != nil {
			w.fail(err)
			return
		}
		if len(msg.Errors) > 0 {
			w.fail(fmt.Errorf("signalRaised: %s: %s", msg.Errors[0].Extensions.Code, msg.Errors[0].Message))
			return
		}
		e := msg.Data.SignalRaised
		if e.Signal.Rule != sampleRule || e.Signal.DealerID == nil || e.Signal.Period != p.String() {
			continue
		}
		k := signalKey{*e.Signal.DealerID, e.Status}
		w.mu.Lock()
		if _, ok := w.got[k]; !ok {
			w.got[k] = now
		}
		w.mu.Unlock()
	}
}

func (w *signalWatcher) fail(err error) {
	w.mu.Lock()
	if w.err == nil {
		w.err = err
	}
	w.mu.Unlock()
}

func (w *signalWatcher) arrival(k signalKey) (time.Time, bool, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	at, ok := w.got[k]
	return at, ok, w.err
}

// sees reports whether w may see the signals of a dealer of channel.
func (w *signalWatcher) sees(channel string) bool { return w.channels == nil || w.channels[channel] }

type sampleDealer struct{ id, channel string }

// Signals runs the measurement: it opens the subscribers after the
// current event cursor, then, one sample at a time, records a survey dated
// in last month that puts a dealer without a low-distribution signal for
// that month under the threshold, and times the SIGNAL event for that
// dealer to the subscribers; with Withdraw, a later survey of the month
// lifts it again, and the withdrawal is timed the same way. A different
// dealer each sample, so each raises a new (rule, dealer, month) signal.
func Signals(ctx context.Context, cfg SignalConfig) (*SignalResult, error) {
	staff := append(ofRole(cfg.Logins, "ADMIN"), ofRole(cfg.Logins, "CHANNEL_MANAGER")...)
	if len(staff) == 0 {
		return nil, fmt.Errorf("subscribers: %w (ADMIN or CHANNEL_MANAGER)", errNoLogins)
	}
	admin := cfg.AdminToken
	if admin == "" {
		admins := ofRole(cfg.Logins, "ADMIN")
		if len(admins) == 0 {
			return nil, fmt.Errorf("no ADMIN in the tokens file: give --admin-token")
		}
		admin = admins[0].Token
	}
	cfg.Subscribers = max(cfg.Subscribers, 1)
	cfg.Samples = max(cfg.Samples, 1)
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	today := cfg.Today
	if today.IsZero() {
		today = time.Now().UTC()
	}
	month := period.MonthOf(today).Previous()
	// The raising survey is dated the day before the month's last day and
	// the lifting one on its last: each is the month's latest in turn.
	last := month.End().AddDate(0, 0, -1)
	raiseOn, liftOn := last.AddDate(0, 0, -1), last
	c := newClient(cfg.URL, 4)
	res := &SignalResult{Subscribers: cfg.Subscribers, Period: month}

	// The cursor first, then what it covers: no event is missed between.
	var cur struct{ EventCursor string }
	if err := c.do(ctx, admin, `{ eventCursor }`, nil, &cur); err != nil {
		return nil, fmt.Errorf("eventCursor: %w", err)
	}
	taken, err := signalledDealers(ctx, c, admin, month)
	if err != nil {
		return nil, err
	}
	dealers, err := allDealers(ctx, c, admin)
	if err != nil {
		return nil, err
	}
	watchers, err := openWatchers(ctx, cfg, staff, cur.EventCursor, month)
	if err != nil {
		return nil, err
	}
	defer func() {
		for _, w := range watchers {
			w.conn.Close()
		}
	}()
	// Dealers every subscriber sees first, so that "every subscriber" is
	// as many as possible.
	seenBy := func(d sampleDealer) int {
		n := 0
		for _, w := range watchers {
			if w.sees(d.channel) {
				n++
			}
		}
		return n
	}
	dealers = slices.DeleteFunc(dealers, func(d sampleDealer) bool { return taken[d.id] || seenBy(d) == 0 })
	slices.SortStableFunc(dealers, func(a, b sampleDealer) int { return seenBy(b) - seenBy(a) })
	// The subscriptions start as the server reads them; they resume after
	// the cursor in any case, but a sample should not time their start.
	time.Sleep(time.Second)

	fmt.Fprintf(cfg.Out, "%d subscriber(s) on signalRaised; %d sample(s) in %s…\n", len(watchers), cfg.Samples, month)
	samples := 0
	for _, d := range dealers {
		if samples == cfg.Samples {
			break
		}
		// A later survey of the month would hide this one: pass over the
		// dealer.
		later, err := surveysFrom(ctx, c, admin, d.id, raiseOn, month.End())
		if err != nil {
			return nil, err
		}
		if later {
			continue
		}
		samples++
		if err := timeSignal(ctx, c, admin, watchers, d, raiseOn, raiseCarrying, "OPEN", cfg.Timeout, &res.Raise); err != nil {
			return nil, err
		}
		if samples == 1 && res.Raise.Missed == 1 {
			return nil, fmt.Errorf("no subscriber heard of a low-distribution signal for dealer %s within %v: is rule %d enabled, and are signals evaluated?", d.id, cfg.Timeout, sampleRule)
		}
		if cfg.Withdraw {
			if err := timeSignal(ctx, c, admin, watchers, d, liftOn, liftCarrying, "WITHDRAWN", cfg.Timeout, &res.Withdraw); err != nil {
				return nil, err
			}
		}
	}
	if samples < cfg.Samples {
		fmt.Fprintf(cfg.Out, "only %d dealer(s) had no low-distribution signal in %s: %d sample(s)\n", samples, month, samples)
	}
	if samples == 0 {
		return nil, errors.New("no dealer left to sample")
	}
	return res, nil
}

// timeSignal records a survey of d on day with carrying of surveyVisited
// outlets, and adds how long its event with status took to reach the
// first and every subscriber that may see it.
func timeSignal(ctx context.Context, c *client, admin string, ws []*signalWatcher, d sampleDealer, day time.Time, carrying int, status string, timeout time.Duration, out *SignalTimes) error {
	err := c.do(ctx, admin, `mutation($in: RecordDistributionSurveyInput!) { recordDistributionSurvey(input: $in) { id } }`,
		map[string]any{"in": map[string]any{
			"dealerID": d.id, "date": day.Format(time.DateOnly), "outletsVisited": surveyVisited, "outletsCarrying": carrying,
			"note": "Load test: signal latency.",
		}}, nil)
	if err != nil {
		return fmt.Errorf("recordDistributionSurvey for dealer %s: %w", d.id, err)
	}
	recorded := time.Now()
	k := signalKey{d.id, status}
	var due []*signalWatcher
	for _, w := range ws {
		if w.sees(d.channel) {
			due = append(due, w)
		}
	}
	deadline := recorded.Add(timeout)
	for {
		var first, all time.Time
		arrived := 0
		for _, w := range due {
			at, ok, err := w.arrival(k)
			if err != nil {
				return fmt.Errorf("subscriber %s: %w", w.login.Email, err)
			}
			if !ok {
				continue
			}
			arrived++
			if first.IsZero() || at.Before(first) {
				first = at
			}
			if at.After(all) {
				all = at
			}
		}
		// An event may beat the mutation's response home: that is no delay.
		since := func(t time.Time) time.Duration { return max(t.Sub(recorded), 0) }
		switch {
		case arrived == len(due):
			out.First = append(out.First, since(first))
			out.All = append(out.All, since(all))
			return nil
		case time.Now().After(deadline):
			if arrived == 0 {
				out.Missed++
			} else {
				out.First = append(out.First, since(first))
				out.All = append(out.All, timeout) // some never heard: counted at the timeout
			}
			return nil
		}
		// Arrivals are stamped as they are read: polling adds nothing.
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// openWatchers opens n subscribers signed in as staff in turn, each
// subscribed to signalRaised after cursor.
func openWatchers(ctx context.Context, cfg SignalConfig, staff []Login, cursor string, p period.Period) ([]*signalWatcher, error) {
	c := newClient(cfg.URL, 4)
	channels := map[string]map[string]bool{} // by token; nil for an administrator
	for _, l := range staff {
		if l.Role != "CHANNEL_MANAGER" {
			continue
		}
		var me struct {
			Me struct{ ManagedChannels []struct{ ID string } }
		}
		if err := c.do(ctx, l.Token, `{ me { managedChannels { id } } }`, nil, &me); err != nil {
			return nil, fmt.Errorf("%s: me: %w", l.Email, err)
		}
		set := map[string]bool{}
		for _, ch := range me.Me.ManagedChannels {
			set[ch.ID] = true
		}
		channels[l.Token] = set
	}
	dialer := &websocket.Dialer{ReadBufferSize: 4096, WriteBufferSize: 1024, HandshakeTimeout: time.Minute}
	ws := make([]*signalWatcher, 0, cfg.Subscribers)
	for i := range cfg.Subscribers {
		l := staff[i%len(staff)]
		cctx, cancel := context.WithTimeout(ctx, time.Minute)
		conn, err := wsclient.Connect(cctx, dialer, cfg.URL, l.Token)
		cancel()
		if err == nil {
			err = conn.Subscribe("signals", signalEventSub, map[string]any{"after": cursor})
		}
		if err != nil {
			for _, w := range ws {
				w.conn.Close()
			}
			return nil, fmt.Errorf("subscriber %d (%s): %w", i, l.Email, err)
		}
		w := &signalWatcher{login: l, conn: conn, got: map[signalKey]time.Time{}, channels: channels[l.Token]}
		go w.read(p)
		ws = append(ws, w)
	}
	return ws, nil
}

// signalledDealers are the dealers with a low-distribution signal for p
// already, in any status: a RESOLVED one is not raised again.
func signalledDealers(ctx context.Context, c *client, token string, p period.Period) (map[string]bool, error) {
	out := map[string]bool{}
	var after *string
	for {
		var got struct {
			Signals struct {
				Edges []struct {
					Node struct{ DealerID *string }
				}
				PageInfo struct {
					HasNextPage bool
					EndCursor   string
				}
			}
		}
		err := c.do(ctx, token, `query($rule: Int, $p: Period, $after: Cursor) { signals(rule: $rule, period: $p, first: 100, after: $after) {
			edges { node { dealerID } } pageInfo { hasNextPage endCursor } } }`,
			map[string]any{"rule": sampleRule, "p": p.String(), "after": after}, &got)
		if err != nil {
			return nil, fmt.Errorf("signals: %w", err)
		}
		for _, e := range got.Signals.Edges {
			if e.Node.DealerID != nil {
				out[*e.Node.DealerID] = true
			}
		}
		if !got.Signals.PageInfo.HasNextPage {
			return out, nil
		}
		after = &got.Signals.PageInfo.EndCursor
	}
}

// allDealers are every dealer with its channel, in the server's order.
func allDealers(ctx context.Context, c *client, token string) ([]sampleDealer, error) {
	var out []sampleDealer
	var after *string
	for {
		var got struct {
			Dealers struct {
				Edges []struct {
					Node struct {
						ID      string
						Channel struct{ ID string }
					}
				}
				PageInfo struct {
					HasNextPage bool
					EndCursor   string
				}
			}
		}
		err := c.do(ctx, token, `query($after: Cursor) { dealers(first: 100, after: $after) {
			edges { node { id channel { id } } } pageInfo { hasNextPage endCursor } } }`, map[string]any{"after": after}, &got)
		if err != nil {
			return nil, fmt.Errorf("dealers: %w", err)
		}
		for _, e := range got.Dealers.Edges {
			out = append(out, sampleDealer{e.Node.ID, e.Node.Channel.ID})
		}
		if !got.Dealers.PageInfo.HasNextPage {
			return out, nil
		}
		after = &got.Dealers.PageInfo.EndCursor
	}
}

// surveysFrom reports whether dealer has a survey dated in [from, to).
func surveysFrom(ctx context.Context, c *client, token, dealer string, from, to time.Time) (bool, error) {
	var got struct {
		DistributionSurveys struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	err := c.do(ctx, token, `query($d: ID, $from: Date, $to: Date) { distributionSurveys(dealerID: $d, from: $from, to: $to, first: 1) { edges { node { id } } } }`,
		map[string]any{"d": dealer, "from": from.Format(time.DateOnly), "to": to.Format(time.DateOnly)}, &got)
	if err != nil {
		return false, fmt.Errorf("distributionSurveys of dealer %s: %w", dealer, err)
	}
	return len(got.DistributionSurveys.Edges) > 0, nil
}

// PrintSignalResult writes r as BENCHMARKS.md quotes it.
func PrintSignalResult(w io.Writer, r *SignalResult) {
	fmt.Fprintf(w, "\nsubscribers            %d on signalRaised, surveys dated in %s\n", r.Subscribers, r.Period)
	for _, x := range []struct {
		name string
		t    SignalTimes
	}{{"raised", r.Raise}, {"withdrawn", r.Withdraw}} {
		if len(x.t.First) == 0 && x.t.Missed == 0 {
			continue
		}
		for _, y := range []struct {
			to string
			l  Latencies
		}{{"first subscriber", x.t.First}, {"every subscriber", x.t.All}} {
			fmt.Fprintf(w, "%-9s → %-16s %d samples: p50 %s, p95 %s, p99 %s, max %s\n", x.name, y.to, len(y.l),
				ms(y.l.Percentile(50)), ms(y.l.Percentile(95)), ms(y.l.Percentile(99)), ms(y.l.Percentile(100)))
		}
		if x.t.Missed > 0 {
			fmt.Fprintf(w, "%-9s   %d sample(s) reached no subscriber within the timeout\n", x.name, x.t.Missed)
		}
	}
}
