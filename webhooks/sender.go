package webhooks

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/clip"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/webhook"
	"github.com/dealerline/dealerline/ent/webhookdelivery"
	"github.com/dealerline/dealerline/realtime"
)

// Sender settings.
const (
	// FirstRetry is the wait after the first failed attempt; it doubles
	// with every further one, up to MaxRetry.
	FirstRetry = 5 * time.Second
	MaxRetry   = time.Hour
	// GiveUpAfter is how long a delivery is retried from its first
	// attempt; then it FAILED and its endpoint is paused.
	GiveUpAfter = 24 * time.Hour
	// UserAgent is sent with every delivery.
	UserAgent = "Dealerline-Webhooks/1"

	pollEvery  = time.Second
	electEvery = time.Second
)

// senderLock is the PostgreSQL advisory lock key the sending instance
// holds: one instance of a cluster sends.
const senderLock int64 = 0x6465616c77686b // "dealwhk"

// Sender sends the queued deliveries: each endpoint's strictly in id order
// (its oldest undelivered one holds the later ones back), endpoints side by
// side. A delivery is marked as attempted (count, time, when the next
// attempt is due) and committed before it is POSTed, so an attempt a
// restart interrupts is made again: at least once, with the same
// webhook-id.
type Sender struct {
	client  *ent.Client
	http    *http.Client
	log     *slog.Logger
	connect func(context.Context) (*pgx.Conn, error)
	now     func() time.Time
	wake    chan struct{}
	// afterMark, when set (tests), is called once an attempt is marked and
	// before it is made.
	afterMark func(ctx context.Context, d *ent.WebhookDelivery)

	// Retention is how long delivered deliveries stay in the log (0:
	// always); the server keeps them as long as the outbox keeps events,
	// the window a replay can reach. Undelivered ones are never removed.
	Retention time.Duration
	pruned    time.Time // when the log was last pruned

	mu      sync.Mutex
	busy    map[int]bool // endpoints with a worker
	leading bool
	workers sync.WaitGroup
}

// NewSender returns a sender of the deliveries in client. With
// allowPrivate it connects to loopback, private and link-local addresses.
func NewSender(client *ent.Client, allowPrivate bool, log *slog.Logger) *Sender {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Sender{
		client: client, http: newClient(allowPrivate), log: log.With("component", "webhooks"),
		now: time.Now, wake: make(chan struct{}, 1), busy: map[int]bool{},
	}
}

// Elect makes the sender one of several on one PostgreSQL database: only
// the holder of the sender's lock, taken on a connection from connect,
// sends. Call it before Run.
func (s *Sender) Elect(connect func(context.Context) (*pgx.Conn, error)) { s.connect = connect }

// Wake makes the sender look for due deliveries now. It never blocks.
func (s *Sender) Wake() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Leading reports whether this sender sends (always while it runs without
// Elect).
func (s *Sender) Leading() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.leading
}

// Run sends until ctx ends; with Elect, while it holds the sender's lock.
// It returns once its attempts under way have ended.
func (s *Sender) Run(ctx context.Context) {
	if s.connect == nil {
		s.lead(ctx, nil)
		return
	}
	for ctx.Err() == nil {
		s.campaign(ctx)
	}
}

func (s *Sender) campaign(ctx context.Context) {
	conn, err := s.connect(ctx)
	if err == nil {
		defer conn.Close(context.WithoutCancel(ctx)) // releases the lock
		for ctx.Err() == nil {
			var got bool
			if err = conn.QueryRow(ctx, "SELECT pg_try_advisory_lock($1)", senderLock).Scan(&got); err != nil {
				break
			}
			if got {
				s.lead(ctx, conn)
				return
			}
			sleepFor(ctx, electEvery)
		}
	}
	if err != nil && ctx.Err() == nil {
		s.log.WarnContext(ctx, "webhooks: ask for the sender's lock", "err", err)
		sleepFor(ctx, electEvery)
	}
}

func sleepFor(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// lead sends until ctx ends or conn (holding the lock; nil without Elect)
// fails, then waits for its workers.
func (s *Sender) lead(ctx context.Context, conn *pgx.Conn) {
	ctx, cancel := context.WithCancel(ctx)
	defer s.workers.Wait()
	defer cancel()
	s.setLeading(true)
	defer s.setLeading(false)
	poll := time.NewTicker(pollEvery)
	defer poll.Stop()
	for {
		if err := s.scan(ctx); err != nil && ctx.Err() == nil {
			s.log.ErrorContext(ctx, "webhooks: look for deliveries; retrying", "err", err)
		}
		if err := s.prune(ctx); err != nil && ctx.Err() == nil {
			s.log.WarnContext(ctx, "webhooks: prune the delivery log", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-s.wake:
		case <-poll.C:
			if conn != nil {
				if err := conn.Ping(ctx); err != nil {
					if ctx.Err() == nil {
						s.log.WarnContext(ctx, "webhooks: lost the sender's lock; waiting for it", "err", err)
					}
					return
				}
			}
		}
	}
}

func (s *Sender) setLeading(b bool) {
	s.mu.Lock()
	s.leading = b
	s.mu.Unlock()
}

// scan starts a worker for every active endpoint with pending deliveries
// that has none.
func (s *Sender) scan(ctx context.Context) error {
	ids, err := s.client.Webhook.Query().
		Where(webhook.StatusEQ(webhook.StatusACTIVE), webhook.HasDeliveriesWith(webhookdelivery.StatusEQ(webhookdelivery.StatusPENDING))).
		IDs(access.Bypass(ctx))
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range ids {
		if s.busy[id] {
			continue
		}
		s.busy[id] = true
		s.workers.Add(1)
		go func() {
			defer s.workers.Done()
			defer func() {
				s.mu.Lock()
				delete(s.busy, id)
				s.mu.Unlock()
			}()
			for ctx.Err() == nil {
				more, err := s.sendNext(ctx, id)
				if err != nil && ctx.Err() == nil {
					s.log.ErrorContext(ctx, "webhooks: send", "webhook", id, "err", err)
				}
				if !more || err != nil {
					return
				}
			}
		}()
	}
	return nil
}

// pruneEvery is how often the delivery log is pruned.
const pruneEvery = time.Hour

// prune deletes, at most every pruneEvery, the deliveries delivered more
// than Retention ago.
func (s *Sender) prune(ctx context.Context) error {
	now := s.now()
	if s.Retention <= 0 || now.Sub(s.pruned) < pruneEvery {
		return nil
	}
	_, err := s.client.WebhookDelivery.Delete().
		Where(webhookdelivery.StatusEQ(webhookdelivery.StatusSUCCEEDED), webhookdelivery.DeliveredAtLT(now.Add(-s.Retention))).
		Exec(access.Bypass(ctx))
	if err == nil {
		s.pruned = now
	}
	return err
}

// Backoff is the wait after the nth failed attempt.
func Backoff(n int) time.Duration {
	d := FirstRetry
	for i := 1; i < n && d < MaxRetry; i++ {
		d *= 2
	}
	return min(d, MaxRetry)
}

// sendNext makes an attempt at endpoint id's oldest pending delivery, if
// it is due, and says whether to go on with the next.
func (s *Sender) sendNext(ctx context.Context, id int) (bool, error) {
	sys := access.Bypass(ctx)
	h, err := s.client.Webhook.Get(sys, id)
	if ent.IsNotFound(err) {
		return false, nil // deleted
	}
	if err != nil || h.Status != webhook.StatusACTIVE {
		return false, err
	}
	d, err := s.client.WebhookDelivery.Query().
		Where(webhookdelivery.WebhookID(id), webhookdelivery.StatusEQ(webhookdelivery.StatusPENDING)).
		Order(ent.Asc(webhookdelivery.FieldID)).
		First(sys)
	if ent.IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	now := s.now()
	if d.NextAttemptAt != nil && d.NextAttemptAt.After(now) {
		return false, nil // the poll comes back
	}
	// Mark the attempt, so that a restart during it makes it again.
	attempts := d.Attempts + 1
	first := now
	if d.FirstAttemptAt != nil {
		first = *d.FirstAttemptAt
	}
	n, err := s.client.WebhookDelivery.Update().
		Where(webhookdelivery.ID(d.ID), webhookdelivery.StatusEQ(webhookdelivery.StatusPENDING), webhookdelivery.Attempts(d.Attempts)).
		SetAttempts(attempts).SetFirstAttemptAt(first).SetLastAttemptAt(now).SetNextAttemptAt(now.Add(Backoff(attempts))).
		Save(sys)
	if err != nil || n == 0 {
		return n == 0 && err == nil, err // n == 0: changed meanwhile; read again
	}
	if s.afterMark != nil {
		s.afterMark(ctx, d)
	}
	if ctx.Err() != nil {
		return false, nil
	}

	code, excerpt, sendErr := s.post(ctx, h, d)
	if ctx.Err() != nil {
		return false, nil // stopping: the attempt is made again
	}
	done := s.now()
	upd := s.client.WebhookDelivery.UpdateOneID(d.ID).SetNillableResponseCode(code)
	if code != nil {
		upd.SetResponseExcerpt(excerpt)
	} else {
		upd.ClearResponseExcerpt()
	}
	if sendErr == nil {
		return true, upd.SetStatus(webhookdelivery.StatusSUCCEEDED).SetDeliveredAt(done).ClearNextAttemptAt().ClearError().Exec(sys)
	}
	upd.SetError(clip.To(sendErr.Error(), 500))
	if done.Sub(first) < GiveUpAfter {
		return false, upd.Exec(sys) // due again at next_attempt_at
	}
	// A day of failures: the delivery FAILED and the endpoint paused, so
	// its later deliveries wait for an administrator to resume it.
	reason := fmt.Sprintf("paused after failing for %s since %s: %v", GiveUpAfter, first.UTC().Format(time.RFC3339), sendErr)
	tx, err := s.client.Tx(sys)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	if err := tx.WebhookDelivery.UpdateOneID(d.ID).SetNillableResponseCode(code).SetError(clip.To(sendErr.Error(), 500)).
		SetStatus(webhookdelivery.StatusFAILED).ClearNextAttemptAt().Exec(sys); err != nil {
		return false, err
	}
	if err := tx.Webhook.UpdateOneID(id).SetStatus(webhook.StatusPAUSED).SetPausedAt(done).SetPausedReason(clip.To(reason, 1000)).
		SetUpdatedAt(done).Exec(sys); err != nil {
		return false, err
	}
	// Administrators are told (WEBHOOK_PAUSED, package notify).
	if err := realtime.Record(sys, tx.Client(), realtime.WebhookPausedEvent(id, h.URL, clip.To(reason, 1000), done)); err != nil {
		return false, err
	}
	if err := tx.Commit(); err != nil {
		return false, err
	}
	s.log.ErrorContext(ctx, "webhooks: endpoint paused after a day of failed deliveries; resume it once it answers",
		"webhook", id, "url", h.URL, "delivery", d.ID, "err", sendErr)
	return false, nil
}

// post makes one attempt: the response's code and excerpt when there was
// one, and an error unless it was a 2xx.
func (s *Sender) post(ctx context.Context, h *ent.Webhook, d *ent.WebhookDelivery) (*int, string, error) {
	ts := time.Now().Unix() // the wall clock, which receivers compare it with
	sig, err := Sign(h.Secret, d.MessageID, ts, d.Body)
	if err != nil {
		return nil, "", err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, h.URL, bytes.NewReader(d.Body))
	if err != nil {
		return nil, "", err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("webhook-id", d.MessageID)
	req.Header.Set("webhook-timestamp", strconv.FormatInt(ts, 10))
	req.Header.Set("webhook-signature", sig)
	resp, err := s.http.Do(req)
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	code := resp.StatusCode
	excerpt, readErr := readResponse(resp.Body)
	switch {
	case code >= 300 && code < 400:
		return &code, excerpt, fmt.Errorf("answered %d (a redirect, not followed: register the URL it points to)", code)
	case code < 200 || code >= 300:
		return &code, excerpt, fmt.Errorf("answered %d", code)
	case readErr != nil:
		return &code, excerpt, fmt.Errorf("reading the response: %w", readErr)
	}
	return &code, excerpt, nil
}
