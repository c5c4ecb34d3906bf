// Package demo holds the deterministic demo data set that a fresh
// installation loads on the first start of an empty database (DESIGN.md §3),
// so every page has something real to show.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/ent/orderline"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/history"
	"github.com/dealerline/dealerline/ordering/status"
)

// Password is the password of every demo user.
const Password = "demo"

// Codes of the dealers the documented logins belong to.
const (
	NorthDistribution = "D-NORTH"
	SouthTraders      = "D-SOUTH"
)

// Login is a documented demo account.
type Login struct {
	Email string
	Role  string
	Sees  string
}

// Logins are the accounts the README and the first start print.
var Logins = []Login{
	{"admin@demo.test", "ADMIN", "everything"},
	{"manager@demo.test", "CHANNEL_MANAGER", `the dealers of channel "Retail"`},
	{"north@demo.test", "DEALER", `"North Distribution" (tier-1 distributor) and its sub-dealers`},
	{"south@demo.test", "DEALER", `only "South Traders" (tier-2 dealer in Retail); its dealer administrator`},
}

// Empty reports whether the database has no users, that is, is new.
func Empty(ctx context.Context, client *ent.Client) (bool, error) {
	exists, err := client.User.Query().Exist(access.Bypass(ctx))
	if err != nil {
		return false, fmt.Errorf("demo: count users: %w", err)
	}
	return !exists, nil
}

// Load is LoadIn with the business time zone UTC.
func Load(ctx context.Context, client *ent.Client, today time.Time) error {
	return LoadIn(ctx, client, today, time.UTC)
}

// LoadIn creates the demo data set in one transaction: all of it or
// nothing. today is the business date of the first start and location the
// business time zone: dates are placed relative to today, times at the
// same hours of location's wall clock, and everything else is the same on
// every run and in every zone.
func LoadIn(ctx context.Context, client *ent.Client, today time.Time, location *time.Location) error {
	ctx = access.Bypass(ctx)
	// Hash once outside the transaction: argon2 is slow on purpose, and
	// SQLite holds its write lock from BEGIN.
	hash, err := auth.HashPassword(Password)
	if err != nil {
		return fmt.Errorf("demo: hash password: %w", err)
	}
	tx, err := client.Tx(ctx)
	if err != nil {
		return fmt.Errorf("demo: begin: %w", err)
	}
	y, m, d := today.Date()
	loadedAt := time.Now()
	if !accounts.BusinessDate(loadedAt, location).Equal(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)) {
		loadedAt = time.Time{}
	}
	l := &loader{
		loadedAt:     loadedAt,
		c:            tx.Client(),
		rng:          rand.New(rand.NewPCG(2026, 11)),
		today:        time.Date(y, m, d, 0, 0, 0, 0, time.UTC),
		loc:          location,
		hash:         hash,
		userIDs:      map[string]int{},
		channelIDs:   map[string]int{},
		territoryIDs: map[string]int{},
		dealerIDs:    map[string]int{},
		productIDs:   map[string]int{},
		contacts:     map[string][]history.Contact{},
	}
	if err := l.load(ctx); err != nil {
		if rerr := tx.Rollback(); rerr != nil {
			err = fmt.Errorf("%w (rollback: %v)", err, rerr)
		}
		return fmt.Errorf("demo: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("demo: commit: %w", err)
	}
	return nil
}

// loader carries the ids made so far; the maps are looked up by code, never
// ranged over, so the order of creation stays fixed.
type loader struct {
	c            *ent.Client
	rng          *rand.Rand
	today        time.Time // business date
	loadedAt     time.Time // when the demo is loaded, if today is today's date (zero when loaded for another day)
	loc          *time.Location
	hash         string
	userIDs      map[string]int
	channelIDs   map[string]int
	territoryIDs map[string]int
	dealerIDs    map[string]int
	productIDs   map[string]int
	contacts     map[string][]history.Contact // by dealer code, the primary one first
	past         *history.Generator           // made the orders; makes the relationship
	book         *orderBook
}

func (l *loader) load(ctx context.Context) error {
	steps := []struct {
		name string
		run  func(context.Context) error
	}{
		{"staff", l.staff},
		{"channels", l.loadChannels},
		{"territories", l.loadTerritories},
		{"dealers", l.loadDealers},
		{"dealer users", l.loadDealerUsers},
		{"contacts", l.loadContacts},
		{"products", l.loadProducts},
		{"prices", l.loadPrices},
		{"orders and accounts", l.loadHistory},
		{"stock", l.loadStock},
		{"returns", l.loadReturns},
		{"announcements", l.loadAnnouncements},
		{"interactions and tickets", l.loadRelationship},
		{"attachments", l.loadAttachments},
		{"market reports", l.loadMarketReports},
		{"conflict cases", l.loadConflictCases},
		{"deals and leads", l.loadDeals},
		{"policies", l.loadPolicies},
		{"quotas", l.loadQuotas},
		{"promotions", l.loadPromotions},
		{"rebate programs", l.loadRebates},
		{"marketing funds and disputes", l.loadFunds},
		{"agreements", l.loadAgreements},
		{"appraisal facts", l.loadFacts},
		{"notifications", l.loadNotifications},
	}
	for _, s := range steps {
		if err := s.run(ctx); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	return nil
}

func (l *loader) createUsers(ctx context.Context, specs []userSpec) error {
	b := make([]*ent.UserCreate, len(specs))
	for i, u := range specs {
		b[i] = l.c.User.Create().
			SetEmail(u.email).
			SetName(u.name).
			SetPasswordHash(l.hash).
			SetRole(user.Role(u.role)).
			SetDealerAdmin(u.dealerAdmin)
		if u.dealer != "" {
			b[i].SetDealerID(l.dealerIDs[u.dealer])
		}
	}
	saved, err := l.c.User.CreateBulk(b...).Save(ctx)
	if err != nil {
		return err
	}
	for i, u := range saved {
		l.userIDs[specs[i].email] = u.ID
	}
	return nil
}

func (l *loader) staff(ctx context.Context) error { return l.createUsers(ctx, staff) }

func (l *loader) loadDealerUsers(ctx context.Context) error {
	return l.createUsers(ctx, dealerUsers)
}

func (l *loader) loadChannels(ctx context.Context) error {
	b := make([]*ent.ChannelCreate, len(channels))
	for i, c := range channels {
		b[i] = l.c.Channel.Create().
			SetCode(c.code).
			SetName(c.name).
			SetNameZh(c.nameZh).
			SetDescription(c.description).
			AddManagerIDs(l.userIDs[c.manager])
	}
	saved, err := l.c.Channel.CreateBulk(b...).Save(ctx)
	if err != nil {
		return err
	}
	for i, c := range saved {
		l.channelIDs[channels[i].code] = c.ID
	}
	return nil
}

func (l *loader) loadTerritories(ctx context.Context) error {
	b := make([]*ent.TerritoryCreate, len(territories))
	for i, t := range territories {
		b[i] = l.c.Territory.Create().SetCode(t.code).SetName(t.name).SetNameZh(t.nameZh).SetRegion(t.region)
	}
	saved, err := l.c.Territory.CreateBulk(b...).Save(ctx)
	if err != nil {
		return err
	}
	for i, t := range saved {
		l.territoryIDs[territories[i].code] = t.ID
	}
	return nil
}

// loadDealers creates the distributors first, then the tier-2 dealers that
// point at them.
func (l *loader) loadDealers(ctx context.Context) error {
	for _, tier := range []int{1, 2} {
		var specs []dealerSpec
		var b []*ent.DealerCreate
		for _, s := range dealers {
			if s.tier != tier {
				continue
			}
			specs = append(specs, s)
			b = append(b, l.dealerCreate(s))
		}
		saved, err := l.c.Dealer.CreateBulk(b...).Save(ctx)
		if err != nil {
			return err
		}
		for i, d := range saved {
			l.dealerIDs[specs[i].code] = d.ID
		}
	}
	return nil
}

func (l *loader) dealerCreate(s dealerSpec) *ent.DealerCreate {
	status := s.status
	if status == "" {
		status = dealer.StatusACTIVE
	}
	// Distributors carry more credit and joined first (5–6 years ago);
	// dealers joined 1–5 years ago, so always after their distributor.
	var creditCNY int64
	var terms, daysAgo int
	if s.tier == 1 {
		creditCNY = 1_500_000 + 50_000*l.rng.Int64N(11)
		terms = 60
		daysAgo = 5*365 + l.rng.IntN(365)
	} else {
		creditCNY = 200_000 + 50_000*l.rng.Int64N(13)
		terms = paymentTerms[l.rng.IntN(len(paymentTerms))]
		daysAgo = 365 + l.rng.IntN(4*365)
	}
	var owner string
	for _, c := range channels {
		if c.code == s.channel {
			owner = c.manager
		}
	}
	tids := make([]int, len(s.territories))
	for i, code := range s.territories {
		tids[i] = l.territoryIDs[code]
	}
	c := l.c.Dealer.Create().
		SetCode(s.code).
		SetName(s.name).
		SetTier(s.tier).
		SetStatus(status).
		SetCreditLimit(creditCNY * 100).
		SetPaymentTermsDays(terms).
		SetJoinedOn(l.today.AddDate(0, 0, -daysAgo)).
		SetChannelID(l.channelIDs[s.channel]).
		SetOwnerID(l.userIDs[owner]).
		AddTerritoryIDs(tids...)
	if s.parent != "" {
		c.SetParentID(l.dealerIDs[s.parent])
	}
	return c
}

// loadContacts gives distributors three contacts and dealers one to three;
// the first is the primary one.
func (l *loader) loadContacts(ctx context.Context) error {
	var b []*ent.ContactCreate
	var made []string // dealer codes, in the order of b
	for _, s := range dealers {
		n := 3
		if s.tier == 2 {
			n = 1 + l.rng.IntN(3)
		}
		seen := map[string]bool{}
		titles := l.rng.Perm(len(otherTitles)) // no two with the same title
		for i := 0; i < n; i++ {
			var sur, given string
			for {
				sur = surnames[l.rng.IntN(len(surnames))]
				given = givenNames[l.rng.IntN(len(givenNames))]
				if !seen[sur+given] {
					seen[sur+given] = true
					break
				}
			}
			title := otherTitles[titles[i]]
			if i == 0 {
				title = primaryTitles[l.rng.IntN(len(primaryTitles))]
			}
			phone := fmt.Sprintf("+86 %s %04d %04d",
				mobilePrefix[l.rng.IntN(len(mobilePrefix))], l.rng.IntN(10000), l.rng.IntN(10000))
			b = append(b, l.c.Contact.Create().
				SetDealerID(l.dealerIDs[s.code]).
				SetName(sur+" "+given).
				SetTitle(title).
				SetEmail(strings.ToLower(given+"."+sur)+"@"+s.domain).
				SetPhone(phone).
				SetPrimary(i == 0))
			made = append(made, s.code)
		}
	}
	saved, err := l.c.Contact.CreateBulk(b...).Save(ctx)
	if err != nil {
		return err
	}
	for i, c := range saved {
		l.contacts[made[i]] = append(l.contacts[made[i]], history.Contact{ID: c.ID, Name: c.Name, Title: c.Title})
	}
	return nil
}

func (l *loader) loadProducts(ctx context.Context) error {
	b := make([]*ent.ProductCreate, len(products))
	for i, p := range products {
		list := p.list * 100
		b[i] = l.c.Product.Create().
			SetSku(p.sku).
			SetName(p.name).
			SetCategory(p.category).
			SetNillableNameZh(nonEmpty(productNamesZh[p.sku])).
			SetNillableCategoryZh(nonEmpty(categoriesZh[p.category])).
			SetUnitCost(share(list, 42+l.rng.Int64N(14))).
			SetListPrice(list).
			SetActive(!p.inactive)
	}
	saved, err := l.c.Product.CreateBulk(b...).Save(ctx)
	if err != nil {
		return err
	}
	for i, p := range saved {
		l.productIDs[products[i].sku] = p.ID
	}
	return nil
}

// nonEmpty is s, or nil for "": a name not translated is left out.
func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// loadPrices gives every product a tier-1 and a tier-2 price valid from 13
// months ago, open-ended. Shares of the list price keep the order
// cost (42–55%) < tier 1 (62–68%) < tier 2 (72–78%) < E-commerce (79–84%) < list.
func (l *loader) loadPrices(ctx context.Context) error {
	from := l.today.AddDate(0, -13, 0)
	rise := l.today.AddDate(0, -4, 0)
	ecomFrom := l.today.AddDate(0, -6, 0)
	var b []*ent.PriceCreate
	add := func(sku string, tier int, amount int64, from time.Time, to *time.Time, channel string) {
		c := l.c.Price.Create().
			SetProductID(l.productIDs[sku]).
			SetTier(tier).
			SetAmount(amount).
			SetValidFrom(from).
			SetNillableValidTo(to)
		if channel != "" {
			c.SetChannelID(l.channelIDs[channel])
		}
		b = append(b, c)
	}
	for _, p := range products {
		list := p.list * 100
		t1 := share(list, 62+l.rng.Int64N(7))
		t2 := share(list, 72+l.rng.Int64N(7))
		if p.sku == repricedSKU {
			// A 5% rise four months ago, so the product shows price history.
			add(p.sku, 1, share(t1, 95), from, &rise, "")
			add(p.sku, 2, share(t2, 95), from, &rise, "")
			add(p.sku, 1, t1, rise, nil, "")
			add(p.sku, 2, t2, rise, nil, "")
		} else {
			add(p.sku, 1, t1, from, nil, "")
			add(p.sku, 2, t2, from, nil, "")
		}
		if p.ecom {
			// E-commerce sellers are all tier 2.
			add(p.sku, 2, share(list, 79+l.rng.Int64N(6)), ecomFrom, nil, "ECOM")
		}
	}
	return l.c.Price.CreateBulk(b...).Exec(ctx)
}

// share is pct percent of amount (fen), rounded half up to whole yuan so
// demo prices look like real price lists.
func share(amount, pct int64) int64 {
	return (amount*pct + 5_000) / 10_000 * 100
}

// stockSpec is what the warehouse holds of a product beyond what the demo
// orders reserve, and its lead time; products not listed are well
// stocked.
var stockSpec = map[string]struct{ free, leadTimeDays int }{
	"OP-3601": {0, 21}, // out of stock: orders of it are backorders
	"SW-2502": {6, 14},
	"OP-3602": {4, 10},
	"SW-2501": {8, 14},
}

// loadStock reserves what the confirmed demo orders have left to ship, as
// confirming them would have, and counts each product's stock in on top.
func (l *loader) loadStock(ctx context.Context) error {
	lines, err := l.c.OrderLine.Query().
		Where(orderline.HasOrderWith(order.StatusIn(status.Confirmed, status.InFulfillment, status.Shipped, status.PartiallyDelivered))).
		All(ctx)
	if err != nil {
		return err
	}
	held := map[int]int{}
	for _, ln := range lines {
		if left := ln.Quantity - ln.ShippedQuantity; left > 0 && ln.ProductID != 0 {
			held[ln.ProductID] += left
		}
	}
	for i, p := range products {
		id := l.productIDs[p.sku]
		spec, ok := stockSpec[p.sku]
		if !ok {
			// Not from l.rng: the data loaded after keeps its draws.
			spec.free, spec.leadTimeDays = 400+(i*379)%1600, 7+i%8
		}
		err := l.c.Product.UpdateOneID(id).
			SetReserved(held[id]).
			SetOnHand(held[id] + spec.free).
			SetLeadTimeDays(spec.leadTimeDays).
			Exec(ctx)
		if err != nil {
			return err
		}
	}
	return nil
}
