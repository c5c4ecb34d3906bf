package signals

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/channelsignal"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

func TestSettings_DefaultsOverlaidWithTheRow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		f.c.SignalRule.Create().SetRule(3).SetEnabled(false).SetThresholds(map[string]int64{"rate": 5000, "gone": 1}).
			SetUpdatedByName("Ada").SaveX(f.ctx)
		f.c.SignalRule.Create().SetRule(8).SetThresholds(map[string]int64{"growth": 2000}).SaveX(f.ctx)
		got, err := f.s.Settings(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 10 {
			t.Fatalf("%d settings", len(got))
		}
		for i, st := range got {
			if st.Rule() != i+1 {
				t.Errorf("setting %d is rule %d", i, st.Rule())
			}
		}
		if s := got[2]; s.Enabled || s.Values["rate"] != 5000 || len(s.Values) != 1 || s.UpdatedAt == nil || *s.UpdatedByName != "Ada" {
			t.Errorf("rule 3: %+v", s)
		}
		if s := got[7]; !s.Enabled || s.Values["growth"] != 2000 || s.Values["ageQuarters"] != 4 || s.Values["othersGrowth"] != 500 || s.UpdatedByName != nil {
			t.Errorf("rule 8: %+v", s)
		}
		if s := got[0]; !s.Enabled || s.Values["drop"] != 200 || s.UpdatedAt != nil {
			t.Errorf("rule 1: %+v", s)
		}
	})
}

func TestOpenPeriods(t *testing.T) {
	today := day(10, 15)
	str := func(ps []period.Period) string {
		var out []string
		for _, p := range ps {
			out = append(out, p.String())
		}
		return strings.Join(out, " ")
	}
	since := func(m time.Month, d int) *time.Time { t := day(m, d); return &t }
	for _, c := range []struct {
		rule  int
		since *time.Time
		want  string
	}{
		{3, nil, "2026-07 2026-08 2026-09 2026-10"},
		{2, nil, "2026-07 2026-08 2026-09"},
		{3, since(8, 31), "2026-08 2026-09 2026-10"},
		{2, since(10, 2), ""},
		{3, since(1, 2), "2026-07 2026-08 2026-09 2026-10"},
		{8, nil, "2026-Q3"},
		{8, since(9, 30), "2026-Q3"},
		{8, since(10, 1), ""},
	} {
		if got := str(openPeriods(Rule(c.rule), today, c.since)); got != c.want {
			t.Errorf("rule %d since %v: %q; want %q", c.rule, c.since, got, c.want)
		}
	}
}

// The lifecycle, on rule 3: raised once, its evidence kept current,
// withdrawn by a back-dated fact, raised again, a resolved one left alone.
func TestLifecycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		x := f.channel()
		a := f.dealer(x, long())
		f.survey(a, day(9, 10), 100, 39)
		f.every()
		f.every()
		f.eval(Scope{Dealers: []int{a.ID}})
		if n := f.c.ChannelSignal.Query().CountX(f.ctx); n != 2 { // the dealer's and the channel's
			t.Fatalf("%d signals", n)
		}
		sig := f.signal(3, dk(a), "2026-09")
		if got := f.events(sig.ID); !slices.Equal(got, []string{"OPEN"}) {
			t.Errorf("events %q", got)
		}
		if !sig.RaisedAt.Equal(today) {
			t.Errorf("raised at %v", sig.RaisedAt)
		}

		// A later survey of the month: the evidence follows, no event.
		f.survey(a, day(9, 20), 100, 35)
		f.eval(Scope{Dealers: []int{a.ID}, Since: ptr(day(9, 20))})
		sig = f.signal(3, dk(a), "2026-09")
		if sig.Status != channelsignal.StatusOPEN || sig.Current != 0.35 || len(f.events(sig.ID)) != 1 {
			t.Errorf("after a later survey: %s %v %q", sig.Status, sig.Current, f.events(sig.ID))
		}

		// A fact dated in October only does not re-evaluate September.
		f.survey(a, day(9, 25), 100, 60)
		f.eval(Scope{Dealers: []int{a.ID}, Since: ptr(day(10, 1))})
		if s := f.signal(3, dk(a), "2026-09"); s.Status != channelsignal.StatusOPEN {
			t.Errorf("September evaluated from October: %s", s.Status)
		}

		// The back-dated survey of 25 September removes the condition.
		later := today.Add(time.Hour)
		f.setNow(later)
		f.eval(Scope{Dealers: []int{a.ID}, Since: ptr(day(9, 25))})
		sig = f.signal(3, dk(a), "2026-09")
		if sig.Status != channelsignal.StatusWITHDRAWN || sig.WithdrawnAt == nil || !sig.WithdrawnAt.Equal(later) ||
			sig.WithdrawnReason != "distribution rate 0.6000 is no longer < 0.4000" {
			t.Errorf("withdrawn: %s %v %q", sig.Status, sig.WithdrawnAt, sig.WithdrawnReason)
		}
		if got := f.events(sig.ID); !slices.Equal(got, []string{"OPEN", "WITHDRAWN"}) {
			t.Errorf("events %q", got)
		}
		// The channel's went with it.
		if got := f.signals(3, channelsignal.StatusWITHDRAWN); len(got) != 2 {
			t.Errorf("withdrawn %q", got)
		}
		f.every()
		if got := f.events(sig.ID); len(got) != 2 {
			t.Errorf("withdrawn twice: %q", got)
		}

		// It holds again: the same row raised again.
		again := later.Add(time.Hour)
		f.setNow(again)
		f.survey(a, day(9, 28), 100, 10)
		f.every()
		s2 := f.signal(3, dk(a), "2026-09")
		if s2.ID != sig.ID || s2.Status != channelsignal.StatusOPEN || s2.WithdrawnAt != nil || s2.WithdrawnReason != "" ||
			!s2.RaisedAt.Equal(again) || s2.Current != 0.1 {
			t.Errorf("raised again: %+v", s2)
		}
		if got := f.events(sig.ID); !slices.Equal(got, []string{"OPEN", "WITHDRAWN", "OPEN"}) {
			t.Errorf("events %q", got)
		}

		// A manager resolves it: no evaluation touches it again.
		f.c.ChannelSignal.UpdateOneID(sig.ID).SetStatus(channelsignal.StatusRESOLVED).SetResolvedAt(again).SaveX(f.ctx)
		f.survey(a, day(9, 29), 100, 90)
		f.every()
		f.survey(a, day(9, 30), 100, 5)
		f.every()
		s3 := f.signal(3, dk(a), "2026-09")
		if s3.Status != channelsignal.StatusRESOLVED || s3.Current != 0.1 || len(f.events(sig.ID)) != 3 {
			t.Errorf("resolved: %s %v %q", s3.Status, s3.Current, f.events(sig.ID))
		}
		if n := f.c.ChannelSignal.Query().CountX(f.ctx); n != 2 {
			t.Errorf("%d signals", n)
		}
	})
}

func TestDisabledRule_AndThresholds(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		x := f.channel()
		a, b := f.dealer(x, long()), f.dealer(x, long())
		f.survey(a, day(9, 10), 100, 39)
		f.every()
		// Disabled: not evaluated, its open signals stay.
		row := f.c.SignalRule.Create().SetRule(3).SetEnabled(false).SaveX(f.ctx)
		f.survey(a, day(9, 20), 100, 90)
		f.survey(b, day(9, 20), 100, 10)
		f.every()
		f.want(3, dsub(a, "2026-09"), csub(x, "2026-09"))
		// Enabled at 0.50: b fires, a (0.90) is withdrawn, the channel's
		// (0.50 pooled) too.
		f.c.SignalRule.UpdateOne(row).SetEnabled(true).SetThresholds(map[string]int64{"rate": 5000}).ExecX(f.ctx)
		f.every()
		f.want(3, dsub(b, "2026-09"))
		s := f.signal(3, dk(b), "2026-09")
		if s.Threshold != 0.5 {
			t.Errorf("threshold %v", s.Threshold)
		}
		// Scope.Rules names the rules evaluated.
		f.survey(a, day(9, 25), 100, 10)
		f.eval(Scope{Every: true, Rules: []int{5}})
		f.want(3, dsub(b, "2026-09"))
	})
}

// A year is never a period of a signal, and the closed months stay.
func TestNeverAYear_ClosedMonthsStay(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		x := f.channel()
		a := f.dealer(x, long())
		f.survey(a, day(6, 10), 100, 10)
		f.survey(a, day(9, 10), 100, 10)
		f.scores(a, day(5, 1), 5)
		f.scores(a, day(6, 1), 1)
		// A June signal raised when June was open.
		f.setNow(time.Date(2026, 7, 2, 9, 0, 0, 0, loc))
		f.every()
		f.want(3, dsub(a, "2026-06"), csub(x, "2026-06"))
		f.setNow(today)
		f.survey(a, day(6, 20), 100, 90) // too late for June
		f.every()
		f.want(3, dsub(a, "2026-06"), csub(x, "2026-06"), dsub(a, "2026-09"), csub(x, "2026-09"))
		for _, s := range f.c.ChannelSignal.Query().AllX(f.ctx) {
			if s.Period.Kind() == period.Year {
				t.Errorf("a signal for %s", s.Period)
			}
		}
	})
}

// Evaluations racing each other raise one signal, with one event, and
// neither fails.
func TestConcurrentEvaluations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		x := f.channel()
		for range 20 {
			d := f.dealer(x, long())
			f.survey(d, day(9, 10), 100, 10)
		}
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = f.s.Evaluate(context.Background(), Scope{Every: true, Rules: []int{3}})
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Error(err)
			}
		}
		// 20 dealers and the channel, in September.
		if n := len(f.open(3)); n != 21 {
			t.Errorf("%d signals", n)
		}
		for _, s := range f.c.ChannelSignal.Query().AllX(f.ctx) {
			if got := f.events(s.ID); len(got) != 1 {
				t.Errorf("signal %d: events %q", s.ID, got)
			}
		}
	})
}

func ptr(t time.Time) *time.Time { return &t }

// A signal another evaluation raised after this one read the signals is
// left to it: no error, no second row or event.
func TestRaise_RacedByAnother(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		x := f.channel()
		a := f.dealer(x, long())
		p := period.MustParse("2026-09")
		f.c.ChannelSignal.Create().SetRule(3).SetDealerID(a.ID).SetSubject(dk(a)).SetPeriod(p).
			SetKpi("DISTRIBUTION_RATE").SetCurrent(0.1).SetThreshold(0.4).SaveX(f.ctx)
		e := &evaluation{s: f.s, ctx: f.ctx, dealer: map[int]*ent.Dealer{a.ID: a}}
		r := &result{rule: 3, kind: DealerSubject, id: a.ID, period: p, fires: true,
			ev: Evidence{Kpi: "DISTRIBUTION_RATE", Current: 0.2, Threshold: 0.4}}
		if err := f.s.apply(f.ctx, e, []change{{op: raise, r: r}}); err != nil {
			t.Fatal(err)
		}
		s := f.signal(3, dk(a), "2026-09")
		if s.Current != 0.1 || len(f.events(s.ID)) != 0 {
			t.Errorf("%v %q", s.Current, f.events(s.ID))
		}
	})
}

// A manager resolving a signal between the evaluation's read and its
// write wins: the withdrawal changes nothing and records nothing.
func TestWithdraw_RacedByAResolve(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		x := f.channel()
		a := f.dealer(x, long())
		p := period.MustParse("2026-09")
		read := f.c.ChannelSignal.Create().SetRule(3).SetDealerID(a.ID).SetSubject(dk(a)).SetPeriod(p).
			SetKpi("DISTRIBUTION_RATE").SetCurrent(0.1).SetThreshold(0.4).SaveX(f.ctx)
		f.c.ChannelSignal.UpdateOne(read).SetStatus(channelsignal.StatusRESOLVED).ExecX(f.ctx)
		e := &evaluation{s: f.s, ctx: f.ctx, dealer: map[int]*ent.Dealer{a.ID: a}}
		r := &result{rule: 3, kind: DealerSubject, id: a.ID, period: p, because: "gone"}
		if err := f.s.apply(f.ctx, e, []change{{op: withdraw, r: r, row: read}}); err != nil {
			t.Fatal(err)
		}
		s := f.signal(3, dk(a), "2026-09")
		if s.Status != channelsignal.StatusRESOLVED || s.WithdrawnReason != "" || len(f.events(s.ID)) != 0 {
			t.Errorf("%s %q %q", s.Status, s.WithdrawnReason, f.events(s.ID))
		}
	})
}

// A signal whose facts are gone is withdrawn, saying so.
func TestWithdrawn_NoDataAnyMore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		x := f.channel()
		a := f.dealer(x, long())
		f.scores(a, day(8, 10), 5)
		f.scores(a, day(9, 10), 3)
		f.every()
		f.want(10, dsub(a, "2026-09"), csub(x, "2026-09"))
		f.c.SatisfactionScore.Delete().ExecX(f.ctx)
		f.every()
		f.want(10)
		if s := f.signal(10, dk(a), "2026-09"); s.WithdrawnReason != "no satisfaction for 2026-08 or 2026-09 any more" {
			t.Errorf("reason %q", s.WithdrawnReason)
		}
	})
}
