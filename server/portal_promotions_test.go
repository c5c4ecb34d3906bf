package server_test

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestPortal_OrderUnderPromotion: South Traders sees the Retail drill
// promotion and the accessories deal in its catalogue, puts a cart
// together that the server prices with both (the cart shows the discount
// before placing), places it, and the placed order shows the discount and
// the promotions' names, in English and Chinese, on a desktop and a phone.
// The administrator publishes a promotion on the Promotions page and
// withdraws it.
func TestPortal_OrderUnderPromotion(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)

	south := newUser(t, b, m, dir)
	south.signIn("south@demo.test")
	south.waitText("main h1", "South Traders")
	south.nav("/catalogue")
	drill, acc := `main tr[data-sku="DR-1801"]`, `main tr[data-sku="AC-0110"]`
	south.waitText(drill, drillWeeks)
	south.waitText(acc, "from 10 units")
	if got := south.text(drill + ` .promoted-price`); got == "" {
		t.Errorf("DR-1801 shows no promoted price")
	}
	south.screenshot("dealer-catalogue-promotions-en")
	south.do(
		chromedp.SendKeys(chromedp.CSS(drill+` input.qty`), "2"),
		chromedp.SendKeys(chromedp.CSS(acc+` input.qty`), "10"),
	)
	south.waitText(".order-bar", "2 lines, 12 units")
	south.do(chromedp.Click(chromedp.CSS(`.order-bar a`)))
	south.waitText("main h1", "Review your order")
	// Priced by the server: each line with its promotion, the discount, the total.
	south.waitText("main tbody", drillWeeks)
	south.waitText("main tbody", accessoriesDeal)
	south.waitText("main tfoot", "Promotions")
	discount := south.text("main tfoot .quote-discount")
	total := south.text("main tfoot .quote-total")
	if discount == "" || total == "" {
		t.Fatalf("the cart shows discount %q and total %q", discount, total)
	}
	south.screenshot("dealer-cart-promotions-en")
	south.fitsPhone("the cart", "main tfoot", "Promotions", "dealer-cart-promotions-phone-en")

	south.do(chromedp.Click(chromedp.CSS(`button.place-order`)))
	south.waitText("main h1", "placed")
	number := regexp.MustCompile(`SO-\d+`).FindString(south.text("main h1"))
	if placed := south.text("main .notice"); number == "" || !regexpContains(placed, total) {
		t.Errorf("placed %q: %q; the cart said %s", number, placed, total)
	}
	south.do(chromedp.Click(chromedp.CSS(`main a[href^="/orders/"]`)))
	south.waitText("main h1", number)
	south.waitText("main table", drillWeeks)
	south.waitText("main table", accessoriesDeal)
	south.waitText(`main [data-discount="DR-1801"]`, "−15 %")
	south.waitText("main tfoot", total)
	south.screenshot("dealer-order-promotions-en")

	south.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	south.waitText(`main [data-discount="DR-1801"]`, "优惠 15%")
	south.screenshot("dealer-order-promotions-zh")
	south.fitsPhone("the placed order", `main [data-discount="DR-1801"]`, "优惠 15%", "dealer-order-promotions-phone-zh")
	south.noScriptErrors()

	// The administrator publishes a promotion for Retail and withdraws it.
	name := fmt.Sprintf("Saw days %d", time.Now().UnixNano()%100000)
	admin := newUser(t, b, m, dir)
	admin.signIn("admin@demo.test")
	admin.waitText("main h1", "Dealers")
	admin.nav("/promotions")
	admin.waitText("main h1", "Promotions")
	admin.waitText("main table", accessoriesDeal)
	admin.do(chromedp.Click(chromedp.CSS(`main a[data-action="new-promotion"]`)))
	admin.waitText("main h1", "New promotion")
	admin.waitFor(`main form input[data-category="Saws"]`)
	admin.do(
		chromedp.SendKeys(chromedp.CSS(`main form input[name=name]`), name),
		chromedp.SendKeys(chromedp.CSS(`main form input[name=percent]`), "12.5"),
		chromedp.SendKeys(chromedp.CSS(`main form input[name=minQuantity]`), "3"),
		chromedp.Click(chromedp.CSS(`main form input[data-category="Saws"]`)),
		chromedp.Click(chromedp.CSS(`main form input[value=choose]`)),
		chromedp.Click(chromedp.CSS(`main form input[data-channel="Retail"]`)),
	)
	admin.waitText("main .audience-summary", "Retail")
	// Besides Retail it names a dealer, found by name.
	admin.do(chromedp.SendKeys(chromedp.CSS(`main form .audience-picker input[type=search]`), "Dalian"))
	admin.waitText("main .dealer-candidates", "Dalian Coastal Hardware")
	admin.do(chromedp.Click(chromedp.CSS(`main .dealer-candidates button[data-dealer="Dalian Coastal Hardware"]`)))
	admin.waitText("main .audience-picker .chips", "Dalian Coastal Hardware")
	admin.waitText("main .audience-summary", "Dalian Coastal Hardware")
	admin.screenshot("admin-promotion-editor-en")
	admin.do(chromedp.Click(chromedp.CSS(`main form button[data-action=save-promotion]`)))
	admin.waitText("main h1", "Promotions")
	row := fmt.Sprintf(`main tr[data-promotion=%q]`, name)
	admin.waitText(row, "Dalian Coastal Hardware")
	var saved struct {
		Promotions struct {
			Edges []struct {
				Node struct {
					Name     string
					Audience struct{ Dealers []struct{ Name string } }
				}
			}
		}
	}
	adminAPI := signIn(t, m, "admin@demo.test")
	adminAPI.mustQuery(t, `{ promotions(first: 100) { edges { node { name audience { dealers { name } } } } } }`, nil, &saved)
	named := ""
	for _, e := range saved.Promotions.Edges {
		if e.Node.Name == name {
			for _, d := range e.Node.Audience.Dealers {
				named += d.Name
			}
		}
	}
	if named != "Dalian Coastal Hardware" {
		t.Errorf("the promotion saved names %q, want Dalian Coastal Hardware", named)
	}
	admin.waitText(row, "12.5 %")
	admin.waitText(row, "Current")
	admin.screenshot("admin-promotions-en")
	admin.eval(`window.confirm = () => true, ""`)
	admin.do(chromedp.Click(chromedp.CSS(row + ` button[data-action=withdraw]`)))
	admin.waitText(row, "Withdrawn")
	admin.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	admin.waitText("main h1", "促销")
	admin.screenshot("admin-promotions-zh")
	admin.fitsPhone("the promotions", row, "已撤回", "admin-promotions-phone-zh")
	admin.noScriptErrors()
}

func regexpContains(s, sub string) bool {
	return sub != "" && regexp.MustCompile(regexp.QuoteMeta(sub)).MatchString(s)
}
