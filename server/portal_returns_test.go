package server_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPortal_ReturnToCredit: South Traders asks for a return of part of a
// delivered order from the order's page; the manager finds it on the
// return desk, approves it and receives the goods; the dealer, still on
// the return's page, sees it RECEIVED live, and the credit note on its
// statement. Then the dealer's returns in Chinese, on a phone.
func TestPortal_ReturnToCredit(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)
	admin, manager, south := signIn(t, m, "admin@demo.test"), signIn(t, m, "manager@demo.test"), signIn(t, m, "south@demo.test")
	cat := loadCatalogue(t, admin)
	// Room on the account, so the order is not held for credit.
	var upd struct{ UpdateDealer struct{ ID string } }
	manager.mustQuery(t, `mutation($id: ID!) { updateDealer(id: $id, input: {creditLimit: "100000000.00"}) { id } }`, map[string]any{"id": cat.south}, &upd)
	o := deliveredOrder(t, south, manager, 4, 2)

	dealer := newUser(t, b, m, dir)
	dealer.signIn("south@demo.test")
	dealer.waitText("main h1", "South Traders")
	dealer.do(chromedp.Navigate(m.URL() + "/orders/" + o.ID))
	dealer.waitText("main h1", o.Number)
	dealer.waitFor(`main .order-returns button[data-action="request-return"]`)
	dealer.do(chromedp.Click(chromedp.CSS(`main .order-returns button[data-action="request-return"]`)))
	dealer.waitFor(`main .return-request input[type="number"]`)
	// Too many first: refused next to the line, nothing asked.
	dealer.setInput(`main .return-request input[type="number"]`, "9")
	dealer.do(chromedp.Click(chromedp.CSS(`main .return-request button[data-action="submit-return"]`)))
	dealer.waitText("main .return-request .field-error", "More than may be returned")
	dealer.setInput(`main .return-request input[type="number"]`, "3")
	dealer.choose(`main .return-request select[name="reason"]`, "DEFECTIVE")
	dealer.setText(`main .return-request textarea[name="note"]`, "Three units do not power on.")
	dealer.screenshot("return-request-en")
	dealer.do(chromedp.Click(chromedp.CSS(`main .return-request button[data-action="submit-return"]`)))
	dealer.waitText("main h1", "RT-")
	dealer.waitText("main .return-status", "Requested")
	number := strings.TrimPrefix(dealer.text("main h1"), "Return ")
	returnPath := dealer.path()

	mgr := newUser(t, b, m, dir)
	mgr.signIn("manager@demo.test")
	mgr.waitText("main h1", "Dealers")
	mgr.do(chromedp.Navigate(m.URL() + "/returns"))
	mgr.waitText("main h1", "Return desk")
	mgr.waitText(`main .returns-table [data-return="`+number+`"]`, "Requested")
	mgr.screenshot("return-desk-en")
	mgr.do(chromedp.Click(chromedp.CSS(`main .returns-table [data-return="` + number + `"] a`)))
	mgr.waitText("main h1", number)
	mgr.do(chromedp.Click(chromedp.CSS(`main .return-actions button[data-action="approve"]`)))
	mgr.waitText("main .return-status", "Approved")
	dealer.waitText("main .return-status", "Approved") // live
	mgr.waitFor(`main .return-actions button[data-action="receive"]`)
	mgr.do(chromedp.Click(chromedp.CSS(`main .return-actions button[data-action="receive"]`)))
	mgr.waitText("main .return-status", "Received")
	mgr.waitFor(`main [data-credit-note]`)
	credit := mgr.eval(`document.querySelector('main [data-credit-note]').dataset.creditNote`)
	mgr.screenshot("return-received-en")

	// The dealer never reloaded: the return moved on its page.
	if got := dealer.path(); got != returnPath {
		t.Fatalf("the dealer left the return's page: %s", got)
	}
	dealer.waitText("main .return-status", "Received")
	dealer.waitText("main .return-detail", credit)
	dealer.do(chromedp.Click(chromedp.CSS(`main .return-detail a[href="/statement"]`)))
	dealer.waitText("main h1", "Account statement")
	dealer.waitText("main table", credit)
	dealer.screenshot("return-credit-statement-en")

	dealer.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	dealer.do(chromedp.Navigate(m.URL() + "/returns"))
	dealer.waitText("main h1", "退货")
	dealer.waitText(`main .returns-table [data-return="`+number+`"]`, "已收货")
	dealer.fitsPhone("the returns", "main h1", "退货", "returns-phone-zh")
	dealer.noScriptErrors()
	mgr.noScriptErrors()
}
