package server_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/dealerline/dealerline/store/storetest"
)

// TestPortal_InstallableAndOffline drives the installable portal in
// headless Chromium: the manifest is linked, the service worker takes
// over, and after one load the portal opens its last page with the
// network off (the browser offline and the server unreachable). Signing
// out deletes what was kept. Subscribing to push needs a push service,
// which headless Chromium lacks: TestPush_TheToggleThroughTheAPI drives
// the toggle's server side.
func TestPortal_InstallableAndOffline(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	// The browser reaches the server through a proxy the test can cut.
	proxy := storetest.NewProxy(t, m.URL())
	dir := artifactDir(t)
	u := newUser(t, b, m, dir)
	u.base = proxy.URL

	u.signIn("south@demo.test")
	u.waitText("main h1", "South Traders")
	if got := u.eval(`document.querySelector('link[rel="manifest"]')?.getAttribute("href") ?? ""`); got != "/manifest.webmanifest" {
		t.Errorf("manifest link %q, want /manifest.webmanifest", got)
	}
	if got := u.eval(`document.querySelector('meta[name="theme-color"]')?.content ?? ""`); got != "#1d4ed8" {
		t.Errorf("theme colour %q", got)
	}
	manifest := u.evalAsync(`fetch("/manifest.webmanifest").then(r => r.json()).then(m => [m.name, m.short_name, m.display, m.start_url, m.icons.map(i => i.sizes + " " + (i.purpose ?? "any")).join(",")].join("|"))`)
	for _, want := range []string{"Dealerline|Dealerline|standalone|/|", "192x192 any", "512x512 any", "512x512 maskable"} {
		if !strings.Contains(manifest, want) {
			t.Errorf("manifest %q lacks %q", manifest, want)
		}
	}
	// The service worker installs and takes over the page.
	u.poll(`() => !!navigator.serviceWorker.controller`)
	if got := u.evalAsync(`navigator.serviceWorker.getRegistration("/").then(r => r ? r.scope : "")`); got != proxy.URL+"/" {
		t.Errorf("service worker scope %q, want %s/", got, proxy.URL)
	}

	// One load under the worker: the catalogue.
	u.do(chromedp.Navigate(u.base + "/catalogue"))
	u.waitText("main", "18V Brushless Drill Driver")
	u.poll(`() => caches.keys().then(ks => ks.some(k => k.startsWith("dealerline-data-")))`)
	u.noScriptErrors()

	// Offline: the browser and the server both.
	u.offlineWithWorkers(true)
	proxy.Cut()
	u.do(chromedp.Navigate(u.base + "/catalogue"))
	u.waitText("main h1", "Catalogue")
	u.waitText("main", "18V Brushless Drill Driver")
	u.screenshot("offline-catalogue-en")

	// Back online; signing out deletes the kept answers.
	proxy.Restore()
	u.offlineWithWorkers(false)
	u.do(chromedp.Navigate(u.base + "/settings/push"))
	u.waitText("main h1", "Notifications on this device")
	// Headless Chromium answers for push as a browser whose person has
	// not been asked, or as one without push: the page says which.
	u.poll(`() => !!document.querySelector(".push-toggle") && document.querySelector(".push-toggle").dataset.state !== "checking"`)
	state := u.eval(`document.querySelector(".push-toggle")?.dataset.state ?? ""`)
	if state != "off" && state != "unsupported" && state != "denied" {
		t.Errorf("the toggle is %q", state)
	}
	u.screenshot("push-settings-en")
	u.do(chromedp.EmulateViewport(375, 740, chromedp.EmulateMobile))
	u.waitText("main", "Install the portal as an app")
	if w := u.pageWidth(375); w != "375" {
		t.Errorf("the notifications page is %spx wide on a 375px screen", w)
	}
	u.screenshotScreen("push-settings-phone-en")
	u.do(chromedp.EmulateViewport(1280, 900))
	u.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	u.waitText("main h1", "本设备上的通知")
	u.screenshot("push-settings-zh")
	u.do(chromedp.Click(chromedp.CSS(`header .user button`)))
	u.waitText("body", "登录")
	u.poll(`() => caches.keys().then(ks => !ks.some(k => k.startsWith("dealerline-data-")))`)
}

// evalAsync evaluates js, a promise of a string, and returns the string.
func (u *user) evalAsync(js string) string {
	u.t.Helper()
	v, err := chromedp.Run(u.ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		u.t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// poll waits until fn, a function answering a boolean or a promise of one,
// answers true.
func (u *user) poll(fn string) {
	u.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		v, err := chromedp.Run(u.ctx, chromedp.Evaluate[bool]("Promise.resolve(("+fn+")())", chromedp.EvalAwaitPromise))
		if err == nil && v {
			return
		}
		if time.Now().After(deadline) {
			u.t.Fatalf("waiting for %s: %v", fn, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// offlineWithWorkers is offline for the page's service workers too.
func (u *user) offlineWithWorkers(off bool) {
	u.t.Helper()
	u.offline(off)
	if _, err := chromedp.Call(u.ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		EmulateOfflineServiceWorker: &off,
		MatchedNetworkConditions:    []*network.Conditions{{Offline: off, DownloadThroughput: -1, UploadThroughput: -1}},
	}); err != nil {
		u.t.Fatal(err)
	}
	if _, err := chromedp.Call(u.ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: off, DownloadThroughput: -1, UploadThroughput: -1}); err != nil {
		u.t.Fatal(err)
	}
}
