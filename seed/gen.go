package seed

import (
	"container/heap"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"math"
	mrand "math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/orderevent"
	"github.com/dealerline/dealerline/ent/token"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/ordering"
	"github.com/dealerline/dealerline/ordering/status"
)

const day = 24 * time.Hour

// years of orders the data set covers, back from today.
const years = 2

// gen makes the data set. Everything but the token secrets and the password
// hash's salt follows from the seed and the business date of today.
type gen struct {
	opt    Options
	t      *tables
	loc    *time.Location
	today  time.Time // business date, as midnight UTC like stored dates
	cutoff time.Time // the start of today in the business zone: all history is before it
	start  time.Time // the first business date orders are placed on
	now    time.Time // when the seed ran: staff records and tokens
	hash   string    // of the password, shared by every user

	admin    person
	channels []*chanInfo
	terrs    []*terrInfo
	products []*prodInfo
	dealers  []*dealerInfo
	tokens   []TokenRow
}

type person struct {
	id   int
	name string
}

type chanInfo struct {
	spec    channelSpec
	id      int
	manager person
	email   string
	ecom    bool // sells at the channel's own tier-2 prices
}

type terrInfo struct {
	id                      int
	code, name, region, hub string
}

type prodInfo struct {
	id                 int
	sku, name, cat     string
	cost, list, t1, t2 int64
	ecom               int64     // the E-commerce channel's price; 0 for none
	rise               time.Time // zero, or the date prices rose 5%
	active             bool
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
	user       person
	email      string
	orders     int // how many it places over the window
	end        time.Time
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
		today:  time.Date(y, m, d, 0, 0, 0, 0, time.UTC),
		cutoff: time.Date(y, m, d, 0, 0, 0, 0, loc),
		now:    opt.Now.UTC().Truncate(time.Second),
	}
	g.start = g.today.AddDate(-years, 0, 0)
	return g
}

// midnight is the start of business date d in the business zone.
func (g *gen) midnight(d time.Time) time.Time {
	y, m, dd := d.Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, g.loc)
}

func (g *gen) date(t time.Time) time.Time { return accounts.BusinessDate(t, g.loc) }

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
	g.admin = person{t.users.id(), "Chen Jing"}
	b1.add(t.users, g.admin.id, g.now, g.now, "admin@seed.test", g.admin.name, g.hash, string(user.RoleADMIN), true, nil)
	if err := g.addToken(b1, g.admin.id, "admin@seed.test", user.RoleADMIN, 0); err != nil {
		return nil, err
	}
	for k, s := range channelSpecs {
		c := &chanInfo{spec: s, ecom: s.code == "ECOM", email: fmt.Sprintf("manager%d@seed.test", k+1)}
		c.manager = person{t.users.id(), s.manager}
		b1.add(t.users, c.manager.id, g.now, g.now, c.email, s.manager, g.hash, string(user.RoleCHANNEL_MANAGER), true, nil)
		if err := g.addToken(b1, c.manager.id, c.email, user.RoleCHANNEL_MANAGER, 0); err != nil {
			return nil, err
		}
		g.channels = append(g.channels, c)
	}
	for _, c := range g.channels {
		c.id = t.channels.id()
		b1.add(t.channels, c.id, g.now, g.now, c.spec.code, c.spec.name, c.spec.description)
		b1.add(t.channelManagers, c.id, c.manager.id)
	}
	for _, reg := range regions {
		for i, city := range reg.cities {
			tr := &terrInfo{id: t.territories.id(), code: fmt.Sprintf("%s-%02d", reg.code, i+1), name: city, region: reg.name, hub: reg.hub}
			b1.add(t.territories, tr.id, g.now, g.now, tr.code, tr.name, tr.region)
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
		created := g.midnight(d.joined).UTC()
		b2.add(t.dealers, d.id, created, created, d.code, d.name, d.tier, string(d.status), d.limit, d.terms, d.joined,
			d.channel.id, parent, d.channel.manager.id)
		for _, tr := range d.terrs {
			b2.add(t.dealerTerritories, d.id, tr.id)
		}
		sur, given := surnames[r.IntN(len(surnames))], givenNames[r.IntN(len(givenNames))]
		phone := fmt.Sprintf("+86 %s %04d %04d", mobilePrefix[r.IntN(len(mobilePrefix))], r.IntN(10000), r.IntN(10000))
		b2.add(t.contacts, t.contacts.id(), created, created, sur+" "+given, primaryTitles[r.IntN(len(primaryTitles))],
			strings.ToLower(given+"."+sur)+"@"+strings.ToLower(d.code)+".example", phone, true, d.id)
	}

	b3 := newBatch()
	for _, d := range g.dealers {
		d.user = person{t.users.id(), surnames[r.IntN(len(surnames))] + " " + givenNames[r.IntN(len(givenNames))]}
		created := g.midnight(d.joined).UTC()
		// Active even at a terminated dealer: every token in the file
		// signs in, for the load tools.
		b3.add(t.users, d.user.id, created, created, d.email, d.user.name, g.hash, string(user.RoleDEALER), true, d.id)
		if err := g.addToken(b3, d.user.id, d.email, user.RoleDEALER, d.id); err != nil {
			return nil, err
		}
	}
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
		if gen := series / len(variants); gen > 0 {
			name += fmt.Sprintf(" Gen %d", gen+1)
		}
		list := (cat.lo + r.Int64N(cat.hi-cat.lo+1)) / 10 * 10 // ends in 9 below
		list = (list + 9) * 100
		p := &prodInfo{
			id: t.products.id(), sku: fmt.Sprintf("%s-%05d", cat.prefix, 10001+i), name: name, cat: cat.name,
			list: list, cost: share(list, 42+r.Int64N(14)),
			t1: share(list, 62+r.Int64N(7)), t2: share(list, 72+r.Int64N(7)),
			active: r.IntN(100) >= 3,
		}
		if r.IntN(100) < 30 {
			p.ecom = share(list, 79+r.Int64N(6))
		}
		if r.IntN(100) < 10 {
			p.rise = rise
		}
		b.add(t.products, p.id, g.now, g.now, p.sku, p.name, p.cat, p.cost, p.list, p.active)
		addPrice := func(tier int, amount int64, from time.Time, to any, channel any) {
			b.add(t.prices, t.prices.id(), g.now, g.now, tier, amount, from, to, channel, p.id)
		}
		if p.rise.IsZero() {
			addPrice(1, p.t1, from, nil, nil)
			addPrice(2, p.t2, from, nil, nil)
		} else {
			addPrice(1, share(p.t1, 95), from, p.rise, nil)
			addPrice(2, share(p.t2, 95), from, p.rise, nil)
			addPrice(1, p.t1, p.rise, nil, nil)
			addPrice(2, p.t2, p.rise, nil, nil)
		}
		if p.ecom != 0 && ecom != nil {
			addPrice(2, p.ecom, from, nil, ecom.id)
		}
		g.products = append(g.products, p)
	}
}

// share is pct percent of amount (fen), rounded to whole yuan, so prices
// look like real price lists.
func share(amount, pct int64) int64 { return (amount*pct + 5_000) / 10_000 * 100 }

// price is what dealer d pays for p on business date: its channel's price
// if there is one, else its tier's, as ordering prices a line.
func (g *gen) price(d *dealerInfo, p *prodInfo, date time.Time) int64 {
	if d.tier == 2 && d.channel.ecom && p.ecom != 0 {
		return p.ecom
	}
	amount := p.t2
	if d.tier == 1 {
		amount = p.t1
	}
	if !p.rise.IsZero() && date.Before(p.rise) {
		amount = share(amount, 95)
	}
	return amount
}

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
	for _, d := range g.dealers {
		// Credit for about a fortnight and a half of its usual orders,
		// so that busy weeks now and then go over it.
		avg := int64(15_000_00)
		if d.tier == 1 {
			avg = 60_000_00
		}
		perDay := float64(d.orders) / float64(g.windowDays(d))
		limit := int64(perDay*20*float64(avg)*(0.8+r.Float64())) + 100_000_00
		d.limit = limit / 50_000_00 * 50_000_00
		if d.limit == 0 {
			d.limit = 50_000_00
		}
	}
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

// clock draws how long things take and when people get to them, in the
// business time zone.
type clock struct {
	r   *mrand.Rand
	loc *time.Location
}

func (c clock) between(lo, hi time.Duration) time.Duration {
	return (lo + time.Duration(c.r.Int64N(int64(hi-lo)))).Truncate(time.Second)
}

func (c clock) midnight(t time.Time) time.Time {
	y, m, d := t.In(c.loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, c.loc)
}

// office is the first moment from t that the manufacturer's staff work:
// weekdays 8:30 to 18:30.
func (c clock) office(t time.Time) time.Time {
	for {
		d := c.midnight(t)
		opens, closes := d.Add(8*time.Hour+30*time.Minute), d.Add(18*time.Hour+30*time.Minute)
		switch wd := d.Weekday(); {
		case wd == time.Saturday || wd == time.Sunday || !t.Before(closes):
			t = d.AddDate(0, 0, 1)
		case t.Before(opens):
			return opens.Add(c.between(0, 90*time.Minute))
		default:
			return t
		}
	}
}

// daytime is the first moment from t that carriers deliver: 8:00 to 20:00.
func (c clock) daytime(t time.Time) time.Time {
	d := c.midnight(t)
	switch h := t.In(c.loc).Hour(); {
	case h < 8:
		return d.Add(c.between(8*time.Hour, 12*time.Hour))
	case h >= 20:
		return d.AddDate(0, 0, 1).Add(c.between(8*time.Hour, 12*time.Hour))
	}
	return t
}

// placeTime is when on local midnight date an order comes in.
func (c clock) placeTime(date time.Time) time.Time {
	r := c.r.IntN(100)
	if wd := date.Weekday(); wd == time.Saturday || wd == time.Sunday {
		if r < 70 {
			return date.Add(c.between(9*time.Hour, 18*time.Hour))
		}
		return date.Add(c.between(18*time.Hour, 24*time.Hour))
	}
	switch {
	case r < 85:
		return date.Add(c.between(8*time.Hour, 19*time.Hour))
	case r < 95:
		return date.Add(c.between(19*time.Hour, 24*time.Hour))
	}
	return date.Add(c.between(0, 2*time.Hour))
}

type sOrder struct {
	id        int
	placedAt  time.Time
	placer    person
	own       bool // placed by the dealer's user
	lines     []*sLine
	total     int64
	note      string
	requested any // business date or nil
	held      bool
	events    []sEvent
}

type sLine struct {
	id                 int
	p                  *prodInfo
	quantity           int
	price, amount      int64
	shipped, delivered int
}

type sEvent struct {
	kind  orderevent.Kind
	from  status.Status // "" for the first
	to    status.Status
	actor person
	at    time.Time
	note  string
}

func (o *sOrder) current() status.Status { return o.events[len(o.events)-1].to }

// closed is when the order stopped counting towards exposure, or zero.
func (o *sOrder) closed() time.Time {
	if s := o.current(); !s.Open() {
		return o.events[len(o.events)-1].at
	}
	return time.Time{}
}

func (o *sOrder) creditHold() bool {
	if !o.held {
		return false
	}
	for _, e := range o.events {
		if e.kind == orderevent.KindCREDIT_HOLD_RELEASED {
			return false
		}
	}
	return true
}

// openOrders is a min-heap of open orders by when they close.
type openOrders []*sOrder

func (h openOrders) Len() int { return len(h) }
func (h openOrders) Less(i, j int) bool {
	a, b := h[i].closed(), h[j].closed()
	if a.IsZero() != b.IsZero() {
		return b.IsZero()
	}
	return a.Before(b)
}
func (h openOrders) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *openOrders) Push(x any)   { *h = append(*h, x.(*sOrder)) }
func (h *openOrders) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

var lineCounts = []int{1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5}

// dealerOrders draws a dealer's orders and runs each one's course up to
// the start of today.
func (g *gen) dealerOrders(d *dealerInfo, r *mrand.Rand) []*sOrder {
	c := clock{r, g.loc}
	from, days := g.window(d)
	fromAt := g.midnight(from)
	placed := make([]time.Time, d.orders)
	for i := range placed {
		n := r.IntN(days)
		// Fewer orders come in at weekends.
		if wd := from.AddDate(0, 0, n).Weekday(); (wd == time.Saturday || wd == time.Sunday) && r.IntN(100) < 55 {
			n = r.IntN(days)
		}
		placed[i] = c.placeTime(fromAt.AddDate(0, 0, n))
	}
	slices.SortFunc(placed, func(a, b time.Time) int { return a.Compare(b) })
	active := g.activeProducts()
	var open openOrders
	var exposure int64
	orders := make([]*sOrder, len(placed))
	for i, at := range placed {
		o := &sOrder{placedAt: at, placer: d.user, own: true}
		if r.IntN(10) == 0 {
			o.placer, o.own = d.channel.manager, false // taken by phone
		}
		date := g.date(at)
		n := lineCounts[r.IntN(len(lineCounts))]
		seen := make([]int, 0, n)
		for k := range n {
			j := r.IntN(len(active))
			if slices.Contains(seen, j) {
				continue
			}
			seen = append(seen, j)
			p := active[j]
			price := g.price(d, p, date)
			q := quantity(r, d, price)
			amount, _ := ordering.LineAmount(q, price, 0)
			o.lines = append(o.lines, &sLine{p: p, quantity: q, price: price, amount: amount})
			o.total += amount
			_ = k
		}
		for len(open) > 0 && !open[0].closed().IsZero() && !open[0].closed().After(at) {
			exposure -= heap.Pop(&open).(*sOrder).total
		}
		o.held = exposure+o.total > d.limit
		if r.IntN(4) == 0 {
			o.note = orderNotes[r.IntN(len(orderNotes))]
		}
		if r.IntN(5) < 2 {
			o.requested = date.AddDate(0, 0, 5+r.IntN(17))
		}
		o.events = g.course(c, d, o)
		heap.Push(&open, o)
		exposure += o.total
		orders[i] = o
	}
	return orders
}

func (g *gen) activeProducts() []*prodInfo {
	var out []*prodInfo
	for _, p := range g.products {
		if p.active {
			out = append(out, p)
		}
	}
	return out
}

// quantity is how many units at price (fen) a dealer takes: distributors
// stock up, key accounts and installers buy for sites, shops buy a few.
func quantity(r *mrand.Rand, d *dealerInfo, price int64) int {
	var q int
	switch {
	case price < 300_00:
		q = 10 + r.IntN(41)
	case price < 1000_00:
		q = 2 + r.IntN(14)
	default:
		q = 1 + r.IntN(8)
	}
	switch {
	case d.tier == 1:
		q *= 4
	case d.channel.spec.code == "KEY" || d.channel.spec.code == "PROJ":
		q *= 2
	}
	if q > 20 {
		q -= q % 5
	}
	return q
}

// course is the order's history: placed, confirmed within hours, shipped
// in one to four days and delivered within a week — or rejected, or
// cancelled — cut off at the start of today.
func (g *gen) course(c clock, d *dealerInfo, o *sOrder) []sEvent {
	const (
		delivered = iota
		rejected
		withdrawn
		cancelled
	)
	fate := delivered
	r := c.r.IntN(100)
	if d.status == dealer.StatusPROBATION {
		r -= 6
	}
	switch {
	case r < 7:
		fate = rejected
	case r < 11:
		fate = withdrawn
	case r < 14:
		fate = cancelled
	}
	partial := len(o.lines) > 1 && c.r.IntN(5) == 0
	pick := func(notes []string) string { return notes[c.r.IntN(len(notes))] }
	manager := d.channel.manager
	events := []sEvent{{kind: orderevent.KindSTATUS_CHANGED, to: status.Submitted, actor: o.placer, at: o.placedAt}}
	add := func(kind orderevent.Kind, to status.Status, who person, at time.Time, note string) time.Time {
		prev := events[len(events)-1]
		if !at.After(prev.at) {
			at = prev.at.Add(time.Minute)
		}
		events = append(events, sEvent{kind: kind, from: prev.to, to: to, actor: who, at: at, note: note})
		return at
	}
	move := func(to status.Status, who person, at time.Time, note string) time.Time {
		return add(orderevent.KindSTATUS_CHANGED, to, who, at, note)
	}
	t := o.placedAt
	switch fate {
	case rejected:
		note := pick(rejectNotes)
		if o.held {
			note = creditRejectNote
		}
		move(status.Rejected, manager, c.office(t.Add(c.between(20*time.Minute, 4*time.Hour))), note)
	case withdrawn:
		note := pick(withdrawNotes)
		at := t.Add(c.between(10*time.Minute, 3*time.Hour))
		if !o.own {
			at = c.office(at)
			if note == "" {
				note = "At the dealer's request."
			}
		}
		move(status.Cancelled, o.placer, at, note)
	default:
		if o.held {
			t = add(orderevent.KindCREDIT_HOLD_RELEASED, status.Submitted, manager,
				c.office(t.Add(c.between(time.Hour, 20*time.Hour))), pick(releaseNotes))
		}
		confirmed := move(status.Confirmed, manager, c.office(t.Add(c.between(15*time.Minute, 3*time.Hour))), "")
		if fate == cancelled {
			move(status.Cancelled, manager, c.office(confirmed.Add(c.between(2*time.Hour, 3*day))), pick(cancelNotes))
			break
		}
		fulfilling := move(status.InFulfillment, manager, c.office(confirmed.Add(c.between(30*time.Minute, 20*time.Hour))), "")
		shipped := c.office(confirmed.Add(c.between(day, 4*day)))
		if shipped.Sub(fulfilling) < 3*time.Hour {
			shipped = c.office(fulfilling.Add(c.between(3*time.Hour, 8*time.Hour)))
		}
		if partial {
			shipped = move(status.Shipped, manager, shipped, twoConsignments)
			first := move(status.PartiallyDelivered, manager, c.daytime(shipped.Add(c.between(day, 3*day))), "First consignment delivered.")
			move(status.Delivered, manager, c.daytime(first.Add(c.between(day, 4*day))), "")
		} else {
			shipped = move(status.Shipped, manager, shipped, "")
			move(status.Delivered, manager, c.daytime(shipped.Add(c.between(day, 7*day))), "")
		}
	}
	for i, e := range events {
		if i > 0 && !e.at.Before(g.cutoff) {
			return events[:i]
		}
	}
	return events
}

type sShipment struct {
	id      int
	order   *sOrder
	lines   []*sLine
	created time.Time
	eta     time.Time
	carrier string
	track   string
	actor   person
	events  []sTrack // after PREPARING
	amount  int64
	invoice *ent.Invoice
}

type sTrack struct {
	status   status.ShipmentStatus
	at       time.Time
	location string
	note     string
}

func (s *sShipment) left() (time.Time, bool) {
	for _, e := range s.events {
		if e.status == status.ShipmentInTransit {
			return e.at, true
		}
	}
	return time.Time{}, false
}

func (s *sShipment) delivered() bool {
	return len(s.events) > 0 && s.events[len(s.events)-1].status == status.ShipmentDelivered
}

func (s *sShipment) current() status.ShipmentStatus {
	if len(s.events) == 0 {
		return status.ShipmentPreparing
	}
	return s.events[len(s.events)-1].status
}

// shipments reads an order's history: a shipment prepared once it was in
// fulfilment (some still are), in transit when it SHIPPED, delivered when
// it was DELIVERED; two consignments when it shipped in two.
func (g *gen) shipments(c clock, d *dealerInfo, o *sOrder) []*sShipment {
	at := map[status.Status]*sEvent{}
	for i := range o.events {
		if e := &o.events[i]; e.kind == orderevent.KindSTATUS_CHANGED {
			at[e.to] = e
		}
	}
	fulfil, shipped := at[status.InFulfillment], at[status.Shipped]
	if fulfil == nil || (shipped == nil && c.r.IntN(2) == 0) {
		return nil
	}
	until := g.cutoff.Add(-10 * time.Minute)
	if shipped != nil {
		until = shipped.at
	}
	created := fulfil.at.Add(until.Sub(fulfil.at) * time.Duration(3+c.r.IntN(5)) / 10).Truncate(time.Second)
	carrier := carriers[c.r.IntN(len(carriers))]
	home := d.terrs[0]
	newShipment := func(lines []*sLine, created time.Time) *sShipment {
		sh := &sShipment{
			order: o, lines: lines, created: created, carrier: carrier.name,
			track: fmt.Sprintf("%s%012d", carrier.prefix, c.r.Int64N(1e12)),
			eta:   g.date(created).AddDate(0, 0, 2+c.r.IntN(4)),
			actor: fulfil.actor,
		}
		if shipped != nil {
			sh.actor = shipped.actor
		}
		return sh
	}
	two := shipped != nil && shipped.note == twoConsignments
	if !two || len(o.lines) < 2 {
		sh := newShipment(o.lines, created)
		if shipped != nil {
			sh.events = g.track(c, shipped.at, at[status.Delivered], home)
		}
		return []*sShipment{sh}
	}
	half := (len(o.lines) + 1) / 2
	first := newShipment(o.lines[:half], created)
	second := newShipment(o.lines[half:], created.Add(c.between(2*time.Minute, 20*time.Minute)))
	first.events = g.track(c, shipped.at, at[status.PartiallyDelivered], home)
	secondLeft := shipped.at.Add(c.between(time.Minute, 10*time.Minute))
	if pd := at[status.PartiallyDelivered]; pd != nil && !secondLeft.Before(pd.at) {
		secondLeft = shipped.at.Add(pd.at.Sub(shipped.at) / 2)
	}
	second.events = g.track(c, secondLeft, at[status.Delivered], home)
	return []*sShipment{first, second}
}

func (g *gen) track(c clock, left time.Time, delivered *sEvent, home *terrInfo) []sTrack {
	events := []sTrack{{status: status.ShipmentInTransit, at: left, location: warehouse}}
	end := g.cutoff.Add(-10 * time.Minute)
	if delivered != nil {
		end = delivered.at
	}
	gap := end.Sub(left)
	at := func(frac int) time.Time { return left.Add(gap * time.Duration(frac) / 100).Truncate(time.Second) }
	if gap > 2*time.Hour {
		events = append(events, sTrack{status: status.ShipmentInTransit, at: at(25 + c.r.IntN(15)), location: home.hub})
		switch x := c.r.IntN(12); {
		case x == 0:
			events = append(events,
				sTrack{status: status.ShipmentException, at: at(55), location: home.hub, note: holdUps[c.r.IntN(len(holdUps))]},
				sTrack{status: status.ShipmentInTransit, at: at(80), location: home.hub})
		case x == 1 && delivered == nil:
			events = append(events, sTrack{status: status.ShipmentException, at: at(70), location: home.hub, note: heldUp})
		}
	}
	if delivered != nil {
		events = append(events, sTrack{status: status.ShipmentDelivered, at: delivered.at, location: home.name})
	}
	return events
}
