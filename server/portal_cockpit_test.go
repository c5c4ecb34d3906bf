package server_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// figure is a money figure as the page shows it, without the locale's
// grouping, to compare with the API's decimal string.
func (u *user) figure(sel string) string {
	u.t.Helper()
	return strings.NewReplacer(",", "", " ", "", "\u00a0", "").Replace(strings.TrimSpace(u.text(sel)))
}

// TestPortal_Cockpit: the manager sorts its dealer list by overdue with a
// click on the column's header, and the first row is the dealer the API
// puts first by overdue, with the API's figure; the view is in the URL, so
// a reload keeps it. The dealer's page shows its exposure against its limit
// and its statement summary as the API gives them, its recent orders and
// its monthly sales chart. In Chinese too, and on a phone.
func TestPortal_Cockpit(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)
	api := signIn(t, m, "manager@demo.test")

	var top struct {
		DealerSummaries struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					Overdue string
					Dealer  struct {
						ID, Code, Name                       string
						CreditExposure, CreditLimit, Balance string
						AvailableCredit                      string
					}
				}
			}
		}
	}
	api.mustQuery(t, `{ dealerSummaries(orderBy: {field: OVERDUE, direction: DESC}, first: 1) { totalCount edges { node { overdue
		dealer { id code name creditExposure creditLimit availableCredit balance } } } } }`, nil, &top)
	if len(top.DealerSummaries.Edges) == 0 {
		t.Fatal("the manager sees no dealer summaries")
	}
	first := top.DealerSummaries.Edges[0].Node
	if first.Overdue == "0.00" {
		t.Fatalf("no dealer of the manager's has anything overdue: the sort would show nothing")
	}
	firstRow := fmt.Sprintf(`main tbody tr:first-child[data-dealer=%q]`, first.Dealer.Code)

	mgr := newUser(t, b, m, dir)
	mgr.signIn("manager@demo.test")
	mgr.waitText("main h1", "Dealers")
	mgr.waitText("main thead", "Overdue")
	mgr.do(chromedp.Click(chromedp.CSS(`main thead button[data-sort="OVERDUE"]`)))
	mgr.waitFor(`main thead th[aria-sort="descending"] button[data-sort="OVERDUE"]`)
	mgr.waitFor(firstRow)
	if got := mgr.figure(firstRow + ` [data-figure="overdue"]`); got != first.Overdue {
		t.Errorf("first row's overdue = %q, the API says %q", got, first.Overdue)
	}
	if p := mgr.path(); !strings.Contains(p, "sort=OVERDUE") || !strings.Contains(p, "dir=DESC") {
		t.Errorf("the sort is not in the URL: %s", p)
	}
	mgr.screenshot("cockpit-overdue-en")

	// The URL is the view: reloading it keeps the sort, and "overdue only" filters on the server.
	mgr.do(chromedp.Reload())
	mgr.waitFor(firstRow)
	mgr.do(chromedp.Click(chromedp.CSS(`main input[data-filter="overdue"]`)))
	mgr.waitFor(firstRow)
	if !strings.Contains(mgr.path(), "overdue=1") {
		t.Errorf("overdue only is not in the URL: %s", mgr.path())
	}
	var overdueOnly struct{ DealerSummaries struct{ TotalCount int } }
	api.mustQuery(t, `{ dealerSummaries(filter: {overdueOnly: true}) { totalCount } }`, nil, &overdueOnly)
	mgr.waitText("main .count", fmt.Sprint(overdueOnly.DealerSummaries.TotalCount))

	// In Chinese: the headers and the sort stay, and the phone shows cards.
	mgr.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	mgr.waitText("main thead", "逾期金额")
	mgr.waitFor(firstRow)
	mgr.screenshot("cockpit-overdue-zh")
	mgr.fitsPhone("the cockpit", "main tbody", first.Dealer.Name, "cockpit-phone-zh")

	// The first dealer's page: its credit and what it owes, as the API says.
	mgr.do(chromedp.Click(chromedp.CSS(firstRow + ` a`)))
	mgr.waitText("main h1", first.Dealer.Name)
	mgr.waitFor(`main .dealer-credit [data-figure="creditExposure"]`)
	for fig, want := range map[string]string{
		`main .dealer-credit [data-figure="creditExposure"]`:  first.Dealer.CreditExposure,
		`main .dealer-credit [data-figure="availableCredit"]`: first.Dealer.AvailableCredit,
		`main .dealer-credit [data-figure="creditLimit"]`:     first.Dealer.CreditLimit,
		`main .dealer-statement [data-figure="balance"]`:      first.Dealer.Balance,
		`main .dealer-statement [data-figure="overdue"]`:      first.Overdue,
	} {
		if got := mgr.figure(fig); got != want {
			t.Errorf("%s = %q, the API says %q", fig, got, want)
		}
	}
	mgr.waitFor(`main .dealer-statement a[href$="/statement"]`)
	mgr.waitText("main .dealer-sales h2", "近十二个月")
	mgr.waitFor(`main .dealer-sales .kpi-trend`)
	mgr.waitFor(`main .dealer-orders tbody tr[data-order]`)
	mgr.screenshot("cockpit-dealer-zh")
	mgr.fitsPhone("the dealer page", "main h1", first.Dealer.Name, "cockpit-dealer-phone-zh")
	mgr.do(chromedp.Click(chromedp.CSS(`button[lang="en"]`)))
	mgr.waitText("main .dealer-sales h2", "last twelve months")
	mgr.waitFor(`main .dealer-sales .recharts-surface`)
	mgr.screenshot("cockpit-dealer-en")
	mgr.noScriptErrors()
}
