package history_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zones the tests use, whatever the machine has

	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/orderevent"
	"github.com/dealerline/dealerline/history"
	"github.com/dealerline/dealerline/ordering"
	"github.com/dealerline/dealerline/ordering/status"
)

var today = time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)

func shanghai(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestClock_OfficeHoursInTheBusinessZone(t *testing.T) {
	for _, loc := range []*time.Location{time.UTC, shanghai(t)} {
		t.Run(loc.String(), func(t *testing.T) {
			c := history.NewClock(rand.New(rand.NewPCG(1, 2)), loc)
			for _, tc := range []struct {
				name string
				at   time.Time
			}{
				{"early morning", time.Date(2026, 3, 10, 6, 0, 0, 0, loc)},
				{"working hours", time.Date(2026, 3, 10, 11, 0, 0, 0, loc)},
				{"evening", time.Date(2026, 3, 10, 21, 0, 0, 0, loc)},
				{"Friday night", time.Date(2026, 3, 13, 19, 0, 0, 0, loc)},
				{"Sunday", time.Date(2026, 3, 15, 10, 0, 0, 0, loc)},
			} {
				got := c.Office(tc.at).In(loc)
				hm := got.Hour()*60 + got.Minute()
				if got.Before(tc.at) || got.Weekday() == time.Saturday || got.Weekday() == time.Sunday || hm < 8*60+30 || hm >= 18*60+30 {
					t.Errorf("%s: Office(%s) = %s, want a weekday 8:30-18:30 from then", tc.name, tc.at, got)
				}
				if d := c.Daytime(tc.at).In(loc); d.Hour() < 8 || d.Hour() >= 20 {
					t.Errorf("%s: Daytime(%s) = %s, want 8:00-20:00", tc.name, tc.at, d)
				}
			}
		})
	}
}

// world is a few products and dealers: a distributor, a shop with its own
// user that pays late, one without, and a suspended one.
func world(g *history.Generator) []*history.Dealer {
	from := today.AddDate(-2, 0, 0)
	rise := today.AddDate(0, -4, 0)
	channel := 7
	var products []*history.Product
	for i := range 12 {
		p := &history.Product{ID: 100 + i, SKU: fmt.Sprintf("P-%02d", i), Name: fmt.Sprintf("Product %d", i), Category: "Tools", Cost: 100_00}
		t1, t2 := int64(200_00+i*150_00), int64(250_00+i*180_00)
		p.Prices = []*ent.Price{
			{Tier: 1, Amount: t1 * 95 / 100, ValidFrom: from, ValidTo: &rise},
			{Tier: 1, Amount: t1, ValidFrom: rise},
			{Tier: 2, Amount: t2, ValidFrom: from},
		}
		if i%3 == 0 {
			p.Prices = append(p.Prices, &ent.Price{Tier: 2, Amount: t2 * 105 / 100, ValidFrom: from, ChannelID: &channel})
		}
		products = append(products, p)
	}
	g.Basket = func(r *rand.Rand, o *history.Order, _ int64) {
		for _, i := range r.Perm(len(products))[:history.Lines(r)] {
			p := products[i]
			o.Add(p, history.Quantity(r, o.Dealer, o.Dealer.Price(p, o.PlacedOn)))
		}
	}
	manager := history.Person{ID: 1, Name: "Liu Yang"}
	user := &history.Person{ID: 2, Name: "Zhao Lei"}
	dealers := []*history.Dealer{
		{ID: 10, Code: "D-NORTH", Tier: 1, ChannelID: 6, Status: dealer.StatusACTIVE, CreditLimit: 5_000_000_00, Terms: 60, User: user},
		{ID: 11, Code: "D-SHOP", Tier: 2, ChannelID: 7, Status: dealer.StatusACTIVE, CreditLimit: 400_000_00, Terms: 30, User: &history.Person{ID: 3, Name: "Huang Min"}, Habit: history.Late},
		{ID: 12, Code: "D-SITE", Tier: 2, ChannelID: 6, Status: dealer.StatusPROBATION, CreditLimit: 600_000_00, Terms: 45, Bulk: true},
		{ID: 13, Code: "D-GONE", Tier: 2, ChannelID: 6, Status: dealer.StatusSUSPENDED, CreditLimit: 100_000_00, Terms: 30},
	}
	for i, d := range dealers {
		d.Manager, d.Hub, d.City = manager, "Langfang hub", "Beijing"
		d.Rand = rand.New(rand.NewPCG(9, uint64(i)))
		c := g.Clock(d.Rand)
		n := 60
		if d.Tier == 1 {
			n = 150
		}
		for _, at := range c.OrderTimes(today.AddDate(-1, 0, 0), 365, n) {
			d.Plan(at)
		}
	}
	o := dealers[1].Plan(g.Cutoff.Add(-3 * 24 * time.Hour))
	o.Stop = status.Shipped
	return dealers
}

func run(t *testing.T, loc *time.Location) *history.Past {
	t.Helper()
	g := history.New(loc, today)
	past, err := g.Run(accounts.NewHistory(loc), world(g)...)
	if err != nil {
		t.Fatal(err)
	}
	return past
}

// story tells the past with times on loc's wall clock.
func story(p *history.Past, loc *time.Location) string {
	wall := func(t time.Time) string { return t.In(loc).Format("2006-01-02 15:04:05") }
	var b strings.Builder
	for _, o := range p.Orders {
		fmt.Fprintf(&b, "%s %s %s held=%v total=%d by=%s\n", o.Dealer.Code, wall(o.PlacedAt), o.Status(), o.Held, o.Total, o.Placer.Name)
		for _, l := range o.Lines {
			fmt.Fprintf(&b, "  %s x%d @%d shipped=%d delivered=%d\n", l.Product.SKU, l.Quantity, l.UnitPrice, l.Shipped, l.Delivered)
		}
		for _, e := range o.Events {
			fmt.Fprintf(&b, "  %s %s %s %q\n", wall(e.At), e.Kind, e.To, e.Note)
		}
		for _, sh := range o.Shipments {
			fmt.Fprintf(&b, "  shipment %s %s eta=%s\n", sh.Track, wall(sh.Created), sh.ETA.Format(time.DateOnly))
			for _, e := range sh.Events {
				fmt.Fprintf(&b, "    %s %s %s\n", wall(e.At), e.Status, e.Location)
			}
		}
	}
	invoices, payments, credits, allocations := p.Books.Rows()
	for _, inv := range invoices {
		fmt.Fprintf(&b, "invoice %d issued=%s due=%s amount=%d balance=%d\n", inv.DealerID, inv.IssuedOn.Format(time.DateOnly), inv.DueOn.Format(time.DateOnly), inv.Amount, inv.Balance)
	}
	for _, pay := range payments {
		fmt.Fprintf(&b, "payment %s %s %d\n", pay.Reference, wall(pay.ReceivedAt), pay.Amount)
	}
	for _, cn := range credits {
		fmt.Fprintf(&b, "credit %d %s %d\n", cn.DealerID, wall(cn.IssuedAt), cn.Amount)
	}
	fmt.Fprintf(&b, "%d allocations\n", len(allocations))
	return b.String()
}

func TestRun_SameStoryInEveryZone(t *testing.T) {
	loc := shanghai(t)
	a, b := story(run(t, loc), loc), story(run(t, time.UTC), time.UTC)
	if a != b {
		x, y := strings.Split(a, "\n"), strings.Split(b, "\n")
		for i := range min(len(x), len(y)) {
			if x[i] != y[i] {
				t.Fatalf("Shanghai and UTC differ at line %d:\n%s\n%s", i+1, x[i], y[i])
			}
		}
		t.Fatalf("Shanghai and UTC differ in length: %d and %d lines", len(x), len(y))
	}
	if a != story(run(t, loc), loc) {
		t.Fatal("two runs with the same seeds differ")
	}
}

// TestRun_HoldsByExposure recomputes each dealer's exposure when each order
// came in, by DESIGN.md §4, from what the past holds, and checks the order
// was held exactly when ordering.HoldsCredit says.
func TestRun_HoldsByExposure(t *testing.T) {
	p := run(t, time.UTC)
	issued := map[*ent.Invoice]time.Time{}
	invoiceOf := map[*ent.Invoice]*history.Order{}
	for _, sh := range p.Shipments {
		if sh.Invoice != nil {
			left, _ := sh.Left()
			issued[sh.Invoice], invoiceOf[sh.Invoice] = left, sh.Order
			if sh.Invoice.Amount != sh.Amount {
				t.Errorf("invoice of %d for a shipment of %d", sh.Invoice.Amount, sh.Amount)
			}
		}
	}
	_, _, _, allocations := p.Books.Rows()
	applied := func(a accounts.Allocated) time.Time {
		at := issued[a.Invoice]
		if a.Payment != nil && a.Payment.ReceivedAt.After(at) {
			at = a.Payment.ReceivedAt
		}
		if a.CreditNote != nil && a.CreditNote.IssuedAt.After(at) {
			at = a.CreditNote.IssuedAt
		}
		return at
	}
	held, cleared := 0, 0
	for _, o := range p.Orders {
		var exposure int64
		invoiced := map[*history.Order]int64{}
		for inv, at := range issued {
			if inv.DealerID == o.Dealer.ID && at.Before(o.PlacedAt) {
				exposure += inv.Amount
				invoiced[invoiceOf[inv]] += inv.Amount
			}
		}
		for _, a := range allocations {
			if a.Invoice.DealerID == o.Dealer.ID && issued[a.Invoice].Before(o.PlacedAt) && applied(a).Before(o.PlacedAt) {
				exposure -= a.Amount
			}
		}
		for _, prev := range p.Orders {
			if prev.Dealer == o.Dealer && prev.PlacedAt.Before(o.PlacedAt) && prev.StatusAt(o.PlacedAt).Open() {
				exposure += prev.Total - invoiced[prev]
			}
		}
		if want := ordering.HoldsCredit(exposure, o.Total, o.Dealer.CreditLimit); o.Held != want {
			t.Errorf("%s order of %s: held %v, want %v (exposure %d, total %d, limit %d)",
				o.Dealer.Code, o.PlacedAt, o.Held, want, exposure, o.Total, o.Dealer.CreditLimit)
		}
		confirmed := slices.IndexFunc(o.Events, func(e history.Event) bool { return e.To == status.Confirmed })
		released := slices.IndexFunc(o.Events, func(e history.Event) bool { return e.Kind == orderevent.KindCREDIT_HOLD_RELEASED })
		if o.Held && confirmed >= 0 && (released < 0 || released > confirmed) {
			t.Errorf("%s order of %s confirmed on credit hold", o.Dealer.Code, o.PlacedAt)
		}
		if o.Held {
			held++
		} else {
			cleared++
		}
	}
	if held == 0 || cleared == 0 {
		t.Errorf("%d orders held, %d not; want some of each", held, cleared)
	}
}

// TestRun_PricesOfTheDay: every line is at the dealer's price on the
// business date it was placed, by ordering.PriceOn.
func TestRun_PricesOfTheDay(t *testing.T) {
	loc := shanghai(t)
	for _, o := range run(t, loc).Orders {
		day := accounts.BusinessDate(o.PlacedAt, loc)
		for _, l := range o.Lines {
			want := ordering.PriceOn(l.Product.Prices, o.Dealer.Tier, o.Dealer.ChannelID, day)
			if want == nil || l.UnitPrice != want.Amount {
				t.Errorf("%s %s on %s: %d, want %v", o.Dealer.Code, l.Product.SKU, day.Format(time.DateOnly), l.UnitPrice, want)
			}
		}
	}
}
