package server_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// waitNone waits until nothing matches sel.
func (u *user) waitNone(sel string) {
	u.t.Helper()
	_, err := chromedp.Run(u.ctx, chromedp.PollFunction[bool](
		`(sel) => !document.querySelector(sel)`,
		chromedp.WithPollingArgs(sel), chromedp.WithPollingTimeout(15*time.Second)))
	if err != nil {
		got, _ := chromedp.Run(u.ctx, chromedp.Evaluate[string](`document.body.innerText`))
		u.t.Fatalf("waiting for %s to go: %v\npage shows:\n%s", sel, err, got)
	}
}

// waitFor waits until something matches sel.
func (u *user) waitFor(sel string) {
	u.t.Helper()
	_, err := chromedp.Run(u.ctx, chromedp.PollFunction[bool](
		`(sel) => !!document.querySelector(sel)`,
		chromedp.WithPollingArgs(sel), chromedp.WithPollingTimeout(15*time.Second)))
	if err != nil {
		u.t.Fatalf("waiting for %s: %v", sel, err)
	}
}

// choose picks an option of a select as a person does, so the page hears the change.
func (u *user) choose(sel, value string) {
	u.t.Helper()
	u.eval(fmt.Sprintf(`(() => {
		const el = document.querySelector(%q);
		Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value").set.call(el, %q);
		el.dispatchEvent(new Event("change", { bubbles: true }));
		return "";
	})()`, sel, value))
}

// setText replaces what a text area holds, as typing over it does.
func (u *user) setText(sel, value string) {
	u.t.Helper()
	u.eval(fmt.Sprintf(`(() => {
		const el = document.querySelector(%q);
		Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value").set.call(el, %q);
		el.dispatchEvent(new Event("input", { bubbles: true }));
		return "";
	})()`, sel, value))
}

func (u *user) text(sel string) string {
	u.t.Helper()
	return u.eval(fmt.Sprintf(`(document.querySelector(%q) || {innerText: ""}).innerText`, sel))
}

// TestPortal_PolicyLive: the administrator publishes a policy to Retail's
// tier-2 dealers; it appears at once on the Home of South Traders (in the
// audience) and never on North Distribution's (a tier-1 distributor),
// which does hear a later policy for all dealers; South acknowledges it on
// Home, and it leaves the pending dealers on the administrator's dashboard.
func TestPortal_PolicyLive(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)
	run := time.Now().UnixNano() % 100000
	title := fmt.Sprintf("Returns within 30 days %d", run)

	// Both dealers watch their Home before anything is published.
	south := newUser(t, b, m, dir)
	south.signIn("south@demo.test")
	south.waitText("main h1", "South Traders")
	south.waitText("main #home-policies", "Policies to acknowledge")
	south.markPage()
	north := newUser(t, b, m, dir)
	north.signIn("north@demo.test")
	north.waitText("main h1", "North Distribution")
	north.waitText("main #home-policies", "Policies to acknowledge")
	north.markPage()

	// The administrator writes the policy, previews it and picks the audience.
	admin := newUser(t, b, m, dir)
	admin.signIn("admin@demo.test")
	admin.waitText("main h1", "Dealers")
	admin.nav("/policies")
	admin.waitText("main h1", "Policies")
	admin.do(chromedp.Click(chromedp.CSS(`main a[data-link="new-policy"]`)))
	admin.waitText("main h1", "New policy")
	admin.waitText("main form", "Audience")
	admin.choose(`main form select[name=kind]`, "REBATE")
	admin.do(
		chromedp.SendKeys(chromedp.CSS(`main form input[name=title]`), title),
		chromedp.SendKeys(chromedp.CSS(`main form textarea[name=body]`),
			"# Returns\n\nUnsold stock may be **returned** within 30 days.\n\n<script>alert(1)</script>\n\n- Unopened boxes only\n- Freight paid by the dealer"),
		chromedp.Click(chromedp.CSS(`main form button[data-action=preview]`)),
	)
	admin.waitText("main .preview", "Unsold stock may be returned")
	if n := admin.eval(`String(document.querySelectorAll("main .preview strong, main .preview li").length)`); n != "3" {
		t.Errorf("the preview renders %s bold words and list items, want 3", n)
	}
	if n := admin.eval(`String(document.querySelectorAll("main .preview script").length)`); n != "0" {
		t.Error("the preview renders raw HTML")
	}
	admin.do(
		chromedp.Click(chromedp.CSS(`main form input[value=choose]`)),
		chromedp.Click(chromedp.CSS(`main form input[data-channel="Retail"]`)),
		chromedp.Click(chromedp.CSS(`main form input[data-tier="2"]`)),
	)
	admin.waitText("main .audience-summary", "all tier-2 dealers of Retail")
	admin.screenshot("admin-policy-editor-en")
	admin.do(chromedp.Click(chromedp.CSS(`main form button[data-action=publish]`)))
	admin.waitText("main h1", title)
	admin.waitText("main .audience", "all tier-2 dealers of Retail")
	policyPath := admin.path()
	if !strings.HasPrefix(policyPath, "/policies/") {
		t.Fatalf("after publishing the admin is on %q", policyPath)
	}
	admin.waitText("main .pending-dealers", "South Traders")
	if got := admin.text("main .pending-dealers"); strings.Contains(got, "North Distribution") {
		t.Errorf("a tier-1 distributor is pending for a tier-2 policy: %q", got)
	}
	admin.waitText("main .share-table", "Retail")
	admin.waitFor("main .chart svg.recharts-surface")
	admin.screenshot("admin-policy-dashboard-en")

	// It reaches South's Home live, highlighted, waiting for acknowledgement.
	south.waitText("main .policy-updates", title)
	south.waitText("main .live-note", "New policy: "+title)
	south.waitText("main .pending-policies", title)
	south.notReloaded()
	south.screenshot("dealer-home-policy-en")

	// North never hears of it, though it hears one published to all dealers after it.
	everyone := fmt.Sprintf("Safety notice for all dealers %d", run)
	api := signIn(t, m, "admin@demo.test")
	var settings struct{ Settings struct{ Today string } }
	api.mustQuery(t, `{ settings { today } }`, nil, &settings)
	var published struct{ PublishPolicy struct{ ID string } }
	api.mustQuery(t, `mutation($in: PublishPolicyInput!) { publishPolicy(input: $in) { id } }`,
		map[string]any{"in": map[string]any{
			"kind": "GENERAL", "title": everyone, "body": "For everyone.",
			"effectiveFrom": settings.Settings.Today, "audience": map[string]any{"all": true},
		}}, &published)
	north.waitText("main .policy-updates", everyone)
	if got := north.text("main"); strings.Contains(got, title) {
		t.Errorf("North Distribution, outside the audience, was shown the policy:\n%s", got)
	}
	if n := north.eval(fmt.Sprintf(`String(document.querySelectorAll('main [data-policy=%q]').length)`, title)); n != "0" {
		t.Errorf("North Distribution's Home lists the tier-2 policy %s times", n)
	}
	north.notReloaded()

	// South acknowledges on Home with one click; it leaves the list.
	south.waitText("main .policy-updates", everyone)
	card := fmt.Sprintf(`main .pending-policies li[data-policy=%q]`, title)
	south.do(chromedp.Click(chromedp.CSS(card + ` button[data-action=acknowledge]`)))
	south.waitNone(card)

	// On Policies it says when, and shows its audience in words.
	south.nav("/policies")
	south.waitText("main h1", "Policies")
	row := fmt.Sprintf(`main .policy-list li[data-policy=%q]`, title)
	south.waitText(row, "Acknowledged")
	south.waitText(row, "all tier-2 dealers of Retail")
	south.screenshot("dealer-policies-en")
	south.fitsPhone("dealer-policies-phone-en", row, "Acknowledged", "dealer-policies-phone-en")
	south.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	south.waitText(row, "零售 渠道的全部二级经销商")
	south.waitText("main h1", "政策")
	south.screenshot("dealer-policies-zh")

	// The administrator's dashboard no longer lists South as pending.
	admin.do(chromedp.Click(chromedp.CSS(`main .policy-dashboard button[data-action=refresh]`)))
	admin.waitGone("main .policy-dashboard", "South Traders")
	admin.waitText("main .share-table", "Retail")
	admin.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	admin.waitText("main #policy-dashboard", "确认情况")
	admin.screenshot("admin-policy-dashboard-zh")
	admin.fitsPhone("admin-policy-dashboard-phone-zh", "main #policy-dashboard", "确认情况", "admin-policy-dashboard-phone-zh")

	// A material amendment reaches South live and asks it again; the changes are highlighted.
	south.do(chromedp.Navigate(m.URL() + "/"))
	south.waitText("main h1", "South Traders")
	south.waitText("main #home-policies", "待确认的政策")
	south.markPage()
	admin.do(chromedp.Click(chromedp.CSS(`button[lang="en"]`)))
	admin.do(chromedp.Click(chromedp.CSS(`main a[data-link=amend]`)))
	admin.waitText("main h1", "Amend policy")
	admin.waitText("main .audience-summary", "all tier-2 dealers of Retail")
	admin.setText(`main form textarea[name=body]`,
		"# Returns\n\nUnsold stock may be **returned** within 45 days.\n\n- Unopened boxes only\n- Freight paid by the dealer")
	admin.do(chromedp.Click(chromedp.CSS(`main form button[data-action=publish]`)))
	admin.waitText("main .eyebrow", "Version 2")
	admin.waitText("main .changes .change-added", "within 45 days")
	admin.waitText("main .changes .change-removed", "within 30 days")
	admin.waitText("main .versions", "Material change")
	admin.screenshot("admin-policy-changes-en")
	south.waitText("main .live-note", "政策已修订")
	south.waitFor(card)
	south.notReloaded()

	// A reminder from the dashboard reaches those still to acknowledge.
	admin.waitText("main .pending-dealers", "South Traders")
	admin.do(chromedp.Click(chromedp.CSS(`main button[data-action=remind]`)))
	admin.waitText("main .policy-dashboard", "Reminder sent")
	south.waitText("main .live-note", "请确认政策")
	south.do(chromedp.Click(chromedp.CSS(card + ` a`)))
	south.waitText("main .changes .change-added", "within 45 days")
	south.waitText("main .acknowledgement", "待您确认")
	south.waitText("main .markdown h1", "Returns") // rendered, not the Markdown source
	south.screenshot("dealer-policy-changes-zh")

	for _, u := range []*user{admin, south, north} {
		u.noScriptErrors()
	}
}

// TestPortal_ConflictToDesk: a distributor reports a conflict against its
// sub-dealer with an order as evidence; the case reaches the channel
// manager's conflict desk, who moves it and leaves an internal note the
// reporter never sees.
func TestPortal_ConflictToDesk(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)
	summary := fmt.Sprintf("Sold into our territory at cost, case %d", time.Now().UnixNano()%100000)

	north := newUser(t, b, m, dir)
	north.signIn("north@demo.test")
	north.waitText("main h1", "North Distribution")
	north.nav("/conflicts")
	north.waitText("main h1", "Conflict cases")
	north.do(chromedp.Click(chromedp.CSS(`main a[data-link="new-case"]`)))
	north.waitText("main h1", "Report a conflict")
	north.choose(`main form select[name=kind]`, "TERRITORY_BREACH")
	north.choose(`main form select[name=severity]`, "HIGH")
	north.do(chromedp.SendKeys(chromedp.CSS(`main form input[name=party]`), "Dalian"))
	north.waitText("main .dealer-candidates", "Dalian Coastal Hardware")
	north.do(
		chromedp.Click(chromedp.CSS(`main .dealer-candidates button[data-dealer="Dalian Coastal Hardware"]`)),
		chromedp.SendKeys(chromedp.CSS(`main form textarea[name=summary]`), summary),
		chromedp.SendKeys(chromedp.CSS(`main form textarea[name=evidence]`), "Three customers in Harbin showed us their invoices."),
	)
	north.waitText("main .parties", "Dalian Coastal Hardware")
	if n := north.eval(`String(document.querySelectorAll("main .evidence-orders input").length)`); n != "0" {
		north.do(chromedp.Click(chromedp.CSS(`main .evidence-orders input`)))
	}
	north.screenshot("dealer-conflict-new-en")
	north.do(chromedp.Click(chromedp.CSS(`main form button[data-action=open-case]`)))
	north.waitText("main h1", "CC-")
	number := regexp.MustCompile(`CC-\d+`).FindString(north.text("main h1"))
	north.waitText("main .case-summary", summary)
	north.waitText("main .case-parties", "Dalian Coastal Hardware")
	north.waitText("main .case-history", "Opened")
	casePath := north.path()
	north.screenshot("dealer-conflict-en")

	// It is on the manager's conflict desk.
	mgr := newUser(t, b, m, dir)
	mgr.signIn("manager@demo.test")
	mgr.waitText("main h1", "Dealers")
	mgr.nav("/conflicts")
	mgr.waitText("main h1", "Conflict desk")
	deskRow := fmt.Sprintf(`main tr[data-case=%q]`, number)
	mgr.waitText(deskRow, summary)
	mgr.waitText(deskRow, "High")
	mgr.waitText(deskRow, "Open")
	mgr.screenshot("manager-conflict-desk-en")
	mgr.fitsPhone("manager-conflict-desk-phone-en", deskRow, "High", "manager-conflict-desk-phone-en")

	// The manager investigates it and leaves an internal note.
	mgr.do(chromedp.Click(chromedp.CSS(deskRow + ` a`)))
	mgr.waitText("main h1", number)
	mgr.waitText("main .conflict-case", "Three customers in Harbin")
	mgr.do(chromedp.Click(chromedp.CSS(`main button[data-move=INVESTIGATING]`)))
	mgr.waitText("main h1", "Investigating")
	mgr.waitText("main .case-history", "Open → Investigating")
	mgr.do(
		chromedp.SendKeys(chromedp.CSS(`main textarea[name=comment]`), "Checked the invoices: the prices match."),
		chromedp.Click(chromedp.CSS(`main input[name=internal]`)),
		chromedp.Click(chromedp.CSS(`main .comment-form button[type=submit]`)),
	)
	mgr.waitText("main .comments", "Checked the invoices")
	mgr.waitText("main .comments", "Internal")
	mgr.screenshot("manager-conflict-en")
	mgr.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	mgr.waitText("main .case-history", "从待处理变为调查中")
	mgr.screenshot("manager-conflict-zh")

	// The reporter sees the move, not the note.
	north.do(chromedp.Navigate(m.URL() + casePath))
	north.waitText("main h1", "Investigating")
	if got := north.text("main"); strings.Contains(got, "Checked the invoices") {
		t.Error("the reporting dealer is shown the staff's internal note")
	}
	north.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	north.waitText("main h1", "调查中")
	north.screenshot("dealer-conflict-zh")
	north.fitsPhone("dealer-conflict-phone-zh", "main h1", "调查中", "dealer-conflict-phone-zh")

	for _, u := range []*user{north, mgr} {
		u.noScriptErrors()
	}
}

// TestPortal_ConflictToDeskNearby: a dealer on its own, which reads no
// other dealer, finds the parties through the form — one trading in its
// territory by name, one from elsewhere by its exact code — and the case
// reaches the manager's desk naming both.
func TestPortal_ConflictToDeskNearby(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)
	summary := fmt.Sprintf("Both undercut our Foshan price list, case %d", time.Now().UnixNano()%100000)

	south := newUser(t, b, m, dir)
	south.signIn("south@demo.test")
	south.waitText("main h1", "South Traders")
	south.nav("/conflicts")
	south.waitText("main h1", "Conflict cases")
	south.do(chromedp.Click(chromedp.CSS(`main a[data-link="new-case"]`)))
	south.waitText("main h1", "Report a conflict")
	south.waitText("main .parties", "Find a dealer by name or code")
	south.choose(`main form select[name=kind]`, "PRICE_UNDERCUT")

	// Wuhan Riverside Hardware trades elsewhere: found by its exact code only.
	south.do(chromedp.SendKeys(chromedp.CSS(`main form input[name=party]`), "D-WH-01"))
	south.waitText("main .dealer-candidates", "Wuhan Riverside Hardware")
	south.waitText("main .dealer-candidates", "D-WH-01")
	south.do(chromedp.Click(chromedp.CSS(`main .dealer-candidates button[data-dealer="Wuhan Riverside Hardware"]`)))
	south.waitText("main .parties", "Wuhan Riverside Hardware")

	// Pearl River Tool Centre trades in the Pearl River Delta, as South Traders does.
	territory := south.eval(`[...document.querySelectorAll("main form select[name=territoryID] option")].find((o) => o.textContent === "Pearl River Delta")?.value ?? ""`)
	if territory == "" {
		t.Fatal("South Traders is offered no Pearl River Delta territory")
	}
	south.choose(`main form select[name=territoryID]`, territory)
	south.waitText("main .parties", "in the chosen territory")
	south.do(chromedp.SendKeys(chromedp.CSS(`main form input[name=party]`), "pearl"))
	south.waitText("main .dealer-candidates", "Pearl River Tool Centre")
	south.waitText("main .dealer-candidates", "D-GZ-01")
	south.do(
		chromedp.Click(chromedp.CSS(`main .dealer-candidates button[data-dealer="Pearl River Tool Centre"]`)),
		chromedp.SendKeys(chromedp.CSS(`main form textarea[name=summary]`), summary),
	)
	south.waitText("main .parties", "Pearl River Tool Centre")
	south.screenshot("dealer-conflict-nearby-en")
	south.do(chromedp.Click(chromedp.CSS(`main form button[data-action=open-case]`)))
	south.waitText("main h1", "CC-")
	number := regexp.MustCompile(`CC-\d+`).FindString(south.text("main h1"))
	south.waitText("main .case-summary", summary)

	// The manager sees it on the desk, against both.
	mgr := newUser(t, b, m, dir)
	mgr.signIn("manager@demo.test")
	mgr.waitText("main h1", "Dealers")
	mgr.nav("/conflicts")
	mgr.waitText("main h1", "Conflict desk")
	deskRow := fmt.Sprintf(`main tr[data-case=%q]`, number)
	mgr.waitText(deskRow, summary)
	mgr.do(chromedp.Click(chromedp.CSS(deskRow + ` a`)))
	mgr.waitText("main h1", number)
	mgr.waitText("main .case-parties", "South Traders")
	mgr.waitText("main .case-parties", "Pearl River Tool Centre")
	mgr.waitText("main .case-parties", "Wuhan Riverside Hardware")
	mgr.waitText("main .conflict-case", "Pearl River Delta")

	for _, u := range []*user{south, mgr} {
		u.noScriptErrors()
	}
}

// TestPortal_MarketReports: a dealer reports a street price in its
// territory and sees it among the prices seen there, beside its own price;
// the manager finds it on the market reports, filtered by territory.
func TestPortal_MarketReports(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)
	competitor := fmt.Sprintf("Harbour Tools Mart %d", time.Now().UnixNano()%100000)

	south := newUser(t, b, m, dir)
	south.signIn("south@demo.test")
	south.waitText("main h1", "South Traders")
	south.nav("/market")
	south.waitText("main h1", "Market information")
	south.waitText("main .market-form", "Competitor or seller")
	product := south.eval(`document.querySelector("main select[name=productID] option:nth-child(2)").value`)
	productName := south.eval(`document.querySelector("main select[name=productID] option:nth-child(2)").innerText`)
	territory := south.eval(`document.querySelector("main select[name=territoryID] option:checked").innerText`)
	south.choose(`main select[name=productID]`, product)
	south.do(
		chromedp.SendKeys(chromedp.CSS(`main input[name=competitor]`), competitor),
		chromedp.SendKeys(chromedp.CSS(`main input[name=observedPrice]`), "99.50"),
		chromedp.Click(chromedp.CSS(`main .market-form button[type=submit]`)),
	)
	south.waitText("main .market-form", "your report was recorded")
	row := fmt.Sprintf(`main .market-reports tr[data-competitor=%q]`, competitor)
	south.waitText(row, "99.50")
	seen := fmt.Sprintf(`main .observations tr[data-competitor=%q]`, competitor)
	south.waitText(seen, "99.50")
	south.waitText(seen, territory)
	south.waitText("main .observations thead", "Your price")
	south.screenshot("dealer-market-en")
	south.fitsPhone("dealer-market-phone-en", seen, "99.50", "dealer-market-phone-en")
	south.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	south.waitText("main h1", "市场信息")
	south.waitText("main .observations thead", "您的价格")
	south.screenshot("dealer-market-zh")

	mgr := newUser(t, b, m, dir)
	mgr.signIn("manager@demo.test")
	mgr.waitText("main h1", "Dealers")
	mgr.nav("/market")
	mgr.waitText("main h1", "Market information")
	mgr.waitText(row, "South Traders")
	territoryID := mgr.eval(fmt.Sprintf(`[...document.querySelectorAll("main .filter select:first-of-type option")].find(o => o.innerText === %q).value`, territory))
	mgr.choose(`main .filter select`, territoryID)
	mgr.waitText(row, productName[strings.Index(productName, " ")+1:])
	if got := mgr.path(); !strings.Contains(got, "territory=") {
		t.Errorf("the territory filter is not in the URL: %q", got)
	}
	mgr.screenshot("manager-market-en")

	for _, u := range []*user{south, mgr} {
		u.noScriptErrors()
	}
}
