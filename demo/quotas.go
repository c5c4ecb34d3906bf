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
	var past []map[int]int64 // each month's sales, from start
	for m := start; m.Compare(thisMonth) < 0; m = m.Next() {
		sales, err := quotas.NetSales(ctx, l.c, l.loc, ids, m)
		if err != nil {
			return err
		}
		for id, v := range sales {
			totals[id] += v
		}
		past = append(past, sales)
	}
	months := int64(len(past))
	var creates []*ent.QuotaCreate
	for i, id := range ids {
		base := int64(10_000_00)
		if months > 0 && totals[id] > 0 {
			base = totals[id] / months
		}
		// Completion of the months so far, the last two.
		var c1, c2 float64
		j := 0
		for m := start; m.Compare(end) <= 0; m, j = m.Next(), j+1 {
			// 90 % to 125 % of the average, by dealer and month.
			pct := int64(90 + (i*7+int(m.Start().Month())*13+m.Year())%36)
			amount := max((base*pct/100+5_000)/10_000*10_000, 1_000_00)
			if j < len(past) {
				// An ended month: the quota was set near what the dealer
				// then sold, made by 92 % to 96 % and 108 % to 112 % in
				// turn, never falling three months running (the
				// declining-performance signal), nor into a month
				// without sales.
				sold := past[j][id]
				next := j+1 < len(past) && past[j+1][id] == 0
				c := 0.0
				if sold == 0 {
					// Nothing was expected of it: its stock was full.
					amount = 1_000_00
				} else {
					c = 0.92 + float64(j%2)*0.16 + float64(i%5)/100
					if c1 < c2 || next {
						c = max(c, c1)
					}
					// Rounded down: made by c at least.
					amount = max(int64(float64(sold)/c)/10_000*10_000, 1_000_00)
					c = float64(sold) / float64(amount)
				}
				c1, c2 = c, c1
			}
			creates = append(creates, l.c.Quota.Create().SetDealerID(id).SetMonth(m).SetAmount(amount))
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
