package server_test

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPortal_Facts: North Distribution's user counts two products on the
// Inventory page (one out of stock) and the API then returns that count;
// the manager of Retail records a distribution survey of South Traders
// (more outlets carrying than visited is refused on its field first).
// Both pages fit a phone.
func TestPortal_Facts(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)
	admin := signIn(t, m, "admin@demo.test")
	var ids struct {
		Products struct {
			Edges []struct{ Node struct{ ID, Sku string } }
		}
		Dealers struct {
			Edges []struct{ Node struct{ ID string } }
		}
		Settings struct{ Today string }
	}
	admin.mustQuery(t, `{ products(first: 2, where: {active: true}, orderBy: {field: SKU}) { edges { node { id sku } } }
		dealers(first: 1, where: {code: "D-SOUTH"}) { edges { node { id } } } settings { today } }`, nil, &ids)
	p0, p1 := ids.Products.Edges[0].Node, ids.Products.Edges[1].Node
	south := ids.Dealers.Edges[0].Node.ID

	north := newUser(t, b, m, dir)
	north.signIn("north@demo.test")
	north.waitText("main h1", "North Distribution")
	north.nav("/inventory")
	north.waitText("main h1", "Inventory report")
	north.waitFor(`main .inventory-report`)
	north.choose(`main .inventory-form tr[data-line="0"] select`, p0.ID)
	north.setInput(`main .inventory-form tr[data-line="0"] input[name=stock]`, "17")
	north.do(chromedp.Click(chromedp.CSS(`main .inventory-form .add-line`)))
	north.waitFor(`main .inventory-form tr[data-line="1"] select`)
	north.choose(`main .inventory-form tr[data-line="1"] select`, p1.ID)
	north.setInput(`main .inventory-form tr[data-line="1"] input[name=stock]`, "0")
	north.screenshot("north-inventory-form-en")
	north.do(chromedp.Click(chromedp.CSS(`main .inventory-form button[type=submit]`)))
	north.waitText("main .inventory-form .facts-done", "your stock count was recorded")

	api := signIn(t, m, "north@demo.test")
	var got struct {
		InventoryReports struct {
			Edges []struct {
				Node struct {
					ReportedOn, RecordedByName string
					Lines                      []struct {
						Stock int
						Sku   string
					}
				}
			}
		}
	}
	api.mustQuery(t, `query($d: Date!) { inventoryReports(from: $d, first: 10) { edges { node { reportedOn recordedByName lines { stock sku } } } } }`,
		map[string]any{"d": ids.Settings.Today}, &got)
	found := false
	for _, e := range got.InventoryReports.Edges {
		stock := map[string]int{}
		for _, l := range e.Node.Lines {
			stock[l.Sku] = l.Stock
		}
		found = found || (len(stock) == 2 && stock[p0.Sku] == 17 && stock[p1.Sku] == 0 && e.Node.RecordedByName == "Zhao Lei")
	}
	if !found {
		t.Errorf("the API has no count of today with %s 17 and %s 0: %+v", p0.Sku, p1.Sku, got)
	}
	north.waitText("main .inventory-reports", "Out of stock")
	north.fitsPhone("the inventory page", "main h1", "Inventory report", "north-inventory-phone-en")

	manager := newUser(t, b, m, dir)
	manager.signIn("manager@demo.test")
	manager.waitText("main h1", "Dealers")
	manager.nav("/facts")
	manager.waitText("main h1", "Appraisal facts")
	manager.waitFor(`main .survey-form select[name=dealerID] option[value="` + south + `"]`)
	if got := manager.eval(`String(!!document.querySelector("main .cost-form, main .shares-form"))`); got != "false" {
		t.Error("a manager is offered the administrators' forms")
	}
	manager.choose(`main .survey-form select[name=dealerID]`, south)
	manager.setInput(`main .survey-form input[name=outletsVisited]`, "12")
	manager.setInput(`main .survey-form input[name=outletsCarrying]`, "13")
	manager.do(chromedp.Click(chromedp.CSS(`main .survey-form button[type=submit]`)))
	manager.waitText("main .survey-form .field-error", "up to the outlets visited")
	manager.setInput(`main .survey-form input[name=outletsCarrying]`, "5")
	manager.do(chromedp.Click(chromedp.CSS(`main .survey-form button[type=submit]`)))
	manager.waitText("main .survey-form .facts-done", "Recorded")
	manager.waitText("main .facts-surveys", "5 of 12")

	var surveys struct {
		DistributionSurveys struct {
			Edges []struct {
				Node struct {
					OutletsVisited, OutletsCarrying int
					RecordedByName, SurveyedOn      string
				}
			}
		}
	}
	signIn(t, m, "manager@demo.test").mustQuery(t, `query($d: ID!) { distributionSurveys(dealerID: $d, first: 5) { edges { node { outletsVisited outletsCarrying recordedByName surveyedOn } } } }`,
		map[string]any{"d": south}, &surveys)
	recorded := false
	for _, e := range surveys.DistributionSurveys.Edges {
		n := e.Node
		recorded = recorded || (n.OutletsVisited == 12 && n.OutletsCarrying == 5 && n.RecordedByName == "Liu Yang" && n.SurveyedOn == ids.Settings.Today)
	}
	if !recorded {
		t.Errorf("South's newest surveys: %+v; want 5 of 12 today by Liu Yang", surveys)
	}
	manager.fitsPhone("the facts page", "main h1", "Appraisal facts", "manager-facts-phone-en")
}
