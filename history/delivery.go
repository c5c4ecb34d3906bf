package history

import (
	"fmt"
	"slices"
	"time"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/creditnote"
	"github.com/dealerline/dealerline/ent/orderevent"
	"github.com/dealerline/dealerline/ordering"
	"github.com/dealerline/dealerline/ordering/status"
)

// Shipment is a shipment as its order's history made it.
type Shipment struct {
	Order   *Order
	Lines   []*Line // each shipped in full, for its amount
	Created time.Time
	ETA     time.Time // business date
	Carrier string
	Track   string // tracking number
	Actor   Person
	Events  []Tracking // PREPARING first
	Amount  int64      // its lines' amounts: its invoice's
	Invoice *ent.Invoice
	ID      int // given by the writer
}

// Tracking is a step of a shipment's way.
type Tracking struct {
	Status   status.ShipmentStatus
	At       time.Time
	Location string
	Note     string
}

// Left is when the shipment went in transit, if it has.
func (s *Shipment) Left() (time.Time, bool) {
	for _, e := range s.Events {
		if e.Status == status.ShipmentInTransit {
			return e.At, true
		}
	}
	return time.Time{}, false
}

// Delivered reports whether it has arrived.
func (s *Shipment) Delivered() bool { return s.Status() == status.ShipmentDelivered }

// Status is where it stands now.
func (s *Shipment) Status() status.ShipmentStatus { return s.Events[len(s.Events)-1].Status }

// UpdatedAt is when it last moved.
func (s *Shipment) UpdatedAt() time.Time { return s.Events[len(s.Events)-1].At }

// shipments reads an order's history: a shipment prepared once it was in
// fulfilment (some still are), in transit when it SHIPPED, delivered when
// it was DELIVERED; two consignments when it went PARTIALLY_DELIVERED or
// shipped in two. Each line's shipped and delivered quantities follow.
func (g *Generator) shipments(c Clock, o *Order) []*Shipment {
	at := map[status.Status]*Event{}
	for i := range o.Events {
		if e := &o.Events[i]; e.Kind == orderevent.KindSTATUS_CHANGED {
			at[e.To] = e
		}
	}
	fulfil, shipped := at[status.InFulfillment], at[status.Shipped]
	if fulfil == nil || (shipped == nil && c.r.IntN(2) == 0) {
		return nil // not confirmed, or nothing packed yet
	}
	// Packed between fulfilment starting and leaving (or now).
	until := g.Cutoff.Add(-10 * time.Minute)
	if shipped != nil {
		until = shipped.At
	}
	created := fulfil.At.Add(until.Sub(fulfil.At) * time.Duration(3+c.r.IntN(5)) / 10).Truncate(time.Second)
	carrier := carriers[c.r.IntN(len(carriers))]
	newShipment := func(lines []*Line, created time.Time) *Shipment {
		sh := &Shipment{
			Order: o, Lines: lines, Created: created, Carrier: carrier.name,
			Track: fmt.Sprintf("%s%012d", carrier.prefix, c.r.Int64N(1e12)),
			ETA:   c.Date(created).AddDate(0, 0, 2+c.r.IntN(4)),
			Actor: fulfil.Actor,
		}
		if shipped != nil {
			sh.Actor = shipped.Actor
		}
		return sh
	}
	var out []*Shipment
	two := at[status.PartiallyDelivered] != nil || (shipped != nil && shipped.Note == twoConsignments)
	if !two || len(o.Lines) < 2 {
		sh := newShipment(o.Lines, created)
		sh.Events = g.track(c, sh.Created, shipped, at[status.Delivered], o.Dealer)
		out = []*Shipment{sh}
	} else {
		half := (len(o.Lines) + 1) / 2
		first := newShipment(o.Lines[:half], created)
		second := newShipment(o.Lines[half:], created.Add(c.Between(2*time.Minute, 20*time.Minute)))
		first.Events = g.track(c, first.Created, shipped, at[status.PartiallyDelivered], o.Dealer)
		secondLeft := *shipped
		secondLeft.At = shipped.At.Add(c.Between(time.Minute, 10*time.Minute))
		if pd := at[status.PartiallyDelivered]; pd != nil && !secondLeft.At.Before(pd.At) {
			secondLeft.At = shipped.At.Add(pd.At.Sub(shipped.At) / 2)
		}
		second.Events = g.track(c, second.Created, &secondLeft, at[status.Delivered], o.Dealer)
		out = []*Shipment{first, second}
	}
	for _, sh := range out {
		for _, ln := range sh.Lines {
			ln.Shipped += ln.Quantity
			sh.Amount += ln.Amount
			if sh.Delivered() {
				ln.Delivered += ln.Quantity
			}
		}
	}
	return out
}

// track is a shipment's way from the warehouse: prepared at created, in
// transit when the order's shipped event says, a scan at the hub, now and
// then held up, delivered when the order's delivered event says — or
// still on its way today.
func (g *Generator) track(c Clock, created time.Time, shipped, delivered *Event, d *Dealer) []Tracking {
	events := []Tracking{{Status: status.ShipmentPreparing, At: created, Location: warehouse}}
	if shipped == nil {
		return events
	}
	left := shipped.At
	events = append(events, Tracking{Status: status.ShipmentInTransit, At: left, Location: warehouse})
	end := g.Cutoff.Add(-10 * time.Minute)
	if delivered != nil {
		end = delivered.At
	}
	gap := end.Sub(left)
	at := func(frac int) time.Time { return left.Add(gap * time.Duration(frac) / 100).Truncate(time.Second) }
	if gap > 2*time.Hour {
		events = append(events, Tracking{Status: status.ShipmentInTransit, At: at(25 + c.r.IntN(15)), Location: d.Hub})
		switch r := c.r.IntN(12); {
		case r == 0:
			events = append(events,
				Tracking{Status: status.ShipmentException, At: at(55), Location: d.Hub, Note: holdUps[c.r.IntN(len(holdUps))]},
				Tracking{Status: status.ShipmentInTransit, At: at(80), Location: d.Hub})
		case r == 1 && delivered == nil:
			events = append(events, Tracking{Status: status.ShipmentException, At: at(70), Location: d.Hub, Note: heldAtHub})
		}
	}
	if delivered != nil {
		events = append(events, Tracking{Status: status.ShipmentDelivered, At: delivered.At, Location: d.City})
	}
	return events
}

// damaged credits, now and then, two units of goods damaged on the way:
// two working days after they arrived.
func (g *Generator) damaged(c Clock, a *agenda, past *Past, sh *Shipment) {
	if !sh.Delivered() || sh.Lines[0].Quantity < 2 || !slices.ContainsFunc(sh.Events, func(e Tracking) bool { return e.Note == holdUps[2] }) {
		return
	}
	at := c.Office(sh.UpdatedAt().Add(2 * day))
	if !at.Before(g.Cutoff) || c.r.IntN(2) == 0 {
		return
	}
	ln := sh.Lines[0]
	amount, _ := ordering.LineAmount(2, ln.UnitPrice, 0)
	a.at(at, func() error {
		cn := past.Books.CreditNote(sh.Order.Dealer.ID, creditnote.KindCORRECTION, &ln.Product.ID, amount, "", at)
		past.damages = append(past.damages, damage{cn, sh})
		return nil
	})
}

// invoice issues the invoice of a shipment the moment it leaves, and plans
// how the dealer pays it.
func (g *Generator) invoice(a *agenda, past *Past, sh *Shipment, left time.Time) {
	d := sh.Order.Dealer
	inv := past.Books.Invoice(&ent.Shipment{DealerID: d.ID}, sh.Amount, d.Terms, left)
	sh.Invoice = inv
	sh.Order.invoiced += sh.Amount
	d.unpaid = append(d.unpaid, inv)
	g.planPayment(a, past, d, inv, left)
}
