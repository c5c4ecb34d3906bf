package server_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestPortal_NotificationsLive: a dealer user has the inbox open; when the
// manufacturer confirms one of its dealer's orders, the bell's count and
// the inbox change without a reload, and the new notification links to the
// order. Marking all read empties the bell.
func TestPortal_NotificationsLive(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)
	admin := signIn(t, m, "admin@demo.test")
	south := signIn(t, m, "south@demo.test")
	cat := loadCatalogue(t, admin)

	u := newUser(t, b, m, dir)
	u.signIn("south@demo.test")
	u.do(chromedp.WaitVisible(chromedp.CSS(`a.bell`)), chromedp.Click(chromedp.CSS(`a.bell`)))
	u.waitText(`#inbox-title`, "Notifications")
	u.do(chromedp.WaitVisible(chromedp.CSS(`.notification-list`)))
	before, err := strconv.Atoi(u.eval(`document.querySelector("a.bell").dataset.unread`))
	if err != nil {
		t.Fatal(err)
	}
	u.markPage()

	o := place(t, south, map[string]any{"lines": lines(cat.products[0], 1)})
	move(t, admin, o.ID, "CONFIRMED")

	u.waitText(`.notification-list`, "Order "+o.Number+" confirmed")
	want := strconv.Itoa(before + 1)
	if _, err := chromedp.Run(u.ctx, chromedp.PollFunction[bool](`(n) => document.querySelector("a.bell").dataset.unread === n`,
		chromedp.WithPollingArgs(want), chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		t.Fatalf("the bell shows %s unread, want %s", u.eval(`document.querySelector("a.bell").dataset.unread`), want)
	}
	u.notReloaded()
	if got := u.eval(`document.querySelector(".notification-list li").dataset.read + " " + document.querySelector(".notification-list li a").getAttribute("href")`); got != "false /orders/"+o.ID {
		t.Errorf("the newest notification: %s, want unread linking to /orders/%s", got, o.ID)
	}
	u.screenshot("notifications-inbox")

	u.do(chromedp.Click(chromedp.CSS(`button[data-action=mark-all]`)))
	if _, err := chromedp.Run(u.ctx, chromedp.PollFunction[bool](`() => document.querySelector("a.bell").dataset.unread === "0" && !document.querySelector('.notification-list li[data-read="false"]')`,
		chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		t.Fatalf("after marking all read the bell shows %s", u.eval(`document.querySelector("a.bell").dataset.unread`))
	}
	// Following a notification opens its subject.
	u.do(chromedp.Click(chromedp.CSS(`.notification-list li a`)))
	if _, err := chromedp.Run(u.ctx, chromedp.PollFunction[bool](`(p) => location.pathname === p`,
		chromedp.WithPollingArgs("/orders/"+o.ID), chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		t.Errorf("following the notification went to %s", u.path())
	}
	u.noScriptErrors()
}

// TestPortal_NotificationSettings: a dealer user chooses Chinese, an evening
// digest and no shipped orders in the inbox; the portal switches language,
// and after a reload the page shows what was saved.
func TestPortal_NotificationSettings(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)
	u := newUser(t, b, m, dir)
	u.signIn("north@demo.test")
	u.do(chromedp.WaitVisible(chromedp.CSS(`a.bell`)), chromedp.Navigate(u.base+"/settings"))
	u.waitText(`#settings-title`, "Settings")
	u.do(chromedp.WaitVisible(chromedp.CSS(`tr[data-kind=ORDER_SHIPPED]`)))
	u.do(chromedp.EmulateViewport(375, 800, chromedp.EmulateMobile))
	u.screenshot("notification-settings-phone")
	if w := u.fitsScreen(); w != "true" {
		t.Errorf("the settings page is wider than a phone: %s > %s", u.eval(`String(document.documentElement.scrollWidth)`), u.eval(`String(window.innerWidth)`))
	}
	u.do(chromedp.EmulateViewport(1280, 900))

	// Choose as a person does: React hears the change event.
	u.eval(`(() => {
		for (const [name, value] of [["locale", "zh-CN"], ["digestHour", "18"]]) {
			const el = document.querySelector("select[name=" + name + "]");
			Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value").set.call(el, value);
			el.dispatchEvent(new Event("change", { bubbles: true }));
		}
		return "";
	})()`)
	u.do(
		chromedp.Click(chromedp.CSS(`input[name=inbox-ORDER_SHIPPED]`)),
		chromedp.Click(chromedp.CSS(`button[data-action=save-settings]`)),
	)
	u.waitText(`.saved`, "设置已保存")
	if lang := u.eval(`document.documentElement.lang`); lang != "zh-CN" {
		t.Errorf("the portal's language after choosing Chinese: %s", lang)
	}

	u.do(chromedp.Reload())
	u.do(chromedp.WaitVisible(chromedp.CSS(`tr[data-kind=ORDER_SHIPPED]`)))
	if _, err := chromedp.Run(u.ctx, chromedp.PollFunction[bool](`() => document.querySelector("select[name=locale]").value === "zh-CN"`,
		chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		t.Fatalf("locale after reload: %s", u.eval(`document.querySelector("select[name=locale]").value`))
	}
	got := u.eval(`document.querySelector("select[name=digestHour]").value + " " + document.querySelector("input[name=inbox-ORDER_SHIPPED]").checked + " " + document.querySelector("input[name=inbox-ORDER_CONFIRMED]").checked`)
	if got != "18 false true" {
		t.Errorf("after reload: digest hour, shipped in inbox, confirmed in inbox = %s; want 18 false true", got)
	}
	u.waitText(`#settings-title`, "设置")
	u.screenshot("notification-settings-zh")
	u.noScriptErrors()
}
