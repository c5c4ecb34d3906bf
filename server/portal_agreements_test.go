package server_test

import (
	"strings"
	"testing"

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
	mgr.do(chromedp.Click(chromedp.CSS(`nav a[href="/agreements"]`)))
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
	dealer.do(chromedp.Click(chromedp.CSS(`nav a[href="/agreements"]`)))
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
