package realtime

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"entgo.io/ent/dialect"
	"github.com/jackc/pgx/v5"

	"github.com/dealerline/dealerline/access"
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
// Each instance runs a relay. On PostgreSQL with Elect, one of them at a
// time leads: it holds an advisory lock on a connection of its own, LISTENs
// there for the NOTIFY sent after each commit on the other instances, numbers
// and publishes; the others follow, handing their hubs the events the
// leader numbered, from the Stream when there is one and from the outbox
// (catchUp) at every poll. Correctness does not rest on the election: the
// row lock keeps numbering gapless and in commit order even if two relays
// number at once (say, a leader cut off that has not noticed yet), and
// every hub fills what it missed from the outbox.
type Relay struct {
	client    *ent.Client
	postgres  bool
	hub       *Hub
	retention time.Duration
	log       *slog.Logger

	connect func(context.Context) (*pgx.Conn, error) // Elect's; nil: every relay numbers
	stream  *Stream                                  // SetStream's; nil: no fan-out beyond the outbox
	leading atomic.Bool

	deliver sync.Mutex // one hand-over to the hub at a time: gap fill, then the batch
	wake    chan struct{}
	notify  chan struct{} // PostgreSQL: commits for the leader to hear of
	now     func() time.Time
}

// Relay settings.
const (
	relayBatch = 500
	// pollEvery catches events whose commit did not wake the relay, e.g.
	// written by another process.
	pollEvery = time.Second
	// pollEveryStreaming is the poll of a follower whose Stream is
	// healthy: the stream delivers; the poll is the safety net.
	pollEveryStreaming = 5 * time.Second
	// electEvery is how often a follower asks for the relay lock: the
	// longest a dead leader goes unreplaced, once PostgreSQL has noticed.
	electEvery = time.Second
	pruneEvery = 10 * time.Minute
)

// relayLock is the PostgreSQL advisory lock key the leading relay holds.
const relayLock int64 = 0x6465616c72656c // "dealrel"

// NotifyChannel is the channel of the NOTIFY that wakes the leading relay:
// sent after a transaction that recorded an event has committed (see
// Watch), never from inside it, and so never for a rollback.
const NotifyChannel = "dealerline_events"

// Elect makes the relay one of several on one PostgreSQL database: only the
// holder of the relay lock, taken on a connection from connect (dedicated,
// not pooled: the lock lives as long as that session), numbers events. Call
// it before Run.
func (r *Relay) Elect(connect func(context.Context) (*pgx.Conn, error)) { r.connect = connect }

// SetStream makes the leader add every event it numbers to s, and every
// relay hand its hub what s carries. Call it before Run.
func (r *Relay) SetStream(s *Stream) { r.stream = s }

// Leading reports whether this relay holds the relay lock (always true
// without Elect).
func (r *Relay) Leading() bool { return r.connect == nil || r.leading.Load() }

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
		notify:    make(chan struct{}, 1),
		now:       time.Now,
	}
}

// Watch makes every transaction of writers (the client requests go
// through; often the relay's own) that records an event wake the relay once
// it has committed (ent's commit hook runs around the commit; the wake-up
// follows it), and, on PostgreSQL, NOTIFY the leading relay when it is on
// another instance. It installs a hook on writers, so call it before
// writers is used concurrently.
//
// The NOTIFY is sent after the commit, not in the transaction: PostgreSQL
// serialises the commits of notifying transactions on one lock, held
// through each one's WAL flush, which capped writes at a few hundred a
// second. Sent apart and coalesced (notifyLeader), it costs the writers
// nothing; a NOTIFY lost in a crash is made up by the leader's poll.
func (r *Relay) Watch(writers *ent.Client) {
	writers.Event.Use(func(next ent.Mutator) ent.Mutator {
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
						if r.postgres && !r.Leading() {
							r.wakeLeader()
						}
					}
					return err
				})
			})
			return v, err
		})
	})
}

// wakeLeader asks notifyLeader for a NOTIFY. It never blocks: commits
// while one is pending share it.
func (r *Relay) wakeLeader() {
	select {
	case r.notify <- struct{}{}:
	default:
	}
}

// notifyLeader sends the NOTIFYs wakeLeader asks for, one at a time, each
// in a transaction that waits for no WAL flush: it carries no data.
func (r *Relay) notifyLeader(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-r.notify:
		}
		err := func() error {
			tx, err := r.client.Tx(ctx)
			if err != nil {
				return err
			}
			defer tx.Rollback()
			if _, err := tx.ExecContext(ctx, "SET LOCAL synchronous_commit = off"); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, "SELECT pg_notify($1, '')", NotifyChannel); err != nil {
				return err
			}
			return tx.Commit()
		}()
		if err != nil && ctx.Err() == nil {
			r.log.WarnContext(ctx, "notify the relay; it will poll", "err", err)
		}
	}
}

// Wake makes the relay look for committed events now. It never blocks.
func (r *Relay) Wake() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// Run publishes events as they commit, and prunes on schedule, until ctx
// ends. With Elect, it leads while it holds the relay lock, and follows
// otherwise; with a Stream, it also hands the hub what the stream carries.
func (r *Relay) Run(ctx context.Context) {
	if r.postgres {
		done := make(chan struct{})
		defer func() { <-done }()
		go func() { defer close(done); r.notifyLeader(ctx) }()
	}
	if r.stream != nil {
		done := make(chan struct{})
		defer func() { <-done }()
		go func() { defer close(done); r.stream.follow(ctx, r) }()
	}
	if r.connect == nil {
		r.runAlone(ctx)
		return
	}
	for ctx.Err() == nil {
		r.campaign(ctx)
	}
}

// runAlone is the relay of the only instance (or of SQLite): it numbers what
// commits, woken by the commit hook.
func (r *Relay) runAlone(ctx context.Context) {
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

// campaign follows until it takes the relay lock, then leads until it loses
// its connection (and with it the lock) or ctx ends.
func (r *Relay) campaign(ctx context.Context) {
	conn, err := r.connect(ctx)
	if err != nil {
		if ctx.Err() == nil {
			r.log.WarnContext(ctx, "relay: connect for the relay lock", "err", err)
		}
		r.followFor(ctx, electEvery)
		return
	}
	defer conn.Close(context.WithoutCancel(ctx)) // releases the lock
	for ctx.Err() == nil {
		var got bool
		if err := conn.QueryRow(ctx, "SELECT pg_try_advisory_lock($1)", relayLock).Scan(&got); err != nil {
			if ctx.Err() == nil {
				r.log.WarnContext(ctx, "relay: ask for the relay lock", "err", err)
			}
			return
		}
		if got {
			r.lead(ctx, conn)
			return
		}
		r.followFor(ctx, electEvery)
	}
}

// followFor hands the hub what others numbered, for d.
func (r *Relay) followFor(ctx context.Context, d time.Duration) {
	deadline := time.NewTimer(d)
	defer deadline.Stop()
	for {
		every := pollEvery
		if r.stream != nil && r.stream.Healthy() {
			every = pollEveryStreaming
		}
		if _, err := r.CatchUp(ctx); err != nil && ctx.Err() == nil {
			r.log.ErrorContext(ctx, "relay: read events numbered elsewhere", "err", err)
		}
		poll := time.NewTimer(every)
		select {
		case <-ctx.Done():
			poll.Stop()
			return
		case <-deadline.C:
			poll.Stop()
			return
		case <-poll.C:
		}
	}
}

// lead numbers and publishes events as they commit, woken by NOTIFY on
// conn, which holds the relay lock, until conn fails or ctx ends.
func (r *Relay) lead(ctx context.Context, conn *pgx.Conn) {
	if _, err := conn.Exec(ctx, "LISTEN "+NotifyChannel); err != nil {
		if ctx.Err() == nil {
			r.log.WarnContext(ctx, "relay: listen", "err", err)
		}
		return
	}
	r.leading.Store(true)
	defer r.leading.Store(false)
	r.log.InfoContext(ctx, "relay: leading")

	notified := make(chan struct{}, 1)
	lost := make(chan error, 1)
	listenCtx, stop := context.WithCancel(ctx)
	defer stop()
	go func() {
		for {
			if _, err := conn.WaitForNotification(listenCtx); err != nil {
				lost <- err
				return
			}
			select {
			case notified <- struct{}{}:
			default:
			}
		}
	}()
	defer func() { stop(); <-lost }() // the listener has let go of conn

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
		case err := <-lost:
			lost <- err // for the deferred wait
			if ctx.Err() == nil {
				r.log.WarnContext(ctx, "relay: lost the relay lock's connection; following", "err", err)
			}
			return
		case <-notified: // commits on other instances
		case <-r.wake: // commits here
		case <-poll.C:
		case <-prune.C:
			r.pruneLogged(ctx)
		}
	}
}

// CatchUp hands the hub the events numbered so far that it has not had,
// read from the outbox: what a follower does at every poll.
func (r *Relay) CatchUp(ctx context.Context) (int, error) {
	seq, err := r.client.EventSequence.Query().Only(access.Bypass(ctx))
	if err != nil {
		return 0, err
	}
	r.deliver.Lock()
	defer r.deliver.Unlock()
	return r.catchUp(ctx, seq.LastSeq)
}

// handOver gives the hub batch (consecutive numbered events), first filling
// from the outbox any gap between what it has had and the batch.
func (r *Relay) handOver(ctx context.Context, batch []*Event) (int, error) {
	r.deliver.Lock()
	defer r.deliver.Unlock()
	n, err := r.catchUp(ctx, batch[0].Seq-1)
	if err != nil {
		return n, err
	}
	r.hub.Publish(ctx, batch)
	return n + len(batch), nil
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
		n, err := r.handOver(ctx, batch)
		total += n
		if err != nil {
			return total, err
		}
		if r.stream != nil {
			// Redis down delays the other instances (they poll the
			// outbox meanwhile); it never fails the relay.
			if err := r.stream.add(ctx, batch); err != nil && ctx.Err() == nil {
				r.log.WarnContext(ctx, "relay: add events to the stream", "err", err)
			}
		}
	}
	n, err := r.CatchUp(ctx)
	return total + n, err
}

// catchUp hands the hub the numbered events it has not had, up to through.
// With one relay there are none; with several (several instances on one
// database), each hub reads the others' from the outbox, so every
// subscriber hears every event, in order, within a poll. The caller holds
// r.deliver.
func (r *Relay) catchUp(ctx context.Context, through int64) (int, error) {
	total := 0
	for last := r.hub.last.Load(); last < through; last = r.hub.last.Load() {
		rows, err := r.client.Event.Query().
			Where(event.SeqGT(last), event.SeqLTE(through)).
			Order(ent.Asc(event.FieldSeq)).
			Limit(relayBatch).
			All(access.Bypass(ctx))
		if err != nil || len(rows) == 0 {
			return total, err // none: pruned meanwhile; the hub drops its subscribers at the gap
		}
		batch := make([]*Event, len(rows))
		for i, row := range rows {
			batch[i] = FromRow(row)
		}
		r.hub.Publish(ctx, batch)
		total += len(batch)
	}
	return total, nil
}

// number gives the next batch of committed, unnumbered events their
// delivery numbers, in one transaction under the EventSequence row lock.
func (r *Relay) number(ctx context.Context) ([]*Event, error) {
	ctx = access.Bypass(ctx)
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
		batch[i] = FromRow(row)
		batch[i].Seq = last
	}
	if err := r.setSeqs(ctx, tx, rows, seq.LastSeq+1); err != nil {
		return nil, err
	}
	if err := tx.EventSequence.UpdateOneID(seq.ID).SetLastSeq(last).Exec(ctx); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return batch, nil
}

// setSeqs writes the batch's delivery numbers in one statement: a
// statement per event made numbering, not the writers, the limit on events
// a second. The ids are the rows read, not a range: a row with a lower id
// may commit meanwhile, unnumbered, for the next batch.
func (r *Relay) setSeqs(ctx context.Context, tx *ent.Tx, rows []*ent.Event, first int64) error {
	var q strings.Builder
	args := make([]any, 0, 3*len(rows))
	arg := func(v any) string {
		args = append(args, v)
		if r.postgres {
			return "$" + strconv.Itoa(len(args))
		}
		return "?"
	}
	fmt.Fprintf(&q, "UPDATE %s SET %s = CASE %s", event.Table, event.FieldSeq, event.FieldID)
	for i, row := range rows {
		id := arg(row.ID) // placeholders in the order they appear: SQLite's are positional
		seq := arg(first + int64(i))
		if r.postgres {
			seq += "::bigint" // else PostgreSQL takes the CASE's type from the untyped parameters: text
		}
		fmt.Fprintf(&q, " WHEN %s THEN %s", id, seq)
	}
	fmt.Fprintf(&q, " END WHERE %s IN (", event.FieldID)
	for i, row := range rows {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString(arg(row.ID))
	}
	q.WriteString(")")
	res, err := tx.ExecContext(ctx, q.String(), args...)
	if err != nil {
		return fmt.Errorf("number events: %w", err)
	}
	if n, err := res.RowsAffected(); err == nil && n != int64(len(rows)) {
		return fmt.Errorf("number events: %d of %d rows updated", n, len(rows))
	}
	return nil
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
	ctx = access.Bypass(ctx)
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
	ctx = access.Bypass(ctx)
	seq, err := client.EventSequence.Query().Only(ctx)
	if ent.IsNotFound(err) {
		seq, err = client.EventSequence.Create().Save(ctx)
	}
	if err != nil {
		return 0, fmt.Errorf("prepare the event sequence: %w", err)
	}
	return seq.LastSeq, nil
}
