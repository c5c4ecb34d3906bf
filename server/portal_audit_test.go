package server_test

import (
	"net/url"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPortal_AuditTrail: the administrator opens the audit trail, narrows
// it to South Traders and its order actions (kept in the address), opens
// the confirmation to its status before and after, and follows the link to
// the order. Then the same view in Chinese, on a phone.
func TestPortal_AuditTrail(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)
	admin, manager, south := signIn(t, m, "admin@demo.test"), signIn(t, m, "manager@demo.test"), signIn(t, m, "south@demo.test")
	cat := loadCatalogue(t, admin)
	manager.mustQuery(t, `mutation($id: ID!) { updateDealer(id: $id, input: {creditLimit: "100000000.00"}) { id } }`, map[string]any{"id": cat.south}, &struct{}{})
	o := placeConfirmed(t, south, manager, 2)

	u := newUser(t, b, m, dir)
	u.signIn("admin@demo.test")
	u.waitFor(`nav a[href="/audit"]`)
	u.nav("/audit")
	u.waitText("main h1", "Audit trail")
	u.waitFor(`main select[name="dealer"] option[value="` + cat.south + `"]`)
	u.choose(`main select[name="dealer"]`, cat.south)
	u.waitFor(`main select[name="action"] option[value="order."]`)
	u.choose(`main select[name="action"]`, "order.")
	u.waitFor(`main tr[data-action="order.transition"]`)
	if q := u.eval(`location.search`); q != "?dealer="+url.QueryEscape(cat.south)+"&action=order." {
		t.Errorf("filters in the address: %q", q)
	}
	// Only South Traders' order actions are left once the list is narrowed.
	u.poll(`() => { const rows = [...document.querySelectorAll("main .audit-trail > tbody > tr[data-action]")];
		return rows.length > 0 && rows.every((tr) => tr.dataset.action.startsWith("order.") && tr.innerText.includes("South Traders")) }`)
	u.waitText(`main tr[data-action="order.transition"]`, "South Traders")
	entry := u.eval(`document.querySelector('main tr[data-action="order.transition"]').dataset.entry`)
	u.do(chromedp.Click(chromedp.CSS(`main button[data-expand="` + entry + `"]`)))
	detail := `main tr[data-detail="` + entry + `"]`
	u.waitText(detail, "SUBMITTED")
	u.waitText(detail, "CONFIRMED")
	u.waitText(detail+" thead", "Before")
	u.screenshot("audit-trail-en")
	u.do(chromedp.Click(chromedp.CSS(`main tr[data-entry="` + entry + `"] a[data-record-link]`)))
	u.waitText("main h1", o.Number)
	if p := u.path(); p != "/orders/"+o.ID {
		t.Errorf("record link went to %s", p)
	}

	u.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	u.do(chromedp.Navigate(m.URL() + "/audit?dealer=" + url.QueryEscape(cat.south) + "&action=order."))
	u.waitText("main h1", "审计日志")
	u.waitFor(`main button[data-expand="` + entry + `"]`)
	u.do(chromedp.Click(chromedp.CSS(`main button[data-expand="` + entry + `"]`)))
	u.waitText(detail, "变更前")
	u.fitsPhone("the audit trail", detail, "CONFIRMED", "audit-trail-phone-zh")
	u.noScriptErrors()
}
