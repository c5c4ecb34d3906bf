package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"entgo.io/ent/dialect/sql/schema"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/migrate"
	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

// system is a context that passes privacy rules, as data loading does.
func system() context.Context {
	return privacy.DecisionContext(context.Background(), privacy.Allow)
}

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// seed is one row of every type, linked as the model requires.
type seed struct {
	channel   *ent.Channel
	territory *ent.Territory
	dealer    *ent.Dealer
	contact   *ent.Contact
	product   *ent.Product
	price     *ent.Price
	user      *ent.User
	token     *ent.Token
}

func newSeed(t *testing.T, c *ent.Client) seed {
	t.Helper()
	ctx := system()
	var s seed
	var err error
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	s.channel, err = c.Channel.Create().SetCode("RETAIL").SetName("Retail").Save(ctx)
	must(err)
	s.territory, err = c.Territory.Create().SetCode("N1").SetName("North 1").Save(ctx)
	must(err)
	s.user, err = c.User.Create().SetEmail("manager@example.test").SetName("Manager").SetRole(user.RoleCHANNEL_MANAGER).Save(ctx)
	must(err)
	s.dealer, err = c.Dealer.Create().SetCode("D-1").SetName("Dealer One").SetTier(1).SetJoinedOn(day("2024-01-01")).
		SetChannel(s.channel).SetOwner(s.user).AddTerritories(s.territory).Save(ctx)
	must(err)
	s.contact, err = c.Contact.Create().SetName("Ann").SetDealer(s.dealer).Save(ctx)
	must(err)
	s.product, err = c.Product.Create().SetSku("DR-1").SetName("Drill").SetUnitCost(5000).SetListPrice(9900).Save(ctx)
	must(err)
	s.price, err = c.Price.Create().SetProduct(s.product).SetTier(1).SetAmount(7000).SetValidFrom(day("2026-01-01")).Save(ctx)
	must(err)
	s.token, err = c.Token.Create().SetUser(s.user).SetKind("API").SetSecretHash([]byte("hash")).Save(ctx)
	must(err)
	return s
}

// TestGlobalIDs_OneRangePerType: every type draws ids from its own range
// (ent's global ids), on both stores, so node(id:) finds the type from the
// id alone and ids of different types never collide.
func TestGlobalIDs_OneRangePerType(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := system()
		s := newSeed(t, db.Client)
		for _, tc := range []struct {
			table *schema.Table
			id    int
			typ   string
		}{
			{migrate.ChannelsTable, s.channel.ID, "*ent.Channel"},
			{migrate.TerritoriesTable, s.territory.ID, "*ent.Territory"},
			{migrate.DealersTable, s.dealer.ID, "*ent.Dealer"},
			{migrate.ContactsTable, s.contact.ID, "*ent.Contact"},
			{migrate.ProductsTable, s.product.ID, "*ent.Product"},
			{migrate.PricesTable, s.price.ID, "*ent.Price"},
			{migrate.UsersTable, s.user.ID, "*ent.User"},
			{migrate.TokensTable, s.token.ID, "*ent.Token"},
		} {
			start := *tc.table.Annotation.IncrementStart
			if tc.id < start || tc.id >= start+1<<32 {
				t.Errorf("%s: id %d outside [%d, %d)", tc.table.Name, tc.id, start, start+1<<32)
			}
			n, err := db.Client.Noder(ctx, tc.id)
			if err != nil {
				t.Errorf("Noder(%d): %v", tc.id, err)
				continue
			}
			if got := fmt.Sprintf("%T", n); got != tc.typ {
				t.Errorf("Noder(%d) = %s, want %s", tc.id, got, tc.typ)
			}
		}
	})
}

// TestPrices_NoOverlap: the overlap hook reads in the mutation's
// transaction; it must refuse the same periods on both stores.
func TestPrices_NoOverlap(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := system()
		c := db.Client
		s := newSeed(t, c) // tier 1 from 2026-01-01, open-ended
		if _, err := s.price.Update().SetValidTo(day("2026-07-01")).Save(ctx); err != nil {
			t.Fatal(err)
		}
		create := func(tier int, from, to string, channel *ent.Channel) error {
			q := c.Price.Create().SetProduct(s.product).SetTier(tier).SetAmount(6500).SetValidFrom(day(from))
			if to != "" {
				q.SetValidTo(day(to))
			}
			if channel != nil {
				q.SetChannel(channel)
			}
			_, err := q.Save(ctx)
			return err
		}
		for _, tc := range []struct {
			name     string
			tier     int
			from, to string
			channel  *ent.Channel
			want     apperr.Code
		}{
			{"StartsInside", 1, "2026-06-01", "2026-08-01", nil, apperr.Conflict},
			{"Encloses", 1, "2025-01-01", "", nil, apperr.Conflict},
			{"EndsBefore", 1, "2025-01-01", "2026-01-01", nil, ""}, // half-open: ends as the other starts
			{"StartsAfter", 1, "2026-07-01", "", nil, ""},
			{"AfterOpenEnded", 1, "2027-01-01", "", nil, apperr.Conflict},
			{"OtherTier", 2, "2026-01-01", "", nil, ""},
			{"ChannelPrice", 1, "2026-01-01", "", s.channel, ""},
			{"SecondChannelPrice", 1, "2026-03-01", "2026-04-01", s.channel, apperr.Conflict},
			{"EndsBeforeStart", 2, "2030-01-01", "2029-01-01", nil, apperr.InvalidInput},
		} {
			t.Run(tc.name, func(t *testing.T) {
				if got := apperr.CodeOf(create(tc.tier, tc.from, tc.to, tc.channel)); got != tc.want {
					t.Errorf("code = %q, want %q", got, tc.want)
				}
			})
		}
	})
}

// TestUniqueKeys: a second row with a taken business key is a constraint
// error on both stores, which the API reports as CONFLICT.
func TestUniqueKeys(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := system()
		c := db.Client
		s := newSeed(t, c)
		for _, tc := range []struct {
			name string
			save func() error
		}{
			{"ChannelCode", func() error { _, err := c.Channel.Create().SetCode("RETAIL").SetName("Again").Save(ctx); return err }},
			{"TerritoryCode", func() error { _, err := c.Territory.Create().SetCode("N1").SetName("Again").Save(ctx); return err }},
			{"DealerCode", func() error {
				_, err := c.Dealer.Create().SetCode("D-1").SetName("Again").SetTier(2).SetJoinedOn(day("2024-01-01")).SetChannel(s.channel).Save(ctx)
				return err
			}},
			{"ProductSKU", func() error {
				_, err := c.Product.Create().SetSku("DR-1").SetName("Again").SetUnitCost(1).SetListPrice(2).Save(ctx)
				return err
			}},
			{"UserEmail", func() error {
				_, err := c.User.Create().SetEmail("manager@example.test").SetName("Again").SetRole(user.RoleADMIN).Save(ctx)
				return err
			}},
			{"TokenSecret", func() error {
				_, err := c.Token.Create().SetUser(s.user).SetKind("SESSION").SetSecretHash([]byte("hash")).Save(ctx)
				return err
			}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				if err := tc.save(); !ent.IsConstraintError(err) {
					t.Errorf("err = %v, want a constraint error", err)
				}
			})
		}
		// The refused rows left nothing behind.
		if n, err := c.Dealer.Query().Count(ctx); err != nil || n != 1 {
			t.Errorf("dealers = %d, %v; want 1", n, err)
		}
	})
}

// TestTx_RollbackKeepsNothing: a failed transaction leaves no row on
// either store.
func TestTx_RollbackKeepsNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := system()
		tx, err := db.Client.Tx(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Channel.Create().SetCode("A").SetName("A").Save(ctx); err != nil {
			t.Fatal(err)
		}
		_, err = tx.Channel.Create().SetCode("A").SetName("Again").Save(ctx)
		if !ent.IsConstraintError(err) {
			t.Fatalf("err = %v, want a constraint error", err)
		}
		if err := tx.Rollback(); err != nil && !strings.Contains(err.Error(), "aborted") {
			t.Fatal(err)
		}
		if n, err := db.Client.Channel.Query().Count(ctx); err != nil || n != 0 {
			t.Errorf("channels = %d, %v; want 0", n, err)
		}
	})
}

// Times sort as times on both stores, whatever zone they were given in and
// whether they carry a monotonic clock reading (time.Now does): SQLite
// compares them as text.
func TestTimes_SortAsTimes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := system()
		u := db.Client.User.Create().SetEmail("a@test").SetName("A").SetPasswordHash("x").SetRole(user.RoleADMIN).SaveX(ctx)
		now := time.Now()
		east := time.FixedZone("UTC+8", 8*3600)
		for i, at := range []time.Time{
			now,                               // monotonic reading, local zone
			now.Add(-time.Hour).In(east),      // earlier, written in another zone
			now.Round(0).Add(time.Nanosecond), // later by a nanosecond
		} {
			db.Client.AuditEntry.Create().SetAt(at).SetActorID(u.ID).SetActorName("A").
				SetAction(fmt.Sprint(i)).SetSubjectType("X").SetSubjectID(1).SaveX(ctx)
		}
		var order []string
		for _, e := range db.Client.AuditEntry.Query().Order(ent.Asc("at")).AllX(ctx) {
			order = append(order, e.Action)
		}
		if got := strings.Join(order, ""); got != "102" {
			t.Errorf("entries by time = %s, want 102", got)
		}
	})
}
