package realtime

import (
	"testing"
	"time"

	"github.com/dealerline/dealerline/ent"
)

// The account and dealer events reach only the subscriptions that ask for
// their kinds: an order's status subscription does not hear its invoice,
// though both belong to the order and the same audience.
func TestFilter_IgnoresKindsItDoesNotServe(t *testing.T) {
	d := &ent.Dealer{ID: 7, ChannelID: 3}
	at := time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC)
	inv := &ent.Invoice{ID: 1, Number: "INV-000001", DealerID: 7, OrderID: 5, Amount: 12345, Balance: 12345, IssuedOn: at, DueOn: at}
	events := []Event{
		InvoiceIssuedEvent(inv, d, at),
		PaymentRecordedEvent(&ent.Payment{ID: 2, DealerID: 7, Amount: 100, ReceivedAt: at, ReceivedOn: at}, d, at),
		CreditNoteIssuedEvent(&ent.CreditNote{ID: 3, DealerID: 7, Amount: 100, IssuedAt: at, IssuedOn: at}, d),
		DealerChangedEvent(d, "UPDATED", at),
	}
	keys := []Key{DealerKey(d.ID), ChannelKey(d.ChannelID), AllKey()}
	for _, served := range [][]Kind{{OrderStatusChanged}, {DeliveryUpdated}, {TicketUpdated}, {AnnouncementPublished, PolicyChanged}} {
		for _, e := range events {
			if (Filter{Keys: keys, Kinds: served, OrderID: 5}).hears(&e) || (Filter{Keys: keys, Kinds: served}).hears(&e) {
				t.Errorf("a subscription to %v hears %s", served, e.Kind)
			}
		}
	}
	for _, e := range events {
		if !(Filter{Keys: keys, Kinds: []Kind{e.Kind}}).hears(&e) {
			t.Errorf("the dealer's subscription to %s does not hear it", e.Kind)
		}
	}
	p, err := DecodeInvoice(&events[0])
	if err != nil || p.Amount != "123.45" || p.IssuedOn != "2026-07-01" || p.Number != "INV-000001" {
		t.Errorf("invoice payload %+v, %v", p, err)
	}
}
