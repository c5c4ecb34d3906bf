// Package counted keeps the figures an order carries for appraisal in
// step with its history: when it was confirmed and delivered, and whether
// what it adds to net sales and to the cost of goods sold can be read from
// the order alone (DESIGN §6). The hook runs in the writer's transaction
// for every writer of order events — the ordering service, the history
// import, the demo loader, tests — without any of them remembering to.
package counted

import (
	"context"

	"entgo.io/ent"
	entsql "entgo.io/ent/dialect/sql"

	"github.com/dealerline/dealerline/access"
	gen "github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/ent/orderevent"
	"github.com/dealerline/dealerline/ent/orderline"
	"github.com/dealerline/dealerline/money"
	"github.com/dealerline/dealerline/ordering/status"
)

// Cost is Σ quantity × unit cost over an order's lines, what it adds to
// the cost of goods sold when every line counts whole; writers of new
// orders set it, and the total as the net amount, on the order. ok is
// false when it cannot be held.
func Cost[L any](lines []L, each func(L) (quantity int, unitCost int64)) (cost int64, ok bool) {
	var c money.Checked
	for _, l := range lines {
		q, u := each(l)
		if u != 0 && int64(q) > money.Max/u {
			return 0, false
		}
		c.Add(&cost, int64(q)*u)
	}
	return cost, c.Err == nil
}

// Events is the hook on order events: a CONFIRMED or DELIVERED status
// change dates the order; a DELIVERED one with a line delivered below its
// quantity (closed short) leaves the order's sales to be counted from its
// lines.
func Events() ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, mu ent.Mutation) (ent.Value, error) {
			m, ok := mu.(*gen.OrderEventMutation)
			if !ok || !m.Op().Is(ent.OpCreate) {
				return next.Mutate(ctx, mu)
			}
			v, err := next.Mutate(ctx, mu)
			if err != nil {
				return v, err
			}
			id, _ := m.OrderID()
			to, _ := m.To()
			at, _ := m.At()
			if kind, ok := m.Kind(); ok && kind != orderevent.KindSTATUS_CHANGED {
				return v, nil
			}
			sys := access.Bypass(ctx)
			c := m.Client()
			switch to {
			case status.Confirmed:
				return v, c.Order.Update().Where(order.ID(id), order.ConfirmedAtIsNil()).SetConfirmedAt(at).Exec(sys)
			case status.Delivered:
				u := c.Order.Update().Where(order.ID(id)).SetDeliveredAt(at)
				short, err := c.OrderLine.Query().Where(orderline.OrderID(id), func(s *entsql.Selector) {
					s.Where(entsql.ColumnsLT(s.C(orderline.FieldDeliveredQuantity), s.C(orderline.FieldQuantity)))
				}).Exist(sys)
				if err != nil {
					return v, err
				}
				if short {
					u.ClearNetAmount().ClearCostOfGoods()
				}
				return v, u.Exec(sys)
			}
			return v, nil
		})
	}
}
