package access_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/announcement"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/ent/price"
	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/ent/product"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

// The viewers of the table.
const (
	admin       = "Admin"
	managerA    = "ManagerOfChannelA"
	managerB    = "ManagerOfChannelB"
	distributor = "DistributorUser"     // dealer D, tier 1, with sub-dealer S
	subDealer   = "SubDealerUser"       // dealer S, tier 2, under D
	unrelated   = "UnrelatedDealerUser" // dealer U, tier 2, in channel B
)

var viewers = []string{admin, managerA, managerB, distributor, subDealer, unrelated}

// world is a small channel: channels A and B, each with its manager;
// distributor D (tier 1) and its sub-dealer S in channel A, territory T1;
// dealers U and W in channel B, territory T2, W owned by manager A; a user
// and an order at each dealer; an active and a retired product with their
// prices; announcements to several audiences.
type world struct {
	viewers map[string]*auth.Viewer
	id      map[string]int // object → id
}

func build(t *testing.T, db *store.DB) world {
	t.Helper()
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	c := db.Client
	day := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	w := world{viewers: map[string]*auth.Viewer{}, id: map[string]int{}}

	adminUser := c.User.Create().SetEmail("admin@x.test").SetName("Admin").SetRole(user.RoleADMIN).SaveX(ctx)
	mgrA := c.User.Create().SetEmail("a@x.test").SetName("Manager A").SetRole(user.RoleCHANNEL_MANAGER).SaveX(ctx)
	mgrB := c.User.Create().SetEmail("b@x.test").SetName("Manager B").SetRole(user.RoleCHANNEL_MANAGER).SaveX(ctx)
	chA := c.Channel.Create().SetCode("A").SetName("Retail").AddManagers(mgrA).SaveX(ctx)
	chB := c.Channel.Create().SetCode("B").SetName("Key accounts").AddManagers(mgrB).SaveX(ctx)
	t1 := c.Territory.Create().SetCode("T1").SetName("North").SaveX(ctx)
	t2 := c.Territory.Create().SetCode("T2").SetName("South").SaveX(ctx)
	w.viewers[admin] = &auth.Viewer{UserID: adminUser.ID, Role: user.RoleADMIN}
	w.viewers[managerA] = &auth.Viewer{UserID: mgrA.ID, Role: user.RoleCHANNEL_MANAGER, ManagedChannelIDs: []int{chA.ID}}
	w.viewers[managerB] = &auth.Viewer{UserID: mgrB.ID, Role: user.RoleCHANNEL_MANAGER, ManagedChannelIDs: []int{chB.ID}}
	w.id["user of manager A"] = mgrA.ID

	d := c.Dealer.Create().SetCode("D").SetName("Distributor").SetTier(1).SetJoinedOn(day).SetChannel(chA).AddTerritories(t1).SaveX(ctx)
	s := c.Dealer.Create().SetCode("S").SetName("Sub-dealer").SetTier(2).SetJoinedOn(day).SetChannel(chA).SetParent(d).AddTerritories(t1).SaveX(ctx)
	u := c.Dealer.Create().SetCode("U").SetName("Unrelated").SetTier(2).SetJoinedOn(day).SetChannel(chB).AddTerritories(t2).SaveX(ctx)
	wd := c.Dealer.Create().SetCode("W").SetName("Owned").SetTier(2).SetJoinedOn(day).SetChannel(chB).SetOwner(mgrA).AddTerritories(t2).SaveX(ctx)
	for viewer, dl := range map[string]*ent.Dealer{distributor: d, subDealer: s, unrelated: u} {
		du := c.User.Create().SetEmail(dl.Code + "@x.test").SetName("User of " + dl.Code).SetRole(user.RoleDEALER).SetDealer(dl).SaveX(ctx)
		w.viewers[viewer] = &auth.Viewer{UserID: du.ID, Role: user.RoleDEALER, DealerID: dl.ID, DealerTier: dl.Tier, DealerChannelID: dl.ChannelID,
			DealerTerritoryIDs: dl.QueryTerritories().IDsX(ctx)}
		w.id["user of "+dl.Code] = du.ID
	}
	for _, dl := range []*ent.Dealer{d, s, u, wd} {
		w.id["dealer "+dl.Code] = dl.ID
		w.id["order of "+dl.Code] = c.Order.Create().SetDealer(dl).SetPlacedAt(day).SetTotal(0).SaveX(ctx).ID
	}

	active := c.Product.Create().SetSku("P").SetName("Pump").SetUnitCost(100).SetListPrice(200).SaveX(ctx)
	retired := c.Product.Create().SetSku("X").SetName("Old pump").SetUnitCost(100).SetListPrice(200).SetActive(false).SaveX(ctx)
	w.id["active product"], w.id["retired product"] = active.ID, retired.ID
	priceOf := func(p *ent.Product, tier int, ch *ent.Channel) int {
		pc := c.Price.Create().SetProduct(p).SetTier(tier).SetAmount(150).SetValidFrom(day)
		if ch != nil {
			pc.SetChannel(ch)
		}
		return pc.SaveX(ctx).ID
	}
	w.id["tier-1 price"] = priceOf(active, 1, nil)
	w.id["tier-2 price"] = priceOf(active, 2, nil)
	w.id["tier-2 price of channel A"] = priceOf(active, 2, chA)
	w.id["tier-2 price of channel B"] = priceOf(active, 2, chB)
	w.id["tier-2 price of a retired product"] = priceOf(retired, 2, nil)

	announce := func(by *ent.User, build func(*ent.AnnouncementCreate)) int {
		ac := c.Announcement.Create().SetTitle("News").SetBody("Read me").SetPublishedAt(day).SetPublishedBy(by).SetPublishedByName(by.Name)
		build(ac)
		return ac.SaveX(ctx).ID
	}
	w.id["announcement to every dealer"] = announce(adminUser, func(*ent.AnnouncementCreate) {})
	w.id["announcement to channel A"] = announce(adminUser, func(a *ent.AnnouncementCreate) { a.AddChannels(chA) })
	w.id["announcement to channel B by its manager"] = announce(mgrB, func(a *ent.AnnouncementCreate) { a.AddChannels(chB) })
	w.id["announcement to tier 1"] = announce(adminUser, func(a *ent.AnnouncementCreate) { a.SetTiers([]int{1}) })
	w.id["announcement to territory T2"] = announce(adminUser, func(a *ent.AnnouncementCreate) { a.AddTerritories(t2) })
	w.id["announcement to tier 2 of channel A"] = announce(adminUser, func(a *ent.AnnouncementCreate) { a.AddChannels(chA).SetTiers([]int{2}) })
	return w
}

func everyone() []string          { return viewers }
func only(who ...string) []string { return who }
func staffAnd(who ...string) []string {
	return append([]string{admin, managerA, managerB}, who...)
}

// decide answers whether the viewer of ctx may do what action names to
// object id: read it (find it at all), or edit it.
type decide func(ctx context.Context, c *ent.Client, id int) (bool, error)

func reads[Q interface {
	Exist(context.Context) (bool, error)
}](q func(c *ent.Client, id int) Q) decide {
	return func(ctx context.Context, c *ent.Client, id int) (bool, error) { return q(c, id).Exist(ctx) }
}

var (
	readsDealer  = reads(func(c *ent.Client, id int) *ent.DealerQuery { return c.Dealer.Query().Where(dealer.ID(id)) })
	readsOrder   = reads(func(c *ent.Client, id int) *ent.OrderQuery { return c.Order.Query().Where(order.ID(id)) })
	readsUser    = reads(func(c *ent.Client, id int) *ent.UserQuery { return c.User.Query().Where(user.ID(id)) })
	readsPrice   = reads(func(c *ent.Client, id int) *ent.PriceQuery { return c.Price.Query().Where(price.ID(id)) })
	readsProduct = reads(func(c *ent.Client, id int) *ent.ProductQuery {
		return c.Product.Query().Where(product.ID(id))
	})
	readsAnnouncement = reads(func(c *ent.Client, id int) *ent.AnnouncementQuery {
		return c.Announcement.Query().Where(announcement.ID(id))
	})
	// editsDealer changes nothing, but through the write rule: refused
	// outright, or the dealer not found for the update.
	editsDealer decide = func(ctx context.Context, c *ent.Client, id int) (bool, error) {
		err := c.Dealer.UpdateOneID(id).SetPaymentTermsDays(30).Exec(ctx)
		switch {
		case err == nil:
			return true, nil
		case ent.IsNotFound(err), isDenied(err):
			return false, nil
		}
		return false, err
	}
)

func isDenied(err error) bool { return errors.Is(err, privacy.Deny) }

// Who may do what to which object (DESIGN §4, "Who may see and do what"):
// every viewer not listed is refused.
var policy = []struct {
	action  string
	do      decide
	object  string
	allowed []string
}{
	// A dealer is seen by the managers of its channel and its owner, by
	// its own users and its distributor's.
	{"reads", readsDealer, "dealer D", only(admin, managerA, distributor)},
	{"reads", readsDealer, "dealer S", only(admin, managerA, distributor, subDealer)},
	{"reads", readsDealer, "dealer U", only(admin, managerB, unrelated)},
	{"reads", readsDealer, "dealer W", only(admin, managerA, managerB)}, // A owns it, B manages its channel
	{"edits", editsDealer, "dealer D", only(admin, managerA)},
	{"edits", editsDealer, "dealer S", only(admin, managerA)},
	{"edits", editsDealer, "dealer W", only(admin, managerA, managerB)},
	{"edits", editsDealer, "dealer U", only(admin, managerB)},

	// Orders are seen with their dealer.
	{"reads", readsOrder, "order of D", only(admin, managerA, distributor)},
	{"reads", readsOrder, "order of S", only(admin, managerA, distributor, subDealer)},
	{"reads", readsOrder, "order of U", only(admin, managerB, unrelated)},
	{"reads", readsOrder, "order of W", only(admin, managerA, managerB)},

	// Users: a manager sees itself and its dealers' users; a dealer user
	// its own dealer's, not its sub-dealers'.
	{"reads", readsUser, "user of D", only(admin, managerA, distributor)},
	{"reads", readsUser, "user of S", only(admin, managerA, subDealer)},
	{"reads", readsUser, "user of U", only(admin, managerB, unrelated)},
	{"reads", readsUser, "user of manager A", only(admin, managerA)},

	// Dealer users see active products, and the prices of their tier for
	// no channel or their own.
	{"reads", readsProduct, "active product", everyone()},
	{"reads", readsProduct, "retired product", staffAnd()},
	{"reads", readsPrice, "tier-1 price", staffAnd(distributor)},
	{"reads", readsPrice, "tier-2 price", staffAnd(subDealer, unrelated)},
	{"reads", readsPrice, "tier-2 price of channel A", staffAnd(subDealer)},
	{"reads", readsPrice, "tier-2 price of channel B", staffAnd(unrelated)},
	{"reads", readsPrice, "tier-2 price of a retired product", staffAnd()},

	// Announcements: a dealer reads those whose audience includes it; a
	// manager those it published and those that may reach its channels.
	{"reads", readsAnnouncement, "announcement to every dealer", everyone()},
	{"reads", readsAnnouncement, "announcement to channel A", only(admin, managerA, distributor, subDealer)},
	{"reads", readsAnnouncement, "announcement to channel B by its manager", only(admin, managerB, unrelated)},
	{"reads", readsAnnouncement, "announcement to tier 1", staffAnd(distributor)},
	{"reads", readsAnnouncement, "announcement to territory T2", staffAnd(unrelated)},
	{"reads", readsAnnouncement, "announcement to tier 2 of channel A", only(admin, managerA, subDealer)},
}

func TestPolicies_WhoMayDoWhat(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		for _, p := range policy {
			id, ok := w.id[p.object]
			if !ok {
				t.Fatalf("no %s in the world", p.object)
			}
			for _, who := range viewers {
				want := slices.Contains(p.allowed, who)
				name := who + "/" + p.action + "/" + p.object + map[bool]string{true: "/Allowed", false: "/Refused"}[want]
				t.Run(name, func(t *testing.T) {
					ctx := auth.NewContext(context.Background(), w.viewers[who])
					got, err := p.do(ctx, db.Client, id)
					if err != nil {
						t.Fatal(err)
					}
					if got != want {
						t.Errorf("%s %s %s: %v, want %v", who, p.action, p.object, got, want)
					}
				})
			}
		}
	})
}

// Without a viewer, nothing is read: system work says so explicitly.
func TestPolicies_RefuseAContextWithoutAViewer(t *testing.T) {
	db := storetest.Open(t)
	w := build(t, db)
	if _, err := readsDealer(context.Background(), db.Client, w.id["dealer D"]); !isDenied(err) {
		t.Errorf("reading a dealer without a viewer: %v, want a privacy denial", err)
	}
}
