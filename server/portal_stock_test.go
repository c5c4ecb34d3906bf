package server_test

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPortal_StockAndCloseShort: the dealer sees in the catalogue that the
// product out of stock ships in about its lead time, and one in stock as
// in stock; the manager closes a partly delivered order short with a note
// and sees it delivered, with what was closed on its line.
func TestPortal_StockAndCloseShort(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)
	admin, south, manager := signIn(t, m, "admin@demo.test"), signIn(t, m, "south@demo.test"), signIn(t, m, "manager@demo.test")
	cat := loadCatalogue(t, admin)

	// A partly delivered order of South Traders: 2 of 5 delivered.
	o := place(t, south, map[string]any{"lines": lines(cat.products[0], 5)})
	move(t, manager, o.ID, "CONFIRMED")
	var line struct {
		Node struct{ Lines []struct{ ID string } }
	}
	manager.mustQuery(t, `query($id: ID!) { node(id: $id) { ... on Order { lines { id } } } }`, map[string]any{"id": o.ID}, &line)
	sh := createShipment(t, manager, o.ID, line.Node.Lines[0].ID, 2)
	deliveryEvent(t, manager, sh.ID, "IN_TRANSIT", "")
	deliveryEvent(t, manager, sh.ID, "DELIVERED", "")

	dealer := newUser(t, b, m, dir)
	dealer.signIn("south@demo.test")
	dealer.waitText("main h1", "South Traders")
	dealer.do(chromedp.Navigate(m.URL() + "/catalogue?q=Lawn"))
	dealer.waitText(`main tr[data-sku="OP-3601"] [data-availability="BACKORDER"]`, "Ships in about 21 days")
	dealer.do(chromedp.Navigate(m.URL() + "/catalogue?q=Drill"))
	dealer.waitText(`main tr[data-sku="DR-1801"] [data-availability="IN_STOCK"]`, "In stock")
	dealer.screenshot("catalogue-availability-en")
	dealer.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	dealer.do(chromedp.Navigate(m.URL() + "/catalogue?q=Lawn"))
	dealer.waitText(`main tr[data-sku="OP-3601"] [data-availability="BACKORDER"]`, "约 21 天后发货")
	dealer.noScriptErrors()

	mgr := newUser(t, b, m, dir)
	mgr.signIn("manager@demo.test")
	mgr.waitText("main h1", "Dealers")
	mgr.do(chromedp.Navigate(m.URL() + "/orders/" + o.ID))
	mgr.waitText("main h1", o.Number)
	mgr.waitText("main .order-status", "Partially delivered")
	mgr.do(chromedp.Click(chromedp.CSS(`main .close-short button[data-action="close-short"]`)))
	mgr.waitText("main .close-short .field-error", "a note is required")
	mgr.typeText(`main .close-short textarea`, "The rest is discontinued.")
	mgr.do(chromedp.Click(chromedp.CSS(`main .close-short button[data-action="close-short"]`)))
	mgr.waitText("main .order-status", "Delivered")
	mgr.waitNone(`main .close-short`)
	mgr.waitText(`main [data-closed]`, "3 closed short")
	mgr.waitText(`main section[aria-labelledby="order-history"]`, "Closed short: The rest is discontinued.")
	mgr.screenshot("order-closed-short-en")
	mgr.noScriptErrors()

	var now struct{ Node struct{ Status string } }
	manager.mustQuery(t, `query($id: ID!) { node(id: $id) { ... on Order { status } } }`, map[string]any{"id": o.ID}, &now)
	if now.Node.Status != "DELIVERED" {
		t.Errorf("after closing short the order is %s", now.Node.Status)
	}
}

// TestPortal_StockFromAFile: an administrator pastes rows from a
// spreadsheet into the price list; a row with an unknown SKU refuses the
// whole paste and is named by its line; corrected, it sets the product's
// count and lead time, which the price list then shows. The panel fits a
// phone and speaks Chinese.
func TestPortal_StockFromAFile(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)

	admin := newUser(t, b, m, dir)
	admin.signIn("admin@demo.test")
	admin.waitText("main h1", "Dealers")
	admin.do(chromedp.Navigate(m.URL() + "/catalogue?category=Outdoor+Power"))
	admin.waitText(`main [data-stock="OP-3601"]`, "0 on hand")
	admin.do(chromedp.Click(chromedp.CSS(`main button[data-action="open-stock-import"]`)))
	admin.typeText(`main .stock-import textarea`, "SKU\tOn hand\tLead time days\nOP-3601\t25\t14\nNOPE-1\t3\n")
	admin.do(chromedp.Click(chromedp.CSS(`main button[data-action="import-stock"]`)))
	admin.waitText(`main .stock-import-rows li[data-line="3"]`, "Line 3, SKU")
	admin.waitText(`main [data-stock="OP-3601"]`, "0 on hand")
	admin.screenshot("stock-file-refused-en")

	admin.replaceText(`main .stock-import textarea`, "OP-3601\t25\t14\n")
	admin.do(chromedp.Click(chromedp.CSS(`main button[data-action="import-stock"]`)))
	admin.waitText(`main .stock-import-done`, "1 product changed, 0 already as in the file.")
	admin.waitText(`main [data-stock="OP-3601"]`, "25 on hand · 0 reserved · lead time 14 d")
	admin.fitsPhone("the price list with the stock file", `main .stock-import h2`, "Set stock from a file", "stock-file-phone")
	admin.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	admin.waitText(`main .stock-import h2`, "从文件设置库存")
	admin.noScriptErrors()

	var got struct {
		Products struct {
			Edges []struct {
				Node struct {
					LeadTimeDays int
					Stock        struct{ OnHand int }
				}
			}
		}
	}
	signIn(t, m, "admin@demo.test").mustQuery(t, `{ products(where: {sku: "OP-3601"}) { edges { node { leadTimeDays stock { onHand } } } } }`, nil, &got)
	if n := got.Products.Edges[0].Node; n.Stock.OnHand != 25 || n.LeadTimeDays != 14 {
		t.Errorf("OP-3601 after the file: %+v", n)
	}
}
