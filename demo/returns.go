package demo

import (
	"context"
	"time"

	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/ent/orderline"
	"github.com/dealerline/dealerline/ent/salesreturn"
	"github.com/dealerline/dealerline/ordering/status"
	"github.com/dealerline/dealerline/returns/returnstatus"
)

// returnSpecs are South Traders' open returns, of its newest delivered
// orders: one waiting for a decision, one approved and on its way back.
// None is received yet, so the statement the demo tells of is unchanged.
var returnSpecs = []struct {
	nth      int // the nth newest delivered order, its first line
	quantity int
	reason   salesreturn.Reason
	note     string
	daysAgo  int
	approved int // days ago it was approved; 0: still REQUESTED
}{
	{0, 1, salesreturn.ReasonDAMAGED, "One carton arrived crushed; the tool inside does not start.", 2, 0},
	{1, 1, salesreturn.ReasonWRONG_ITEM, "Delivered a 4.0 Ah battery instead of the 5.0 Ah ordered.", 6, 5},
}

func (l *loader) loadReturns(ctx context.Context) error {
	dealerID, dealerUser, manager := l.dealerIDs["D-SOUTH"], "south@demo.test", "manager@demo.test"
	names := map[string]string{}
	for _, u := range append(append([]userSpec{}, staff...), dealerUsers...) {
		names[u.email] = u.name
	}
	delivered, err := l.c.Order.Query().
		Where(order.DealerID(dealerID), order.StatusEQ(status.Delivered)).
		Order(ent.Desc(order.FieldPlacedAt), ent.Desc(order.FieldID)).
		Limit(len(returnSpecs)).
		All(ctx)
	if err != nil {
		return err
	}
	at := func(daysAgo, hour int) time.Time {
		y, m, d := l.today.AddDate(0, 0, -daysAgo).Date()
		return time.Date(y, m, d, hour, 30, 0, 0, l.loc)
	}
	for _, s := range returnSpecs {
		if s.nth >= len(delivered) {
			continue
		}
		o := delivered[s.nth]
		line, err := l.c.OrderLine.Query().
			Where(orderline.OrderID(o.ID), orderline.DeliveredQuantityGTE(s.quantity)).
			Order(ent.Asc(orderline.FieldPosition)).
			First(ctx)
		if ent.IsNotFound(err) {
			continue
		}
		if err != nil {
			return err
		}
		requested := at(s.daysAgo, 9)
		c := l.c.SalesReturn.Create().
			SetNumber("RT-PENDING").
			SetDealerID(dealerID).
			SetOrderID(o.ID).
			SetReason(s.reason).
			SetNote(s.note).
			SetRequestedAt(requested).
			SetRequestedByID(l.userIDs[dealerUser]).
			SetRequestedByName(names[dealerUser]).
			SetCreatedAt(requested).
			SetUpdatedAt(requested)
		if s.approved > 0 {
			c.SetStatus(returnstatus.Approved).SetDecidedAt(at(s.approved, 11)).SetVersion(2).SetUpdatedAt(at(s.approved, 11))
		}
		r, err := c.Save(ctx)
		if err != nil {
			return err
		}
		if r, err = r.Update().SetNumber(accounts.DocumentNumber("RT", r.ID)).Save(ctx); err != nil {
			return err
		}
		if err := l.c.SalesReturnLine.Create().
			SetReturnID(r.ID).SetDealerID(dealerID).SetOrderLineID(line.ID).
			SetSku(line.Sku).SetProductName(line.ProductName).SetQuantity(s.quantity).
			Exec(ctx); err != nil {
			return err
		}
		if err := l.c.SalesReturnEvent.Create().
			SetReturnID(r.ID).SetDealerID(dealerID).SetTo(returnstatus.Requested).
			SetActorID(l.userIDs[dealerUser]).SetActorName(names[dealerUser]).SetAt(requested).SetNote(s.note).
			Exec(ctx); err != nil {
			return err
		}
		if s.approved > 0 {
			from := returnstatus.Requested
			if err := l.c.SalesReturnEvent.Create().
				SetReturnID(r.ID).SetDealerID(dealerID).SetFrom(from).SetTo(returnstatus.Approved).
				SetActorID(l.userIDs[manager]).SetActorName(names[manager]).SetAt(at(s.approved, 11)).
				SetNote("Approved: please send it back with the return number on the carton.").
				Exec(ctx); err != nil {
				return err
			}
		}
	}
	return nil
}
