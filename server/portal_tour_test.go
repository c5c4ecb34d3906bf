package server_test

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// demoWords are portal phrases that the demo data also holds in its own
// English text (an announcement's body, a call's notes): data, not the
// portal's words.
var demoWords = map[string]bool{
	"Orders placed": true, // announcement "New price list…": "Orders placed before then…"
	"Credit hold":   true, // the call "Credit hold on the project order"
}

// tourStrings reads the portal's words: every key path of en.json (with
// i18next's plural endings folded), and the English phrases of two words
// or more that the Chinese text does not share — what must not show on a
// page read in Chinese. A phrase with placeholders contributes its fixed
// parts.
func tourStrings(t *testing.T) (keys map[string]bool, tops map[string]bool, english []string) {
	t.Helper()
	read := func(name string) map[string]any {
		b, err := os.ReadFile("../portal/src/i18n/" + name)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	flat := func(m map[string]any) map[string]string {
		out := map[string]string{}
		var walk func(prefix string, v any)
		walk = func(prefix string, v any) {
			switch v := v.(type) {
			case map[string]any:
				for k, x := range v {
					walk(strings.TrimPrefix(prefix+"."+k, "."), x)
				}
			case string:
				out[prefix] = v
			}
		}
		walk("", m)
		return out
	}
	en, zh := flat(read("en.json")), flat(read("zh.json"))
	// An English phrase the Chinese text itself quotes (a CSV file's
	// header row) is meant to be there.
	var zhText strings.Builder
	for _, v := range zh {
		zhText.WriteString(v + "\n")
	}
	keys, tops = map[string]bool{}, map[string]bool{}
	plural := regexp.MustCompile(`_(zero|one|two|few|many|other)$`)
	placeholder := regexp.MustCompile(`\{\{[^}]*\}\}|</?\d+>|<\w+/?>`)
	twoWords := regexp.MustCompile(`[A-Za-z]+[’']?[a-z]*[ \-][A-Za-z]+`)
	seen := map[string]bool{}
	for k, v := range en {
		keys[plural.ReplaceAllString(k, "")] = true
		tops[strings.SplitN(k, ".", 2)[0]] = true
		if zh[k] == v {
			continue
		}
		for _, part := range placeholder.Split(v, -1) {
			part = strings.Trim(part, " .,:;·–—()…")
			if twoWords.MatchString(part) && !seen[part] && !strings.Contains(zhText.String(), part) && !demoWords[part] {
				seen[part] = true
				english = append(english, part)
			}
		}
	}
	sort.Strings(english)
	return keys, tops, english
}

// TestPortal_Tour opens every page of each role's menu, and one detail page
// of each kind those pages link to, as a dealer, a channel manager and an
// administrator on the demo data: in English and Chinese, on a 1366×768
// desktop and a 360-pixel phone. Each page is photographed
// (tour-LANG-SCREEN-ROLE-PAGE.png), runs without script errors, shows no
// raw translation key, fits the phone, and read in Chinese shows none of
// the portal's English phrases. What fails is listed page by page.
func TestPortal_Tour(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	started := time.Now()
	keys, tops, english := tourStrings(t)
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)
	englishJSON, _ := json.Marshal(english)

	// What the page shows that it should not: raw keys, and in Chinese the
	// portal's English phrases. Data (names, notes the demo holds in
	// English) is not the portal's words, and is not looked for.
	const inspect = `(english) => {
		const text = document.body.innerText;
		const keys = [...new Set(text.match(/\b[a-z][a-zA-Z]*(\.[a-zA-Z_]+)+\b/g) || [])];
		const zh = document.documentElement.lang === "zh-CN";
		const leaks = zh ? english.filter((s) => new RegExp("(^|[^A-Za-z])" + s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "($|[^A-Za-z])").test(text)) : [];
		const attrs = [];
		if (zh) for (const el of document.querySelectorAll("[aria-label],[title],[placeholder]")) {
			for (const a of ["aria-label", "title", "placeholder"]) {
				const v = el.getAttribute(a);
				if (v && english.includes(v.trim())) attrs.push(a + "=" + v);
			}
		}
		// What sticks out past the screen's right edge, innermost first.
		const wide = [];
		const edge = screen.width + 1;
		if (document.documentElement.scrollWidth > screen.width) for (const el of document.querySelectorAll("main *")) {
			const r = el.getBoundingClientRect();
			if (r.right > edge && r.width > 0 && ![...el.children].some((c) => c.getBoundingClientRect().right > edge)) {
				wide.push(el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "") + (el.getAttribute("name") ? "[name=" + el.getAttribute("name") + "]" : ""));
				if (wide.length === 3) break;
			}
		}
		return JSON.stringify({keys, leaks, attrs, wide, width: document.documentElement.scrollWidth});
	}`
	type findings struct {
		Keys, Leaks, Attrs, Wide []string
		Width                    int
	}
	failures := map[string][]string{}
	fail := func(page, what string) { failures[page] = append(failures[page], what) }

	// settle waits until the page has its heading and nothing is loading.
	settle := func(u *user, page string) bool {
		_, err := chromedp.Run(u.ctx, chromedp.PollFunction[bool](
			`() => !!document.querySelector("main h1") && !document.querySelector("main .state[role=status]")`,
			chromedp.WithPollingTimeout(15*time.Second)))
		if err != nil {
			fail(page, "did not finish loading: "+err.Error())
			return false
		}
		u.do(chromedp.Sleep(250 * time.Millisecond))
		return true
	}
	check := func(u *user, page, shot string, phone bool) {
		u.t.Helper()
		raw, err := chromedp.Run(u.ctx, chromedp.Evaluate[string](`(`+inspect+`)(`+string(englishJSON)+`)`))
		if err != nil {
			fail(page, "inspect: "+err.Error())
			return
		}
		var f findings
		if err := json.Unmarshal([]byte(raw), &f); err != nil {
			t.Fatal(err)
		}
		for _, k := range f.Keys {
			if keys[k] || tops[strings.SplitN(k, ".", 2)[0]] {
				fail(page, "raw key "+k)
			}
		}
		for _, s := range f.Leaks {
			fail(page, "English "+fmt.Sprintf("%q", s))
		}
		for _, a := range f.Attrs {
			fail(page, "English attribute "+a)
		}
		if phone && f.Width > 360 {
			fail(page, fmt.Sprintf("%dpx wide on a 360px phone (%s)", f.Width, strings.Join(f.Wide, ", ")))
		}
		u.screenshot(shot)
	}
	// goTo moves within the portal as a click on a link does (no reload).
	goTo := func(u *user, path string) {
		u.eval(fmt.Sprintf(`history.pushState(null, "", %q), dispatchEvent(new PopStateEvent("popstate")), ""`, path))
	}
	setScreen := func(u *user, phone bool) {
		if phone {
			u.do(chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
		} else {
			u.do(chromedp.EmulateViewport(1366, 768))
		}
	}
	detail := regexp.MustCompile(`^/(orders|dealers|policies|conflicts|tickets|rebates)/[^/]+$`)
	pageName := func(path string) string {
		if path == "/" {
			return "home"
		}
		if m := detail.FindStringSubmatch(path); m != nil && !strings.HasSuffix(path, "/new") {
			return m[1] + "-detail"
		}
		return strings.ReplaceAll(strings.Trim(path, "/"), "/", "-")
	}

	// The sign-in page, and its refusal of a wrong password, in each language.
	guest := newUser(t, b, m, dir)
	for _, lang := range []string{"en", "zh"} {
		guest.do(chromedp.Navigate(m.URL() + "/signin"))
		guest.do(chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)))
		guest.do(chromedp.Click(chromedp.CSS(map[string]string{"en": `button[lang="en"]`, "zh": `button[lang="zh-CN"]`}[lang])))
		guest.do(
			chromedp.SendKeys(chromedp.CSS(`input[name=email]`), "south@demo.test"),
			chromedp.SendKeys(chromedp.CSS(`input[name=password]`), "wrong"),
			chromedp.Click(chromedp.CSS(`button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`main [role=alert]`)),
		)
		page := lang + " signin"
		check(guest, page, "tour-"+lang+"-desktop-signin", false)
		if lang == "zh" && strings.Contains(guest.text(`main [role=alert]`), "password") {
			fail(page, "the refusal is in English: "+guest.text(`main [role=alert]`))
		}
	}
	guest.noScriptErrors()

	for _, who := range []struct{ role, email string }{
		{"dealer", "south@demo.test"},
		{"manager", "manager@demo.test"},
		{"admin", "admin@demo.test"},
	} {
		// One detail page of each kind the menu's pages link to, found on
		// the first pass. Each pass is a fresh sign-in (a browser context
		// of its own), which keeps every pass well inside its time limit.
		var nav, details []string
		kinds := map[string]bool{}
		for _, lang := range []string{"en", "zh"} {
			for _, phone := range []bool{false, true} {
				u := newUser(t, b, m, dir)
				setScreen(u, phone)
				u.signIn(who.email)
				u.waitFor(`#main-nav a`)
				if nav == nil {
					if err := json.Unmarshal([]byte(u.eval(`JSON.stringify([...document.querySelectorAll("#main-nav a")].map((a) => a.getAttribute("href")))`)), &nav); err != nil {
						t.Fatal(err)
					}
				}
				u.do(chromedp.Click(chromedp.CSS(map[string]string{"en": `button[lang="en"]`, "zh": `button[lang="zh-CN"]`}[lang])))
				screen := map[bool]string{false: "desktop", true: "phone"}[phone]
				for i := 0; i < len(nav)+len(details); i++ {
					path := ""
					if i < len(nav) {
						path = nav[i]
					} else {
						path = details[i-len(nav)]
					}
					page := fmt.Sprintf("%s %s %s %s", lang, screen, who.role, path)
					goTo(u, path)
					if !settle(u, page) {
						continue
					}
					check(u, page, fmt.Sprintf("tour-%s-%s-%s-%s", lang, screen, who.role, pageName(path)), phone)
					// A page that could not load its data is a failure too.
					if e := u.eval(`(document.querySelector("main .state-error") || {}).innerText || ""`); e != "" {
						fail(page, "shows an error: "+strings.ReplaceAll(e, "\n", " "))
					}
					if i < len(nav) && lang == "en" && !phone {
						var links []string
						_ = json.Unmarshal([]byte(u.eval(`JSON.stringify([...document.querySelectorAll("main a[href]")].map((a) => a.getAttribute("href")))`)), &links)
						for _, l := range links {
							if m := detail.FindStringSubmatch(l); m != nil && !strings.HasSuffix(l, "/new") && !kinds[m[1]] {
								kinds[m[1]] = true
								details = append(details, l)
							}
						}
					}
				}
				u.noScriptErrors()
			}
		}
	}

	pages := make([]string, 0, len(failures))
	for p := range failures {
		pages = append(pages, p)
	}
	sort.Strings(pages)
	for _, p := range pages {
		t.Errorf("%s:\n\t%s", p, strings.Join(failures[p], "\n\t"))
	}
	t.Logf("tour took %s", time.Since(started).Round(time.Second))
}
