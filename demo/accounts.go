package demo

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/ent/orderevent"
	"github.com/dealerline/dealerline/ent/orderline"
	"github.com/dealerline/dealerline/ent/shipment"
	"github.com/dealerline/dealerline/ordering"
	"github.com/dealerline/dealerline/ordering/status"
)

// The demo orders' way to the dealers and the money that came back: each
// order ships as its history says — one shipment, or two consignments when
// it went PARTIALLY_DELIVERED — with tracking events between the order's
// SHIPPED and DELIVERED, now and then held up; every shipment is invoiced
// the day it left, and the dealers pay by habit: most on time, some late,
// some in instalments, distributors monthly, the troubled ones not at all.
// Shipments are written straight into the loader's transaction, as the
// orders are; invoices, payments and credit notes go through
// accounts.History, so amounts, numbers and allocations are the service's.

// warehouse is where every shipment leaves from.
const warehouse = "Kunshan central warehouse"

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
	carriers  = []struct{ name, prefix string }{{"SF Express", "SF"}, {"JD Logistics", "JDV"}, {"Deppon", "DPK"}, {"ZTO Express", "ZT"}}
	holdUps   = []string{"Consignee closed; redelivery booked for the next working day.", "Address incomplete; the carrier is calling the dealer.", "Pallet damaged in handling; repacked at the hub."}
	held      = "Held at the hub: the delivery road is closed for works."
	damageFix = "Two units of %s arrived damaged in shipment %s: credited at the invoice price."
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

func habitOf(s dealerSpec, draw int) payHabit {
	switch {
	case s.status == suspended:
		return troubled
	case s.tier == 1:
		return monthly
	case s.code == SouthTraders:
		return instalments
	case s.status == probation:
		return late
	}
	switch {
	case draw < 85:
		return onTime
	case draw < 95:
		return late
	}
	return instalments
}

// demoShipment is a shipment as planned from its order's history.
type demoShipment struct {
	order   *ent.Order
	lines   []*ent.OrderLine // shipped in full
	created time.Time
	eta     time.Time
	carrier string
	track   string
	actor   person
	events  []demoTrack // after PREPARING
	row     *ent.Shipment
	amount  int64 // its lines' amounts: its invoice's
	invoice *ent.Invoice
}

type demoTrack struct {
	status   status.ShipmentStatus
	at       time.Time
	location string
	note     string
}

func (s *demoShipment) left() (time.Time, bool) {
	for _, e := range s.events {
		if e.status == status.ShipmentInTransit {
			return e.at, true
		}
	}
	return time.Time{}, false
}

func (s *demoShipment) delivered() bool {
	return len(s.events) > 0 && s.events[len(s.events)-1].status == status.ShipmentDelivered
}

func (s *demoShipment) current() status.ShipmentStatus {
	if len(s.events) == 0 {
		return status.ShipmentPreparing
	}
	return s.events[len(s.events)-1].status
}

// moment is something that happens to an account at a time.
type moment struct {
	at time.Time
	do func() error
}

func (l *loader) loadAccounts(ctx context.Context) error {
	orders, err := l.c.Order.Query().
		WithLines(func(q *ent.OrderLineQuery) { q.Order(orderline.ByPosition()) }).
		WithHistory(func(q *ent.OrderEventQuery) { q.Order(orderevent.ByAt(), orderevent.ByID()) }).
		Order(order.ByPlacedAt(), order.ByID()).
		All(ctx)
	if err != nil {
		return err
	}
	rows, err := l.c.Dealer.Query().All(ctx)
	if err != nil {
		return err
	}
	terms := map[int]int{}
	for _, d := range rows {
		terms[d.ID] = d.PaymentTermsDays
	}
	specs := map[int]dealerSpec{}
	for _, s := range dealers {
		specs[l.dealerIDs[s.code]] = s
	}
	var ships []*demoShipment
	for _, o := range orders {
		ships = append(ships, l.planShipments(o, specs[o.DealerID])...)
	}
	if err := l.writeShipments(ctx, ships); err != nil {
		return err
	}

	// The accounts, in the order things happened.
	books := accounts.NewHistory(time.UTC)
	var moments []moment
	byDealer := map[int][]*demoShipment{}
	for _, sh := range ships {
		if at, ok := sh.left(); ok {
			moments = append(moments, moment{at, func() error {
				sh.invoice = books.Invoice(sh.row, sh.amount, terms[sh.order.DealerID], at)
				return nil
			}})
			byDealer[sh.order.DealerID] = append(byDealer[sh.order.DealerID], sh)
		}
	}
	for _, s := range dealers {
		id := l.dealerIDs[s.code]
		moments = append(moments, l.planPayments(books, s, id, terms[id], byDealer[id])...)
	}
	moments = append(moments, l.planCredits(books, ships)...)
	slices.SortStableFunc(moments, func(a, b moment) int { return a.at.Compare(b.at) })
	for _, m := range moments {
		if err := m.do(); err != nil {
			return err
		}
	}
	return books.Write(ctx, l.c)
}

// planShipments reads an order's history: a shipment prepared once it was
// in fulfilment (some still are), in transit when it SHIPPED, delivered
// when it was DELIVERED; two consignments when it went PARTIALLY_DELIVERED
// or says it shipped in two.
func (l *loader) planShipments(o *ent.Order, spec dealerSpec) []*demoShipment {
	at := map[status.Status]*ent.OrderEvent{}
	for _, e := range o.Edges.History {
		if e.Kind == orderevent.KindSTATUS_CHANGED {
			at[e.To] = e
		}
	}
	fulfil, shipped := at[status.InFulfillment], at[status.Shipped]
	c := l.clock()
	if fulfil == nil || (shipped == nil && l.rng.IntN(2) == 0) {
		return nil // not confirmed, or nothing packed yet
	}
	who := func(e *ent.OrderEvent) person { return person{*e.ActorID, e.ActorName} }
	// Packed between fulfilment starting and leaving (or now).
	until := l.today.Add(-10 * time.Minute)
	if shipped != nil {
		until = shipped.At
	}
	created := fulfil.At.Add(until.Sub(fulfil.At) * time.Duration(3+l.rng.IntN(5)) / 10).Truncate(time.Second)
	carrier := carriers[l.rng.IntN(len(carriers))]
	city := cities[spec.territories[0]]
	hub := ""
	for _, t := range territories {
		if t.code == spec.territories[0] {
			hub = hubs[t.region]
		}
	}
	newShipment := func(lines []*ent.OrderLine, created time.Time) *demoShipment {
		sh := &demoShipment{
			order: o, lines: lines, created: created, carrier: carrier.name,
			track: fmt.Sprintf("%s%012d", carrier.prefix, l.rng.Int64N(1e12)),
			eta:   created.Truncate(day).Add(time.Duration(2+l.rng.IntN(4)) * day),
			actor: who(fulfil),
		}
		if shipped != nil {
			sh.actor = who(shipped)
		}
		return sh
	}
	two := at[status.PartiallyDelivered] != nil || (shipped != nil && shipped.Note == "Shipped in two consignments.")
	if !two || len(o.Edges.Lines) < 2 {
		sh := newShipment(o.Edges.Lines, created)
		if shipped != nil {
			sh.events = l.track(c, shipped.At, at[status.Delivered], hub, city)
		}
		return []*demoShipment{sh}
	}
	half := (len(o.Edges.Lines) + 1) / 2
	first := newShipment(o.Edges.Lines[:half], created)
	second := newShipment(o.Edges.Lines[half:], created.Add(c.between(2*time.Minute, 20*time.Minute)))
	second.track = fmt.Sprintf("%s%012d", carrier.prefix, l.rng.Int64N(1e12))
	first.events = l.track(c, shipped.At, at[status.PartiallyDelivered], hub, city)
	secondLeft := shipped.At.Add(c.between(time.Minute, 10*time.Minute))
	if pd := at[status.PartiallyDelivered]; pd != nil && !secondLeft.Before(pd.At) {
		secondLeft = shipped.At.Add(pd.At.Sub(shipped.At) / 2)
	}
	second.events = l.track(c, secondLeft, at[status.Delivered], hub, city)
	return []*demoShipment{first, second}
}

// track is a shipment's way from the warehouse: in transit at left, a scan
// at the hub, now and then held up, delivered when the order's delivered
// event says — or still on its way today.
func (l *loader) track(c clock, left time.Time, delivered *ent.OrderEvent, hub, city string) []demoTrack {
	events := []demoTrack{{status: status.ShipmentInTransit, at: left, location: warehouse}}
	end := l.today.Add(-10 * time.Minute)
	if delivered != nil {
		end = delivered.At
	}
	gap := end.Sub(left)
	at := func(frac int) time.Time { return left.Add(gap * time.Duration(frac) / 100).Truncate(time.Second) }
	if gap > 2*time.Hour {
		events = append(events, demoTrack{status: status.ShipmentInTransit, at: at(25 + l.rng.IntN(15)), location: hub})
		switch r := l.rng.IntN(12); {
		case r == 0:
			events = append(events,
				demoTrack{status: status.ShipmentException, at: at(55), location: hub, note: holdUps[l.rng.IntN(len(holdUps))]},
				demoTrack{status: status.ShipmentInTransit, at: at(80), location: hub})
		case r == 1 && delivered == nil:
			events = append(events, demoTrack{status: status.ShipmentException, at: at(70), location: hub, note: held})
		}
	}
	if delivered != nil {
		events = append(events, demoTrack{status: status.ShipmentDelivered, at: delivered.At, location: city})
	}
	return events
}

// writeShipments inserts the shipments in the order they were made (their
// numbers follow the ids), their lines, priced as the ordering service
// prices them, and tracking; then what each order line shipped and got.
func (l *loader) writeShipments(ctx context.Context, ships []*demoShipment) error {
	slices.SortStableFunc(ships, func(a, b *demoShipment) int { return a.created.Compare(b.created) })
	const batch = 500
	for i := 0; i < len(ships); i += batch {
		part := ships[i:min(i+batch, len(ships))]
		b := make([]*ent.ShipmentCreate, len(part))
		for j, sh := range part {
			b[j] = l.c.Shipment.Create().
				SetOrderID(sh.order.ID).
				SetDealerID(sh.order.DealerID).
				SetStatus(sh.current()).
				SetCarrier(sh.carrier).
				SetTrackingNumber(sh.track).
				SetEta(sh.eta).
				SetCreatedAt(sh.created).
				SetUpdatedAt(sh.created)
			if at, ok := sh.left(); ok {
				b[j].SetShippedAt(at)
			}
			if sh.delivered() {
				b[j].SetDeliveredAt(sh.events[len(sh.events)-1].at)
			}
		}
		saved, err := l.c.Shipment.CreateBulk(b...).Save(ctx)
		if err != nil {
			return err
		}
		for j, row := range saved {
			part[j].row = row
		}
	}
	shipped, delivered := map[int]int{}, map[int]int{}
	var lines []*ent.ShipmentLineCreate
	var events []*ent.DeliveryEventCreate
	for _, sh := range ships {
		for _, ln := range sh.lines {
			before, _ := ordering.LineAmount(shipped[ln.ID], ln.UnitPrice, ln.DiscountBasisPoints)
			after, _ := ordering.LineAmount(shipped[ln.ID]+ln.Quantity, ln.UnitPrice, ln.DiscountBasisPoints)
			shipped[ln.ID] += ln.Quantity
			sh.amount += after - before
			if sh.delivered() {
				delivered[ln.ID] += ln.Quantity
			}
			lines = append(lines, l.c.ShipmentLine.Create().
				SetShipmentID(sh.row.ID).
				SetDealerID(sh.order.DealerID).
				SetOrderLineID(ln.ID).
				SetQuantity(ln.Quantity).
				SetAmount(after-before))
		}
		track := append([]demoTrack{{status: status.ShipmentPreparing, at: sh.created, location: warehouse}}, sh.events...)
		for _, e := range track {
			events = append(events, l.c.DeliveryEvent.Create().
				SetShipmentID(sh.row.ID).
				SetDealerID(sh.order.DealerID).
				SetStatus(e.status).
				SetLocation(e.location).
				SetNote(e.note).
				SetOccurredAt(e.at).
				SetActorID(sh.actor.id).
				SetActorName(sh.actor.name))
		}
	}
	for i := 0; i < len(lines); i += batch {
		if err := l.c.ShipmentLine.CreateBulk(lines[i:min(i+batch, len(lines))]...).Exec(ctx); err != nil {
			return err
		}
	}
	for i := 0; i < len(events); i += batch {
		if err := l.c.DeliveryEvent.CreateBulk(events[i:min(i+batch, len(events))]...).Exec(ctx); err != nil {
			return err
		}
	}
	for _, sh := range ships {
		last := sh.created
		if n := len(sh.events); n > 0 {
			last = sh.events[n-1].at
		}
		err := l.c.Shipment.Update().
			Where(shipment.ID(sh.row.ID)).
			SetNumber(fmt.Sprintf("SH-%06d", sh.row.ID&(1<<32-1)+1)).
			SetUpdatedAt(last).
			Exec(ctx)
		if err != nil {
			return err
		}
		sh.row.Number = fmt.Sprintf("SH-%06d", sh.row.ID&(1<<32-1)+1)
		sh.row.UpdatedAt = last
	}
	// What each order line shipped and got, a statement per pair of
	// quantities, in a fixed order.
	type got struct{ shipped, delivered int }
	groups := map[got][]int{}
	var keys []got
	for _, sh := range ships {
		for _, ln := range sh.lines {
			k := got{shipped[ln.ID], delivered[ln.ID]}
			if k.shipped == 0 {
				continue
			}
			if _, ok := groups[k]; !ok {
				keys = append(keys, k)
			}
			groups[k] = append(groups[k], ln.ID)
			shipped[ln.ID] = 0
		}
	}
	for _, k := range keys {
		for ids := range slices.Chunk(groups[k], batch) {
			err := l.c.OrderLine.Update().
				Where(orderline.IDIn(ids...)).
				SetShippedQuantity(k.shipped).
				SetDeliveredQuantity(k.delivered).
				Exec(ctx)
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// planPayments has a dealer pay its invoices by its habit. What would be
// paid from today on is not paid yet.
func (l *loader) planPayments(books *accounts.History, s dealerSpec, dealerID, terms int, ships []*demoShipment) []moment {
	habit := habitOf(s, l.rng.IntN(100))
	c := l.clock()
	n := 0
	var out []moment
	// pay is a bank transfer credited on date, in office hours: for share
	// percent of one shipment's invoice (at most its balance), or without
	// one, for all that falls due within the month.
	pay := func(date time.Time, sh *demoShipment, share int64) {
		at := c.office(date.Truncate(day).Add(c.between(9*time.Hour, 16*time.Hour)))
		if !at.Before(l.today) {
			return
		}
		n++
		ref := fmt.Sprintf("TT%s-%s-%02d", at.Format("20060102"), s.code[2:], n)
		out = append(out, moment{at, func() error {
			if sh == nil {
				var amount int64
				for _, inv := range books.Open(dealerID) {
					if inv.DueOn.Before(at.AddDate(0, 1, 0)) {
						amount += inv.Balance
					}
				}
				if amount == 0 {
					return nil
				}
				_, err := books.Payment(dealerID, amount, at, ref)
				return err
			}
			inv := sh.invoice
			amount := min(inv.Balance, (inv.Amount*share/100+99)/100*100) // whole yuan
			if amount == 0 {
				return nil // settled already: the dealer's credit covered it
			}
			_, err := books.Payment(dealerID, amount, at, ref, accounts.Share{Invoice: inv, Amount: amount})
			return err
		}})
	}
	if habit == monthly {
		for m := l.today.AddDate(-1, 0, 0); m.Before(l.today); m = m.AddDate(0, 1, 0) {
			pay(time.Date(m.Year(), m.Month(), 10, 0, 0, 0, 0, time.UTC), nil, 100)
		}
		return out
	}
	for i, sh := range ships {
		left, _ := sh.left()
		due := left.Truncate(day).AddDate(0, 0, terms)
		switch habit {
		case onTime:
			pay(left.Add(time.Duration(int(float64(terms)*0.4)+l.rng.IntN(max(terms/2, 1))+1)*day), sh, 100)
		case late:
			if l.rng.IntN(3) == 0 { // in two goes
				pay(due.Add(time.Duration(5+l.rng.IntN(15))*day), sh, 60)
				pay(due.Add(time.Duration(25+l.rng.IntN(35))*day), sh, 100)
				continue
			}
			pay(due.Add(time.Duration(5+l.rng.IntN(40))*day), sh, 100)
		case instalments:
			pay(due.Add(-time.Duration(l.rng.IntN(4))*day), sh, 50)
			pay(due.Add(time.Duration(10+l.rng.IntN(30))*day), sh, 100)
		case troubled:
			// Paid late until the last months; since then a part of every
			// other invoice, and nothing more.
			switch {
			case i < len(ships)*2/3:
				pay(due.Add(time.Duration(20+l.rng.IntN(50))*day), sh, 100)
			case i%2 == 0:
				pay(due.Add(time.Duration(10+l.rng.IntN(20))*day), sh, 30)
			}
		}
	}
	return out
}

// planCredits issues a couple of credit notes: North Distribution's volume
// rebate for the last full quarter, and a correction for goods damaged on
// the way.
func (l *loader) planCredits(books *accounts.History, ships []*demoShipment) []moment {
	var out []moment
	// The latest quarter whose rebate has been credited by today: a week
	// or so into the next quarter.
	q := (int(l.today.Month()) - 1) / 3
	end := time.Date(l.today.Year(), time.Month(3*q+1), 1, 0, 0, 0, 0, time.UTC)
	at := l.clock().office(end.Add(time.Duration(5+l.rng.IntN(5)) * day))
	if !at.Before(l.today) {
		end = end.AddDate(0, -3, 0)
		at = at.AddDate(0, -3, 0)
	}
	from := end.AddDate(0, -3, 0)
	north := l.dealerIDs[NorthDistribution]
	var invoiced int64
	for _, sh := range ships {
		if left, ok := sh.left(); ok && sh.order.DealerID == north && !left.Before(from) && left.Before(end) {
			invoiced += sh.amount
		}
	}
	if invoiced > 0 {
		amount := invoiced * 2 / 100
		reason := fmt.Sprintf("Volume rebate %d-Q%d: 2%% of %d.%02d invoiced", from.Year(), (int(from.Month())-1)/3+1, invoiced/100, invoiced%100)
		out = append(out, moment{at, func() error {
			books.CreditNote(north, amount, reason, at)
			return nil
		}})
	}
	// The first delivery held up with damaged goods, else with anything.
	damaged := func(sh *demoShipment) bool {
		return slices.ContainsFunc(sh.events, func(e demoTrack) bool { return e.note == holdUps[2] })
	}
	held := func(sh *demoShipment) bool {
		return slices.ContainsFunc(sh.events, func(e demoTrack) bool { return e.status == status.ShipmentException })
	}
	for _, pick := range []func(*demoShipment) bool{damaged, held} {
		i := slices.IndexFunc(ships, func(sh *demoShipment) bool {
			if !sh.delivered() || !pick(sh) || sh.lines[0].Quantity < 2 {
				return false
			}
			return l.clock().office(sh.events[len(sh.events)-1].at.Add(2 * day)).Before(l.today)
		})
		if i < 0 {
			continue
		}
		sh, ln := ships[i], ships[i].lines[0]
		at := l.clock().office(sh.events[len(sh.events)-1].at.Add(2 * day))
		amount, _ := ordering.LineAmount(2, ln.UnitPrice, ln.DiscountBasisPoints)
		out = append(out, moment{at, func() error {
			books.CreditNote(sh.order.DealerID, amount, fmt.Sprintf(damageFix, ln.Sku, sh.row.Number), at)
			return nil
		}})
		break
	}
	return out
}
