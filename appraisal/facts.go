package appraisal

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	entsql "entgo.io/ent/dialect/sql"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/allocation"
	"github.com/dealerline/dealerline/ent/channelcost"
	"github.com/dealerline/dealerline/ent/distributionsurvey"
	"github.com/dealerline/dealerline/ent/inventoryline"
	"github.com/dealerline/dealerline/ent/inventoryreport"
	"github.com/dealerline/dealerline/ent/invoice"
	"github.com/dealerline/dealerline/ent/marketshare"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/ent/quota"
	"github.com/dealerline/dealerline/ent/satisfactionscore"
	"github.com/dealerline/dealerline/ent/serviceticket"
	"github.com/dealerline/dealerline/money"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/quotas"
)

// The facts of dealers in a period, each KPI's in one grouped query over
// all of them: ctx runs below privacy, and the dealers were loaded through
// the viewer's client.

// bounds are a period's business dates [start, end) and the instants of
// their midnights in the business time zone.
type bounds struct {
	start, end time.Time // business dates (date columns)
	from, to   time.Time // instants (time columns)
}

func (s *Service) bounds(p period.Period) bounds {
	at := func(d time.Time) time.Time {
		return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, s.loc).UTC()
	}
	return bounds{start: p.Start(), end: p.End(), from: at(p.Start()), to: at(p.End())}
}

func parseSum(v sql.NullString) (int64, error) {
	if !v.Valid {
		return 0, nil
	}
	n, err := strconv.ParseInt(v.String, 10, 64)
	if err != nil {
		return 0, money.ErrOverflow
	}
	return n, nil
}

// facts names the groups of facts a scorecard reads, so that a trend of
// one KPI reads only what that KPI needs.
type facts uint16

const (
	salesFacts facts = 1 << iota
	quotaFacts
	overdueFacts
	surveyFacts
	deliveryFacts
	inventoryFacts
	paymentFacts
	ticketFacts
	scoreFacts
	costFacts
	shareFacts

	allFacts facts = 1<<iota - 1
)

// needs are the facts each KPI is computed from.
var needs = map[Kpi]facts{
	NetSales: salesFacts, Quota: quotaFacts, CostOfGoodsSold: salesFacts, OverdueAmount: overdueFacts,
	QuotaCompletion: salesFacts | quotaFacts, DistributionRate: surveyFacts,
	DeliveryTimeMeanDays: deliveryFacts, DeliveryTimeP90Days: deliveryFacts,
	AverageInventory: inventoryFacts, DaysOfInventory: inventoryFacts | salesFacts,
	PaymentPeriodDays: paymentFacts, OutOfStockRate: inventoryFacts, GrossMargin: salesFacts,
	ServiceResponseMedianHours: ticketFacts, Satisfaction: scoreFacts,
	ChannelCostRatio: costFacts | salesFacts, MarketShare: shareFacts,
}

// load sums the facts of ids in p that want names, a figures per dealer
// (every id has one).
func (s *Service) load(ctx context.Context, ids []int, p period.Period, want facts) (map[int]*figures, error) {
	out := make(map[int]*figures, len(ids))
	for _, id := range ids {
		out[id] = &figures{}
	}
	if len(ids) == 0 {
		return out, nil
	}
	b := s.bounds(p)
	for _, step := range []struct {
		f    facts
		load func(context.Context, []int, period.Period, bounds, map[int]*figures) error
	}{
		{salesFacts, s.loadSales}, {quotaFacts, s.loadQuotas}, {overdueFacts, s.loadOverdue},
		{surveyFacts, s.loadSurveys}, {deliveryFacts, s.loadDeliveries}, {inventoryFacts, s.loadInventory},
		{paymentFacts, s.loadPayments}, {ticketFacts, s.loadTickets}, {scoreFacts, s.loadScores},
	} {
		if want&step.f == 0 {
			continue
		}
		if err := step.load(ctx, ids, p, b, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *Service) loadSales(ctx context.Context, ids []int, p period.Period, _ bounds, out map[int]*figures) error {
	sales, err := quotas.SalesOf(ctx, s.client, s.loc, ids, p)
	if err != nil {
		return err
	}
	for id, v := range sales {
		out[id].sales, out[id].cogs = v.Net, v.CostOfGoods
	}
	return nil
}

// loadQuotas: a month without a quota adds 0.
func (s *Service) loadQuotas(ctx context.Context, ids []int, p period.Period, _ bounds, out map[int]*figures) error {
	var rows []struct {
		DealerID int            `sql:"dealer_id"`
		Sum      sql.NullString `sql:"sum"`
	}
	err := s.client.Quota.Query().
		Where(quota.DealerIDIn(ids...), quota.MonthIn(p.Months()...)).
		GroupBy(quota.FieldDealerID).
		Aggregate(ent.As(ent.Sum(quota.FieldAmount), "sum")).
		Scan(ctx, &rows)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if out[r.DealerID].quota, err = parseSum(r.Sum); err != nil {
			return err
		}
	}
	return nil
}

// loadOverdue is the balance at the period's end of the invoices due on
// or before its last day and not paid off by then: their amounts less
// what was allocated to them before the end.
func (s *Service) loadOverdue(ctx context.Context, ids []int, _ period.Period, b bounds, out map[int]*figures) error {
	var owed []struct {
		DealerID int            `sql:"dealer_id"`
		Sum      sql.NullString `sql:"sum"`
	}
	err := s.client.Invoice.Query().
		Where(invoice.DealerIDIn(ids...), invoice.DueOnLT(b.end),
			invoice.Or(invoice.PaidOffOnIsNil(), invoice.PaidOffOnGTE(b.end))).
		GroupBy(invoice.FieldDealerID).
		Aggregate(ent.As(ent.Sum(invoice.FieldAmount), "sum")).
		Scan(ctx, &owed)
	if err != nil {
		return err
	}
	var paid []struct {
		DealerID int            `sql:"dealer_id"`
		Sum      sql.NullString `sql:"sum"`
	}
	err = s.client.Allocation.Query().
		Where(allocation.DealerIDIn(ids...), allocation.AppliedOnLT(b.end),
			allocation.HasInvoiceWith(invoice.DueOnLT(b.end),
				invoice.Or(invoice.PaidOffOnIsNil(), invoice.PaidOffOnGTE(b.end)))).
		GroupBy(allocation.FieldDealerID).
		Aggregate(ent.As(ent.Sum(allocation.FieldAmount), "sum")).
		Scan(ctx, &paid)
	if err != nil {
		return err
	}
	var ck money.Checked
	for _, r := range owed {
		v, err := parseSum(r.Sum)
		if err != nil {
			return err
		}
		ck.Add(&out[r.DealerID].overdue, v)
	}
	for _, r := range paid {
		v, err := parseSum(r.Sum)
		if err != nil {
			return err
		}
		ck.Sub(&out[r.DealerID].overdue, v)
	}
	return ck.Err
}

// loadSurveys keeps each dealer's latest survey dated in the period (the
// later recorded on the same day).
func (s *Service) loadSurveys(ctx context.Context, ids []int, _ period.Period, b bounds, out map[int]*figures) error {
	var rows []struct {
		DealerID int `sql:"dealer_id"`
		Visited  int `sql:"outlets_visited"`
		Carrying int `sql:"outlets_carrying"`
	}
	err := s.client.DistributionSurvey.Query().
		Where(distributionsurvey.DealerIDIn(ids...),
			distributionsurvey.SurveyedOnGTE(b.start), distributionsurvey.SurveyedOnLT(b.end)).
		Order(ent.Asc(distributionsurvey.FieldDealerID), ent.Desc(distributionsurvey.FieldSurveyedOn), ent.Desc(distributionsurvey.FieldID)).
		Select(distributionsurvey.FieldDealerID, distributionsurvey.FieldOutletsVisited, distributionsurvey.FieldOutletsCarrying).
		Scan(ctx, &rows)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if f := out[r.DealerID]; !f.surveyed {
			f.surveyed, f.visited, f.carrying = true, int64(r.Visited), int64(r.Carrying)
		}
	}
	return nil
}

// loadDeliveries: an order is delivered in the period by its DELIVERED
// event; its time runs from its CONFIRMED event (an order is confirmed
// at most once), in days of 24 h. Both times are kept on the order
// (package ordering/counted); an order imported without its confirmation
// has no time to count.
func (s *Service) loadDeliveries(ctx context.Context, ids []int, _ period.Period, b bounds, out map[int]*figures) error {
	var rows []struct {
		DealerID    int       `sql:"dealer_id"`
		DeliveredAt time.Time `sql:"delivered_at"`
		ConfirmedAt time.Time `sql:"confirmed_at"`
	}
	err := s.client.Order.Query().
		Where(order.DealerIDIn(ids...), order.DeliveredAtGTE(b.from), order.DeliveredAtLT(b.to), order.ConfirmedAtNotNil()).
		Select(order.FieldDealerID, order.FieldDeliveredAt, order.FieldConfirmedAt).
		Scan(ctx, &rows)
	if err != nil {
		return err
	}
	for _, r := range rows {
		f := out[r.DealerID]
		f.deliveries = append(f.deliveries, r.DeliveredAt.Sub(r.ConfirmedAt).Hours()/24)
	}
	return nil
}

// loadInventory: the reports dated in the period, their lines valued at
// the unit cost copied on each, and the lines with no stock.
func (s *Service) loadInventory(ctx context.Context, ids []int, _ period.Period, b bounds, out map[int]*figures) error {
	var reports []struct {
		DealerID int   `sql:"dealer_id"`
		N        int64 `sql:"n"`
	}
	err := s.client.InventoryReport.Query().
		Where(inventoryreport.DealerIDIn(ids...),
			inventoryreport.ReportedOnGTE(b.start), inventoryreport.ReportedOnLT(b.end)).
		GroupBy(inventoryreport.FieldDealerID).
		Aggregate(ent.As(ent.Count(), "n")).
		Scan(ctx, &reports)
	if err != nil {
		return err
	}
	for _, r := range reports {
		out[r.DealerID].reports = r.N
	}
	var lines []struct {
		DealerID int            `sql:"dealer_id"`
		Value    sql.NullString `sql:"value"`
		N        int64          `sql:"n"`
		Zero     int64          `sql:"zero"`
	}
	err = s.client.InventoryLine.Query().
		Where(inventoryline.DealerIDIn(ids...),
			inventoryline.HasReportWith(inventoryreport.ReportedOnGTE(b.start), inventoryreport.ReportedOnLT(b.end))).
		GroupBy(inventoryline.FieldDealerID).
		Aggregate(
			func(sel *entsql.Selector) string {
				return entsql.As(entsql.Sum(sel.C(inventoryline.FieldStock)+" * "+sel.C(inventoryline.FieldUnitCost)), "value")
			},
			ent.As(ent.Count(), "n"),
			func(sel *entsql.Selector) string {
				return entsql.As(entsql.Sum("CASE WHEN "+sel.C(inventoryline.FieldStock)+" = 0 THEN 1 ELSE 0 END"), "zero")
			},
		).
		Scan(ctx, &lines)
	if err != nil {
		return err
	}
	for _, r := range lines {
		f := out[r.DealerID]
		if f.stockValue, err = parseSum(r.Value); err != nil {
			return err
		}
		f.lines, f.zeroLines = r.N, r.Zero
	}
	return nil
}

// loadPayments: the invoices paid off in the period, by the business date
// of the allocation that brought the balance to 0 (the payment's or credit
// note's date, or the issue date for money received before it), grouped
// by their two dates so that the day counts are summed here, the same way
// on every store.
func (s *Service) loadPayments(ctx context.Context, ids []int, _ period.Period, b bounds, out map[int]*figures) error {
	var rows []struct {
		DealerID  int       `sql:"dealer_id"`
		IssuedOn  time.Time `sql:"issued_on"`
		PaidOffOn time.Time `sql:"paid_off_on"`
		N         int64     `sql:"n"`
	}
	err := s.client.Invoice.Query().
		Where(invoice.DealerIDIn(ids...), invoice.PaidOffOnGTE(b.start), invoice.PaidOffOnLT(b.end)).
		GroupBy(invoice.FieldDealerID, invoice.FieldIssuedOn, invoice.FieldPaidOffOn).
		Aggregate(ent.As(ent.Count(), "n")).
		Scan(ctx, &rows)
	if err != nil {
		return err
	}
	for _, r := range rows {
		f := out[r.DealerID]
		f.paidOff += r.N
		f.paidDays += r.N * days(r.IssuedOn, r.PaidOffOn)
	}
	return nil
}

// days is the number of calendar days from business date a to b.
func days(a, b time.Time) int64 {
	da := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	db := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int64(db.Sub(da).Hours()/24 + 0.5)
}

// loadTickets: tickets opened in the period and answered; the unanswered
// are left out.
func (s *Service) loadTickets(ctx context.Context, ids []int, _ period.Period, b bounds, out map[int]*figures) error {
	var rows []*ent.ServiceTicket
	err := s.client.ServiceTicket.Query().
		Where(serviceticket.DealerIDIn(ids...), serviceticket.OpenedAtGTE(b.from), serviceticket.OpenedAtLT(b.to),
			serviceticket.FirstResponseAtNotNil()).
		Select(serviceticket.FieldDealerID, serviceticket.FieldOpenedAt, serviceticket.FieldFirstResponseAt).
		Scan(ctx, &rows)
	if err != nil {
		return err
	}
	for _, t := range rows {
		f := out[t.DealerID]
		f.responses = append(f.responses, t.FirstResponseAt.Sub(t.OpenedAt).Hours())
	}
	return nil
}

func (s *Service) loadScores(ctx context.Context, ids []int, _ period.Period, b bounds, out map[int]*figures) error {
	var rows []struct {
		DealerID int            `sql:"dealer_id"`
		N        int64          `sql:"n"`
		Sum      sql.NullString `sql:"sum"`
	}
	err := s.client.SatisfactionScore.Query().
		Where(satisfactionscore.DealerIDIn(ids...),
			satisfactionscore.ScoredOnGTE(b.start), satisfactionscore.ScoredOnLT(b.end)).
		GroupBy(satisfactionscore.FieldDealerID).
		Aggregate(ent.As(ent.Count(), "n"), ent.As(ent.Sum(satisfactionscore.FieldScore), "sum")).
		Scan(ctx, &rows)
	if err != nil {
		return err
	}
	for _, r := range rows {
		f := out[r.DealerID]
		f.scores = r.N
		if f.scoreSum, err = parseSum(r.Sum); err != nil {
			return err
		}
	}
	return nil
}

// costsBy sums the channel costs incurred in the period, grouped by
// column (channel_id or dealer_id) over keys.
func (s *Service) costsBy(ctx context.Context, column string, keys []int, p period.Period) (map[int]*costs, error) {
	out := map[int]*costs{}
	if len(keys) == 0 {
		return out, nil
	}
	b := s.bounds(p)
	var rows []struct {
		Key int            `sql:"key"`
		N   int64          `sql:"n"`
		Sum sql.NullString `sql:"sum"`
	}
	err := s.client.ChannelCost.Query().
		Where(channelcost.IncurredOnGTE(b.start), channelcost.IncurredOnLT(b.end),
			func(sel *entsql.Selector) { sel.Where(entsql.InInts(sel.C(column), keys...)) }).
		Aggregate(
			func(sel *entsql.Selector) string {
				sel.GroupBy(sel.C(column))
				return entsql.As(sel.C(column), "key")
			},
			ent.As(ent.Count(), "n"),
			ent.As(ent.Sum(channelcost.FieldAmount), "sum"),
		).
		Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		v, err := parseSum(r.Sum)
		if err != nil {
			return nil, err
		}
		out[r.Key] = &costs{records: r.N, amount: v}
	}
	return out, nil
}

// share is the sum of a territory's monthly market shares in the period
// and how many months have one.
func (s *Service) share(ctx context.Context, territoryID int, p period.Period) (*[2]float64, error) {
	rows, err := s.client.MarketShare.Query().
		Where(marketshare.TerritoryID(territoryID), marketshare.MonthIn(p.Months()...)).
		All(ctx)
	if err != nil {
		return nil, err
	}
	var sh [2]float64
	for _, r := range rows {
		sh[0] += r.Share
		sh[1]++
	}
	return &sh, nil
}
