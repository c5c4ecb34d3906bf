package server_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/dealerline/dealerline/mail/mailtest"
	"github.com/dealerline/dealerline/server"
)

// TestPortal_SentMessages: an administrator finds the e-mail a rejected
// order sent to the dealer on the page of sent messages, filtered to
// e-mail, in English and Chinese, on a phone too; a manager has no such
// page.
func TestPortal_SentMessages(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	smtp := mailtest.Start(t, mailtest.Options{})
	m := startServerWith(t, "", func(c *server.Config) {
		c.Mail.SMTPURL = "smtp://" + smtp.Addr
		c.Mail.From = "noreply@example.com"
	})
	dir := artifactDir(t)

	admin, south := signIn(t, m, "admin@demo.test"), signIn(t, m, "south@demo.test")
	cat := loadCatalogue(t, admin)
	o := place(t, south, map[string]any{"lines": lines(cat.products[0], 1)})
	move(t, admin, o.ID, "REJECTED")
	waitFor(t, time.Minute, "the e-mail at the SMTP server", func() bool {
		for _, r := range smtp.Messages() {
			if r.To == "south@demo.test" && strings.Contains(string(r.Data), o.Number) {
				return true
			}
		}
		return false
	})

	adm := newUser(t, b, m, dir)
	adm.signIn("admin@demo.test")
	adm.waitText("main h1", "Dealers")
	adm.waitText(`nav a[href="/messages"]`, "Sent messages")
	adm.nav("/messages")
	adm.waitText("main h1", "E-mail and push sent")
	adm.choose(`main select[name=channel]`, "EMAIL")
	// South Traders has two users: each was sent its own e-mail.
	row := `main .outbound-log tr[data-channel="EMAIL"][data-status="SENT"]`
	southsRow := func(text string) {
		t.Helper()
		adm.poll(fmt.Sprintf(`() => [...document.querySelectorAll(%q)].some(r => r.innerText.includes("south@demo.test") && r.innerText.includes(%q))`, row, text))
	}
	southsRow(o.Number)
	adm.screenshot("admin-sent-messages-en")

	adm.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	adm.waitText("main h1", "已发送的邮件和推送")
	southsRow("已发送")
	adm.do(chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
	southsRow(o.Number)
	if w := adm.fitsScreen(); w != "true" {
		t.Errorf("the page is wider than a phone: %s", adm.eval(`String(document.documentElement.scrollWidth)`))
	}
	adm.screenshotScreen("admin-sent-messages-phone-zh")

	mgr := newUser(t, b, m, dir)
	mgr.signIn("manager@demo.test")
	mgr.waitText("main h1", "Dealers")
	if n := mgr.eval(`String(document.querySelectorAll('nav a[href="/messages"]').length)`); n != "0" {
		t.Error("a manager has the sent messages in its menu")
	}
	mgr.do(chromedp.Navigate(m.URL() + "/messages"))
	mgr.waitText("main h1", "Page not found")
}
