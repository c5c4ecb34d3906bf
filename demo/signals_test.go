package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/demo"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/channel"
	"github.com/dealerline/dealerline/ent/channelsignal"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/territory"
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
	{rule: 9, dealer: "D-EAST", monthsAgo: 1, why: "its HIGH case against Garden & Tool Express was open at the month's end"},
	{rule: 9, dealer: "D-EC-05", monthsAgo: 1, why: "a party to East Coast Supply's HIGH case"},
	{rule: 10, dealer: demo.SouthTraders, monthsAgo: 2, why: "its customers' CSAT falls from 3.0 to 1.5"},
}

// TestLoad_Signals: the daily run over the demo raises the documented
// signals for their reasons, each once, and not rule 3 for the dealer
// exactly at the line. The demo is loaded today, as a first start does:
// the evaluation reads the clock.
func TestLoad_Signals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		sys := access.Bypass(ctx)
		now := time.Now().UTC()
		day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
		if err := demo.Load(ctx, db.Client, day); err != nil {
			t.Fatal(err)
		}
		svc := signals.NewService(db.Client, db.Dialect, time.UTC)
		if err := svc.Evaluate(ctx, signals.Scope{Every: true}); err != nil {
			t.Fatal(err)
		}
		c := db.Client
		this := period.MonthOf(day)
		ago := func(n int) period.Period {
			p := this
			for range n {
				p = p.Previous()
			}
			return p
		}
		// South Traders' report 16 % under its price, two days ago.
		reported := period.MonthOf(day.AddDate(0, 0, -2))
		want := append([]demoSignal{}, demoSignals...)
		want = append(want, demoSignal{rule: 7, dealer: demo.SouthTraders, why: "a street price 16 % under its own in the Pearl River Delta"})
		for _, w := range want {
			p := ago(w.monthsAgo)
			if w.rule == 7 {
				p = reported
			}
			q := c.ChannelSignal.Query().Where(channelsignal.Rule(w.rule), channelsignal.PeriodEQ(p))
			switch {
			case w.dealer != "":
				q.Where(channelsignal.DealerID(c.Dealer.Query().Where(dealer.Code(w.dealer)).OnlyIDX(sys)))
			case w.channel != "":
				q.Where(channelsignal.ChannelID(c.Channel.Query().Where(channel.Code(w.channel)).OnlyIDX(sys)))
			default:
				q.Where(channelsignal.TerritoryID(c.Territory.Query().Where(territory.Code(w.territory)).OnlyIDX(sys)))
			}
			s, err := q.Only(sys)
			if err != nil {
				t.Errorf("rule %d for %s%s%s in %s (%s): %v", w.rule, w.dealer, w.channel, w.territory, p, w.why, err)
				continue
			}
			if s.Status != channelsignal.StatusOPEN {
				t.Errorf("rule %d for %s%s%s in %s: %s, want OPEN", w.rule, w.dealer, w.channel, w.territory, p, s.Status)
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
	})
}

func signalRows(t *testing.T, c *ent.Client) map[int]channelsignal.Status {
	t.Helper()
	out := map[int]channelsignal.Status{}
	for _, s := range c.ChannelSignal.Query().AllX(access.Bypass(context.Background())) {
		out[s.ID] = s.Status
	}
	return out
}
