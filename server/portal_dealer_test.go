package server_test

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// grouped writes an API amount ("-22544.00") as the portal shows it in
// English and Chinese ("-22,544.00"): the digits are the API's, only grouped.
func grouped(amount string) string {
	sign, whole, frac := "", amount, ""
	if strings.HasPrefix(whole, "-") {
		sign, whole = "-", whole[1:]
	}
	if i := strings.IndexByte(whole, '.'); i >= 0 {
		whole, frac = whole[:i], whole[i:]
	}
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return sign + b.String() + frac
}

func TestGrouped(t *testing.T) {
	for in, want := range map[string]string{"0.00": "0.00", "999.50": "999.50", "1000.00": "1,000.00", "-22544.00": "-22,544.00", "1234567.89": "1,234,567.89"} {
		if got := grouped(in); got != want {
			t.Errorf("grouped(%q) = %q, want %q", in, got, want)
		}
	}
}

type homeFigures struct {
	Me struct {
		Dealer struct {
			CreditLimit, CreditExposure, AvailableCredit, Balance string
			Ageing                                                struct{ Overdue string }
			OpenOrders                                            []struct {
				Status string
				Count  int
			}
		}
	}
	Unread struct{ TotalCount int }
}

const homeFiguresQ = `{ me { dealer { creditLimit creditExposure availableCredit balance ageing { overdue } openOrders { status count } } }
	unread: announcements(unreadOnly: true, first: 1) { totalCount } }`

// sameFigures checks every figure on the dealer's Home against the API's.
func (u *user) sameFigures(f homeFigures) {
	u.t.Helper()
	d := f.Me.Dealer
	for sel, want := range map[string]string{
		`main [data-figure="creditLimit"]`:     d.CreditLimit,
		`main [data-figure="creditExposure"]`:  d.CreditExposure,
		`main [data-figure="availableCredit"]`: d.AvailableCredit,
		`main [data-figure="balance"]`:         d.Balance,
		`main [data-figure="overdue"]`:         d.Ageing.Overdue,
	} {
		u.waitFor(sel)
		if got := strings.TrimSpace(u.text(sel)); got != grouped(want) {
			u.t.Errorf("%s shows %q, the API says %s", sel, got, want)
		}
	}
	for _, s := range d.OpenOrders {
		sel := fmt.Sprintf(`main [data-open-status=%q] [data-count]`, s.Status)
		u.waitText(sel, strconv.Itoa(s.Count))
		if got := strings.TrimSpace(u.text(sel)); got != strconv.Itoa(s.Count) {
			u.t.Errorf("open orders %s: Home shows %q, the API says %d", s.Status, got, s.Count)
		}
	}
	if f.Unread.TotalCount > 0 {
		u.waitText(`main [data-figure="unread"]`, strconv.Itoa(f.Unread.TotalCount))
	}
}

// TestPortal_DealerHome: South Traders' Home shows the API's own figures —
// credit used and available against the limit, balance and overdue, open
// orders by status, unread announcements — in English and Chinese, on a
// desktop and a phone; an order placed elsewhere moves its open orders
// without a reload.
func TestPortal_DealerHome(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)
	api := signIn(t, m, "south@demo.test")
	var before homeFigures
	api.mustQuery(t, homeFiguresQ, nil, &before)

	south := newUser(t, b, m, dir)
	south.signIn("south@demo.test")
	south.waitText("main h1", "South Traders")
	south.waitText("main #home-credit", "Credit")
	south.sameFigures(before)
	south.waitText("main #home-deliveries", "Latest deliveries")
	south.waitText("main .home-progress", "Quota this month")
	south.waitText("main #home-policies", "Policies to acknowledge")
	south.waitText("main .home-tickets", "Service requests")
	south.screenshot("dealer-home-en")
	south.fitsPhone("dealer Home", "main #home-owed", "What you owe", "dealer-home-phone-en")

	// A status links to the orders of that status.
	if len(before.Me.Dealer.OpenOrders) > 0 {
		s := before.Me.Dealer.OpenOrders[0].Status
		if href := south.eval(fmt.Sprintf(`document.querySelector('main [data-open-status=%q] a').getAttribute("href")`, s)); href != "/orders?status="+s {
			t.Errorf("open orders %s link to %q", s, href)
		}
	}

	// An order placed now (through the API, as another of its users would)
	// shows among the open orders without a reload, and the exposure follows.
	south.markPage()
	var products struct {
		Products struct {
			Edges []struct{ Node struct{ ID, Price string } }
		}
	}
	api.mustQuery(t, `{ products(where: { active: true }, orderBy: { field: SKU }, first: 20) { edges { node { id price } } } }`, nil, &products)
	productID := ""
	for _, e := range products.Products.Edges {
		if e.Node.Price != "" {
			productID = e.Node.ID
			break
		}
	}
	if productID == "" {
		t.Fatal("South Traders has no product with a price")
	}
	api.mustQuery(t, `mutation($in: PlaceOrderInput!) { placeOrder(input: $in) { id } }`,
		map[string]any{"in": map[string]any{"lines": []any{map[string]any{"productID": productID, "quantity": 1}}}}, &struct{}{})
	var after homeFigures
	api.mustQuery(t, homeFiguresQ, nil, &after)
	submitted := 0
	for _, s := range after.Me.Dealer.OpenOrders {
		if s.Status == "SUBMITTED" {
			submitted = s.Count
		}
	}
	south.waitText(`main [data-open-status="SUBMITTED"] [data-count]`, strconv.Itoa(submitted))
	south.waitText(`main [data-figure="creditExposure"]`, grouped(after.Me.Dealer.CreditExposure))
	south.notReloaded()
	south.sameFigures(after)

	// Chinese: the same figures, the words in Chinese.
	south.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	south.waitText("main #home-owed", "应付款")
	south.waitText("main #home-orders", "进行中的订单")
	south.sameFigures(after)
	south.screenshot("dealer-home-zh")
	south.fitsPhone("dealer Home in Chinese", "main #home-owed", "应付款", "dealer-home-phone-zh")
	south.noScriptErrors()
}

// TestPortal_AnnouncementsInbox: South Traders has its inbox open when the
// administrator publishes an announcement from the portal (written in
// Markdown, previewed): it arrives without a reload, unread; South marks it
// read, the unread filter leaves it out, and the administrator's list
// counts one reader. In Chinese and on a phone too.
func TestPortal_AnnouncementsInbox(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)
	title := fmt.Sprintf("Warehouse closed on Friday %d", time.Now().UnixNano()%100000)

	south := newUser(t, b, m, dir)
	south.signIn("south@demo.test")
	south.waitText("main h1", "South Traders")
	south.nav("/announcements")
	south.waitText("main h1", "Announcements")
	south.waitFor("main .announcements")
	south.markPage()

	admin := newUser(t, b, m, dir)
	admin.signIn("admin@demo.test")
	admin.waitText("main h1", "Dealers")
	admin.nav("/announcements")
	admin.waitText("main h1", "Announcements")
	admin.do(chromedp.Click(chromedp.CSS(`main a[data-link="publish"]`)))
	admin.waitText("main h1", "Publish an announcement")
	admin.typeText(`main form input[name=title]`, title)
	admin.setText(`main form textarea[name=body]`, "Our **Shanghai** warehouse is closed on Friday.\n\n- Orders placed that day ship on Monday")
	admin.choose(`main form select[name=category]`, "OPERATIONS")
	admin.do(chromedp.Click(chromedp.CSS(`main form input[name=pinned]`)))
	admin.do(chromedp.Click(chromedp.CSS(`main form button[data-action=preview]`)))
	admin.waitText("main .preview strong", "Shanghai")
	admin.screenshot("admin-announcement-publish-en")
	admin.do(chromedp.Click(chromedp.CSS(`main form button[data-action=publish]`)))
	card := fmt.Sprintf(`main .announcements li[data-announcement=%q]`, title)
	admin.waitText(card, "Read by 0 dealer users")

	// It reaches South's open inbox by itself, pinned and unread.
	south.waitText(card, title)
	south.waitText("main .live-note", "New announcement: "+title)
	south.waitText(card, "Pinned")
	south.waitText(card+" .announcement-body strong", "Shanghai")
	if cls := south.eval(fmt.Sprintf(`document.querySelector(%q).className`, card)); !strings.Contains(cls, "unread") {
		t.Errorf("the new announcement is not marked unread: %q", cls)
	}
	if first := south.eval(`document.querySelector("main .announcements li").dataset.announcement`); first != title {
		t.Errorf("the pinned announcement is not first; first is %q", first)
	}
	south.notReloaded()
	south.screenshot("dealer-announcements-live-en")

	// South reads it; the unread filter leaves it out.
	south.do(chromedp.Click(chromedp.CSS(card + ` button[data-action="mark-read"]`)))
	south.waitFor(card + " .read-at")
	if cls := south.eval(fmt.Sprintf(`document.querySelector(%q).className`, card)); strings.Contains(cls, "unread") {
		t.Errorf("a read announcement is still marked unread: %q", cls)
	}
	south.do(chromedp.Click(chromedp.CSS(`main button[data-filter="unread"]`)))
	south.waitNone(card)
	south.do(chromedp.Click(chromedp.CSS(`main button[data-filter="all"]`)))
	south.waitFor(card)

	// The administrator's list counts the reader.
	admin.do(chromedp.Navigate(m.URL() + "/announcements"))
	admin.waitText(card, "Read by 1 dealer user")
	admin.screenshot("admin-announcements-en")

	// Staff opening the catalogue get the price list: prices by tier and channel, with their validity.
	admin.nav("/catalogue")
	admin.waitText("main h1", "Price list")
	admin.waitFor(`main .price-rows li[data-validity="current"][data-tier="2"]`)
	if n := admin.eval(`String(document.querySelectorAll("main input.qty").length)`); n != "0" {
		t.Errorf("the staff's price list offers %s quantity fields", n)
	}
	admin.screenshot("admin-price-list-en")
	admin.fitsPhone("the price list", "main h1", "Price list", "admin-price-list-phone-en")

	// Chinese and a phone.
	south.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	south.waitText("main h1", "公告")
	south.waitText(card, "已读")
	south.screenshot("dealer-announcements-zh")
	south.fitsPhone("the announcements inbox", "main h1", "公告", "dealer-announcements-phone-zh")
	south.noScriptErrors()
	admin.noScriptErrors()
}

// TestPortal_PlaceWithReference: the dealer gives its purchase-order
// reference and a requested delivery date at review, and finds them on the
// order; quick entry by SKU adds to the order, whose bar shows its value as
// the API quotes it.
func TestPortal_PlaceWithReference(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)
	api := signIn(t, m, "south@demo.test")
	var s struct {
		Settings struct{ Today string }
		Products struct {
			Edges []struct {
				Node struct{ ID, Sku, Price string }
			}
		}
	}
	api.mustQuery(t, `{ settings { today } products(where: { active: true }, orderBy: { field: SKU }, first: 20) { edges { node { id sku price } } } }`, nil, &s)
	var sku, productID string
	for _, e := range s.Products.Edges {
		if e.Node.Price != "" {
			sku, productID = e.Node.Sku, e.Node.ID
			break
		}
	}
	today, err := time.Parse("2006-01-02", s.Settings.Today)
	if err != nil {
		t.Fatal(err)
	}
	wanted := today.AddDate(0, 0, 10).Format("2006-01-02")
	reference := fmt.Sprintf("PO-%d", time.Now().UnixNano()%1000000)

	u := newUser(t, b, m, dir)
	u.signIn("south@demo.test")
	u.waitText("main h1", "South Traders")
	u.nav("/catalogue")
	u.waitText("main h1", "Catalogue")
	u.typeText(`main .quick-entry input[name=sku]`, strings.ToLower(sku))
	u.setInput(`main .quick-entry input[name=quantity]`, "3")
	u.do(chromedp.Click(chromedp.CSS(`main .quick-entry button[data-action="quick-add"]`)))
	u.waitText("main .quick-entry .quick-note", "Added 3 ×")
	u.waitText(".order-bar", "1 line, 3 units")
	var quote struct{ QuoteOrder struct{ Total string } }
	api.mustQuery(t, `query($in: PlaceOrderInput!) { quoteOrder(input: $in) { total } }`,
		map[string]any{"in": map[string]any{"lines": []any{map[string]any{"productID": productID, "quantity": 3}}}}, &quote)
	u.waitText(`.order-bar [data-figure="orderValue"]`, grouped(quote.QuoteOrder.Total))
	u.screenshot("dealer-catalogue-quick-entry-en")

	u.do(chromedp.Click(chromedp.CSS(`.order-bar a`)))
	u.waitText("main h1", "Review your order")
	u.waitText("main tfoot .quote-total", grouped(quote.QuoteOrder.Total))
	u.typeText(`main input[name=purchaseOrderReference]`, reference)
	u.setInput(`main input[name=requestedDeliveryDate]`, wanted)
	u.screenshot("dealer-place-reference-en")
	u.do(chromedp.Click(chromedp.CSS(`button.place-order`)))
	u.waitText("main h1", "placed")
	u.waitText(`main [data-field="purchaseOrderReference"]`, reference)
	number := regexp.MustCompile(`SO-\d+`).FindString(u.text("main h1"))

	// Stored on the order as given.
	var orders struct {
		Orders struct {
			Edges []struct {
				Node struct {
					Number, RequestedDeliveryDate string
					PurchaseOrderReference        *string
				}
			}
		}
	}
	api.mustQuery(t, `{ orders(first: 5, orderBy: { field: PLACED_AT, direction: DESC }) { edges { node { number requestedDeliveryDate purchaseOrderReference } } } }`, nil, &orders)
	found := false
	for _, e := range orders.Orders.Edges {
		if e.Node.Number == number {
			found = true
			if e.Node.PurchaseOrderReference == nil || *e.Node.PurchaseOrderReference != reference || e.Node.RequestedDeliveryDate != wanted {
				t.Errorf("order %s keeps reference %v and date %q, want %q and %q", number, e.Node.PurchaseOrderReference, e.Node.RequestedDeliveryDate, reference, wanted)
			}
		}
	}
	if !found {
		t.Fatalf("order %s is not among the dealer's latest", number)
	}
	u.do(chromedp.Click(chromedp.CSS(`main a.button-primary`)))
	u.waitText("main h1", number)
	u.screenshot("dealer-order-reference-en")
	u.noScriptErrors()
}

// TestPortal_StatementExport: the statement's CSV export saves exactly what
// accountStatementCSV answers for the period shown; its invoice lines link
// to their orders; printing hides the navigation and the buttons.
func TestPortal_StatementExport(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)
	api := signIn(t, m, "south@demo.test")
	var s struct {
		Settings struct{ Today string }
		Me       struct{ Dealer struct{ ID string } }
	}
	api.mustQuery(t, `{ settings { today } me { dealer { id } } }`, nil, &s)
	today, err := time.Parse("2006-01-02", s.Settings.Today)
	if err != nil {
		t.Fatal(err)
	}
	from := today.AddDate(0, -6, 0).Format("2006-01-02")
	to := s.Settings.Today
	var csv struct{ AccountStatementCSV string }
	api.mustQuery(t, `query($d: ID!, $f: Date!, $t: Date!) { accountStatementCSV(dealerID: $d, from: $f, to: $t) }`,
		map[string]any{"d": s.Me.Dealer.ID, "f": from, "t": to}, &csv)

	u := newUser(t, b, m, dir)
	u.signIn("south@demo.test")
	u.waitText("main h1", "South Traders")
	u.do(chromedp.Navigate(m.URL() + "/statement?from=" + from + "&to=" + to))
	u.waitText("main h1", "Account statement")
	u.waitFor("main .statement-lines tbody tr[data-kind]")

	// The file handed to the browser holds the API's text, byte for byte.
	u.eval(`(() => {
		window.__saved = [];
		const make = URL.createObjectURL;
		URL.createObjectURL = (blob) => { window.__saved.push(blob); return make.call(URL, blob); };
		HTMLAnchorElement.prototype.click = function () { window.__savedName = this.download; };
		return "";
	})()`)
	u.do(chromedp.Click(chromedp.CSS(`main button[data-action="export-csv"]`)))
	_, err = chromedp.Run(u.ctx, chromedp.PollFunction[bool](`() => window.__saved.length > 0`, chromedp.WithPollingTimeout(15*time.Second)))
	if err != nil {
		t.Fatalf("no file was saved: %v", err)
	}
	u.eval(`(window.__text = null, window.__saved[0].arrayBuffer().then((b) => { window.__text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(b); }), "")`)
	_, err = chromedp.Run(u.ctx, chromedp.PollFunction[bool](`() => window.__text !== null`, chromedp.WithPollingTimeout(15*time.Second)))
	if err != nil {
		t.Fatalf("the saved file could not be read: %v", err)
	}
	if got := u.eval(`window.__text`); got != csv.AccountStatementCSV {
		t.Errorf("the saved CSV differs from accountStatementCSV:\n got %q\nwant %q", got, csv.AccountStatementCSV)
	}
	if name := u.eval(`window.__savedName`); name != "statement-D-SOUTH-"+from+"-"+to+".csv" {
		t.Errorf("the file is named %q", name)
	}

	// An invoice line links to its order.
	link := `main .statement-lines a[data-link^="SO-"]`
	u.waitFor(link)
	order := u.text(link)
	u.screenshot("dealer-statement-export-en")

	// Printed: no navigation, no buttons, the statement itself.
	u.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		return tg.Call(ctx, "Emulation.setEmulatedMedia", map[string]any{"media": "print"}, nil)
	}))
	for _, sel := range []string{"nav", `main button[data-action="print"]`, "main .period-picker"} {
		if d := u.eval(fmt.Sprintf(`getComputedStyle(document.querySelector(%q)).display`, sel)); d != "none" {
			t.Errorf("printed, %s is still shown (display %s)", sel, d)
		}
	}
	if d := u.eval(`getComputedStyle(document.querySelector("main .statement-lines")).display`); d == "none" {
		t.Error("printed, the statement's lines are hidden")
	}
	u.screenshot("dealer-statement-print-en")
	u.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		return tg.Call(ctx, "Emulation.setEmulatedMedia", map[string]any{"media": ""}, nil)
	}))

	u.do(chromedp.Click(chromedp.CSS(link)))
	u.waitText("main h1", order)
	if !strings.HasPrefix(u.path(), "/orders/") {
		t.Errorf("the invoice's order link led to %q", u.path())
	}
	u.noScriptErrors()
}
