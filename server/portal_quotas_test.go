package server_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// setInput replaces what an input holds, as typing over it does.
func (u *user) setInput(sel, value string) {
	u.t.Helper()
	u.eval(fmt.Sprintf(`(() => {
		const el = document.querySelector(%q);
		Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set.call(el, %q);
		el.dispatchEvent(new Event("input", { bubbles: true }));
		return "";
	})()`, sel, value))
}

// TestPortal_Quotas: the manager of Retail changes South Traders'
// December quota in the grid and sees it saved (and kept on reload); a
// CSV with bad lines is refused whole, each bad line listed; the page fits
// a phone (the grid scrolls inside it); a dealer user has no quotas page.
func TestPortal_Quotas(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)
	year := time.Now().Year()
	dec, nov := fmt.Sprintf("%d-12", year), fmt.Sprintf("%d-11", year)
	cell := func(code, month string) string {
		return fmt.Sprintf(`main tr[data-dealer=%q] input[data-month=%q]`, code, month)
	}
	quotaOf := func(c client, code, month string) string {
		var got struct {
			Quotas []struct {
				Amount string
				Dealer struct{ Code string }
			}
		}
		c.mustQuery(t, `query($m: Period!) { quotas(from: $m, to: $m) { amount dealer { code } } }`, map[string]any{"m": month}, &got)
		for _, q := range got.Quotas {
			if q.Dealer.Code == code {
				return q.Amount
			}
		}
		return ""
	}
	api := signIn(t, m, "manager@demo.test")
	novBefore := quotaOf(api, "D-SOUTH", nov)
	if novBefore == "" {
		t.Fatalf("the demo has no quota of D-SOUTH for %s", nov)
	}

	manager := newUser(t, b, m, dir)
	manager.signIn("manager@demo.test")
	manager.waitText("main h1", "Dealers")
	manager.nav("/quotas")
	manager.waitText("main h1", "Quotas")
	manager.waitFor(cell("D-SOUTH", dec))
	if got := manager.text("main .quota-grid"); strings.Contains(got, "D-EAST") {
		t.Error("the manager of Retail sees a dealer of another channel in the grid")
	}
	manager.setInput(cell("D-SOUTH", dec), "123456.78")
	manager.waitText("main .quota-actions", "Save 1 change")
	manager.screenshot("manager-quotas-edit-en")
	manager.do(chromedp.Click(chromedp.CSS(`main .quota-actions .button-primary`)))
	manager.waitText("main .quota-saved", "1 quota saved")
	if got := quotaOf(api, "D-SOUTH", dec); got != "123456.78" {
		t.Errorf("D-SOUTH %s after saving = %q; want 123456.78", dec, got)
	}
	manager.do(chromedp.Reload())
	manager.waitFor(cell("D-SOUTH", dec))
	manager.waitFor(cell("D-SOUTH", dec) + `[value="123456.78"]`)

	// A cell the API refuses is marked, and nothing is saved.
	manager.setInput(cell("D-SOUTH", nov), "-5")
	manager.do(chromedp.Click(chromedp.CSS(`main .quota-actions .button-primary`)))
	manager.waitFor(`main .quota-cell-bad ` + `input[data-month="` + nov + `"]`)
	manager.do(chromedp.Click(chromedp.CSS(`main .quota-actions .button-quiet`)))

	// A CSV with bad lines: refused whole, each bad line listed.
	file := filepath.Join(t.TempDir(), "quotas.csv")
	csv := fmt.Sprintf("dealer code,month,amount\nD-SOUTH,%s,100.00\nD-NOPE,%s,1\nD-NORTH,%d-13,1\nD-EAST,%s,5\n", nov, nov, year, nov)
	if err := os.WriteFile(file, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	manager.do(chromedp.SetUploadFiles(chromedp.CSS(`main input[type=file]`), []string{file}))
	manager.waitText("main .quota-import-rows", "3 rows are wrong")
	for _, want := range []string{"Line 3, dealer code", "Line 4, month", "Line 5, dealer code"} {
		manager.waitText("main .quota-import-rows", want)
	}
	manager.screenshot("manager-quotas-import-refused-en")
	if got := quotaOf(api, "D-SOUTH", nov); got != novBefore {
		t.Errorf("a refused file changed D-SOUTH's %s quota: %s, was %s", nov, got, novBefore)
	}

	// A good file is taken.
	good := filepath.Join(t.TempDir(), "good.csv")
	if err := os.WriteFile(good, []byte(fmt.Sprintf("dealer code,month,amount\nD-SOUTH,%s,2500.00\n", nov)), 0o600); err != nil {
		t.Fatal(err)
	}
	manager.do(chromedp.SetUploadFiles(chromedp.CSS(`main input[type=file]`), []string{good}))
	manager.waitText("main .quota-import-done", "1 quota written")
	manager.waitFor(cell("D-SOUTH", nov) + `[value="2500.00"]`)
	manager.fitsPhone("the quotas page", "main h1", "Quotas", "manager-quotas-phone-en")

	// A dealer user: no menu entry, and the page says it is not theirs.
	south := newUser(t, b, m, dir)
	south.signIn("south@demo.test")
	south.waitText("main h1", "South Traders")
	if got := south.eval(`String(!!document.querySelector('nav a[href="/quotas"]'))`); got != "false" {
		t.Error("a dealer user's menu offers the quotas page")
	}
	south.do(chromedp.Navigate(m.URL() + "/quotas"))
	south.waitText("main", "Quotas are set by the manufacturer")
	if got := south.eval(`String(document.querySelectorAll("main .quota-grid").length)`); got != "0" {
		t.Error("a dealer user sees the quota grid")
	}
}
