// Package feed reads the outbox (DESIGN.md §5) for the work that leaves the
// process when something happens: the notification inbox, e-mail, web push,
// webhooks. A Reader is named; it takes the committed events after its
// position, in delivery order, and its handler writes what it makes of them
// in the same transaction that moves the position. So each event is handled
// exactly once, whatever restarts, and in a cluster the row lock on the
// position lets one instance at a time take a batch.
//
// A handler only records (a notification, a delivery to make); sending
// happens after commit, from those records, so a slow or failing receiver
// never holds the outbox back.
package feed

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"entgo.io/ent/dialect"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/event"
	"github.com/dealerline/dealerline/ent/feedposition"
	"github.com/dealerline/dealerline/realtime"
)

// Settings of every reader.
const (
	// Batch is how many events one step hands its handler.
	Batch = 200
	// pollEvery finds events published on another instance whose hub did
	// not wake this one, and retries a failed step.
	pollEvery = time.Second
)

// Handler makes what it will of events, in delivery order, writing through
// tx. Returning an error rolls back the batch: the same events come again.
// A handler must not send anything outside the database.
type Handler func(ctx context.Context, tx *ent.Tx, events []*realtime.Event) error

// Reader is one named reader of the outbox.
type Reader struct {
	name     string
	client   *ent.Client
	postgres bool
	handle   Handler
	log      *slog.Logger
	wake     chan struct{}
}

// New returns the reader called name (its position's key: keep it once
// chosen) over client, of the dialect named, handing events to handle. A
// reader new to the database starts at the newest event: it does not
// handle what happened before it existed.
func New(name string, client *ent.Client, dialectName string, handle Handler, log *slog.Logger) *Reader {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Reader{
		name:     name,
		client:   client,
		postgres: dialectName == dialect.Postgres,
		handle:   handle,
		log:      log.With("reader", name),
		wake:     make(chan struct{}, 1),
	}
}

// Wake makes a running reader step at once: call it when events have been
// published (realtime.Hub.OnPublished). It never blocks.
func (r *Reader) Wake() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// Run steps until ctx ends: at once, then whenever woken, and every second.
func (r *Reader) Run(ctx context.Context) {
	poll := time.NewTicker(pollEvery)
	defer poll.Stop()
	for {
		if _, err := r.Drain(ctx); err != nil && ctx.Err() == nil {
			r.log.ErrorContext(ctx, "feed: handle events; retrying", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-r.wake:
		case <-poll.C:
		}
	}
}

// Drain steps until no event is left after the position, and says how
// many events it handled.
func (r *Reader) Drain(ctx context.Context) (int, error) {
	total := 0
	for {
		n, err := r.Step(ctx)
		total += n
		if err != nil || n < Batch {
			return total, err
		}
	}
}

// Step hands the next batch after the position to the handler and moves
// the position past it, in one transaction; it says how many events it
// handled.
func (r *Reader) Step(ctx context.Context) (int, error) {
	ctx = access.Bypass(ctx)
	tx, err := r.client.Tx(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	pos, err := r.position(ctx, tx)
	if err != nil {
		return 0, err
	}
	rows, err := tx.Event.Query().
		Where(event.SeqGT(pos.LastSeq)).
		Order(ent.Asc(event.FieldSeq)).
		Limit(Batch).
		All(ctx)
	if err != nil {
		return 0, err
	}
	if len(rows) == 0 {
		return 0, tx.Commit() // keeps a position created by this step
	}
	if first := *rows[0].Seq; first != pos.LastSeq+1 {
		// Delivery numbers have no gaps: these were pruned while nobody read.
		r.log.WarnContext(ctx, "feed: events were pruned before they were handled", "after", pos.LastSeq, "next", first)
	}
	events := make([]*realtime.Event, len(rows))
	for i, row := range rows {
		events[i] = realtime.FromRow(row)
	}
	if err := r.handle(ctx, tx, events); err != nil {
		return 0, err
	}
	if err := pos.Update().SetLastSeq(events[len(events)-1].Seq).Exec(ctx); err != nil {
		return 0, err
	}
	return len(events), tx.Commit()
}

// position reads the reader's position, locked for the transaction, and
// creates it at the newest event the first time.
func (r *Reader) position(ctx context.Context, tx *ent.Tx) (*ent.FeedPosition, error) {
	return Lock(ctx, tx.Client(), r.postgres, r.name, func() (int64, error) {
		seq, err := tx.EventSequence.Query().Only(ctx)
		if err != nil {
			return 0, err
		}
		return seq.LastSeq, nil
	})
}

// Lock reads the named position row locked for db's transaction, creating
// it at first() when it is missing. Holding it makes one instance of a
// cluster at a time do the work the name stands for: a reader's batch, a
// daily pass. SQLite needs no row lock: its transactions take the write
// lock at BEGIN.
func Lock(ctx context.Context, db *ent.Client, postgres bool, name string, first func() (int64, error)) (*ent.FeedPosition, error) {
	q := db.FeedPosition.Query().Where(feedposition.Name(name))
	if postgres {
		q.ForUpdate()
	}
	pos, err := q.Only(ctx)
	if !ent.IsNotFound(err) {
		return pos, err
	}
	start, err := first()
	if err != nil {
		return nil, err
	}
	pos, err = db.FeedPosition.Create().SetName(name).SetLastSeq(start).Save(ctx)
	if ent.IsConstraintError(err) {
		// Another instance created it meanwhile: the next try reads it.
		return nil, fmt.Errorf("%s: the position was created concurrently; trying again", name)
	}
	return pos, err
}

// Position is the delivery number of the last event the reader handled,
// 0 before its first step.
func (r *Reader) Position(ctx context.Context) (int64, error) {
	pos, err := r.client.FeedPosition.Query().Where(feedposition.Name(r.name)).Only(access.Bypass(ctx))
	if ent.IsNotFound(err) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	return pos.LastSeq, nil
}
