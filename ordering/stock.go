package ordering

import (
	"context"
	"fmt"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/orderevent"
	"github.com/dealerline/dealerline/ent/orderline"
	"github.com/dealerline/dealerline/ent/shipment"
	"github.com/dealerline/dealerline/ordering/status"
	"github.com/dealerline/dealerline/stock"
	"github.com/dealerline/dealerline/store/tx"
)

// An order holds stock from its confirmation: each line reserves what is
// free of its product, up to its quantity, and the rest is backordered
// (OrderLine.backorderedQuantity). A line's reservation is what it has
// neither shipped, backordered nor closed; shipping takes it out of the
// warehouse, cancelling and closing short give it back (package stock).

// Reserved is how many units line l holds in stock now.
func Reserved(l *ent.OrderLine) int {
	return max(0, l.Quantity-l.ShippedQuantity-l.BackorderedQuantity-l.ClosedQuantity)
}

// stockLines are o's lines that name a product, by product, so that
// concurrent orders lock products in one order and never deadlock.
func stockLines(ctx context.Context, db *ent.Client, o *ent.Order) ([]*ent.OrderLine, error) {
	return db.OrderLine.Query().
		Where(orderline.OrderID(o.ID), orderline.ProductIDNotNil()).
		Order(orderline.ByProductID(), orderline.ByID()).
		All(access.Bypass(ctx))
}

// reserve reserves stock for a confirmed order's lines and marks what it
// could not cover as backordered, on the lines and on the order.
func (s *Service) reserve(ctx context.Context, db *ent.Client, o *ent.Order) (*ent.Order, error) {
	sys := access.Bypass(ctx)
	lines, err := stockLines(ctx, db, o)
	if err != nil {
		return nil, err
	}
	backorder := false
	for _, l := range lines {
		got, err := stock.Reserve(ctx, db, l.ProductID, l.Quantity)
		if err != nil {
			return nil, err
		}
		if short := l.Quantity - got; short > 0 {
			backorder = true
			if err := db.OrderLine.UpdateOneID(l.ID).SetBackorderedQuantity(short).Exec(sys); err != nil {
				return nil, err
			}
		}
	}
	if !backorder {
		return o, nil
	}
	return db.Order.UpdateOneID(o.ID).SetBackorder(true).Save(sys)
}

// release gives back what o's lines hold in stock; closing, it also
// closes what is left unshipped of each line.
func (s *Service) release(ctx context.Context, db *ent.Client, o *ent.Order, closing bool) error {
	sys := access.Bypass(ctx)
	lines, err := stockLines(ctx, db, o)
	if err != nil {
		return err
	}
	for _, l := range lines {
		if err := stock.Release(ctx, db, l.ProductID, Reserved(l)); err != nil {
			return err
		}
	}
	if !closing {
		return nil
	}
	all, err := db.OrderLine.Query().Where(orderline.OrderID(o.ID)).All(sys)
	if err != nil {
		return err
	}
	for _, l := range all {
		if left := l.Quantity - l.ShippedQuantity; left > 0 {
			if err := db.OrderLine.UpdateOneID(l.ID).SetClosedQuantity(left).SetBackorderedQuantity(0).Exec(sys); err != nil {
				return err
			}
		}
	}
	return nil
}

// mayCloseShort is why o cannot be closed short now, nil when it can: it
// is PARTIALLY_DELIVERED and no shipment is still on its way (PREPARING,
// IN_TRANSIT, or held up in EXCEPTION: its goods may yet arrive).
func mayCloseShort(ctx context.Context, db *ent.Client, o *ent.Order) error {
	if o.Status != status.PartiallyDelivered {
		return apperr.Errorf(apperr.InvalidTransition, "order %s is %s: only a partly delivered order is closed short", o.Number, o.Status)
	}
	moving, err := db.Shipment.Query().
		Where(shipment.OrderID(o.ID), shipment.StatusNEQ(status.ShipmentDelivered)).
		Exist(access.Bypass(ctx))
	if err != nil {
		return err
	}
	if moving {
		return apperr.Errorf(apperr.InvalidTransition, "order %s has a shipment still on its way: close it short once every shipment is delivered", o.Number)
	}
	return nil
}

// CanCloseShort reports whether closeOrderShort would close o for v now.
func (s *Service) CanCloseShort(ctx context.Context, v *auth.Viewer, o *ent.Order) (bool, error) {
	if v == nil || mayShip(v) != nil || o.Status != status.PartiallyDelivered {
		return false, nil
	}
	err := mayCloseShort(ctx, s.client, o)
	if _, refused := apperr.As(err); refused {
		return false, nil
	}
	return err == nil, err
}

// CloseShort ends a partly delivered order: what no shipment took of each
// line is closed (OrderLine.closedQuantity) and its reservation released,
// and the order is DELIVERED, with a history entry saying it was closed
// short. Invoices stay as they are: only shipped goods were invoiced.
// Managers of the order's dealer and administrators close orders short.
func (s *Service) CloseShort(ctx context.Context, id int, note string) (*ent.Order, error) {
	if _, err := shipper(ctx); err != nil {
		return nil, err
	}
	note, err := apperr.Lines("note", note, true, MaxNote)
	if err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	o, err := db.Order.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := mayCloseShort(ctx, db, o); err != nil {
		return nil, err
	}
	from := o.Status
	if o, err = s.bump(ctx, db, o, func(u *ent.OrderUpdateOne) { u.SetStatus(status.Delivered) }); err != nil {
		return nil, err
	}
	// The lines first: the history entry's hook counts the order's sales
	// from its lines once one is short (package ordering/counted).
	if err := s.release(ctx, db, o, true); err != nil {
		return nil, err
	}
	entry := fmt.Sprintf("Closed short: %s", note)
	if err := s.record(ctx, db, o, nil, &from, status.Delivered, entry, orderevent.KindSTATUS_CHANGED); err != nil {
		return nil, err
	}
	return o, audit.Record(ctx, db, "order.close_short", "Order", o.ID, map[string]any{
		"number": o.Number, "from": from, "note": note,
	})
}
