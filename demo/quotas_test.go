package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/quotas"
	"github.com/dealerline/dealerline/store/storetest"
)

// Every dealer has a quota for every month from the first order to the
// end of this year, near what it sells: a year's sales are within half
// and twice the year's quota for the dealers that sell.
func TestLoad_Quotas(t *testing.T) {
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	c := loaded(t, storetest.Open(t))
	first := c.Order.Query().Order(ent.Asc(order.FieldPlacedAt)).FirstX(ctx)
	start, end := period.MonthOf(first.PlacedAt.UTC()), period.MustParse(period.Of(period.Year, today).String()+"-12")
	months := 0
	for m := start; m.Compare(end) <= 0; m = m.Next() {
		months++
	}
	if months < 12 {
		t.Fatalf("%d months of quotas from %s to %s; the history is longer than that", months, start, end)
	}
	ds := c.Dealer.Query().AllX(ctx)
	if n := c.Quota.Query().CountX(ctx); n != len(ds)*months {
		t.Errorf("%d quotas; want %d dealers × %d months", n, len(ds), months)
	}
	last := period.Of(period.Year, today).Previous()
	if last.Start().Before(start.Start()) {
		return
	}
	var selling int
	all := c.Quota.Query().AllX(ctx)
	for _, d := range ds {
		var q int64
		for _, x := range all {
			if x.DealerID == d.ID && last.Contains(x.Month.Start()) {
				q += x.Amount
			}
		}
		sales, err := quotas.NetSales(ctx, c, time.UTC, []int{d.ID}, last)
		if err != nil {
			t.Fatal(err)
		}
		if s := sales[d.ID]; s > 0 {
			selling++
			if s < q/2 || s > 2*q {
				t.Errorf("%s: %s sales %d against a quota of %d", d.Code, last, s, q)
			}
		}
	}
	if selling == 0 {
		t.Errorf("no dealer sold anything in %s", last)
	}
}
