// Package webhooks tells the manufacturer's systems (its ERP) of events as
// they commit: administrators register endpoints, each receiving the kinds
// of event it asks for, POSTed as JSON and signed per Standard Webhooks
// (webhook-id, webhook-timestamp, webhook-signature).
//
// The outbox reader "webhooks" (package feed, Handler) queues one delivery
// per endpoint and event in the transaction that moves its position, so
// each event is queued once across restarts and instances. The Sender sends
// them after commit: per endpoint strictly in order, at least once, retried
// with exponential backoff for a day, after which the endpoint is paused.
package webhooks

import (
	"context"
	"net"
	"slices"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/event"
	"github.com/dealerline/dealerline/ent/feedposition"
	"github.com/dealerline/dealerline/ent/webhook"
	"github.com/dealerline/dealerline/ent/webhookdelivery"
	"github.com/dealerline/dealerline/realtime"
	"github.com/dealerline/dealerline/store/tx"
)

// maxReplay caps the deliveries one replay queues.
const maxReplay = 10_000

// Service manages the endpoints and their deliveries (administrators).
type Service struct {
	client       *ent.Client
	allowPrivate bool
	resolver     *net.Resolver
	now          func() time.Time
	// Wake, when set, makes the sender look for deliveries (Sender.Wake);
	// called after a change that queues or releases some has committed.
	Wake func()
}

// NewService returns the service over client. With allowPrivate, endpoints
// may be on loopback, private and link-local addresses
// (--webhook-allow-private).
func NewService(client *ent.Client, allowPrivate bool) *Service {
	return &Service{client: client, allowPrivate: allowPrivate, resolver: net.DefaultResolver, now: time.Now}
}

// Input is an endpoint as an administrator registers or changes it.
type Input struct {
	URL         string
	EventKinds  []realtime.Kind
	Description string
}

func admin(ctx context.Context, what string) (*auth.Viewer, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if !v.IsAdmin() {
		return nil, apperr.Errorf(apperr.Forbidden, "only an administrator %s", what)
	}
	return v, nil
}

func (s *Service) check(ctx context.Context, in Input) (Input, error) {
	var err error
	if in.URL, err = checkURL(ctx, in.URL, s.allowPrivate, s.resolver); err != nil {
		return in, err
	}
	if len(in.EventKinds) == 0 {
		return in, apperr.Invalid("eventKinds", "an endpoint receives at least one kind of event")
	}
	kinds := make([]realtime.Kind, 0, len(in.EventKinds))
	for _, k := range in.EventKinds {
		if _, ok := types[k]; !ok {
			return in, apperr.Invalid("eventKinds", "%s is not a kind of event an endpoint receives", k)
		}
		if !slices.Contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	in.EventKinds = kinds
	if in.Description, err = apperr.Text("description", in.Description, false, 500); err != nil {
		return in, err
	}
	return in, nil
}

func kindNames(ks []realtime.Kind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = string(k)
	}
	return out
}

// Endpoints are the endpoints. Reads of committed rows: the fields of a
// mutation's answer resolve side by side, not through its transaction.
func (s *Service) Endpoints(ctx context.Context) (*ent.WebhookQuery, error) {
	if _, err := admin(ctx, "reads the webhooks"); err != nil {
		return nil, err
	}
	return s.client.Webhook.Query(), nil
}

// Endpoint is endpoint id, NOT_FOUND when there is none.
func (s *Service) Endpoint(ctx context.Context, id int) (*ent.Webhook, error) {
	if _, err := admin(ctx, "reads the webhooks"); err != nil {
		return nil, err
	}
	return get(ctx, tx.Client(ctx, s.client), id)
}

func get(ctx context.Context, db *ent.Client, id int) (*ent.Webhook, error) {
	h, err := db.Webhook.Get(ctx, id) // through the viewer's rules
	if ent.IsNotFound(err) {
		return nil, apperr.Missing("id", "there is no such webhook")
	}
	return h, err
}

// Deliveries are endpoint h's deliveries, of status when given (committed
// rows, as Endpoints).
func (s *Service) Deliveries(ctx context.Context, h *ent.Webhook, status *webhookdelivery.Status) (*ent.WebhookDeliveryQuery, error) {
	if _, err := admin(ctx, "reads the webhooks"); err != nil {
		return nil, err
	}
	q := s.client.WebhookDelivery.Query().Where(webhookdelivery.WebhookID(h.ID))
	if status != nil {
		q.Where(webhookdelivery.StatusEQ(*status))
	}
	return q, nil
}

// Create registers an endpoint and returns it with its signing secret,
// which is shown only now.
func (s *Service) Create(ctx context.Context, in Input) (*ent.Webhook, string, error) {
	if _, err := admin(ctx, "registers webhooks"); err != nil {
		return nil, "", err
	}
	in, err := s.check(ctx, in)
	if err != nil {
		return nil, "", err
	}
	db := tx.Client(ctx, s.client)
	secret := newSecret()
	now := s.now()
	h, err := db.Webhook.Create().
		SetURL(in.URL).SetEventKinds(kindNames(in.EventKinds)).SetDescription(in.Description).
		SetSecret(secret).SetCreatedAt(now).SetUpdatedAt(now).
		Save(access.Bypass(ctx))
	if err != nil {
		return nil, "", err
	}
	return h, secret, audit.Record(ctx, db, "webhook.create", "Webhook", h.ID, map[string]any{
		"url": h.URL, "eventKinds": h.EventKinds, "description": h.Description,
	})
}

// Update changes endpoint id's URL, kinds and description. Deliveries
// already queued keep their bodies and go to the new URL.
func (s *Service) Update(ctx context.Context, id int, in Input) (*ent.Webhook, error) {
	if _, err := admin(ctx, "changes webhooks"); err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	h, err := get(ctx, db, id)
	if err != nil {
		return nil, err
	}
	if in, err = s.check(ctx, in); err != nil {
		return nil, err
	}
	updated, err := h.Update().
		SetURL(in.URL).SetEventKinds(kindNames(in.EventKinds)).SetDescription(in.Description).SetUpdatedAt(s.now()).
		Save(access.Bypass(ctx))
	if err != nil {
		return nil, err
	}
	return updated, audit.Record(ctx, db, "webhook.update", "Webhook", h.ID, map[string]any{
		"url":         map[string]string{"from": h.URL, "to": updated.URL},
		"eventKinds":  map[string][]string{"from": h.EventKinds, "to": updated.EventKinds},
		"description": map[string]string{"from": h.Description, "to": updated.Description},
	})
}

// Pause stops sending to endpoint id; its deliveries wait for Resume.
func (s *Service) Pause(ctx context.Context, id int) (*ent.Webhook, error) {
	v, err := admin(ctx, "pauses webhooks")
	if err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	h, err := get(ctx, db, id)
	if err != nil || h.Status == webhook.StatusPAUSED {
		return h, err
	}
	now := s.now()
	updated, err := h.Update().SetStatus(webhook.StatusPAUSED).SetPausedAt(now).
		SetPausedReason("paused by " + v.Name).SetUpdatedAt(now).Save(access.Bypass(ctx))
	if err != nil {
		return nil, err
	}
	return updated, audit.Record(ctx, db, "webhook.pause", "Webhook", h.ID, nil)
}

// Resume sends to endpoint id again, from its oldest delivery not
// delivered: those given up on after a day of failures are queued again,
// for another day of attempts.
func (s *Service) Resume(ctx context.Context, id int) (*ent.Webhook, error) {
	if _, err := admin(ctx, "resumes webhooks"); err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	h, err := get(ctx, db, id)
	if err != nil {
		return nil, err
	}
	sys := access.Bypass(ctx)
	requeued, err := db.WebhookDelivery.Update().
		Where(webhookdelivery.WebhookID(h.ID), webhookdelivery.StatusEQ(webhookdelivery.StatusFAILED)).
		SetStatus(webhookdelivery.StatusPENDING).ClearFirstAttemptAt().ClearNextAttemptAt().
		Save(sys)
	if err != nil {
		return nil, err
	}
	updated, err := h.Update().SetStatus(webhook.StatusACTIVE).ClearPausedAt().ClearPausedReason().SetUpdatedAt(s.now()).Save(sys)
	if err != nil {
		return nil, err
	}
	s.wakeAfter(ctx)
	return updated, audit.Record(ctx, db, "webhook.resume", "Webhook", h.ID, map[string]any{"requeued": requeued})
}

// Delete removes endpoint id and its delivery log.
func (s *Service) Delete(ctx context.Context, id int) error {
	if _, err := admin(ctx, "deletes webhooks"); err != nil {
		return err
	}
	db := tx.Client(ctx, s.client)
	h, err := get(ctx, db, id)
	if err != nil {
		return err
	}
	sys := access.Bypass(ctx)
	if _, err := db.WebhookDelivery.Delete().Where(webhookdelivery.WebhookID(h.ID)).Exec(sys); err != nil {
		return err
	}
	if err := db.Webhook.DeleteOneID(h.ID).Exec(sys); err != nil {
		return err
	}
	return audit.Record(ctx, db, "webhook.delete", "Webhook", h.ID, map[string]any{"url": h.URL})
}

// RotateSecret gives endpoint id a new signing secret, shown only now; the
// old one signs nothing more.
func (s *Service) RotateSecret(ctx context.Context, id int) (*ent.Webhook, string, error) {
	if _, err := admin(ctx, "rotates webhook secrets"); err != nil {
		return nil, "", err
	}
	db := tx.Client(ctx, s.client)
	h, err := get(ctx, db, id)
	if err != nil {
		return nil, "", err
	}
	secret := newSecret()
	if h, err = h.Update().SetSecret(secret).SetUpdatedAt(s.now()).Save(access.Bypass(ctx)); err != nil {
		return nil, "", err
	}
	return h, secret, audit.Record(ctx, db, "webhook.rotate_secret", "Webhook", h.ID, nil)
}

// Redeliver queues delivery id again, after the endpoint's other
// deliveries: the same body and webhook-id.
func (s *Service) Redeliver(ctx context.Context, id int) (*ent.WebhookDelivery, error) {
	if _, err := admin(ctx, "redelivers webhooks"); err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	d, err := db.WebhookDelivery.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apperr.Missing("deliveryID", "there is no such webhook delivery")
	}
	if err != nil {
		return nil, err
	}
	again, err := db.WebhookDelivery.Create().
		SetWebhookID(d.WebhookID).SetEventSeq(d.EventSeq).SetEventKind(d.EventKind).
		SetOrigin(webhookdelivery.OriginREDELIVERY).SetMessageID(d.MessageID).SetBody(d.Body).
		SetCreatedAt(s.now()).
		Save(access.Bypass(ctx))
	if err != nil {
		return nil, err
	}
	s.wakeAfter(ctx)
	return again, audit.Record(ctx, db, "webhook.redeliver", "Webhook", d.WebhookID, map[string]any{
		"delivery": d.ID, "redelivery": again.ID, "event": realtime.FormatCursor(d.EventSeq),
	})
}

// Replay queues to endpoint id again the events of its kinds after cursor
// after, as long as the outbox holds them (else CURSOR_EXPIRED), up to the
// last event already queued; it says how many. Each keeps its webhook-id,
// and the body it was sent with when it was.
func (s *Service) Replay(ctx context.Context, id int, after string) (int, error) {
	if _, err := admin(ctx, "replays webhooks"); err != nil {
		return 0, err
	}
	db := tx.Client(ctx, s.client)
	h, err := get(ctx, db, id)
	if err != nil {
		return 0, err
	}
	from, err := realtime.ParseCursor(after)
	if err != nil {
		return 0, err
	}
	sys := access.Bypass(ctx)
	seq, err := db.EventSequence.Query().Only(sys)
	if err != nil {
		return 0, err
	}
	if from < seq.PrunedThrough || from > seq.LastSeq {
		return 0, apperr.Errorf(apperr.CursorExpired, "this cursor is older than the events kept, or unknown: replay from a newer one")
	}
	// Up to what the reader has queued: what comes after is queued anyway.
	upTo := int64(0)
	if pos, err := db.FeedPosition.Query().Where(feedposition.Name(ReaderName)).Only(sys); err == nil {
		upTo = pos.LastSeq
	} else if !ent.IsNotFound(err) {
		return 0, err
	}
	events, err := db.Event.Query().
		Where(event.SeqGT(from), event.SeqLTE(upTo), event.KindIn(h.EventKinds...)).
		Order(ent.Asc(event.FieldSeq)).
		Limit(maxReplay + 1).
		All(sys)
	if err != nil {
		return 0, err
	}
	if len(events) > maxReplay {
		return 0, apperr.Invalid("after", "more than %d events follow this cursor: replay from a newer one", maxReplay)
	}
	if len(events) == 0 {
		return 0, nil
	}
	// The bodies sent before, where they were.
	seqs := make([]int64, len(events))
	for i, e := range events {
		seqs[i] = *e.Seq
	}
	sent, err := db.WebhookDelivery.Query().
		Where(webhookdelivery.WebhookID(h.ID), webhookdelivery.OriginEQ(webhookdelivery.OriginEVENT), webhookdelivery.EventSeqIn(seqs...)).
		All(sys)
	if err != nil {
		return 0, err
	}
	bodies := make(map[int64][]byte, len(sent))
	for _, d := range sent {
		bodies[d.EventSeq] = d.Body
	}
	now := s.now()
	creates := make([]*ent.WebhookDeliveryCreate, len(events))
	for i, row := range events {
		e := realtime.FromRow(row)
		b, ok := bodies[e.Seq]
		if !ok {
			b = Body(e)
		}
		creates[i] = db.WebhookDelivery.Create().
			SetWebhookID(h.ID).SetEventSeq(e.Seq).SetEventKind(string(e.Kind)).
			SetOrigin(webhookdelivery.OriginREPLAY).SetMessageID(messageID(h.ID, e.Seq)).SetBody(b).
			SetCreatedAt(now)
	}
	for chunk := range slices.Chunk(creates, 500) {
		if err := db.WebhookDelivery.CreateBulk(chunk...).Exec(sys); err != nil {
			return 0, err
		}
	}
	s.wakeAfter(ctx)
	return len(events), audit.Record(ctx, db, "webhook.replay", "Webhook", h.ID, map[string]any{
		"after": after, "queued": len(events),
	})
}

// wakeAfter wakes the sender once the request's transaction commits (at
// once outside one).
func (s *Service) wakeAfter(ctx context.Context) {
	if s.Wake == nil {
		return
	}
	t := ent.TxFromContext(ctx)
	if t == nil {
		s.Wake()
		return
	}
	wake := s.Wake
	t.OnCommit(func(next ent.Committer) ent.Committer {
		return ent.CommitFunc(func(ctx context.Context, tx *ent.Tx) error {
			err := next.Commit(ctx, tx)
			if err == nil {
				wake()
			}
			return err
		})
	})
}
