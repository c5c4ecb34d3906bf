package mail

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
	"github.com/dealerline/dealerline/ent/emaildelivery"
	"github.com/dealerline/dealerline/ent/hook"
)

// Delivery settings.
const (
	// GiveUpAfter is how long a delivery is retried before it is FAILED.
	GiveUpAfter = 24 * time.Hour
	// lease is how long one attempt may take before another sender takes
	// the delivery over (its sender died mid-attempt): longer than Timeout.
	lease = 2 * Timeout
	// firstRetry doubles with each failed attempt, up to lastRetry.
	firstRetry = time.Minute
	lastRetry  = time.Hour
	pollEvery  = 2 * time.Second
)

// Queue records that m is to be sent, under key (what it is for: one key
// is mailed once), through db — the client of the transaction that makes
// the change it tells of, so it is sent only if that commits. A key
// already queued is left as it is.
func Queue(ctx context.Context, db *ent.Client, key string, userID int, m Message) error {
	c := db.EmailDelivery.Create().
		SetKey(key).
		SetTo(m.To).
		SetSubject(m.Subject).
		SetText(m.Text).
		SetHTML(m.HTML)
	if userID != 0 {
		c.SetUserID(userID)
	}
	err := c.OnConflictColumns(emaildelivery.FieldKey).DoNothing().Exec(access.Bypass(ctx))
	if errors.Is(err, sql.ErrNoRows) {
		return nil // PostgreSQL returns no id for a row it did not insert
	}
	return err
}

// Runner sends the queued e-mails. Several may run on one database (one
// per instance): each delivery is taken by one of them at a time.
type Runner struct {
	client   *ent.Client
	postgres bool
	send     Sender
	log      *slog.Logger
	now      func() time.Time
	wake     chan struct{}
}

// NewRunner returns a runner over client (of the dialect named) sending
// through send.
func NewRunner(client *ent.Client, dialectName string, send Sender, log *slog.Logger) *Runner {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Runner{client: client, postgres: dialectName == dialect.Postgres, send: send, log: log,
		now: time.Now, wake: make(chan struct{}, 1)}
}

// SetClock makes the runner read the time from now (tests).
func (r *Runner) SetClock(now func() time.Time) { r.now = now }

// Watch makes every transaction of writers that queues an e-mail wake the
// runner once it has committed. Call it before writers is used
// concurrently.
func (r *Runner) Watch(writers *ent.Client) {
	writers.EmailDelivery.Use(func(next ent.Mutator) ent.Mutator {
		return hook.EmailDeliveryFunc(func(ctx context.Context, m *ent.EmailDeliveryMutation) (ent.Value, error) {
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
			r.log.ErrorContext(ctx, "mail: send the queued e-mails; retrying", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-r.wake:
		case <-poll.C:
		}
	}
}

// Drain attempts every delivery due now, once, and says how many it
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
func (r *Runner) take(ctx context.Context) (*ent.EmailDelivery, error) {
	ctx = access.Bypass(ctx)
	now := r.now()
	tx, err := r.client.Tx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	q := tx.EmailDelivery.Query().
		Where(emaildelivery.StatusIn(emaildelivery.StatusPENDING, emaildelivery.StatusSENDING),
			emaildelivery.NextAttemptAtLTE(now)).
		Order(ent.Asc(emaildelivery.FieldNextAttemptAt), ent.Asc(emaildelivery.FieldID))
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
		SetStatus(emaildelivery.StatusSENDING).
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
func (r *Runner) attempt(ctx context.Context, d *ent.EmailDelivery) error {
	sendErr := r.send.Send(ctx, Message{To: d.To, Subject: d.Subject, Text: d.Text, HTML: d.HTML})
	if sendErr != nil && ctx.Err() != nil {
		return ctx.Err() // shutting down: the lease hands it on
	}
	now := r.now()
	u := r.client.EmailDelivery.Update().Where(
		emaildelivery.ID(d.ID),
		emaildelivery.StatusEQ(emaildelivery.StatusSENDING),
		emaildelivery.Attempts(d.Attempts))
	switch {
	case sendErr == nil:
		u.SetStatus(emaildelivery.StatusSENT).SetSentAt(now).SetLastError("")
	case now.Sub(d.CreatedAt) >= GiveUpAfter:
		r.log.ErrorContext(ctx, "mail: gave up an e-mail", "key", d.Key, "to", d.To, "attempts", d.Attempts, "err", sendErr)
		u.SetStatus(emaildelivery.StatusFAILED).SetLastError(truncate(sendErr.Error()))
	default:
		r.log.WarnContext(ctx, "mail: an e-mail was not sent; retrying", "key", d.Key, "attempts", d.Attempts, "err", sendErr)
		u.SetStatus(emaildelivery.StatusPENDING).
			SetNextAttemptAt(now.Add(Backoff(d.Attempts))).
			SetLastError(truncate(sendErr.Error()))
	}
	return u.Exec(access.Bypass(ctx))
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
