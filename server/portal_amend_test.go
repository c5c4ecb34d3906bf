package server_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// skuOf maps product ids to SKUs, as an admin reads them.
func skuOf(t *testing.T, admin client) map[string]string {
	t.Helper()
	var got struct {
		Products struct {
			Edges []struct{ Node struct{ ID, Sku string } }
		}
	}
	admin.mustQuery(t, `{ products(first: 100) { edges { node { id sku } } } }`, nil, &got)
	out := map[string]string{}
	for _, e := range got.Products.Edges {
		out[e.Node.ID] = e.Node.Sku
	}
	return out
}

// TestPortal_PasteAList: a dealer pastes a purchase list with a bad line;
// the bad line is shown with why, the good ones go into the cart, and the
// order is placed from the cart.
func TestPortal_PasteAList(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)
	admin := signIn(t, m, "admin@demo.test")
	cat := loadCatalogue(t, admin)
	sku := skuOf(t, admin)
	good0, good1 := sku[cat.products[0]], sku[cat.products[1]]

	dealer := newUser(t, b, m, dir)
	dealer.signIn("south@demo.test")
	dealer.waitText("main h1", "South Traders")
	dealer.do(chromedp.Navigate(m.URL() + "/orders/new"))
	dealer.waitText("main h1", "Review your order")
	dealer.do(chromedp.Click(chromedp.CSS(`button.paste-list-open`)))
	dealer.do(chromedp.SendKeys(chromedp.CSS(`textarea[name=orderList]`), "SKU,Quantity\n"+good0+",3\nNOPE-404,2\n"+good1+",2\n"))
	dealer.do(chromedp.Click(chromedp.CSS(`button.paste-list-read`)))
	dealer.waitText(".paste-list-added", "2 lines were put in the cart")
	dealer.waitText(`.list-problems tr[data-problem-line="3"]`, "NOPE-404")
	dealer.waitText(`.list-problems tr[data-problem-line="3"]`, "Unknown SKU")
	dealer.waitText("main form table", good0)
	dealer.waitText("main form table", good1)
	dealer.waitText("main tfoot .quote-total", ".")
	dealer.screenshot("dealer-paste-list-en")
	dealer.do(chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
	dealer.screenshotScreen("dealer-paste-list-phone-en")
	if w := dealer.pageWidth(360); w != "360" {
		t.Errorf("the page is %s px wide on a 360 px phone", w)
	}
	dealer.do(chromedp.EmulateViewport(1280, 900))
	dealer.do(chromedp.Click(chromedp.CSS(`button.place-order`)))
	dealer.waitText("main h1", "placed")
	dealer.noScriptErrors()
}

// TestPortal_AmendmentSeenLive: the dealer amends a submitted order in its
// portal while the manager has the order open; the manager's page shows the
// new lines and the amendment in the history by itself.
func TestPortal_AmendmentSeenLive(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)
	admin := signIn(t, m, "admin@demo.test")
	cat := loadCatalogue(t, admin)
	sku := skuOf(t, admin)
	o := place(t, signIn(t, m, "south@demo.test"), map[string]any{"lines": lines(cat.products[0], 2, cat.products[1], 1)})
	added := sku[cat.products[2]]

	mgr := newUser(t, b, m, dir)
	mgr.signIn("manager@demo.test")
	mgr.waitText("main h1", "Dealers")
	mgr.do(chromedp.Navigate(m.URL() + "/orders/" + o.ID))
	mgr.waitText("main h1", o.Number)
	mgr.markPage()
	if strings.Contains(mgr.eval(`document.querySelector("main").innerText`), "Amend the order") {
		t.Error("the manager is offered to amend the dealer's order")
	}

	dealer := newUser(t, b, m, dir)
	dealer.signIn("south@demo.test")
	dealer.waitText("main h1", "South Traders")
	dealer.do(chromedp.Navigate(m.URL() + "/orders/" + o.ID))
	dealer.waitText("main h1", o.Number)
	dealer.do(chromedp.Click(chromedp.CSS(`button.amend-open`)))
	dealer.waitText(".amend-order", "Amend the order")
	dealer.do(chromedp.Click(chromedp.CSS(`.amend-order tbody tr:nth-child(2) button`)))
	dealer.do(chromedp.SendKeys(chromedp.CSS(`.amend-order input[name=addSku]`), added))
	dealer.do(chromedp.Click(chromedp.CSS(`button.amend-add`)))
	dealer.waitText(".amend-order tbody", added)
	dealer.screenshot("dealer-amend-en")
	dealer.do(chromedp.Click(chromedp.CSS(`button.amend-save`)))
	dealer.waitText("main .history", "Amended")
	dealer.waitText("main .history", added+" added (1)")

	mgr.waitText("main .history", "Amended")
	mgr.waitText("main .history", sku[cat.products[1]]+" removed")
	mgr.waitText("main #order-lines ~ table, main section[aria-labelledby=order-lines]", added)
	mgr.waitText("main .live-note", o.Number+" was amended")
	mgr.notReloaded()
	mgr.screenshot("manager-amended-en")
	dealer.noScriptErrors()
	mgr.noScriptErrors()
}
