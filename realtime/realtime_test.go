package realtime_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/realtime"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

// fixture is a hub and relay over a test database. The relay runs only when
// a test starts it; otherwise tests publish by hand, step by step.
type fixture struct {
	db    *store.DB
	hub   *realtime.Hub
	relay *realtime.Relay
}

func newFixture(t *testing.T, db *store.DB, limits realtime.Limits) *fixture {
	t.Helper()
	last, err := realtime.Prepare(context.Background(), db.Client)
	if err != nil {
		t.Fatal(err)
	}
	hub := realtime.NewHub(db.Client, last, limits, nil)
	relay := realtime.NewRelay(db.Client, db.Dialect, hub, 24*time.Hour, nil)
	relay.Watch(db.Client)
	return &fixture{db: db, hub: hub, relay: relay}
}

// run runs the relay until the test ends.
func (f *fixture) run(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); f.relay.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
}

// record records events in one committed transaction.
func (f *fixture) record(t *testing.T, events ...realtime.Event) {
	t.Helper()
	ctx := context.Background()
	tx, err := f.db.Client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range events {
		if err := realtime.Record(ctx, tx.Client(), e); err != nil {
			tx.Rollback()
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) publish(t *testing.T) int {
	t.Helper()
	n, err := f.relay.Publish(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func (f *fixture) subscribe(t *testing.T, filter realtime.Filter, after *string) *realtime.Subscription {
	t.Helper()
	s, err := f.hub.Subscribe(context.Background(), nil, filter, after)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// An order of dealer 11 (a sub-dealer of distributor 10) in channel 3,
// owned by manager 7; order 20 of dealer 12 (no parent) in channel 4.
var (
	subDealer = realtime.Audience{DealerID: 11, ParentDealerID: 10, ChannelID: 3, OwnerID: 7}
	other     = realtime.Audience{DealerID: 12, ChannelID: 4}
)

func statusEvent(order int, aud realtime.Audience, to string) realtime.Event {
	payload, _ := json.Marshal(map[string]string{"to": to})
	return realtime.Event{Kind: realtime.OrderStatusChanged, SubjectID: order, OrderID: order, Audience: aud, Payload: payload}
}

func all(keys ...realtime.Key) realtime.Filter {
	return realtime.Filter{Keys: keys, Kinds: []realtime.Kind{realtime.OrderStatusChanged}}
}

func next(t *testing.T, s *realtime.Subscription) *realtime.Event {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	e, err := s.Next(ctx)
	if err != nil {
		t.Fatalf("Next: %v", err)
	}
	return e
}

func nothingWaiting(t *testing.T, s *realtime.Subscription) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if e, err := s.Next(ctx); err == nil {
		t.Fatalf("unexpected event %d %s %s", e.Seq, e.Kind, e.Payload)
	}
}

func to(e *realtime.Event) string {
	var p struct{ To string }
	json.Unmarshal(e.Payload, &p)
	return p.To
}

func TestRecord_RefusesOutsideATransaction(t *testing.T) {
	db := storetest.Open(t)
	newFixture(t, db, realtime.DefaultLimits())
	err := realtime.Record(context.Background(), db.Client, statusEvent(1, other, "CONFIRMED"))
	if err == nil {
		t.Fatal("Record outside a transaction succeeded")
	}
}

func TestRelay_PublishesOnlyCommittedEventsAfterCommit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, realtime.DefaultLimits())
		admin := f.subscribe(t, all(realtime.AllKey()), nil)
		ctx := context.Background()

		// Rolled back: nothing, ever.
		tx, _ := db.Client.Tx(ctx)
		if err := realtime.Record(ctx, tx.Client(), statusEvent(1, other, "CONFIRMED")); err != nil {
			t.Fatal(err)
		}
		if db.Dialect == dialect.Postgres { // SQLite: the relay would wait for the writer
			if n := f.publish(t); n != 0 {
				t.Fatalf("published %d events of an uncommitted transaction", n)
			}
		}
		tx.Rollback()
		if n := f.publish(t); n != 0 {
			t.Fatalf("published %d events of a rolled-back transaction", n)
		}
		nothingWaiting(t, admin)

		// Committed: the commit wakes the running relay.
		f.run(t)
		f.record(t, statusEvent(1, other, "CONFIRMED"), statusEvent(1, other, "IN_FULFILLMENT"))
		for i, want := range []string{"CONFIRMED", "IN_FULFILLMENT"} {
			e := next(t, admin)
			if to(e) != want || e.Seq != int64(i+1) || e.Cursor() != fmt.Sprint(i+1) {
				t.Errorf("event %d: seq %d to %s, want seq %d to %s", i, e.Seq, to(e), i+1, want)
			}
		}
		if got := f.hub.Cursor(); got != "2" {
			t.Errorf("Cursor() = %s, want 2", got)
		}
	})
}

func TestHub_DeliversByAudience(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, realtime.DefaultLimits())
		dealer := f.subscribe(t, all(realtime.DealerKey(11)), nil)
		distributor := f.subscribe(t, all(realtime.DealerKey(10)), nil)
		stranger := f.subscribe(t, all(realtime.DealerKey(12)), nil)
		manager := f.subscribe(t, all(realtime.ChannelKey(99), realtime.OwnerKey(7)), nil)
		channelManager := f.subscribe(t, all(realtime.ChannelKey(3), realtime.OwnerKey(7)), nil)
		oneOrder := f.subscribe(t, realtime.Filter{Keys: []realtime.Key{realtime.AllKey()}, Kinds: []realtime.Kind{realtime.OrderStatusChanged}, OrderID: 20}, nil)

		f.record(t, statusEvent(1, subDealer, "CONFIRMED"))
		f.record(t, statusEvent(20, other, "CANCELLED"))
		f.publish(t)

		for name, s := range map[string]*realtime.Subscription{"dealer": dealer, "distributor": distributor, "owner": manager, "channel manager": channelManager} {
			if e := next(t, s); e.OrderID != 1 {
				t.Errorf("%s got order %d, want 1", name, e.OrderID)
			}
			nothingWaiting(t, s) // the channel manager owns it too: once, not twice
		}
		if e := next(t, stranger); e.OrderID != 20 {
			t.Errorf("dealer 12 got order %d", e.OrderID)
		}
		nothingWaiting(t, stranger)
		if e := next(t, oneOrder); e.OrderID != 20 {
			t.Errorf("orderID 20 got order %d", e.OrderID)
		}
		nothingWaiting(t, oneOrder)
	})
}

func TestHub_ResumesWithNoGapAndNoDuplicate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, realtime.DefaultLimits())
		f.record(t, statusEvent(1, subDealer, "CONFIRMED"))
		f.record(t, statusEvent(20, other, "CONFIRMED"))
		f.record(t, statusEvent(1, subDealer, "IN_FULFILLMENT"))
		f.publish(t)

		// Replayed: dealer 11's events after cursor 0, skipping order 20.
		after := "0"
		s := f.subscribe(t, all(realtime.DealerKey(11)), &after)
		if a, b := next(t, s), next(t, s); a.Seq != 1 || b.Seq != 3 {
			t.Fatalf("replayed %d, %d; want 1, 3", a.Seq, b.Seq)
		}
		// Then live.
		f.record(t, statusEvent(1, subDealer, "CANCELLED"))
		f.publish(t)
		if e := next(t, s); e.Seq != 4 || to(e) != "CANCELLED" {
			t.Fatalf("live event %d %s", e.Seq, to(e))
		}
		nothingWaiting(t, s)

		// Resuming after the last cursor seen gives nothing old.
		last := "4"
		again := f.subscribe(t, all(realtime.DealerKey(11)), &last)
		nothingWaiting(t, again)
	})
}

// Events committed while a subscriber replays and while it reconnects all
// arrive, once, in order.
func TestHub_ResumeUnderConcurrentPublishing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, realtime.Limits{QueueLen: 1000, MaxSubscriptions: 20})
		f.run(t)
		const total = 120
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range total {
				f.record(t, statusEvent(1+i%3, subDealer, fmt.Sprint(i)))
			}
		}()
		defer wg.Wait()

		var got []int64
		var after *string
		for len(got) < total {
			s, err := f.hub.Subscribe(context.Background(), nil, all(realtime.DealerKey(10)), after)
			if err != nil {
				t.Fatal(err)
			}
			// Read a few, then drop the connection and resume.
			for range 17 {
				if len(got) == total {
					break
				}
				e := next(t, s)
				got = append(got, e.Seq)
				after = new(e.Cursor())
			}
			s.Close()
		}
		for i, seq := range got {
			if seq != int64(i+1) {
				t.Fatalf("received %v; want 1..%d in order", got, total)
			}
		}
	})
}

// In PostgreSQL a transaction that took its id first may commit last. The
// relay numbers it when it commits, after the other, and a subscriber that
// resumes from the other's cursor still gets it.
func TestRelay_NumbersInCommitOrder(t *testing.T) {
	db := storetest.OpenPostgres(t)
	if db.Dialect != dialect.Postgres {
		t.Fatal("not PostgreSQL")
	}
	f := newFixture(t, db, realtime.DefaultLimits())
	ctx := context.Background()
	early, err := db.Client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer early.Rollback()
	if err := realtime.Record(ctx, early.Client(), statusEvent(1, subDealer, "EARLY")); err != nil {
		t.Fatal(err)
	}
	f.record(t, statusEvent(2, subDealer, "LATE")) // a larger id, committed first
	live := f.subscribe(t, all(realtime.AllKey()), nil)
	f.publish(t)
	first := next(t, live)
	if to(first) != "LATE" || first.Seq != 1 {
		t.Fatalf("first published: %s seq %d", to(first), first.Seq)
	}
	if err := early.Commit(); err != nil {
		t.Fatal(err)
	}
	f.publish(t)
	if e := next(t, live); to(e) != "EARLY" || e.Seq != 2 {
		t.Fatalf("second published: %s seq %d", to(e), e.Seq)
	}
	resumed := f.subscribe(t, all(realtime.AllKey()), new(first.Cursor()))
	if e := next(t, resumed); to(e) != "EARLY" {
		t.Fatalf("resumed after %s: %s", first.Cursor(), to(e))
	}
}

func TestHub_DropsASlowSubscriberWithoutDelayingOthers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, realtime.Limits{QueueLen: 4, MaxSubscriptions: 20})
		kicked := make(chan int, 1)
		conn := f.hub.Connect(1, func(code int, reason string) { kicked <- code })
		defer conn.Close()
		slow, err := f.hub.Subscribe(context.Background(), conn, all(realtime.AllKey()), nil)
		if err != nil {
			t.Fatal(err)
		}
		defer slow.Close()
		fast := f.subscribe(t, all(realtime.AllKey()), nil)

		for i := range 10 {
			f.record(t, statusEvent(1, other, fmt.Sprint(i)))
			f.publish(t)
			if e := next(t, fast); to(e) != fmt.Sprint(i) {
				t.Fatalf("fast subscriber got %s, want %d", to(e), i)
			}
		}
		select {
		case code := <-kicked:
			if code != realtime.CloseTryAgain {
				t.Errorf("closed with %d, want 1013", code)
			}
		default:
			t.Fatal("the slow subscriber's connection was not closed")
		}
		// What it had queued before falling behind may still be read, in
		// order; then it ends.
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		var seqs []int64
		for {
			e, err := slow.Next(ctx)
			if errors.Is(err, realtime.ErrTooSlow) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			seqs = append(seqs, e.Seq)
		}
		for i, s := range seqs {
			if s != int64(i+1) || i >= 4 {
				t.Fatalf("the slow subscriber read %v", seqs)
			}
		}
	})
}

func TestHub_ClosesTheConnectionsOfARevokedToken(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, realtime.DefaultLimits())
		kicked := map[int]chan int{1: make(chan int, 1), 2: make(chan int, 1)}
		for tok, ch := range kicked {
			c := f.hub.Connect(tok, func(code int, reason string) { ch <- code })
			defer c.Close()
		}
		admin := f.subscribe(t, all(realtime.AllKey()), nil)
		ctx := context.Background()
		tx, _ := db.Client.Tx(ctx)
		if err := realtime.RecordTokenRevoked(ctx, tx.Client(), 2); err != nil {
			t.Fatal(err)
		}
		tx.Commit()
		f.publish(t)
		select {
		case code := <-kicked[2]:
			if code != realtime.CloseSignedOut {
				t.Errorf("closed with %d, want 4403", code)
			}
		default:
			t.Error("the revoked token's connection is open")
		}
		select {
		case <-kicked[1]:
			t.Error("another token's connection was closed")
		default:
		}
		nothingWaiting(t, admin) // a system event, not for subscribers
	})
}

func TestHub_CapsSubscriptionsPerConnection(t *testing.T) {
	db := storetest.Open(t)
	f := newFixture(t, db, realtime.Limits{QueueLen: 4, MaxSubscriptions: 2})
	conn := f.hub.Connect(1, func(int, string) {})
	defer conn.Close()
	ctx := context.Background()
	a, err := f.hub.Subscribe(ctx, conn, all(realtime.AllKey()), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.hub.Subscribe(ctx, conn, all(realtime.AllKey()), nil); err != nil {
		t.Fatal(err)
	}
	if _, err := f.hub.Subscribe(ctx, conn, all(realtime.AllKey()), nil); apperr.CodeOf(err) != apperr.RateLimited {
		t.Fatalf("third subscription: %v, want RATE_LIMITED", err)
	}
	a.Close()
	if _, err := f.hub.Subscribe(ctx, conn, all(realtime.AllKey()), nil); err != nil {
		t.Fatalf("after closing one: %v", err)
	}
}

func TestHub_ExpiredAndUnknownCursors(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, realtime.DefaultLimits())
		old := realtime.Event(statusEvent(1, other, "OLD"))
		old.At = time.Now().Add(-25 * time.Hour)
		f.record(t, old)
		f.record(t, statusEvent(1, other, "NEW"))
		f.publish(t)
		if n, err := f.relay.Prune(context.Background()); err != nil || n != 1 {
			t.Fatalf("Prune = %d, %v; want 1 pruned", n, err)
		}
		for _, tc := range []struct {
			after string
			want  apperr.Code
		}{
			{"0", apperr.CursorExpired}, // event 1 is gone
			{"1", ""},
			{"2", ""},
			{"3", apperr.CursorExpired}, // never given out: another database's
			{"x", apperr.InvalidInput},
		} {
			_, err := f.hub.Subscribe(context.Background(), nil, all(realtime.AllKey()), &tc.after)
			if got := apperr.CodeOf(err); got != tc.want {
				t.Errorf("after %q: %v, want %q", tc.after, err, tc.want)
			}
		}
		s := f.subscribe(t, all(realtime.AllKey()), new("1"))
		if e := next(t, s); to(e) != "NEW" {
			t.Errorf("after 1: %s", to(e))
		}
	})
}

// Two instances on one database: each relay numbers what it finds, and each
// hub still hears every event, in order, the other's read from the outbox.
func TestRelay_SeveralInstancesHearEveryEvent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		a := newFixture(t, db, realtime.DefaultLimits())
		b := newFixture(t, db, realtime.DefaultLimits())
		onA := a.subscribe(t, all(realtime.AllKey()), nil)
		onB := b.subscribe(t, all(realtime.AllKey()), nil)

		a.record(t, statusEvent(1, other, "ONE"))
		a.publish(t) // A numbers 1
		b.record(t, statusEvent(1, other, "TWO"))
		b.publish(t) // B reads 1, numbers 2
		a.record(t, statusEvent(1, other, "THREE"))
		a.publish(t) // A reads 2, numbers 3
		b.publish(t) // B reads 3

		for name, s := range map[string]*realtime.Subscription{"A": onA, "B": onB} {
			for i, want := range []string{"ONE", "TWO", "THREE"} {
				if e := next(t, s); to(e) != want || e.Seq != int64(i+1) {
					t.Errorf("%s heard %s (seq %d), want %s", name, to(e), e.Seq, want)
				}
			}
			nothingWaiting(t, s)
		}
	})
}
