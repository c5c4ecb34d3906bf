package server_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/dealerline/dealerline/mail/mailtest"
	"github.com/dealerline/dealerline/server"
)

var portalLink = regexp.MustCompile(`https?://[^/\s]+(/(?:invitation|reset-password)/dlt_[A-Za-z0-9_-]+)`)

// TestPortal_InviteAndAccept: with no e-mail set up, the administrator
// invites a dealer user and is shown the link; opened in a fresh browser,
// it sets the name and password and lands signed in. The dealer
// administrator manages its own dealer's users, in Chinese on a phone too.
func TestPortal_InviteAndAccept(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)
	south := dealersByCode(t, signIn(t, m, "admin@demo.test"))["D-SOUTH"]

	adm := newUser(t, b, m, dir)
	adm.signIn("admin@demo.test")
	adm.waitText("main h1", "Dealers")
	adm.waitText(`nav a[href="/users"]`, "Users")
	adm.nav("/users")
	adm.waitText("main h1", "Users")
	adm.waitText(`main .users-list tr[data-email="south.sales@demo.test"]`, "Lin Hui")
	adm.do(
		chromedp.SendKeys(chromedp.CSS(`main .invite-form input[name=email]`), "new.buyer@example.com"),
		chromedp.SendKeys(chromedp.CSS(`main .invite-form input[name=name]`), "New Buyer"),
	)
	adm.choose(`main .invite-form select[name=dealer]`, south)
	adm.do(chromedp.Click(chromedp.CSS(`main button[data-action=invite]`)))
	adm.waitText(`main [data-sent=link]`, "new.buyer@example.com")
	adm.waitText(`main .users-list tr[data-email="new.buyer@example.com"][data-status=invited]`, "Invited")
	adm.screenshot("admin-users-invited-en")
	link := adm.eval(`document.querySelector("main input.invite-link").value`)
	path := portalLink.FindStringSubmatch(link)
	if path == nil || !strings.Contains(path[1], "/invitation/") {
		t.Fatalf("the link shown %q is no invitation link", link)
	}

	buyer := newUser(t, b, m, dir)
	buyer.do(chromedp.Navigate(m.URL() + path[1]))
	buyer.waitText("main h1", "Accept your invitation")
	buyer.do(
		chromedp.SendKeys(chromedp.CSS(`main input[name=name]`), "Ning Buyer"),
		chromedp.SendKeys(chromedp.CSS(`main input[name=password]`), "a good long password"),
		chromedp.Click(chromedp.CSS(`main button[data-action=accept]`)),
	)
	buyer.waitText(`header [data-link=settings]`, "Ning Buyer")
	if p := buyer.path(); p != "/" {
		t.Errorf("after accepting, at %s: want the dealer's home", p)
	}
	buyer.screenshot("invitee-signed-in")
	buyer.noScriptErrors()

	// The link worked once.
	again := newUser(t, b, m, dir)
	again.do(chromedp.Navigate(m.URL() + path[1]))
	again.waitText("main h1", "Accept your invitation")
	again.do(
		chromedp.SendKeys(chromedp.CSS(`main input[name=password]`), "another long password"),
		chromedp.Click(chromedp.CSS(`main button[data-action=accept]`)),
	)
	again.waitText(`main [role=alert]`, "no longer works")

	// South's dealer administrator sees its dealer's users, the accepted
	// one among them, and deactivates its colleague.
	dlr := newUser(t, b, m, dir)
	dlr.signIn("south@demo.test")
	dlr.waitText(`nav a[href="/users"]`, "Users")
	dlr.nav("/users")
	dlr.waitText(`main .users-list tr[data-email="new.buyer@example.com"][data-status=active]`, "Ning Buyer")
	if n := dlr.eval(`String(document.querySelectorAll('main .invite-form select[name=dealer], main .invite-form select[name=role]').length)`); n != "0" {
		t.Error("the dealer administrator is offered a dealer or a role to choose")
	}
	dlr.do(chromedp.Click(chromedp.CSS(`main tr[data-email="south.sales@demo.test"] button[data-action=deactivate]`)))
	dlr.waitText(`main tr[data-email="south.sales@demo.test"][data-status=inactive]`, "Deactivated")
	dlr.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	dlr.waitText("main h1", "用户")
	dlr.do(chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
	dlr.waitText(`main tr[data-email="south.sales@demo.test"]`, "已停用")
	if w := dlr.fitsScreen(); w != "true" {
		t.Errorf("the page is wider than a phone: %s", dlr.eval(`String(document.documentElement.scrollWidth)`))
	}
	dlr.screenshotScreen("dealer-admin-users-phone-zh")
	dlr.noScriptErrors()
	if r := loginWith(t, m, "south.sales@demo.test", "demo"); r.code() != "UNAUTHENTICATED" {
		t.Errorf("the deactivated colleague signs in: %s", r.code())
	}

	// A dealer user who is not its dealer's administrator has no such page.
	north := newUser(t, b, m, dir)
	north.signIn("north@demo.test")
	north.waitText(`header [data-link=settings]`, "Zhao Lei")
	north.do(chromedp.Sleep(time.Second)) // the menu asks whether a dealer user administers its users
	if n := north.eval(`String(document.querySelectorAll('nav a[href="/users"]').length)`); n != "0" {
		t.Error("a plain dealer user has Users in its menu")
	}
}

// TestPortal_ForgotPassword: "Forgot password?" on the sign-in page asks
// for a reset through the mailer; the link in the e-mail received sets a
// new password, and signing in works with it.
func TestPortal_ForgotPassword(t *testing.T) {
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

	u := newUser(t, b, m, dir)
	u.do(chromedp.Navigate(m.URL() + "/signin"))
	u.waitText(`main a[data-link=forgot-password]`, "Forgot password?")
	u.do(chromedp.Click(chromedp.CSS(`main a[data-link=forgot-password]`)))
	u.waitText("main h1", "Forgot your password?")
	u.do(
		chromedp.SendKeys(chromedp.CSS(`main input[name=email]`), "south.sales@demo.test"),
		chromedp.Click(chromedp.CSS(`main button[data-action=request-reset]`)),
	)
	u.waitText(`main [data-state=requested]`, "on its way")
	u.screenshot("forgot-password-requested")

	var path string
	waitFor(t, time.Minute, "the reset e-mail at the SMTP server", func() bool {
		for _, r := range smtp.Messages() {
			if r.To != "south.sales@demo.test" {
				continue
			}
			if l := portalLink.FindStringSubmatch(mailtest.Parse(t, r.Data).Text); l != nil {
				path = l[1]
				return true
			}
		}
		return false
	})
	if !strings.Contains(path, "/reset-password/") {
		t.Fatalf("the e-mail's link %q is no reset link", path)
	}
	u.do(chromedp.Navigate(m.URL() + path))
	u.waitText("main h1", "Choose a new password")
	u.do(
		chromedp.SendKeys(chromedp.CSS(`main input[name=password]`), "brand new password"),
		chromedp.Click(chromedp.CSS(`main button[data-action=reset]`)),
	)
	u.waitText(`main [data-state=reset]`, "Your password has been changed.")
	u.do(chromedp.Click(chromedp.CSS(`main [data-state=reset] a`)))
	u.do(
		chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=email]`), "south.sales@demo.test"),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), "brand new password"),
		chromedp.Click(chromedp.CSS(`button[type=submit]`)),
	)
	u.waitText(`header [data-link=settings]`, "Lin Hui")
	u.noScriptErrors()
}
