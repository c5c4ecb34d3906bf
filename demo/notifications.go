package demo

import (
	"context"
	"time"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/announcement"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/notification"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/ordering/status"
)

// loadNotifications puts a few notifications in the inboxes of north's
// and south's users and of the Retail manager, about their latest orders
// and the latest announcement, the oldest of each read: the inbox is not
// empty on the first visit. Made here, not from events (the demo's events
// are history, older than the reader of the outbox), so they carry
// delivery numbers below 1, which no event has.
func (l *loader) loadNotifications(ctx context.Context) error {
	latest := func(dealerCode string, st status.Status) (*ent.Order, error) {
		o, err := l.c.Order.Query().
			Where(order.DealerID(l.dealerIDs[dealerCode]), order.StatusEQ(st)).
			Order(ent.Desc(order.FieldPlacedAt), ent.Desc(order.FieldID)).
			First(ctx)
		if ent.IsNotFound(err) {
			return nil, nil
		}
		return o, err
	}
	ann, err := l.c.Announcement.Query().Order(ent.Desc(announcement.FieldPublishedAt)).First(ctx)
	if err != nil {
		return err
	}
	type item struct {
		kind  notification.Kind
		order *ent.Order
		read  bool
	}
	var seq int64
	morning := time.Date(l.today.Year(), l.today.Month(), l.today.Day(), 9, 0, 0, 0, l.loc)
	add := func(email string, hoursAgo int, it item) error {
		at := morning.Add(-time.Duration(hoursAgo) * time.Hour)
		c := l.c.Notification.Create().SetUserID(l.userIDs[email]).SetKind(it.kind).SetSeq(seq).SetCreatedAt(at)
		seq--
		switch {
		case it.order != nil:
			name, err := l.c.Dealer.Query().Where(dealer.ID(it.order.DealerID)).Only(ctx)
			if err != nil {
				return err
			}
			c.SetSubjectID(it.order.ID).SetParams(map[string]string{"number": it.order.Number, "dealer": name.Name, "actor": "Li Wei"})
		case it.kind == notification.KindANNOUNCEMENT:
			c.SetSubjectID(ann.ID).SetParams(map[string]string{"title": ann.Title})
		}
		if it.read {
			c.SetReadAt(at.Add(time.Hour))
		}
		return c.Exec(ctx)
	}
	for _, who := range []struct{ email, dealer string }{{"north@demo.test", "D-NORTH"}, {"south@demo.test", "D-SOUTH"}} {
		shipped, err := latest(who.dealer, status.Shipped)
		if err != nil {
			return err
		}
		confirmed, err := latest(who.dealer, status.Confirmed)
		if err != nil {
			return err
		}
		items := []item{{kind: notification.KindANNOUNCEMENT, read: true}}
		if shipped != nil {
			items = append(items, item{kind: notification.KindORDER_SHIPPED, order: shipped})
		}
		if confirmed != nil {
			items = append(items, item{kind: notification.KindORDER_CONFIRMED, order: confirmed})
		}
		for i, it := range items {
			if err := add(who.email, 48-20*i, it); err != nil {
				return err
			}
		}
	}
	for i, code := range []string{"D-SOUTH", "D-NORTH"} {
		placed, err := latest(code, status.Submitted)
		if err != nil {
			return err
		}
		if placed == nil {
			continue
		}
		if err := add("manager@demo.test", 30-20*i, item{kind: notification.KindORDER_PLACED, order: placed, read: i == 0}); err != nil {
			return err
		}
	}
	return nil
}
