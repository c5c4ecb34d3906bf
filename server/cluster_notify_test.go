package server_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"regexp"
	"testing"
	"time"

	"github.com/dealerline/dealerline/mail/mailtest"
	"github.com/dealerline/dealerline/push/pushtest"
	"github.com/dealerline/dealerline/server"
	"github.com/dealerline/dealerline/store/storetest"
)

// TestCluster_EachNotificationIsMailedAndPushedOnce: two instances on one
// database and one bus, both reading the outbox and both sending: each
// rejection, made on either, reaches the dealer user once by e-mail and
// once on its browser.
func TestCluster_EachNotificationIsMailedAndPushedOnce(t *testing.T) {
	redisURL := testRedis(t)
	dbURL := storetest.EmptyPostgres(t)
	prefix := redisPrefix(t, redisURL)
	smtp := mailtest.Start(t, mailtest.Options{})
	ps := pushtest.NewService(t)
	start := func() *server.Main {
		cfg := server.DefaultConfig()
		cfg.Addr = "127.0.0.1:0"
		cfg.DataDir = t.TempDir()
		cfg.DatabaseURL, cfg.RedisURL, cfg.RedisPrefix = dbURL, redisURL, prefix
		cfg.Mail.SMTPURL = "smtp://" + smtp.Addr
		cfg.Mail.From = "Dealerline <noreply@example.com>"
		cfg.Mail.PublicURL = "https://dealers.example.com"
		cfg.PushSubject = "mailto:ops@dealerline.test"
		m := server.NewMain(cfg)
		m.Out = io.Discard
		m.Log = slog.New(slog.DiscardHandler)
		m.PushHTTP = ps.Client()
		if err := m.Run(context.Background()); err != nil {
			t.Fatal(err)
		}
		closeOnCleanup(t, m)
		return m
	}
	one, two := start(), start()
	admin := signIn(t, one, "admin@demo.test")
	south := signIn(t, two, "south@demo.test")
	cat := loadCatalogue(t, admin)
	browser, endpoint := ps.Subscribe(t, "south-phone")
	south.mustQuery(t, subscribePush, map[string]any{"in": map[string]any{
		"endpoint": endpoint, "p256dh": browser.P256dh(), "auth": browser.AuthSecret(),
	}}, &struct{}{})

	const n = 6
	want := map[string]bool{}
	for i := range n {
		o := place(t, south, map[string]any{"lines": lines(cat.products[i%3], 1)})
		move(t, on([]*server.Main{one, two}[i%2], admin), o.ID, "REJECTED")
		want[o.Number] = true
	}
	number := regexp.MustCompile(`SO-\d+`)
	mailed := func() []string {
		var got []string
		for _, r := range smtp.Messages() {
			if r.To == "south@demo.test" {
				got = append(got, number.FindString(mailtest.Parse(t, r.Data).Subject))
			}
		}
		return got
	}
	pushed := func() []string {
		var got []string
		for _, r := range ps.Requests() {
			plain, err := browser.Decrypt(r.Body)
			if err != nil {
				t.Fatal(err)
			}
			var msg struct{ Title string }
			if err := json.Unmarshal(plain, &msg); err != nil {
				t.Fatal(err)
			}
			got = append(got, number.FindString(msg.Title))
		}
		return got
	}
	waitFor(t, time.Minute, "every rejection mailed and pushed", func() bool { return len(mailed()) >= n && len(pushed()) >= n })
	// Both instances keep running a while: a second reader or sender would
	// send some again.
	time.Sleep(3 * time.Second)
	for what, got := range map[string][]string{"mailed": mailed(), "pushed": pushed()} {
		seen := map[string]bool{}
		for _, num := range got {
			if !want[num] || seen[num] {
				t.Errorf("%s %q: not one of the rejections, or twice (all: %v)", what, num, got)
			}
			seen[num] = true
		}
		if len(got) != n {
			t.Errorf("%s %d messages, want %d: %v", what, len(got), n, got)
		}
	}
}
