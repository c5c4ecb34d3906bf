package history

import (
	"fmt"
	"time"

	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/creditnote"
	"github.com/dealerline/dealerline/ent/dealer"
)

// Habit is how a dealer settles its invoices.
type Habit int

const (
	ByRule      Habit = iota // by habitOf
	OnTime                   // each invoice in full, before it is due
	Late                     // each invoice in full, days after it was due (two weeks at most)
	Instalments              // half by the due date, the rest weeks later
	Monthly                  // one transfer a month for all that falls due (distributors)
	Troubled                 // late, and lately only in part (suspended and terminated dealers)
	Slow                     // each invoice in full, weeks after it was due
)

// habitOf is how a dealer usually pays, given a draw in [0, 100).
func habitOf(d *Dealer, draw int) Habit {
	switch {
	case d.Status == dealer.StatusSUSPENDED || d.Status == dealer.StatusTERMINATED:
		return Troubled
	case d.Tier == 1:
		return Monthly
	case d.Status == dealer.StatusPROBATION:
		return Late
	case draw < 80:
		return OnTime
	case draw < 92:
		return Late
	}
	return Instalments
}

// planAccount plans what does not wait for an invoice: a monthly payer's
// transfers, and a distributor's volume rebate for the last full quarter.
func (g *Generator) planAccount(a *agenda, past *Past, d *Dealer) {
	c := g.Clock(d.Rand)
	if d.habit == Monthly {
		first := c.Date(d.from)
		for m := time.Date(first.Year(), first.Month(), 10, 0, 0, 0, 0, time.UTC); m.Before(g.Today); m = m.AddDate(0, 1, 0) {
			g.pay(a, past, d, m, nil, 100)
		}
	}
	if d.Tier != 1 {
		return
	}
	// The latest quarter whose rebate has been credited by today: a week
	// or so into the next quarter.
	q := (int(g.Today.Month()) - 1) / 3
	end := time.Date(g.Today.Year(), time.Month(3*q+1), 1, 0, 0, 0, 0, time.UTC)
	at := c.Office(c.Day(end).AddDate(0, 0, 5+d.Rand.IntN(5)))
	if !at.Before(g.Cutoff) {
		end = end.AddDate(0, -3, 0)
		at = c.Office(c.Day(end).AddDate(0, 0, 5+d.Rand.IntN(5)))
	}
	from := end.AddDate(0, -3, 0)
	a.at(at, func() error {
		var invoiced int64
		for _, o := range d.Orders {
			for _, sh := range o.Shipments {
				if sh.Invoice != nil && !sh.Invoice.IssuedOn.Before(from) && sh.Invoice.IssuedOn.Before(end) {
					invoiced += sh.Amount
				}
			}
		}
		if amount := invoiced * 2 / 100; amount > 0 {
			reason := fmt.Sprintf("Volume rebate %d-Q%d: 2%% of %d.%02d invoiced", from.Year(), (int(from.Month())-1)/3+1, invoiced/100, invoiced%100)
			past.Books.CreditNote(d.ID, creditnote.KindREBATE, nil, amount, reason, at)
		}
		return nil
	})
}

// planPayment plans how the dealer pays an invoice issued at issued, by
// its habit. A monthly payer's transfers are planned already.
func (g *Generator) planPayment(a *agenda, past *Past, d *Dealer, inv *ent.Invoice, issued time.Time) {
	r := d.Rand
	due := inv.DueOn
	switch d.habit {
	case OnTime:
		g.pay(a, past, d, inv.IssuedOn.AddDate(0, 0, d.Terms*2/5+r.IntN(max(d.Terms/2, 1))+1), inv, 100)
	case Late:
		if r.IntN(3) == 0 { // in two goes
			g.pay(a, past, d, due.AddDate(0, 0, 2+r.IntN(6)), inv, 60)
			g.pay(a, past, d, due.AddDate(0, 0, 8+r.IntN(7)), inv, 100)
			return
		}
		g.pay(a, past, d, due.AddDate(0, 0, 3+r.IntN(12)), inv, 100)
	case Slow:
		if r.IntN(3) == 0 { // in two goes
			g.pay(a, past, d, due.AddDate(0, 0, 5+r.IntN(15)), inv, 60)
			g.pay(a, past, d, due.AddDate(0, 0, 25+r.IntN(35)), inv, 100)
			return
		}
		g.pay(a, past, d, due.AddDate(0, 0, 16+r.IntN(30)), inv, 100)
	case Instalments:
		g.pay(a, past, d, due.AddDate(0, 0, -r.IntN(4)), inv, 50)
		g.pay(a, past, d, due.AddDate(0, 0, 4+r.IntN(11)), inv, 100)
	case Troubled:
		// Paid late through the first two thirds of its orders; since
		// then a part of every other invoice, and nothing more.
		if issued.Before(d.from.Add(d.until.Sub(d.from) * 2 / 3)) {
			g.pay(a, past, d, due.AddDate(0, 0, 5+r.IntN(10)), inv, 100)
			return
		}
		if d.lately++; d.lately%2 == 1 {
			g.pay(a, past, d, due.AddDate(0, 0, 10+r.IntN(20)), inv, 30)
		}
	}
}

// pay is a bank transfer credited on a business date, in office hours: for
// share percent of one invoice (at most its balance), or, without one, for
// all that falls due within the month. What would be paid from today on is
// not paid yet.
func (g *Generator) pay(a *agenda, past *Past, d *Dealer, date time.Time, inv *ent.Invoice, share int64) {
	c := g.Clock(d.Rand)
	at := c.Office(c.Day(date).Add(c.Between(9*time.Hour, 16*time.Hour)))
	if !at.Before(g.Cutoff) {
		return
	}
	d.payments++
	ref := fmt.Sprintf("TT%s-%s-%03d", at.In(g.Location).Format("20060102"), d.Code[2:], d.payments)
	books := past.Books
	a.at(at, func() error {
		if inv == nil {
			var amount int64
			for _, open := range books.Open(d.ID) {
				if open.DueOn.Before(c.Date(at).AddDate(0, 1, 0)) {
					amount += open.Balance
				}
			}
			if amount == 0 {
				return nil
			}
			_, err := books.Payment(d.ID, amount, at, ref)
			return err
		}
		amount := min(inv.Balance, (inv.Amount*share/100+99)/100*100) // whole yuan
		if amount == 0 {
			return nil // settled already: the dealer's credit covered it
		}
		_, err := books.Payment(d.ID, amount, at, ref, accounts.Share{Invoice: inv, Amount: amount})
		return err
	})
}
