package mail_test

import (
	"context"
	"crypto/tls"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/emaildelivery"
	"github.com/dealerline/dealerline/mail"
	"github.com/dealerline/dealerline/mail/mailtest"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

var composer = mail.Composer{PublicURL: "https://dealers.example.com/"}

func TestCompose_InTheReadersLanguageWithLinksIntoThePortal(t *testing.T) {
	one, err := composer.Compose(mail.Chinese, "li@example.com", []mail.Item{
		{Title: "订单 SO-000123 已确认", Body: "预计 3 天内发货。", Link: "/orders/123"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if one.Subject != "订单 SO-000123 已确认" {
		t.Errorf("subject %q: want the notification's title", one.Subject)
	}
	for _, want := range []string{"预计 3 天内发货。", "在 Dealerline 中打开: https://dealers.example.com/orders/123", "修改设置: https://dealers.example.com/settings"} {
		if !strings.Contains(one.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, one.Text)
		}
	}
	if !strings.Contains(one.HTML, `<html lang="zh-CN">`) || !strings.Contains(one.HTML, `href="https://dealers.example.com/orders/123"`) {
		t.Errorf("HTML lacks its language or link:\n%s", one.HTML)
	}

	digest, err := composer.Compose("fr", "ann@example.com", []mail.Item{
		{Title: "Order SO-1 confirmed", Link: "/orders/1"},
		{Title: "<script>alert(1)</script>\r\nBcc: x@example.com", Body: "a & b", Link: "/tickets/2"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if digest.Subject != "Dealerline: 2 updates" {
		t.Errorf("digest subject %q (an unknown locale is mailed in English)", digest.Subject)
	}
	if strings.Contains(digest.HTML, "<script>") || !strings.Contains(digest.HTML, "&lt;script&gt;") || !strings.Contains(digest.HTML, "a &amp; b") {
		t.Errorf("HTML does not escape what users wrote:\n%s", digest.HTML)
	}
	title, _ := composer.Compose(mail.English, "ann@example.com", []mail.Item{{Title: "Hello\r\nBcc: x@example.com", Link: "/"}})
	if strings.ContainsAny(title.Subject, "\r\n") {
		t.Errorf("subject %q carries a line break into the headers", title.Subject)
	}
}

func TestParseSMTP_RefusesWhatIsNotAnSMTPServer(t *testing.T) {
	for _, c := range []struct{ url, from string }{
		{"http://mail.example.com", "a@example.com"},
		{"smtp://", "a@example.com"},
		{"smtp://mail.example.com:99999", "a@example.com"},
		{"smtp://mail.example.com/path", "a@example.com"},
		{"smtp://mail.example.com", "not an address"},
	} {
		if _, err := mail.ParseSMTP(c.url, c.from); err == nil {
			t.Errorf("ParseSMTP(%q, %q): no error", c.url, c.from)
		}
	}
	s, err := mail.ParseSMTP("smtp://u:p@mail.example.com", "Dealerline <noreply@example.com>")
	if err != nil || s.From() != `"Dealerline" <noreply@example.com>` {
		t.Fatalf("ParseSMTP: %v, from %q", err, s.From())
	}
}

// The message arrives over STARTTLS, signed in, as text and HTML.
func TestSMTP_SendsOverSTARTTLSWithCredentials(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{TLS: true, User: "dealerline"})
	s, err := mail.ParseSMTP("smtp://dealerline:secret@"+srv.Addr, "Dealerline <noreply@example.com>")
	if err != nil {
		t.Fatal(err)
	}
	s.TLS = &tls.Config{RootCAs: srv.Pool}
	m, err := composer.Compose(mail.Chinese, "li@example.com", []mail.Item{{Title: "订单已发货", Body: "运单号 SF123", Link: "/orders/9"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	got := srv.Messages()
	if len(got) != 1 {
		t.Fatalf("%d messages arrived, want 1", len(got))
	}
	if !got[0].TLS || got[0].User != "dealerline" || got[0].From != "noreply@example.com" || got[0].To != "li@example.com" {
		t.Fatalf("arrived %+v: want over TLS, signed in, from and to as sent", got[0])
	}
	p := mailtest.Parse(t, got[0].Data)
	if p.Subject != "订单已发货" || !strings.Contains(p.Text, "运单号 SF123") || !strings.Contains(p.HTML, "运单号 SF123") {
		t.Fatalf("subject %q, text %q, html %q", p.Subject, p.Text, p.HTML)
	}
	if p.Header.Get("Message-Id") == "" || p.Header.Get("Date") == "" {
		t.Errorf("headers %v lack Message-Id or Date", p.Header)
	}

	// Wrong credentials, or a certificate nobody vouches for: an error.
	bad, _ := mail.ParseSMTP("smtp://dealerline:wrong@"+srv.Addr, "noreply@example.com")
	bad.TLS = &tls.Config{RootCAs: srv.Pool}
	if err := bad.Send(context.Background(), m); err == nil {
		t.Error("wrong password: sent")
	}
	untrusted, _ := mail.ParseSMTP("smtp://dealerline:secret@"+srv.Addr, "noreply@example.com")
	if err := untrusted.Send(context.Background(), m); err == nil {
		t.Error("an untrusted certificate: sent, credentials and all")
	}
	if n := len(srv.Messages()); n != 1 {
		t.Errorf("%d messages arrived, want still 1", n)
	}
}

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

func plainSMTP(t *testing.T) (*mailtest.Server, *mail.SMTP) {
	srv := mailtest.Start(t, mailtest.Options{})
	s, err := mail.ParseSMTP("smtp://"+srv.Addr, "noreply@example.com")
	if err != nil {
		t.Fatal(err)
	}
	return srv, s
}

func queue(t *testing.T, db *ent.Client, key, to string) {
	t.Helper()
	ctx := context.Background()
	tx, err := db.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	m, err := composer.Compose(mail.English, to, []mail.Item{{Title: "About " + key, Link: "/"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := mail.Queue(ctx, tx.Client(), key, 0, m); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

func delivery(t *testing.T, db *ent.Client, key string) *ent.EmailDelivery {
	t.Helper()
	d, err := db.EmailDelivery.Query().Where(emaildelivery.Key(key)).Only(access.Bypass(context.Background()))
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
		r := mail.NewRunner(db.Client, db.Dialect, s, nil)
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
		if d := delivery(t, db.Client, "event:1:user:1"); d.Status != emaildelivery.StatusSENT || d.SentAt == nil || d.Attempts != 1 {
			t.Fatalf("delivery %+v: want SENT after one attempt", d)
		}

		// Refused twice: retried after a minute, then two.
		srv.RefuseNext(2)
		queue(t, db.Client, "event:2:user:1", "b@example.com")
		r.Drain(ctx)
		d := delivery(t, db.Client, "event:2:user:1")
		if d.Status != emaildelivery.StatusPENDING || d.Attempts != 1 || !strings.Contains(d.LastError, "try again later") {
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
		if d := delivery(t, db.Client, "event:2:user:1"); d.Attempts != 2 || !d.NextAttemptAt.Equal(c.now().Add(2*time.Minute)) {
			t.Fatalf("second refusal: %+v; want the next attempt in two minutes", d)
		}
		c.add(2 * time.Minute)
		r.Drain(ctx)
		if d := delivery(t, db.Client, "event:2:user:1"); d.Status != emaildelivery.StatusSENT || d.LastError != "" {
			t.Fatalf("after the server recovered: %+v", d)
		}

		// Refused for a day: given up.
		srv.RefuseNext(1000)
		queue(t, db.Client, "event:3:user:1", "c@example.com")
		for range 40 {
			r.Drain(ctx)
			c.add(time.Hour)
		}
		if d := delivery(t, db.Client, "event:3:user:1"); d.Status != emaildelivery.StatusFAILED || d.Attempts < 24 {
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
	err := db.Client.EmailDelivery.Update().
		SetStatus(emaildelivery.StatusSENDING).AddAttempts(1).SetNextAttemptAt(c.now().Add(time.Minute)).
		Exec(access.Bypass(ctx))
	if err != nil {
		t.Fatal(err)
	}
	r := mail.NewRunner(db.Client, db.Dialect, s, nil)
	r.SetClock(c.now)
	if n, _ := r.Drain(ctx); n != 0 {
		t.Fatal("took over an attempt still under way")
	}
	c.add(time.Minute)
	if n, err := r.Drain(ctx); n != 1 || err != nil {
		t.Fatalf("after the lease: %d attempted, %v", n, err)
	}
	if d := delivery(t, db.Client, "event:9:user:1"); d.Status != emaildelivery.StatusSENT || d.Attempts != 2 || len(srv.Messages()) != 1 {
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
		r := mail.NewRunner(db.Client, db.Dialect, s, nil)
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
