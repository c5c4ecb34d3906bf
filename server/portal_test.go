package server_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/dealerline/dealerline/server"
)

func TestPortal_Served(t *testing.T) {
	m := startServer(t)

	getPage := func(t *testing.T, path string) (*http.Response, string) {
		t.Helper()
		resp, err := http.Get(m.URL() + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp, string(b)
	}

	var index string
	for _, path := range []string{"/", "/dealers/42", "/catalogue?q=drill", "/signin"} {
		t.Run("Page"+path, func(t *testing.T) {
			resp, body := getPage(t, path)
			if resp.StatusCode != 200 || !strings.Contains(body, `<div id="root">`) {
				t.Fatalf("GET %s = %d %.200q, want the portal's index.html", path, resp.StatusCode, body)
			}
			for header, want := range map[string]string{
				"Content-Type":  "text/html; charset=utf-8",
				"Cache-Control": "no-cache",
			} {
				if got := resp.Header.Get(header); got != want {
					t.Errorf("%s = %q, want %q", header, got, want)
				}
			}
			if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
				t.Errorf("Content-Security-Policy = %q", csp)
			}
			index = body
		})
	}

	assets := regexp.MustCompile(`(?:src|href)="(/assets/[^"]+\.(js|css))"`).FindAllStringSubmatch(index, -1)
	if len(assets) < 2 {
		t.Fatalf("index.html names %d assets, want a script and a stylesheet:\n%s", len(assets), index)
	}
	for _, a := range assets {
		t.Run("Asset"+a[1], func(t *testing.T) {
			resp, body := getPage(t, a[1])
			want := map[string]string{"js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8"}[a[2]]
			if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != want || len(body) == 0 {
				t.Errorf("GET %s = %d %q (%d bytes), want 200 %q", a[1], resp.StatusCode, resp.Header.Get("Content-Type"), len(body), want)
			}
			if got := resp.Header.Get("Cache-Control"); !strings.Contains(got, "immutable") {
				t.Errorf("Cache-Control = %q, want a long, immutable cache", got)
			}
		})
	}

	t.Run("MissingAssetIsNotThePage", func(t *testing.T) {
		if resp, _ := getPage(t, "/assets/index-gone.js"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("status = %d, want 404", resp.StatusCode)
		}
	})
	t.Run("APIKeepsItsRoutes", func(t *testing.T) {
		if resp, body := getPage(t, "/healthz"); resp.StatusCode != 200 || body != "ok\n" {
			t.Errorf("GET /healthz = %d %q", resp.StatusCode, body)
		}
		resp, body := getPage(t, "/graphql?query=%7B__typename%7D")
		if !strings.Contains(body, `"Query"`) || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
			t.Errorf("GET /graphql = %d %q", resp.StatusCode, body)
		}
	})
}

// chromium finds a Chromium or Chrome binary; without one the browser tests
// skip, or fail where every service is required (CI).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome-stable", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("DEALERLINE_REQUIRE_SERVICES") == "1" {
		t.Fatal("no chromium binary on PATH, and DEALERLINE_REQUIRE_SERVICES=1")
	}
	t.Skip("no chromium binary on PATH")
	return ""
}

// artifactDir is where the browser tests leave their screenshots:
// $DEALERLINE_ARTIFACTS/portal, else dealerline-artifacts/portal in the
// system's temporary directory. Each run overwrites the last.
func artifactDir(t *testing.T) string {
	t.Helper()
	base := os.Getenv("DEALERLINE_ARTIFACTS")
	if base == "" {
		base = filepath.Join(os.TempDir(), "dealerline-artifacts")
	}
	dir := filepath.Join(base, "portal")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// browser starts one headless Chromium for a test; each user gets a
// context of their own in it (separate storage, like a separate profile).
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox, // CI runs as root
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("lang", "en-US"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil { // start the browser
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// user is one person in their own browser context.
type user struct {
	t    *testing.T
	ctx  context.Context
	base string
	dir  string
	errs chan string
}

func newUser(t *testing.T, browserCtx context.Context, m *server.Main, dir string) *user {
	t.Helper()
	u := &user{t: t, base: m.URL(), dir: dir, errs: make(chan string, 16)}
	ctx, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext(),
		chromedp.WithListener(func(ev any) {
			// Script errors fail the test: they are what a person would hit.
			switch ev := ev.(type) {
			case *runtime.EventExceptionThrown:
				select {
				case u.errs <- exceptionText(ev.ExceptionDetails):
				default:
				}
			case *runtime.EventConsoleAPICalled:
				if ev.Type == runtime.ConsoleAPICalledTypeError {
					select {
					case u.errs <- fmt.Sprintf("console.error %v", ev.Args):
					default:
					}
				}
			}
		}))
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() {
		cancelTimeout()
		cancel()
	})
	u.ctx = ctx
	return u
}

func (u *user) do(steps ...chromedp.Action[chromedp.Void]) {
	u.t.Helper()
	if err := chromedp.Do(u.ctx, steps...); err != nil {
		u.t.Fatalf("browser: %v", err)
	}
}

// waitText waits until the element matching sel shows text.
func (u *user) waitText(sel, text string) {
	u.t.Helper()
	_, err := chromedp.Run(u.ctx, chromedp.PollFunction[bool](
		`(sel, text) => { const el = document.querySelector(sel); return !!el && el.innerText.includes(text); }`,
		chromedp.WithPollingArgs(sel, text), chromedp.WithPollingTimeout(15*time.Second)))
	if err != nil {
		got, _ := chromedp.Run(u.ctx, chromedp.Evaluate[string](`document.body.innerText`))
		u.t.Fatalf("waiting for %q in %s: %v\npage shows:\n%s", text, sel, err, got)
	}
}

// nav opens the page at href from the menu, as a person does: on a narrow
// screen the menu is opened first from its button.
func (u *user) nav(href string) {
	u.t.Helper()
	sel := fmt.Sprintf(`#main-nav a[href=%q]`, href)
	u.waitFor(sel)
	if u.eval(fmt.Sprintf(`String(document.querySelector(%q).offsetParent === null)`, sel)) == "true" {
		u.do(chromedp.Click(chromedp.CSS(`header button[data-action="menu"]`)))
	}
	u.do(chromedp.Click(chromedp.CSS(sel)))
}

// pageWidth is the page's width at a screen w pixels wide, once it has
// settled: charts and other resize observers lay out again a moment after
// the viewport changes, so it waits (up to 5 s) for the page to fit before
// reporting what it measures.
func (u *user) pageWidth(w int) string {
	u.t.Helper()
	_, _ = chromedp.Run(u.ctx, chromedp.PollFunction[bool](
		`(w) => document.documentElement.scrollWidth <= w`,
		chromedp.WithPollingArgs(w), chromedp.WithPollingTimeout(5*time.Second)))
	return u.eval(`String(document.documentElement.scrollWidth)`)
}

// fitsScreen says ("true" or "false") whether the page fits the screen's
// width once it has settled (see pageWidth).
func (u *user) fitsScreen() string {
	u.t.Helper()
	_, _ = chromedp.Run(u.ctx, chromedp.PollFunction[bool](
		`() => document.documentElement.scrollWidth <= window.innerWidth`,
		chromedp.WithPollingTimeout(5*time.Second)))
	return u.eval(`String(document.documentElement.scrollWidth <= window.innerWidth)`)
}

func (u *user) eval(js string) string {
	u.t.Helper()
	v, err := chromedp.Run(u.ctx, chromedp.Evaluate[string](js))
	if err != nil {
		u.t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

func (u *user) path() string {
	return u.eval(`location.pathname + location.search`)
}

// screenshot saves the whole page as name.png in the artifact directory.
func (u *user) screenshot(name string) { u.capture(name, chromedp.FullScreenshot(100)) }

// screenshotScreen saves what fits on the screen, as a person first sees it.
func (u *user) screenshotScreen(name string) { u.capture(name, chromedp.CaptureScreenshot()) }

func (u *user) capture(name string, shot chromedp.Action[[]byte]) {
	u.t.Helper()
	// Let fonts and layout settle after the last change.
	u.do(chromedp.Sleep(150 * time.Millisecond))
	png, err := chromedp.Run(u.ctx, shot)
	if err != nil {
		u.t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(filepath.Join(u.dir, name+".png"), png, 0o644); err != nil {
		u.t.Fatal(err)
	}
}

func (u *user) signIn(email string) {
	u.t.Helper()
	u.do(
		chromedp.Navigate(u.base+"/"),
		chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=email]`), email),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), "demo"),
		chromedp.Click(chromedp.CSS(`button[type=submit]`)),
	)
}

func (u *user) noScriptErrors() {
	u.t.Helper()
	for {
		select {
		case e := <-u.errs:
			u.t.Errorf("script error in the page: %s", e)
		default:
			return
		}
	}
}

// TestPortal_InBrowser drives the real portal, served by the real server,
// in headless Chromium: a dealer and a manager each see their own pages
// with real data, in English and Chinese, on a desktop and a phone screen.
func TestPortal_InBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)
	t.Logf("screenshots in %s", dir)

	t.Run("Dealer", func(t *testing.T) {
		u := newUser(t, b, m, dir)
		u.signIn("south@demo.test")
		u.waitText("main h1", "South Traders")
		if got := u.path(); got != "/" {
			t.Errorf("a dealer lands on %q, want /", got)
		}
		u.waitText("main", "D-SOUTH")
		u.waitText("nav", "Catalogue")
		if nav := u.eval(`document.querySelector("nav").innerText`); strings.Contains(nav, "Dealers") {
			t.Errorf("dealer navigation offers Dealers: %q", nav)
		}
		u.screenshot("dealer-home-en")

		// Its account statement: the last 90 days, closing balance and ageing.
		u.nav("/statement")
		u.waitText("main h1", "Account statement")
		u.waitText("main", "Closing balance")
		u.waitText("main #statement-ageing", "Overdue ageing")
		u.waitText("main .ageing", "0–30 days")
		closing := u.eval(`document.querySelector('main [data-field="closing"]').innerText`)
		if !regexp.MustCompile(`^-?\d{1,3}(,\d{3})*\.\d{2}`).MatchString(closing) {
			t.Errorf("closing balance = %q, want an amount like 1,234.00", closing)
		}
		u.screenshot("dealer-statement-en")
		u.do(chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
		u.waitText("main", "Closing balance")
		if w := u.pageWidth(360); w != "360" {
			t.Errorf("statement is %spx wide on a 360px screen", w)
		}
		u.screenshotScreen("dealer-statement-phone-en")
		u.do(chromedp.EmulateViewport(1280, 900))

		u.nav("/catalogue")
		u.waitText("main", "18V Brushless Drill Driver")
		u.waitText("main thead", "Your price")
		if got := u.eval(`document.querySelectorAll("main tbody .price").length.toString()`); got == "0" {
			t.Error("the catalogue shows no prices")
		}
		price := u.eval(`document.querySelector("main tbody .price").innerText`)
		if !regexp.MustCompile(`^\d{1,3}(,\d{3})*\.\d{2}$`).MatchString(price) {
			t.Errorf("first price = %q, want an amount like 1,234.00", price)
		}
		u.screenshot("dealer-catalogue-en")

		// A phone: nothing wider than the screen.
		u.do(chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
		u.waitText("main", "18V Brushless Drill Driver")
		if w := u.pageWidth(360); w != "360" {
			t.Errorf("page is %spx wide on a 360px screen", w)
		}
		u.screenshotScreen("dealer-catalogue-phone-en")
		u.do(chromedp.EmulateViewport(1280, 900))

		// Chinese, remembered across a reload.
		u.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
		u.waitText("nav", "产品目录")
		u.waitText("main h1", "产品目录")
		if lang := u.eval(`document.documentElement.lang`); lang != "zh-CN" {
			t.Errorf("html lang = %q, want zh-CN", lang)
		}
		u.screenshot("dealer-catalogue-zh")
		u.do(chromedp.Navigate(m.URL() + "/"))
		u.waitText("main h1", "South Traders")
		u.waitText("main", "信用额度")
		u.screenshot("dealer-home-zh")
		u.do(chromedp.Navigate(m.URL() + "/statement"))
		u.waitText("main h1", "对账单")
		u.waitText("main", "期末余额")
		u.waitText("main .ageing", "90 天以上")
		u.waitText("main .statement-lines", "：订单 SO-") // composed here from the line's references
		u.screenshot("dealer-statement-zh")

		// A token the server no longer accepts ends the session.
		u.eval(`localStorage.setItem("dealerline.token", "revoked-token"), ""`)
		u.do(chromedp.Navigate(m.URL() + "/catalogue"))
		u.waitText("main", "您的会话已结束")
		if got := u.eval(`String(localStorage.getItem("dealerline.token"))`); got != "null" {
			t.Errorf("token after the session ended = %q, want none", got)
		}
		u.screenshot("signin-session-ended-zh")
		u.noScriptErrors()
	})

	t.Run("Manager", func(t *testing.T) {
		u := newUser(t, b, m, dir)
		u.signIn("manager@demo.test")
		u.waitText("main h1", "Dealers")
		u.waitText("main", "North Distribution")
		if got := u.path(); got != "/dealers" {
			t.Errorf("a manager lands on %q, want /dealers", got)
		}
		page := u.eval(`document.querySelector("main").innerText`)
		for _, want := range []string{"South Traders", "Capital Hardware & Tools", "13 dealers"} {
			if !strings.Contains(page, want) {
				t.Errorf("Retail's dealer list lacks %q", want)
			}
		}
		for _, other := range []string{"East Coast Supply", "ToolMall Online"} {
			if strings.Contains(page, other) {
				t.Errorf("the manager of Retail sees %q of another channel", other)
			}
		}
		// How many of them are in each status.
		u.waitText("main figure", "Active 10")
		u.waitText("main figure", "Terminated 1")
		u.screenshot("manager-dealers-en")

		// Search by name, kept in the URL.
		u.do(
			chromedp.SendKeys(chromedp.CSS(`main input[type=search]`), "coastal"),
			chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
		)
		u.waitText("main", "1 dealer")
		u.waitText("main", "Dalian Coastal Hardware")
		if got := u.path(); got != "/dealers?q=coastal" {
			t.Errorf("search URL = %q", got)
		}

		// The detail, then the same page opened from its address.
		u.do(chromedp.Click(chromedp.CSS(`main tbody a`)))
		u.waitText("main h1", "Dalian Coastal Hardware")
		u.waitText("main", "Parent distributor")
		u.waitText("main", "North Distribution")
		u.waitText("main", "Primary contact")
		detail := u.path()
		if !strings.HasPrefix(detail, "/dealers/") {
			t.Fatalf("detail URL = %q", detail)
		}
		u.screenshot("manager-dealer-en")
		u.do(chromedp.Click(chromedp.CSS(`main a[data-link="statement"]`)))
		u.waitText("main h1", "Account statement")
		u.waitText("main", "Dalian Coastal Hardware")
		u.waitText("main", "Closing balance")
		u.screenshot("manager-statement-en")
		u.do(chromedp.Navigate(m.URL() + detail))
		u.waitText("main h1", "Dalian Coastal Hardware")

		u.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
		u.waitText("main", "上级分销商")
		u.screenshot("manager-dealer-zh")
		u.nav("/dealers")
		u.waitText("main h1", "经销商")
		u.waitText("main", "13 家经销商")
		u.screenshot("manager-dealers-zh")

		u.do(chromedp.Click(chromedp.CSS(`header .user button`)))
		u.waitText("main", "您已退出登录")
		u.noScriptErrors()
	})
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d.Exception != nil && d.Exception.Description != "" {
		return d.Exception.Description
	}
	return d.Text
}

// offline cuts the page off the network, or restores it, as a laptop
// losing its connection does: open websockets drop and new ones fail.
func (u *user) offline(off bool) {
	u.t.Helper()
	u.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if err := t.Call(ctx, "Network.enable", map[string]any{}, nil); err != nil {
			return err
		}
		return t.Call(ctx, "Network.emulateNetworkConditions", map[string]any{
			"offline": off, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1,
		}, nil)
	}))
}

// tab opens another tab in the user's browser context (the same session).
func (u *user) tab() *user {
	u.t.Helper()
	ctx, cancel := chromedp.NewContext(u.ctx)
	u.t.Cleanup(cancel)
	v := *u
	v.ctx = ctx
	return &v
}

// markPage leaves a flag in the page that a reload would clear.
func (u *user) markPage() { u.eval(`window.__stillThisPage = "yes", ""`) }

func (u *user) notReloaded() {
	u.t.Helper()
	if got := u.eval(`String(window.__stillThisPage)`); got != "yes" {
		u.t.Error("the page was reloaded, want live updates in place")
	}
}

// TestPortal_OrdersLive: a dealer orders from the catalogue; the manager
// sees the order arrive on the order desk without reloading, confirms and
// fulfils it; the dealer's orders board and order detail follow each move
// without reloading, including a move made while the dealer was offline.
func TestPortal_OrdersLive(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)
	start := time.Now()

	// The manager watches the order desk before anything is placed.
	mgr := newUser(t, b, m, dir)
	mgr.signIn("manager@demo.test")
	mgr.waitText("main h1", "Dealers")
	mgr.nav("/orders")
	mgr.waitText("main h1", "Order desk")
	mgr.waitText("main", "orders")
	mgr.markPage()

	// The dealer puts two lines together in the catalogue and places them.
	dealer := newUser(t, b, m, dir)
	dealer.signIn("south@demo.test")
	dealer.waitText("main h1", "South Traders")
	dealer.nav("/catalogue")
	dealer.waitText("main", "18V Brushless Drill Driver")
	dealer.do(
		chromedp.SendKeys(chromedp.CSS(`main tbody tr:nth-child(1) input.qty`), "3"),
		chromedp.SendKeys(chromedp.CSS(`main tbody tr:nth-child(2) input.qty`), "2"),
	)
	dealer.waitText(".order-bar", "2 lines, 5 units")
	dealer.do(chromedp.Click(chromedp.CSS(`.order-bar a`)))
	dealer.waitText("main h1", "Review your order")
	dealer.waitText("main tfoot .quote-total", ".")
	dealer.screenshot("dealer-place-en")
	dealer.do(chromedp.Click(chromedp.CSS(`button.place-order`)))
	dealer.waitText("main h1", "placed")
	number := regexp.MustCompile(`SO-\d+`).FindString(dealer.eval(`document.querySelector("main h1").innerText`))
	if number == "" {
		t.Fatalf("no order number after placing: %q", dealer.eval(`document.querySelector("main").innerText`))
	}
	t.Logf("placed %s", number)
	dealer.screenshot("dealer-placed-en")

	// The dealer follows the order in its detail and on its board, in two tabs.
	dealer.do(chromedp.Click(chromedp.CSS(`main a[href^="/orders/"]`)))
	dealer.waitText("main h1", number)
	dealer.waitText("main .order-status", "Submitted")
	dealer.waitText("main .history", "Placed")
	dealer.markPage()
	board := dealer.tab()
	board.do(chromedp.Navigate(m.URL() + "/orders"))
	board.waitText("main h1", "Orders")
	row := `main tr[data-order="` + number + `"]`
	board.waitText(row, "Submitted")
	board.markPage()

	// It appears on the manager's desk by itself, and the manager confirms it.
	mgr.waitText(row, "Submitted")
	mgr.waitText(row, "South Traders")
	mgr.notReloaded()
	mgr.screenshot("manager-desk-en")
	mgr.do(chromedp.Click(chromedp.CSS(row + ` button[data-action="CONFIRMED"]`)))
	mgr.waitText(row, "Applies to version")
	mgr.do(chromedp.Click(chromedp.CSS(row + ` button[data-confirm="CONFIRMED"]`)))
	mgr.waitText(row, "Confirmed")

	dealer.waitText("main .order-status", "Confirmed")
	dealer.waitText("main .live-note", "is now Confirmed")
	dealer.waitText("main .history", "Submitted → Confirmed")
	dealer.waitText("main .history", "Liu")
	board.waitText(row, "Confirmed")
	if cls := board.eval(`document.querySelector('` + row + `').className`); !strings.Contains(cls, "live-changed") {
		t.Errorf("the changed row is not highlighted: class %q", cls)
	}
	board.waitText("main .live-note", number+" is now Confirmed")
	dealer.screenshot("dealer-order-en")
	board.screenshot("dealer-orders-en")

	// The dealer's laptop loses the network; meanwhile the manager fulfils.
	dealer.offline(true)
	board.offline(true)
	dealer.do(chromedp.Sleep(1500 * time.Millisecond))
	mgr.do(chromedp.Click(chromedp.CSS(row + ` button[data-action="IN_FULFILLMENT"]`)))
	mgr.do(chromedp.Click(chromedp.CSS(row + ` button[data-confirm="IN_FULFILLMENT"]`)))
	mgr.waitText(row, "In fulfilment")
	mgr.notReloaded()
	dealer.do(chromedp.Sleep(1000 * time.Millisecond))
	if got := dealer.eval(`document.querySelector("main .order-status").innerText`); strings.Contains(got, "In fulfilment") {
		t.Log("the move reached the dealer while offline: the emulation did not drop the socket")
	}
	dealer.offline(false)
	board.offline(false)
	dealer.waitText("main .order-status", "In fulfilment")
	dealer.waitText("main .history", "Confirmed → In fulfilment")
	board.waitText(row, "In fulfilment")
	dealer.notReloaded()
	board.notReloaded()

	// The new pages in Chinese, and the board on a phone.
	mgr.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	mgr.waitText("main h1", "订单处理台")
	mgr.waitText(row, "履约中")
	mgr.screenshot("manager-desk-zh")
	dealer.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	dealer.waitText("main .order-status", "履约中")
	dealer.waitText("main .history", "从已确认变为履约中")
	dealer.screenshot("dealer-order-zh")
	board.do(chromedp.Navigate(m.URL() + "/orders"))
	board.waitText(row, "履约中")
	board.screenshot("dealer-orders-zh")
	board.do(chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
	board.waitText(row, "履约中")
	if w := board.pageWidth(360); w != "360" {
		t.Errorf("orders board is %spx wide on a 360px screen", w)
	}
	board.screenshotScreen("dealer-orders-phone-zh")
	board.do(chromedp.Navigate(m.URL() + "/catalogue"))
	board.waitText("main", "18V")
	board.do(
		chromedp.SendKeys(chromedp.CSS(`main tbody tr:nth-child(3) input.qty`), "1"),
		chromedp.Click(chromedp.CSS(`.order-bar a`)),
	)
	board.waitText("main h1", "核对订单")
	board.screenshot("dealer-place-zh")

	// The manager ships the order from its page; the dealer's page follows live.
	orderPath := dealer.path()
	mgr.do(chromedp.Navigate(m.URL() + orderPath))
	mgr.waitText("main h1", number)
	mgr.do(chromedp.Click(chromedp.CSS(`main button[data-action="create-shipment"]`)))
	mgr.waitText("main form", "待发数量")
	mgr.do(
		chromedp.SendKeys(chromedp.CSS(`main form input[id$="-carrier"]`), "SF Express"),
		chromedp.SendKeys(chromedp.CSS(`main form input[id$="-tracking"]`), "SF1234567890"),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
	)
	mgr.waitText("main .shipment", "SF Express")
	dealer.waitText("main .shipment", "SF1234567890")
	mgr.do(chromedp.Click(chromedp.CSS(`main .shipment button[data-action="record-delivery"]`)))
	mgr.do(
		chromedp.SendKeys(chromedp.CSS(`main .shipment input[id$="-location"]`), "Kunshan warehouse"),
		chromedp.Click(chromedp.CSS(`main .shipment form button[type=submit]`)),
	)
	mgr.waitText("main .shipment .history", "Kunshan warehouse")
	dealer.waitText("main .shipment .history", "Kunshan warehouse")
	dealer.waitText("main .shipment", "运输中")
	dealer.notReloaded()
	mgr.screenshot("manager-order-shipments-zh")
	dealer.screenshot("dealer-order-shipments-zh")
	dealer.do(chromedp.Click(chromedp.CSS(`button[lang="en"]`)))
	dealer.waitText("main .shipment", "In transit")
	dealer.screenshot("dealer-order-shipments-en")
	t.Logf("orders live: %s", time.Since(start).Round(100*time.Millisecond))
	for _, u := range []*user{mgr, dealer, board} {
		u.noScriptErrors()
	}
}
