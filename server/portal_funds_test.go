package server_test

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestPortal_FundClaimPaidOnStatement: South Traders sees its budget in a
// marketing fund as a bar, claims more than is left (refused beside the
// form), then part of it; the manager approves the claim on the claims
// desk, and the dealer finds the MARKETING_FUND credit note on its
// statement. Then the dealer's funds in Chinese, on a phone.
func TestPortal_FundClaimPaidOnStatement(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)
	admin, manager := signIn(t, m, "admin@demo.test"), signIn(t, m, "manager@demo.test")
	cat := loadCatalogue(t, admin)
	if r := openFund(t, manager, "Spring co-op", map[string]any{"budgetAmount": "2000.00", "audience": map[string]any{"dealerIDs": []string{cat.south}}}); len(r.Errors) > 0 {
		t.Fatalf("open: %+v", r.Errors)
	}

	dealer := newUser(t, b, m, dir)
	dealer.signIn("south@demo.test")
	dealer.waitText("main h1", "South Traders")
	dealer.do(chromedp.Navigate(m.URL() + "/funds"))
	dealer.waitText("main h1", "Marketing funds")
	row := `main .funds-table [data-fund="Spring co-op"]`
	dealer.waitText(row+` [data-field="remaining"]`, "2,000.00")
	dealer.waitFor("main .recharts-surface")
	dealer.do(chromedp.Click(chromedp.CSS(row + ` button[data-action="claim"]`)))
	dealer.waitFor(`main .claim-form input[name="activity"]`)
	dealer.setInput(`main .claim-form input[name="activity"]`, "Poster campaign in three shops")
	dealer.setInput(`main .claim-form input[name="activityOn"]`, time.Now().UTC().Format(time.DateOnly))
	dealer.setInput(`main .claim-form input[name="amount"]`, "2500.00")
	dealer.setText(`main .claim-form textarea[name="description"]`, "Printing and installation in three shops")
	dealer.do(chromedp.Click(chromedp.CSS(`main .claim-form button[data-action="submit-claim"]`)))
	dealer.waitText("main .claim-form .field-error", "more than what is left")
	dealer.setInput(`main .claim-form input[name="amount"]`, "800.00")
	dealer.screenshot("fund-claim-en")
	dealer.do(chromedp.Click(chromedp.CSS(`main .claim-form button[data-action="submit-claim"]`)))
	dealer.waitText(row+` [data-field="remaining"]`, "1,200.00")
	dealer.waitText(`main .claims-table tbody`, "Poster campaign in three shops")
	number := dealer.eval(`[...document.querySelectorAll('main .claims-table tr[data-claim]')].find((tr) => tr.innerText.includes("Poster campaign in three shops")).dataset.claim`)

	mgr := newUser(t, b, m, dir)
	mgr.signIn("manager@demo.test")
	mgr.waitText("main h1", "Dealers")
	mgr.do(chromedp.Navigate(m.URL() + "/funds"))
	mgr.waitText("main h1", "Claims desk")
	claim := `main .claims-table [data-claim="` + number + `"]`
	mgr.waitText(claim, "Poster campaign in three shops")
	mgr.do(chromedp.Click(chromedp.CSS(claim + ` button[data-action="decide"]`)))
	mgr.waitFor(`main .decide-form input[name="approveAmount"]`)
	mgr.screenshot("fund-claims-desk-en")
	mgr.do(chromedp.Click(chromedp.CSS(`main .decide-form button[data-action="approve-claim"]`)))
	mgr.waitNone(claim)

	var got struct {
		FundClaims struct {
			Edges []struct {
				Node struct {
					Number, Status string
					CreditNote     struct{ Number string }
				}
			}
		}
	}
	manager.mustQuery(t, `{ fundClaims(first: 50) { edges { node { number status creditNote { number } } } } }`, nil, &got)
	credit := ""
	for _, e := range got.FundClaims.Edges {
		if e.Node.Number == number {
			credit = e.Node.CreditNote.Number
		}
	}
	if credit == "" {
		t.Fatalf("claim %s not paid: %+v", number, got)
	}
	dealer.do(chromedp.Navigate(m.URL() + "/statement"))
	dealer.waitText("main h1", "Account statement")
	dealer.waitText("main table", credit)
	dealer.screenshot("fund-credit-statement-en")

	dealer.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	dealer.do(chromedp.Navigate(m.URL() + "/funds"))
	dealer.waitText("main h1", "市场基金")
	dealer.waitText(`main .claims-table [data-claim="`+number+`"]`, "已批准")
	dealer.fitsPhone("the funds", "main h1", "市场基金", "funds-phone-zh")
	dealer.noScriptErrors()
	mgr.noScriptErrors()
}

// TestPortal_DisputeResolvedByCreditNote: South Traders disputes part of
// a new invoice from its statement (too much first: refused), the
// statement shows the amount as disputed and not overdue; the manager
// resolves it on the disputes desk and the CORRECTION credit note is on the
// dealer's statement. Then the dealer's disputes in Chinese, on a phone.
func TestPortal_DisputeResolvedByCreditNote(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)
	admin, manager, south := signIn(t, m, "admin@demo.test"), signIn(t, m, "manager@demo.test"), signIn(t, m, "south@demo.test")
	cat := loadCatalogue(t, admin)
	var upd struct{ UpdateDealer struct{ ID string } }
	manager.mustQuery(t, `mutation($id: ID!) { updateDealer(id: $id, input: {creditLimit: "100000000.00"}) { id } }`, map[string]any{"id": cat.south}, &upd)
	o := deliveredOrder(t, south, manager, 4, 2)
	var ord struct {
		Node struct{ Invoices []struct{ ID, Number string } }
	}
	south.mustQuery(t, `query($id: ID!) { node(id: $id) { ... on Order { invoices { id number } } } }`, map[string]any{"id": o.ID}, &ord)
	if len(ord.Node.Invoices) != 1 {
		t.Fatalf("invoices of the order: %+v", ord)
	}
	inv := ord.Node.Invoices[0]

	dealer := newUser(t, b, m, dir)
	dealer.signIn("south@demo.test")
	dealer.waitText("main h1", "South Traders")
	dealer.do(chromedp.Navigate(m.URL() + "/statement"))
	dealer.waitText("main h1", "Account statement")
	link := `main a[data-action="dispute"][href="/disputes/new?invoice=` + inv.ID + `"]`
	dealer.waitFor(link)
	dealer.do(chromedp.Click(chromedp.CSS(link)))
	dealer.waitText("main h1", "Dispute an invoice")
	dealer.waitText("main .lead", inv.Number)
	dealer.setInput(`main input[name="amount"]`, "99999999.00")
	dealer.setText(`main textarea[name="reason"]`, "Two units arrived with cracked housings")
	dealer.do(chromedp.Click(chromedp.CSS(`main button[data-action="raise-dispute"]`)))
	dealer.waitText("main .field-error", "more than what is open")
	dealer.do(chromedp.Click(chromedp.CSS(`main input[name="line"]`)))
	dealer.setInput(`main input[name="amount"]`, "10.00")
	dealer.screenshot("dispute-raise-en")
	dealer.do(chromedp.Click(chromedp.CSS(`main button[data-action="raise-dispute"]`)))
	dealer.waitText("main h1", "Invoice disputes")
	dealer.waitText(`main .disputes-list li[data-status="OPEN"]`, inv.Number)
	number := dealer.eval(`document.querySelector('main .disputes-list li[data-status="OPEN"]').dataset.dispute`)
	dealer.do(chromedp.Navigate(m.URL() + "/statement"))
	dealer.waitFor(`main [data-field="disputed"]`)
	dealer.waitText("main table", "10.00 disputed")
	dealer.screenshot("dispute-statement-en")

	mgr := newUser(t, b, m, dir)
	mgr.signIn("manager@demo.test")
	mgr.waitText("main h1", "Dealers")
	mgr.do(chromedp.Navigate(m.URL() + "/disputes"))
	mgr.waitText("main h1", "Disputes desk")
	item := `main .disputes-list [data-dispute="` + number + `"]`
	mgr.waitText(item, inv.Number)
	mgr.do(chromedp.Click(chromedp.CSS(item + ` button[data-action="decide-dispute"]`)))
	mgr.waitFor(item + ` button[data-action="resolve-dispute"]`)
	mgr.screenshot("disputes-desk-en")
	mgr.do(chromedp.Click(chromedp.CSS(item + ` button[data-action="resolve-dispute"]`)))
	mgr.waitNone(item)

	var got struct {
		InvoiceDisputes struct {
			Edges []struct {
				Node struct {
					Number     string
					CreditNote struct{ Number string }
				}
			}
		}
	}
	manager.mustQuery(t, `{ invoiceDisputes(first: 50) { edges { node { number creditNote { number } } } } }`, nil, &got)
	credit := ""
	for _, e := range got.InvoiceDisputes.Edges {
		if e.Node.Number == number {
			credit = e.Node.CreditNote.Number
		}
	}
	if credit == "" {
		t.Fatalf("dispute %s not credited: %+v", number, got)
	}
	dealer.do(chromedp.Navigate(m.URL() + "/statement"))
	dealer.waitText("main h1", "Account statement")
	dealer.waitText("main table", credit)
	dealer.screenshot("dispute-credit-statement-en")

	dealer.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	dealer.do(chromedp.Navigate(m.URL() + "/disputes"))
	dealer.waitText("main h1", "发票争议")
	dealer.waitText(`main .disputes-list [data-dispute="`+number+`"]`, "已解决")
	dealer.fitsPhone("the disputes", "main h1", "发票争议", "disputes-phone-zh")
	dealer.noScriptErrors()
	mgr.noScriptErrors()
}
