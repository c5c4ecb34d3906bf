package server_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPortal_Menu: on a desktop the manager's menu is a column of headed
// groups beside the page, with no Menu button; on a phone it is closed
// behind the Menu button, opens to the same groups (in Chinese too), takes
// the manager to a page and closes, and Escape closes it.
func TestPortal_Menu(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	u := newUser(t, b, m, artifactDir(t))
	u.do(chromedp.EmulateViewport(1280, 900))
	u.signIn("manager@demo.test")
	u.waitText("#main-nav", "Scorecards")
	visible := func(sel string) bool {
		return u.eval(`String(!!document.querySelector('`+sel+`') && document.querySelector('`+sel+`').offsetParent !== null)`) == "true"
	}
	headings := func() string {
		return u.eval(`[...document.querySelectorAll("#main-nav .nav-heading")].map((h) => h.textContent).join(" | ")`)
	}
	if got := headings(); got != "Relationships | Orders | Policies & market | Incentives | Appraisal | Administration" {
		t.Errorf("desktop headings: %s", got)
	}
	if !visible(`#main-nav a[href="/scorecards"]`) || visible(`header button[data-action="menu"]`) {
		t.Error("on a desktop the menu is shown beside the page, without a Menu button")
	}
	// The menu sits left of the page, not above it.
	if u.eval(`String(document.querySelector("#main-nav").getBoundingClientRect().right <= document.querySelector("main").getBoundingClientRect().left)`) != "true" {
		t.Error("the menu is not beside the page")
	}
	u.screenshotScreen("menu-desktop-en")

	u.do(chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
	u.waitFor(`header button[data-action="menu"]`)
	if visible(`#main-nav a[href="/scorecards"]`) || !visible(`header button[data-action="menu"]`) {
		t.Error("on a phone the menu is closed behind its button")
	}
	u.do(chromedp.Click(chromedp.CSS(`header button[data-action="menu"]`)))
	u.waitText(`header button[data-action="menu"]`, "Close menu")
	if u.eval(`document.querySelector('header button[data-action="menu"]').getAttribute("aria-expanded")`) != "true" || !visible(`#main-nav a[href="/scorecards"]`) {
		t.Error("the Menu button did not open the menu")
	}
	if w := u.pageWidth(360); w != "360" {
		t.Errorf("the open menu is %spx wide on a 360px screen", w)
	}
	u.screenshotScreen("menu-phone-open-en")
	u.do(chromedp.Click(chromedp.CSS(`#main-nav a[href="/scorecards"]`)))
	u.waitText("main h1", "Scorecards")
	u.waitNone(`#main-nav.nav-open`)
	if visible(`#main-nav a[href="/scorecards"]`) {
		t.Error("the menu stays open after choosing a page")
	}

	// Escape closes it; in Chinese, the same groups in Chinese.
	u.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	u.do(chromedp.Click(chromedp.CSS(`header button[data-action="menu"]`)))
	u.waitText(`#main-nav.nav-open`, "考核评估")
	if got := headings(); !strings.HasPrefix(got, "客户关系 | 订单") {
		t.Errorf("Chinese headings: %s", got)
	}
	u.screenshotScreen("menu-phone-open-zh")
	u.do(chromedp.KeyEvent("\u001b"))
	u.waitNone(`#main-nav.nav-open`)
	u.noScriptErrors()
}
