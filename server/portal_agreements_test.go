package server_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestPortal_Agreements: the manager writes a service agreement for South
// Traders in the editor, amends its terms (version 2, the first kept),
// and is refused an overlapping one of the same kind; South Traders reads
// it among its own agreements, in Chinese, on a phone.
func TestPortal_Agreements(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)
	admin := signIn(t, m, "admin@demo.test")
	cat := loadCatalogue(t, admin)

	mgr := newUser(t, b, m, dir)
	mgr.signIn("manager@demo.test")
	mgr.waitText("main h1", "Dealers")
	mgr.nav("/agreements")
	mgr.waitText("main h1", "Agreements")
	mgr.waitFor(`main .agreements-ending`)
	mgr.do(chromedp.Click(chromedp.CSS(`main button[data-action="new-agreement"]`)))
	mgr.waitFor(`main .agreement-editor select[name="dealer"] option[value="` + cat.south + `"]`)
	mgr.choose(`main .agreement-editor select[name="dealer"]`, cat.south)
	mgr.choose(`main .agreement-editor select[name="kind"]`, "SERVICE")
	mgr.setInput(`main .agreement-editor input[name="startsOn"]`, "2035-01-01")
	mgr.setInput(`main .agreement-editor input[name="endsOn"]`, "2035-12-31")
	mgr.setText(`main .agreement-editor textarea[name="terms"]`, "# Service\n\nFour workshop visits a year.")
	mgr.screenshot("agreement-editor-en")
	mgr.do(chromedp.Click(chromedp.CSS(`main button[data-action="create-agreement"]`)))
	mgr.waitText("main h1", "Agreement AG-")
	number := strings.TrimPrefix(mgr.text("main h1"), "Agreement ")
	mgr.waitText("main .markdown h1", "Service") // rendered, not the Markdown source
	mgr.waitText(`main [data-field="version"]`, "1")

	mgr.do(chromedp.Click(chromedp.CSS(`main button[data-action="amend"]`)))
	mgr.waitFor(`main .amend-form textarea[name="terms"]`)
	mgr.setText(`main .amend-form textarea[name="terms"]`, "# Service\n\nSix workshop visits a year.")
	mgr.do(chromedp.Click(chromedp.CSS(`main button[data-action="save-amendment"]`)))
	mgr.waitText(`main [data-field="version"]`, "2")
	mgr.waitText(`main .history [data-version="1"]`, "created")
	mgr.waitText(`main .history [data-version="2"]`, "amended")
	mgr.waitText("main .markdown", "Six workshop visits")
	mgr.screenshot("agreement-amended-en")

	// An overlapping one of the same kind: refused, said in words.
	mgr.do(chromedp.Navigate(m.URL() + "/agreements"))
	mgr.waitText(`main .agreements-table [data-agreement="`+number+`"]`, "Active")
	mgr.do(chromedp.Click(chromedp.CSS(`main button[data-action="new-agreement"]`)))
	mgr.waitFor(`main .agreement-editor select[name="dealer"] option[value="` + cat.south + `"]`)
	mgr.choose(`main .agreement-editor select[name="dealer"]`, cat.south)
	mgr.choose(`main .agreement-editor select[name="kind"]`, "SERVICE")
	mgr.setInput(`main .agreement-editor input[name="startsOn"]`, "2035-06-01")
	mgr.setInput(`main .agreement-editor input[name="endsOn"]`, "2036-05-31")
	mgr.do(chromedp.Click(chromedp.CSS(`main button[data-action="create-agreement"]`)))
	mgr.waitText(`main .agreement-editor [role="alert"][data-code="CONFLICT"]`, "Another agreement of this kind")

	dealer := newUser(t, b, m, dir)
	dealer.signIn("south@demo.test")
	dealer.waitText("main h1", "South Traders")
	dealer.nav("/agreements")
	dealer.waitText("main h1", "Our agreements")
	dealer.waitText(`main .agreements-table [data-agreement="`+number+`"]`, "Active")
	if n := dealer.eval(`String(document.querySelectorAll('main button[data-action="new-agreement"]').length)`); n != "0" {
		t.Errorf("a dealer user is offered the editor")
	}
	dealer.do(chromedp.Click(chromedp.CSS(`main .agreements-table [data-agreement="` + number + `"] a`)))
	dealer.waitText("main h1", number)
	dealer.waitText("main .markdown", "Six workshop visits")
	if n := dealer.eval(`String(document.querySelectorAll('main .agreement-actions').length)`); n != "0" {
		t.Errorf("a dealer user is offered changes")
	}
	dealer.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	dealer.waitText("main h1", "协议 "+number)
	dealer.waitText("main .agreement-status", "生效中")
	dealer.fitsPhone("the agreement", "main h1", "协议", "agreement-phone-zh")
	dealer.noScriptErrors()
	mgr.noScriptErrors()
}

// TestPortal_DealerStatusChange: on a suspended dealer's page the manager
// is offered the other statuses; a change without a reason is refused on
// the form, one dated later is scheduled and then withdrawn, and one dated
// today applies at once: the dealer's badge and its timeline show it. The
// panel fits a phone and speaks Chinese.
func TestPortal_DealerStatusChange(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)
	cat := loadCatalogue(t, signIn(t, m, "admin@demo.test"))

	mgr := newUser(t, b, m, dir)
	mgr.signIn("manager@demo.test")
	mgr.waitText("main h1", "Dealers")
	mgr.do(chromedp.Navigate(m.URL() + "/dealers/" + cat.suspended))
	mgr.waitText(`main section[aria-labelledby="dealer-details"]`, "Suspended")
	mgr.waitFor(`main .status-form select option[value="ACTIVE"]`)
	if n := mgr.eval(`String(document.querySelectorAll("main .status-form select option").length)`); n != "3" {
		t.Errorf("a suspended dealer is offered %s statuses, want 3 (the others)", n)
	}
	mgr.choose(`main .status-form select`, "ACTIVE")
	mgr.setInput(`main .status-form input[type="date"]`, time.Now().AddDate(0, 1, 0).Format(time.DateOnly))
	mgr.do(chromedp.Click(chromedp.CSS(`main button[data-action="change-status"]`)))
	mgr.waitText(`main .status-form .field-error`, "Say why the status changes.")
	mgr.typeText(`main .status-form textarea`, "Overdue invoices settled")
	mgr.waitText(`main button[data-action="change-status"]`, "Schedule the change")
	mgr.do(chromedp.Click(chromedp.CSS(`main button[data-action="change-status"]`)))
	mgr.waitText(`main .status-changes li[data-state="SCHEDULED"]`, "Overdue invoices settled")
	mgr.waitText(`main section[aria-labelledby="dealer-details"]`, "Suspended")
	mgr.screenshot("dealer-status-scheduled-en")
	mgr.do(chromedp.Click(chromedp.CSS(`main button[data-action="cancel-status-change"]`)))
	mgr.waitText(`main .status-changes li[data-state="CANCELLED"]`, "withdrawn")

	mgr.choose(`main .status-form select`, "PROBATION")
	mgr.setInput(`main .status-form input[type="date"]`, mgr.eval(`document.querySelector("main .status-form input[type=date]").min`))
	mgr.typeText(`main .status-form textarea`, "Six months on probation")
	mgr.waitText(`main button[data-action="change-status"]`, "Change status now")
	mgr.do(chromedp.Click(chromedp.CSS(`main button[data-action="change-status"]`)))
	mgr.waitText(`main .status-changes li[data-state="APPLIED"]`, "Six months on probation")
	mgr.waitText(`main section[aria-labelledby="dealer-details"]`, "Probation")
	mgr.waitText(`main .timeline`, "Six months on probation")
	mgr.fitsPhone("the dealer's status changes", `main .dealer-status h2`, "Status changes", "dealer-status-phone")
	mgr.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	mgr.waitText(`main .dealer-status h2`, "状态变更")
	mgr.noScriptErrors()

	var got struct{ Node struct{ Status string } }
	signIn(t, m, "admin@demo.test").mustQuery(t, `query($id: ID!) { node(id: $id) { ... on Dealer { status } } }`, map[string]any{"id": cat.suspended}, &got)
	if got.Node.Status != "PROBATION" {
		t.Errorf("the dealer is %s, want PROBATION", got.Node.Status)
	}
}
