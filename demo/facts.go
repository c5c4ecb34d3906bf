package demo

import (
	"context"
	"math"
	"time"

	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/interaction"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/ent/product"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/quotas"
)

// The appraisal facts of the demo (DESIGN §6), over the twelve months
// before this one and this month so far. Every amount and date follows
// from the dealer's, channel's or territory's place in its table and the
// month, never from the random source, so they are the same on every run.
// Each KPI is null somewhere, on purpose:
const (
	// NoStockCounts is the dealer that never reports inventory: a key
	// account buying for its own building sites holds no stock for resale.
	NoStockCounts = "D-KA-01"
	// NoScores is the dealer without satisfaction scores: the survey firm
	// does not call the customers of a suspended dealer.
	NoScores = "D-KA-03"
	// CostFreeChannel went without costs CostFreeMonthsAgo months ago: its
	// campaign was moved to the month after.
	CostFreeChannel   = "ECOM"
	CostFreeMonthsAgo = 4
)

// The facts placed for the channel-change signals (DESIGN §6) in the
// periods a daily run evaluates, whenever the demo is loaded: the running
// month and the months before it. README lists what they raise.
const (
	// LowDistribution's outlets carry 13 of 37 (0.35) in last month's
	// survey: rule 3.
	LowDistribution = "D-WH-01"
	// AtTheLine's outlets carry 8 of 20, exactly 0.40, in last month's
	// survey: rule 3 does not fire ("< 0.40").
	AtTheLine = "D-XA-01"
	// LatePayer is on probation and pays weeks late, where other late
	// payers are days late: its invoices paid off last month (and in
	// most months) took more than its 30 days' terms and 15 days' grace
	// (rule 5).
	LatePayer = "D-HB-01"
	// TradeFairChannel paid for a trade fair last month: its cost ratio
	// rises well over 3 points (rule 4).
	TradeFairChannel = "RETAIL"
	TradeFairCost    = 80_000_00 // minor units
)

// factMonths are the months the facts cover, oldest first.
func (l *loader) factMonths() []period.Period {
	this := period.MonthOf(l.today)
	var out []period.Period
	for m := period.MonthOf(l.today.AddDate(0, -12, 0)); m.Compare(this) <= 0; m = m.Next() {
		out = append(out, m)
	}
	return out
}

// onDay is the day of month m, moved back to today in this month: facts
// are dated once they happened.
func (l *loader) onDay(m period.Period, day int) time.Time {
	d := m.Start().AddDate(0, 0, day-1)
	if d.After(l.today) {
		return l.today
	}
	return d
}

func (l *loader) loadFacts(ctx context.Context) error {
	for _, step := range []func(context.Context) error{
		l.loadStockCounts, l.loadSurveys, l.loadScores, l.loadChannelCosts, l.loadMarketShares,
	} {
		if err := step(ctx); err != nil {
			return err
		}
	}
	return nil
}

// recorder is who records a dealer's own facts: its first dealer user, or
// else the manager of its channel on its behalf.
func (l *loader) recorder(s dealerSpec) (id int, name string) {
	for _, u := range dealerUsers {
		if u.dealer == s.code {
			return l.userIDs[u.email], u.name
		}
	}
	return l.manager(s.channel)
}

// manager is the manager of a channel, who records its dealers' surveys
// and scores.
func (l *loader) manager(channel string) (id int, name string) {
	for _, c := range channels {
		if c.code == channel {
			for _, u := range staff {
				if u.email == c.manager {
					return l.userIDs[u.email], u.name
				}
			}
		}
	}
	return l.admin()
}

func (l *loader) admin() (id int, name string) {
	return l.userIDs[staff[0].email], staff[0].name
}

// loadStockCounts: every dealer but NoStockCounts counts five of the
// active products on the 25th of each month; about one line in six is
// out of stock. A dealer holds what it sells in 18 to 40 days (the cost
// of the month's goods sold, or of an average month when it sold
// nothing), under the 60 that raise the inventory signal.
func (l *loader) loadStockCounts(ctx context.Context) error {
	ps, err := l.c.Product.Query().Where(product.Active(true)).Order(ent.Asc(product.FieldSku)).All(ctx)
	if err != nil {
		return err
	}
	months := l.factMonths()
	cogs := make([]map[int]quotas.Sales, len(months))
	usual := map[int]int64{} // a dealer's cost of goods in an average month
	for j, m := range months {
		if cogs[j], err = quotas.SalesOf(ctx, l.c, l.loc, order.IDGT(0), m); err != nil {
			return err
		}
		for id, v := range cogs[j] {
			usual[id] += v.CostOfGoods / int64(len(months))
		}
	}
	var reports []*ent.InventoryReportCreate
	type line struct{ product, stock int }
	var lines [][]line
	for i, s := range dealers {
		if s.code == NoStockCounts {
			continue
		}
		by, name := l.recorder(s)
		id := l.dealerIDs[s.code]
		for j, m := range months {
			reports = append(reports, l.c.InventoryReport.Create().
				SetDealerID(id).
				SetReportedOn(l.onDay(m, 25)).
				SetRecordedByID(by).
				SetRecordedByName(name))
			var ls []line
			var value int64 // of the lines as drawn
			for k := range 5 {
				p := (i*3 + k*7 + j) % len(ps)
				stock := 4 + (i*11+j*5+k*13)%60
				if (i+j+k)%6 == 0 {
					stock = 0
				}
				ls = append(ls, line{p, stock})
				value += int64(stock) * ps[p].UnitCost
			}
			sold := cogs[j][id].CostOfGoods
			if sold == 0 {
				sold = usual[id]
			}
			days := int64(18 + (i*7+j*3)%23)
			target := sold * days / int64(m.Days())
			for k := range ls {
				if value > 0 {
					// Rounded down: never over the target.
					ls[k].stock = int(int64(ls[k].stock) * target / value)
				}
			}
			lines = append(lines, ls)
		}
	}
	saved, err := bulk(ctx, reports, l.c.InventoryReport.CreateBulk)
	if err != nil {
		return err
	}
	var creates []*ent.InventoryLineCreate
	for i, r := range saved {
		for _, ln := range lines[i] {
			p := ps[ln.product]
			creates = append(creates, l.c.InventoryLine.Create().
				SetReportID(r.ID).SetDealerID(r.DealerID).SetProductID(p.ID).SetSku(p.Sku).SetProductName(p.Name).
				SetStock(ln.stock).SetUnitCost(p.UnitCost))
		}
	}
	_, err = bulk(ctx, creates, l.c.InventoryLine.CreateBulk)
	return err
}

// loadSurveys: the channel's manager surveys a dealer's outlets in two
// months of three, on the day of a visit that month when there was one
// (and linked to it), else on the 12th. Dealers' outlets carry 45 % and
// more, but LowDistribution's last month sits under the 40 % that raises
// the low-distribution signal and AtTheLine's on it.
func (l *loader) loadSurveys(ctx context.Context) error {
	visits, err := l.c.Interaction.Query().Where(interaction.KindEQ(interaction.KindVISIT)).
		Order(ent.Asc(interaction.FieldOccurredAt), ent.Asc(interaction.FieldID)).All(ctx)
	if err != nil {
		return err
	}
	visitOf := map[[2]int]*ent.Interaction{} // dealer, month start → the month's first visit
	for _, v := range visits {
		key := [2]int{v.DealerID, int(period.MonthOf(accounts.BusinessDate(v.OccurredAt, l.loc)).Start().Unix())}
		if visitOf[key] == nil {
			visitOf[key] = v
		}
	}
	var creates []*ent.DistributionSurveyCreate
	months := l.factMonths()
	for i, s := range dealers {
		by, name := l.manager(s.channel)
		id := l.dealerIDs[s.code]
		for j, m := range months {
			if (i+j)%3 == 0 {
				continue
			}
			visited := 10 + (i*7+j*3)%31
			carrying := visited * (45 + (i*13+j*7)%50) / 100 // 45 % and more
			switch {
			case s.code == AtTheLine && j == len(months)-2:
				visited, carrying = 20, 8
			case s.code == LowDistribution && j == len(months)-2:
				visited, carrying = 37, 13
			}
			c := l.c.DistributionSurvey.Create().
				SetDealerID(id).
				SetOutletsVisited(visited).
				SetOutletsCarrying(carrying).
				SetRecordedByID(by).
				SetRecordedByName(name)
			if v := visitOf[[2]int{id, int(m.Start().Unix())}]; v != nil && !accounts.BusinessDate(v.OccurredAt, l.loc).After(l.today) {
				c.SetSurveyedOn(accounts.BusinessDate(v.OccurredAt, l.loc)).SetInteractionID(v.ID).SetNote("Counted on the visit.")
			} else {
				c.SetSurveyedOn(l.onDay(m, 12))
			}
			creates = append(creates, c)
		}
	}
	_, err = bulk(ctx, creates, l.c.DistributionSurvey.CreateBulk)
	return err
}

// loadScores: one to three customer scores a month for every dealer but
// NoScores; South Traders' customers grow less happy over the year.
func (l *loader) loadScores(ctx context.Context) error {
	var creates []*ent.SatisfactionScoreCreate
	months := l.factMonths()
	for i, s := range dealers {
		if s.code == NoScores {
			continue
		}
		by, name := l.manager(s.channel)
		for j, m := range months {
			for k := range 1 + (i+j)%3 {
				// Steady from month to month: a dealer's own level, the
				// third score of a month one better; the mean moves by
				// a third at most.
				score := 3 + (i*5)%3
				if k == 2 && score < 5 {
					score++
				}
				if s.code == SouthTraders {
					score = max(1, 5-(j*4)/len(months)-k%2)
				}
				creates = append(creates, l.c.SatisfactionScore.Create().
					SetDealerID(l.dealerIDs[s.code]).
					SetScoredOn(l.onDay(m, 8+k*7)).
					SetScore(score).
					SetRecordedByID(by).
					SetRecordedByName(name))
			}
		}
	}
	_, err := bulk(ctx, creates, l.c.SatisfactionScore.CreateBulk)
	return err
}

// loadChannelCosts: every channel pays for marketing each month (on the
// 5th) and for one dealer's training (on the 18th), in step with its
// sales, except
// CostFreeChannel CostFreeMonthsAgo months ago; TradeFairChannel also pays
// for a trade fair last month (on the 20th).
func (l *loader) loadChannelCosts(ctx context.Context) error {
	by, name := l.admin()
	months := l.factMonths()
	skip := months[len(months)-1-CostFreeMonthsAgo]
	sales := make([]map[int]quotas.Sales, len(months))
	for j, m := range months {
		var err error
		if sales[j], err = quotas.SalesOf(ctx, l.c, l.loc, order.IDGT(0), m); err != nil {
			return err
		}
	}
	var creates []*ent.ChannelCostCreate
	for i, ch := range channels {
		var members []dealerSpec
		for _, d := range dealers {
			if d.channel == ch.code {
				members = append(members, d)
			}
		}
		for j, m := range months {
			if ch.code == CostFreeChannel && m == skip {
				continue
			}
			cost := func(day int, category string, amount int64) *ent.ChannelCostCreate {
				return l.c.ChannelCost.Create().
					SetChannelID(l.channelIDs[ch.code]).
					SetIncurredOn(l.onDay(m, day)).
					SetCategory(category).
					SetAmount(amount).
					SetRecordedByID(by).
					SetRecordedByName(name)
			}
			// In step with what the channel sells: marketing 3 % to 3.9 %
			// and training 0.5 % to 0.9 % of the month's net sales, so
			// that its cost ratio moves by less than 3 points.
			sold := int64(0)
			for _, d := range members {
				sold += sales[j][l.dealerIDs[d.code]].Net
			}
			hundred := func(v int64) int64 { return max((v+5_000)/10_000*10_000, 100_00) }
			creates = append(creates, cost(5, "Marketing", hundred(sold*int64(30+(i*4+j*3)%10)/1000)))
			d := members[(j*5+i)%len(members)]
			creates = append(creates, cost(18, "Training", hundred(sold*int64(5+(i+j)%5)/1000)).
				SetDealerID(l.dealerIDs[d.code]).
				SetNote("Product training for "+d.name+"."))
			if ch.code == TradeFairChannel && j == len(months)-2 {
				creates = append(creates, cost(20, "Trade fair", TradeFairCost).
					SetNote("Stand at the national hardware fair."))
			}
		}
	}
	_, err := bulk(ctx, creates, l.c.ChannelCost.CreateBulk)
	return err
}

// loadMarketShares: a share for every territory every month, drifting
// around the territory's own level; the Pearl River Delta loses ground
// over the last months (the market-share signal drops ≥ 2 points).
func (l *loader) loadMarketShares(ctx context.Context) error {
	var creates []*ent.MarketShareCreate
	months := l.factMonths()
	for i, t := range territories {
		base := 0.12 + float64(i%4)*0.05
		for j, m := range months {
			// Drifting by less than a point a month.
			share := base + float64((i*7+j*3)%9-4)*0.002
			if t.code == "SC-PRD" && j >= len(months)-4 {
				share = prdDecline[j-len(months)+4]
			}
			creates = append(creates, l.c.MarketShare.Create().
				SetTerritoryID(l.territoryIDs[t.code]).
				SetMonth(m).
				SetShare(math.Round(share*1000)/1000))
		}
	}
	_, err := bulk(ctx, creates, l.c.MarketShare.CreateBulk)
	return err
}

// prdDecline are the Pearl River Delta's shares over the last four months:
// a slide of under 2 points a month, then a fall of almost 5 in the
// running month (the market-share signal, that month only).
var prdDecline = [4]float64{0.112, 0.099, 0.082, 0.033}

// saver is a generated bulk create.
type saver[R any] interface {
	Save(context.Context) ([]R, error)
}

// bulk saves creates in statements of at most 500 rows, returning the
// rows in order.
func bulk[C any, B saver[R], R any](ctx context.Context, creates []C, builder func(...C) B) ([]R, error) {
	var out []R
	for len(creates) > 0 {
		n := min(len(creates), 500)
		saved, err := builder(creates[:n]...).Save(ctx)
		if err != nil {
			return nil, err
		}
		out = append(out, saved...)
		creates = creates[n:]
	}
	return out, nil
}
