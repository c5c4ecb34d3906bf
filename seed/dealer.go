package seed

import (
	"fmt"
	mrand "math/rand/v2"
	"slices"
	"time"

	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ordering"
)

// payHabit is how a dealer settles its invoices.
type payHabit int

const (
	onTime      payHabit = iota // each invoice in full, before it is due
	late                        // each invoice in full, weeks after it was due
	instalments                 // half by the due date, the rest weeks later
	monthly                     // one transfer a month for all that falls due (distributors)
	troubled                    // late, and lately not at all (suspended dealers)
)

func habitOf(d *dealerInfo, draw int) payHabit {
	switch {
	case d.status == dealer.StatusSUSPENDED || d.status == dealer.StatusTERMINATED:
		return troubled
	case d.tier == 1:
		return monthly
	case d.status == dealer.StatusPROBATION:
		return late
	case draw < 80:
		return onTime
	case draw < 92:
		return late
	}
	return instalments
}

// moment is something that happens to an account at a time.
type moment struct {
	at time.Time
	do func() error
}

// dealerRows makes everything of one dealer: orders and their history,
// shipments and tracking, and the account, which accounts.History keeps
// by the service's rules. It draws from the dealer's own stream, so no
// dealer's data depends on how many came before it.
func (g *gen) dealerRows(d *dealerInfo, b *batch) error {
	r := g.rng(1000 + uint64(d.index))
	c := clock{r, g.loc}
	t := g.t
	orders := g.dealerOrders(d, r)
	var ships []*sShipment
	for _, o := range orders {
		o.id = t.orders.id()
		ships = append(ships, g.shipments(c, d, o)...)
	}
	// Shipments are numbered in the order they were made.
	slices.SortStableFunc(ships, func(a, b *sShipment) int { return a.created.Compare(b.created) })
	for _, sh := range ships {
		sh.id = t.shipments.id()
		for _, ln := range sh.lines {
			before, _ := ordering.LineAmount(ln.shipped, ln.price, 0)
			after, _ := ordering.LineAmount(ln.shipped+ln.quantity, ln.price, 0)
			ln.shipped += ln.quantity
			sh.amount += after - before
			if sh.delivered() {
				ln.delivered += ln.quantity
			}
		}
	}

	for _, o := range orders {
		last := o.events[len(o.events)-1]
		b.add(t.orders, o.id, o.placedAt.UTC(), last.at.UTC(), accounts.DocumentNumber("SO", o.id), string(o.current()), o.creditHold(),
			len(o.events), o.requested, o.note, o.placedAt.UTC(), o.total, d.id, o.placer.id)
		for i, ln := range o.lines {
			ln.id = t.orderLines.id()
			b.add(t.orderLines, ln.id, i+1, ln.p.sku, ln.p.name, ln.quantity, ln.price, ln.p.cost, 0, ln.amount,
				ln.shipped, ln.delivered, o.id, ln.p.id)
		}
		for _, e := range o.events {
			var from any
			if e.from != "" {
				from = string(e.from)
			}
			b.add(t.orderEvents, t.orderEvents.id(), string(e.kind), from, string(e.to), e.actor.name, e.at.UTC(), e.note, o.id, e.actor.id)
		}
	}
	for _, sh := range ships {
		last := sh.created
		var shipped, delivered any
		if at, ok := sh.left(); ok {
			shipped = at.UTC()
		}
		if n := len(sh.events); n > 0 {
			last = sh.events[n-1].at
			if sh.delivered() {
				delivered = last.UTC()
			}
		}
		b.add(t.shipments, sh.id, sh.created.UTC(), last.UTC(), accounts.DocumentNumber("SH", sh.id), string(sh.current()), sh.carrier, sh.track,
			sh.eta, shipped, delivered, d.id, sh.order.id)
		for _, ln := range sh.lines {
			amount, _ := ordering.LineAmount(ln.quantity, ln.price, 0)
			b.add(t.shipmentLines, t.shipmentLines.id(), ln.quantity, amount, d.id, ln.id, sh.id)
		}
		track := append([]sTrack{{status: "PREPARING", at: sh.created, location: warehouse}}, sh.events...)
		for _, e := range track {
			b.add(t.deliveryEvents, t.deliveryEvents.id(), string(e.status), e.location, e.note, e.at.UTC(), sh.actor.name, d.id, sh.actor.id, sh.id)
		}
	}
	return g.account(d, r, ships, b)
}

// account invoices every shipment the day it left, has the dealer pay by
// its habit, issues the odd credit note, and writes the rows.
func (g *gen) account(d *dealerInfo, r *mrand.Rand, ships []*sShipment, b *batch) error {
	c := clock{r, g.loc}
	books := accounts.NewHistory(g.loc)
	var moments []moment
	var invoiced []*sShipment
	for _, sh := range ships {
		if at, ok := sh.left(); ok {
			row := &ent.Shipment{ID: sh.id, DealerID: d.id, OrderID: sh.order.id}
			moments = append(moments, moment{at, func() error {
				sh.invoice = books.Invoice(row, sh.amount, d.terms, at)
				return nil
			}})
			invoiced = append(invoiced, sh)
		}
	}
	moments = append(moments, g.payments(d, c, books, invoiced)...)
	moments = append(moments, g.credits(d, c, books, invoiced)...)
	slices.SortStableFunc(moments, func(a, b moment) int { return a.at.Compare(b.at) })
	for _, m := range moments {
		if err := m.do(); err != nil {
			return fmt.Errorf("dealer %s: %w", d.code, err)
		}
	}

	t := g.t
	invoices, payments, credits, allocations := books.Rows()
	for _, inv := range invoices {
		inv.ID = t.invoices.id()
		var paidOff any
		if inv.PaidOffOn != nil {
			paidOff = *inv.PaidOffOn
		}
		b.add(t.invoices, inv.ID, inv.CreatedAt.UTC(), inv.UpdatedAt.UTC(), accounts.DocumentNumber("INV", inv.ID), inv.IssuedOn, inv.DueOn,
			inv.Amount, inv.Balance, paidOff, d.id, inv.OrderID, inv.ShipmentID)
	}
	for _, p := range payments {
		p.ID = t.payments.id()
		b.add(t.payments, p.ID, p.CreatedAt.UTC(), p.UpdatedAt.UTC(), p.Amount, p.ReceivedAt.UTC(), p.ReceivedOn, p.Reference, p.Unallocated, d.id)
	}
	for _, cn := range credits {
		cn.ID = t.creditNotes.id()
		b.add(t.creditNotes, cn.ID, cn.CreatedAt.UTC(), cn.UpdatedAt.UTC(), accounts.DocumentNumber("CN", cn.ID), cn.Amount, cn.Reason,
			cn.IssuedAt.UTC(), cn.IssuedOn, cn.Unallocated, d.id)
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
	return nil
}

// payments has a dealer pay its invoices by its habit. What would be paid
// from today on is not paid yet.
func (g *gen) payments(d *dealerInfo, c clock, books *accounts.History, ships []*sShipment) []moment {
	habit := habitOf(d, c.r.IntN(100))
	n := 0
	var out []moment
	// pay is a bank transfer credited on business date, in office hours:
	// share percent of one shipment's invoice (at most its balance), or,
	// without one, all that falls due within the month.
	pay := func(date time.Time, sh *sShipment, share int64) {
		at := c.office(g.midnight(date).Add(c.between(9*time.Hour, 16*time.Hour)))
		if !at.Before(g.cutoff) {
			return
		}
		n++
		ref := fmt.Sprintf("TT%s-%s-%03d", at.In(g.loc).Format("20060102"), d.code[2:], n)
		out = append(out, moment{at, func() error {
			if sh == nil {
				var amount int64
				for _, inv := range books.Open(d.id) {
					if inv.DueOn.Before(g.date(at).AddDate(0, 1, 0)) {
						amount += inv.Balance
					}
				}
				if amount == 0 {
					return nil
				}
				_, err := books.Payment(d.id, amount, at, ref)
				return err
			}
			inv := sh.invoice
			amount := min(inv.Balance, (inv.Amount*share/100+99)/100*100) // whole yuan
			if amount == 0 {
				return nil // settled already: the dealer's credit covered it
			}
			_, err := books.Payment(d.id, amount, at, ref, accounts.Share{Invoice: inv, Amount: amount})
			return err
		}})
	}
	if habit == monthly {
		for m := g.start; m.Before(g.today); m = m.AddDate(0, 1, 0) {
			pay(time.Date(m.Year(), m.Month(), 10, 0, 0, 0, 0, time.UTC), nil, 100)
		}
		return out
	}
	for i, sh := range ships {
		left, _ := sh.left()
		due := g.date(left).AddDate(0, 0, d.terms)
		switch habit {
		case onTime:
			pay(g.date(left).AddDate(0, 0, d.terms*2/5+c.r.IntN(max(d.terms/2, 1))+1), sh, 100)
		case late:
			if c.r.IntN(3) == 0 { // in two goes
				pay(due.AddDate(0, 0, 5+c.r.IntN(15)), sh, 60)
				pay(due.AddDate(0, 0, 25+c.r.IntN(35)), sh, 100)
				continue
			}
			pay(due.AddDate(0, 0, 5+c.r.IntN(40)), sh, 100)
		case instalments:
			pay(due.AddDate(0, 0, -c.r.IntN(4)), sh, 50)
			pay(due.AddDate(0, 0, 10+c.r.IntN(30)), sh, 100)
		case troubled:
			// Paid late until the last months; since then a part of every
			// other invoice, and nothing more.
			switch {
			case i < len(ships)*2/3:
				pay(due.AddDate(0, 0, 20+c.r.IntN(50)), sh, 100)
			case i%2 == 0:
				pay(due.AddDate(0, 0, 10+c.r.IntN(20)), sh, 30)
			}
		}
	}
	return out
}

// credits issues a distributor's volume rebate for the last full quarter,
// and now and then a correction for goods damaged on the way.
func (g *gen) credits(d *dealerInfo, c clock, books *accounts.History, ships []*sShipment) []moment {
	var out []moment
	if d.tier == 1 {
		q := (int(g.today.Month()) - 1) / 3
		end := time.Date(g.today.Year(), time.Month(3*q+1), 1, 0, 0, 0, 0, time.UTC)
		at := c.office(g.midnight(end).AddDate(0, 0, 5+c.r.IntN(5)))
		if !at.Before(g.cutoff) {
			end = end.AddDate(0, -3, 0)
			at = c.office(g.midnight(end).AddDate(0, 0, 5+c.r.IntN(5)))
		}
		from := end.AddDate(0, -3, 0)
		var invoiced int64
		for _, sh := range ships {
			if left, ok := sh.left(); ok && !g.date(left).Before(from) && g.date(left).Before(end) {
				invoiced += sh.amount
			}
		}
		if amount := invoiced * 2 / 100; amount > 0 {
			reason := fmt.Sprintf("Volume rebate %d-Q%d: 2%% of %d.%02d invoiced", from.Year(), (int(from.Month())-1)/3+1, invoiced/100, invoiced%100)
			out = append(out, moment{at, func() error {
				books.CreditNote(d.id, amount, reason, at)
				return nil
			}})
		}
	}
	for _, sh := range ships {
		if !sh.delivered() || sh.lines[0].quantity < 2 || !slices.ContainsFunc(sh.events, func(e sTrack) bool { return e.note == holdUps[2] }) {
			continue
		}
		at := c.office(sh.events[len(sh.events)-1].at.Add(2 * day))
		if !at.Before(g.cutoff) || c.r.IntN(2) == 0 {
			continue
		}
		ln := sh.lines[0]
		amount, _ := ordering.LineAmount(2, ln.price, 0)
		reason := fmt.Sprintf("Two units of %s arrived damaged in shipment %s: credited at the invoice price.", ln.p.sku, accounts.DocumentNumber("SH", sh.id))
		out = append(out, moment{at, func() error {
			books.CreditNote(d.id, amount, reason, at)
			return nil
		}})
	}
	return out
}
