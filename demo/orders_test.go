package demo_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zones the tests use, whatever the machine has

	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/demo"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/ent/orderevent"
	"github.com/dealerline/dealerline/ent/orderline"
	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/ordering"
	"github.com/dealerline/dealerline/ordering/status"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

// orderSet is the demo orders with everything the checks compare them to.
type orderSet struct {
	orders   []*ent.Order // by placing time; with dealer, placed by, lines by position, history in time order
	dealers  map[int]*ent.Dealer
	products map[int]*ent.Product // with prices
}

func readOrders(t *testing.T, c *ent.Client) *orderSet {
	t.Helper()
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow) // the tests read as the system
	os, err := c.Order.Query().
		WithDealer().
		WithPlacedBy().
		WithLines(func(q *ent.OrderLineQuery) { q.Order(orderline.ByPosition()) }).
		WithHistory(func(q *ent.OrderEventQuery) {
			q.Order(orderevent.ByAt(), orderevent.ByID()).WithActor()
		}).
		Order(order.ByPlacedAt(), order.ByID()).
		All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := c.Dealer.Query().
		WithUsers().
		WithChannel(func(q *ent.ChannelQuery) { q.WithManagers() }).
		All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := c.Product.Query().WithPrices().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s := &orderSet{orders: os, dealers: map[int]*ent.Dealer{}, products: map[int]*ent.Product{}}
	for _, d := range ds {
		s.dealers[d.ID] = d
	}
	for _, p := range ps {
		s.products[p.ID] = p
	}
	return s
}

func TestOrders(t *testing.T) { storetest.Each(t, testOrders) }

func testOrders(t *testing.T, db *store.DB) {
	checkOrders(t, readOrders(t, loaded(t, db)), today)
}

// TestOrdersOnOtherDays: whatever day the demo starts on — a Monday, the
// turn of a year, a Sunday — the orders keep their promises.
func TestOrdersOnOtherDays(t *testing.T) {
	for _, day := range []time.Time{
		time.Date(2026, 3, 16, 0, 0, 0, 0, time.UTC),
		time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2028, 2, 29, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 7, 5, 0, 0, 0, 0, time.UTC),
	} {
		t.Run(day.Format(time.DateOnly), func(t *testing.T) {
			db := storetest.Open(t)
			if err := demo.Load(context.Background(), db.Client, day); err != nil {
				t.Fatal(err)
			}
			checkOrders(t, readOrders(t, db.Client), day)
			checkAccounts(t, readAccounts(t, db.Client), day)
		})
	}
}

func checkOrders(t *testing.T, s *orderSet, today time.Time) {
	t.Run("volume", func(t *testing.T) {
		if n := len(s.orders); n < 300 || n > 500 {
			t.Errorf("%d orders, want 300-500", n)
		}
		statuses := map[status.Status]int{}
		perTier := map[int][]int{} // tier → orders of each dealer
		byDealer := map[int]int{}
		for _, o := range s.orders {
			statuses[o.Status]++
			byDealer[o.DealerID]++
		}
		for _, st := range status.Status("").Values() {
			if statuses[status.Status(st)] == 0 {
				t.Errorf("no order is %s (%v)", st, statuses)
			}
		}
		if statuses[status.Delivered] < len(s.orders)/2 {
			t.Errorf("statuses %v, want mostly DELIVERED", statuses)
		}
		for id, d := range s.dealers {
			if d.Status == dealer.StatusACTIVE {
				perTier[d.Tier] = append(perTier[d.Tier], byDealer[id])
			}
		}
		if slices.Min(perTier[1]) <= slices.Max(perTier[2])*3/2 {
			t.Errorf("orders per active dealer: distributors %v, dealers %v; want distributors well ahead", perTier[1], perTier[2])
		}
	})

	t.Run("months", func(t *testing.T) {
		months := 0
		for k := range 12 {
			from, to := today.AddDate(0, -k-1, 0), today.AddDate(0, -k, 0)
			if slices.ContainsFunc(s.orders, func(o *ent.Order) bool {
				return !o.PlacedAt.Before(from) && o.PlacedAt.Before(to)
			}) {
				months++
			}
		}
		if months < 11 {
			t.Errorf("orders in %d of the last 12 months, want >= 11", months)
		}
		for _, o := range s.orders {
			if o.PlacedAt.Before(today.AddDate(-1, 0, 0)) || !o.PlacedAt.Before(today) {
				t.Errorf("%s placed %s, want within the year before %s", o.Number, o.PlacedAt, today.Format(time.DateOnly))
			}
		}
	})

	t.Run("lines", func(t *testing.T) {
		for _, o := range s.orders {
			if n := len(o.Edges.Lines); n < 1 || n > 5 {
				t.Errorf("%s: %d lines, want 1-5", o.Number, n)
			}
			var total int64
			seen := map[int]bool{}
			for i, l := range o.Edges.Lines {
				p := s.products[l.ProductID]
				switch {
				case l.Position != i+1:
					t.Errorf("%s line %d: position %d", o.Number, i+1, l.Position)
				case seen[l.ProductID]:
					t.Errorf("%s: %s on two lines", o.Number, p.Sku)
				case !p.Active:
					t.Errorf("%s: retired product %s", o.Number, p.Sku)
				case l.Sku != p.Sku || l.ProductName != p.Name || l.UnitCost != p.UnitCost:
					t.Errorf("%s line %d: %s %q cost %d, want the product's %s %q %d", o.Number, l.Position, l.Sku, l.ProductName, l.UnitCost, p.Sku, p.Name, p.UnitCost)
				case l.Quantity <= 0 || l.Quantity > 10_000:
					t.Errorf("%s line %d: quantity %d", o.Number, l.Position, l.Quantity)
				case l.DiscountBasisPoints != 0:
					t.Errorf("%s line %d: discount %d, want none before promotions", o.Number, l.Position, l.DiscountBasisPoints)
				}
				seen[l.ProductID] = true
				if want, _ := ordering.LineAmount(l.Quantity, l.UnitPrice, 0); l.Amount != want {
					t.Errorf("%s line %d: amount %d, want %d", o.Number, l.Position, l.Amount, want)
				}
				total += l.Amount
			}
			if o.Total != total {
				t.Errorf("%s: total %d, want Σ amounts %d", o.Number, o.Total, total)
			}
		}
	})

	t.Run("prices", func(t *testing.T) {
		// A price that ended: lines on its last day and the next one
		// show the validity is honoured to the day.
		var repriced string
		var rise time.Time
		for _, p := range s.products {
			for _, pr := range p.Edges.Prices {
				if pr.ValidTo != nil && !pr.ValidTo.After(today) {
					repriced, rise = p.Sku, *pr.ValidTo
				}
			}
		}
		var expired, channel, before, after int
		for _, o := range s.orders {
			d := s.dealers[o.DealerID]
			date := o.PlacedAt.UTC().Truncate(24 * time.Hour)
			for _, l := range o.Edges.Lines {
				var want *ent.Price
				for _, pr := range s.products[l.ProductID].Edges.Prices {
					if pr.Tier != d.Tier || !validOn(pr, date) || (pr.ChannelID != nil && *pr.ChannelID != d.ChannelID) {
						continue
					}
					if want == nil || pr.ChannelID != nil {
						want = pr
					}
				}
				if want == nil {
					t.Errorf("%s: no price for %s on %s", o.Number, l.Sku, date.Format(time.DateOnly))
					continue
				}
				if l.UnitPrice != want.Amount {
					t.Errorf("%s %s on %s: unit price %d, want %d", o.Number, l.Sku, date.Format(time.DateOnly), l.UnitPrice, want.Amount)
				}
				if want.ValidTo != nil && !want.ValidTo.After(today) {
					expired++
				}
				if want.ChannelID != nil {
					channel++
				}
				if l.Sku == repriced && date.Equal(rise.AddDate(0, 0, -1)) {
					before++
				}
				if l.Sku == repriced && date.Equal(rise) {
					after++
				}
			}
		}
		if expired == 0 || channel == 0 {
			t.Errorf("lines at an expired price %d, at a channel price %d; want both", expired, channel)
		}
		if before == 0 || after == 0 {
			t.Errorf("%s lines on the day before its price changed %d, on the day %d; want both", repriced, before, after)
		}
	})

	t.Run("history", func(t *testing.T) {
		for _, o := range s.orders {
			h := o.Edges.History
			if len(h) == 0 {
				t.Errorf("%s: no history", o.Number)
				continue
			}
			if first := h[0]; first.From != nil || first.To != status.Submitted || !first.At.Equal(o.PlacedAt) || first.Kind != orderevent.KindSTATUS_CHANGED {
				t.Errorf("%s: history starts %v→%s at %s, want placed (→SUBMITTED) at %s", o.Number, first.From, first.To, first.At, o.PlacedAt)
			}
			for i := 1; i < len(h); i++ {
				prev, e := h[i-1], h[i]
				switch {
				case !e.At.After(prev.At):
					t.Errorf("%s: event %d at %s, not after %s", o.Number, i, e.At, prev.At)
				case e.From == nil || *e.From != prev.To:
					t.Errorf("%s: event %d from %v, want %s", o.Number, i, e.From, prev.To)
				case e.Kind == orderevent.KindSTATUS_CHANGED && !status.CanMove(*e.From, e.To):
					t.Errorf("%s: %s → %s", o.Number, *e.From, e.To)
				case e.Kind == orderevent.KindCREDIT_HOLD_RELEASED && (e.To != *e.From || strings.TrimSpace(e.Note) == ""):
					t.Errorf("%s: hold released %s → %s with note %q", o.Number, *e.From, e.To, e.Note)
				}
			}
			last := h[len(h)-1]
			if last.To != o.Status {
				t.Errorf("%s: status %s, history ends at %s", o.Number, o.Status, last.To)
			}
			if !last.At.Before(today) {
				t.Errorf("%s: event at %s, on or after %s", o.Number, last.At, today.Format(time.DateOnly))
			}
			if o.Version != len(h) {
				t.Errorf("%s: version %d after %d changes", o.Number, o.Version, len(h)-1)
			}
			if !o.CreatedAt.Equal(o.PlacedAt) || !o.UpdatedAt.Equal(last.At) {
				t.Errorf("%s: created %s updated %s, want %s and %s", o.Number, o.CreatedAt, o.UpdatedAt, o.PlacedAt, last.At)
			}
			if o.Status == status.Rejected && last.Note == "" {
				t.Errorf("%s: rejected without a reason", o.Number)
			}
			if r := o.RequestedDeliveryDate; r != nil && !r.After(o.PlacedAt) {
				t.Errorf("%s: placed %s for delivery on %s", o.Number, o.PlacedAt, r.Format(time.DateOnly))
			}
		}
	})

	t.Run("people", func(t *testing.T) {
		for _, o := range s.orders {
			d := s.dealers[o.DealerID]
			managers := d.Edges.Channel.Edges.Managers
			isManager := func(u *ent.User) bool {
				return u != nil && slices.ContainsFunc(managers, func(m *ent.User) bool { return m.ID == u.ID })
			}
			placer := o.Edges.PlacedBy
			switch {
			case len(d.Edges.Users) > 0:
				if placer == nil || placer.Role != user.RoleDEALER || placer.DealerID == nil || *placer.DealerID != d.ID {
					t.Errorf("%s: placed by %v, want %s's own user", o.Number, placer, d.Code)
				}
			case !isManager(placer):
				t.Errorf("%s: placed by %v, want a manager of %s's channel", o.Number, placer, d.Code)
			}
			for i, e := range o.Edges.History {
				if e.Edges.Actor == nil || e.ActorName != e.Edges.Actor.Name {
					t.Errorf("%s event %d: actor %v named %q", o.Number, i, e.Edges.Actor, e.ActorName)
					continue
				}
				dealerSide := i == 0 || (e.To == status.Cancelled && *e.From == status.Submitted)
				switch {
				case dealerSide && (o.PlacedByID == nil || e.Edges.Actor.ID != *o.PlacedByID):
					t.Errorf("%s: %s by %s, want %s who placed it", o.Number, e.To, e.ActorName, placer.Name)
				case !dealerSide && !isManager(e.Edges.Actor):
					t.Errorf("%s: %s by %s, want a manager of %s's channel", o.Number, e.To, e.ActorName, d.Code)
				}
			}
		}
	})

	t.Run("numbers", func(t *testing.T) {
		format := regexp.MustCompile(`^SO-\d{6}$`)
		seen := map[string]bool{}
		for _, o := range s.orders {
			if !format.MatchString(o.Number) || o.Number != accounts.DocumentNumber("SO", o.ID) {
				t.Errorf("order %d: number %q", o.ID, o.Number)
			}
			if seen[o.Number] {
				t.Errorf("number %s twice", o.Number)
			}
			seen[o.Number] = true
		}
	})

	t.Run("dealers", func(t *testing.T) {
		count := map[string]int{}
		open := map[string]int{}
		for _, o := range s.orders {
			d := s.dealers[o.DealerID]
			count[d.Code]++
			if o.Status.Open() {
				open[d.Code]++
			}
			if !d.JoinedOn.Before(o.PlacedAt) {
				t.Errorf("%s: placed %s, before %s joined on %s", o.Number, o.PlacedAt, d.Code, d.JoinedOn.Format(time.DateOnly))
			}
			switch d.Status {
			case dealer.StatusTERMINATED:
				if o.PlacedAt.After(today.AddDate(0, -6, 0)) {
					t.Errorf("%s: placed %s by terminated %s", o.Number, o.PlacedAt, d.Code)
				}
				fallthrough
			case dealer.StatusSUSPENDED:
				if o.Status.Open() {
					t.Errorf("%s: %s for %s %s", o.Number, o.Status, d.Status, d.Code)
				}
			}
		}
		if n := count[demo.SouthTraders]; n < 2 {
			t.Errorf("South Traders has %d orders, want >= 2", n)
		}
		if n := open[demo.SouthTraders]; n < 2 {
			t.Errorf("South Traders has %d open orders, want >= 2", n)
		}
		north := open[demo.NorthDistribution]
		for _, d := range s.dealers {
			if d.ParentID != nil && s.dealers[*d.ParentID].Code == demo.NorthDistribution {
				north += open[d.Code]
			}
		}
		if open[demo.NorthDistribution] < 3 || north < 6 {
			t.Errorf("open orders: North Distribution %d, with its sub-dealers %d; want several", open[demo.NorthDistribution], north)
		}
	})
}

// statusAt is where o stood at t, by its history.
func statusAt(o *ent.Order, t time.Time) status.Status {
	s := status.Submitted
	for _, e := range o.Edges.History {
		if e.At.After(t) {
			break
		}
		s = e.To
	}
	return s
}

// TestOrdersDeterministic loads the demo twice on each store: the same day
// gives the same orders, shipments and accounts, to the number.
func TestOrdersDeterministic(t *testing.T) {
	var dumps []string
	for _, tc := range []struct {
		name string
		open func(testing.TB) *store.DB
	}{
		{"sqlite", storetest.Open},
		{"postgres", storetest.OpenPostgres},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dump := func(c *ent.Client) string {
				return orderDump(readOrders(t, c), time.UTC) + accountDump(readAccounts(t, c), time.UTC)
			}
			a, b := dump(loaded(t, tc.open(t))), dump(loaded(t, tc.open(t)))
			if a != b {
				t.Fatalf("two loads differ:\n%s\n----\n%s", a, b)
			}
			dumps = append(dumps, a)
		})
	}
	// Ids, and so numbers, start where each database starts them; the
	// rest is the same on both.
	if len(dumps) == 2 {
		number := regexp.MustCompile(`(SO|SH|INV|CN|MF|DP)-\d{6}`)
		if a, b := number.ReplaceAllString(dumps[0], "$1-"), number.ReplaceAllString(dumps[1], "$1-"); a != b {
			t.Fatalf("SQLite and PostgreSQL orders differ:\n%s\n----\n%s", a, b)
		}
	}
}

// TestSameStoryInEveryZone loads the demo in Shanghai and in UTC: the
// same orders, lines, holds, shipments, invoices and payments, at the same
// hours of each zone's wall clock.
func TestSameStoryInEveryZone(t *testing.T) {
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	var dumps []string
	for _, loc := range []*time.Location{shanghai, time.UTC} {
		db := storetest.Open(t)
		if err := demo.LoadIn(context.Background(), db.Client, today, loc); err != nil {
			t.Fatal(err)
		}
		dumps = append(dumps, orderDump(readOrders(t, db.Client), loc)+accountDump(readAccounts(t, db.Client), loc))
	}
	if dumps[0] != dumps[1] {
		a, b := strings.Split(dumps[0], "\n"), strings.Split(dumps[1], "\n")
		for i := range min(len(a), len(b)) {
			if a[i] != b[i] {
				t.Fatalf("Shanghai and UTC differ at line %d:\n%s\n%s", i+1, a[i], b[i])
			}
		}
		t.Fatalf("Shanghai and UTC differ: %d lines and %d", len(a), len(b))
	}
	if !strings.Contains(dumps[0], "SO-") || !strings.Contains(dumps[0], "payment ") {
		t.Fatal("nothing to compare")
	}
}

// wall is t on loc's wall clock.
func wall(t time.Time, loc *time.Location) string { return t.In(loc).Format("2006-01-02 15:04:05") }

// orderDump is a canonical text of the orders: numbers, dealers, statuses,
// totals, lines and history, no ids; times on loc's wall clock.
func orderDump(s *orderSet, loc *time.Location) string {
	var b strings.Builder
	for _, o := range s.orders {
		requested := "-"
		if o.RequestedDeliveryDate != nil {
			requested = o.RequestedDeliveryDate.Format(time.DateOnly)
		}
		fmt.Fprintf(&b, "%s %s %s placed=%s by=%s hold=%v v=%d total=%d requested=%s note=%q\n",
			o.Number, o.Edges.Dealer.Code, o.Status, wall(o.PlacedAt, loc), o.Edges.PlacedBy.Email,
			o.CreditHold, o.Version, o.Total, requested, o.Note)
		for _, l := range o.Edges.Lines {
			fmt.Fprintf(&b, "  %d %s x%d @%d cost=%d = %d\n", l.Position, l.Sku, l.Quantity, l.UnitPrice, l.UnitCost, l.Amount)
		}
		for _, e := range o.Edges.History {
			from := "-"
			if e.From != nil {
				from = string(*e.From)
			}
			fmt.Fprintf(&b, "  %s %s %s→%s %s %q\n", wall(e.At, loc), e.Kind, from, e.To, e.ActorName, e.Note)
		}
	}
	return b.String()
}

// BenchmarkLoad times loading the whole demo set into a fresh SQLite
// database.
func BenchmarkLoad(b *testing.B) {
	for range b.N {
		b.StopTimer()
		db := storetest.Open(b)
		b.StartTimer()
		if err := demo.Load(context.Background(), db.Client, today); err != nil {
			b.Fatal(err)
		}
	}
}
