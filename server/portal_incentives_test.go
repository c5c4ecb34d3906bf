package server_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// fitsWidth checks that the page is no wider than a phone screen of width pixels.
func (u *user) fitsWidth(width int, waitSel, waitFor, shot string) {
	u.t.Helper()
	u.do(chromedp.EmulateViewport(int64(width), 844, chromedp.EmulateMobile))
	u.waitText(waitSel, waitFor)
	if w := u.pageWidth(width); w != fmt.Sprint(width) {
		u.t.Errorf("%s is %spx wide on a %dpx screen", shot, w, width)
	}
	u.screenshotScreen(shot)
	u.do(chromedp.EmulateViewport(1280, 900))
}

// previousMonth is the month before the one a business date ("2026-12-06") is in: "2026-11".
func previousMonth(t *testing.T, today string) string {
	t.Helper()
	d, err := time.Parse("2006-01-02", today)
	if err != nil {
		t.Fatal(err)
	}
	return time.Date(d.Year(), d.Month()-1, 1, 0, 0, 0, 0, time.UTC).Format("2006-01")
}

// TestPortal_Incentives: the administrator starts a monthly rebate program
// for every dealer from the Rebates page (a bad ladder is refused on its
// row first); South Traders finds it on My incentives with its standing,
// and when the manager ships one of its orders (the invoice is issued as
// the shipment leaves) the basis and accrued move on the open page. The
// manager sees the same standing on the dealer's page. The administrator
// previews last month, settles it after confirming and sees the credit
// notes; settling the running month is refused with the server's reason.
// Ending the program before the settled month is refused on the field;
// ending it with that month shows on the page.
func TestPortal_Incentives(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)
	name := fmt.Sprintf("Volume rebate %d", time.Now().UnixNano()%100000)
	admin := signIn(t, m, "admin@demo.test")
	var settings struct{ Settings struct{ Today string } }
	admin.mustQuery(t, `{ settings { today } }`, nil, &settings)
	month := settings.Settings.Today[:7]
	lastMonth := previousMonth(t, settings.Settings.Today)
	twoMonthsAgo := previousMonth(t, lastMonth+"-01")

	// The administrator starts the program from the form: from two months ago,
	// for everyone, 1 % from 0 and 3 % from 5,000,000.
	a := newUser(t, b, m, dir)
	a.signIn("admin@demo.test")
	a.waitText("main h1", "Dealers")
	a.nav("/rebates")
	a.waitText("main h1", "Rebate programs")
	a.do(chromedp.Click(chromedp.CSS(`main a[data-link="new-program"]`)))
	a.waitText("main h1", "New rebate program")
	a.waitText("main form", "Tier mode")
	a.choose(`main form select[name=periodKind]`, "MONTH")
	a.do(chromedp.SendKeys(chromedp.CSS(`main form input[name=name]`), name))
	a.setText(`main form textarea[name=description]`, "Monthly volume rebate on net invoiced sales.")
	a.setInput(`main form input[name=firstPeriod]`, twoMonthsAgo)
	a.setInput(`main form input[name="tiers.0.threshold"]`, "0")
	a.setInput(`main form input[name="tiers.0.rate"]`, "1")
	a.do(chromedp.Click(chromedp.CSS(`main form button[data-action=add-tier]`)))
	a.waitFor(`main form input[name="tiers.1.threshold"]`)
	// A ladder that does not rise is refused on the tier at fault, and nothing is started.
	a.setInput(`main form input[name="tiers.1.threshold"]`, "0")
	a.setInput(`main form input[name="tiers.1.rate"]`, "3")
	a.do(chromedp.Click(chromedp.CSS(`main form button[data-action=create]`)))
	a.waitText(`main form tr[data-tier-row="1"] .field-error`, "above the tier before")
	a.screenshot("admin-rebate-editor-refused-en")
	a.setInput(`main form input[name="tiers.1.threshold"]`, "5000000")
	a.do(chromedp.Click(chromedp.CSS(`main form button[data-action=create]`)))
	a.waitText("main h1", name)
	a.waitText("main .ladder-table", "3%")
	programPath := a.path()
	if !strings.HasPrefix(programPath, "/rebates/") {
		t.Fatalf("after starting the program the admin is on %q", programPath)
	}

	// South Traders has a quota of 100,000.00 this month.
	dealerAPI := signIn(t, m, "south@demo.test")
	var me struct {
		Me struct {
			Dealer struct {
				ID      string
				Rebates []struct {
					Program struct{ Name string }
					Basis   string
					Accrued string
				}
			}
		}
	}
	dealerAPI.mustQuery(t, `{ me { dealer { id rebates { program { name } basis accrued } } } }`, nil, &me)
	admin.mustQuery(t, `mutation($d: ID!, $m: Period!) { setQuotas(input: [{dealerID: $d, month: $m, amount: "100000.00"}]) { id } }`,
		map[string]any{"d": me.Me.Dealer.ID, "m": month}, &struct{}{})

	// South Traders sees where it stands this month.
	south := newUser(t, b, m, dir)
	south.signIn("south@demo.test")
	south.waitText("main h1", "South Traders")
	south.nav("/incentives")
	south.waitText("main h1", "My incentives")
	card := fmt.Sprintf(`main .rebate-statuses li[data-program=%q]`, name)
	south.waitText(card, month)
	south.waitText(card, "Basis (net invoiced)")
	south.waitText(card+` [data-fact=rate]`, "%")
	south.waitText(card+` [data-fact=next]`, "more reaches the next tier (3%)")
	south.waitFor(card + ` .tier-ladder svg.recharts-surface`)
	south.waitText("main .quota-cards", "This quarter")
	south.waitText(`main .quota-cards [data-quota=month]`, "of 100,000.00")
	south.waitText(`main .quota-cards [data-quota=month] [data-fact=remaining]`, "left to reach the quota")
	south.waitFor(`main .quota-cards [data-quota=month] [role=progressbar]`)
	basisBefore := south.text(card + ` [data-fact=basis]`)
	accruedBefore := south.text(card + ` [data-fact=accrued]`)
	south.screenshot("dealer-incentives-en")
	south.markPage()

	// The API agrees with what the page shows.
	dealerAPI.mustQuery(t, `{ me { dealer { id rebates { program { name } basis accrued } } } }`, nil, &me)
	var basisAPI string
	for _, r := range me.Me.Dealer.Rebates {
		if r.Program.Name == name {
			basisAPI = r.Basis
		}
	}
	if basisAPI == "" {
		t.Fatalf("South Traders' rebates have no %q: %+v", name, me.Me.Dealer.Rebates)
	}
	if got := south.text(card + ` [data-fact=basis]`); got != moneyText(basisAPI) {
		t.Errorf("the page shows a basis of %q, the API %q", got, basisAPI)
	}

	// The manager ships an order of South's: the invoice moves the basis on South's open page.
	manager := signIn(t, m, "manager@demo.test")
	order := placeConfirmed(t, dealerAPI, manager, 2)
	shipment := createShipment(t, manager, order.ID, order.Lines[0].ID, 2)
	moved := deliveryEvent(t, manager, shipment.ID, "IN_TRANSIT", "Kunshan warehouse")
	if moved.Invoice == nil {
		t.Fatal("the shipment left without an invoice")
	}
	south.waitGone(card+` [data-fact=basis]`, basisBefore)
	south.waitGone(card+` [data-fact=accrued]`, accruedBefore)
	south.notReloaded()
	south.screenshot("dealer-incentives-after-invoice-en")
	south.fitsWidth(390, card, "Accrued", "dealer-incentives-phone-en")
	south.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	south.waitText("main h1", "我的激励")
	south.waitText(card, "已累计返利")
	south.fitsWidth(390, card, "已累计返利", "dealer-incentives-phone-zh")

	// The manager sees the same standing on South's page.
	mgr := newUser(t, b, m, dir)
	mgr.signIn("manager@demo.test")
	mgr.waitText("main h1", "Dealers")
	mgr.do(chromedp.Navigate(m.URL() + "/dealers/" + me.Me.Dealer.ID))
	mgr.waitText("main h1", "South Traders")
	mgr.waitText("main .dealer-rebates", name)
	mgr.waitText(fmt.Sprintf(`main .dealer-rebates li[data-program=%q] [data-fact=basis]`, name), south.text(card+` [data-fact=basis]`))
	mgr.screenshot("manager-dealer-rebates-en")

	// North Distribution, a distributor, switches to one of its sub-dealers.
	northAPI := signIn(t, m, "north@demo.test")
	var north struct {
		Me struct {
			Dealer struct {
				SubDealers []struct{ ID, Name string }
			}
		}
	}
	northAPI.mustQuery(t, `{ me { dealer { subDealers { id name } } } }`, nil, &north)
	if len(north.Me.Dealer.SubDealers) == 0 {
		t.Fatal("North Distribution has no sub-dealers")
	}
	sub := north.Me.Dealer.SubDealers[0]
	n := newUser(t, b, m, dir)
	n.signIn("north@demo.test")
	n.waitText("main h1", "North Distribution")
	n.do(chromedp.Navigate(m.URL() + "/incentives"))
	n.waitText("main h1", "My incentives")
	n.waitText(card, "Accrued")
	n.choose(`main select[name=dealer]`, sub.ID)
	n.waitText("main .eyebrow", "Showing "+sub.Name)
	n.waitText(card, "Accrued")
	n.screenshot("distributor-incentives-sub-dealer-en")

	// The administrator previews last month, then settles it after confirming.
	a.do(chromedp.Navigate(m.URL() + programPath))
	a.waitText("main h1", name)
	a.waitText("main .settlement", "Settlement")
	a.choose(`main .settlement select[name=period]`, lastMonth)
	a.do(chromedp.Click(chromedp.CSS(`main .settlement button[data-action=preview]`)))
	a.waitText("main .settlement-preview caption", "Preview of "+lastMonth)
	a.waitText("main .settlement-preview", "South Traders")
	var preview struct {
		RebateSettlementPreview struct {
			TotalToCredit string
			Lines         []struct{ ToCredit string }
		}
	}
	admin.mustQuery(t, `query($p: ID!, $period: Period!) { rebateSettlementPreview(programID: $p, period: $period) { totalToCredit lines { toCredit } } }`,
		map[string]any{"p": strings.TrimPrefix(programPath, "/rebates/"), "period": lastMonth}, &preview)
	total := preview.RebateSettlementPreview.TotalToCredit
	a.waitText("main .settlement-preview .total-to-credit", moneyText(total))
	a.screenshot("admin-rebate-preview-en")
	a.do(chromedp.Click(chromedp.CSS(`main .settlement button[data-action=settle]`)))
	a.waitText("main .confirm-settle", "Settle "+lastMonth+"?")
	a.do(chromedp.Click(chromedp.CSS(`main .confirm-settle button[data-action=confirm-settle]`)))
	a.waitText("main .settled-result", lastMonth+" settled")
	credited := 0
	for _, l := range preview.RebateSettlementPreview.Lines {
		if l.ToCredit != "0.00" && l.ToCredit != "0" {
			credited++
		}
	}
	if credited == 0 {
		t.Fatalf("last month's preview credits nobody (total %s): the demo has no invoices then?", total)
	}
	if got := a.eval(`String(document.querySelectorAll("main .settlement-done .credit-note").length - [...document.querySelectorAll("main .settlement-done .credit-note")].filter(e => e.innerText.trim() === "—").length)`); got != fmt.Sprint(credited) {
		t.Errorf("the settlement shows %s credit notes, want %d", got, credited)
	}
	a.waitText("main .settlement-done", "CN-")
	a.screenshot("admin-rebate-settled-en")
	// Previewing again credits nothing more.
	a.do(chromedp.Click(chromedp.CSS(`main .settlement button[data-action=preview]`)))
	a.waitText("main .settlement-preview .total-to-credit", "0.00")

	// Settling the running month is refused with the server's reason.
	a.choose(`main .settlement select[name=period]`, month)
	a.do(chromedp.Click(chromedp.CSS(`main .settlement button[data-action=preview]`)))
	a.waitText("main .settlement-preview caption", "Preview of "+month)
	a.do(chromedp.Click(chromedp.CSS(`main .settlement button[data-action=settle]`)))
	a.do(chromedp.Click(chromedp.CSS(`main .confirm-settle button[data-action=confirm-settle]`)))
	a.waitText("main .settle-error", "has not ended yet")
	a.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	a.waitText("main .settle-error", "尚未结束")
	a.fitsWidth(390, "main .settlement", "结算", "admin-rebate-settlement-phone-zh")

	// The administrator ends the program. Before last month, which is
	// settled, is refused on the field; with last month it ends there.
	a.do(chromedp.Click(chromedp.CSS(`button[lang="en"]`)))
	a.waitText("main .end-program", "End the program")
	a.choose(`main .end-program select[name=lastPeriod]`, twoMonthsAgo)
	a.do(chromedp.Click(chromedp.CSS(`main .end-program button[data-action=end-program]`)))
	a.waitText("main .end-program .field-error", "not before its first period nor before a period already settled")
	a.screenshot("admin-rebate-end-refused-en")
	var ended struct {
		Node struct{ LastPeriod *string }
	}
	programID := strings.TrimPrefix(programPath, "/rebates/")
	admin.mustQuery(t, `query($id: ID!) { node(id: $id) { ... on RebateProgram { lastPeriod } } }`, map[string]any{"id": programID}, &ended)
	if ended.Node.LastPeriod != nil {
		t.Fatalf("the refused end still ended the program with %s", *ended.Node.LastPeriod)
	}
	a.choose(`main .end-program select[name=lastPeriod]`, lastMonth)
	a.do(chromedp.Click(chromedp.CSS(`main .end-program button[data-action=end-program]`)))
	a.waitText("main .end-program [role=status]", "now ends with "+lastMonth)
	a.waitText("main .facts", twoMonthsAgo+" to "+lastMonth)
	a.waitNone("main .end-program .field-error")
	admin.mustQuery(t, `query($id: ID!) { node(id: $id) { ... on RebateProgram { lastPeriod } } }`, map[string]any{"id": programID}, &ended)
	if ended.Node.LastPeriod == nil || *ended.Node.LastPeriod != lastMonth {
		t.Errorf("after ending, the program's last period is %v, want %s", ended.Node.LastPeriod, lastMonth)
	}
	a.screenshot("admin-rebate-ended-en")

	for _, u := range []*user{a, south, mgr, n} {
		u.noScriptErrors()
	}
}

// moneyText is a Money string as the English portal groups it: "1234567.50" is "1,234,567.50".
func moneyText(s string) string {
	whole, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(whole, "-")
	whole = strings.TrimPrefix(whole, "-")
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	out := b.String()
	if frac != "" {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}
