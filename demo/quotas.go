package demo

import (
	"context"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/quotas"
)

// loadQuotas gives every dealer a quota for every month from the first
// month of the order history to the end of this year, near its average
// monthly net sales over the history (so some months are made and some
// missed), rounded to 100.00; a dealer that sold nothing gets a small
// one. The amounts are fixed by the dealer and month: the same on every
// run.
func (l *loader) loadQuotas(ctx context.Context) error {
	first, err := l.c.Order.Query().Order(ent.Asc(order.FieldPlacedAt)).First(ctx)
	if err != nil && !ent.IsNotFound(err) {
		return err
	}
	start := period.MonthOf(l.today)
	if first != nil {
		start = period.MonthOf(first.PlacedAt.In(l.loc))
	}
	thisMonth := period.MonthOf(l.today)
	end := period.MustParse(period.Of(period.Year, l.today).String() + "-12")
	ids := make([]int, len(dealers))
	for i, s := range dealers {
		ids[i] = l.dealerIDs[s.code]
	}
	// Average monthly net sales over the months before this one.
	totals := map[int]int64{}
	months := int64(0)
	for m := start; m.Compare(thisMonth) < 0; m = m.Next() {
		sales, err := quotas.NetSales(ctx, l.c, l.loc, ids, m)
		if err != nil {
			return err
		}
		for id, v := range sales {
			totals[id] += v
		}
		months++
	}
	var creates []*ent.QuotaCreate
	for i, id := range ids {
		base := int64(10_000_00)
		if months > 0 && totals[id] > 0 {
			base = totals[id] / months
		}
		for m := start; m.Compare(end) <= 0; m = m.Next() {
			// 90 % to 125 % of the average, by dealer and month.
			pct := int64(90 + (i*7+int(m.Start().Month())*13+m.Year())%36)
			amount := (base*pct/100 + 5_000) / 10_000 * 10_000
			creates = append(creates, l.c.Quota.Create().SetDealerID(id).SetMonth(m).SetAmount(max(amount, 1_000_00)))
		}
	}
	for len(creates) > 0 {
		n := min(len(creates), 500)
		if err := l.c.Quota.CreateBulk(creates[:n]...).Exec(ctx); err != nil {
			return err
		}
		creates = creates[n:]
	}
	return nil
}
