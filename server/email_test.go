package server_test

import (
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/mail/mailtest"
	"github.com/dealerline/dealerline/server"
)

// TestEmail_ARejectionReachesTheDealerByMail: with an SMTP server set, a
// rejected order is e-mailed at once (an urgent kind) to the dealer's user
// in its language, through a real SMTP server, with a link into the
// portal; administrators read it in the log, others may not.
func TestEmail_ARejectionReachesTheDealerByMail(t *testing.T) {
	var smtp *mailtest.Server
	forEachStoreWith(t, func(c *server.Config) {
		smtp = mailtest.Start(t, mailtest.Options{})
		c.Mail.SMTPURL = "smtp://" + smtp.Addr
		c.Mail.From = "Dealerline <noreply@example.com>"
		c.Mail.PublicURL = "https://dealers.example.com"
	}, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		south := signIn(t, m, "south@demo.test")
		var enabled struct{ EmailEnabled bool }
		south.mustQuery(t, `{ emailEnabled }`, nil, &enabled)
		if !enabled.EmailEnabled {
			t.Fatal("emailEnabled: false with an SMTP server set")
		}
		var set struct{ UpdateNotificationSettings struct{ Locale string } }
		south.mustQuery(t, `mutation { updateNotificationSettings(input: {locale: "zh-CN"}) { locale } }`, nil, &set)
		cat := loadCatalogue(t, admin)
		o := place(t, south, map[string]any{"lines": lines(cat.products[0], 1)})
		move(t, admin, o.ID, "REJECTED")

		var got mailtest.Received
		deadline := time.Now().Add(20 * time.Second)
		for got.To == "" {
			for _, r := range smtp.Messages() {
				if r.To == "south@demo.test" && strings.Contains(string(r.Data), o.Number) {
					got = r
				}
			}
			if time.Now().After(deadline) {
				t.Fatalf("no e-mail to south@demo.test about %s; received %d", o.Number, len(smtp.Messages()))
			}
			time.Sleep(50 * time.Millisecond)
		}
		p := mailtest.Parse(t, got.Data)
		if !strings.Contains(p.Subject, o.Number) || !strings.Contains(p.Subject, "拒绝") {
			t.Errorf("subject %q: want the rejection of %s in Chinese", p.Subject, o.Number)
		}
		link := "https://dealers.example.com/orders/" + o.ID
		if !strings.Contains(p.Text, link) || !strings.Contains(p.HTML, link) {
			t.Errorf("no link %s in\n%s", link, p.Text)
		}
		for _, r := range smtp.Messages() {
			if r.To == "admin@demo.test" && strings.Contains(string(r.Data), o.Number) {
				t.Error("the administrator was mailed of its own rejection")
			}
		}

		var log struct {
			OutboundMessages []struct {
				Channel, To, Subject, Status string
				Attempts                     int
			}
		}
		q := `{ outboundMessages(channel: EMAIL, status: SENT, first: 100) { channel to subject status attempts } }`
		admin.mustQuery(t, q, nil, &log)
		found := false
		for _, l := range log.OutboundMessages {
			found = found || (l.To == "south@demo.test" && strings.Contains(l.Subject, o.Number) && l.Attempts == 1)
		}
		if !found {
			t.Errorf("the log %+v lacks the e-mail to south", log.OutboundMessages)
		}
		if code := south.query(t, q, nil).code(); code != "FORBIDDEN" {
			t.Errorf("a dealer reading the log: %q, want FORBIDDEN", code)
		}
		if code := admin.query(t, `{ outboundMessages(first: 500) { to } }`, nil).code(); code != "INVALID_INPUT" {
			t.Errorf("first: 500: %q, want INVALID_INPUT", code)
		}
	})
}
