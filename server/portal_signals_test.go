package server_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestPortal_Signals: Retail's manager has the signals inbox open when an
// administrator imports late distribution surveys of the previous month
// for two of the manager's dealers, under 40 %: rule 3's signals appear
// without a reload, and the count beside the menu item follows. A later
// survey of that month at 50 % withdraws the first, which leaves the Open
// list with its reason; the manager resolves the second with a note (none
// is refused). The manager reads the rules, the administrator changes rule
// 3's threshold (out of range refused on its field); a dealer user is
// shown no such page. The inbox reads in Chinese too; the pages fit a phone.
func TestPortal_Signals(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)
	admin := signIn(t, m, "admin@demo.test")
	api := signIn(t, m, "manager@demo.test")

	var ids struct {
		Settings struct{ Today string }
		Dealers  struct {
			Edges []struct{ Node struct{ ID, Code string } }
		}
	}
	api.mustQuery(t, `{ settings { today } dealers(first: 100) { edges { node { id code } } } }`, nil, &ids)
	today, err := time.Parse("2006-01-02", ids.Settings.Today)
	if err != nil {
		t.Fatal(err)
	}
	monthStart := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC)
	prev := monthStart.AddDate(0, -1, 0).Format("2006-01")
	lowOn := monthStart.AddDate(0, 0, -2).Format("2006-01-02")   // the month's last day but one
	laterOn := monthStart.AddDate(0, 0, -1).Format("2006-01-02") // its last day

	// Two of the manager's dealers with no rule 3 signal for the previous
	// month yet, and no survey that month dated on or after lowOn (the
	// latest survey of a month is the one that counts).
	var raised struct {
		Signals struct {
			Edges []struct {
				Node struct{ Dealer *struct{ ID string } }
			}
		}
	}
	admin.mustQuery(t, `query($p: Period!) { signals(rule: 3, period: $p, first: 100) { edges { node { dealer { id } } } } }`,
		map[string]any{"p": prev}, &raised)
	taken := map[string]bool{}
	for _, e := range raised.Signals.Edges {
		if e.Node.Dealer != nil {
			taken[e.Node.Dealer.ID] = true
		}
	}
	type dealer struct{ ID, Code string }
	var picked []dealer
	for _, e := range ids.Dealers.Edges {
		if len(picked) == 2 {
			break
		}
		if taken[e.Node.ID] {
			continue
		}
		var s struct {
			DistributionSurveys struct{ TotalCount int }
		}
		admin.mustQuery(t, `query($d: ID!, $from: Date!, $to: Date!) { distributionSurveys(dealerID: $d, from: $from, to: $to, first: 1) { totalCount } }`,
			map[string]any{"d": e.Node.ID, "from": lowOn, "to": laterOn}, &s)
		if s.DistributionSurveys.TotalCount == 0 {
			picked = append(picked, dealer{e.Node.ID, e.Node.Code})
		}
	}
	if len(picked) < 2 {
		t.Fatalf("want two of the manager's dealers without a rule 3 signal for %s, have %+v", prev, picked)
	}
	withdrawn, resolved := picked[0], picked[1]
	survey := func(d dealer, on string, visited, carrying int) {
		t.Helper()
		var out struct{ RecordDistributionSurvey struct{ ID string } }
		admin.mustQuery(t, `mutation($in: RecordDistributionSurveyInput!) { recordDistributionSurvey(input: $in) { id } }`,
			map[string]any{"in": map[string]any{"dealerID": d.ID, "date": on, "outletsVisited": visited, "outletsCarrying": carrying, "note": "Late survey."}}, &out)
	}
	// The late facts come as a history import, as an office catching up
	// on its paperwork sends them.
	importSurveys := func(lines ...string) {
		t.Helper()
		if a := postImport(t, m, admin.token, "application/x-ndjson", strings.Join(lines, "\n")+"\n"); a.Status != http.StatusOK {
			t.Fatalf("import: %+v", a)
		}
	}
	importLine := func(d dealer, on string, visited, carrying int) string {
		return fmt.Sprintf(`{"kind":"distributionSurvey","ref":"LATE-%s-%s","dealer":%q,"date":%q,"outletsVisited":%d,"outletsCarrying":%d}`,
			d.Code, on, d.Code, on, visited, carrying)
	}
	row := func(d dealer) string {
		return fmt.Sprintf(`main tr[data-rule="3"][data-period=%q][data-dealer=%q]`, prev, d.Code)
	}

	manager := newUser(t, b, m, dir)
	manager.signIn("manager@demo.test")
	manager.waitText("main h1", "Dealers")
	manager.nav("/signals")
	manager.waitText("main h1", "Channel signals")
	manager.waitFor(`main .signals-tabs button[data-tab="OPEN"][aria-pressed="true"]`)
	manager.waitFor(`main .signals .count, main .signals .state-empty`)
	var open struct{ Signals struct{ TotalCount int } }
	api.mustQuery(t, `{ signals(status: OPEN, first: 1) { totalCount } }`, nil, &open)
	openBefore := open.Signals.TotalCount
	manager.markPage()

	// Late facts, imported, raise rule 3 for both dealers, in place.
	importSurveys(importLine(withdrawn, lowOn, 10, 3), importLine(resolved, lowOn, 10, 2))
	manager.waitFor(row(withdrawn) + `[data-status="OPEN"]`)
	manager.waitFor(row(resolved) + `[data-status="OPEN"]`)
	manager.waitText(row(withdrawn), "distribution 0.30 < 0.40")
	manager.waitText(row(resolved), "distribution 0.20 < 0.40")
	if got := manager.eval(`document.querySelector(` + fmt.Sprintf("%q", row(withdrawn)) + `).closest(".signals-group").querySelector("h2").innerText`); got != "Retail" {
		t.Errorf("the signal of %s is grouped under %q, want Retail", withdrawn.Code, got)
	}
	_, err = chromedp.Run(manager.ctx, chromedp.PollFunction[bool](
		`(before) => { const b = document.querySelector("nav [data-open-signals]"); return !!b && Number(b.dataset.openSignals) >= Number(before) + 2; }`,
		chromedp.WithPollingArgs(openBefore), chromedp.WithPollingTimeout(15*time.Second)))
	if err != nil {
		t.Errorf("the open count beside Signals did not grow by two from %d: %v", openBefore, err)
	}
	scorecard := manager.eval(`document.querySelector(` + fmt.Sprintf("%q", row(withdrawn)+` a[data-link="scorecard"]`) + `).getAttribute("href")`)
	if want := "/scorecards?dealer=" + withdrawn.ID + "&period=" + prev + "&kpi=DISTRIBUTION_RATE"; scorecard != want {
		t.Errorf("scorecard link %q, want %q", scorecard, want)
	}
	manager.screenshot("manager-signals-raised-en")

	// A later survey that month at 50 % withdraws the first: it leaves the
	// Open list and shows why.
	survey(withdrawn, laterOn, 10, 5)
	manager.waitFor(`main .signals-moved ` + strings.TrimPrefix(row(withdrawn), "main ") + `[data-status="WITHDRAWN"] [data-withdrawn]`)
	manager.waitNone(`main .signals-group ` + strings.TrimPrefix(row(withdrawn), "main "))
	if reason := manager.text(row(withdrawn) + ` [data-withdrawn]`); strings.TrimSpace(reason) == "" {
		t.Error("the withdrawn signal shows no reason")
	}

	// The second is resolved with a note; none is refused first.
	openRow := row(resolved) + `[data-status="OPEN"]`
	manager.do(chromedp.Click(chromedp.CSS(openRow + ` .signals-resolve-open`)))
	manager.waitFor(openRow + ` .signals-resolve textarea`)
	manager.do(chromedp.Click(chromedp.CSS(openRow + ` .signals-resolve button[type=submit]`)))
	manager.waitText(openRow+` .field-error`, "Write what was done")
	manager.setText(openRow+` .signals-resolve textarea`, "Called the dealer: new displays in 8 outlets next week.")
	manager.do(chromedp.Click(chromedp.CSS(openRow + ` .signals-resolve button[type=submit]`)))
	manager.waitFor(row(resolved) + `[data-status="RESOLVED"] [data-resolved]`)
	manager.waitText(row(resolved)+` [data-resolved]`, "new displays in 8 outlets")
	manager.waitText(row(resolved)+` [data-resolved]`, "Liu Yang")
	manager.notReloaded()
	manager.noScriptErrors()

	var after struct {
		Signals struct {
			Edges []struct {
				Node struct {
					Status         string
					ResolutionNote *string
					Dealer         *struct{ Code string }
				}
			}
		}
	}
	api.mustQuery(t, `query($p: Period!) { signals(rule: 3, period: $p, first: 100) { edges { node { status resolutionNote dealer { code } } } } }`,
		map[string]any{"p": prev}, &after)
	states := map[string]string{}
	for _, e := range after.Signals.Edges {
		if e.Node.Dealer != nil {
			states[e.Node.Dealer.Code] = e.Node.Status
		}
	}
	if states[withdrawn.Code] != "WITHDRAWN" || states[resolved.Code] != "RESOLVED" {
		t.Errorf("rule 3 signals of %s: %v; want %s WITHDRAWN, %s RESOLVED", prev, states, withdrawn.Code, resolved.Code)
	}
	manager.fitsPhone("the signals inbox", "main h1", "Channel signals", "manager-signals-phone-en")

	// In Chinese: the rule and the evidence are worded here, by rule number.
	manager.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	manager.waitText("main h1", "渠道预警")
	manager.waitText(`nav a[href="/signals"]`, "渠道预警")
	manager.waitText(row(resolved), "终端铺货率低")
	manager.waitText(row(resolved), "铺货率 0.20 < 0.40")
	manager.screenshot("manager-signals-zh")
	manager.do(chromedp.Click(chromedp.CSS(`button[lang="en"]`)))
	manager.waitText("main h1", "Channel signals")

	// The manager reads the rules; only administrators change them.
	manager.do(chromedp.Click(chromedp.CSS(`main a[data-link="signal-rules"]`)))
	manager.waitText("main h1", "Signal rules")
	manager.waitText(`main .signal-rule[data-rule="3"]`, "Low terminal distribution rate")
	manager.waitText(`main .signal-rule[data-rule="3"]`, "under 0.4")
	if got := manager.eval(`String(document.querySelectorAll("main .signal-rule").length) + "/" + String(!!document.querySelector("main .signal-rule-form"))`); got != "10/false" {
		t.Errorf("the manager's rules page has rules/form %s, want 10/false", got)
	}

	adm := newUser(t, b, m, dir)
	adm.signIn("admin@demo.test")
	adm.waitText("main h1", "Dealers")
	adm.do(chromedp.Navigate(m.URL() + "/signals/rules"))
	adm.waitText("main h1", "Signal rules")
	rate := `main .signal-rule[data-rule="3"] input[name=rate]`
	adm.waitFor(rate)
	adm.setInput(rate, "1.5")
	adm.do(chromedp.Click(chromedp.CSS(`main .signal-rule[data-rule="3"] button[type=submit]`)))
	adm.waitText(`main .signal-rule[data-rule="3"] [data-threshold="rate"] .field-error`, "Out of range")
	adm.setInput(rate, "0.35")
	adm.do(chromedp.Click(chromedp.CSS(`main .signal-rule[data-rule="3"] button[type=submit]`)))
	adm.waitText(`main .signal-rule[data-rule="3"] .notice-ok`, "Saved")
	adm.waitText(`main .signal-rule[data-rule="3"] .signal-rule-condition`, "under 0.35")
	var rules struct {
		SignalRules []struct {
			Rule       int
			Thresholds []struct {
				Name  string
				Value float64
			}
		}
	}
	admin.mustQuery(t, `{ signalRules { rule thresholds { name value } } }`, nil, &rules)
	if r := rules.SignalRules[2]; r.Rule != 3 || len(r.Thresholds) != 1 || r.Thresholds[0].Value != 0.35 {
		t.Errorf("rule 3 after saving: %+v; want rate 0.35", r)
	}
	adm.fitsPhone("the signal rules", "main h1", "Signal rules", "admin-signal-rules-phone-en")
	adm.noScriptErrors()

	// A dealer user has no such menu item, nor page.
	south := newUser(t, b, m, dir)
	south.signIn("south@demo.test")
	south.waitText("main h1", "South Traders")
	if got := south.eval(`String(!!document.querySelector('nav a[href="/signals"]'))`); got != "false" {
		t.Error("a dealer user is offered the signals")
	}
	south.do(chromedp.Navigate(m.URL() + "/signals"))
	south.waitText("main h1", "Page not found")
	south.do(chromedp.Navigate(m.URL() + "/signals/rules"))
	south.waitText("main h1", "Page not found")
}
