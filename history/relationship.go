package history

import (
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dealerline/dealerline/ent/interaction"
	"github.com/dealerline/dealerline/ent/serviceticket"
)

// The relationship's past: what the manufacturer's staff did with a dealer
// (visits, calls, meetings, emails, messages, trainings, in English or in
// Chinese, now and then setting a follow-up) and the service requests the
// dealer's user opened, answered in a thread. Made after Run, from the
// dealer's orders: notes and tickets talk about what it bought.

// Contact is a person at a dealer who may take part in an interaction.
type Contact struct {
	ID    int
	Name  string // surname first: "Wang Wei"
	Title string
}

// Interaction is a contact the manufacturer's staff had with a dealer.
type Interaction struct {
	Dealer                  *Dealer
	Kind                    interaction.Kind
	At                      time.Time // when it happened
	Logged                  time.Time // when it was written down
	Subject, Notes, Outcome string
	Author                  Person
	Contacts                []Contact // who took part
	FollowUp                *FollowUp
	ID                      int // given by the writer
}

// FollowUp is a task an interaction set.
type FollowUp struct {
	Due      time.Time // business date
	Text     string
	Assignee Person
	Done     *time.Time
	DoneBy   string // the name of who marked it done
	ID       int    // given by the writer
}

// Overdue reports whether it is open and due before today.
func (f *FollowUp) Overdue(today time.Time) bool { return f.Done == nil && f.Due.Before(today) }

// Ticket is a service request a dealer's user opened, and its thread.
type Ticket struct {
	Dealer        *Dealer
	Order         *Order // the order it is about; nil for none
	Category      serviceticket.Category
	Subject, Body string
	Opened        time.Time
	OpenedBy      Person
	Replies       []*Reply // oldest first
	Closed        *time.Time
	ID            int // given by the writer
}

// Reply is one message of a ticket's thread.
type Reply struct {
	Author Person
	Staff  bool // from the manufacturer's staff
	Body   string
	At     time.Time
	ID     int // given by the writer
}

// Status is OPEN until staff answer, ANSWERED while staff wrote last,
// OPEN again when the dealer wrote after them, CLOSED once closed.
func (t *Ticket) Status() serviceticket.Status {
	switch {
	case t.Closed != nil:
		return serviceticket.StatusCLOSED
	case len(t.Replies) > 0 && t.Replies[len(t.Replies)-1].Staff:
		return serviceticket.StatusANSWERED
	}
	return serviceticket.StatusOPEN
}

// FirstResponse is when staff first answered; nil before they have.
func (t *Ticket) FirstResponse() *time.Time {
	for _, r := range t.Replies {
		if r.Staff {
			at := r.At
			return &at
		}
	}
	return nil
}

// LastActivity is its last reply or its closing, or its opening.
func (t *Ticket) LastActivity() time.Time {
	last := t.Opened
	if n := len(t.Replies); n > 0 {
		last = t.Replies[n-1].At
	}
	if t.Closed != nil {
		last = *t.Closed
	}
	return last
}

// TicketStop is how far a ticket has got by today.
type TicketStop int

const (
	Settled  TicketStop = iota // as it runs: answered, and mostly closed
	Waiting                    // no answer yet
	Answered                   // staff answered last
	Pending                    // the dealer wrote again after the answer
)

// Relationship draws n interactions with the dealer over the business
// dates [from, until), logged by its channel's manager and now and then
// by the generator's administrator, and, when the dealer has its own
// user, m tickets that user opened; all of it before today. It draws from
// r alone, and reads the dealer's orders (Run them first).
func (g *Generator) Relationship(d *Dealer, r *rand.Rand, from, until time.Time, n, m int) ([]*Interaction, []*Ticket) {
	if until.After(g.Today) {
		until = g.Today
	}
	days := int(until.Sub(from) / day)
	if days < 1 {
		return nil, nil
	}
	c := g.Clock(r)
	var out []*Interaction
	for range n {
		date := weekday(from.AddDate(0, 0, r.IntN(days)), from)
		kind := drawKind(r)
		var at time.Time
		if kind == interaction.KindMESSAGE {
			at = c.Day(date).Add(c.Between(8*time.Hour, 22*time.Hour)) // messages come in the evening too
		} else {
			at = c.Office(c.Day(date).Add(c.Between(9*time.Hour, 17*time.Hour+30*time.Minute)))
		}
		if !at.Before(g.Cutoff.Add(-time.Hour)) {
			continue
		}
		out = append(out, g.interaction(c, r, d, at, kind))
	}
	slices.SortStableFunc(out, func(a, b *Interaction) int { return a.At.Compare(b.At) })

	var tickets []*Ticket
	if d.User != nil {
		for range m {
			at := c.PlaceTime(from.AddDate(0, 0, r.IntN(days)))
			if !at.Before(g.Cutoff.Add(-time.Hour)) {
				continue
			}
			tickets = append(tickets, g.Ticket(d, r, at, drawTicketTopic(r), Settled))
		}
		slices.SortStableFunc(tickets, func(a, b *Ticket) int { return a.Opened.Compare(b.Opened) })
	}
	return out, tickets
}

// weekday moves a weekend date to the Friday before it, or the Monday
// after when that is before from.
func weekday(date, from time.Time) time.Time {
	switch date.Weekday() {
	case time.Saturday:
		if f := date.AddDate(0, 0, -1); !f.Before(from) {
			return f
		}
		return date.AddDate(0, 0, 2)
	case time.Sunday:
		if f := date.AddDate(0, 0, -2); !f.Before(from) {
			return f
		}
		return date.AddDate(0, 0, 1)
	}
	return date
}

var kindWeights = []struct {
	kind   interaction.Kind
	weight int
}{
	{interaction.KindVISIT, 20}, {interaction.KindCALL, 30}, {interaction.KindMEETING, 10},
	{interaction.KindEMAIL, 15}, {interaction.KindMESSAGE, 17}, {interaction.KindTRAINING, 8},
}

func drawKind(r *rand.Rand) interaction.Kind {
	x := r.IntN(100)
	for _, k := range kindWeights {
		if x < k.weight {
			return k.kind
		}
		x -= k.weight
	}
	return interaction.KindCALL
}

// interaction is one contact of kind at at: its words drawn from the
// topics of the kind, in English or (45%) in Chinese, about what the
// dealer bought lately; a follow-up now and then, done or not by today.
func (g *Generator) interaction(c Clock, r *rand.Rand, d *Dealer, at time.Time, kind interaction.Kind) *Interaction {
	zh := r.IntN(100) < 45
	var pool []topic
	for _, t := range topics {
		if t.kind == kind && t.zh == zh {
			pool = append(pool, t)
		}
	}
	t := pool[r.IntN(len(pool))]
	author := d.Manager
	if g.Admin.ID != 0 && g.Admin.ID != d.Manager.ID && r.IntN(5) == 0 {
		author = g.Admin
	}
	w := g.words(r, d, at, zh)
	in := &Interaction{
		Dealer: d, Kind: kind, At: at, Author: author,
		Logged:  minTime(at.Add(c.Between(10*time.Minute, 4*time.Hour)), g.Cutoff.Add(-time.Minute)),
		Subject: w.Replace(t.subject), Notes: w.Replace(t.notes), Outcome: w.Replace(t.outcome),
	}
	if w.contact != nil {
		switch kind {
		case interaction.KindVISIT, interaction.KindMEETING, interaction.KindTRAINING:
			if r.IntN(100) < 70 {
				in.Contacts = append(in.Contacts, *w.contact)
				if other := d.Contacts[r.IntN(len(d.Contacts))]; other.ID != w.contact.ID && r.IntN(2) == 0 {
					in.Contacts = append(in.Contacts, other)
				}
			}
		default:
			if r.IntN(2) == 0 {
				in.Contacts = append(in.Contacts, *w.contact)
			}
		}
	}
	if t.followUp != "" && r.IntN(100) < 60 {
		assignee := author
		if r.IntN(10) < 3 && g.Admin.ID != 0 && g.Admin.ID != d.Manager.ID {
			assignee = g.Admin // the other of the two
			if author == g.Admin {
				assignee = d.Manager
			}
		}
		in.FollowUp = g.followUp(c, r, at, w.Replace(t.followUp), assignee)
	}
	return in
}

// followUp is a task set at at, due two days to three weeks later: done
// by its assignee as the date comes (a few early, a few late), still open
// when it is due from today on, and now and then forgotten.
func (g *Generator) followUp(c Clock, r *rand.Rand, at time.Time, text string, assignee Person) *FollowUp {
	set := c.Date(at)
	f := &FollowUp{Due: set.AddDate(0, 0, 2+r.IntN(20)), Text: text, Assignee: assignee}
	var done bool
	switch x := r.IntN(100); {
	case !f.Due.Before(g.Today): // not due yet
		done = x < 25
	case f.Due.Before(g.Today.AddDate(0, 0, -30)):
		done = x < 96
	default:
		done = x < 65
	}
	if !done {
		return f
	}
	// Done between the day after it was set and a few days past its due date.
	lo := at.Add(20 * time.Hour)
	hi := minTime(c.Day(f.Due).Add(4*day), g.Cutoff.Add(-2*time.Hour))
	if !hi.After(lo) {
		return f // no time to do it in yet: open, or overdue
	}
	when := c.Office(lo.Add(c.Between(0, hi.Sub(lo))))
	if when.After(hi) {
		when = lo
	}
	f.Done, f.DoneBy = &when, assignee.Name
	return f
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// Ticket is a service request the dealer's user opened at at, on topic,
// answered by the dealer's manager or the administrator in office hours,
// run as far as stop says, and never past the start of today. A topic
// about an order names the dealer's latest order shipped by then.
func (g *Generator) Ticket(d *Dealer, r *rand.Rand, at time.Time, t TicketTopic, stop TicketStop) *Ticket {
	c := g.Clock(r)
	w := g.words(r, d, at, t.Chinese)
	tk := &Ticket{
		Dealer: d, Category: t.Category, Subject: w.Replace(t.Subject), Body: w.Replace(t.Body),
		Opened: at, OpenedBy: *d.User,
	}
	if t.AboutOrder {
		tk.Order = shippedBefore(d, at.Add(-day))
	}
	staff := d.Manager
	if g.Admin.ID != 0 && r.IntN(10) < 3 {
		staff = g.Admin
	}
	end := g.Cutoff.Add(-time.Minute)
	reply := func(who Person, isStaff bool, body string, after time.Time) bool {
		if body == "" || !after.Before(end) {
			return false
		}
		tk.Replies = append(tk.Replies, &Reply{Author: who, Staff: isStaff, Body: w.Replace(body), At: after})
		return true
	}
	if stop == Waiting {
		return tk
	}
	first := c.Office(at.Add(c.Between(20*time.Minute, 6*time.Hour)))
	if !reply(staff, true, t.Answer, first) || stop == Answered {
		return tk
	}
	more := stop == Pending || r.IntN(100) < 55
	last := first
	if more {
		back := first.Add(c.Between(40*time.Minute, 30*time.Hour))
		if !reply(*d.User, false, t.Again, back) || stop == Pending {
			return tk
		}
		last = c.Office(back.Add(c.Between(15*time.Minute, 6*time.Hour)))
		if !reply(staff, true, t.Second, last) {
			return tk
		}
	}
	if r.IntN(100) < 92 {
		// Closed by staff in office hours, or by the dealer when it is satisfied.
		closed := c.Office(last.Add(c.Between(time.Hour, 3*day)))
		if r.IntN(3) == 0 {
			closed = last.Add(c.Between(30*time.Minute, 2*day))
		}
		if closed.Before(end) {
			tk.Closed = &closed
		}
	}
	return tk
}

// shippedBefore is the dealer's latest order placed before t that had
// shipped by t; nil when there is none.
func shippedBefore(d *Dealer, t time.Time) *Order {
	i := sort.Search(len(d.Orders), func(i int) bool { return !d.Orders[i].PlacedAt.Before(t) })
	for j := i - 1; j >= 0 && j >= i-12; j-- {
		o := d.Orders[j]
		for _, sh := range o.Shipments {
			if left, ok := sh.Left(); ok && left.Before(t) {
				return o
			}
		}
	}
	return nil
}

// words fill a topic's blanks: {contact} (a contact's name; {who} is how
// Chinese addresses them: 王经理, 李总), {product} and {sku} (of what the
// dealer ordered last before at), {category} and {city} (in the topic's
// language), {n} and {pct} (small numbers).
type words struct {
	*strings.Replacer
	contact *Contact
}

func (g *Generator) words(r *rand.Rand, d *Dealer, at time.Time, zh bool) words {
	var w words
	contact, who := "the owner", "老板"
	if len(d.Contacts) > 0 {
		ct := d.Contacts[r.IntN(len(d.Contacts))]
		w.contact = &ct
		contact, who = ct.Name, chineseAddress(ct)
	}
	product, sku, category := "cordless range", "18V", "Power tools"
	if p := lastBought(d, at, r); p != nil {
		product, sku, category = p.Name, p.SKU, p.Category
	}
	city := d.City
	if zh {
		category = cmpOr(categoriesZH[category], "电动工具")
		city = cmpOr(citiesZH[city], "当地")
	}
	w.Replacer = strings.NewReplacer(
		"{contact}", contact, "{who}", who, "{product}", product, "{sku}", sku,
		"{category}", category, "{city}", city,
		"{n}", strconv.Itoa(4+r.IntN(9)), "{pct}", strconv.Itoa(5+r.IntN(21)),
	)
	return w
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// lastBought is a product of one of the dealer's last orders placed
// before at, or of its first order when none was.
func lastBought(d *Dealer, at time.Time, r *rand.Rand) *Product {
	if len(d.Orders) == 0 {
		return nil
	}
	i := sort.Search(len(d.Orders), func(i int) bool { return !d.Orders[i].PlacedAt.Before(at) })
	o := d.Orders[0]
	if i > 0 {
		o = d.Orders[max(0, i-1-r.IntN(3))]
	}
	if len(o.Lines) == 0 {
		return nil
	}
	return o.Lines[r.IntN(len(o.Lines))].Product
}

// chineseAddress is how a Chinese note names a contact: the surname and
// 总 for whoever runs the dealer, 经理 for the others.
func chineseAddress(c Contact) string {
	sur, _, _ := strings.Cut(c.Name, " ")
	han, ok := surnamesZH[sur]
	if !ok {
		return "客户"
	}
	switch c.Title {
	case "General Manager", "Owner", "Managing Director":
		return han + "总"
	}
	return han + "经理"
}
