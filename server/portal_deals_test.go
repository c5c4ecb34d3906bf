package server_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestPortal_DealProtected: South Traders registers a customer's project;
// the manager approves it on the registration desk with 60 days of
// protection; Pearl River Tool Centre, in the same territory, registers
// the same customer under another spelling and is told it is protected —
// its list shows nothing of South's. Then Pearl River's registrations in
// Chinese, on a phone.
func TestPortal_DealProtected(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)
	newDealWorld(t, m) // makes Pearl River's user
	closeOn := time.Now().UTC().AddDate(0, 2, 0).Format(time.DateOnly)

	register := func(u *user, customer string) {
		u.t.Helper()
		u.waitFor(`main .deal-register input[name="customerName"]`)
		u.setInput(`main .deal-register input[name="customerName"]`, customer)
		u.setInput(`main .deal-register input[name="city"]`, "Guangzhou")
		u.setInput(`main .deal-register input[name="quantity"]`, "40")
		u.setInput(`main .deal-register input[name="expectedCloseOn"]`, closeOn)
		u.do(chromedp.Click(chromedp.CSS(`main .deal-register button[data-action="register"]`)))
	}

	dealer := newUser(t, b, m, dir)
	dealer.signIn("south@demo.test")
	dealer.waitText("main h1", "South Traders")
	dealer.do(chromedp.Navigate(m.URL() + "/deals"))
	dealer.waitText("main h1", "Deal registrations")
	register(dealer, "Zengcheng Water Plant Co., Ltd.")
	dealer.waitText(`main .deal-register [role="status"]`, "Registered as DR-")
	dealer.waitText(`main .deal-list .deal[data-status="PENDING"]`, "Zengcheng Water Plant Co., Ltd.")
	number := dealer.eval(`document.querySelector('main .deal-list .deal').dataset.deal`)
	dealer.screenshot("deal-registered-en")

	mgr := newUser(t, b, m, dir)
	mgr.signIn("manager@demo.test")
	mgr.waitText("main h1", "Dealers")
	mgr.do(chromedp.Navigate(m.URL() + "/deals"))
	mgr.waitText("main h1", "Registration desk")
	card := `main .deal-list [data-deal="` + number + `"]`
	mgr.waitText(card, "South Traders")
	mgr.setInput(card+` input[name="protectionDays"]`, "60")
	mgr.screenshot("deal-desk-en")
	mgr.do(chromedp.Click(chromedp.CSS(card + ` button[data-action="approve"]`)))
	mgr.do(chromedp.Navigate(m.URL() + "/deals?status=APPROVED"))
	until := time.Now().UTC().AddDate(0, 0, 59).Format(time.DateOnly)
	mgr.waitText(card+` [data-protected]`, until)

	dealer.do(chromedp.Navigate(m.URL() + "/deals"))
	dealer.waitText(card+` [data-protected]`, "Protected until "+until)

	// Pearl River: the same customer, written otherwise, is protected.
	pearl := newUser(t, b, m, dir)
	pearl.do(
		chromedp.Navigate(m.URL()+"/"),
		chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=email]`), "pearl@deals.test"),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), "longenough"),
		chromedp.Click(chromedp.CSS(`button[type=submit]`)),
	)
	pearl.waitText("main h1", "Pearl River")
	pearl.do(chromedp.Navigate(m.URL() + "/deals"))
	pearl.waitText("main h1", "Deal registrations")
	register(pearl, "ZENGCHENG WATER PLANT 有限公司")
	pearl.waitText(`main .deal-register [data-refusal="CONFLICT"]`, "already protected")
	pearl.screenshot("deal-protected-refused-en")
	if got := pearl.text("main"); strings.Contains(got, number) || strings.Contains(got, "South Traders") {
		t.Errorf("Pearl River's page shows South's registration: %q", got)
	}
	pearl.waitText("main", "No registrations yet.")

	pearl.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	pearl.waitText("main h1", "项目报备")
	pearl.fitsPhone("the deal registrations", "main h1", "项目报备", "deals-phone-zh")
	dealer.noScriptErrors()
	mgr.noScriptErrors()
	pearl.noScriptErrors()
}
