package history

import (
	"math/rand/v2"
	"time"

	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/orderevent"
	"github.com/dealerline/dealerline/ordering/status"
)

// course is the order's history as it would run: placed, then confirmed
// within hours (after its credit hold is released), shipped in one to four
// days and delivered within a week — or rejected, or cancelled. It draws
// from c, made from the order's own seed, so that Fit can try it before
// the order is priced; held and lines are what pricing found.
func (g *Generator) course(c Clock, o *Order, held bool, lines int) []Event {
	const (
		delivered = iota
		rejected
		withdrawn // cancelled by the dealer before confirmation
		cancelled // cancelled after confirmation
	)
	d := o.Dealer
	fate := delivered
	if o.Stop == "" {
		r := c.r.IntN(100)
		if d.Status == dealer.StatusPROBATION {
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
	partial := lines > 1 && (o.Stop == status.PartiallyDelivered || split)
	pick := func(notes []string) string { return notes[c.r.IntN(len(notes))] }

	events := []Event{{Kind: orderevent.KindSTATUS_CHANGED, To: status.Submitted, Actor: o.Placer, At: o.PlacedAt}}
	add := func(kind orderevent.Kind, to status.Status, who Person, at time.Time, note string) time.Time {
		prev := events[len(events)-1]
		if !at.After(prev.At) {
			at = prev.At.Add(time.Minute)
		}
		from := prev.To
		events = append(events, Event{Kind: kind, From: &from, To: to, Actor: who, At: at, Note: note})
		return at
	}
	move := func(to status.Status, who Person, at time.Time, note string) time.Time {
		return add(orderevent.KindSTATUS_CHANGED, to, who, at, note)
	}
	t := o.PlacedAt
	switch fate {
	case rejected:
		note := pick(rejectNotes)
		if held {
			note = creditRejectNote
		}
		move(status.Rejected, d.Manager, c.Office(t.Add(c.Between(20*time.Minute, 4*time.Hour))), note)
	case withdrawn:
		note := pick(withdrawNotes)
		at := t.Add(c.Between(10*time.Minute, 3*time.Hour))
		if !o.own {
			at = c.Office(at)
			if note == "" {
				note = "At the dealer's request."
			}
		}
		move(status.Cancelled, o.Placer, at, note)
	default:
		if held {
			t = add(orderevent.KindCREDIT_HOLD_RELEASED, status.Submitted, d.Manager,
				c.Office(t.Add(c.Between(time.Hour, 20*time.Hour))), pick(releaseNotes))
		}
		confirmed := move(status.Confirmed, d.Manager, c.Office(t.Add(c.Between(15*time.Minute, 3*time.Hour))), "")
		if fate == cancelled {
			move(status.Cancelled, d.Manager, c.Office(confirmed.Add(c.Between(2*time.Hour, 3*day))), pick(cancelNotes))
			break
		}
		fulfilling := move(status.InFulfillment, d.Manager, c.Office(confirmed.Add(c.Between(30*time.Minute, 20*time.Hour))), "")
		shipped := c.Office(confirmed.Add(c.Between(day, 4*day)))
		if shipped.Sub(fulfilling) < 3*time.Hour {
			shipped = c.Office(fulfilling.Add(c.Between(3*time.Hour, 8*time.Hour)))
		}
		if partial {
			shipped = move(status.Shipped, d.Manager, shipped, twoConsignments)
			first := move(status.PartiallyDelivered, d.Manager, c.Daytime(shipped.Add(c.Between(day, 3*day))), "First consignment delivered.")
			move(status.Delivered, d.Manager, c.Daytime(first.Add(c.Between(day, 4*day))), "")
		} else {
			shipped = move(status.Shipped, d.Manager, shipped, "")
			move(status.Delivered, d.Manager, c.Daytime(shipped.Add(c.Between(day, 7*day))), "")
		}
	}
	return events
}

// runCourse is the order's history up to today. Orders still under way
// stop where they are at the start of today; the scripted ones where they
// are meant to.
func (g *Generator) runCourse(c Clock, o *Order) []Event {
	events := g.course(c, o, o.Held, len(o.Lines))
	if o.Stop == "" {
		for i, e := range events {
			if !e.At.Before(g.Cutoff) {
				return events[:i]
			}
		}
		return events
	}
	for i, e := range events {
		if e.To == o.Stop && e.Kind == orderevent.KindSTATUS_CHANGED {
			events = events[:i+1]
			break
		}
	}
	// Fit made room for the usual pace; a credit hold may take longer:
	// squeeze what ran past the end of yesterday into what was left of it.
	end := g.Cutoff.Add(-10 * time.Minute)
	for i, e := range events {
		if i > 0 && !e.At.Before(end) {
			prev, n := events[i-1].At, len(events)-i+1
			for j := i; j < len(events); j++ {
				events[j].At = prev.Add(end.Sub(prev) * time.Duration(j-i+1) / time.Duration(n)).Truncate(time.Second)
			}
			break
		}
	}
	return events
}

// Fit places a scripted order (one with a Stop) early enough that, at the
// usual pace, it has got as far as its stop by the end of yesterday. Run
// fits every order; a caller that plans from a scripted order's time fits
// it first.
func (g *Generator) Fit(o *Order) {
	for o.Stop != "" {
		c := g.Clock(rand.New(rand.NewPCG(o.seed, 0)))
		for _, e := range g.course(c, o, false, 2) {
			if e.To == o.Stop {
				if e.At.Before(g.Cutoff.Add(-10 * time.Minute)) {
					return
				}
				break
			}
		}
		o.PlacedAt = o.PlacedAt.AddDate(0, 0, -1)
	}
}
