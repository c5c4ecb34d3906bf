package outbound_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/outboundmessage"
	"github.com/dealerline/dealerline/mail"
	"github.com/dealerline/dealerline/mail/mailtest"
	"github.com/dealerline/dealerline/outbound"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

// clock is a test's time, moved by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func plainSMTP(t *testing.T) (*mailtest.Server, map[outboundmessage.Channel]outbound.Sender) {
	srv := mailtest.Start(t, mailtest.Options{})
	s, err := mail.ParseSMTP("smtp://"+srv.Addr, "noreply@example.com")
	if err != nil {
		t.Fatal(err)
	}
	return srv, map[outboundmessage.Channel]outbound.Sender{outbound.Email: outbound.SMTP(s)}
}

func queue(t *testing.T, db *ent.Client, key, to string) {
	t.Helper()
	ctx := context.Background()
	tx, err := db.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	m, err := mail.Composer{PublicURL: "https://dealers.example.com"}.Compose(mail.English, to, []mail.Item{{Title: "About " + key, Link: "/"}})
	if err != nil {
		t.Fatal(err)
	}
	msg := outbound.Message{Channel: outbound.Email, To: m.To, Subject: m.Subject, Text: m.Text, HTML: m.HTML}
	if err := outbound.Queue(ctx, tx.Client(), key, msg); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

func deliveryOf(t *testing.T, db *ent.Client, key string) *ent.OutboundMessage {
	t.Helper()
	d, err := db.OutboundMessage.Query().Where(outboundmessage.Key(key)).Only(access.Bypass(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestRunner_SendsOnceRetriesWithBackoffAndGivesUpAfterADay(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		srv, s := plainSMTP(t)
		c := &clock{t: time.Now().Add(time.Second).Truncate(time.Millisecond)}
		r := outbound.NewRunner(db.Client, db.Dialect, s, nil)
		r.SetClock(c.now)

		queue(t, db.Client, "event:1:user:1", "a@example.com")
		queue(t, db.Client, "event:1:user:1", "a@example.com") // the same key again: still one
		if n, err := r.Drain(ctx); err != nil || n != 1 {
			t.Fatalf("drain: %d attempted, %v; want 1", n, err)
		}
		if n, err := r.Drain(ctx); err != nil || n != 0 {
			t.Fatalf("drain again: %d attempted, %v; want none", n, err)
		}
		if got := srv.Messages(); len(got) != 1 || got[0].To != "a@example.com" {
			t.Fatalf("arrived %d messages, want one to a@example.com", len(got))
		}
		if d := deliveryOf(t, db.Client, "event:1:user:1"); d.Status != outboundmessage.StatusSENT || d.SentAt == nil || d.Attempts != 1 {
			t.Fatalf("delivery %+v: want SENT after one attempt", d)
		}

		// Refused twice: retried after a minute, then two.
		srv.RefuseNext(2)
		queue(t, db.Client, "event:2:user:1", "b@example.com")
		r.Drain(ctx)
		d := deliveryOf(t, db.Client, "event:2:user:1")
		if d.Status != outboundmessage.StatusPENDING || d.Attempts != 1 || !strings.Contains(d.LastError, "try again later") {
			t.Fatalf("after a refusal: %+v", d)
		}
		if want := c.now().Add(time.Minute); !d.NextAttemptAt.Equal(want) {
			t.Errorf("next attempt at %v, want %v", d.NextAttemptAt, want)
		}
		if n, _ := r.Drain(ctx); n != 0 {
			t.Fatal("retried before its time")
		}
		c.add(time.Minute)
		r.Drain(ctx)
		if d := deliveryOf(t, db.Client, "event:2:user:1"); d.Attempts != 2 || !d.NextAttemptAt.Equal(c.now().Add(2*time.Minute)) {
			t.Fatalf("second refusal: %+v; want the next attempt in two minutes", d)
		}
		c.add(2 * time.Minute)
		r.Drain(ctx)
		if d := deliveryOf(t, db.Client, "event:2:user:1"); d.Status != outboundmessage.StatusSENT || d.LastError != "" {
			t.Fatalf("after the server recovered: %+v", d)
		}

		// Refused for a day: given up.
		srv.RefuseNext(1000)
		queue(t, db.Client, "event:3:user:1", "c@example.com")
		for range 40 {
			r.Drain(ctx)
			c.add(time.Hour)
		}
		if d := deliveryOf(t, db.Client, "event:3:user:1"); d.Status != outboundmessage.StatusFAILED || d.Attempts < 24 {
			t.Fatalf("after a day of refusals: %+v; want FAILED", d)
		}
		if got := len(srv.Messages()); got != 2 {
			t.Fatalf("%d messages arrived, want 2", got)
		}
	})
}

// A sender that dies mid-attempt leaves the delivery SENDING; another takes
// it over when the lease ends, not before.
func TestRunner_AnAttemptCutShortIsTakenOverAfterItsLease(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	srv, s := plainSMTP(t)
	c := &clock{t: time.Now().Add(time.Second).Truncate(time.Millisecond)}
	queue(t, db.Client, "event:9:user:1", "a@example.com")
	// The first attempt: claimed, then the process died before sending.
	err := db.Client.OutboundMessage.Update().
		SetStatus(outboundmessage.StatusSENDING).AddAttempts(1).SetNextAttemptAt(c.now().Add(time.Minute)).
		Exec(access.Bypass(ctx))
	if err != nil {
		t.Fatal(err)
	}
	r := outbound.NewRunner(db.Client, db.Dialect, s, nil)
	r.SetClock(c.now)
	if n, _ := r.Drain(ctx); n != 0 {
		t.Fatal("took over an attempt still under way")
	}
	c.add(time.Minute)
	if n, err := r.Drain(ctx); n != 1 || err != nil {
		t.Fatalf("after the lease: %d attempted, %v", n, err)
	}
	if d := deliveryOf(t, db.Client, "event:9:user:1"); d.Status != outboundmessage.StatusSENT || d.Attempts != 2 || len(srv.Messages()) != 1 {
		t.Fatalf("%+v, %d arrived", d, len(srv.Messages()))
	}
}

// Two instances sending from one database send each e-mail once.
func TestRunner_TwoInstancesSendEachOnce(t *testing.T) {
	db := storetest.OpenPostgres(t)
	ctx := context.Background()
	srv, s := plainSMTP(t)
	const total = 30
	for i := range total {
		queue(t, db.Client, fmt.Sprintf("event:%d:user:1", i), fmt.Sprintf("u%d@example.com", i))
	}
	var wg sync.WaitGroup
	for range 2 {
		r := outbound.NewRunner(db.Client, db.Dialect, s, nil)
		wg.Go(func() {
			if _, err := r.Drain(ctx); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	seen := map[string]int{}
	for _, m := range srv.Messages() {
		seen[m.To]++
	}
	if len(seen) != total {
		t.Fatalf("%d addresses reached, want %d", len(seen), total)
	}
	for to, n := range seen {
		if n != 1 {
			t.Errorf("%s got %d messages", to, n)
		}
	}
}
