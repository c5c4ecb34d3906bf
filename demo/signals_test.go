package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/demo"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/channelsignal"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/signals"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

// demoSignal is a signal the demo raises whenever it is loaded, and why
// (README: the demo's signals).
type demoSignal struct {
	rule int
	// One of the three, by code.
	dealer, channel, territory string
	// monthsAgo places the period: 0 the running month, 1 last month…
	monthsAgo int
	why       string
}

var demoSignals = []demoSignal{
	{rule: 1, territory: "SC-PRD", why: "the Pearl River Delta's share falls from 0.082 to 0.033"},
	{rule: 3, dealer: demo.LowDistribution, monthsAgo: 1, why: "13 of 37 outlets carry (0.35) in last month's survey"},
	{rule: 4, channel: demo.TradeFairChannel, monthsAgo: 1, why: "a trade fair lifts Retail's cost ratio by more than 3 points"},
	{rule: 5, dealer: demo.LatePayer, monthsAgo: 1, why: "on probation, it pays over 45 days after the invoice on 30 days' terms"},
	{rule: 10, dealer: demo.SouthTraders, monthsAgo: 2, why: "its customers' CSAT falls from 3.0 to 1.5"},
}

// slowMonths: LatePayer pays weeks late all year, so rule 5 may also be
// raised for it in the other open months, in each it paid invoices off.
const slowMonths = "it pays weeks late all year"

// pricePressured are the dealers assigned to the Pearl River Delta, where
// a street price 16 % under the list price was seen two days ago: rule 7
// in that month, for each of them.
var pricePressured = []string{demo.SouthTraders, "D-GZ-01", "D-KA-02", "D-EC-01", "D-EC-03"}

// highCases are the demo's open HIGH conflict cases: rule 9 for their
// parties in every ended month they were open at the end of.
var highCases = []struct {
	daysAgo int
	parties []string
	why     string
}{
	{40, []string{"D-EAST", "D-EC-05"}, "East Coast Supply's case against Garden & Tool Express"},
	{4, []string{demo.SouthTraders, "D-EC-01"}, "South Traders' case against ToolMall Online"},
}

// loadDays are the days the demo is loaded on: the dates are relative to
// it, so the month's first and last days and a new year's start move
// facts between periods.
func loadDays() []time.Time {
	now := time.Now().UTC()
	return []time.Time{
		time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC),
		time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 11, 15, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC),
		time.Date(2027, 1, 2, 0, 0, 0, 0, time.UTC),
	}
}

type signalKey struct {
	rule    int
	subject string // a code
	period  period.Period
}

// wantSignals are the documented signals of the demo loaded on day and
// evaluated the same day, with their reasons; and those it may raise
// besides, by the day.
func wantSignals(day time.Time) (want, may map[signalKey]string) {
	this := period.MonthOf(day)
	ago := func(n int) period.Period {
		p := this
		for range n {
			p = p.Previous()
		}
		return p
	}
	out := map[signalKey]string{}
	for _, w := range demoSignals {
		out[signalKey{w.rule, w.dealer + w.channel + w.territory, ago(w.monthsAgo)}] = w.why
	}
	may = map[signalKey]string{}
	for n := 0; n <= signals.OpenMonths; n++ {
		may[signalKey{5, demo.LatePayer, ago(n)}] = slowMonths
	}
	reported := period.MonthOf(day.AddDate(0, 0, -2))
	for _, d := range pricePressured {
		out[signalKey{7, d, reported}] = "a street price 16 % under the list price in the Pearl River Delta"
	}
	for _, c := range highCases {
		opened := day.AddDate(0, 0, -c.daysAgo)
		for n := 1; n <= signals.OpenMonths; n++ {
			if p := ago(n); opened.Before(p.End()) {
				for _, d := range c.parties {
					out[signalKey{9, d, p}] = c.why + " was open at the month's end"
				}
			}
		}
	}
	return out, may
}

// TestLoad_Signals: the daily run over the demo, loaded on any day,
// raises the documented signals for their reasons, each once, and
// nothing else: not rule 3 for the dealer exactly at the line.
func TestLoad_Signals(t *testing.T) {
	for _, day := range loadDays() {
		t.Run(day.Format("2006-01-02"), func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *store.DB) { checkSignals(t, db, day) })
		})
	}
}

func checkSignals(t *testing.T, db *store.DB, day time.Time) {
	ctx := context.Background()
	sys := access.Bypass(ctx)
	if err := demo.Load(ctx, db.Client, day); err != nil {
		t.Fatal(err)
	}
	svc := signals.NewService(db.Client, db.Dialect, time.UTC).WithClock(func() time.Time { return day.Add(2 * time.Hour) })
	if err := svc.Evaluate(ctx, signals.Scope{Every: true}); err != nil {
		t.Fatal(err)
	}
	c := db.Client
	got := map[signalKey]channelsignal.Status{}
	for _, s := range c.ChannelSignal.Query().WithDealer().WithChannel().WithTerritory().AllX(sys) {
		var code string
		switch {
		case s.Edges.Dealer != nil:
			code = s.Edges.Dealer.Code
		case s.Edges.Channel != nil:
			code = s.Edges.Channel.Code
		default:
			code = s.Edges.Territory.Code
		}
		k := signalKey{s.Rule, code, s.Period}
		if _, dup := got[k]; dup {
			t.Errorf("rule %d for %s in %s raised twice", k.rule, k.subject, k.period)
		}
		got[k] = s.Status
	}
	want, may := wantSignals(day)
	for k, why := range want {
		st, ok := got[k]
		switch {
		case !ok:
			t.Errorf("rule %d for %s in %s (%s): not raised", k.rule, k.subject, k.period, why)
		case st != channelsignal.StatusOPEN:
			t.Errorf("rule %d for %s in %s: %s, want OPEN", k.rule, k.subject, k.period, st)
		}
	}
	for k := range got {
		_, ok := want[k]
		if _, also := may[k]; !ok && !also {
			t.Errorf("rule %d for %s in %s: raised, and the demo gives no reason", k.rule, k.subject, k.period)
		}
	}
	// Exactly 0.40 last month, and over it in the other open months.
	atLine := c.Dealer.Query().Where(dealer.Code(demo.AtTheLine)).OnlyIDX(sys)
	if n := c.ChannelSignal.Query().Where(channelsignal.Rule(3), channelsignal.DealerID(atLine)).CountX(sys); n != 0 {
		t.Errorf("%s: %d low-distribution signals, want none at exactly 0.40", demo.AtTheLine, n)
	}

	// Evaluated again, nothing changes: each is raised once.
	before := signalRows(t, c)
	if err := svc.Evaluate(ctx, signals.Scope{Every: true}); err != nil {
		t.Fatal(err)
	}
	after := signalRows(t, c)
	if len(after) != len(before) {
		t.Fatalf("%d signals after evaluating again, %d before", len(after), len(before))
	}
	for id, st := range before {
		if after[id] != st {
			t.Errorf("signal %d: %s after evaluating again, %s before", id, after[id], st)
		}
	}
}

func signalRows(t *testing.T, c *ent.Client) map[int]channelsignal.Status {
	t.Helper()
	out := map[int]channelsignal.Status{}
	for _, s := range c.ChannelSignal.Query().AllX(access.Bypass(context.Background())) {
		out[s.ID] = s.Status
	}
	return out
}
