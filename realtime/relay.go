package realtime

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"entgo.io/ent/dialect"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/event"
	"github.com/dealerline/dealerline/ent/hook"
)

// Relay numbers committed events and publishes them, in that order, to the
// Hub; and prunes the outbox past the retention window.
//
// Why numbering after commit: in PostgreSQL, ids are taken when a row is
// inserted, and transactions commit in another order, so a reader of
// "id > last" could pass a row whose transaction commits late, and lose it.
// The relay sees committed rows only, and gives each the next number from
// the EventSequence row, locked (FOR UPDATE) for the length of its
// transaction: cursor order is the order of publication, with no gaps. A
// change locks its order row before recording, so two events of one order
// are inserted, and numbered, in the order they happened. SQLite has one
// writer at a time, so there id order is commit order already; the relay
// runs the same way on both, so both are tested alike.
//
// Each instance runs a relay. With several instances on one database, the
// relays number events in turn (the row lock) and each publishes only what
// it numbered; every hub reads the events numbered elsewhere from the
// outbox (catchUp), at the latest when its relay polls, every second. An
// elected relay and Redis fan-out, for prompt delivery across instances,
// are the cluster's work, not yet this package's.
type Relay struct {
	client    *ent.Client
	postgres  bool
	hub       *Hub
	retention time.Duration
	log       *slog.Logger

	wake chan struct{}
	now  func() time.Time
}

// Relay settings.
const (
	relayBatch = 500
	// pollEvery catches events whose commit did not wake the relay, e.g.
	// written by another process.
	pollEvery  = time.Second
	pruneEvery = 10 * time.Minute
)

// NewRelay returns a relay over client (of dialect) that publishes to hub and
// keeps events for retention. Call Watch before the client serves requests.
func NewRelay(client *ent.Client, dialectName string, hub *Hub, retention time.Duration, log *slog.Logger) *Relay {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Relay{
		client:    client,
		postgres:  dialectName == dialect.Postgres,
		hub:       hub,
		retention: retention,
		log:       log,
		wake:      make(chan struct{}, 1),
		now:       time.Now,
	}
}

// Watch makes every transaction that records an event wake the relay once
// it has committed (ent's commit hook runs around the commit; the wake-up
// follows it). It installs a hook on client, so call it before the client is
// used concurrently.
func (r *Relay) Watch() {
	r.client.Event.Use(func(next ent.Mutator) ent.Mutator {
		return hook.EventFunc(func(ctx context.Context, m *ent.EventMutation) (ent.Value, error) {
			v, err := next.Mutate(ctx, m)
			if err != nil || !m.Op().Is(ent.OpCreate) {
				return v, err
			}
			tx, txErr := m.Tx()
			if txErr != nil {
				r.Wake() // not in a transaction: already committed
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

// Wake makes the relay look for committed events now. It never blocks.
func (r *Relay) Wake() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// Run publishes events as they commit, and prunes on schedule, until ctx
// ends.
func (r *Relay) Run(ctx context.Context) {
	poll := time.NewTicker(pollEvery)
	defer poll.Stop()
	prune := time.NewTicker(pruneEvery)
	defer prune.Stop()
	r.pruneLogged(ctx)
	for {
		if _, err := r.Publish(ctx); err != nil && ctx.Err() == nil {
			r.log.ErrorContext(ctx, "publish events", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-r.wake:
		case <-poll.C:
		case <-prune.C:
			r.pruneLogged(ctx)
		}
	}
}

func (r *Relay) pruneLogged(ctx context.Context) {
	if n, err := r.Prune(ctx); err != nil && ctx.Err() == nil {
		r.log.ErrorContext(ctx, "prune events", "err", err)
	} else if n > 0 {
		r.log.DebugContext(ctx, "pruned events", "count", n)
	}
}

// Publish numbers the committed events not yet numbered and hands them to
// the hub, until none is left; first, and last, it hands over the events
// numbered by someone else (another instance's relay) that the hub has not
// had, read from the outbox. It returns how many events it published.
func (r *Relay) Publish(ctx context.Context) (int, error) {
	total := 0
	for {
		batch, err := r.number(ctx)
		if err != nil {
			return total, err
		}
		if len(batch) == 0 {
			break
		}
		n, err := r.catchUp(ctx, batch[0].Seq-1)
		if err != nil {
			return total, err
		}
		r.hub.Publish(ctx, batch)
		total += n + len(batch)
	}
	seq, err := r.client.EventSequence.Query().Only(system(ctx))
	if err != nil {
		return total, err
	}
	n, err := r.catchUp(ctx, seq.LastSeq)
	return total + n, err
}

// catchUp hands the hub the numbered events it has not had, up to through.
// With one relay there are none; with several (several instances on one
// database), each hub reads the others' from the outbox, so every
// subscriber hears every event, in order, within a poll.
func (r *Relay) catchUp(ctx context.Context, through int64) (int, error) {
	total := 0
	for last := r.hub.last.Load(); last < through; last = r.hub.last.Load() {
		rows, err := r.client.Event.Query().
			Where(event.SeqGT(last), event.SeqLTE(through)).
			Order(ent.Asc(event.FieldSeq)).
			Limit(relayBatch).
			All(system(ctx))
		if err != nil || len(rows) == 0 {
			return total, err // none: pruned meanwhile; the hub drops its subscribers at the gap
		}
		batch := make([]*Event, len(rows))
		for i, row := range rows {
			batch[i] = fromEnt(row)
		}
		r.hub.Publish(ctx, batch)
		total += len(batch)
	}
	return total, nil
}

// number gives the next batch of committed, unnumbered events their
// delivery numbers, in one transaction under the EventSequence row lock.
func (r *Relay) number(ctx context.Context) ([]*Event, error) {
	ctx = system(ctx)
	tx, err := r.client.Tx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	seq, err := r.lockSequence(ctx, tx)
	if err != nil {
		return nil, err
	}
	rows, err := tx.Event.Query().
		Where(event.SeqIsNil()).
		Order(ent.Asc(event.FieldID)).
		Limit(relayBatch).
		All(ctx)
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	batch := make([]*Event, len(rows))
	last := seq.LastSeq
	for i, row := range rows {
		last++
		if err := tx.Event.Update().Where(event.ID(row.ID)).SetSeq(last).Exec(ctx); err != nil {
			return nil, fmt.Errorf("number event %d: %w", row.ID, err)
		}
		batch[i] = fromEnt(row)
		batch[i].Seq = last
	}
	if err := tx.EventSequence.UpdateOneID(seq.ID).SetLastSeq(last).Exec(ctx); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return batch, nil
}

// lockSequence reads the EventSequence row, locked for the transaction.
// SQLite needs no row lock: its transactions take the write lock at BEGIN.
func (r *Relay) lockSequence(ctx context.Context, tx *ent.Tx) (*ent.EventSequence, error) {
	q := tx.EventSequence.Query()
	if r.postgres {
		q.ForUpdate()
	}
	return q.Only(ctx)
}

// Prune deletes the events older than the retention window and records the
// highest delivery number deleted: a cursor below it is CURSOR_EXPIRED.
func (r *Relay) Prune(ctx context.Context) (int, error) {
	ctx = system(ctx)
	tx, err := r.client.Tx(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	seq, err := r.lockSequence(ctx, tx)
	if err != nil {
		return 0, err
	}
	var through []struct {
		Max *int64 `json:"max"`
	}
	err = tx.Event.Query().
		Where(event.SeqNotNil(), event.CreatedAtLT(r.now().Add(-r.retention))).
		Aggregate(ent.Max(event.FieldSeq)).
		Scan(ctx, &through)
	if err != nil {
		return 0, err
	}
	if len(through) == 0 || through[0].Max == nil || *through[0].Max <= seq.PrunedThrough {
		return 0, nil
	}
	n, err := tx.Event.Delete().Where(event.SeqLTE(*through[0].Max)).Exec(ctx)
	if err != nil {
		return 0, err
	}
	if err := tx.EventSequence.UpdateOneID(seq.ID).SetPrunedThrough(*through[0].Max).Exec(ctx); err != nil {
		return 0, err
	}
	return n, tx.Commit()
}

// Prepare makes sure the EventSequence row exists, and returns the last
// delivery number given. Run it once at start, before the relay and hub.
func Prepare(ctx context.Context, client *ent.Client) (lastSeq int64, err error) {
	ctx = system(ctx)
	seq, err := client.EventSequence.Query().Only(ctx)
	if ent.IsNotFound(err) {
		seq, err = client.EventSequence.Create().Save(ctx)
	}
	if err != nil {
		return 0, fmt.Errorf("prepare the event sequence: %w", err)
	}
	return seq.LastSeq, nil
}
