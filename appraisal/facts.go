package appraisal

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/allocation"
	"github.com/dealerline/dealerline/ent/channelcost"
	"github.com/dealerline/dealerline/ent/creditnote"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/distributionsurvey"
	"github.com/dealerline/dealerline/ent/inventoryline"
	"github.com/dealerline/dealerline/ent/inventoryreport"
	"github.com/dealerline/dealerline/ent/invoice"
	"github.com/dealerline/dealerline/ent/marketshare"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/ent/predicate"
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

// dealerSet is the dealers whose facts are summed: their ids; for a
// comparison, every dealer of some channels (a sub-select, where
// thousands of ids would be sent and planned with every statement), or
// every dealer there is (no condition at all).
type dealerSet struct {
	ids      []int
	channels []int
	all      bool
}

// in narrows a query of facts to the dealers by its dealer_id.
func in[P ~func(*entsql.Selector)](d dealerSet) P {
	return func(s *entsql.Selector) {
		col := s.C("dealer_id")
		switch {
		case d.all:
		case d.channels != nil:
			t := entsql.Table(dealer.Table)
			s.Where(entsql.In(col, entsql.Select(t.C(dealer.FieldID)).From(t).Where(entsql.InInts(t.C(dealer.FieldChannelID), d.channels...))))
		default:
			s.Where(entsql.InInts(col, d.ids...))
		}
	}
}

// load sums the facts in p that want names of the dealers d, giving each
// of ids a figures; rows of other dealers are left out.
func (s *Service) load(ctx context.Context, d dealerSet, ids []int, p period.Period, want facts) (map[int]*figures, error) {
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
		load func(context.Context, dealerSet, period.Period, bounds, map[int]*figures) error
	}{
		{salesFacts, s.loadSales}, {quotaFacts, s.loadQuotas}, {overdueFacts, s.loadOverdue},
		{surveyFacts, s.loadSurveys}, {deliveryFacts, s.loadDeliveries}, {inventoryFacts, s.loadInventory},
		{paymentFacts, s.loadPayments}, {ticketFacts, s.loadTickets}, {scoreFacts, s.loadScores},
	} {
		if want&step.f == 0 {
			continue
		}
		if err := step.load(ctx, d, p, b, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// of is the figures of dealer id; one out of the set (another channel's,
// or one that joined after the comparison listed the dealers) is left out.
func of(out map[int]*figures, id int) *figures {
	if f := out[id]; f != nil {
		return f
	}
	return &figures{}
}

func (s *Service) loadSales(ctx context.Context, d dealerSet, p period.Period, _ bounds, out map[int]*figures) error {
	sales, err := quotas.SalesOf(ctx, s.client, s.loc, in[predicate.Order](d), p)
	if err != nil {
		return err
	}
	for id, v := range sales {
		f := of(out, id)
		f.sales, f.cogs = v.Net, v.CostOfGoods
	}
	return nil
}

// loadQuotas: a month without a quota adds 0.
func (s *Service) loadQuotas(ctx context.Context, d dealerSet, p period.Period, _ bounds, out map[int]*figures) error {
	var rows []struct {
		DealerID int            `sql:"dealer_id"`
		Sum      sql.NullString `sql:"sum"`
	}
	err := s.client.Quota.Query().
		Where(in[predicate.Quota](d), quota.MonthIn(p.Months()...)).
		GroupBy(quota.FieldDealerID).
		Aggregate(ent.As(ent.Sum(quota.FieldAmount), "sum")).
		Scan(ctx, &rows)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if of(out, r.DealerID).quota, err = parseSum(r.Sum); err != nil {
			return err
		}
	}
	return nil
}

// loadOverdue is the balance at the period's end of the invoices due on
// or before its last day and not paid off by then: their amounts less
// what was allocated to them before the end.
func (s *Service) loadOverdue(ctx context.Context, d dealerSet, _ period.Period, b bounds, out map[int]*figures) error {
	type sum struct {
		DealerID int            `sql:"dealer_id"`
		Sum      sql.NullString `sql:"sum"`
	}
	var owed []sum
	// Open now, or paid off after the end: two statements, each a range of
	// the paid-off index (SQLite, without statistics, would walk the
	// dealer index for the grouping to test an OR on every invoice).
	for _, open := range []predicate.Invoice{invoice.PaidOffOnIsNil(), invoice.PaidOffOnGTE(b.end)} {
		var rows []sum
		err := s.client.Invoice.Query().
			Where(in[predicate.Invoice](d), invoice.DueOnLT(b.end), open).
			GroupBy(invoice.FieldDealerID).
			Aggregate(ent.As(ent.Sum(invoice.FieldAmount), "sum")).
			Scan(ctx, &rows)
		if err != nil {
			return err
		}
		owed = append(owed, rows...)
	}
	var paid []sum
	err := s.client.Allocation.Query().
		Where(in[predicate.Allocation](d), allocation.AppliedOnLT(b.end),
			// The invoices by a sub-select, not EXISTS per allocation: SQLite
			// would test every allocation there is.
			func(sel *entsql.Selector) {
				t := entsql.Table(invoice.Table)
				open := entsql.Select(t.C(invoice.FieldID)).From(t).Where(entsql.And(
					entsql.LT(t.C(invoice.FieldDueOn), b.end),
					entsql.Or(entsql.IsNull(t.C(invoice.FieldPaidOffOn)), entsql.GTE(t.C(invoice.FieldPaidOffOn), b.end))))
				in[predicate.Invoice](d)(open)
				sel.Where(entsql.In(sel.C(allocation.FieldInvoiceID), open))
			}).
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
		ck.Add(&of(out, r.DealerID).overdue, v)
	}
	for _, r := range paid {
		v, err := parseSum(r.Sum)
		if err != nil {
			return err
		}
		ck.Sub(&of(out, r.DealerID).overdue, v)
	}
	return ck.Err
}

// loadSurveys keeps each dealer's latest survey dated in the period (the
// later recorded on the same day).
func (s *Service) loadSurveys(ctx context.Context, d dealerSet, _ period.Period, b bounds, out map[int]*figures) error {
	t := entsql.Table(distributionsurvey.Table)
	sel := entsql.Dialect(s.dialect).
		Select(t.C(distributionsurvey.FieldDealerID), t.C(distributionsurvey.FieldOutletsVisited), t.C(distributionsurvey.FieldOutletsCarrying)).
		From(t).
		Where(entsql.And(
			entsql.GTE(t.C(distributionsurvey.FieldSurveyedOn), b.start), entsql.LT(t.C(distributionsurvey.FieldSurveyedOn), b.end))).
		OrderBy(t.C(distributionsurvey.FieldDealerID), entsql.Desc(t.C(distributionsurvey.FieldSurveyedOn)), entsql.Desc(t.C(distributionsurvey.FieldID)))
	in[predicate.DistributionSurvey](d)(sel)
	var id, visited, carrying int64
	return s.each(ctx, sel, func() {
		if f := of(out, int(id)); !f.surveyed {
			f.surveyed, f.visited, f.carrying = true, visited, carrying
		}
	}, &id, &visited, &carrying)
}

// loadDeliveries: an order is delivered in the period by its DELIVERED
// event; its time runs from its CONFIRMED event (an order is confirmed
// at most once), in days of 24 h. Both times are kept on the order
// (package ordering/counted); an order imported without its confirmation
// has no time to count. The store subtracts them.
func (s *Service) loadDeliveries(ctx context.Context, d dealerSet, _ period.Period, b bounds, out map[int]*figures) error {
	return s.spans(ctx, d, order.Table, order.FieldDeliveredAt, order.FieldConfirmedAt, order.FieldDeliveredAt, b,
		func(id int, secs float64) { f := of(out, id); f.deliveries = append(f.deliveries, secs/(24*60*60)) })
}

// spans reads the rows of table whose time column at falls in the period
// and that have both times, since and until: each row's dealer and the
// seconds from since to until, subtracted by the store.
func (s *Service) spans(ctx context.Context, d dealerSet, table, at, since, until string, b bounds, add func(dealerID int, secs float64)) error {
	t := entsql.Table(table)
	sel := entsql.Dialect(s.dialect).Select(t.C("dealer_id"), s.seconds(t.C(since), t.C(until))).
		From(t).
		Where(entsql.And(
			entsql.GTE(t.C(at), b.from), entsql.LT(t.C(at), b.to),
			entsql.NotNull(t.C(since)), entsql.NotNull(t.C(until))))
	in[func(*entsql.Selector)](d)(sel)
	var (
		id   int
		secs float64
	)
	return s.each(ctx, sel, func() { add(id, secs) }, &id, &secs)
}

// each runs sel and calls row after scanning each row into dest: a
// comparison reads a row per delivery, ticket or survey of every dealer,
// too many for ent's scanning by reflection.
func (s *Service) each(ctx context.Context, sel *entsql.Selector, row func(), dest ...any) error {
	query, args := sel.Query()
	rows, err := s.client.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		row()
	}
	return rows.Err()
}

// seconds is the SQL for the seconds from time column a to b.
func (s *Service) seconds(a, b string) string {
	if s.dialect == dialect.SQLite {
		return fmt.Sprintf("unixepoch(%s, 'subsec') - unixepoch(%s, 'subsec')", b, a)
	}
	return fmt.Sprintf("EXTRACT(EPOCH FROM %s - %s)::float8", b, a)
}

// days is the SQL for the calendar days from date column a to b.
func (s *Service) days(a, b string) string {
	if s.dialect == dialect.SQLite {
		return fmt.Sprintf("CAST(ROUND(julianday(%s) - julianday(%s)) AS INTEGER)", b, a)
	}
	return fmt.Sprintf("(%s - %s)", b, a)
}

// loadInventory: the reports dated in the period, their lines valued at
// the unit cost copied on each, and the lines with no stock.
func (s *Service) loadInventory(ctx context.Context, d dealerSet, _ period.Period, b bounds, out map[int]*figures) error {
	var reports []struct {
		DealerID int   `sql:"dealer_id"`
		N        int64 `sql:"n"`
	}
	err := s.client.InventoryReport.Query().
		Where(in[predicate.InventoryReport](d),
			inventoryreport.ReportedOnGTE(b.start), inventoryreport.ReportedOnLT(b.end)).
		GroupBy(inventoryreport.FieldDealerID).
		Aggregate(ent.As(ent.Count(), "n")).
		Scan(ctx, &reports)
	if err != nil {
		return err
	}
	for _, r := range reports {
		of(out, r.DealerID).reports = r.N
	}
	var lines []struct {
		DealerID int            `sql:"dealer_id"`
		Value    sql.NullString `sql:"value"`
		N        int64          `sql:"n"`
		Zero     int64          `sql:"zero"`
	}
	err = s.client.InventoryLine.Query().
		Where(in[predicate.InventoryLine](d),
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
		f := of(out, r.DealerID)
		if f.stockValue, err = parseSum(r.Value); err != nil {
			return err
		}
		f.lines, f.zeroLines = r.N, r.Zero
	}
	return nil
}

// loadPayments: the invoices paid off in the period, by the business date
// of the allocation that brought the balance to 0 (the payment's or credit
// note's date, or the issue date for money received before it), and the
// calendar days from issue to then, summed by the store.
func (s *Service) loadPayments(ctx context.Context, d dealerSet, _ period.Period, b bounds, out map[int]*figures) error {
	var rows []struct {
		DealerID int   `sql:"dealer_id"`
		N        int64 `sql:"n"`
		Days     int64 `sql:"days"`
	}
	err := s.client.Invoice.Query().
		Where(in[predicate.Invoice](d), invoice.PaidOffOnGTE(b.start), invoice.PaidOffOnLT(b.end)).
		GroupBy(invoice.FieldDealerID).
		Aggregate(ent.As(ent.Count(), "n"), func(sel *entsql.Selector) string {
			return entsql.As(entsql.Sum(s.days(sel.C(invoice.FieldIssuedOn), sel.C(invoice.FieldPaidOffOn))), "days")
		}).
		Scan(ctx, &rows)
	if err != nil {
		return err
	}
	for _, r := range rows {
		f := of(out, r.DealerID)
		f.paidOff += r.N
		f.paidDays += r.Days
	}
	return nil
}

// loadTickets: tickets opened in the period and answered; the unanswered
// are left out.
func (s *Service) loadTickets(ctx context.Context, d dealerSet, _ period.Period, b bounds, out map[int]*figures) error {
	return s.spans(ctx, d, serviceticket.Table, serviceticket.FieldOpenedAt, serviceticket.FieldOpenedAt, serviceticket.FieldFirstResponseAt, b,
		func(id int, secs float64) { f := of(out, id); f.responses = append(f.responses, secs/(60*60)) })
}

func (s *Service) loadScores(ctx context.Context, d dealerSet, _ period.Period, b bounds, out map[int]*figures) error {
	var rows []struct {
		DealerID int            `sql:"dealer_id"`
		N        int64          `sql:"n"`
		Sum      sql.NullString `sql:"sum"`
	}
	err := s.client.SatisfactionScore.Query().
		Where(in[predicate.SatisfactionScore](d),
			satisfactionscore.ScoredOnGTE(b.start), satisfactionscore.ScoredOnLT(b.end)).
		GroupBy(satisfactionscore.FieldDealerID).
		Aggregate(ent.As(ent.Count(), "n"), ent.As(ent.Sum(satisfactionscore.FieldScore), "sum")).
		Scan(ctx, &rows)
	if err != nil {
		return err
	}
	for _, r := range rows {
		f := of(out, r.DealerID)
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
	return out, s.fundPayments(ctx, column, keys, b, out)
}

// fundPayments adds to out the marketing-fund claims paid in the period
// (credit notes of kind MARKETING_FUND issued in it): channel costs of
// the dealer paid, and so of its channel. There are few of them: they are
// summed here, not in SQL.
func (s *Service) fundPayments(ctx context.Context, column string, keys []int, b bounds, out map[int]*costs) error {
	q := s.client.CreditNote.Query().
		Where(creditnote.KindEQ(creditnote.KindMARKETING_FUND), creditnote.IssuedOnGTE(b.start), creditnote.IssuedOnLT(b.end))
	if column == "dealer_id" {
		q.Where(creditnote.DealerIDIn(keys...))
	} else {
		q.Where(creditnote.HasDealerWith(dealer.ChannelIDIn(keys...)))
	}
	// Below privacy, like the costs: the caller decided what the viewer sees.
	paid, err := q.WithDealer().All(access.Bypass(ctx))
	if err != nil {
		return err
	}
	var c money.Checked
	for _, cn := range paid {
		key := cn.DealerID
		if column != "dealer_id" {
			key = cn.Edges.Dealer.ChannelID
		}
		if out[key] == nil {
			out[key] = &costs{}
		}
		out[key].records++
		c.Add(&out[key].amount, cn.Amount)
	}
	return c.Err
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
