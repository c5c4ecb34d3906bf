package feed_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/feed"
	"github.com/dealerline/dealerline/realtime"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

// record commits n events of subjects from, from+1, … and numbers them as
// the relay does.
func record(t *testing.T, db *store.DB, from, n int) {
	t.Helper()
	ctx := access.Bypass(context.Background())
	tx, err := db.Client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if err := realtime.Record(ctx, tx.Client(), realtime.Event{Kind: realtime.TicketUpdated, SubjectID: from + i}); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	last, err := realtime.Prepare(ctx, db.Client)
	if err != nil {
		t.Fatal(err)
	}
	relay := realtime.NewRelay(db.Client, db.Dialect, realtime.NewHub(db.Client, last, realtime.DefaultLimits(), nil), 24*time.Hour, nil)
	if _, err := relay.Publish(ctx); err != nil {
		t.Fatal(err)
	}
}

// seen collects the subjects a handler was given, in order.
type seen struct {
	mu       sync.Mutex
	subjects []int
	fail     bool
}

func (s *seen) handle(_ context.Context, _ *ent.Tx, events []*realtime.Event) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail {
		return errors.New("refused")
	}
	for _, e := range events {
		s.subjects = append(s.subjects, e.SubjectID)
	}
	return nil
}

func TestReader_EachEventOnceInOrderFromWhereItStarted(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		record(t, db, 1, 3) // before the reader existed: not its business
		s := &seen{}
		r := feed.New("test", db.Client, db.Dialect, s.handle, nil)
		if n, err := r.Drain(ctx); err != nil || n != 0 {
			t.Fatalf("first drain: %d events, %v; want none", n, err)
		}
		record(t, db, 10, feed.Batch+5)
		s.fail = true
		if _, err := r.Drain(ctx); err == nil {
			t.Fatal("a failing handler: no error")
		}
		s.fail = false
		n, err := r.Drain(ctx)
		if err != nil || n != feed.Batch+5 {
			t.Fatalf("drain: %d events, %v; want %d", n, err, feed.Batch+5)
		}
		for i, subject := range s.subjects {
			if subject != 10+i {
				t.Fatalf("event %d: subject %d, want %d (in order, once)", i, subject, 10+i)
			}
		}
		// A reader of the same name after a restart goes on from there.
		again := feed.New("test", db.Client, db.Dialect, s.handle, nil)
		if n, err := again.Drain(ctx); err != nil || n != 0 {
			t.Fatalf("after a restart: %d events, %v; want none", n, err)
		}
		if pos, err := again.Position(ctx); err != nil || pos != 3+int64(feed.Batch)+5 {
			t.Fatalf("position %d, %v", pos, err)
		}
	})
}

// Two instances reading under one name never hand one event to both.
func TestReader_TwoInstancesShareTheWork(t *testing.T) {
	db := storetest.OpenPostgres(t)
	ctx := context.Background()
	s := &seen{}
	readers := []*feed.Reader{
		feed.New("shared", db.Client, db.Dialect, s.handle, nil),
		feed.New("shared", db.Client, db.Dialect, s.handle, nil),
	}
	if _, err := realtime.Prepare(ctx, db.Client); err != nil {
		t.Fatal(err)
	}
	if _, err := readers[0].Drain(ctx); err != nil {
		t.Fatal(err)
	}
	const total = 600
	var wg sync.WaitGroup
	for _, r := range readers {
		wg.Go(func() {
			for range 40 {
				if _, err := r.Drain(ctx); err != nil {
					t.Error(err)
				}
			}
		})
	}
	for i := 0; i < total; i += 50 {
		record(t, db, 1000+i, 50)
	}
	wg.Wait()
	for _, r := range readers {
		if _, err := r.Drain(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if len(s.subjects) != total {
		t.Fatalf("%d events handled, want %d", len(s.subjects), total)
	}
	for i, subject := range s.subjects {
		if subject != 1000+i {
			t.Fatalf("event %d: subject %d, want %d", i, subject, 1000+i)
		}
	}
}
