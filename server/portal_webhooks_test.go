package server_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestPortal_Webhooks: an administrator registers the ERP's endpoint on the
// webhooks page, choosing its kinds as checkboxes, and is shown its secret
// once; an order confirmed afterwards appears in the endpoint's delivery
// log as delivered, in English and Chinese; the pages fit a phone; a
// manager has no such page.
func TestPortal_Webhooks(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServerWith(t, "", allowPrivate)
	dir := artifactDir(t)
	rc := newHookReceiver(t)

	adm := newUser(t, b, m, dir)
	adm.signIn("admin@demo.test")
	adm.waitText("main h1", "Dealers")
	adm.waitText(`nav a[href="/webhooks"]`, "Webhooks")
	adm.nav("/webhooks")
	adm.waitText("main h1", "Webhooks")
	adm.waitText("main", "No endpoints yet")

	// Nothing chosen: refused on its field, nothing made.
	adm.setInput(`main .webhook-form input[name=url]`, rc.URL+"/dealerline")
	adm.do(chromedp.Click(chromedp.CSS(`main .webhook-form button[type=submit]`)))
	adm.waitText(`main .webhook-form fieldset .field-error`, "at least one kind")

	adm.do(chromedp.Click(chromedp.CSS(`main .webhook-form input[value=ORDER_STATUS_CHANGED]`)))
	adm.setInput(`main .webhook-form input[name=description]`, "ERP")
	adm.do(chromedp.Click(chromedp.CSS(`main .webhook-form button[type=submit]`)))
	adm.waitText(`main .webhook-secret`, "whsec_")
	secret := adm.eval(`document.querySelector("main [data-secret]").textContent`)
	rc.mu.Lock()
	rc.secret = secret
	rc.mu.Unlock()
	adm.waitText(`main .webhook-list`, rc.URL+"/dealerline")
	adm.waitText(`main .webhook-list`, "Order status changed")
	adm.screenshot("admin-webhooks")

	// An order placed and confirmed reaches the receiver…
	admin, south := signIn(t, m, "admin@demo.test"), signIn(t, m, "south@demo.test")
	cat := loadCatalogue(t, admin)
	o := place(t, south, map[string]any{"lines": lines(cat.products[0], 1)})
	var moved struct{ TransitionOrder orderState }
	admin.mustQuery(t, transition, map[string]any{"id": o.ID, "to": "CONFIRMED", "v": o.Version}, &moved)
	waitFor(t, time.Minute, "both events at the receiver", func() bool { ids, _, _ := rc.received(); return len(ids) == 2 })
	if _, bodies, bad := rc.received(); len(bad) != 0 || !strings.Contains(bodies[1], `"CONFIRMED"`) {
		t.Errorf("received %v, badly signed %v", bodies, bad)
	}

	// … and the endpoint's log shows it.
	adm.do(chromedp.Navigate(m.URL() + "/webhooks"))
	adm.waitText(`main .webhook-list`, "Delivered")
	adm.do(chromedp.Click(chromedp.CSS(`main .webhook-list a`)))
	adm.waitText("main h1", rc.URL+"/dealerline")
	adm.waitFor(`main .webhook-log tr[data-status="SUCCEEDED"]`)
	adm.waitText(`main .webhook-log`, "Order status changed")
	adm.waitText(`main .webhook-log`, "200")
	if n := adm.eval(`String(document.querySelectorAll("main .webhook-log tbody tr").length)`); n != "2" {
		t.Errorf("the log has %s rows, want 2", n)
	}
	adm.screenshot("admin-webhook-log")

	// Redeliver the newest: a third request, the same webhook-id.
	adm.do(chromedp.Click(chromedp.CSS(`main .webhook-log tbody tr:first-child button`)))
	adm.waitText(`main .notice-ok`, "Queued again")
	waitFor(t, time.Minute, "the redelivery", func() bool { ids, _, _ := rc.received(); return len(ids) == 3 })
	if ids, _, _ := rc.received(); ids[2] != ids[1] {
		t.Errorf("redelivered %s, want %s", ids[2], ids[1])
	}
	// Pause, then resume.
	adm.do(chromedp.Click(chromedp.CSS(`main .webhook-actions button`)))
	adm.waitText(`main .webhook-facts`, "Paused")
	adm.do(chromedp.Click(chromedp.CSS(`main .webhook-actions button`)))
	adm.waitText(`main .webhook-facts`, "Active")

	// Edit it: a bad URL is refused on its field and changes nothing; a
	// good description and a second kind are saved.
	adm.do(chromedp.Click(chromedp.CSS(`main .webhook-actions button[aria-expanded]`)))
	adm.replaceText(`main .webhook-form input[name=url]`, "ftp://nowhere")
	adm.do(chromedp.Click(chromedp.CSS(`main .webhook-form button[type=submit]`)))
	adm.waitFor(`main .webhook-form .field-error`)
	adm.replaceText(`main .webhook-form input[name=url]`, rc.URL+"/dealerline")
	adm.typeText(`main .webhook-form input[name=description]`, "ERP orders and invoices")
	adm.do(chromedp.Click(chromedp.CSS(`main .webhook-form input[value=INVOICE_ISSUED]`)))
	adm.do(chromedp.Click(chromedp.CSS(`main .webhook-form button[type=submit]`)))
	adm.waitText(`main .notice-ok`, "Saved")
	adm.waitText(`main .webhook-facts`, "Invoice issued")
	adm.waitText(`main .lead`, "ERP orders and invoices")

	adm.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	adm.waitText(`main .webhook-log`, "已送达")
	adm.waitText(`main .webhook-log`, "订单状态变更")
	adm.screenshot("admin-webhook-log-zh")
	adm.do(chromedp.Click(chromedp.CSS(`button[lang="en"]`)))
	adm.fitsPhone("an endpoint's delivery log", `main .webhook-log`, "Delivered", "admin-webhook-log-phone")
	adm.do(chromedp.Navigate(m.URL() + "/webhooks"))
	adm.fitsPhone("the webhooks page", "main h1", "Webhooks", "admin-webhooks-phone")
	adm.noScriptErrors()

	mgr := newUser(t, b, m, dir)
	mgr.signIn("manager@demo.test")
	mgr.waitText("main h1", "Dealers")
	if n := mgr.eval(`String(document.querySelectorAll('nav a[href="/webhooks"]').length)`); n != "0" {
		t.Error("a manager's menu offers the webhooks")
	}
	mgr.do(chromedp.Navigate(m.URL() + "/webhooks"))
	mgr.waitText("main h1", "Page not found")
}

// replaceText replaces the text of the field matching sel, as a person
// selecting it all and typing does.
func (u *user) replaceText(sel, text string) {
	u.t.Helper()
	u.do(chromedp.Focus(chromedp.CSS(sel)))
	u.eval(fmt.Sprintf(`(document.querySelector(%q).select(), "")`, sel))
	u.typeText(sel, text)
}
