package importer

import (
	"fmt"
	"slices"
	"time"

	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/allocation"
	"github.com/dealerline/dealerline/ent/creditnote"
	"github.com/dealerline/dealerline/ent/deliveryevent"
	"github.com/dealerline/dealerline/ent/invoice"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/ent/orderevent"
	"github.com/dealerline/dealerline/ent/orderline"
	"github.com/dealerline/dealerline/ent/payment"
	"github.com/dealerline/dealerline/ent/predicate"
	"github.com/dealerline/dealerline/ent/shipment"
	"github.com/dealerline/dealerline/ent/shipmentline"
	"github.com/dealerline/dealerline/money"
	"github.com/dealerline/dealerline/ordering"
	"github.com/dealerline/dealerline/ordering/counted"
	"github.com/dealerline/dealerline/ordering/status"
)

// clock is a service clock stopped at t: the service records what it does
// at the record's own time.
func clock(t time.Time) func() time.Time { return func() time.Time { return t } }

// order writes an order as placed, with the given prices and costs and
// never on credit hold, then makes its moves through the ordering
// service's transitions at their times.
func (a *applier) order(o *Order) (bool, error) {
	d, err := a.dealerByCode("dealer", o.Dealer)
	if err != nil {
		return false, err
	}
	there, err := a.db.Order.Query().Where(order.Number(o.Number)).Only(a.sys())
	if err == nil {
		return false, a.sameOrder(there, d, o)
	}
	if !ent.IsNotFound(err) {
		return false, err
	}
	ctx, err := a.as()
	if err != nil {
		return false, err
	}
	var total int64
	var c money.Checked
	lines := make([]*ent.OrderLineCreate, len(o.Lines))
	for i, l := range o.Lines {
		f := fmt.Sprintf("lines[%d]", i)
		p, err := a.productBySKU(f+".sku", l.SKU)
		if err != nil {
			return false, err
		}
		if l.Quantity > a.cfg.MaxLineQuantity {
			return false, invalid(f+".quantity", "is at most %d", a.cfg.MaxLineQuantity)
		}
		amount, ok := ordering.LineAmount(l.Quantity, l.UnitPrice.V, l.DiscountBasisPoints)
		if !ok || amount > money.Max {
			return false, invalid(f+".quantity", "the line comes to more than %s", money.Format(money.Max))
		}
		c.Add(&total, amount)
		lines[i] = a.db.OrderLine.Create().
			SetProductID(p.ID).SetPosition(i + 1).SetSku(p.Sku).SetProductName(p.Name).
			SetQuantity(l.Quantity).SetUnitPrice(l.UnitPrice.V).SetUnitCost(l.UnitCost.V).
			SetDiscountBasisPoints(l.DiscountBasisPoints).SetAmount(amount)
	}
	if c.Err != nil || total > money.Max {
		return false, invalid("lines", "the order comes to more than %s", money.Format(money.Max))
	}
	cost, ok := counted.Cost(o.Lines, func(l OrderLine) (int, int64) { return l.Quantity, l.UnitCost.V })
	if !ok {
		return false, invalid("lines", "the goods of the order cost more than can be held")
	}
	placed := o.PlacedAt.Time
	create := a.db.Order.Create().
		SetNumber(o.Number).SetDealerID(d.ID).SetStatus(status.Submitted).SetCreditHold(false).
		SetPlacedAt(placed).SetPlacedByID(a.viewer.UserID).SetTotal(total).SetNetAmount(total).SetCostOfGoods(cost).
		SetCreatedAt(placed).SetUpdatedAt(placed)
	if o.IdempotencyKey != "" {
		create.SetIdempotencyKey(o.IdempotencyKey)
	}
	row, err := create.Save(a.sys())
	if err != nil {
		return false, err
	}
	for _, l := range lines {
		l.SetOrderID(row.ID)
	}
	if err := a.db.OrderLine.CreateBulk(lines...).Exec(a.sys()); err != nil {
		return false, err
	}
	err = a.db.OrderEvent.Create().
		SetOrderID(row.ID).SetDealerID(d.ID).SetKind(orderevent.KindSTATUS_CHANGED).SetTo(status.Submitted).
		SetActorID(a.viewer.UserID).SetActorName(a.viewer.Name).SetAt(placed).
		Exec(a.sys())
	if err != nil {
		return false, err
	}
	for i, e := range o.Events {
		if _, err := a.ordering.WithClock(clock(e.At.Time)).Transition(ctx, row.ID, status.Status(e.To), e.Note, nil); err != nil {
			return false, at(fmt.Sprintf("events[%d].to", i), err)
		}
	}
	return true, a.touchOrder(row.ID)
}

// at places a service's refusal on a field of the record.
func at(field string, err error) error {
	if p, ok := problemOf(0, err); ok {
		return &lineError{field, p.Code, p.Message}
	}
	return err
}

// touchOrder dates the order's last change by its history, not by when
// it was imported.
func (a *applier) touchOrder(id int) error {
	last, err := a.db.OrderEvent.Query().Where(orderevent.OrderID(id)).Order(ent.Desc(orderevent.FieldAt)).First(a.sys())
	if err != nil {
		return err
	}
	return a.db.Order.UpdateOneID(id).SetUpdatedAt(last.At).Exec(a.sys())
}

func (a *applier) sameOrder(there *ent.Order, d *ent.Dealer, o *Order) error {
	what := "order " + o.Number
	if err := firstErr(
		same("dealer", what, there.DealerID, d.ID),
		same("placedAt", what, there.PlacedAt.UTC().Format(time.RFC3339Nano), o.PlacedAt.UTC().Format(time.RFC3339Nano)),
	); err != nil {
		return err
	}
	lines, err := a.db.OrderLine.Query().Where(orderline.OrderID(there.ID)).Order(ent.Asc(orderline.FieldPosition)).All(a.sys())
	if err != nil {
		return err
	}
	if len(lines) != len(o.Lines) {
		return differs("lines", "%s is already there with %d lines, not %d", what, len(lines), len(o.Lines))
	}
	for i, l := range o.Lines {
		have := lines[i]
		f := fmt.Sprintf("lines[%d]", i)
		if err := firstErr(
			same(f+".sku", what, have.Sku, l.SKU),
			same(f+".quantity", what, have.Quantity, l.Quantity),
			same(f+".unitPrice", what, money.Format(have.UnitPrice), money.Format(l.UnitPrice.V)),
			same(f+".unitCost", what, money.Format(have.UnitCost), money.Format(l.UnitCost.V)),
			same(f+".discountBasisPoints", what, have.DiscountBasisPoints, l.DiscountBasisPoints),
		); err != nil {
			return err
		}
	}
	events, err := a.db.OrderEvent.Query().Where(orderevent.OrderID(there.ID), orderevent.KindEQ(orderevent.KindSTATUS_CHANGED)).All(a.sys())
	if err != nil {
		return err
	}
	for i, e := range o.Events {
		if !slices.ContainsFunc(events, func(h *ent.OrderEvent) bool { return string(h.To) == e.To && h.At.Equal(e.At.Time) }) {
			return differs(fmt.Sprintf("events[%d]", i), "%s is already there and did not become %s at %s", what, e.To, e.At.Format(time.RFC3339))
		}
	}
	return nil
}

// shipment prepares a shipment through the ordering service at its first
// event and records the rest at theirs: the order follows, and the
// invoice is issued by the service's rules when it goes in transit.
func (a *applier) shipment(s *Shipment) (bool, error) {
	o, err := a.db.Order.Query().Where(order.Number(s.Order)).Only(a.sys())
	if ent.IsNotFound(err) {
		return false, missing("order", "no order with number %q", s.Order)
	}
	if err != nil {
		return false, err
	}
	lines, err := a.db.OrderLine.Query().Where(orderline.OrderID(o.ID)).Order(ent.Asc(orderline.FieldPosition)).All(a.sys())
	if err != nil {
		return false, err
	}
	asked := make([]ordering.ShipmentLine, len(s.Lines))
	for i, l := range s.Lines {
		if l.Line > len(lines) {
			return false, missing(fmt.Sprintf("lines[%d].line", i), "order %s has %d lines", s.Order, len(lines))
		}
		asked[i] = ordering.ShipmentLine{OrderLineID: lines[l.Line-1].ID, Quantity: l.Quantity}
	}
	there, err := a.db.Shipment.Query().Where(shipment.Ref(s.Ref)).Only(a.sys())
	if err == nil {
		return false, a.sameShipment(there, o, lines, s)
	}
	if !ent.IsNotFound(err) {
		return false, err
	}
	ctx, err := a.as()
	if err != nil {
		return false, err
	}
	in := ordering.ShipmentInput{OrderID: o.ID, Lines: asked, Carrier: s.Carrier, TrackingNumber: s.TrackingNumber}
	if s.ETA != nil {
		in.ETA = &s.ETA.Time
	}
	prepared := s.Events[0].At.Time
	sh, err := a.ordering.WithClock(clock(prepared)).CreateShipment(ctx, in)
	if err != nil {
		return false, at("", err)
	}
	// The import key and where the goods were packed are set once, on
	// what the service made: the service itself knows neither.
	if _, err := a.db.ExecContext(a.sys(), "UPDATE shipments SET ref = $1 WHERE id = $2", s.Ref, sh.ID); err != nil {
		return false, err
	}
	if loc := s.Events[0].Location; loc != "" {
		if _, err := a.db.ExecContext(a.sys(), "UPDATE delivery_events SET location = $1 WHERE shipment_id = $2", loc, sh.ID); err != nil {
			return false, err
		}
	}
	for i, e := range s.Events[1:] {
		t := e.At.Time
		_, err := a.ordering.WithClock(clock(t)).RecordDeliveryEvent(ctx, ordering.DeliveryInput{
			ShipmentID: sh.ID, Status: status.ShipmentStatus(e.Status), Location: e.Location, OccurredAt: &t,
		})
		if err != nil {
			return false, at(fmt.Sprintf("events[%d]", i+1), err)
		}
	}
	last := s.Events[len(s.Events)-1].At.Time
	if err := a.db.Shipment.UpdateOneID(sh.ID).SetUpdatedAt(last).Exec(a.sys()); err != nil {
		return false, err
	}
	if s.Invoice != "" {
		if err := a.numberInvoice(sh.ID, s.Invoice); err != nil {
			return false, err
		}
	}
	return true, a.touchOrder(o.ID)
}

// numberInvoice gives the invoice the service issued for a shipment the
// number it had.
func (a *applier) numberInvoice(shipmentID int, number string) error {
	inv, err := a.db.Invoice.Query().Where(invoice.ShipmentID(shipmentID)).Only(a.sys())
	if ent.IsNotFound(err) {
		return invalid("invoice", "the shipment never went in transit, so it has no invoice to number")
	}
	if err != nil {
		return err
	}
	taken, err := a.db.Invoice.Query().Where(invoice.Number(number), invoice.IDNEQ(inv.ID)).Exist(a.sys())
	if err != nil {
		return err
	}
	if taken {
		return differs("invoice", "invoice %s is another shipment's", number)
	}
	return a.db.Invoice.UpdateOneID(inv.ID).SetNumber(number).Exec(a.sys())
}

func (a *applier) sameShipment(there *ent.Shipment, o *ent.Order, lines []*ent.OrderLine, s *Shipment) error {
	what := "shipment " + s.Ref
	if err := firstErr(
		same("order", what, there.OrderID, o.ID),
		same("carrier", what, there.Carrier, s.Carrier),
		same("trackingNumber", what, there.TrackingNumber, s.TrackingNumber),
	); err != nil {
		return err
	}
	var eta *time.Time
	if s.ETA != nil {
		eta = &s.ETA.Time
	}
	if err := same("eta", what, dateText(there.Eta), dateText(eta)); err != nil {
		return err
	}
	shipped, err := a.db.ShipmentLine.Query().Where(shipmentline.ShipmentID(there.ID)).All(a.sys())
	if err != nil {
		return err
	}
	if len(shipped) != len(s.Lines) {
		return differs("lines", "%s is already there with %d lines, not %d", what, len(shipped), len(s.Lines))
	}
	for i, l := range s.Lines {
		id := lines[l.Line-1].ID
		if !slices.ContainsFunc(shipped, func(x *ent.ShipmentLine) bool { return x.OrderLineID == id && x.Quantity == l.Quantity }) {
			return differs(fmt.Sprintf("lines[%d]", i), "%s is already there without %d of line %d", what, l.Quantity, l.Line)
		}
	}
	events, err := a.db.DeliveryEvent.Query().Where(deliveryevent.ShipmentID(there.ID)).
		Order(deliveryevent.ByOccurredAt(), deliveryevent.ByID()).All(a.sys())
	if err != nil {
		return err
	}
	if len(events) != len(s.Events) {
		return differs("events", "%s is already there with %d events, not %d", what, len(events), len(s.Events))
	}
	for i, e := range s.Events {
		if string(events[i].Status) != e.Status || !events[i].OccurredAt.Equal(e.At.Time) {
			return differs(fmt.Sprintf("events[%d]", i), "%s is already there with %s at %s here", what, events[i].Status, events[i].OccurredAt.Format(time.RFC3339))
		}
	}
	if s.Invoice != "" {
		n, err := a.db.Invoice.Query().Where(invoice.ShipmentID(there.ID), invoice.Number(s.Invoice)).Exist(a.sys())
		if err != nil {
			return err
		}
		if !n {
			return differs("invoice", "%s is already there with another invoice than %s", what, s.Invoice)
		}
	}
	return nil
}

// invoiceIDs are the ids of the invoices allocations name, the dealer's.
func (a *applier) invoiceIDs(dealerID int, as []Allocation) ([]accounts.Allocation, error) {
	out := make([]accounts.Allocation, len(as))
	for i, al := range as {
		inv, err := a.db.Invoice.Query().Where(invoice.Number(al.Invoice), invoice.DealerID(dealerID)).Only(a.sys())
		if ent.IsNotFound(err) {
			return nil, missing(fmt.Sprintf("allocations[%d].invoice", i), "the dealer has no invoice %q", al.Invoice)
		}
		if err != nil {
			return nil, err
		}
		out[i] = accounts.Allocation{InvoiceID: inv.ID, Amount: al.Amount.V}
	}
	return out, nil
}

// payment records a payment through the accounts service at the time it
// was received: allocated as given, else oldest first.
func (a *applier) payment(p *Payment) (bool, error) {
	d, err := a.dealerByCode("dealer", p.Dealer)
	if err != nil {
		return false, err
	}
	there, err := a.db.Payment.Query().Where(payment.DealerID(d.ID), payment.Reference(p.Reference)).Only(a.sys())
	if err == nil {
		what := "payment " + p.Reference
		return false, firstErr(
			same("amount", what, money.Format(there.Amount), money.Format(p.Amount.V)),
			same("receivedAt", what, there.ReceivedAt.UTC().Format(time.RFC3339Nano), p.ReceivedAt.UTC().Format(time.RFC3339Nano)),
			a.sameAllocations(allocation.PaymentID(there.ID), p.Allocations, what),
		)
	}
	if !ent.IsNotFound(err) {
		return false, err
	}
	ctx, err := a.as()
	if err != nil {
		return false, err
	}
	allocations, err := a.invoiceIDs(d.ID, p.Allocations)
	if err != nil {
		return false, err
	}
	_, err = a.accounts.WithClock(clock(p.ReceivedAt.Time)).RecordPayment(ctx, accounts.PaymentInput{
		DealerID: d.ID, Amount: p.Amount.V, ReceivedAt: p.ReceivedAt.Time, Reference: p.Reference, Allocations: allocations,
	})
	return true, at("", err)
}

// sameAllocations compares the allocations of a payment or credit note
// with those given, when any are given.
func (a *applier) sameAllocations(of predicate.Allocation, given []Allocation, what string) error {
	if len(given) == 0 {
		return nil
	}
	have, err := a.db.Allocation.Query().Where(of).WithInvoice().All(a.sys())
	if err != nil {
		return err
	}
	if len(have) != len(given) {
		return differs("allocations", "%s is allocated to %d invoices, not %d", what, len(have), len(given))
	}
	for i, g := range given {
		if !slices.ContainsFunc(have, func(x *ent.Allocation) bool {
			return x.Edges.Invoice.Number == g.Invoice && x.Amount == g.Amount.V
		}) {
			return differs(fmt.Sprintf("allocations[%d]", i), "%s has no allocation of %s to %s", what, money.Format(g.Amount.V), g.Invoice)
		}
	}
	return nil
}

// creditNote issues a credit note through the accounts service at the
// start of its business date; it is allocated oldest first, as every
// credit note is, and allocations given must be what that rule makes.
func (a *applier) creditNote(n *CreditNote) (bool, error) {
	d, err := a.dealerByCode("dealer", n.Dealer)
	if err != nil {
		return false, err
	}
	what := "credit note " + n.Number
	there, err := a.db.CreditNote.Query().Where(creditnote.Number(n.Number)).Only(a.sys())
	if err == nil {
		return false, firstErr(
			same("dealer", what, there.DealerID, d.ID),
			same("amount", what, money.Format(there.Amount), money.Format(n.Amount.V)),
			same("issuedOn", what, there.IssuedOn.Format(time.DateOnly), n.IssuedOn.Format(time.DateOnly)),
			same("reason", what, there.Reason, n.Reason),
			a.sameAllocations(allocation.CreditNoteID(there.ID), n.Allocations, what),
		)
	}
	if !ent.IsNotFound(err) {
		return false, err
	}
	ctx, err := a.as()
	if err != nil {
		return false, err
	}
	y, m, day := n.IssuedOn.Date()
	issued := time.Date(y, m, day, 0, 0, 0, 0, a.cfg.Location)
	cn, err := a.accounts.WithClock(clock(issued)).IssueCreditNote(ctx, accounts.CreditNoteInput{DealerID: d.ID, Amount: n.Amount.V, Reason: n.Reason})
	if err != nil {
		return false, at("", err)
	}
	if err := a.db.CreditNote.UpdateOneID(cn.ID).SetNumber(n.Number).Exec(a.sys()); err != nil {
		return false, err
	}
	if err := a.sameAllocations(allocation.CreditNoteID(cn.ID), n.Allocations, what); err != nil {
		if le, ok := err.(*lineError); ok {
			return false, invalid("allocations", "a credit note is allocated to the oldest open invoices first, and these allocations are not that: %s", le.message)
		}
		return false, err
	}
	return true, nil
}
