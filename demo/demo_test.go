package demo_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/demo"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/channel"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/price"
	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

var today = time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)

// loaded loads the demo set into db, a fresh database.
func loaded(t *testing.T, db *store.DB) *ent.Client {
	t.Helper()
	if err := demo.Load(context.Background(), db.Client, today); err != nil {
		t.Fatal(err)
	}
	return db.Client
}

type counts struct{ users, channels, territories, dealers, contacts, products, prices int }

func countAll(t *testing.T, c *ent.Client) counts {
	t.Helper()
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow) // the tests read as the system
	var got counts
	for _, q := range []struct {
		n  *int
		fn func(context.Context) (int, error)
	}{
		{&got.users, c.User.Query().Count},
		{&got.channels, c.Channel.Query().Count},
		{&got.territories, c.Territory.Query().Count},
		{&got.dealers, c.Dealer.Query().Count},
		{&got.contacts, c.Contact.Query().Count},
		{&got.products, c.Product.Query().Count},
		{&got.prices, c.Price.Query().Count},
	} {
		n, err := q.fn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		*q.n = n
	}
	return got
}

func TestEmpty(t *testing.T) { storetest.Each(t, testEmpty) }

func testEmpty(t *testing.T, db *store.DB) {
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow) // the tests read as the system
	client := db.Client
	if got, err := demo.Empty(ctx, client); err != nil || !got {
		t.Fatalf("Empty before Load = %v, %v; want true", got, err)
	}
	if err := demo.Load(ctx, client, today); err != nil {
		t.Fatal(err)
	}
	if got, err := demo.Empty(ctx, client); err != nil || got {
		t.Fatalf("Empty after Load = %v, %v; want false", got, err)
	}
}

func TestLoad(t *testing.T) { storetest.Each(t, testLoad) }

func testLoad(t *testing.T, db *store.DB) {
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow) // the tests read as the system
	c := loaded(t, db)

	t.Run("counts", func(t *testing.T) {
		got := countAll(t, c)
		for _, tc := range []struct {
			name      string
			got, want int
			atLeast   bool
		}{
			{"users", got.users, 4, true},
			{"channels", got.channels, 3, true},
			{"territories", got.territories, 8, false},
			{"dealers", got.dealers, 30, false},
			{"products", got.products, 40, false},
			{"contacts", got.contacts, 30, true},
		} {
			if tc.got != tc.want && !(tc.atLeast && tc.got > tc.want) {
				t.Errorf("%s = %d, want %d", tc.name, tc.got, tc.want)
			}
		}
	})

	t.Run("channels", func(t *testing.T) {
		for _, tc := range []struct{ code, name string }{
			{"RETAIL", "Retail"}, {"KEY", "Key accounts"}, {"ECOM", "E-commerce"},
		} {
			ch, err := c.Channel.Query().Where(channel.Code(tc.code)).Only(ctx)
			if err != nil {
				t.Fatalf("channel %s: %v", tc.code, err)
			}
			if got, want := ch.Name, tc.name; got != want {
				t.Errorf("channel %s name = %q, want %q", tc.code, got, want)
			}
		}
	})

	t.Run("logins", func(t *testing.T) {
		wantDealer := map[string]string{
			"admin@demo.test":   "",
			"manager@demo.test": "",
			"north@demo.test":   "North Distribution",
			"south@demo.test":   "South Traders",
		}
		if got, want := len(demo.Logins), 4; got != want {
			t.Fatalf("len(Logins) = %d, want %d", got, want)
		}
		for _, l := range demo.Logins {
			t.Run(l.Email, func(t *testing.T) {
				u, err := c.User.Query().Where(user.Email(l.Email)).WithDealer().Only(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if got, want := string(u.Role), l.Role; got != want {
					t.Errorf("role = %s, want %s", got, want)
				}
				got := ""
				if u.Edges.Dealer != nil {
					got = u.Edges.Dealer.Name
				}
				if want := wantDealer[l.Email]; got != want {
					t.Errorf("dealer = %q, want %q", got, want)
				}
				if l.Sees == "" {
					t.Error("Sees is empty")
				}
			})
		}
	})

	t.Run("password", func(t *testing.T) {
		u, err := c.User.Query().Where(user.Email("south@demo.test")).Only(ctx)
		if err != nil {
			t.Fatal(err)
		}
		ok, err := auth.CheckPassword(u.PasswordHash, demo.Password)
		if err != nil || !ok {
			t.Errorf("CheckPassword(hash, %q) = %v, %v; want true", demo.Password, ok, err)
		}
	})

	t.Run("manager manages Retail", func(t *testing.T) {
		u, err := c.User.Query().Where(user.Email("manager@demo.test")).Only(ctx)
		if err != nil {
			t.Fatal(err)
		}
		chs, err := u.QueryManagedChannels().All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, ch := range chs {
			got = append(got, ch.Name)
		}
		if want := []string{"Retail"}; !slices.Equal(got, want) {
			t.Errorf("managed channels = %v, want %v", got, want)
		}
	})

	t.Run("North Distribution", func(t *testing.T) {
		d, err := c.Dealer.Query().Where(dealer.Code(demo.NorthDistribution)).WithChannel().WithSubDealers().Only(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := d.Name, "North Distribution"; got != want {
			t.Errorf("name = %q, want %q", got, want)
		}
		if got, want := d.Tier, 1; got != want {
			t.Errorf("tier = %d, want %d", got, want)
		}
		if got, want := d.Edges.Channel.Name, "Retail"; got != want {
			t.Errorf("channel = %q, want %q", got, want)
		}
		if n := len(d.Edges.SubDealers); n < 4 || n > 6 {
			t.Errorf("sub-dealers = %d, want 4-6", n)
		}
		for _, s := range d.Edges.SubDealers {
			if s.Tier != 2 || s.ChannelID != d.ChannelID {
				t.Errorf("sub-dealer %s: tier %d channel %d, want tier 2 channel %d", s.Code, s.Tier, s.ChannelID, d.ChannelID)
			}
		}
		owner, err := d.QueryOwner().Only(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := owner.Email, "manager@demo.test"; got != want {
			t.Errorf("owner = %s, want %s", got, want)
		}
	})

	t.Run("South Traders", func(t *testing.T) {
		d, err := c.Dealer.Query().Where(dealer.Code(demo.SouthTraders)).WithChannel().Only(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := d.Name, "South Traders"; got != want {
			t.Errorf("name = %q, want %q", got, want)
		}
		if got, want := d.Tier, 2; got != want {
			t.Errorf("tier = %d, want %d", got, want)
		}
		if got, want := d.Edges.Channel.Name, "Retail"; got != want {
			t.Errorf("channel = %q, want %q", got, want)
		}
		if d.ParentID != nil {
			t.Errorf("parent = %d, want none", *d.ParentID)
		}
		inNorth, err := c.Dealer.Query().
			Where(dealer.Code(demo.NorthDistribution)).
			QuerySubDealers().
			Where(dealer.ID(d.ID)).
			Exist(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if inNorth {
			t.Error("South Traders is in North Distribution's tree")
		}
	})

	t.Run("dealers", func(t *testing.T) {
		ds, err := c.Dealer.Query().WithTerritories().WithContacts().WithOwner().WithChannel().All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		statuses := map[dealer.Status]int{}
		tier1 := 0
		for _, d := range ds {
			statuses[d.Status]++
			if d.Tier == 1 {
				tier1++
			}
			if n := len(d.Edges.Territories); n < 1 || n > 3 {
				t.Errorf("%s: %d territories, want 1-3", d.Code, n)
			}
			if n := len(d.Edges.Contacts); n < 1 || n > 3 {
				t.Errorf("%s: %d contacts, want 1-3", d.Code, n)
			}
			primary := 0
			for _, ct := range d.Edges.Contacts {
				if ct.Primary {
					primary++
				}
				if ct.Name == "" || ct.Email == "" || ct.Phone == "" || ct.Title == "" {
					t.Errorf("%s: incomplete contact %+v", d.Code, ct)
				}
			}
			if primary != 1 {
				t.Errorf("%s: %d primary contacts, want 1", d.Code, primary)
			}
			if d.Edges.Owner == nil || d.Edges.Owner.Role != user.RoleCHANNEL_MANAGER {
				t.Errorf("%s: owner is not a channel manager", d.Code)
			} else {
				managed, err := d.Edges.Owner.QueryManagedChannels().IDs(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Contains(managed, d.ChannelID) {
					t.Errorf("%s: owner %s does not manage channel %s", d.Code, d.Edges.Owner.Email, d.Edges.Channel.Code)
				}
			}
			if d.CreditLimit <= 0 || d.CreditLimit%100 != 0 {
				t.Errorf("%s: credit limit %d", d.Code, d.CreditLimit)
			}
			if !slices.Contains([]int{30, 45, 60}, d.PaymentTermsDays) {
				t.Errorf("%s: payment terms %d", d.Code, d.PaymentTermsDays)
			}
			if d.JoinedOn.After(today.AddDate(-1, 0, 0)) || d.JoinedOn.Before(today.AddDate(-6, 0, -1)) {
				t.Errorf("%s: joined %s, want 1-6 years before %s", d.Code, d.JoinedOn.Format(time.DateOnly), today.Format(time.DateOnly))
			}
		}
		if tier1 < 2 {
			t.Errorf("tier-1 distributors = %d, want >= 2", tier1)
		}
		if got, want := statuses[dealer.StatusTERMINATED], 1; got != want {
			t.Errorf("terminated = %d, want %d", got, want)
		}
		if statuses[dealer.StatusPROBATION] == 0 || statuses[dealer.StatusSUSPENDED] == 0 {
			t.Errorf("statuses = %v, want some PROBATION and SUSPENDED", statuses)
		}
		if statuses[dealer.StatusACTIVE] <= len(ds)/2 {
			t.Errorf("statuses = %v, want mostly ACTIVE", statuses)
		}
	})

	t.Run("prices", func(t *testing.T) {
		ps, err := c.Product.Query().WithPrices(func(q *ent.PriceQuery) { q.WithChannel() }).All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		categories := map[string]bool{}
		inactive, channelPrices, expired := 0, 0, 0
		for _, p := range ps {
			categories[p.Category] = true
			if !p.Active {
				inactive++
			}
			if p.UnitCost >= p.ListPrice {
				t.Errorf("%s: cost %d >= list %d", p.Sku, p.UnitCost, p.ListPrice)
			}
			current := map[int]int64{} // tier → today's tier price
			for _, pr := range p.Edges.Prices {
				if pr.ValidTo != nil && !pr.ValidTo.After(today) {
					expired++
					continue
				}
				if pr.Amount <= p.UnitCost || pr.Amount >= p.ListPrice {
					t.Errorf("%s tier %d: price %d outside (%d, %d)", p.Sku, pr.Tier, pr.Amount, p.UnitCost, p.ListPrice)
				}
				if pr.ChannelID != nil {
					channelPrices++
					if got, want := pr.Edges.Channel.Code, "ECOM"; got != want {
						t.Errorf("%s: channel price in %s, want %s", p.Sku, got, want)
					}
					continue
				}
				if validOn(pr, today) {
					if _, dup := current[pr.Tier]; dup {
						t.Errorf("%s tier %d: more than one price valid today", p.Sku, pr.Tier)
					}
					current[pr.Tier] = pr.Amount
				}
			}
			for _, tier := range []int{1, 2} {
				if _, ok := current[tier]; !ok {
					t.Errorf("%s tier %d: no price valid today", p.Sku, tier)
				}
			}
			if current[1] >= current[2] {
				t.Errorf("%s: tier 1 %d >= tier 2 %d", p.Sku, current[1], current[2])
			}
		}
		if n := len(categories); n < 4 || n > 6 {
			t.Errorf("categories = %d, want 4-6", n)
		}
		if inactive == 0 || inactive > 5 {
			t.Errorf("inactive products = %d, want a few", inactive)
		}
		if channelPrices == 0 {
			t.Error("no E-commerce channel prices")
		}
		if expired == 0 {
			t.Error("no expired price to show history")
		}
	})
}

func validOn(p *ent.Price, day time.Time) bool {
	return !p.ValidFrom.After(day) && (p.ValidTo == nil || p.ValidTo.After(day))
}

// TestDeterministic loads the set on each store and on SQLite again: all
// the same, so a demo on PostgreSQL shows what one on SQLite does.
func TestDeterministic(t *testing.T) {
	var dumps []string
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		dumps = append(dumps, dump(t, loaded(t, db)))
	})
	a, b := dumps[0], dump(t, loaded(t, storetest.Open(t)))
	if a != b {
		t.Fatalf("two loads differ:\n%s\n----\n%s", a, b)
	}
	if len(dumps) == 2 && dumps[1] != a {
		t.Fatalf("PostgreSQL and SQLite loads differ:\n%s\n----\n%s", dumps[1], a)
	}
	// Loading against another day moves only the dates.
	other := storetest.Open(t).Client
	if err := demo.Load(context.Background(), other, today.AddDate(0, 0, 10)); err != nil {
		t.Fatal(err)
	}
	if c := dump(t, other); c == a {
		t.Error("load on another day has the same dates")
	}
}

// dump is a canonical text of the data set: codes and values, no ids or
// timestamps of creation.
func dump(t *testing.T, c *ent.Client) string {
	t.Helper()
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow) // the tests read as the system
	var b strings.Builder
	ds, err := c.Dealer.Query().
		WithParent().WithChannel().WithOwner().WithTerritories().WithContacts().WithUsers().
		Order(dealer.ByCode()).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		parent := ""
		if d.Edges.Parent != nil {
			parent = d.Edges.Parent.Code
		}
		var terr, contacts, users []string
		for _, x := range d.Edges.Territories {
			terr = append(terr, x.Code+"/"+x.Name+"/"+x.Region)
		}
		for _, x := range d.Edges.Contacts {
			contacts = append(contacts, fmt.Sprintf("%s/%s/%s/%s/%v", x.Name, x.Title, x.Email, x.Phone, x.Primary))
		}
		for _, x := range d.Edges.Users {
			users = append(users, x.Email+"/"+string(x.Role))
		}
		slices.Sort(terr)
		slices.Sort(contacts)
		slices.Sort(users)
		fmt.Fprintf(&b, "dealer %s %q tier=%d parent=%s channel=%s owner=%s status=%s credit=%d terms=%d joined=%s terr=%v contacts=%v users=%v\n",
			d.Code, d.Name, d.Tier, parent, d.Edges.Channel.Code, d.Edges.Owner.Email, d.Status,
			d.CreditLimit, d.PaymentTermsDays, d.JoinedOn.Format(time.DateOnly), terr, contacts, users)
	}
	ps, err := c.Product.Query().WithPrices(func(q *ent.PriceQuery) { q.WithChannel() }).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(ps, func(x, y *ent.Product) int { return strings.Compare(x.Sku, y.Sku) })
	for _, p := range ps {
		fmt.Fprintf(&b, "product %s %q %s cost=%d list=%d active=%v\n", p.Sku, p.Name, p.Category, p.UnitCost, p.ListPrice, p.Active)
		var prices []string
		for _, pr := range p.Edges.Prices {
			ch, to := "", ""
			if pr.Edges.Channel != nil {
				ch = pr.Edges.Channel.Code
			}
			if pr.ValidTo != nil {
				to = pr.ValidTo.Format(time.DateOnly)
			}
			prices = append(prices, fmt.Sprintf("  price tier=%d channel=%s amount=%d from=%s to=%s\n",
				pr.Tier, ch, pr.Amount, pr.ValidFrom.Format(time.DateOnly), to))
		}
		slices.Sort(prices)
		b.WriteString(strings.Join(prices, ""))
	}
	us, err := c.User.Query().WithManagedChannels().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var users []string
	for _, u := range us {
		var chs []string
		for _, ch := range u.Edges.ManagedChannels {
			chs = append(chs, ch.Code)
		}
		slices.Sort(chs)
		users = append(users, fmt.Sprintf("user %s %q %s manages=%v\n", u.Email, u.Name, u.Role, chs))
	}
	slices.Sort(users)
	b.WriteString(strings.Join(users, ""))
	return b.String()
}

func TestLoadTwiceRollsBack(t *testing.T) { storetest.Each(t, testLoadTwiceRollsBack) }

func testLoadTwiceRollsBack(t *testing.T, db *store.DB) {
	c := loaded(t, db)
	before := countAll(t, c)
	if err := demo.Load(context.Background(), c, today); err == nil {
		t.Fatal("second Load succeeded, want a unique-constraint error")
	}
	if got, want := countAll(t, c), before; got != want {
		t.Errorf("counts after failed Load = %+v, want %+v", got, want)
	}
}

// TestFailedLoadLeavesNothing makes Load fail midway (the channel codes
// exist already) and checks the users it made first were rolled back.
func TestFailedLoadLeavesNothing(t *testing.T) { storetest.Each(t, testFailedLoadLeavesNothing) }

func testFailedLoadLeavesNothing(t *testing.T, db *store.DB) {
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow) // the tests read as the system
	c := db.Client
	if _, err := c.Channel.Create().SetCode("RETAIL").SetName("Retail").Save(ctx); err != nil {
		t.Fatal(err)
	}
	if err := demo.Load(ctx, c, today); err == nil {
		t.Fatal("Load succeeded, want a unique-constraint error")
	}
	if got, want := countAll(t, c), (counts{channels: 1}); got != want {
		t.Errorf("counts after failed Load = %+v, want %+v", got, want)
	}
	if got, err := demo.Empty(ctx, c); err != nil || !got {
		t.Errorf("Empty after failed Load = %v, %v; want true", got, err)
	}
}

// TestPricesValidTodayInSQL asks the database, as a price lookup would:
// the SQL date comparison must agree with validOn.
func TestPricesValidTodayInSQL(t *testing.T) { storetest.Each(t, testPricesValidTodayInSQL) }

func testPricesValidTodayInSQL(t *testing.T, db *store.DB) {
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow) // the tests read as the system
	c := loaded(t, db)
	n, err := c.Price.Query().Where(
		price.ChannelIDIsNil(),
		price.ValidFromLTE(today),
		price.Or(price.ValidToIsNil(), price.ValidToGT(today)),
	).Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := n, 2*40; got != want {
		t.Errorf("tier prices valid today = %d, want %d", got, want)
	}
}
