package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/ent/orderevent"
	"github.com/dealerline/dealerline/ordering"
	"github.com/dealerline/dealerline/ordering/status"
)

// A year of orders: written straight into the loader's transaction (the
// ordering service stamps the clock), but with what the service keeps —
// prices valid on the day, credit holds by the exposure of the moment,
// every status change in the history, numbers from the ids. Times are
// wall-clock times in UTC, the business date's zone by default.

const day = 24 * time.Hour

// ordersPerYear is how often a dealer orders, by kind: distributors weekly,
// key accounts and online sellers every few weeks, small shops monthly.
func ordersPerYear(s dealerSpec) (lo, hi int) {
	switch {
	case s.tier == 1:
		return 40, 52
	case s.channel == "KEY":
		return 12, 20
	case s.channel == "ECOM":
		return 10, 18
	}
	return 7, 13
}

// openOrders are the recent orders the portal shows moving, so that every
// status appears and the documented logins have something live.
var openOrders = []struct {
	dealer string
	stop   status.Status
}{
	{NorthDistribution, status.Submitted},
	{NorthDistribution, status.Confirmed},
	{NorthDistribution, status.InFulfillment},
	{NorthDistribution, status.Shipped},
	{NorthDistribution, status.PartiallyDelivered},
	{"D-BJ-01", status.Submitted},
	{"D-BJ-01", status.Shipped},
	{"D-TJ-01", status.Confirmed},
	{"D-HB-01", status.InFulfillment},
	{"D-LN-01", status.PartiallyDelivered},
	{"D-LN-02", status.Shipped},
	{SouthTraders, status.Submitted},
	{SouthTraders, status.Shipped},
	{"D-WH-01", status.Confirmed},
	{"D-EAST", status.Confirmed},
	{"D-EAST", status.Shipped},
	{"D-SH-01", status.InFulfillment},
	{"D-EC-01", status.Submitted},
	{"D-EC-01", status.InFulfillment},
	{"D-EC-03", status.PartiallyDelivered},
}

// Credit: a key account whose project order is still in fulfilment when it
// orders again, so yesterday's order waits on credit hold; and one that did
// the same a fortnight ago, whose hold the manager released.
const (
	heldDealer     = "D-KA-02"
	releasedDealer = "D-KA-01"
)

var (
	orderNotes = []string{
		"Please call the warehouse before delivery.",
		"Deliver to the back entrance; the loading bay closes at 17:00.",
		"Stock-up for the season.",
		"For a customer project, please keep to the requested date.",
		"Replenishment of the showroom.",
		"Half of it goes to our second store; one delivery is fine.",
	}
	rejectNotes = []string{
		"Quantities exceed this quarter's allocation; please resubmit in smaller lots.",
		"Duplicate of an order placed the same day.",
		"Not carried for this territory; the regional distributor supplies it.",
		"Delivery address outside the dealer's territories.",
	}
	creditRejectNote = "Over the credit limit; please settle the open balance and order again."
	withdrawNotes    = []string{
		"Ordered twice by mistake.",
		"Wrong quantities; placing a new order.",
		"The customer postponed the project.",
		"",
		"",
	}
	cancelNotes = []string{
		"Cancelled at the dealer's request: the project was postponed.",
		"Cancelled at the dealer's request: replaced by a larger order.",
		"Cancelled: the dealer asked for another model.",
	}
	releaseNotes = []string{
		"Balance paid down by bank transfer this morning.",
		"Approved by finance: project order backed by the customer's deposit.",
	}
)

// person is who acts on an order, with the name the history keeps.
type person struct {
	id   int
	name string
}

type orderDealer struct {
	spec    dealerSpec
	row     *ent.Dealer
	placer  person // the dealer's own user, else its channel's manager
	manager person // confirms, fulfils and ships
	own     bool   // placer is the dealer's user
	orders  []*demoOrder
}

type demoOrder struct {
	dealer    *orderDealer
	placedAt  time.Time
	stop      status.Status // scripted: the status it has got to by today
	value     int64         // for the credit scenes: about what it is worth
	sku       string        // a product it must have
	lines     []demoLine
	total     int64
	note      string
	requested *time.Time
	held      bool   // put on credit hold when placed
	seed      uint64 // of the draws for its course
	events    []demoEvent
	id        int
}

type demoLine struct {
	product   *ent.Product
	quantity  int
	unitPrice int64
	amount    int64
}

type demoEvent struct {
	kind  orderevent.Kind
	from  *status.Status
	to    status.Status
	actor person
	at    time.Time
	note  string
}

// statusAt is where the order stood at t (placed before t).
func (o *demoOrder) statusAt(t time.Time) status.Status {
	s := status.Submitted
	for _, e := range o.events {
		if e.at.After(t) {
			break
		}
		s = e.to
	}
	return s
}

func (o *demoOrder) current() status.Status { return o.events[len(o.events)-1].to }

// creditHold is whether the hold set at placing still stands.
func (o *demoOrder) creditHold() bool {
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

// orderBook is what placing an order reads: products, prices, people.
type orderBook struct {
	products []*ent.Product          // active ones, in the order of the products table
	prices   map[int][]*ent.Price    // by product id
	dealers  map[string]*orderDealer // by code
	rise     time.Time               // the repriced product's new prices start
}

func (l *loader) loadOrders(ctx context.Context) error {
	book, err := l.orderBook(ctx)
	if err != nil {
		return err
	}
	var all []*demoOrder
	for _, s := range dealers {
		d := book.dealers[s.code]
		l.planOrders(book, d)
		slices.SortStableFunc(d.orders, func(a, b *demoOrder) int { return a.placedAt.Compare(b.placedAt) })
		for _, o := range d.orders {
			l.place(book, o)
		}
		all = append(all, d.orders...)
	}
	// Numbers follow the ids, so insert in the order they were placed.
	slices.SortStableFunc(all, func(a, b *demoOrder) int { return a.placedAt.Compare(b.placedAt) })
	return l.writeOrders(ctx, all)
}

func (l *loader) orderBook(ctx context.Context) (*orderBook, error) {
	ps, err := l.c.Product.Query().All(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[int]*ent.Product{}
	for _, p := range ps {
		byID[p.ID] = p
	}
	book := &orderBook{prices: map[int][]*ent.Price{}, dealers: map[string]*orderDealer{}}
	for _, p := range products {
		if pr := byID[l.productIDs[p.sku]]; pr.Active {
			book.products = append(book.products, pr)
		}
	}
	prices, err := l.c.Price.Query().All(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range prices {
		book.prices[p.ProductID] = append(book.prices[p.ProductID], p)
		if p.ProductID == l.productIDs[repricedSKU] && p.ValidTo != nil {
			book.rise = *p.ValidTo
		}
	}
	rows, err := l.c.Dealer.Query().All(ctx)
	if err != nil {
		return nil, err
	}
	rowByID := map[int]*ent.Dealer{}
	for _, r := range rows {
		rowByID[r.ID] = r
	}
	names := map[string]string{}
	for _, u := range append(slices.Clone(staff), dealerUsers...) {
		names[u.email] = u.name
	}
	who := func(email string) person { return person{l.userIDs[email], names[email]} }
	for _, s := range dealers {
		d := &orderDealer{spec: s, row: rowByID[l.dealerIDs[s.code]]}
		for _, c := range channels {
			if c.code == s.channel {
				d.manager = who(c.manager)
			}
		}
		d.placer = d.manager
		for _, u := range dealerUsers {
			if u.dealer == s.code {
				d.placer, d.own = who(u.email), true
			}
		}
		book.dealers[s.code] = d
	}
	return book, nil
}

// planOrders decides when the dealer orders. Suspended dealers stopped
// ordering when suspended, the terminated one half a year ago.
func (l *loader) planOrders(book *orderBook, d *orderDealer) {
	start := l.today.AddDate(-1, 0, 0)
	until := l.today
	switch d.spec.status {
	case suspended:
		until = l.today.Add(-time.Duration(45+l.rng.IntN(75)) * day)
	case terminated:
		until = l.today.AddDate(0, -6, -1-l.rng.IntN(30))
	}
	lo, hi := ordersPerYear(d.spec)
	days := int(until.Sub(start) / day)
	n := (lo + l.rng.IntN(hi-lo+1)) * days / 365
	for range n {
		at := l.placeTime(start.Add(time.Duration(l.orderDay(start, days)) * day))
		if at.Before(until) {
			d.orders = append(d.orders, &demoOrder{dealer: d, placedAt: at, seed: l.rng.Uint64()})
		}
	}
	scripted := func(at time.Time, stop status.Status, value int64) *demoOrder {
		o := &demoOrder{dealer: d, placedAt: at, stop: stop, value: value, seed: l.rng.Uint64()}
		l.fit(o)
		d.orders = append(d.orders, o)
		return o
	}
	for _, o := range openOrders {
		if o.dealer == d.spec.code {
			scripted(l.recently(o.stop), o.stop, 0)
		}
	}
	switch d.spec.code {
	case heldDealer:
		// A project order in fulfilment for a week, then yesterday's order.
		scripted(l.placeTime(l.today.Add(-time.Duration(7+l.rng.IntN(3))*day)), status.InFulfillment, -80)
		scripted(l.today.Add(-l.clock().between(2*time.Hour, 9*time.Hour)), status.Submitted, 35)
	case releasedDealer:
		// A project order, and the next day another one the manager let
		// through; it is on its way.
		big := scripted(l.placeTime(l.today.Add(-time.Duration(12+l.rng.IntN(4))*day)), status.Delivered, -75)
		scripted(big.placedAt.Add(l.clock().between(20*time.Hour, 28*time.Hour)), status.Shipped, 40)
	case NorthDistribution:
		// Stocking up on the day before the price rise…
		d.orders = append(d.orders, &demoOrder{dealer: d, placedAt: l.placeTime(book.rise.Add(-day)),
			sku: repricedSKU, note: "Stock-up before the price change.", seed: l.rng.Uint64()})
	case "D-EAST":
		// …and paying the new price the day it starts.
		d.orders = append(d.orders, &demoOrder{dealer: d, placedAt: l.placeTime(book.rise), sku: repricedSKU, seed: l.rng.Uint64()})
	}
}

// fit places a scripted order early enough that, at the usual pace, it has
// got as far as its stop by the end of yesterday.
func (l *loader) fit(o *demoOrder) {
	for {
		events := o.course(false, 2)
		for _, e := range events {
			if e.to == o.stop {
				if e.at.Before(l.today.Add(-10 * time.Minute)) {
					return
				}
				break
			}
		}
		o.placedAt = o.placedAt.Add(-day)
	}
}

// orderDay draws a day of the window; fewer orders come in at weekends.
func (l *loader) orderDay(start time.Time, days int) int {
	n := l.rng.IntN(days)
	if wd := start.Add(time.Duration(n) * day).Weekday(); (wd == time.Saturday || wd == time.Sunday) && l.rng.IntN(100) < 55 {
		n = l.rng.IntN(days)
	}
	return n
}

// placeTime is when on date (midnight) an order comes in: mostly office
// hours, some in the evening, at night or early in the morning.
func (l *loader) placeTime(date time.Time) time.Time {
	c := l.clock()
	r := l.rng.IntN(100)
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
	default:
		return date.Add(c.between(0, 2*time.Hour))
	}
}

// recently is about when an order that has got as far as stop was placed.
func (l *loader) recently(stop status.Status) time.Time {
	var lo, hi int // days ago
	switch stop {
	case status.Submitted:
		// Last evening, after the office closed.
		return l.today.Add(-l.clock().between(30*time.Minute, 7*time.Hour))
	case status.Confirmed:
		lo, hi = 1, 2
	case status.InFulfillment:
		lo, hi = 2, 4
	case status.Shipped:
		lo, hi = 4, 7
	default:
		lo, hi = 6, 9
	}
	return l.placeTime(l.today.Add(-time.Duration(lo+l.rng.IntN(hi-lo+1)) * day))
}

func (l *loader) clock() clock { return clock{l.rng} }

// clock draws how long things take and when people get to them.
type clock struct{ r *rand.Rand }

// between is a duration in [lo, hi), to the second.
func (c clock) between(lo, hi time.Duration) time.Duration {
	return (lo + time.Duration(c.r.Int64N(int64(hi-lo)))).Truncate(time.Second)
}

// office is the first moment from t that the manufacturer's staff work:
// weekdays 8:30 to 18:30.
func (c clock) office(t time.Time) time.Time {
	for {
		d := t.Truncate(day)
		opens, closes := d.Add(8*time.Hour+30*time.Minute), d.Add(18*time.Hour+30*time.Minute)
		switch wd := d.Weekday(); {
		case wd == time.Saturday || wd == time.Sunday || !t.Before(closes):
			t = d.Add(day)
		case t.Before(opens):
			return opens.Add(c.between(0, 90*time.Minute))
		default:
			return t
		}
	}
}

// daytime is the first moment from t that carriers deliver: 8:00 to 20:00,
// every day.
func (c clock) daytime(t time.Time) time.Time {
	d := t.Truncate(day)
	switch {
	case t.Hour() < 8:
		return d.Add(c.between(8*time.Hour, 12*time.Hour))
	case t.Hour() >= 20:
		return d.Add(day + c.between(8*time.Hour, 12*time.Hour))
	}
	return t
}

// place prices the order on the day it is placed, holds it if it takes the
// dealer over its credit limit, and lets it run its course.
func (l *loader) place(book *orderBook, o *demoOrder) {
	d := o.dealer
	var exposure int64
	for _, prev := range d.orders {
		if prev == o {
			break
		}
		if prev.statusAt(o.placedAt).Open() {
			exposure += prev.total
		}
	}
	if o.value != 0 {
		l.projectLines(book, o, exposure)
	} else {
		l.drawLines(book, o)
	}
	for _, ln := range o.lines {
		o.total += ln.amount
	}
	o.held = exposure+o.total > d.row.CreditLimit
	if l.rng.IntN(4) == 0 && o.note == "" {
		o.note = orderNotes[l.rng.IntN(len(orderNotes))]
	}
	if l.rng.IntN(5) < 2 {
		r := o.placedAt.Truncate(day).Add(time.Duration(5+l.rng.IntN(17)) * day)
		o.requested = &r
	}
	l.runCourse(o)
}

var lineCounts = []int{1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5} // how many lines an order has

// drawLines picks distinct products, weighted by what the dealer sells and
// the season, in quantities that fit the dealer and the price.
func (l *loader) drawLines(book *orderBook, o *demoOrder) {
	n := lineCounts[l.rng.IntN(len(lineCounts))]
	if o.stop == status.PartiallyDelivered && n < 2 {
		n = 2 + l.rng.IntN(3) // a partial delivery needs two lines
	}
	weights := make([]int, len(book.products))
	for i, p := range book.products {
		weights[i] = l.weight(o, p)
	}
	for k := range n {
		i := l.pick(weights)
		if k == 0 && o.sku != "" {
			i = slices.IndexFunc(book.products, func(p *ent.Product) bool { return p.Sku == o.sku })
		}
		weights[i] = 0
		p := book.products[i]
		price := book.price(o.dealer, p, o.placedAt)
		o.lines = append(o.lines, line(p, l.quantity(o.dealer.spec, price), price))
	}
}

// projectLines makes one of the credit scenes' orders from a few dear
// products: with a negative value, a large order worth -value percent of
// the credit still free; with a positive one, an order worth value percent
// of the limit and more than the credit still free.
func (l *loader) projectLines(book *orderBook, o *demoOrder, exposure int64) {
	limit := o.dealer.row.CreditLimit
	target := max(limit*o.value/100, limit-exposure+limit/20)
	if o.value < 0 {
		target = (limit - exposure) * -o.value / 100
	}
	var dear []*ent.Product
	for _, p := range book.products {
		if book.price(o.dealer, p, o.placedAt) >= 800_00 && p.Category != "Outdoor Power" {
			dear = append(dear, p)
		}
	}
	n := 3 + l.rng.IntN(2)
	for _, i := range l.rng.Perm(len(dear))[:n] {
		p := dear[i]
		price := book.price(o.dealer, p, o.placedAt)
		q := int(target / int64(n) / price)
		if q > 20 {
			q -= q % 5
		}
		o.lines = append(o.lines, line(p, max(q, 1), price))
	}
}

func line(p *ent.Product, quantity int, price int64) demoLine {
	amount, _ := ordering.LineAmount(quantity, price, 0)
	return demoLine{product: p, quantity: quantity, unitPrice: price, amount: amount}
}

// ecomSKUs are the products with an E-commerce price, which online
// sellers favour.
var ecomSKUs = func() map[string]bool {
	m := map[string]bool{}
	for _, p := range products {
		m[p.sku] = p.ecom
	}
	return m
}()

func (l *loader) weight(o *demoOrder, p *ent.Product) int {
	w := 10
	switch o.dealer.spec.channel {
	case "ECOM":
		if ecomSKUs[p.Sku] {
			w *= 4
		}
	case "KEY":
		switch p.Category {
		case "Drills & Drivers", "Saws", "Accessories":
			w *= 2
		case "Outdoor Power":
			w /= 3
		}
	}
	if p.Category == "Batteries & Chargers" {
		w = w * 3 / 2
	}
	if p.Category == "Outdoor Power" {
		switch o.placedAt.Month() {
		case time.March, time.April, time.May, time.June, time.July, time.August:
			w *= 3
		case time.November, time.December, time.January:
			w /= 2
		}
	}
	return max(w, 1)
}

func (l *loader) pick(weights []int) int {
	sum := 0
	for _, w := range weights {
		sum += w
	}
	r := l.rng.IntN(sum)
	for i, w := range weights {
		if r < w {
			return i
		}
		r -= w
	}
	panic("unreachable")
}

// quantity is how many units of a product at price (fen) the dealer takes:
// distributors stock up, key accounts buy for sites, shops buy a few.
func (l *loader) quantity(s dealerSpec, price int64) int {
	var q int
	switch {
	case price < 300_00:
		q = 10 + l.rng.IntN(41)
	case price < 1000_00:
		q = 2 + l.rng.IntN(14)
	default:
		q = 1 + l.rng.IntN(8)
	}
	switch {
	case s.tier == 1:
		q *= 4
	case s.channel == "KEY":
		q *= 2
	}
	if q > 20 {
		q -= q % 5
	}
	return q
}

// price is the dealer's unit price of p on the business date of at: its
// channel's price if there is one, else its tier's.
func (b *orderBook) price(d *orderDealer, p *ent.Product, at time.Time) int64 {
	date := at.Truncate(day)
	var tier int64 = -1
	for _, pr := range b.prices[p.ID] {
		if pr.Tier != d.row.Tier || pr.ValidFrom.After(date) || (pr.ValidTo != nil && !pr.ValidTo.After(date)) {
			continue
		}
		switch {
		case pr.ChannelID != nil && *pr.ChannelID == d.row.ChannelID:
			return pr.Amount
		case pr.ChannelID == nil:
			tier = pr.Amount
		}
	}
	if tier < 0 {
		panic(fmt.Sprintf("demo: no tier-%d price for %s on %s", d.row.Tier, p.Sku, date.Format(time.DateOnly)))
	}
	return tier
}

// course is the order's history as it would run: placed, then confirmed
// within hours, shipped in one to four days and delivered within a week —
// or rejected, or cancelled. It draws from the order's own seed, so that
// fit can try it before the order is priced; held and lines are what
// pricing found.
func (o *demoOrder) course(held bool, lines int) []demoEvent {
	const (
		delivered = iota
		rejected
		withdrawn // cancelled by the dealer before confirmation
		cancelled // cancelled after confirmation
	)
	c := clock{rand.New(rand.NewPCG(o.seed, 0))}
	fate := delivered
	if o.stop == "" {
		r := c.r.IntN(100)
		if o.dealer.spec.status == probation {
			r -= 6 // more of a probation dealer's orders are turned down
		}
		switch {
		case r < 7:
			fate = rejected
		case r < 11:
			fate = withdrawn
		case r < 14:
			fate = cancelled
		}
	}
	split := c.r.IntN(5) == 0
	partial := lines > 1 && (o.stop == status.PartiallyDelivered || split)
	pick := func(notes []string) string { return notes[c.r.IntN(len(notes))] }

	d := o.dealer
	events := []demoEvent{{kind: orderevent.KindSTATUS_CHANGED, to: status.Submitted, actor: d.placer, at: o.placedAt}}
	add := func(kind orderevent.Kind, to status.Status, who person, at time.Time, note string) time.Time {
		prev := events[len(events)-1]
		if !at.After(prev.at) {
			at = prev.at.Add(time.Minute)
		}
		from := prev.to
		events = append(events, demoEvent{kind: kind, from: &from, to: to, actor: who, at: at, note: note})
		return at
	}
	move := func(to status.Status, who person, at time.Time, note string) time.Time {
		return add(orderevent.KindSTATUS_CHANGED, to, who, at, note)
	}
	t := o.placedAt
	switch fate {
	case rejected:
		note := pick(rejectNotes)
		if held {
			note = creditRejectNote
		}
		move(status.Rejected, d.manager, c.office(t.Add(c.between(20*time.Minute, 4*time.Hour))), note)
	case withdrawn:
		note := pick(withdrawNotes)
		at := t.Add(c.between(10*time.Minute, 3*time.Hour))
		if !d.own {
			at = c.office(at)
			if note == "" {
				note = "At the dealer's request."
			}
		}
		move(status.Cancelled, d.placer, at, note)
	default:
		if held {
			t = add(orderevent.KindCREDIT_HOLD_RELEASED, status.Submitted, d.manager,
				c.office(t.Add(c.between(time.Hour, 20*time.Hour))), pick(releaseNotes))
		}
		confirmed := move(status.Confirmed, d.manager, c.office(t.Add(c.between(15*time.Minute, 3*time.Hour))), "")
		if fate == cancelled {
			move(status.Cancelled, d.manager, c.office(confirmed.Add(c.between(2*time.Hour, 3*day))), pick(cancelNotes))
			break
		}
		fulfilling := move(status.InFulfillment, d.manager, c.office(confirmed.Add(c.between(30*time.Minute, 20*time.Hour))), "")
		shipped := c.office(confirmed.Add(c.between(day, 4*day)))
		if shipped.Sub(fulfilling) < 3*time.Hour {
			shipped = c.office(fulfilling.Add(c.between(3*time.Hour, 8*time.Hour)))
		}
		if partial {
			shipped = move(status.Shipped, d.manager, shipped, "Shipped in two consignments.")
			first := move(status.PartiallyDelivered, d.manager, c.daytime(shipped.Add(c.between(day, 3*day))), "First consignment delivered.")
			move(status.Delivered, d.manager, c.daytime(first.Add(c.between(day, 4*day))), "")
		} else {
			shipped = move(status.Shipped, d.manager, shipped, "")
			move(status.Delivered, d.manager, c.daytime(shipped.Add(c.between(day, 7*day))), "")
		}
	}
	return events
}

// runCourse writes the order's history. Orders still under way stop where
// they are at the start of today; the scripted ones where they are meant to.
func (l *loader) runCourse(o *demoOrder) {
	o.events = o.course(o.held, len(o.lines))
	if o.stop == "" {
		for i, e := range o.events {
			if !e.at.Before(l.today) {
				o.events = o.events[:i]
				break
			}
		}
		return
	}
	for i, e := range o.events {
		if e.to == o.stop && e.kind == orderevent.KindSTATUS_CHANGED {
			o.events = o.events[:i+1]
			break
		}
	}
	// fit made room for the usual pace; a credit hold may take longer:
	// squeeze what ran past the end of yesterday into what was left of it.
	end := l.today.Add(-10 * time.Minute)
	for i, e := range o.events {
		if i > 0 && !e.at.Before(end) {
			prev, n := o.events[i-1].at, len(o.events)-i+1
			for j := i; j < len(o.events); j++ {
				o.events[j].at = prev.Add(end.Sub(prev) * time.Duration(j-i+1) / time.Duration(n)).Truncate(time.Second)
			}
			break
		}
	}
}

// writeOrders inserts the orders, their lines and histories in bulk, then
// numbers them from their ids as ordering.Place does.
func (l *loader) writeOrders(ctx context.Context, all []*demoOrder) error {
	const batch = 500
	for i := 0; i < len(all); i += batch {
		part := all[i:min(i+batch, len(all))]
		b := make([]*ent.OrderCreate, len(part))
		for j, o := range part {
			last := o.events[len(o.events)-1]
			b[j] = l.c.Order.Create().
				SetDealerID(o.dealer.row.ID).
				SetStatus(o.current()).
				SetCreditHold(o.creditHold()).
				SetVersion(len(o.events)).
				SetNillableRequestedDeliveryDate(o.requested).
				SetNote(o.note).
				SetPlacedAt(o.placedAt).
				SetPlacedByID(o.dealer.placer.id).
				SetTotal(o.total).
				SetCreatedAt(o.placedAt).
				SetUpdatedAt(last.at)
		}
		saved, err := l.c.Order.CreateBulk(b...).Save(ctx)
		if err != nil {
			return err
		}
		for j, o := range saved {
			part[j].id = o.ID
		}
	}
	var lines []*ent.OrderLineCreate
	var events []*ent.OrderEventCreate
	for _, o := range all {
		for i, ln := range o.lines {
			lines = append(lines, l.c.OrderLine.Create().
				SetOrderID(o.id).
				SetProductID(ln.product.ID).
				SetPosition(i+1).
				SetSku(ln.product.Sku).
				SetProductName(ln.product.Name).
				SetQuantity(ln.quantity).
				SetUnitPrice(ln.unitPrice).
				SetUnitCost(ln.product.UnitCost).
				SetAmount(ln.amount))
		}
		for _, e := range o.events {
			events = append(events, l.c.OrderEvent.Create().
				SetOrderID(o.id).
				SetKind(e.kind).
				SetNillableFrom(e.from).
				SetTo(e.to).
				SetActorID(e.actor.id).
				SetActorName(e.actor.name).
				SetAt(e.at).
				SetNote(e.note))
		}
	}
	for i := 0; i < len(lines); i += batch {
		if err := l.c.OrderLine.CreateBulk(lines[i:min(i+batch, len(lines))]...).Exec(ctx); err != nil {
			return err
		}
	}
	for i := 0; i < len(events); i += batch {
		if err := l.c.OrderEvent.CreateBulk(events[i:min(i+batch, len(events))]...).Exec(ctx); err != nil {
			return err
		}
	}
	for _, o := range all {
		err := l.c.Order.Update().
			Where(order.ID(o.id)).
			SetNumber(fmt.Sprintf("SO-%06d", o.id&(1<<32-1)+1)).
			SetUpdatedAt(o.events[len(o.events)-1].at).
			Exec(ctx)
		if err != nil {
			return err
		}
	}
	return nil
}
