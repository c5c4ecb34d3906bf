package signals

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/appraisal"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/territory"
	"github.com/dealerline/dealerline/period"
)

// Evaluate evaluates the enabled rules over the open periods sc touches
// (as of s.now in the business time zone) and keeps the signals' lifecycle:
// raises what fires and has no signal for its (rule, subject, period),
// raises again a WITHDRAWN one that fires, withdraws an OPEN one that no
// longer does, recording each change's event in the same transaction.
// It runs below privacy.
func (s *Service) Evaluate(ctx context.Context, sc Scope) error {
	sys := access.Bypass(ctx)
	settings, err := s.Settings(sys)
	if err != nil {
		return err
	}
	e := &evaluation{s: s, ctx: sys, today: s.today(), since: sc.Since, cards: map[period.Period]*appraisal.Cards{}}
	if err := e.subjects(sc); err != nil {
		return err
	}
	var active []*Setting
	for _, st := range settings {
		if st.Enabled && (sc.Rules == nil || slices.Contains(sc.Rules, st.Def.Number)) {
			active = append(active, st)
		}
	}
	if err := e.loadCards(active); err != nil {
		return err
	}
	var results []*result
	for _, st := range active {
		rs, err := e.rule(st)
		if err != nil {
			return err
		}
		results = append(results, rs...)
	}
	return s.keep(sys, e, results)
}

// evaluation is one run of Evaluate: its subjects, and the scorecards of
// the periods its rules read, loaded once for every rule.
type evaluation struct {
	s     *Service
	ctx   context.Context
	today time.Time
	since *time.Time

	every bool
	// dealers: the dealers in scope; priced (rule 7) adds the dealers
	// assigned to a territory in scope.
	dealers, priced []int
	channels        []int
	territories     []int
	// allChannels: rule 8 compares every channel with the others.
	allChannels []int
	dealer      map[int]*ent.Dealer // of dealers and priced

	cards map[period.Period]*appraisal.Cards
}

func (e *evaluation) subjects(sc Scope) error {
	c := e.s.client
	var err error
	if e.allChannels, err = c.Channel.Query().IDs(e.ctx); err != nil {
		return err
	}
	q := c.Dealer.Query()
	e.every = sc.Every
	if e.every {
		e.channels = e.allChannels
		if e.territories, err = c.Territory.Query().IDs(e.ctx); err != nil {
			return err
		}
	} else {
		e.territories = sc.Territories
		q = q.Where(dealer.Or(dealer.IDIn(sc.Dealers...), dealer.HasTerritoriesWith(territory.IDIn(sc.Territories...))))
	}
	ds, err := q.Select(dealer.FieldID, dealer.FieldChannelID, dealer.FieldParentID, dealer.FieldOwnerID,
		dealer.FieldPaymentTermsDays, dealer.FieldJoinedOn).All(e.ctx)
	if err != nil {
		return err
	}
	e.dealer = make(map[int]*ent.Dealer, len(ds))
	named := map[int]bool{}
	for _, id := range sc.Dealers {
		named[id] = true
	}
	channels := map[int]bool{}
	for _, id := range sc.Channels {
		channels[id] = true
	}
	for _, d := range ds {
		e.dealer[d.ID] = d
		e.priced = append(e.priced, d.ID)
		if e.every || named[d.ID] {
			e.dealers = append(e.dealers, d.ID)
			channels[d.ChannelID] = true
		}
	}
	if !e.every {
		for id := range channels {
			e.channels = append(e.channels, id)
		}
		slices.Sort(e.channels)
	}
	return nil
}

// reads are the KPIs a rule reads and how many periods back it looks.
var reads = map[int]struct {
	kpi  appraisal.Kpi
	back int
}{
	1: {appraisal.MarketShare, 1}, 2: {appraisal.QuotaCompletion, 2}, 3: {appraisal.DistributionRate, 0},
	4: {appraisal.ChannelCostRatio, 1}, 5: {appraisal.PaymentPeriodDays, 0}, 6: {appraisal.DaysOfInventory, 0},
	8: {appraisal.NetSales, 1}, 10: {appraisal.Satisfaction, 1},
}

// loadCards computes, per period any active rule reads, the scorecards of
// the subjects in scope with the KPIs those rules need: over every dealer,
// one batch of grouped queries per period; for a few subjects, a batch per
// kind of subject, so that a dealer's rule does not pool its channel.
func (e *evaluation) loadCards(active []*Setting) error {
	type need struct{ dealers, channels, territories []appraisal.Kpi }
	want := map[period.Period]*need{}
	var ps []period.Period
	add := func(to *[]appraisal.Kpi, k appraisal.Kpi) {
		if !slices.Contains(*to, k) {
			*to = append(*to, k)
		}
	}
	for _, st := range active {
		r, ok := reads[st.Def.Number]
		if !ok {
			continue
		}
		for _, p := range e.periods(st.Def) {
			for i := 0; i <= r.back; i++ {
				q := back(p, i)
				n := want[q]
				if n == nil {
					n = &need{}
					want[q] = n
					ps = append(ps, q)
				}
				for _, k := range st.Def.Subjects {
					switch k {
					case DealerSubject:
						add(&n.dealers, r.kpi)
					case ChannelSubject:
						add(&n.channels, r.kpi)
					case TerritorySubject:
						add(&n.territories, r.kpi)
					}
				}
			}
		}
	}
	for _, p := range ps {
		n := want[p]
		if e.every {
			all := slices.Concat(n.dealers, n.channels, n.territories)
			cs, err := e.s.appraisal.Cards(e.ctx, appraisal.Batch{Every: true}, p, all...)
			if err != nil {
				return err
			}
			e.cards[p] = cs
			continue
		}
		channels := e.channels
		if p.Kind() == period.Quarter {
			channels = e.allChannels
		}
		got := &appraisal.Cards{}
		for _, b := range []struct {
			batch appraisal.Batch
			kpis  []appraisal.Kpi
		}{
			{appraisal.Batch{Dealers: e.dealers}, n.dealers},
			{appraisal.Batch{Channels: channels}, n.channels},
			{appraisal.Batch{Territories: e.territories}, n.territories},
		} {
			if len(b.kpis) == 0 {
				continue
			}
			cs, err := e.s.appraisal.Cards(e.ctx, b.batch, p, b.kpis...)
			if err != nil {
				return err
			}
			if len(cs.Dealers) > 0 {
				got.Dealers = cs.Dealers
			}
			if len(cs.Channels) > 0 {
				got.Channels = cs.Channels
			}
			if len(cs.Territories) > 0 {
				got.Territories = cs.Territories
			}
		}
		e.cards[p] = got
	}
	return nil
}

// periods are the open periods rule d evaluates in this run; rule 8
// compares channels with each other, so any channel in scope brings it.
func (e *evaluation) periods(d *Def) []period.Period {
	if d.Number == 8 && len(e.channels) == 0 {
		return nil
	}
	return openPeriods(d, e.today, e.since)
}

// result is one rule's verdict on one subject in one period: fires with
// its evidence, or does not and why (the reason a signal is withdrawn).
type result struct {
	rule    int
	kind    SubjectKind
	id      int
	period  period.Period
	fires   bool
	ev      Evidence
	because string
}

func (r *result) subject() string { return subjectKey(r.kind, r.id) }

func subjectKey(k SubjectKind, id int) string {
	switch k {
	case DealerSubject:
		return "dealer:" + strconv.Itoa(id)
	case ChannelSubject:
		return "channel:" + strconv.Itoa(id)
	}
	return "territory:" + strconv.Itoa(id)
}

// value is a KPI of a subject's scorecard in p, nil without data.
func (e *evaluation) value(k SubjectKind, id int, p period.Period, kpi appraisal.Kpi) *float64 {
	cs := e.cards[p]
	if cs == nil {
		return nil
	}
	var c *appraisal.Scorecard
	switch k {
	case DealerSubject:
		c = cs.Dealers[id]
	case ChannelSubject:
		c = cs.Channels[id]
	default:
		c = cs.Territories[id]
	}
	if c == nil {
		return nil
	}
	return c.Value(kpi)
}

// Comparisons are exact in integers at the measure's precision: ratios in
// basis points, days and scores in hundredths.
func bp(v float64) int64   { return int64(math.Round(v * 10000)) }
func hund(v float64) int64 { return int64(math.Round(v * 100)) }

func ratioText(n int64) string { return strconv.FormatFloat(float64(n)/10000, 'f', 4, 64) }
func hundText(n int64) string  { return strconv.FormatFloat(float64(n)/100, 'f', 2, 64) }
func fl(n int64, scale float64) *float64 {
	v := float64(n) / scale
	return &v
}

// kpiNames are the evidence's KPI names of the rules.
var kpiNames = map[int]string{
	1: "MARKET_SHARE", 2: "QUOTA_COMPLETION", 3: "DISTRIBUTION_RATE", 4: "CHANNEL_COST_RATIO",
	5: "PAYMENT_PERIOD_DAYS", 6: "DAYS_OF_INVENTORY", 7: "PRICE_GAP", 8: "NET_SALES_GROWTH",
	9: "OPEN_CONFLICT_CASES", 10: "SATISFACTION",
}

// rule evaluates one rule over its subjects in scope and open periods.
func (e *evaluation) rule(st *Setting) ([]*result, error) {
	d, th := st.Def, st.Values
	ps := e.periods(d)
	if len(ps) == 0 {
		return nil, nil
	}
	switch d.Number {
	case 7:
		return e.pricePressure(ps, th["discount"])
	case 8:
		return e.surging(ps, th)
	case 9:
		return e.conflicts(ps, th["cases"])
	}
	var out []*result
	each := func(k SubjectKind, ids []int) {
		for _, id := range ids {
			for _, p := range ps {
				r := &result{rule: d.Number, kind: k, id: id, period: p, ev: Evidence{Kpi: kpiNames[d.Number]}}
				e.judge(r, th)
				out = append(out, r)
			}
		}
	}
	for _, k := range d.Subjects {
		switch k {
		case DealerSubject:
			each(k, e.dealers)
		case ChannelSubject:
			each(k, e.channels)
		case TerritorySubject:
			each(k, e.territories)
		}
	}
	return out, nil
}

// judge decides a rule read from scorecards (1–6, 10) for r's subject and
// period.
func (e *evaluation) judge(r *result, th map[string]int64) {
	p := r.period
	val := func(q period.Period) *float64 { return e.value(r.kind, r.id, q, reads[r.rule].kpi) }
	missing := func(what string, qs ...period.Period) {
		names := make([]string, len(qs))
		for i, q := range qs {
			names[i] = q.String()
		}
		r.because = fmt.Sprintf("no %s for %s any more", what, strings.Join(names, " or "))
	}
	// drop fires when prev − cur ≥ limit (basis points or hundredths).
	drop := func(what string, scale float64, round func(float64) int64, text func(int64) string, limit int64, up bool) {
		cur, prev := val(p), val(p.Previous())
		if cur == nil || prev == nil {
			missing(what, p.Previous(), p)
			return
		}
		c, v := round(*cur), round(*prev)
		diff := v - c
		dir := "down"
		if up {
			diff, dir = c-v, "up"
		}
		r.ev.Previous, r.ev.Current, r.ev.Threshold = fl(v, scale), *fl(c, scale), *fl(limit, scale)
		r.fires = diff >= limit
		r.because = fmt.Sprintf("%s from %s to %s is no longer %s ≥ %s", what, text(v), text(c), dir, text(limit))
	}
	switch r.rule {
	case 1:
		drop("market share", 10000, bp, ratioText, th["drop"], false)
	case 2:
		c0, c1, c2 := val(p), val(p.Previous()), val(back(p, 2))
		if c0 == nil || c1 == nil || c2 == nil {
			missing("quota completion", back(p, 2), p.Previous(), p)
			return
		}
		a, b, c := bp(*c0), bp(*c1), bp(*c2)
		r.ev.Previous, r.ev.Current, r.ev.Threshold = fl(b, 10000), *fl(a, 10000), *fl(c, 10000)
		r.fires = a < b && b < c
		r.because = fmt.Sprintf("quota completion %s, %s, %s is no longer falling", ratioText(c), ratioText(b), ratioText(a))
	case 3:
		v := val(p)
		if v == nil {
			missing("distribution rate", p)
			return
		}
		n, limit := bp(*v), th["rate"]
		r.ev.Current, r.ev.Threshold = *fl(n, 10000), *fl(limit, 10000)
		r.fires = n < limit
		r.because = fmt.Sprintf("distribution rate %s is no longer < %s", ratioText(n), ratioText(limit))
	case 4:
		drop("channel cost ratio", 10000, bp, ratioText, th["rise"], true)
	case 5:
		v := val(p)
		d := e.dealer[r.id]
		if v == nil || d == nil {
			missing("payment period", p)
			return
		}
		n, limit := hund(*v), int64(d.PaymentTermsDays+int(th["graceDays"]))*100
		r.ev.Current, r.ev.Threshold = *fl(n, 100), *fl(limit, 100)
		r.fires = n > limit
		r.because = fmt.Sprintf("payment period %s days is no longer > %s (payment terms + %d days)", hundText(n), hundText(limit), th["graceDays"])
	case 6:
		v := val(p)
		if v == nil {
			missing("days of inventory", p)
			return
		}
		n, limit := hund(*v), th["days"]*100
		r.ev.Current, r.ev.Threshold = *fl(n, 100), *fl(limit, 100)
		r.fires = n > limit
		r.because = fmt.Sprintf("days of inventory %s is no longer > %s", hundText(n), hundText(limit))
	case 10:
		drop("satisfaction", 100, hund, hundText, th["drop"], false)
	}
}

// surging is rule 8 over every channel in quarter(s) ps: a young channel
// growing net sales ≥ growth while each other channel with a growth figure
// grows < othersGrowth.
func (e *evaluation) surging(ps []period.Period, th map[string]int64) ([]*result, error) {
	ds, err := e.allDealersJoined()
	if err != nil {
		return nil, err
	}
	first := map[int]period.Period{}
	for _, d := range ds {
		q := period.Of(period.Quarter, d.JoinedOn)
		if f, ok := first[d.ChannelID]; !ok || q.Compare(f) < 0 {
			first[d.ChannelID] = q
		}
	}
	var out []*result
	for _, p := range ps {
		growth := map[int]int64{}
		for _, id := range e.allChannels {
			cur, prev := e.sales(id, p), e.sales(id, p.Previous())
			if prev > 0 {
				growth[id] = int64(math.Round(float64(cur-prev) / float64(prev) * 10000))
			}
		}
		for _, id := range e.allChannels {
			r := &result{rule: 8, kind: ChannelSubject, id: id, period: p, ev: Evidence{Kpi: kpiNames[8]}}
			out = append(out, r)
			g, ok := growth[id]
			if !ok {
				r.because = fmt.Sprintf("no net sales in %s to grow from any more", p.Previous())
				continue
			}
			r.ev.Current, r.ev.Threshold = *fl(g, 10000), *fl(th["growth"], 10000)
			f, joined := first[id]
			age := quarterIndex(p) - quarterIndex(f)
			if !joined || age >= int(th["ageQuarters"]) {
				r.because = fmt.Sprintf("the channel is no longer younger than %d quarters", th["ageQuarters"])
				continue
			}
			if g < th["growth"] {
				r.because = fmt.Sprintf("net sales growth %s is no longer ≥ %s", ratioText(g), ratioText(th["growth"]))
				continue
			}
			others, calm := 0, true
			for o, og := range growth {
				if o != id {
					others++
					calm = calm && og < th["othersGrowth"]
				}
			}
			switch {
			case others == 0:
				r.because = "no other channel has a growth figure any more"
			case !calm:
				r.because = fmt.Sprintf("another channel now grows ≥ %s", ratioText(th["othersGrowth"]))
			default:
				r.fires = true
			}
		}
	}
	return out, nil
}

func (e *evaluation) sales(channelID int, p period.Period) int64 {
	if cs := e.cards[p]; cs != nil {
		if c := cs.Channels[channelID]; c != nil && c.NetSales != nil {
			return *c.NetSales
		}
	}
	return 0
}
