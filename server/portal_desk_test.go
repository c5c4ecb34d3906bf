package server_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPortal_CreditHold: an order over South Traders' credit limit is held.
// On its page the manager sees the dealer's exposure, limit, available
// credit and overdue as the API gives them; Confirm is there but disabled,
// saying why; releasing the hold needs a note, and once released Confirm
// is offered and confirms the order. In English, then in Chinese on a
// second held order, and on a phone.
func TestPortal_CreditHold(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)
	admin, south, manager := signIn(t, m, "admin@demo.test"), signIn(t, m, "south@demo.test"), signIn(t, m, "manager@demo.test")
	cat := loadCatalogue(t, admin)
	var upd struct{ UpdateDealer struct{ ID string } }
	manager.mustQuery(t, `mutation($id: ID!) { updateDealer(id: $id, input: {creditLimit: "1.00"}) { id } }`, map[string]any{"id": cat.south}, &upd)
	held := []placedOrder{
		place(t, south, map[string]any{"lines": lines(cat.products[0], 1), "purchaseOrderReference": "PO-HOLD-1"}),
		place(t, south, map[string]any{"lines": lines(cat.products[0], 2)}),
	}
	for _, o := range held {
		if !o.CreditHold {
			t.Fatalf("%s over the limit is not held", o.Number)
		}
	}
	var figures struct {
		Node struct {
			CreditExposure, CreditLimit, AvailableCredit string
			Ageing                                       struct{ Overdue string }
		}
	}
	manager.mustQuery(t, `query($id: ID!) { node(id: $id) { ... on Dealer { creditExposure creditLimit availableCredit ageing { overdue } } } }`,
		map[string]any{"id": cat.south}, &figures)

	mgr := newUser(t, b, m, dir)
	mgr.signIn("manager@demo.test")
	mgr.waitText("main h1", "Dealers")

	for i, lang := range []string{"en", "zh"} {
		o := held[i]
		mgr.do(chromedp.Navigate(m.URL() + "/orders/" + o.ID))
		mgr.waitText("main h1", o.Number)
		mgr.waitFor(`main .credit-hold-panel [data-figure="creditExposure"]`)
		for fig, want := range map[string]string{
			"creditExposure":  figures.Node.CreditExposure,
			"creditLimit":     figures.Node.CreditLimit,
			"availableCredit": figures.Node.AvailableCredit,
			"overdue":         figures.Node.Ageing.Overdue,
		} {
			if got := mgr.figure(`main .credit-hold-panel [data-figure="` + fig + `"]`); got != want {
				t.Errorf("%s: the hold shows %s %q, the API says %q", lang, fig, got, want)
			}
		}
		mgr.waitFor(`main .order-actions button[data-action="CONFIRMED"][disabled]`)
		if lang == "en" {
			mgr.waitText("main .order-held-reason", "release the hold first")
			mgr.waitText("main .order-detail", "PO-HOLD-1")
		} else {
			mgr.waitText("main .order-held-reason", "请先解除冻结")
		}
		mgr.screenshot("order-held-" + lang)
		if lang == "zh" {
			mgr.fitsPhone("a held order", "main .credit-hold-panel", "信用冻结", "order-held-phone-zh")
		}

		// No note, no release.
		mgr.do(chromedp.Click(chromedp.CSS(`main .release-hold button[data-action="release-hold"]`)))
		mgr.waitText("main .release-hold .field-error", map[string]string{"en": "a note is required", "zh": "备注为必填项"}[lang])
		mgr.typeText(`main .release-hold textarea`, map[string]string{"en": "Paid in advance by wire.", "zh": "已电汇预付。"}[lang])
		mgr.do(chromedp.Click(chromedp.CSS(`main .release-hold button[data-action="release-hold"]`)))
		mgr.waitNone(`main .credit-hold-panel`)
		mgr.waitFor(`main .order-actions button[data-action="CONFIRMED"]:not([disabled])`)
		mgr.do(chromedp.Click(chromedp.CSS(`main .order-actions button[data-action="CONFIRMED"]`)))
		mgr.do(chromedp.Click(chromedp.CSS(`main .order-actions button[data-confirm="CONFIRMED"]`)))
		mgr.waitText("main .order-status", map[string]string{"en": "Confirmed", "zh": "已确认"}[lang])
		mgr.waitText("main .history", map[string]string{"en": "Credit hold released", "zh": "已解除信用冻结"}[lang])
		mgr.screenshot("order-released-" + lang)

		var now struct {
			Node struct {
				Status     string
				CreditHold bool
			}
		}
		manager.mustQuery(t, `query($id: ID!) { node(id: $id) { ... on Order { status creditHold } } }`, map[string]any{"id": o.ID}, &now)
		if now.Node.Status != "CONFIRMED" || now.Node.CreditHold {
			t.Errorf("%s after release and confirm: %+v", o.Number, now.Node)
		}
		if lang == "en" {
			mgr.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
		}
	}
	mgr.noScriptErrors()
}

// TestPortal_BulkConfirm: the manager filters the order desk to South
// Traders' submitted orders and ticks three; before it confirms them, the
// dealer cancels one of them through the API. Confirming the three
// confirms two and refuses the changed one, saying in the page's language
// that it changed and to reload. Then the same in Chinese, and the desk on
// a phone is a card list.
func TestPortal_BulkConfirm(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)
	admin, south, manager := signIn(t, m, "admin@demo.test"), signIn(t, m, "south@demo.test"), signIn(t, m, "manager@demo.test")
	cat := loadCatalogue(t, admin)
	var upd struct{ UpdateDealer struct{ ID string } }
	manager.mustQuery(t, `mutation($id: ID!) { updateDealer(id: $id, input: {creditLimit: "99999999.00"}) { id } }`, map[string]any{"id": cat.south}, &upd)

	mgr := newUser(t, b, m, dir)
	mgr.signIn("manager@demo.test")
	mgr.waitText("main h1", "Dealers")

	for _, lang := range []string{"en", "zh"} {
		// Cancel what is still submitted, so the desk shows exactly these three.
		var open struct {
			Orders struct {
				Edges []struct {
					Node struct {
						ID      string
						Version int
					}
				}
			}
		}
		manager.mustQuery(t, `query($d: ID!) { orders(where: {dealerID: $d, status: SUBMITTED}, first: 100) { edges { node { id version } } } }`,
			map[string]any{"d": cat.south}, &open)
		for _, e := range open.Orders.Edges {
			manager.mustQuery(t, transition, map[string]any{"id": e.Node.ID, "to": "CANCELLED", "v": e.Node.Version}, &struct{}{})
		}
		var three []placedOrder
		for i := 0; i < 3; i++ {
			o := place(t, south, map[string]any{"lines": lines(cat.products[i], 1)})
			if o.CreditHold {
				t.Fatalf("%s is held", o.Number)
			}
			three = append(three, o)
		}

		mgr.do(chromedp.Navigate(fmt.Sprintf("%s/orders?status=SUBMITTED&dealer=%s", m.URL(), cat.south)))
		mgr.waitText("main .count", "3")
		if got := mgr.text(`main .orders-table thead`); strings.Contains(got, "Version") || strings.Contains(got, "版本") {
			t.Errorf("the desk shows an internal column: %q", got)
		}
		for _, o := range three {
			mgr.do(chromedp.Click(chromedp.CSS(fmt.Sprintf(`main input[data-select=%q]`, o.Number))))
		}
		mgr.waitText(`main button[data-action="confirm-selected"]`, "3")

		// Behind the page's back, the dealer cancels the second one.
		stale := three[1]
		south.mustQuery(t, transition, map[string]any{"id": stale.ID, "to": "CANCELLED", "v": stale.Version}, &struct{}{})
		// The page hears of it and drops the order from the submitted ones
		// shown, still holding it as chosen at the version it was ticked
		// at; the click waits for that, so it does not land mid-redraw.
		mgr.poll(fmt.Sprintf(`() => !document.querySelector('main .orders-table tr[data-order=%q]')`, stale.Number))
		mgr.waitText(`main button[data-action="confirm-selected"]`, "3")

		mgr.do(chromedp.Click(chromedp.CSS(`main button[data-action="confirm-selected"]`)))
		mgr.waitFor(`main .desk-results[data-confirmed="2"][data-refused="1"]`)
		// Each order's result is listed by its number: a refused or
		// confirmed one may have left the submitted orders shown.
		staleResult := fmt.Sprintf(`main .desk-results li[data-order=%q]`, stale.Number)
		mgr.waitFor(staleResult + ` [data-outcome="CONFLICT"]`)
		mgr.waitText(staleResult, map[string]string{"en": "Someone changed this order meanwhile. Reload", "zh": "此订单已被他人修改。请重新加载"}[lang])
		for _, o := range []placedOrder{three[0], three[2]} {
			mgr.waitText(fmt.Sprintf(`main .desk-results li[data-order=%q] [data-outcome="confirmed"]`, o.Number),
				map[string]string{"en": "Confirmed", "zh": "已确认"}[lang])
		}
		mgr.screenshot("desk-bulk-" + lang)

		var got struct {
			Orders struct {
				Edges []struct {
					Node struct{ Number, Status string }
				}
			}
		}
		manager.mustQuery(t, `query($ids: [ID!]) { orders(where: {idIn: $ids}) { edges { node { number status } } } }`,
			map[string]any{"ids": []string{three[0].ID, three[1].ID, three[2].ID}}, &got)
		want := map[string]string{three[0].Number: "CONFIRMED", three[1].Number: "CANCELLED", three[2].Number: "CONFIRMED"}
		for _, e := range got.Orders.Edges {
			if want[e.Node.Number] != e.Node.Status {
				t.Errorf("%s is %s, want %s", e.Node.Number, e.Node.Status, want[e.Node.Number])
			}
		}
		if lang == "en" {
			mgr.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
			mgr.waitText("main h1", "订单处理台")
		}
	}

	// Numbers and dates keep to one line at 1366 px; the desk is cards on a phone.
	mgr.do(chromedp.EmulateViewport(1366, 900))
	mgr.do(chromedp.Navigate(m.URL() + "/orders"))
	mgr.waitFor(`main .orders-table tbody tr`)
	// A cell wraps when its text's lines start at more than one height.
	if n := mgr.eval(`String([...document.querySelectorAll("main .orders-table tbody .nowrap")].filter((c) => {
		const r = document.createRange();
		r.selectNodeContents(c);
		return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size > 1;
	}).length)`); n != "0" {
		t.Errorf("%s number or date cells wrap at 1366 px", n)
	}
	mgr.screenshot("desk-1366-zh")
	mgr.fitsPhone("the order desk", "main .orders-table", "SO-", "desk-phone-zh")
	mgr.noScriptErrors()
}
