package ordering

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/deliveryevent"
	"github.com/dealerline/dealerline/ent/orderevent"
	"github.com/dealerline/dealerline/ent/orderline"
	"github.com/dealerline/dealerline/ent/shipment"
	"github.com/dealerline/dealerline/ent/shipmentline"
	"github.com/dealerline/dealerline/ordering/status"
	"github.com/dealerline/dealerline/realtime"
	"github.com/dealerline/dealerline/stock"
	"github.com/dealerline/dealerline/store/tx"
)

// ShipmentLine is a quantity of one order line to ship.
type ShipmentLine struct {
	OrderLineID int
	Quantity    int
}

// ShipmentInput is a shipment as the manufacturer prepares it.
type ShipmentInput struct {
	OrderID        int
	Lines          []ShipmentLine
	Carrier        string
	TrackingNumber string
	ETA            *time.Time
}

// CreateShipment prepares a shipment of part or all of what an order has
// left to ship; it starts PREPARING. Managers of the order's dealer and
// administrators ship. A CONFIRMED order moves to IN_FULFILLMENT with its
// first shipment: once goods are being prepared it can no longer be
// cancelled. Orders already SHIPPED or PARTIALLY_DELIVERED take further
// shipments for what is left. Over all its shipments, an order line never
// ships more than was ordered.
func (s *Service) CreateShipment(ctx context.Context, in ShipmentInput) (*ent.Shipment, error) {
	if _, err := shipper(ctx); err != nil {
		return nil, err
	}
	var err error
	if in.Carrier, err = apperr.Text("carrier", in.Carrier, true, 100); err != nil {
		return nil, err
	}
	if in.TrackingNumber, err = apperr.Text("trackingNumber", in.TrackingNumber, false, 100); err != nil {
		return nil, err
	}
	if in.ETA != nil && in.ETA.Before(BusinessDate(s.now(), s.location)) {
		return nil, apperr.Invalid("eta", "the expected arrival is in the past")
	}
	if len(in.Lines) == 0 {
		return nil, apperr.Invalid("lines", "a shipment needs at least one line")
	}
	db := tx.Client(ctx, s.client)
	o, err := db.Order.Get(ctx, in.OrderID)
	if ent.IsNotFound(err) {
		return nil, apperr.Invalid("orderID", "no such order")
	}
	if err != nil {
		return nil, err
	}
	if err := shippable(o); err != nil {
		return nil, err
	}
	sys := access.Bypass(ctx)
	lines, err := db.OrderLine.Query().Where(orderline.OrderID(o.ID)).All(sys)
	if err != nil {
		return nil, err
	}
	creates, err := shipmentLines(db, o, lines, in.Lines)
	if err != nil {
		return nil, err
	}

	// Changing the order (its status, else its version) first makes a
	// concurrent shipment of the same order a CONFLICT: the quantities
	// checked above cannot be shipped twice.
	if o.Status == status.Confirmed {
		o, err = s.follow(ctx, db, o, status.InFulfillment, s.now(), "Fulfilment began with the first shipment")
	} else {
		o, err = s.bump(ctx, db, o, func(*ent.OrderUpdateOne) {})
	}
	if err != nil {
		return nil, err
	}
	sh, err := db.Shipment.Create().
		SetOrderID(o.ID).
		SetDealerID(o.DealerID).
		SetCarrier(in.Carrier).
		SetTrackingNumber(in.TrackingNumber).
		SetNillableEta(in.ETA).
		SetCreatedAt(s.now()).
		SetUpdatedAt(s.now()).
		Save(sys)
	if err != nil {
		return nil, err
	}
	if sh, err = sh.Update().SetNumber(accounts.DocumentNumber("SH", sh.ID)).SetUpdatedAt(s.now()).Save(sys); err != nil {
		return nil, err
	}
	// By product, as confirmations reserve: concurrent writers lock
	// products in one order.
	sort.SliceStable(creates, func(i, j int) bool { return creates[i].from.ProductID < creates[j].from.ProductID })
	for _, c := range creates {
		c.line.SetShipmentID(sh.ID)
		if err := c.line.Exec(sys); err != nil {
			return nil, err
		}
		// The goods leave the warehouse: first what the line holds, then,
		// for its backordered units, free stock.
		l, fromReserved := c.from, min(c.quantity, Reserved(c.from))
		update := db.OrderLine.UpdateOneID(c.orderLineID).AddShippedQuantity(c.quantity)
		if backordered := c.quantity - fromReserved; backordered > 0 {
			update.AddBackorderedQuantity(-min(backordered, l.BackorderedQuantity))
		}
		if l.ProductID != 0 && !s.history {
			if err := stock.Ship(ctx, db, l.ProductID, c.quantity, fromReserved, fmt.Sprintf("lines[%d].quantity", c.index), l.Sku); err != nil {
				return nil, err
			}
		}
		if err := update.Exec(sys); err != nil {
			return nil, err
		}
	}
	if _, err := s.track(ctx, db, sh, status.ShipmentPreparing, "", "", s.now()); err != nil {
		return nil, err
	}
	shipped := make([]map[string]any, len(in.Lines))
	for i, l := range in.Lines {
		shipped[i] = map[string]any{"orderLine": l.OrderLineID, "quantity": l.Quantity}
	}
	return sh, audit.Record(ctx, db, "shipment.create", "Shipment", sh.ID, map[string]any{
		"number": sh.Number, "order": o.Number, "carrier": sh.Carrier, "trackingNumber": sh.TrackingNumber, "lines": shipped,
	})
}

// lineCreate is a shipment line ready to save, with the order line it
// draws on.
type lineCreate struct {
	line        *ent.ShipmentLineCreate
	orderLineID int
	quantity    int
	from        *ent.OrderLine // as read
	index       int            // in the input
}

// shipmentLines checks the asked quantities against what each order line
// has left to ship and prices them. A line's shipments together come to
// exactly its amount: each is priced as the difference between the amounts
// of the quantities shipped after and before it, each rounded half-up.
func shipmentLines(db *ent.Client, o *ent.Order, lines []*ent.OrderLine, asked []ShipmentLine) ([]lineCreate, error) {
	byID := map[int]*ent.OrderLine{}
	for _, l := range lines {
		byID[l.ID] = l
	}
	seen := map[int]int{}
	creates := make([]lineCreate, len(asked))
	for i, a := range asked {
		l, ok := byID[a.OrderLineID]
		switch {
		case !ok:
			return nil, apperr.Invalid(fmt.Sprintf("lines[%d].orderLineID", i), "order %s has no such line", o.Number)
		case seen[a.OrderLineID] > 0:
			return nil, apperr.Invalid(fmt.Sprintf("lines[%d].orderLineID", i), "this order line is already on line %d: put the whole quantity on one line", seen[a.OrderLineID])
		case a.Quantity <= 0:
			return nil, apperr.Invalid(fmt.Sprintf("lines[%d].quantity", i), "the quantity must be at least 1")
		case a.Quantity > RemainingToShip(l):
			return nil, apperr.Invalid(fmt.Sprintf("lines[%d].quantity", i), "%s: %d ordered, %d shipped already, so at most %d left to ship",
				l.Sku, l.Quantity, l.ShippedQuantity, RemainingToShip(l))
		}
		seen[a.OrderLineID] = i + 1
		before, _ := LineAmount(l.ShippedQuantity, l.UnitPrice, l.DiscountBasisPoints)
		after, _ := LineAmount(l.ShippedQuantity+a.Quantity, l.UnitPrice, l.DiscountBasisPoints)
		creates[i] = lineCreate{
			line: db.ShipmentLine.Create().
				SetDealerID(o.DealerID).
				SetOrderLineID(l.ID).
				SetQuantity(a.Quantity).
				SetAmount(after - before),
			orderLineID: l.ID,
			quantity:    a.Quantity,
			from:        l,
			index:       i,
		}
	}
	return creates, nil
}

// DeliveryInput is what the carrier or the manufacturer reports about a
// shipment.
type DeliveryInput struct {
	ShipmentID int
	Status     status.ShipmentStatus // IN_TRANSIT, DELIVERED or EXCEPTION
	Location   string
	Note       string
	OccurredAt *time.Time // now when nil
}

// RecordDeliveryEvent adds to a shipment's tracking history and moves it:
// PREPARING → IN_TRANSIT → DELIVERED, with EXCEPTION possible from
// IN_TRANSIT and back. The first IN_TRANSIT issues the shipment's invoice,
// dated the business date of the event. The order follows its shipments:
// SHIPPED when the first one is in transit, PARTIALLY_DELIVERED once some
// goods are delivered, DELIVERED when every line is, each move an
// OrderEvent by whoever recorded the delivery event. Managers of the
// order's dealer and administrators record them.
func (s *Service) RecordDeliveryEvent(ctx context.Context, in DeliveryInput) (*ent.Shipment, error) {
	if _, err := shipper(ctx); err != nil {
		return nil, err
	}
	if in.Status == status.ShipmentPreparing {
		return nil, apperr.Invalid("status", "report IN_TRANSIT, DELIVERED or EXCEPTION: a shipment is PREPARING only until it leaves")
	}
	var err error
	if in.Location, err = apperr.Text("location", in.Location, false, 200); err != nil {
		return nil, err
	}
	if in.Note, err = apperr.Lines("note", in.Note, false, MaxNote); err != nil {
		return nil, err
	}
	now := s.now()
	at := now
	if in.OccurredAt != nil {
		at = *in.OccurredAt
	}
	if at.After(now.Add(accounts.ClockSkew)) {
		return nil, apperr.Invalid("occurredAt", "the event cannot be in the future")
	}
	db := tx.Client(ctx, s.client)
	sh, err := db.Shipment.Get(ctx, in.ShipmentID)
	if ent.IsNotFound(err) {
		return nil, apperr.Invalid("shipmentID", "no such shipment")
	}
	if err != nil {
		return nil, err
	}
	sys := access.Bypass(ctx)
	last, err := db.DeliveryEvent.Query().
		Where(deliveryevent.ShipmentID(sh.ID)).
		Order(deliveryevent.ByOccurredAt(), deliveryevent.ByID()).
		All(sys)
	if err != nil {
		return nil, err
	}
	if n := len(last); n > 0 && at.Before(last[n-1].OccurredAt) {
		return nil, apperr.Invalid("occurredAt", "shipment %s already has an event at %s: events are recorded in the order they happen",
			sh.Number, last[n-1].OccurredAt.Format(time.RFC3339))
	}
	if !status.CanMoveShipment(sh.Status, in.Status) {
		return nil, apperr.Errorf(apperr.InvalidTransition, "shipment %s is %s and cannot become %s", sh.Number, sh.Status, in.Status)
	}
	o, err := db.Order.Get(sys, sh.OrderID)
	if err != nil {
		return nil, err
	}
	// Lock the order first: its shipments change one at a time, and its
	// events are published in the order they happened.
	if o, err = s.bump(ctx, db, o, func(*ent.OrderUpdateOne) {}); err != nil {
		return nil, err
	}
	from := sh.Status
	update := db.Shipment.Update().Where(shipment.ID(sh.ID), shipment.StatusEQ(from)).SetStatus(in.Status).SetUpdatedAt(now)
	switch {
	case in.Status == status.ShipmentInTransit && sh.ShippedAt == nil:
		update.SetShippedAt(at)
	case in.Status == status.ShipmentDelivered:
		update.SetDeliveredAt(at)
	}
	if n, err := update.Save(sys); err != nil || n == 0 {
		if err == nil {
			err = apperr.Errorf(apperr.Conflict, "shipment %s was changed at the same time: reload it", sh.Number)
		}
		return nil, err
	}
	if sh, err = db.Shipment.Get(sys, sh.ID); err != nil {
		return nil, err
	}
	if _, err := s.track(ctx, db, sh, in.Status, in.Location, in.Note, at); err != nil {
		return nil, err
	}
	if err := audit.Record(ctx, db, "shipment.delivery_event", "Shipment", sh.ID, map[string]any{
		"number": sh.Number, "order": o.Number, "from": from, "to": in.Status, "location": in.Location,
		"note": in.Note, "occurredAt": at.UTC().Format(time.RFC3339),
	}); err != nil {
		return nil, err
	}

	switch {
	case from == status.ShipmentPreparing:
		if _, err := accounts.IssueInvoice(ctx, db, sh, BusinessDate(at, s.location), now); err != nil {
			return nil, err
		}
	case in.Status == status.ShipmentDelivered:
		if err := s.delivered(ctx, db, sh); err != nil {
			return nil, err
		}
	}
	if _, err := s.followShipments(ctx, db, o, sh, at); err != nil {
		return nil, err
	}
	return sh, nil
}

// shipper returns the viewer of ctx when it may ship and record
// deliveries: a channel manager (the rules let it reach only its dealers'
// orders) or an administrator.
func shipper(ctx context.Context) (*auth.Viewer, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if err := mayShip(v); err != nil {
		return nil, err
	}
	return v, nil
}

// delivered adds a delivered shipment's quantities to its order lines.
func (s *Service) delivered(ctx context.Context, db *ent.Client, sh *ent.Shipment) error {
	sys := access.Bypass(ctx)
	lines, err := db.ShipmentLine.Query().Where(shipmentline.ShipmentID(sh.ID)).All(sys)
	if err != nil {
		return err
	}
	for _, l := range lines {
		if err := db.OrderLine.UpdateOneID(l.OrderLineID).AddDeliveredQuantity(l.Quantity).Exec(sys); err != nil {
			return err
		}
	}
	return nil
}

// followShipments moves the order to the status its shipments put it in:
// SHIPPED once one is in transit, PARTIALLY_DELIVERED once some goods are
// delivered, DELIVERED when every line is; through each status in turn.
func (s *Service) followShipments(ctx context.Context, db *ent.Client, o *ent.Order, sh *ent.Shipment, at time.Time) (*ent.Order, error) {
	lines, err := db.OrderLine.Query().Where(orderline.OrderID(o.ID)).All(access.Bypass(ctx))
	if err != nil {
		return nil, err
	}
	target := status.Shipped
	all, some := true, false
	for _, l := range lines {
		all = all && l.DeliveredQuantity+l.ClosedQuantity == l.Quantity
		some = some || l.DeliveredQuantity > 0
	}
	switch {
	case all:
		target = status.Delivered
	case some:
		target = status.PartiallyDelivered
	}
	// Keep the order's history in order: a delivery reported late still
	// comes after what the order went through already.
	lastAt, err := s.lastEventAt(ctx, db, o.ID)
	if err != nil {
		return nil, err
	}
	at = later(at, lastAt)
	for o.Status != target {
		next := target
		switch o.Status {
		case status.InFulfillment:
			next = status.Shipped
		case status.Shipped, status.PartiallyDelivered:
		default:
			return nil, apperr.Errorf(apperr.InvalidTransition, "order %s is %s and does not follow its shipments", o.Number, o.Status)
		}
		if !status.CanMove(o.Status, next) {
			break // deliveries only add up: never a step back
		}
		if o, err = s.follow(ctx, db, o, next, at, shipmentNote(sh, next)); err != nil {
			return nil, err
		}
	}
	return o, nil
}

func shipmentNote(sh *ent.Shipment, to status.Status) string {
	switch to {
	case status.Shipped:
		return fmt.Sprintf("Shipment %s is in transit", sh.Number)
	case status.PartiallyDelivered:
		return fmt.Sprintf("Shipment %s was delivered; more is to come", sh.Number)
	}
	return fmt.Sprintf("Shipment %s was delivered; the order is complete", sh.Number)
}

func (s *Service) lastEventAt(ctx context.Context, db *ent.Client, orderID int) (time.Time, error) {
	e, err := db.OrderEvent.Query().
		Where(orderevent.OrderID(orderID)).
		Order(ent.Desc(orderevent.FieldAt)).
		First(access.Bypass(ctx))
	if ent.IsNotFound(err) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, err
	}
	return e.At, nil
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// follow moves an order to a status that follows from its shipments
// (IN_FULFILLMENT, SHIPPED, PARTIALLY_DELIVERED, DELIVERED), as the viewer
// who recorded the shipment or its event.
func (s *Service) follow(ctx context.Context, db *ent.Client, o *ent.Order, to status.Status, at time.Time, note string) (*ent.Order, error) {
	if !status.CanMove(o.Status, to) {
		return nil, apperr.Errorf(apperr.InvalidTransition, "order %s is %s and cannot become %s", o.Number, o.Status, to)
	}
	from := o.Status
	o, err := s.bump(ctx, db, o, func(u *ent.OrderUpdateOne) { u.SetStatus(to) })
	if err != nil {
		return nil, err
	}
	if err := s.recordAt(ctx, db, o, nil, &from, to, note, orderevent.KindSTATUS_CHANGED, at); err != nil {
		return nil, err
	}
	return o, audit.Record(ctx, db, "order.transition", "Order", o.ID, map[string]any{
		"number": o.Number, "from": from, "to": to, "note": note,
	})
}

// track adds an entry to a shipment's tracking history, by the viewer, in
// the change's transaction, after the change has locked the order row
// (bump). Every DeliveryEvent is written here — creating a shipment
// (PREPARING) and each recordDeliveryEvent — and each is an event for
// subscribers (deliveryUpdated).
func (s *Service) track(ctx context.Context, db *ent.Client, sh *ent.Shipment, st status.ShipmentStatus, location, note string, at time.Time) (*ent.DeliveryEvent, error) {
	v := auth.FromContext(ctx)
	sys := access.Bypass(ctx)
	e, err := db.DeliveryEvent.Create().
		SetShipmentID(sh.ID).
		SetDealerID(sh.DealerID).
		SetStatus(st).
		SetLocation(location).
		SetNote(note).
		SetOccurredAt(at).
		SetActorID(v.UserID).
		SetActorName(v.Name).
		Save(sys)
	if err != nil {
		return nil, err
	}
	d, err := db.Dealer.Get(sys, sh.DealerID)
	if err != nil {
		return nil, err
	}
	return e, realtime.Record(ctx, db, realtime.DeliveryUpdatedEvent(sh, d, e, s.now()))
}
