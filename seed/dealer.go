package seed

import (
	"fmt"
	mrand "math/rand/v2"
	"slices"
	"time"

	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/history"
)

// phoneOrders is the percent of a dealer's orders its manager takes on the
// phone.
const phoneOrders = 10

// dealerRows makes everything of one dealer — its orders and their
// history, shipments and tracking, and its account — by history's rules,
// and adds the rows to b. It draws from the dealer's own stream, so no
// dealer's data depends on how many came before it.
func (g *gen) dealerRows(d *dealerInfo, b *batch) error {
	r := g.rng(1000 + uint64(d.index))
	home := d.terrs[0]
	hd := &history.Dealer{
		ID: d.id, Code: d.code, Tier: d.tier, ChannelID: d.channel.id, Status: d.status,
		CreditLimit: d.limit, Terms: d.terms, User: &d.user, Manager: d.channel.manager,
		Bulk: d.channel.spec.code == "KEY" || d.channel.spec.code == "PROJ",
		Hub:  home.hub, City: home.name, Rand: r,
		Contacts: []history.Contact{d.contact},
	}
	from, days := g.window(d)
	for _, at := range g.past.Clock(r).OrderTimes(from, days, d.orders) {
		hd.Plan(at)
	}
	past, err := g.past.Run(accounts.NewHistory(g.loc), hd)
	if err != nil {
		return fmt.Errorf("dealer %s: %w", d.code, err)
	}

	// Ids in the order things were made, so numbers follow time.
	t := g.t
	for _, o := range past.Orders {
		o.ID = t.orders.id()
		for _, ln := range o.Lines {
			ln.ID = t.orderLines.id()
		}
	}
	for _, sh := range past.Shipments {
		sh.ID = t.shipments.id()
	}
	past.Numbered()

	for _, o := range past.Orders {
		var requested any
		if o.Requested != nil {
			requested = *o.Requested
		}
		net, cost, confirmed, delivered := o.Counted()
		b.add(t.orders, o.ID, o.PlacedAt.UTC(), o.UpdatedAt().UTC(), accounts.DocumentNumber("SO", o.ID), string(o.Status()), o.CreditHold(),
			len(o.Events), requested, o.Note, o.PlacedAt.UTC(), o.Total, net, cost, confirmed, delivered, d.id, o.Placer.ID)
		for i, ln := range o.Lines {
			b.add(t.orderLines, ln.ID, i+1, ln.Product.SKU, ln.Product.Name, ln.Quantity, ln.UnitPrice, ln.Product.Cost, 0, ln.Amount,
				ln.Shipped, ln.Delivered, o.ID, ln.Product.ID)
		}
		for _, e := range o.Events {
			var from any
			if e.From != nil {
				from = string(*e.From)
			}
			b.add(t.orderEvents, t.orderEvents.id(), string(e.Kind), from, string(e.To), e.Actor.Name, e.At.UTC(), e.Note, o.ID, e.Actor.ID, d.id)
		}
	}
	for _, sh := range past.Shipments {
		var shipped, delivered any
		if at, ok := sh.Left(); ok {
			shipped = at.UTC()
		}
		if sh.Delivered() {
			delivered = sh.UpdatedAt().UTC()
		}
		b.add(t.shipments, sh.ID, sh.Created.UTC(), sh.UpdatedAt().UTC(), accounts.DocumentNumber("SH", sh.ID), string(sh.Status()), sh.Carrier, sh.Track,
			sh.ETA, shipped, delivered, d.id, sh.Order.ID)
		for _, ln := range sh.Lines {
			b.add(t.shipmentLines, t.shipmentLines.id(), ln.Quantity, ln.Amount, d.id, ln.ID, sh.ID)
		}
		for _, e := range sh.Events {
			b.add(t.deliveryEvents, t.deliveryEvents.id(), string(e.Status), e.Location, e.Note, e.At.UTC(), sh.Actor.Name, d.id, sh.Actor.ID, sh.ID)
		}
	}

	invoices, payments, credits, allocations := past.Books.Rows()
	for _, inv := range invoices {
		inv.ID = t.invoices.id()
		b.add(t.invoices, inv.ID, inv.CreatedAt.UTC(), inv.UpdatedAt.UTC(), accounts.DocumentNumber("INV", inv.ID), inv.IssuedOn, inv.DueOn,
			inv.Amount, inv.Balance, nullable(inv.PaidOffOn), d.id, inv.OrderID, inv.ShipmentID)
	}
	for _, p := range payments {
		p.ID = t.payments.id()
		b.add(t.payments, p.ID, p.CreatedAt.UTC(), p.UpdatedAt.UTC(), p.Amount, p.ReceivedAt.UTC(), p.ReceivedOn, p.Reference, p.Unallocated, d.id)
	}
	for _, cn := range credits {
		cn.ID = t.creditNotes.id()
		var product any
		if cn.ProductID != nil {
			product = *cn.ProductID
		}
		b.add(t.creditNotes, cn.ID, cn.CreatedAt.UTC(), cn.UpdatedAt.UTC(), accounts.DocumentNumber("CN", cn.ID), cn.Amount, cn.Reason,
			cn.IssuedAt.UTC(), cn.IssuedOn, cn.Unallocated, d.id, string(cn.Kind), product)
	}
	for _, a := range allocations {
		var payment, credit any
		if a.Payment != nil {
			payment = a.Payment.ID
		} else {
			credit = a.CreditNote.ID
		}
		b.add(t.allocations, t.allocations.id(), a.Amount, a.AppliedOn, credit, d.id, a.Invoice.ID, payment)
	}
	g.relationshipRows(hd, d, from, b)
	g.factRows(d, from, b)
	return nil
}

// relationshipRows makes the interactions staff logged with the dealer
// over its window, their follow-ups, the tickets its user opened and
// their threads, and their search entries, from a stream of its own.
func (g *gen) relationshipRows(hd *history.Dealer, d *dealerInfo, from time.Time, b *batch) {
	t := g.t
	r := g.rng(1<<32 + uint64(d.index))
	interactions, tickets := g.past.Relationship(hd, r, from, d.end, d.interactions, d.tickets)
	for _, in := range interactions {
		in.ID = t.interactions.id()
		b.add(t.interactions, in.ID, in.Logged.UTC(), in.Logged.UTC(), string(in.Kind), in.At.UTC(), in.Subject, in.Notes, in.Outcome,
			in.Author.Name, d.id, in.Author.ID)
		for _, c := range in.Contacts {
			b.add(t.interactionContacts, in.ID, c.ID)
		}
		g.interactionEntry(b, in)
		if f := in.FollowUp; f != nil {
			f.ID = t.followUps.id()
			updated := in.Logged
			var done any
			if f.Done != nil {
				done, updated = f.Done.UTC(), *f.Done
			}
			b.add(t.followUps, f.ID, in.Logged.UTC(), updated.UTC(), f.Due, f.Text, f.Assignee.Name, done, f.DoneBy, d.id, f.Assignee.ID, in.ID)
		}
	}
	for _, tk := range tickets {
		tk.ID = t.tickets.id()
		var order any
		if tk.Order != nil {
			order = tk.Order.ID
		}
		last := tk.LastActivity().UTC()
		b.add(t.tickets, tk.ID, tk.Opened.UTC(), last, accounts.DocumentNumber("ST", tk.ID), string(tk.Category), tk.Subject, tk.Body,
			string(tk.Status()), tk.Opened.UTC(), tk.OpenedBy.Name, utc(tk.FirstResponse()), utc(tk.Closed), last, len(tk.Replies),
			d.id, order, tk.OpenedBy.ID)
		for _, rp := range tk.Replies {
			rp.ID = t.ticketReplies.id()
			b.add(t.ticketReplies, rp.ID, rp.Author.Name, rp.Staff, rp.Body, rp.At.UTC(), tk.ID, d.id, rp.Author.ID)
		}
		g.ticketEntry(b, tk)
	}
}

// utc is a nullable time column: NULL when t is nil.
func utc(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC()
}

// basket fills an order with a few distinct active products, in quantities
// that fit the dealer and the price.
func (g *gen) basket(r *mrand.Rand, o *history.Order, _ int64) {
	n := history.Lines(r)
	seen := make([]int, 0, n)
	for range n {
		j := r.IntN(len(g.active))
		if slices.Contains(seen, j) {
			continue
		}
		seen = append(seen, j)
		p := g.active[j]
		o.Add(p, history.Quantity(r, o.Dealer, o.Dealer.Price(p, o.PlacedOn)))
	}
}
