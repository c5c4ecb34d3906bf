package quotas

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	entsql "entgo.io/ent/dialect/sql"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/ent/orderline"
	"github.com/dealerline/dealerline/ent/predicate"
	"github.com/dealerline/dealerline/ent/quota"
	"github.com/dealerline/dealerline/money"
	"github.com/dealerline/dealerline/ordering"
	"github.com/dealerline/dealerline/ordering/status"
	"github.com/dealerline/dealerline/period"
)

// Progress is a quota against what was sold in a period.
type Progress struct {
	Period   period.Period
	Quota    int64
	NetSales int64
	// NetSales ÷ Quota; nil when the quota is 0.
	Completion *float64
	// Quota − NetSales, 0 once reached.
	Remaining int64
}

func progress(p period.Period, q, sales int64) *Progress {
	pr := &Progress{Period: p, Quota: q, NetSales: sales, Remaining: max(q-sales, 0)}
	if q > 0 {
		c := float64(sales) / float64(q)
		pr.Completion = &c
	}
	return pr
}

// period is p, or this month when p is nil.
func (s *Service) period(p *period.Period) period.Period {
	if p == nil || p.IsZero() {
		return period.MonthOf(s.Today())
	}
	return *p
}

// DealerProgress is d's quota and net sales in p (default: this month).
// d was loaded through the viewer's privacy, so its figures are the
// viewer's to read.
func (s *Service) DealerProgress(ctx context.Context, d *ent.Dealer, p *period.Period) (*Progress, error) {
	per := s.period(p)
	sys := access.Bypass(ctx)
	q, err := sumQuota(sys, s.client.Quota.Query().Where(quota.DealerID(d.ID), quota.MonthIn(per.Months()...)))
	if err != nil {
		return nil, err
	}
	sales, err := NetSales(sys, s.client, s.loc, []int{d.ID}, per)
	if err != nil {
		return nil, err
	}
	return progress(per, q, sales[d.ID]), nil
}

// ChannelProgress is the quota and net sales of c's dealers, summed, in p
// (default: this month). It pools other dealers' figures, so only the
// staff who work on the whole channel read it: administrators and its
// managers.
func (s *Service) ChannelProgress(ctx context.Context, c *ent.Channel, p *period.Period) (*Progress, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if !v.IsAdmin() && !v.Manages(c.ID) {
		return nil, apperr.Errorf(apperr.Forbidden, "a channel's quota progress is for its managers")
	}
	per := s.period(p)
	sys := access.Bypass(ctx)
	ids, err := s.client.Dealer.Query().Where(dealer.ChannelID(c.ID)).IDs(sys)
	if err != nil {
		return nil, err
	}
	q, err := sumQuota(sys, s.client.Quota.Query().Where(quota.DealerIDIn(ids...), quota.MonthIn(per.Months()...)))
	if err != nil {
		return nil, err
	}
	sales, err := NetSales(sys, s.client, s.loc, ids, per)
	if err != nil {
		return nil, err
	}
	var total int64
	var ck money.Checked
	for _, v := range sales {
		ck.Add(&total, v)
	}
	if ck.Err != nil {
		return nil, ck.Err
	}
	return progress(per, q, total), nil
}

func sumQuota(ctx context.Context, q *ent.QuotaQuery) (int64, error) {
	var rows []struct{ Sum sql.NullString }
	if err := q.Aggregate(ent.As(ent.Sum(quota.FieldAmount), "sum")).Scan(ctx, &rows); err != nil {
		return 0, err
	}
	if len(rows) == 0 || !rows[0].Sum.Valid {
		return 0, nil
	}
	return strconv.ParseInt(rows[0].Sum.String, 10, 64)
}

// NetSales is the net sales of each of dealerIDs in period p (DESIGN §6),
// the one rule quota progress and the appraisal KPIs count sales by: the
// line amounts of orders placed in p — placed_at in the business time zone
// loc — that are not REJECTED or CANCELLED (by their status now). A line
// of an order closed short (DELIVERED with fewer units delivered than
// ordered) counts at its delivered quantity, priced by ordering.LineAmount.
//
// It reads below privacy: callers pass dealers they loaded through the
// viewer's client. A dealer without sales is absent from the map (0).
func NetSales(ctx context.Context, db *ent.Client, loc *time.Location, dealerIDs []int, p period.Period) (map[int]int64, error) {
	if len(dealerIDs) == 0 {
		return map[int]int64{}, nil
	}
	sales, err := SalesOf(ctx, db, loc, order.DealerIDIn(dealerIDs...), p)
	if err != nil {
		return nil, err
	}
	out := make(map[int]int64, len(sales))
	for id, s := range sales {
		out[id] = s.Net
	}
	return out, nil
}

// Sales are a dealer's net sales in a period and what the goods sold cost.
type Sales struct {
	Net int64
	// Σ quantity × unit cost copied on the lines counted in Net, a line
	// closed short at its delivered quantity (DESIGN §6, gross margin).
	CostOfGoods int64
}

// lineGroup is lines of one dealer summed: counted whole (DQ -1), or
// closed short at DQ delivered units of price UP less BP basis points (N
// of them).
type lineGroup struct {
	DealerID int            `sql:"dealer_id"`
	DQ       int64          `sql:"dq"`
	UP       int64          `sql:"up"`
	BP       int64          `sql:"bp"`
	Amount   sql.NullString `sql:"amount"`
	Cost     sql.NullString `sql:"cost"`
	N        int64          `sql:"n"`
}

// SalesOf is NetSales with the cost of the goods sold beside it, of the
// dealers whose orders which picks (their ids, or a sub-select for many).
func SalesOf(ctx context.Context, db *ent.Client, loc *time.Location, which predicate.Order, p period.Period) (map[int]Sales, error) {
	out := map[int]Sales{}
	start, end := p.Start(), p.End()
	from := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, loc).UTC()
	to := time.Date(end.Year(), end.Month(), end.Day(), 0, 0, 0, 0, loc).UTC()
	placed := []predicate.Order{
		which,
		order.PlacedAtGTE(from), order.PlacedAtLT(to),
		order.StatusNotIn(status.Rejected, status.Cancelled),
	}
	// The orders that carry their figures (package ordering/counted), summed
	// from the orders alone.
	var kept []struct {
		DealerID int            `sql:"dealer_id"`
		Amount   sql.NullString `sql:"amount"`
		Cost     sql.NullString `sql:"cost"`
	}
	err := db.Order.Query().
		Where(append(placed, order.NetAmountNotNil())...).
		GroupBy(order.FieldDealerID).
		Aggregate(ent.As(ent.Sum(order.FieldNetAmount), "amount"), ent.As(ent.Sum(order.FieldCostOfGoods), "cost")).
		Scan(ctx, &kept)
	if err != nil {
		return nil, err
	}
	// The others from their lines, in one aggregate: per dealer, the lines
	// counted whole in one group (their amounts summed), and the lines
	// closed short grouped by what prices them (delivered quantity, unit
	// price, discount) and counted.
	var groups []lineGroup
	err = db.Order.Query().
		Where(append(placed, order.NetAmountIsNil())...).
		GroupBy(order.FieldDealerID).
		Aggregate(func(s *entsql.Selector) string {
			l := entsql.Table(orderline.Table).As("net_lines")
			s.Join(l).On(s.C(order.FieldID), l.C(orderline.FieldOrderID))
			short := fmt.Sprintf("%s = '%s' AND %s < %s", s.C(order.FieldStatus), status.Delivered,
				l.C(orderline.FieldDeliveredQuantity), l.C(orderline.FieldQuantity))
			key := func(col string) string { return fmt.Sprintf("CASE WHEN %s THEN %s ELSE -1 END", short, l.C(col)) }
			dq, up, bp := key(orderline.FieldDeliveredQuantity), key(orderline.FieldUnitPrice), key(orderline.FieldDiscountBasisPoints)
			// The quantity a line counts at times its copied unit cost.
			cost := fmt.Sprintf("(CASE WHEN %s THEN %s ELSE %s END) * %s", short,
				l.C(orderline.FieldDeliveredQuantity), l.C(orderline.FieldQuantity), l.C(orderline.FieldUnitCost))
			s.Select(s.C(order.FieldDealerID), entsql.As(dq, "dq"), entsql.As(up, "up"), entsql.As(bp, "bp"),
				entsql.As(entsql.Sum(l.C(orderline.FieldAmount)), "amount"), entsql.As(entsql.Sum(cost), "cost"),
				entsql.As(entsql.Count("*"), "n"))
			s.GroupBy(dq, up, bp)
			return ""
		}).
		Scan(ctx, &groups)
	if err != nil {
		return nil, err
	}
	for _, k := range kept {
		groups = append(groups, lineGroup{DealerID: k.DealerID, DQ: -1, Amount: k.Amount, Cost: k.Cost})
	}
	var ck money.Checked
	for _, g := range groups {
		sum := out[g.DealerID]
		cost, err := strconv.ParseInt(g.Cost.String, 10, 64)
		if err != nil {
			return nil, errors.New("net sales: the costs add up to more than can be held")
		}
		ck.Add(&sum.CostOfGoods, cost)
		if g.DQ < 0 { // counted whole
			a, err := strconv.ParseInt(g.Amount.String, 10, 64)
			if err != nil {
				return nil, errors.New("net sales: the amounts add up to more than can be held")
			}
			ck.Add(&sum.Net, a)
		} else {
			a, ok := ordering.LineAmount(int(g.DQ), g.UP, int(g.BP))
			if !ok || a > 0 && g.N > (1<<62)/a {
				return nil, money.ErrOverflow
			}
			ck.Add(&sum.Net, a*g.N)
		}
		out[g.DealerID] = sum
	}
	if ck.Err != nil {
		return nil, ck.Err
	}
	return out, nil
}
