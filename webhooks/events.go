package webhooks

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"time"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/webhook"
	"github.com/dealerline/dealerline/feed"
	"github.com/dealerline/dealerline/realtime"
)

// ReturnUpdated is the kind of events about returns of goods (requested,
// approved, rejected, received).
const ReturnUpdated = realtime.ReturnUpdated

// types are the kinds an endpoint may receive, with the type its bodies
// name them by.
var types = map[realtime.Kind]string{
	realtime.OrderStatusChanged: "order.status_changed",
	realtime.DeliveryUpdated:    "delivery.updated",
	realtime.InvoiceIssued:      "invoice.issued",
	realtime.PaymentRecorded:    "payment.recorded",
	realtime.CreditNoteIssued:   "credit_note.issued",
	realtime.DealerChanged:      "dealer.changed",
	ReturnUpdated:               "return.updated",
}

// Kinds are the kinds an endpoint may receive, in the order the API lists
// them.
var Kinds = []realtime.Kind{
	realtime.OrderStatusChanged, realtime.DeliveryUpdated, realtime.InvoiceIssued, realtime.PaymentRecorded,
	realtime.CreditNoteIssued, realtime.DealerChanged, ReturnUpdated,
}

// TypeOf is the type a body names events of kind k by, e.g.
// order.status_changed.
func TypeOf(k realtime.Kind) string { return types[k] }

// body is what an endpoint receives for an event.
type body struct {
	Type      string          `json:"type"`
	Timestamp time.Time       `json:"timestamp"`
	Data      json.RawMessage `json:"data"`
}

// Body is the JSON an endpoint receives for event e: its type, when it
// happened and its payload.
func Body(e *realtime.Event) []byte {
	b, err := json.Marshal(body{Type: TypeOf(e.Kind), Timestamp: e.At.UTC(), Data: e.Payload})
	if err != nil {
		panic(err) // a payload from the outbox is JSON
	}
	return b
}

// ReaderName is the name of the outbox reader that queues deliveries.
const ReaderName = "webhooks"

// Handler is the handler of the "webhooks" reader of the outbox
// (feed.New): for each event of a kind some endpoints receive, one delivery
// per endpoint — active or paused: a paused endpoint's deliveries wait for
// it — with the body built now and kept. It writes through tx, which moves
// the reader's position, so each event is queued once. wake (the sender's
// Wake; nil for none) is called once the deliveries are committed.
func Handler(wake func()) feed.Handler {
	return func(ctx context.Context, tx *ent.Tx, events []*realtime.Event) error {
		return handle(ctx, tx, events, wake)
	}
}

func handle(ctx context.Context, tx *ent.Tx, events []*realtime.Event, wake func()) error {
	var wanted []*realtime.Event
	for _, e := range events {
		if _, ok := types[e.Kind]; ok {
			wanted = append(wanted, e)
		}
	}
	if len(wanted) == 0 {
		return nil
	}
	hooks, err := tx.Webhook.Query().Order(ent.Asc(webhook.FieldID)).All(ctx)
	if err != nil || len(hooks) == 0 {
		return err
	}
	var creates []*ent.WebhookDeliveryCreate
	for _, e := range wanted {
		var b []byte
		for _, h := range hooks {
			if !slices.Contains(h.EventKinds, string(e.Kind)) {
				continue
			}
			if b == nil {
				b = Body(e)
			}
			creates = append(creates, tx.WebhookDelivery.Create().
				SetWebhookID(h.ID).SetEventSeq(e.Seq).SetEventKind(string(e.Kind)).
				SetMessageID(messageID(h.ID, e.Seq)).SetBody(b))
		}
	}
	for chunk := range slices.Chunk(creates, 500) {
		if err := tx.WebhookDelivery.CreateBulk(chunk...).Exec(ctx); err != nil {
			return err
		}
	}
	if len(creates) > 0 {
		if w := wake; w != nil {
			tx.OnCommit(func(next ent.Committer) ent.Committer {
				return ent.CommitFunc(func(ctx context.Context, tx *ent.Tx) error {
					err := next.Commit(ctx, tx)
					if err == nil {
						w()
					}
					return err
				})
			})
		}
	}
	return nil
}

// messageID is the webhook-id of event seq to endpoint id: the same for
// every copy of it (a redelivery, a replay), so a receiver drops
// duplicates.
func messageID(id int, seq int64) string {
	return "msg_" + strconv.Itoa(id) + "_" + strconv.FormatInt(seq, 10)
}
