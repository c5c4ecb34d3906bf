// Package appraisal computes DESIGN §6's KPIs: a scorecard of a dealer, a
// channel (its dealers' facts pooled) or a territory (the dealers assigned
// to it pooled) over a calendar period in the business time zone, channels
// ranked side by side, trends, and CSV exports. The subject is loaded
// through the viewer's privacy; the facts are then summed below it, in a
// few grouped queries per period whatever the number of dealers.
package appraisal

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/money"
	"github.com/dealerline/dealerline/period"
)

// Kpi names one KPI of a scorecard.
type Kpi string

const (
	NetSales                   Kpi = "NET_SALES"
	Quota                      Kpi = "QUOTA"
	CostOfGoodsSold            Kpi = "COST_OF_GOODS_SOLD"
	OverdueAmount              Kpi = "OVERDUE_AMOUNT"
	QuotaCompletion            Kpi = "QUOTA_COMPLETION"
	DistributionRate           Kpi = "DISTRIBUTION_RATE"
	DeliveryTimeMeanDays       Kpi = "DELIVERY_TIME_MEAN_DAYS"
	DeliveryTimeP90Days        Kpi = "DELIVERY_TIME_P90_DAYS"
	AverageInventory           Kpi = "AVERAGE_INVENTORY"
	DaysOfInventory            Kpi = "DAYS_OF_INVENTORY"
	PaymentPeriodDays          Kpi = "PAYMENT_PERIOD_DAYS"
	OutOfStockRate             Kpi = "OUT_OF_STOCK_RATE"
	GrossMargin                Kpi = "GROSS_MARGIN"
	ServiceResponseMedianHours Kpi = "SERVICE_RESPONSE_MEDIAN_HOURS"
	Satisfaction               Kpi = "SATISFACTION"
	ChannelCostRatio           Kpi = "CHANNEL_COST_RATIO"
	MarketShare                Kpi = "MARKET_SHARE"
)

// Kpis are every KPI, in the order of the schema's enum (and of explain).
var Kpis = []Kpi{
	NetSales, Quota, CostOfGoodsSold, OverdueAmount, QuotaCompletion, DistributionRate,
	DeliveryTimeMeanDays, DeliveryTimeP90Days, AverageInventory, DaysOfInventory, PaymentPeriodDays,
	OutOfStockRate, GrossMargin, ServiceResponseMedianHours, Satisfaction, ChannelCostRatio, MarketShare,
}

// lowerIsBetter are the KPIs where less ranks first (the schema's
// channelComparison doc); more is better for the others.
var lowerIsBetter = map[Kpi]bool{
	DeliveryTimeMeanDays: true, DeliveryTimeP90Days: true, PaymentPeriodDays: true, DaysOfInventory: true,
	OutOfStockRate: true, ServiceResponseMedianHours: true, OverdueAmount: true, ChannelCostRatio: true,
}

// money KPIs are amounts in minor units on the scorecard.
var moneyKpi = map[Kpi]bool{NetSales: true, Quota: true, CostOfGoodsSold: true, OverdueAmount: true}

func (k Kpi) valid() bool {
	for _, x := range Kpis {
		if x == k {
			return true
		}
	}
	return false
}

func (k Kpi) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(string(k))) }

func (k *Kpi) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok || !Kpi(s).valid() {
		return fmt.Errorf("%v is not a KPI", v)
	}
	*k = Kpi(s)
	return nil
}

// Explanation is one KPI with what it was computed from: value =
// numerator ÷ denominator for ratios and means (money in currency units);
// for a median or percentile the value picked and the count it was picked
// from; for an amount the amount alone.
type Explanation struct {
	Kpi         Kpi
	Numerator   *float64
	Denominator *float64
	Value       *float64
}

// Scorecard is the KPIs of one subject over one period; nil where DESIGN
// §6 says there is no data. Money is in minor units.
type Scorecard struct {
	Period    period.Period
	Dealer    *ent.Dealer
	Channel   *ent.Channel
	Territory *ent.Territory

	NetSales        *int64
	Quota           *int64
	CostOfGoodsSold *int64
	OverdueAmount   *int64

	QuotaCompletion            *float64
	DistributionRate           *float64
	DeliveryTimeMeanDays       *float64
	DeliveryTimeP90Days        *float64
	AverageInventory           *float64
	DaysOfInventory            *float64
	PaymentPeriodDays          *float64
	OutOfStockRate             *float64
	GrossMargin                *float64
	ServiceResponseMedianHours *float64
	Satisfaction               *float64
	ChannelCostRatio           *float64
	MarketShare                *float64

	Explain []*Explanation
}

// Value is the scorecard's value of k (money in currency units).
func (s *Scorecard) Value(k Kpi) *float64 {
	for _, e := range s.Explain {
		if e.Kpi == k {
			return e.Value
		}
	}
	return nil
}

// Rank is a KPI's place among the channels compared.
type Rank struct {
	Kpi  Kpi
	Rank *int
}

// ChannelScorecard is a channel's scorecard in a comparison, ranked.
type ChannelScorecard struct {
	Channel   *ent.Channel
	Scorecard *Scorecard
	Ranks     []*Rank
}

// TrendPoint is one period of a trend.
type TrendPoint struct {
	Period period.Period
	Value  *float64
}

// figures are the sums one dealer's facts add up to in a period, in the
// form they pool in: a channel's KPIs are ratios of its dealers' sums.
type figures struct {
	sales, cogs, quota, overdue int64
	// The latest survey dated in the period, if any.
	surveyed          bool
	visited, carrying int64
	// Days from CONFIRMED to DELIVERED of each order delivered.
	deliveries []float64
	// Reports dated in the period, Σ stock × unit cost over their lines,
	// their lines and those with zero stock.
	reports, stockValue, lines, zeroLines int64
	// Invoices paid off, and Σ business days from issue to paid off.
	paidOff, paidDays int64
	// Hours from opened to first response of each ticket answered.
	responses []float64
	// Satisfaction scores and their sum.
	scores, scoreSum int64
}

// costs are the channel costs that go with a subject.
type costs struct {
	records int64
	amount  int64
}

// pooled is the sums of a subject: one dealer's, or its dealers' added.
type pooled struct {
	figures
	// Σ of each dealer's mean inventory value (minor units), and how many
	// dealers reported.
	inventory float64
	reporting int
}

func pool(fs []*figures) *pooled {
	p := &pooled{}
	var ck money.Checked
	for _, f := range fs {
		ck.Add(&p.sales, f.sales)
		ck.Add(&p.cogs, f.cogs)
		ck.Add(&p.quota, f.quota)
		ck.Add(&p.overdue, f.overdue)
		if f.surveyed {
			p.surveyed = true
			p.visited += f.visited
			p.carrying += f.carrying
		}
		p.deliveries = append(p.deliveries, f.deliveries...)
		if f.reports > 0 {
			p.inventory += float64(f.stockValue) / float64(f.reports)
			p.reporting++
		}
		p.reports += f.reports
		p.lines += f.lines
		p.zeroLines += f.zeroLines
		p.paidOff += f.paidOff
		p.paidDays += f.paidDays
		p.responses = append(p.responses, f.responses...)
		p.scores += f.scores
		p.scoreSum += f.scoreSum
	}
	return p
}

func fptr(v float64) *float64 { return &v }

// ratio is n ÷ d, nil when d is 0.
func ratio(n, d float64) *float64 {
	if d == 0 {
		return nil
	}
	return fptr(n / d)
}

func units(minor int64) float64 { return float64(minor) / money.Scale }

// nearestRank is the nearest-rank q-th percentile of sorted values: the
// ⌈q·n⌉-th value.
func nearestRank(sorted []float64, q float64) float64 {
	r := int(math.Ceil(q * float64(len(sorted))))
	return sorted[max(r, 1)-1]
}

// card turns a subject's pooled sums into its scorecard. cost is nil when
// the viewer may not read channel costs (dealer users); share is the
// territory's market share sum and months, nil for other subjects.
func card(p period.Period, f *pooled, cost *costs, share *[2]float64, multiDealer bool) *Scorecard {
	s := &Scorecard{Period: p}
	ex := func(k Kpi, n, d, v *float64) {
		s.Explain = append(s.Explain, &Explanation{Kpi: k, Numerator: n, Denominator: d, Value: v})
	}
	amount := func(k Kpi, minor int64) *int64 {
		ex(k, fptr(units(minor)), nil, fptr(units(minor)))
		return &minor
	}
	s.NetSales = amount(NetSales, f.sales)
	s.Quota = amount(Quota, f.quota)
	s.CostOfGoodsSold = amount(CostOfGoodsSold, f.cogs)
	s.OverdueAmount = amount(OverdueAmount, f.overdue)

	s.QuotaCompletion = ratio(float64(f.sales), float64(f.quota))
	ex(QuotaCompletion, fptr(units(f.sales)), fptr(units(f.quota)), s.QuotaCompletion)

	if f.surveyed {
		s.DistributionRate = ratio(float64(f.carrying), float64(f.visited))
		ex(DistributionRate, fptr(float64(f.carrying)), fptr(float64(f.visited)), s.DistributionRate)
	} else {
		ex(DistributionRate, nil, nil, nil)
	}

	if n := len(f.deliveries); n > 0 {
		sort.Float64s(f.deliveries)
		var sum float64
		for _, d := range f.deliveries {
			sum += d
		}
		s.DeliveryTimeMeanDays = fptr(sum / float64(n))
		s.DeliveryTimeP90Days = fptr(nearestRank(f.deliveries, 0.9))
		ex(DeliveryTimeMeanDays, fptr(sum), fptr(float64(n)), s.DeliveryTimeMeanDays)
		ex(DeliveryTimeP90Days, s.DeliveryTimeP90Days, fptr(float64(n)), s.DeliveryTimeP90Days)
	} else {
		ex(DeliveryTimeMeanDays, nil, fptr(0), nil)
		ex(DeliveryTimeP90Days, nil, fptr(0), nil)
	}

	// A dealer's average is Σ report values ÷ reports; a pool's the sum
	// of its dealers' averages, an amount.
	if f.reporting > 0 {
		s.AverageInventory = fptr(f.inventory / money.Scale)
		if multiDealer {
			ex(AverageInventory, s.AverageInventory, nil, s.AverageInventory)
		} else {
			ex(AverageInventory, fptr(units(f.stockValue)), fptr(float64(f.reports)), s.AverageInventory)
		}
		daily := units(f.cogs) / float64(p.Days())
		s.DaysOfInventory = ratio(*s.AverageInventory, daily)
		ex(DaysOfInventory, s.AverageInventory, fptr(daily), s.DaysOfInventory)
	} else {
		ex(AverageInventory, nil, fptr(0), nil)
		ex(DaysOfInventory, nil, fptr(units(f.cogs)/float64(p.Days())), nil)
	}

	s.PaymentPeriodDays = ratio(float64(f.paidDays), float64(f.paidOff))
	ex(PaymentPeriodDays, fptr(float64(f.paidDays)), fptr(float64(f.paidOff)), s.PaymentPeriodDays)

	s.OutOfStockRate = ratio(float64(f.zeroLines), float64(f.lines))
	ex(OutOfStockRate, fptr(float64(f.zeroLines)), fptr(float64(f.lines)), s.OutOfStockRate)

	s.GrossMargin = ratio(float64(f.sales-f.cogs), float64(f.sales))
	ex(GrossMargin, fptr(units(f.sales-f.cogs)), fptr(units(f.sales)), s.GrossMargin)

	if n := len(f.responses); n > 0 {
		sort.Float64s(f.responses)
		s.ServiceResponseMedianHours = fptr(nearestRank(f.responses, 0.5))
		ex(ServiceResponseMedianHours, s.ServiceResponseMedianHours, fptr(float64(n)), s.ServiceResponseMedianHours)
	} else {
		ex(ServiceResponseMedianHours, nil, fptr(0), nil)
	}

	s.Satisfaction = ratio(float64(f.scoreSum), float64(f.scores))
	ex(Satisfaction, fptr(float64(f.scoreSum)), fptr(float64(f.scores)), s.Satisfaction)

	switch {
	case cost == nil: // not the viewer's to read
		ex(ChannelCostRatio, nil, nil, nil)
	case cost.records == 0:
		ex(ChannelCostRatio, nil, fptr(units(f.sales)), nil)
	default:
		s.ChannelCostRatio = ratio(float64(cost.amount), float64(f.sales))
		ex(ChannelCostRatio, fptr(units(cost.amount)), fptr(units(f.sales)), s.ChannelCostRatio)
	}

	if share != nil {
		s.MarketShare = ratio(share[0], share[1])
		ex(MarketShare, fptr(share[0]), fptr(share[1]), s.MarketShare)
	} else {
		ex(MarketShare, nil, nil, nil)
	}
	return s
}

// rank places each channel per KPI: 1 the best, ties sharing a place (the
// next after two firsts is third), channels without a value unranked.
func rank(cards []*ChannelScorecard) {
	for _, c := range cards {
		c.Ranks = make([]*Rank, len(Kpis))
	}
	for i, k := range Kpis {
		for _, c := range cards {
			c.Ranks[i] = &Rank{Kpi: k}
			v := c.Scorecard.Value(k)
			if v == nil {
				continue
			}
			place := 1
			for _, o := range cards {
				w := o.Scorecard.Value(k)
				if w != nil && (lowerIsBetter[k] && *w < *v || !lowerIsBetter[k] && *w > *v) {
					place++
				}
			}
			c.Ranks[i].Rank = &place
		}
	}
}
