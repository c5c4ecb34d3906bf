// Package outbound sends what Dealerline tells people outside the app —
// e-mail (package mail) and web push (package push) — from delivery records
// written before they are sent, in the transaction of what they tell
// (Queue): keyed, so one event reaches one user once on each channel. A
// Runner on every instance sends them after commit, each taken by one
// instance at a time, retried with backoff and given up after a day.
package outbound

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"time"
	"unicode/utf8"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/hook"
	"github.com/dealerline/dealerline/ent/outboundmessage"
)

// Sending settings.
const (
	// GiveUpAfter is how long a delivery is retried before it is FAILED.
	GiveUpAfter = 24 * time.Hour
	// Timeout bounds one attempt: a sender gives up on it after this.
	Timeout = 30 * time.Second
	// lease is how long one attempt may take before another sender takes
	// the delivery over (its sender died mid-attempt): longer than Timeout.
	lease = 2 * Timeout
	// firstRetry doubles with each failed attempt, up to lastRetry.
	firstRetry = time.Minute
	lastRetry  = time.Hour
	pollEvery  = 2 * time.Second
)

// Message is what to send on one channel: an e-mail to To (Subject, Text,
// HTML), or a push to every browser of User (Subject as its title, Text as
// its body, Link the portal path it opens).
type Message struct {
	Channel outboundmessage.Channel
	User    int
	To      string
	Subject string
	Text    string
	HTML    string
	Link    string
}

// Email and Push are the channels.
const (
	Email = outboundmessage.ChannelEMAIL
	Push  = outboundmessage.ChannelPUSH
)

// Queue records that m is to be sent, under key (what it is for: one key
// is sent once), through db — the client of the transaction that makes
// the change it tells of, so it is sent only if that commits. A key
// already queued is left as it is.
func Queue(ctx context.Context, db *ent.Client, key string, m Message) error {
	c := db.OutboundMessage.Create().
		SetKey(key).
		SetChannel(m.Channel).
		SetTo(m.To).
		SetSubject(m.Subject).
		SetText(m.Text).
		SetHTML(m.HTML).
		SetLink(m.Link)
	if m.User != 0 {
		c.SetUserID(m.User)
	}
	err := c.OnConflictColumns(outboundmessage.FieldKey).DoNothing().Exec(access.Bypass(ctx))
	if errors.Is(err, sql.ErrNoRows) {
		return nil // PostgreSQL returns no id for a row it did not insert
	}
	return err
}

// Sender sends one message on its channel; an error is retried.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// Runner sends the queued messages. Several may run on one database (one
// per instance): each delivery is taken by one of them at a time.
type Runner struct {
	client   *ent.Client
	postgres bool
	senders  map[outboundmessage.Channel]Sender
	log      *slog.Logger
	now      func() time.Time
	wake     chan struct{}
}

// NewRunner returns a runner over client (of the dialect named) sending
// each channel's messages through its sender; a channel without one is
// left queued.
func NewRunner(client *ent.Client, dialectName string, senders map[outboundmessage.Channel]Sender, log *slog.Logger) *Runner {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Runner{client: client, postgres: dialectName == dialect.Postgres, senders: senders, log: log,
		now: time.Now, wake: make(chan struct{}, 1)}
}

// SetClock makes the runner read the time from now (tests).
func (r *Runner) SetClock(now func() time.Time) { r.now = now }

// Watch makes every transaction of writers that queues a message wake the
// runner once it has committed. Call it before writers is used
// concurrently.
func (r *Runner) Watch(writers *ent.Client) {
	writers.OutboundMessage.Use(func(next ent.Mutator) ent.Mutator {
		return hook.OutboundMessageFunc(func(ctx context.Context, m *ent.OutboundMessageMutation) (ent.Value, error) {
			v, err := next.Mutate(ctx, m)
			if err != nil || !m.Op().Is(ent.OpCreate) {
				return v, err
			}
			tx, txErr := m.Tx()
			if txErr != nil {
				r.Wake()
				return v, err
			}
			tx.OnCommit(func(commit ent.Committer) ent.Committer {
				return ent.CommitFunc(func(ctx context.Context, tx *ent.Tx) error {
					err := commit.Commit(ctx, tx)
					if err == nil {
						r.Wake()
					}
					return err
				})
			})
			return v, err
		})
	})
}

// Wake makes a running runner look for work now. It never blocks.
func (r *Runner) Wake() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// Run sends until ctx ends: what is due, then whenever woken, and every
// two seconds.
func (r *Runner) Run(ctx context.Context) {
	poll := time.NewTicker(pollEvery)
	defer poll.Stop()
	for {
		if _, err := r.Drain(ctx); err != nil && ctx.Err() == nil {
			r.log.ErrorContext(ctx, "outbound: send the queued messages; retrying", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-r.wake:
		case <-poll.C:
		}
	}
}

// Drain attempts every message due now, once, and says how many it
// attempted.
func (r *Runner) Drain(ctx context.Context) (int, error) {
	n := 0
	for ctx.Err() == nil {
		d, err := r.take(ctx)
		if err != nil || d == nil {
			return n, err
		}
		n++
		if err := r.attempt(ctx, d); err != nil {
			return n, err
		}
	}
	return n, ctx.Err()
}

// take claims the next due delivery: marks it SENDING, one attempt more,
// leased, and commits that before anything is sent, so another sender
// leaves it alone and a sender that dies mid-attempt hands it on when the
// lease ends.
func (r *Runner) take(ctx context.Context) (*ent.OutboundMessage, error) {
	ctx = access.Bypass(ctx)
	now := r.now()
	tx, err := r.client.Tx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	channels := make([]outboundmessage.Channel, 0, len(r.senders))
	for c := range r.senders {
		channels = append(channels, c)
	}
	q := tx.OutboundMessage.Query().
		Where(outboundmessage.StatusIn(outboundmessage.StatusPENDING, outboundmessage.StatusSENDING),
			outboundmessage.NextAttemptAtLTE(now),
			outboundmessage.ChannelIn(channels...)).
		Order(ent.Asc(outboundmessage.FieldNextAttemptAt), ent.Asc(outboundmessage.FieldID))
	if r.postgres {
		q.ForUpdate(entsql.WithLockAction(entsql.SkipLocked))
	}
	d, err := q.First(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if d, err = d.Update().
		SetStatus(outboundmessage.StatusSENDING).
		AddAttempts(1).
		SetLastAttemptAt(now).
		SetNextAttemptAt(now.Add(lease)).
		Save(ctx); err != nil {
		return nil, err
	}
	return d, tx.Commit()
}

// attempt sends d and records how it went: SENT, or PENDING again after a
// backoff, or FAILED once it has been tried for a day. The record is
// written only if d is still this attempt's (its lease did not pass to
// another sender meanwhile).
func (r *Runner) attempt(ctx context.Context, d *ent.OutboundMessage) error {
	attemptCtx, cancel := context.WithTimeout(ctx, Timeout)
	sendErr := r.senders[d.Channel].Send(attemptCtx, Message{Channel: d.Channel, User: userOf(d), To: d.To,
		Subject: d.Subject, Text: d.Text, HTML: d.HTML, Link: d.Link})
	cancel()
	if sendErr != nil && ctx.Err() != nil {
		return ctx.Err() // shutting down: the lease hands it on
	}
	now := r.now()
	u := r.client.OutboundMessage.Update().Where(
		outboundmessage.ID(d.ID),
		outboundmessage.StatusEQ(outboundmessage.StatusSENDING),
		outboundmessage.Attempts(d.Attempts))
	switch {
	case sendErr == nil:
		u.SetStatus(outboundmessage.StatusSENT).SetSentAt(now).SetLastError("")
	case now.Sub(d.CreatedAt) >= GiveUpAfter:
		r.log.ErrorContext(ctx, "outbound: gave up a message", "key", d.Key, "attempts", d.Attempts, "err", sendErr)
		u.SetStatus(outboundmessage.StatusFAILED).SetLastError(truncate(sendErr.Error()))
	default:
		r.log.WarnContext(ctx, "outbound: a message was not sent; retrying", "key", d.Key, "attempts", d.Attempts, "err", sendErr)
		u.SetStatus(outboundmessage.StatusPENDING).
			SetNextAttemptAt(now.Add(Backoff(d.Attempts))).
			SetLastError(truncate(sendErr.Error()))
	}
	return u.Exec(access.Bypass(ctx))
}

func userOf(d *ent.OutboundMessage) int {
	if d.UserID == nil {
		return 0
	}
	return *d.UserID
}

// Backoff is the wait after the attempts-th failed attempt: a minute,
// doubling, at most an hour.
func Backoff(attempts int) time.Duration {
	d := firstRetry
	for i := 1; i < attempts && d < lastRetry; i++ {
		d *= 2
	}
	return min(d, lastRetry)
}

// truncate keeps an error to what the record holds, cut between
// characters.
func truncate(s string) string {
	if len(s) <= 1000 {
		return s
	}
	s = s[:997]
	for !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s + "..."
}
