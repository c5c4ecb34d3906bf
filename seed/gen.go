package seed

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"math"
	mrand "math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/token"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/history"
)

const day = 24 * time.Hour

// years of orders the data set covers, back from today.
const years = 2

// gen makes the data set. Everything but the token secrets and the password
// hash's salt follows from the seed and the business date of today.
type gen struct {
	opt   Options
	t     *tables
	loc   *time.Location
	today time.Time // business date, as midnight UTC like stored dates
	start time.Time // the first business date orders are placed on
	past  *history.Generator
	now   time.Time // when the seed ran: staff records and tokens
	hash  string    // of the password, shared by every user

	admin    history.Person
	channels []*chanInfo
	terrs    []*terrInfo
	products []*history.Product
	active   []*history.Product // what dealers order
	dealers  []*dealerInfo
	tokens   []TokenRow
}

type chanInfo struct {
	spec    channelSpec
	id      int
	manager history.Person
	email   string
	ecom    bool // sells at the channel's own tier-2 prices
}

type terrInfo struct {
	id                      int
	code, name, region, hub string
}

type dealerInfo struct {
	index      int
	id         int
	code, name string
	tier       int
	parent     *dealerInfo
	channel    *chanInfo
	status     dealer.Status
	limit      int64
	terms      int
	joined     time.Time // business date
	terrs      []*terrInfo
	user       history.Person
	email      string
	orders     int // how many it places over the window
	end        time.Time
	contact    history.Contact
	// interactions staff log with it and tickets its user opens, over the window
	interactions, tickets int
}

// TokenRow is one line of the tokens file.
type TokenRow struct {
	Email, Role string
	DealerID    int // 0 for staff
	Token       string
}

func newGen(opt Options, hash string) *gen {
	loc := opt.Location
	now := opt.Now.In(loc)
	y, m, d := now.Date()
	g := &gen{
		opt: opt, t: newTables(), loc: loc, hash: hash,
		today: time.Date(y, m, d, 0, 0, 0, 0, time.UTC),
		now:   opt.Now.UTC().Truncate(time.Second),
	}
	g.start = g.today.AddDate(-years, 0, 0)
	g.past = history.New(loc, g.today)
	g.past.Basket = g.basket
	g.past.PhoneOrders = phoneOrders
	return g
}

func (g *gen) rng(stream uint64) *mrand.Rand {
	return mrand.New(mrand.NewPCG(g.opt.Seed, stream))
}

// setup makes the fixed part: staff, channels, territories, products and
// prices (one round), dealers and contacts (the next), dealer users and
// every user's token (the last).
func (g *gen) setup() ([]*batch, error) {
	r := g.rng(1)
	t := g.t
	b1 := newBatch()
	g.admin = history.Person{ID: t.users.id(), Name: "Chen Jing"}
	g.past.Admin = g.admin
	b1.add(t.users, g.admin.ID, g.now, g.now, "admin@seed.test", g.admin.Name, g.hash, string(user.RoleADMIN), true, nil)
	if err := g.addToken(b1, g.admin.ID, "admin@seed.test", user.RoleADMIN, 0); err != nil {
		return nil, err
	}
	for k, s := range channelSpecs {
		c := &chanInfo{spec: s, ecom: s.code == "ECOM", email: fmt.Sprintf("manager%d@seed.test", k+1)}
		c.manager = history.Person{ID: t.users.id(), Name: s.manager}
		b1.add(t.users, c.manager.ID, g.now, g.now, c.email, s.manager, g.hash, string(user.RoleCHANNEL_MANAGER), true, nil)
		if err := g.addToken(b1, c.manager.ID, c.email, user.RoleCHANNEL_MANAGER, 0); err != nil {
			return nil, err
		}
		g.channels = append(g.channels, c)
	}
	for _, c := range g.channels {
		c.id = t.channels.id()
		b1.add(t.channels, c.id, g.now, g.now, c.spec.code, c.spec.name, c.spec.nameZh, c.spec.description)
		b1.add(t.channelManagers, c.id, c.manager.ID)
	}
	for _, reg := range regions {
		for i, city := range reg.cities {
			tr := &terrInfo{id: t.territories.id(), code: fmt.Sprintf("%s-%02d", reg.code, i+1), name: city, region: reg.name, hub: reg.hub}
			b1.add(t.territories, tr.id, g.now, g.now, tr.code, tr.name, reg.citiesZh[i], tr.region)
			g.terrs = append(g.terrs, tr)
		}
	}
	g.makeProducts(r, b1)

	b2 := newBatch()
	g.makeDealers(r)
	for _, d := range g.dealers { // distributors first: sub-dealers point at them
		var parent any
		if d.parent != nil {
			parent = d.parent.id
		}
		created := g.past.Day(d.joined).UTC()
		b2.add(t.dealers, d.id, created, created, d.code, d.name, d.tier, string(d.status), d.limit, d.terms, d.joined,
			d.channel.id, parent, d.channel.manager.ID)
		for _, tr := range d.terrs {
			b2.add(t.dealerTerritories, d.id, tr.id)
		}
		sur, given := surnames[r.IntN(len(surnames))], givenNames[r.IntN(len(givenNames))]
		phone := fmt.Sprintf("+86 %s %04d %04d", mobilePrefix[r.IntN(len(mobilePrefix))], r.IntN(10000), r.IntN(10000))
		d.contact = history.Contact{ID: t.contacts.id(), Name: sur + " " + given, Title: primaryTitles[r.IntN(len(primaryTitles))]}
		email := strings.ToLower(given+"."+sur) + "@" + strings.ToLower(d.code) + ".example"
		b2.add(t.contacts, d.contact.ID, created, created, d.contact.Name, d.contact.Title, email, phone, true, d.id)
		g.dealerEntry(b2, d, created)
		g.contactEntry(b2, d, email, phone, created)
	}

	b3 := newBatch()
	for _, d := range g.dealers {
		d.user = history.Person{ID: t.users.id(), Name: surnames[r.IntN(len(surnames))] + " " + givenNames[r.IntN(len(givenNames))]}
		created := g.past.Day(d.joined).UTC()
		// Active even at a terminated dealer: every token in the file
		// signs in, for the load tools.
		b3.add(t.users, d.user.ID, created, created, d.email, d.user.Name, g.hash, string(user.RoleDEALER), true, d.id)
		if err := g.addToken(b3, d.user.ID, d.email, user.RoleDEALER, d.id); err != nil {
			return nil, err
		}
	}
	g.channelFactRows(g.rng(3), b3)
	return []*batch{b1, b2, b3}, nil
}

// addToken gives a user an API token in the form auth issues: "dlt_" and
// 32 random bytes, stored as the secret's SHA-256. The secret is random,
// not drawn from the seed: anyone who knows the seed must not know it.
func (g *gen) addToken(b *batch, userID int, email string, role user.Role, dealerID int) error {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return err
	}
	secret := "dlt_" + base64.RawURLEncoding.EncodeToString(raw)
	sum := sha256.Sum256([]byte(secret))
	b.add(g.t.tokens, g.t.tokens.id(), string(token.KindAPI), "seed", sum[:], g.now, nil, userID)
	g.tokens = append(g.tokens, TokenRow{Email: email, Role: string(role), DealerID: dealerID, Token: secret})
	return nil
}

func (g *gen) makeProducts(r *mrand.Rand, b *batch) {
	t := g.t
	from := g.start.AddDate(-1, 0, 0) // valid before the first order
	rise := g.today.AddDate(-1, 0, 0)
	var ecom *chanInfo
	for _, c := range g.channels {
		if c.ecom {
			ecom = c
		}
	}
	const n = 2000
	for i := range n {
		cat := categories[i%len(categories)]
		k := i / len(categories)
		base := cat.bases[k%len(cat.bases)]
		series := k / len(cat.bases)
		name := fmt.Sprintf("%s %s", variants[series%len(variants)], base)
		nameZh := fmt.Sprintf("%s %s", variantsZh[series%len(variants)], cat.basesZh[k%len(cat.bases)])
		if gen := series / len(variants); gen > 0 {
			name += fmt.Sprintf(" Gen %d", gen+1)
			nameZh += fmt.Sprintf(" 第%d代", gen+1)
		}
		list := (cat.lo + r.Int64N(cat.hi-cat.lo+1)) / 10 * 10 // ends in 9 below
		list = (list + 9) * 100
		p := &history.Product{ID: t.products.id(), SKU: fmt.Sprintf("%s-%05d", cat.prefix, 10001+i), Name: name, Category: cat.name,
			Cost: share(list, 42+r.Int64N(14))}
		t1, t2 := share(list, 62+r.Int64N(7)), share(list, 72+r.Int64N(7))
		active := r.IntN(100) >= 3
		var ecomPrice int64
		if r.IntN(100) < 30 {
			ecomPrice = share(list, 79+r.Int64N(6))
		}
		risen := r.IntN(100) < 10
		b.add(t.products, p.ID, g.now, g.now, p.SKU, p.Name, nameZh, p.Category, cat.nameZh, p.Cost, list, active)
		addPrice := func(tier int, amount int64, from time.Time, to *time.Time, channel *int) {
			pr := &ent.Price{ID: t.prices.id(), Tier: tier, Amount: amount, ValidFrom: from, ValidTo: to, ChannelID: channel, ProductID: p.ID}
			b.add(t.prices, pr.ID, g.now, g.now, pr.Tier, pr.Amount, pr.ValidFrom, nullable(pr.ValidTo), nullable(pr.ChannelID), pr.ProductID)
			p.Prices = append(p.Prices, pr)
		}
		if !risen {
			addPrice(1, t1, from, nil, nil)
			addPrice(2, t2, from, nil, nil)
		} else {
			addPrice(1, share(t1, 95), from, &rise, nil)
			addPrice(2, share(t2, 95), from, &rise, nil)
			addPrice(1, t1, rise, nil, nil)
			addPrice(2, t2, rise, nil, nil)
		}
		if ecomPrice != 0 && ecom != nil {
			addPrice(2, ecomPrice, from, nil, &ecom.id)
		}
		g.products = append(g.products, p)
		if active {
			g.active = append(g.active, p)
		}
	}
}

// nullable is a column value of p: NULL when p is nil.
func nullable[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// share is pct percent of amount (fen), rounded to whole yuan, so prices
// look like real price lists.
func share(amount, pct int64) int64 { return (amount*pct + 5_000) / 10_000 * 100 }

func (g *gen) makeDealers(r *mrand.Rand) {
	n := g.opt.Dealers
	// Channels by share; distributors (about 3%) only where the channel
	// has them, created first.
	type slot struct {
		c    *chanInfo
		tier int
	}
	slots := make([]slot, n)
	for i := range slots {
		x, acc := r.IntN(100), 0
		for _, c := range g.channels {
			acc += c.spec.share
			if x < acc {
				slots[i].c = c
				break
			}
		}
		if slots[i].c == nil {
			slots[i].c = g.channels[0]
		}
		slots[i].tier = 2
		if slots[i].c.spec.distributors && (r.IntN(100) < 3 || i == 0) {
			slots[i].tier = 1
		}
	}
	slices.SortStableFunc(slots, func(a, b slot) int { return a.tier - b.tier })
	distributors := map[*chanInfo][]*dealerInfo{}
	weights := make([]float64, n)
	var total float64
	for i, s := range slots {
		d := &dealerInfo{index: i, id: g.t.dealers.id(), code: fmt.Sprintf("D-%06d", i+1), tier: s.tier, channel: s.c}
		d.email = strings.ToLower(d.code) + "@seed.test"
		d.status = dealer.StatusACTIVE
		switch x := r.IntN(100); {
		case d.tier == 1:
		case x < 8:
			d.status = dealer.StatusPROBATION
		case x < 12:
			d.status = dealer.StatusSUSPENDED
		case x < 14:
			d.status = dealer.StatusTERMINATED
		}
		reg := regions[r.IntN(len(regions))]
		city := reg.cities[r.IntN(len(reg.cities))]
		if d.channel.ecom {
			d.name = fmt.Sprintf("%s %s %s", city, dealerWords[r.IntN(len(dealerWords))], onlineWords[r.IntN(len(onlineWords))])
		} else {
			d.name = fmt.Sprintf("%s %s %s", city, dealerWords[r.IntN(len(dealerWords))], dealerEnds[r.IntN(len(dealerEnds))])
		}
		d.name += fmt.Sprintf(" (%d)", i+1) // names repeat across a few thousand dealers
		home := g.terrByName(city)
		d.terrs = []*terrInfo{home}
		for range r.IntN(3) {
			if t := g.terrs[r.IntN(len(g.terrs))]; !slices.Contains(d.terrs, t) {
				d.terrs = append(d.terrs, t)
			}
		}
		if d.tier == 1 {
			d.terms = 60
			d.joined = g.today.AddDate(0, 0, -(5*365 + r.IntN(3*365)))
			distributors[d.channel] = append(distributors[d.channel], d)
		} else {
			d.terms = paymentTerms[r.IntN(len(paymentTerms))]
			// A fifth joined within the window, the rest before it.
			if r.IntN(5) == 0 {
				d.joined = g.today.AddDate(0, 0, -(60 + r.IntN(years*365-90)))
			} else {
				d.joined = g.today.AddDate(0, 0, -(years*365 + r.IntN(3*365)))
			}
			if ds := distributors[d.channel]; len(ds) > 0 && r.IntN(2) == 0 {
				d.parent = ds[r.IntN(len(ds))]
				if d.joined.Before(d.parent.joined) {
					d.joined = d.parent.joined.AddDate(0, 0, 30+r.IntN(365))
				}
			}
		}
		d.end = g.today
		if d.status == dealer.StatusTERMINATED {
			d.end = g.today.AddDate(0, 0, -(30 + r.IntN(300)))
		}
		// Skewed: a lognormal weight, distributors several times more.
		w := math.Exp(1.1*r.NormFloat64()) * float64(g.windowDays(d)) / 365
		if d.tier == 1 {
			w *= 5
		}
		weights[i], total = w, total+w
		g.dealers = append(g.dealers, d)
	}
	// Shares of the orders, exactly Orders in all.
	given := 0
	for i, d := range g.dealers {
		d.orders = int(float64(g.opt.Orders) * weights[i] / total)
		given += d.orders
	}
	for i := 0; given < g.opt.Orders; i = (i + 1) % n {
		g.dealers[i].orders++
		given++
	}
	// Interactions and tickets in proportion to the orders, and some for
	// every dealer: quiet dealers get calls too.
	relWeights := make([]float64, n)
	for i, d := range g.dealers {
		relWeights[i] = float64(d.orders) + float64(g.opt.Orders)/float64(n)/3 + 1
	}
	for i, k := range shares(g.opt.Interactions, relWeights) {
		g.dealers[i].interactions = k
	}
	for i, k := range shares(g.opt.Tickets, relWeights) {
		g.dealers[i].tickets = k
	}
	for _, d := range g.dealers {
		// Credit for what it owes while its invoices run (its payment
		// terms) and about three weeks more of its usual orders, so that
		// busy weeks now and then go over it.
		avg := int64(24_000_00) // an order's usual total
		if d.tier == 1 {
			avg = 65_000_00
		}
		perDay := float64(d.orders) / float64(g.windowDays(d))
		limit := int64(perDay*float64(d.terms+20)*float64(avg)*(0.8+r.Float64())) + 100_000_00
		d.limit = limit / 50_000_00 * 50_000_00
		if d.limit == 0 {
			d.limit = 50_000_00
		}
	}
}

// shares splits total in proportion to weights, exactly total in all.
func shares(total int, weights []float64) []int {
	var sum float64
	for _, w := range weights {
		sum += w
	}
	out := make([]int, len(weights))
	given := 0
	for i, w := range weights {
		out[i] = int(float64(total) * w / sum)
		given += out[i]
	}
	for i := 0; given < total; i = (i + 1) % len(out) {
		out[i]++
		given++
	}
	return out
}

func (g *gen) terrByName(city string) *terrInfo {
	for _, t := range g.terrs {
		if t.name == city {
			return t
		}
	}
	return g.terrs[0]
}

// window is the business dates a dealer's orders fall on: [from, end).
func (g *gen) window(d *dealerInfo) (from time.Time, days int) {
	from = g.start
	if d.joined.After(from) {
		from = d.joined
	}
	days = int(d.end.Sub(from) / day)
	if days < 30 {
		from, days = d.end.AddDate(0, 0, -30), 30
	}
	return from, days
}

func (g *gen) windowDays(d *dealerInfo) int { _, n := g.window(d); return n }
