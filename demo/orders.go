package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/ent/shipment"
	"github.com/dealerline/dealerline/history"
	"github.com/dealerline/dealerline/ordering/status"
)

// A year of orders and what followed from them — shipments, invoices,
// payments, credit notes — made by history, which keeps the service's
// rules, and written straight into the loader's transaction. The demo adds
// its stories: how often each kind of dealer orders and what it buys, the
// open orders the documented logins see moving, a credit hold waiting and
// one released, and a price rise some dealers ordered around.

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

// cities are where a territory's deliveries arrive, and hubs the regional
// sorting centres on the way.
var (
	cities = map[string]string{
		"NC-BTH": "Beijing", "NE-LJ": "Shenyang", "EC-YRD": "Shanghai", "EC-SD": "Jinan",
		"SC-PRD": "Guangzhou", "CC-HH": "Wuhan", "SW-CC": "Chengdu", "NW-SG": "Xi'an",
	}
	hubs = map[string]string{
		"North China": "Langfang hub", "Northeast China": "Shenyang hub", "East China": "Kunshan hub",
		"South China": "Dongguan hub", "Central China": "Wuhan hub", "Southwest China": "Chengdu hub",
		"Northwest China": "Xi'an hub",
	}
)

// scene is what a scripted order of the credit and price stories buys.
type scene struct {
	value int64  // about what it is worth: see projectLines
	sku   string // a product it must have
}

// orderBook is what placing an order reads: products, prices, dealers.
type orderBook struct {
	products []*history.Product // active ones, in the order of the products table
	dealers  map[string]*history.Dealer
	specs    map[*history.Dealer]dealerSpec
	scenes   map[*history.Order]scene
	rise     time.Time // the repriced product's new prices start
}

func (l *loader) loadHistory(ctx context.Context) error {
	book, err := l.orderBook(ctx)
	if err != nil {
		return err
	}
	g := history.New(l.loc, l.today)
	g.Basket = book.basket
	var ds []*history.Dealer
	for _, s := range dealers {
		d := book.dealers[s.code]
		l.planOrders(g, book, d, s)
		ds = append(ds, d)
	}
	past, err := g.Run(accounts.NewHistory(l.loc), ds...)
	if err != nil {
		return err
	}
	l.past, l.book = g, book
	orders, shipments, err := pinnedFirst(past.Orders, past.Shipments)
	if err != nil {
		return err
	}
	if err := l.writeOrders(ctx, orders); err != nil {
		return err
	}
	if err := l.writeShipments(ctx, shipments); err != nil {
		return err
	}
	past.Numbered()
	return past.Books.Write(ctx, l.c)
}

// pinned orders are written first, in this order, and their shipments
// before the others: their ids, the first one's lines' and the first
// shipment's are then the same whatever day the demo is loaded, while the
// rest follow a history whose length depends on the calendar. README's
// examples name them.
var pinned = []struct {
	dealer string
	stop   status.Status
}{
	{NorthDistribution, status.Confirmed}, // 38654705665; its first line 47244640257 (createShipment)
	{SouthTraders, status.Shipped},        // its first shipment, on its way, is 81604378625 (recordDeliveryEvent)
	{SouthTraders, status.Submitted},      // 38654705667
	{NorthDistribution, status.Submitted}, // 38654705668
	{heldDealer, status.Submitted},        // 38654705669, on credit hold
}

// pinnedFirst puts the pinned orders and their shipments first, the rest
// in the order they were made.
func pinnedFirst(orders []*history.Order, shipments []*history.Shipment) ([]*history.Order, []*history.Shipment, error) {
	var first []*history.Order
	for _, p := range pinned {
		i := slices.IndexFunc(orders, func(o *history.Order) bool {
			return o.Dealer.Code == p.dealer && o.Stop == p.stop && o.Status() == p.stop && !slices.Contains(first, o)
		})
		if i < 0 {
			return nil, nil, fmt.Errorf("no %s order of %s to write first", p.stop, p.dealer)
		}
		first = append(first, orders[i])
	}
	rest := slices.DeleteFunc(slices.Clone(orders), func(o *history.Order) bool { return slices.Contains(first, o) })
	var ships []*history.Shipment
	for _, o := range first {
		for _, sh := range shipments {
			if sh.Order == o {
				ships = append(ships, sh)
			}
		}
	}
	others := slices.DeleteFunc(slices.Clone(shipments), func(sh *history.Shipment) bool { return slices.Contains(first, sh.Order) })
	return append(first, rest...), append(ships, others...), nil
}

func (l *loader) orderBook(ctx context.Context) (*orderBook, error) {
	ps, err := l.c.Product.Query().WithPrices().All(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[int]*ent.Product{}
	for _, p := range ps {
		byID[p.ID] = p
	}
	book := &orderBook{dealers: map[string]*history.Dealer{}, specs: map[*history.Dealer]dealerSpec{}, scenes: map[*history.Order]scene{}}
	for _, spec := range products {
		p := byID[l.productIDs[spec.sku]]
		for _, pr := range p.Edges.Prices {
			if spec.sku == repricedSKU && pr.ValidTo != nil {
				book.rise = *pr.ValidTo
			}
		}
		if p.Active {
			book.products = append(book.products, &history.Product{
				ID: p.ID, SKU: p.Sku, Name: p.Name, Category: p.Category, Cost: p.UnitCost, Prices: p.Edges.Prices,
			})
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
	who := func(email string) history.Person { return history.Person{ID: l.userIDs[email], Name: names[email]} }
	for i, s := range dealers {
		row := rowByID[l.dealerIDs[s.code]]
		d := &history.Dealer{
			ID: row.ID, Code: s.code, Tier: row.Tier, ChannelID: row.ChannelID, Status: row.Status,
			CreditLimit: row.CreditLimit, Terms: row.PaymentTermsDays, Bulk: s.channel == "KEY",
			City: cities[s.territories[0]],
			Rand: rand.New(rand.NewPCG(2026, 1000+uint64(i))),
		}
		for _, t := range territories {
			if t.code == s.territories[0] {
				d.Hub = hubs[t.region]
			}
		}
		for _, c := range channels {
			if c.code == s.channel {
				d.Manager = who(c.manager)
			}
		}
		for _, u := range dealerUsers {
			if u.dealer == s.code {
				p := who(u.email)
				d.User = &p
			}
		}
		if s.code == SouthTraders {
			d.Habit = history.Instalments
		}
		if s.code == LatePayer {
			d.Habit = history.Slow // weeks late, not days: the payment-cycle signal
		}
		book.dealers[s.code] = d
		book.specs[d] = s
	}
	return book, nil
}

// planOrders decides when the dealer orders. Suspended dealers stopped
// ordering when suspended, the terminated one half a year ago.
func (l *loader) planOrders(g *history.Generator, book *orderBook, d *history.Dealer, s dealerSpec) {
	c := g.Clock(d.Rand)
	start := l.today.AddDate(-1, 0, 0)
	until := l.today
	switch s.status {
	case suspended:
		until = l.today.AddDate(0, 0, -(45 + d.Rand.IntN(75)))
	case terminated:
		until = l.today.AddDate(0, -6, -1-d.Rand.IntN(30))
	}
	lo, hi := ordersPerYear(s)
	days := int(until.Sub(start) / day)
	n := (lo + d.Rand.IntN(hi-lo+1)) * days / 365
	for _, at := range c.OrderTimes(start, days, n) {
		if at.Before(c.Day(until)) {
			d.Plan(at)
		}
	}
	scripted := func(at time.Time, stop status.Status, value int64) *history.Order {
		o := d.Plan(at)
		o.Stop = stop
		g.Fit(o)
		book.scenes[o] = scene{value: value}
		return o
	}
	for _, o := range openOrders {
		if o.dealer == s.code {
			scripted(l.recently(c, d.Rand, o.stop), o.stop, 0)
		}
	}
	switch s.code {
	case heldDealer:
		// A project order in fulfilment for a week, then yesterday's order.
		scripted(c.PlaceTime(l.today.AddDate(0, 0, -(7+d.Rand.IntN(3)))), status.InFulfillment, -80)
		scripted(g.Cutoff.Add(-c.Between(2*time.Hour, 9*time.Hour)), status.Submitted, 35)
	case releasedDealer:
		// A project order, and the next day another one the manager let
		// through; it is on its way.
		big := scripted(c.PlaceTime(l.today.AddDate(0, 0, -(12+d.Rand.IntN(4)))), status.Delivered, -75)
		scripted(big.PlacedAt.Add(c.Between(20*time.Hour, 28*time.Hour)), status.Shipped, 40)
	case NorthDistribution:
		// Stocking up on the day before the price rise…
		o := d.Plan(c.PlaceTime(book.rise.AddDate(0, 0, -1)))
		o.Note = "Stock-up before the price change."
		book.scenes[o] = scene{sku: repricedSKU}
	case "D-EAST":
		// …and paying the new price the day it starts.
		book.scenes[d.Plan(c.PlaceTime(book.rise))] = scene{sku: repricedSKU}
	}
}

// recently is about when an order that has got as far as stop was placed.
func (l *loader) recently(c history.Clock, r *rand.Rand, stop status.Status) time.Time {
	var lo, hi int // days ago
	switch stop {
	case status.Submitted:
		// Last evening, after the office closed.
		return c.Day(l.today).Add(-c.Between(30*time.Minute, 7*time.Hour))
	case status.Confirmed:
		lo, hi = 1, 2
	case status.InFulfillment:
		lo, hi = 2, 4
	case status.Shipped:
		lo, hi = 4, 7
	default:
		lo, hi = 6, 9
	}
	return c.PlaceTime(l.today.AddDate(0, 0, -(lo + r.IntN(hi-lo+1))))
}

// basket fills an order: a scripted one of the credit stories from a few
// dear products, any other by what the dealer sells and the season.
func (b *orderBook) basket(r *rand.Rand, o *history.Order, exposure int64) {
	if sc := b.scenes[o]; sc.value != 0 {
		b.projectLines(r, o, sc.value, exposure)
		return
	}
	b.drawLines(r, o)
}

// drawLines picks distinct products, weighted by what the dealer sells and
// the season, in quantities that fit the dealer and the price.
func (b *orderBook) drawLines(r *rand.Rand, o *history.Order) {
	n := history.Lines(r)
	if o.Stop == status.PartiallyDelivered && n < 2 {
		n = 2 + r.IntN(3) // a partial delivery needs two lines
	}
	spec := b.specs[o.Dealer]
	weights := make([]int, len(b.products))
	for i, p := range b.products {
		weights[i] = weight(spec, o.PlacedOn, p)
	}
	sku := b.scenes[o].sku
	for k := range n {
		i := pick(r, weights)
		if k == 0 && sku != "" {
			i = slices.IndexFunc(b.products, func(p *history.Product) bool { return p.SKU == sku })
		}
		weights[i] = 0
		p := b.products[i]
		o.Add(p, history.Quantity(r, o.Dealer, o.Dealer.Price(p, o.PlacedOn)))
	}
}

// projectLines makes one of the credit scenes' orders from a few dear
// products: with a negative value, a large order worth -value percent of
// the credit still free; with a positive one, an order worth value percent
// of the limit and more than the credit still free.
func (b *orderBook) projectLines(r *rand.Rand, o *history.Order, value, exposure int64) {
	limit := o.Dealer.CreditLimit
	target := max(limit*value/100, limit-exposure+limit/20)
	if value < 0 {
		target = (limit - exposure) * -value / 100
	}
	var dear []*history.Product
	for _, p := range b.products {
		if o.Dealer.Price(p, o.PlacedOn) >= 800_00 && p.Category != "Outdoor Power" {
			dear = append(dear, p)
		}
	}
	n := 3 + r.IntN(2)
	for _, i := range r.Perm(len(dear))[:n] {
		p := dear[i]
		q := int(target / int64(n) / o.Dealer.Price(p, o.PlacedOn))
		if q > 20 {
			q -= q % 5
		}
		o.Add(p, max(q, 1))
	}
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

func weight(s dealerSpec, date time.Time, p *history.Product) int {
	w := 10
	switch s.channel {
	case "ECOM":
		if ecomSKUs[p.SKU] {
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
		switch date.Month() {
		case time.March, time.April, time.May, time.June, time.July, time.August:
			w *= 3
		case time.November, time.December, time.January:
			w /= 2
		}
	}
	return max(w, 1)
}

func pick(r *rand.Rand, weights []int) int {
	sum := 0
	for _, w := range weights {
		sum += w
	}
	x := r.IntN(sum)
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	panic("unreachable")
}

const batch = 500

// writeOrders inserts the orders in the order given, the pinned ones
// first and then as they were placed (their numbers follow the ids), their
// lines and histories, then numbers them
// from their ids as ordering.Place does.
func (l *loader) writeOrders(ctx context.Context, all []*history.Order) error {
	for part := range slices.Chunk(all, batch) {
		b := make([]*ent.OrderCreate, len(part))
		for j, o := range part {
			b[j] = l.c.Order.Create().
				SetDealerID(o.Dealer.ID).
				SetStatus(o.Status()).
				SetCreditHold(o.CreditHold()).
				SetVersion(len(o.Events)).
				SetNillableRequestedDeliveryDate(o.Requested).
				SetNote(o.Note).
				SetPlacedAt(o.PlacedAt).
				SetPlacedByID(o.Placer.ID).
				SetTotal(o.Total).
				SetCreatedAt(o.PlacedAt).
				SetUpdatedAt(o.UpdatedAt())
		}
		saved, err := l.c.Order.CreateBulk(b...).Save(ctx)
		if err != nil {
			return err
		}
		for j, row := range saved {
			part[j].ID = row.ID
		}
	}
	var lines []*history.Line
	var lineCreates []*ent.OrderLineCreate
	var events []*ent.OrderEventCreate
	for _, o := range all {
		for i, ln := range o.Lines {
			lines = append(lines, ln)
			lineCreates = append(lineCreates, l.c.OrderLine.Create().
				SetOrderID(o.ID).
				SetProductID(ln.Product.ID).
				SetPosition(i+1).
				SetSku(ln.Product.SKU).
				SetProductName(ln.Product.Name).
				SetQuantity(ln.Quantity).
				SetUnitPrice(ln.UnitPrice).
				SetUnitCost(ln.Product.Cost).
				SetAmount(ln.Amount).
				SetShippedQuantity(ln.Shipped).
				SetDeliveredQuantity(ln.Delivered))
		}
		for _, e := range o.Events {
			events = append(events, l.c.OrderEvent.Create().
				SetOrderID(o.ID).
				SetDealerID(o.Dealer.ID).
				SetKind(e.Kind).
				SetNillableFrom(e.From).
				SetTo(e.To).
				SetActorID(e.Actor.ID).
				SetActorName(e.Actor.Name).
				SetAt(e.At).
				SetNote(e.Note))
		}
	}
	for i := 0; i < len(lineCreates); i += batch {
		saved, err := l.c.OrderLine.CreateBulk(lineCreates[i:min(i+batch, len(lineCreates))]...).Save(ctx)
		if err != nil {
			return err
		}
		for j, row := range saved {
			lines[i+j].ID = row.ID
		}
	}
	for part := range slices.Chunk(events, batch) {
		if err := l.c.OrderEvent.CreateBulk(part...).Exec(ctx); err != nil {
			return err
		}
	}
	for _, o := range all {
		err := l.c.Order.Update().
			Where(order.ID(o.ID)).
			SetNumber(accounts.DocumentNumber("SO", o.ID)).
			SetUpdatedAt(o.UpdatedAt()).
			Exec(ctx)
		if err != nil {
			return err
		}
	}
	return nil
}

// writeShipments inserts the shipments in the order they were made (their
// numbers follow the ids), their lines and tracking, then numbers them.
func (l *loader) writeShipments(ctx context.Context, all []*history.Shipment) error {
	for part := range slices.Chunk(all, batch) {
		b := make([]*ent.ShipmentCreate, len(part))
		for j, sh := range part {
			b[j] = l.c.Shipment.Create().
				SetOrderID(sh.Order.ID).
				SetDealerID(sh.Order.Dealer.ID).
				SetStatus(sh.Status()).
				SetCarrier(sh.Carrier).
				SetTrackingNumber(sh.Track).
				SetEta(sh.ETA).
				SetCreatedAt(sh.Created).
				SetUpdatedAt(sh.Created)
			if at, ok := sh.Left(); ok {
				b[j].SetShippedAt(at)
			}
			if sh.Delivered() {
				b[j].SetDeliveredAt(sh.UpdatedAt())
			}
		}
		saved, err := l.c.Shipment.CreateBulk(b...).Save(ctx)
		if err != nil {
			return err
		}
		for j, row := range saved {
			part[j].ID = row.ID
		}
	}
	var lines []*ent.ShipmentLineCreate
	var events []*ent.DeliveryEventCreate
	for _, sh := range all {
		for _, ln := range sh.Lines {
			lines = append(lines, l.c.ShipmentLine.Create().
				SetShipmentID(sh.ID).
				SetDealerID(sh.Order.Dealer.ID).
				SetOrderLineID(ln.ID).
				SetQuantity(ln.Quantity).
				SetAmount(ln.Amount))
		}
		for _, e := range sh.Events {
			events = append(events, l.c.DeliveryEvent.Create().
				SetShipmentID(sh.ID).
				SetDealerID(sh.Order.Dealer.ID).
				SetStatus(e.Status).
				SetLocation(e.Location).
				SetNote(e.Note).
				SetOccurredAt(e.At).
				SetActorID(sh.Actor.ID).
				SetActorName(sh.Actor.Name))
		}
	}
	for part := range slices.Chunk(lines, batch) {
		if err := l.c.ShipmentLine.CreateBulk(part...).Exec(ctx); err != nil {
			return err
		}
	}
	for part := range slices.Chunk(events, batch) {
		if err := l.c.DeliveryEvent.CreateBulk(part...).Exec(ctx); err != nil {
			return err
		}
	}
	for _, sh := range all {
		err := l.c.Shipment.Update().
			Where(shipment.ID(sh.ID)).
			SetNumber(accounts.DocumentNumber("SH", sh.ID)).
			SetUpdatedAt(sh.UpdatedAt()).
			Exec(ctx)
		if err != nil {
			return err
		}
	}
	return nil
}
