// Package history makes the past of a dealer network: orders placed at the
// prices of their day and held when they would take a dealer over its
// credit limit, each running its course (confirmed, shipped, delivered, or
// rejected, or cancelled), shipped with tracking, invoiced as they leave
// and paid by the dealer's habit. The demo data set (demo/) and the large
// seeded one (seed/) are both made by it, and each writes the result its
// own way: the demo through ent, the seed by COPY or multi-row INSERT.
//
// Prices come from ordering.PriceOn and holds from ordering.HoldsCredit,
// with the dealer's exposure as DESIGN.md §4 defines it, computed over the
// past as it runs: unpaid invoice balances plus the uninvoiced value of
// orders not rejected, cancelled or delivered. Invoices, payments and
// credit notes are kept by accounts.History, so amounts, due dates and
// allocations are the service's. Every time is on the wall clock of the
// business time zone, and every draw comes from the dealer's own random
// stream or the order's own seed: the same seeds make the same past in any
// zone, at the same local hours.
package history

import (
	"container/heap"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/orderevent"
	"github.com/dealerline/dealerline/ordering"
	"github.com/dealerline/dealerline/ordering/counted"
	"github.com/dealerline/dealerline/ordering/status"
)

const day = 24 * time.Hour

// Person is someone who acts on an order, with the name the history keeps.
type Person struct {
	ID   int
	Name string
}

// Product is what a dealer can order, with every price it has had.
type Product struct {
	ID                  int
	SKU, Name, Category string
	Cost                int64
	Prices              []*ent.Price // Tier, ChannelID, Amount and validity are read
}

// Dealer is who orders: what the rules read of it, the people on either
// side, and where its deliveries go.
type Dealer struct {
	ID          int
	Code        string
	Tier        int
	ChannelID   int
	Status      dealer.Status
	CreditLimit int64
	Terms       int        // payment terms, days
	User        *Person    // its own user; nil when its manager orders for it
	Manager     Person     // of its channel: confirms, ships, records payments
	Bulk        bool       // buys for sites: twice a shop's quantities
	Hub, City   string     // where its deliveries are sorted and arrive
	Habit       Habit      // how it pays; ByRule for the usual rule
	Contacts    []Contact  // who may take part in interactions
	Rand        *rand.Rand // its own stream: plans, baskets, payments

	// Orders are planned by the caller (Plan) and run, once, by Run.
	Orders []*Order

	open     []*Order       // orders that may still count towards exposure
	unpaid   []*ent.Invoice // invoices that may still have a balance
	payments int            // references handed out
	lately   int            // invoices since a troubled dealer stopped paying in full
	habit    Habit          // as decided
	from     time.Time      // first order
	until    time.Time      // last order
}

// Plan adds an order placed at at to the dealer's orders and gives it its
// own seed for its course.
func (d *Dealer) Plan(at time.Time) *Order {
	o := &Order{Dealer: d, PlacedAt: at, seed: d.Rand.Uint64()}
	d.Orders = append(d.Orders, o)
	return o
}

// Price is what the dealer pays for p on a business date.
func (d *Dealer) Price(p *Product, date time.Time) int64 {
	pr := ordering.PriceOn(p.Prices, d.Tier, d.ChannelID, date)
	if pr == nil {
		panic(fmt.Sprintf("history: no tier-%d price for %s on %s", d.Tier, p.SKU, date.Format(time.DateOnly)))
	}
	return pr.Amount
}

// Order is an order as it ran. The caller plans PlacedAt, and may set Stop
// (a scripted order: the status it has got to by today) and Note.
type Order struct {
	Dealer    *Dealer
	PlacedAt  time.Time
	PlacedOn  time.Time // its business date
	Stop      status.Status
	Note      string
	Placer    Person
	Lines     []*Line
	Total     int64
	Requested *time.Time // business date
	Held      bool       // put on credit hold when placed
	Events    []Event
	Shipments []*Shipment
	ID        int // given by the writer

	seed     uint64
	own      bool  // placed by the dealer's own user
	invoiced int64 // by the invoices issued so far
}

// Line is an order line.
type Line struct {
	Product            *Product
	Quantity           int
	UnitPrice, Amount  int64
	Shipped, Delivered int
	ID                 int // given by the writer
}

// Event is a change in an order's history.
type Event struct {
	Kind  orderevent.Kind
	From  *status.Status // nil for the first
	To    status.Status
	Actor Person
	At    time.Time
	Note  string
}

// Add puts a line of quantity units of p on the order, at the dealer's
// price on the day it is placed.
func (o *Order) Add(p *Product, quantity int) {
	price := o.Dealer.Price(p, o.PlacedOn)
	amount, _ := ordering.LineAmount(quantity, price, 0)
	o.Lines = append(o.Lines, &Line{Product: p, Quantity: quantity, UnitPrice: price, Amount: amount})
	o.Total += amount
}

// Status is where the order stands now.
func (o *Order) Status() status.Status { return o.Events[len(o.Events)-1].To }

// UpdatedAt is when it last changed.
func (o *Order) UpdatedAt() time.Time { return o.Events[len(o.Events)-1].At }

// CreditHold is whether the hold set at placing still stands.
func (o *Order) CreditHold() bool {
	return o.Held && !slices.ContainsFunc(o.Events, func(e Event) bool { return e.Kind == orderevent.KindCREDIT_HOLD_RELEASED })
}

// StatusAt is where the order stood at t (placed before t).
func (o *Order) StatusAt(t time.Time) status.Status {
	s := status.Submitted
	for _, e := range o.Events {
		if e.At.After(t) {
			break
		}
		s = e.To
	}
	return s
}

// Generator runs the past up to the start of a business date.
type Generator struct {
	Location *time.Location
	Today    time.Time // business date: the past runs to its start
	Cutoff   time.Time // the start of Today in Location
	// Basket fills a new order's lines (Order.Add), drawing from r, given
	// the dealer's exposure when it is placed.
	Basket func(r *rand.Rand, o *Order, exposure int64)
	// PhoneOrders is the percent of the orders of a dealer with its own
	// user that its manager takes on the phone.
	PhoneOrders int
	// Admin logs some interactions and answers some tickets beside the
	// dealers' managers; none when its ID is 0.
	Admin Person
}

// New is a generator of the past up to today (a business date) in loc.
func New(loc *time.Location, today time.Time) *Generator {
	y, m, d := today.Date()
	return &Generator{Location: loc, Today: time.Date(y, m, d, 0, 0, 0, 0, time.UTC), Cutoff: time.Date(y, m, d, 0, 0, 0, 0, loc)}
}

// Clock is a clock of the business zone drawing from r.
func (g *Generator) Clock(r *rand.Rand) Clock { return Clock{r, g.Location} }

// Day is the start of a business date in the business zone.
func (g *Generator) Day(date time.Time) time.Time { return g.Clock(nil).Day(date) }

// Past is what Run made.
type Past struct {
	Orders    []*Order    // by the time they were placed
	Shipments []*Shipment // by the time they were made
	Books     *accounts.History
	damages   []damage
}

// damage is a credit note for goods damaged on the way, whose reason
// quotes the shipment's number, known once the writer has given it an id.
type damage struct {
	note *ent.CreditNote
	sh   *Shipment
}

const damageFix = "Two units of %s arrived damaged in shipment %s: credited at the invoice price."

// Numbered completes what quotes ids, once the writer has given orders and
// shipments theirs: the invoices' order and shipment, and the reasons of
// credit notes for damaged goods.
func (p *Past) Numbered() {
	for _, sh := range p.Shipments {
		if sh.Invoice != nil {
			sh.Invoice.OrderID, sh.Invoice.ShipmentID = sh.Order.ID, sh.ID
		}
	}
	for _, d := range p.damages {
		d.note.Reason = fmt.Sprintf(damageFix, d.sh.Lines[0].Product.SKU, accounts.DocumentNumber("SH", d.sh.ID))
	}
}

// moment is something that happens at a time; seq keeps moments of the
// same time in the order they were planned.
type moment struct {
	at  time.Time
	seq int
	do  func() error
}

type agenda struct {
	ms  []moment
	seq int
}

func (a *agenda) Len() int { return len(a.ms) }
func (a *agenda) Less(i, j int) bool {
	if c := a.ms[i].at.Compare(a.ms[j].at); c != 0 {
		return c < 0
	}
	return a.ms[i].seq < a.ms[j].seq
}
func (a *agenda) Swap(i, j int) { a.ms[i], a.ms[j] = a.ms[j], a.ms[i] }
func (a *agenda) Push(x any)    { a.ms = append(a.ms, x.(moment)) }
func (a *agenda) Pop() any {
	m := a.ms[len(a.ms)-1]
	a.ms = a.ms[:len(a.ms)-1]
	return m
}

// at plans do for time t.
func (a *agenda) at(t time.Time, do func() error) {
	a.seq++
	heap.Push(a, moment{t, a.seq, do})
}

// Run plays the dealers' planned orders, and all that follows from them,
// in the order things happened, keeping the accounts in books.
func (g *Generator) Run(books *accounts.History, dealers ...*Dealer) (*Past, error) {
	past := &Past{Books: books}
	var a agenda
	for _, d := range dealers {
		for _, o := range d.Orders {
			g.Fit(o)
		}
		slices.SortStableFunc(d.Orders, func(x, y *Order) int { return x.PlacedAt.Compare(y.PlacedAt) })
		if len(d.Orders) == 0 {
			continue
		}
		d.from, d.until = d.Orders[0].PlacedAt, d.Orders[len(d.Orders)-1].PlacedAt
		d.habit = d.Habit
		if d.habit == ByRule {
			d.habit = habitOf(d, d.Rand.IntN(100))
		}
		for _, o := range d.Orders {
			a.at(o.PlacedAt, func() error { g.place(&a, past, o); return nil })
		}
		g.planAccount(&a, past, d)
	}
	for a.Len() > 0 {
		if err := heap.Pop(&a).(moment).do(); err != nil {
			return nil, err
		}
	}
	for _, d := range dealers {
		past.Orders = append(past.Orders, d.Orders...)
		for _, o := range d.Orders {
			past.Shipments = append(past.Shipments, o.Shipments...)
		}
	}
	slices.SortStableFunc(past.Orders, func(x, y *Order) int { return x.PlacedAt.Compare(y.PlacedAt) })
	slices.SortStableFunc(past.Shipments, func(x, y *Shipment) int { return x.Created.Compare(y.Created) })
	return past, nil
}

// exposure is what the dealer owes or has committed to owe at t, by
// DESIGN.md §4 (accounts.Exposure): unpaid invoice balances plus the
// uninvoiced value of its orders not rejected, cancelled or delivered.
func (d *Dealer) exposure(t time.Time) int64 {
	var sum int64
	open := d.open[:0]
	for _, o := range d.open {
		if o.StatusAt(t).Open() {
			sum += o.Total - o.invoiced
			open = append(open, o)
		}
	}
	d.open = open
	unpaid := d.unpaid[:0]
	for _, inv := range d.unpaid {
		if inv.Balance > 0 {
			sum += inv.Balance
			unpaid = append(unpaid, inv)
		}
	}
	d.unpaid = unpaid
	return sum
}

// place prices the order on the day it is placed, holds it if it takes
// the dealer over its credit limit, and lets it run its course.
func (g *Generator) place(a *agenda, past *Past, o *Order) {
	d := o.Dealer
	r := d.Rand
	o.Placer, o.own = d.Manager, false
	if d.User != nil {
		o.Placer, o.own = *d.User, true
		if g.PhoneOrders > 0 && r.IntN(100) < g.PhoneOrders {
			o.Placer, o.own = d.Manager, false
		}
	}
	o.PlacedOn = accounts.BusinessDate(o.PlacedAt, g.Location)
	exposure := d.exposure(o.PlacedAt)
	g.Basket(r, o, exposure)
	o.Held = ordering.HoldsCredit(exposure, o.Total, d.CreditLimit)
	if r.IntN(4) == 0 && o.Note == "" {
		o.Note = orderNotes[r.IntN(len(orderNotes))]
	}
	if r.IntN(5) < 2 {
		req := o.PlacedOn.AddDate(0, 0, 5+r.IntN(17))
		o.Requested = &req
	}
	c := g.Clock(rand.New(rand.NewPCG(o.seed, 0)))
	o.Events = g.runCourse(c, o)
	d.open = append(d.open, o)
	o.Shipments = g.shipments(c, o)
	for _, sh := range o.Shipments {
		if left, ok := sh.Left(); ok {
			a.at(left, func() error { g.invoice(a, past, sh, left); return nil })
		}
		g.damaged(c, a, past, sh)
	}
}

// Counted are the figures the order carries for appraisal, as the hook of
// ordering/counted keeps them for orders written through ent: what it adds
// to net sales and to the cost of goods sold (nil when a line was closed
// short: counted from its lines), and when it was confirmed and delivered.
func (o *Order) Counted() (net, cost *int64, confirmed, delivered *time.Time) {
	for _, e := range o.Events {
		if e.Kind != orderevent.KindSTATUS_CHANGED {
			continue
		}
		at := e.At.UTC()
		switch {
		case e.To == status.Confirmed && confirmed == nil:
			confirmed = &at
		case e.To == status.Delivered && delivered == nil:
			delivered = &at
		}
	}
	for _, l := range o.Lines {
		if o.Status() == status.Delivered && l.Delivered < l.Quantity {
			return nil, nil, confirmed, delivered
		}
	}
	c, ok := counted.Cost(o.Lines, func(l *Line) (int, int64) { return l.Quantity, l.Product.Cost })
	if !ok {
		return nil, nil, confirmed, delivered
	}
	total := o.Total
	return &total, &c, confirmed, delivered
}
