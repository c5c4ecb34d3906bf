package signals

import (
	"testing"
	"time"

	"github.com/dealerline/dealerline/conflicts/casestatus"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/conflictcase"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

// Each rule: a subject that fires, and one built to sit just across the
// threshold that does not. Each firing dealer has a channel of its own, so
// that the channel (pooling its dealers) fires with it.

func TestRule1_MarketShare(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		fires, holds := f.territory(), f.territory()
		f.share(fires, "2026-08", 0.30)
		f.share(fires, "2026-09", 0.28) // down exactly 2.0 points
		f.share(holds, "2026-08", 0.30)
		f.share(holds, "2026-09", 0.2801)
		f.share(holds, "2026-10", 0.10) // falls in October, the running month
		f.every()
		f.want(1, sub(tk(fires), "2026-09"), sub(tk(holds), "2026-10"))
		s := f.signal(1, tk(fires), "2026-09")
		if s.Kpi != "MARKET_SHARE" || s.Previous == nil || *s.Previous != 0.30 || s.Current != 0.28 || s.Threshold != 0.02 {
			t.Errorf("evidence %s %v %v %v", s.Kpi, s.Previous, s.Current, s.Threshold)
		}
	})
}

func TestRule2_PerformanceDeclining(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		x, y := f.channel(), f.channel()
		fires, holds := f.dealer(x, long()), f.dealer(y, long())
		for i, m := range []string{"2026-07", "2026-08", "2026-09"} {
			f.quota(fires, m, 100000)
			f.quota(holds, m, 100000)
			f.order(fires, day(time.July+time.Month(i), 10), []int64{100000, 90000, 80000}[i], 1)
			f.order(holds, day(time.July+time.Month(i), 10), []int64{100000, 90000, 90000}[i], 1) // level, not falling
		}
		// October runs: not a whole month, never evaluated.
		f.quota(fires, "2026-10", 100000)
		f.order(fires, day(10, 1), 10000, 1)
		f.every()
		f.want(2, dsub(fires, "2026-09"), csub(x, "2026-09"))
		s := f.signal(2, dk(fires), "2026-09")
		if s.Kpi != "QUOTA_COMPLETION" || *s.Previous != 0.9 || s.Current != 0.8 || s.Threshold != 1 {
			t.Errorf("evidence %s %v %v %v", s.Kpi, *s.Previous, s.Current, s.Threshold)
		}
	})
}

func TestRule3_DistributionRate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		x, y := f.channel(), f.channel()
		fires, holds := f.dealer(x, long()), f.dealer(y, long())
		f.survey(fires, day(9, 10), 100, 39)
		f.survey(holds, day(9, 10), 100, 40) // exactly 0.40
		f.survey(fires, day(10, 2), 100, 30) // the running month raises
		f.survey(fires, day(6, 2), 100, 10)  // June is closed: never evaluated
		f.every()
		f.want(3, dsub(fires, "2026-09"), dsub(fires, "2026-10"), csub(x, "2026-09"), csub(x, "2026-10"))
		s := f.signal(3, dk(fires), "2026-09")
		if s.Kpi != "DISTRIBUTION_RATE" || s.Previous != nil || s.Current != 0.39 || s.Threshold != 0.4 {
			t.Errorf("evidence %s %v %v %v", s.Kpi, s.Previous, s.Current, s.Threshold)
		}
	})
}

func TestRule4_ChannelCost(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		x, y := f.channel(), f.channel()
		fires, holds := f.dealer(x, long()), f.dealer(y, long())
		f.order(fires, day(8, 5), 100000, 1)
		f.order(fires, day(9, 5), 100000, 1)
		f.cost(fires, day(8, 6), 10000)
		f.cost(fires, day(9, 6), 13000) // up exactly 3 points
		f.order(holds, day(8, 5), 100000, 1)
		f.order(holds, day(9, 5), 100000, 1)
		f.cost(holds, day(8, 6), 10000)
		f.cost(holds, day(9, 6), 12990) // 2.9 points
		f.every()
		f.want(4, dsub(fires, "2026-09"), csub(x, "2026-09"))
	})
}

func TestRule5_PaymentCycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		x := f.channel()
		fires, holds := f.dealer(x, long()), f.dealer(x, long())
		f.paidOff(fires, day(8, 1), day(9, 16)) // 46 days > 30 + 15
		f.paidOff(holds, day(8, 1), day(9, 15)) // exactly 45
		f.every()
		f.want(5, dsub(fires, "2026-09"))
		s := f.signal(5, dk(fires), "2026-09")
		if s.Kpi != "PAYMENT_PERIOD_DAYS" || s.Current != 46 || s.Threshold != 45 {
			t.Errorf("evidence %s %v %v", s.Kpi, s.Current, s.Threshold)
		}
	})
}

func TestRule6_Inventory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		x, y := f.channel(), f.channel()
		fires, holds := f.dealer(x, long()), f.dealer(y, long())
		// September has 30 days: cost of goods 30000 is 1000 a day.
		f.order(fires, day(9, 5), 50000, 30000)
		f.stock(fires, day(9, 20), 61, 1000) // 61 days
		f.order(holds, day(9, 5), 50000, 30000)
		f.stock(holds, day(9, 20), 60, 1000) // exactly 60
		f.every()
		f.want(6, dsub(fires, "2026-09"), csub(x, "2026-09"))
	})
}

func TestRule7_PricePressure(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		x := f.channel()
		t1, t2, t3 := f.territory(), f.territory(), f.territory()
		fires, holds := f.dealer(x, long(), t3, t1), f.dealer(x, long(), t2)
		other := f.dealer(x, long())
		p := f.product(10000)
		f.report(other, t1, p, 9500, day(9, 3))
		f.report(other, t1, p, 9000, day(9, 4))  // exactly 10 % under
		f.report(holds, t2, p, 9001, day(9, 5))  // 9.99 %
		f.report(other, t2, p, 5000, day(6, 30)) // June is closed
		f.every()
		f.want(7, dsub(fires, "2026-09"))
		s := f.signal(7, dk(fires), "2026-09")
		if s.Kpi != "PRICE_GAP" || s.Previous != nil || s.Current != 0.1 || s.Threshold != 0.1 {
			t.Errorf("evidence %s %v %v %v", s.Kpi, s.Previous, s.Current, s.Threshold)
		}
		// A territory's report reaches its dealers.
		f.report(other, t2, p, 8000, day(9, 20))
		f.eval(Scope{Territories: []int{t2.ID}})
		f.want(7, dsub(fires, "2026-09"), dsub(holds, "2026-09"))
	})
}

func TestRule8_NewChannelSurging_ByQuarter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		young, old, fresh := f.channel(), f.channel(), f.channel()
		y := f.dealer(young, day(1, 20)) // 2026-Q1: 2 quarters old in Q3
		o := f.dealer(old, long())
		n := f.dealer(fresh, day(4, 1))
		f.order(y, day(5, 1), 100000, 1)
		f.order(y, day(8, 1), 130000, 1) // exactly 30 %
		f.order(o, day(5, 1), 100000, 1)
		f.order(o, day(8, 1), 104900, 1) // 4.9 %
		f.order(n, day(8, 1), 500000, 1) // no sales in Q2: no growth, not one of the others
		f.every()
		f.want(8, csub(young, "2026-Q3"))
		s := f.signal(8, ck(young), "2026-Q3")
		if s.Kpi != "NET_SALES_GROWTH" || s.Current != 0.3 || s.Threshold != 0.3 {
			t.Errorf("evidence %s %v %v", s.Kpi, s.Current, s.Threshold)
		}
		// The other grows exactly 5 %: no longer calm. A dealer's change
		// brings every channel.
		f.order(o, day(9, 1), 100, 1)
		f.eval(Scope{Dealers: []int{o.ID}})
		f.want(8)
		if got := f.signals(8, "WITHDRAWN"); len(got) != 1 {
			t.Errorf("withdrawn %q", got)
		}
	})
}

func TestRule8_TooOld(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		aged, calm := f.channel(), f.channel()
		a := f.dealer(aged, time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)) // 2025-Q3: 4 quarters old in 2026-Q3
		f.dealer(aged, day(3, 1))
		c := f.dealer(calm, day(3, 1))
		f.order(a, day(5, 1), 100000, 1)
		f.order(a, day(8, 1), 200000, 1)
		f.order(c, day(5, 1), 100000, 1)
		f.order(c, day(8, 1), 100000, 1)
		f.every()
		f.want(8)
	})
}

func TestRule8_NoOtherChannelWithAFigure(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		young, fresh := f.channel(), f.channel()
		y := f.dealer(young, day(3, 1))
		f.dealer(fresh, day(3, 1))
		f.order(y, day(5, 1), 100000, 1)
		f.order(y, day(8, 1), 200000, 1)
		f.every()
		f.want(8)
	})
}

func TestRule9_Conflicts_ANewSignalEachMonth(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		x := f.channel()
		high, two, three := f.dealer(x, long()), f.dealer(x, long()), f.dealer(x, long())
		// HIGH from 10 July, resolved on 5 September: July and August.
		f.conflict(conflictcase.SeverityHIGH, at(7, 10, 9), []*ent.Dealer{high, two}, moved{casestatus.Resolved, at(9, 5, 9)})
		f.conflict(conflictcase.SeverityMEDIUM, at(7, 1, 9), []*ent.Dealer{two})
		// three: one case from July, two from August (one dismissed in
		// September and reopened before its end).
		f.conflict(conflictcase.SeverityLOW, at(7, 1, 9), []*ent.Dealer{three})
		f.conflict(conflictcase.SeverityLOW, at(8, 1, 9), []*ent.Dealer{three})
		f.conflict(conflictcase.SeverityLOW, at(8, 31, 23), []*ent.Dealer{three}, // 23:00 on the last day: open at its end
			moved{casestatus.Investigating, at(9, 1, 9)}, moved{casestatus.Dismissed, at(9, 10, 9)}, moved{casestatus.Open, at(9, 30, 9)})
		f.conflict(conflictcase.SeverityLOW, at(10, 1, 0), []*ent.Dealer{three}) // opened at September's end: not open then
		f.every()
		// two is a party to the HIGH case and has another; three has one
		// case open at July's end, three at August's and September's.
		f.want(9, dsub(high, "2026-07"), dsub(high, "2026-08"), dsub(two, "2026-07"), dsub(two, "2026-08"),
			dsub(three, "2026-08"), dsub(three, "2026-09"))
		s := f.signal(9, dk(three), "2026-08")
		if s.Kpi != "OPEN_CONFLICT_CASES" || s.Current != 3 || s.Threshold != 3 {
			t.Errorf("evidence %s %v %v", s.Kpi, s.Current, s.Threshold)
		}
		s = f.signal(9, dk(high), "2026-07")
		if s.Current != 1 || s.Threshold != 1 {
			t.Errorf("HIGH evidence %v %v", s.Current, s.Threshold)
		}
	})
}

func TestRule10_Satisfaction(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		x, y := f.channel(), f.channel()
		fires, holds := f.dealer(x, long()), f.dealer(y, long())
		f.scores(fires, day(8, 10), 5, 4) // 4.5
		f.scores(fires, day(9, 10), 4)    // down exactly 0.5
		f.scores(fires, day(10, 10), 3)   // and again in the running month
		var aug, sep []int
		for i := range 100 {
			aug = append(aug, 4+i%2)                                   // 4.50
			sep = append(sep, map[bool]int{true: 5, false: 4}[i == 0]) // 4.01
		}
		f.scores(holds, day(8, 10), aug...)
		f.scores(holds, day(9, 10), sep...)
		f.every()
		f.want(10, dsub(fires, "2026-09"), dsub(fires, "2026-10"), csub(x, "2026-09"), csub(x, "2026-10"))
	})
}
