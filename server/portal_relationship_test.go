package server_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// typeText types text into the field matching sel as an input method
// does (Chinese included): focus, then insert the text.
func (u *user) typeText(sel, text string) {
	u.t.Helper()
	u.do(
		chromedp.Focus(chromedp.CSS(sel)),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			return t.Call(ctx, "Input.insertText", map[string]any{"text": text}, nil)
		}),
	)
}

// waitGone waits until the element matching sel no longer shows text.
func (u *user) waitGone(sel, text string) {
	u.t.Helper()
	_, err := chromedp.Run(u.ctx, chromedp.PollFunction[bool](
		`(sel, text) => { const el = document.querySelector(sel); return !!el && !el.innerText.includes(text); }`,
		chromedp.WithPollingArgs(sel, text), chromedp.WithPollingTimeout(15*time.Second)))
	if err != nil {
		got, _ := chromedp.Run(u.ctx, chromedp.Evaluate[string](`document.body.innerText`))
		u.t.Fatalf("waiting for %q to leave %s: %v\npage shows:\n%s", text, sel, err, got)
	}
}

// fitsPhone checks that the page is no wider than a 360-pixel phone screen.
func (u *user) fitsPhone(what, waitSel, waitFor, shot string) {
	u.t.Helper()
	u.do(chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
	u.waitText(waitSel, waitFor)
	if w := u.pageWidth(360); w != "360" {
		u.t.Errorf("%s is %spx wide on a 360px screen", what, w)
	}
	u.screenshotScreen(shot)
	u.do(chromedp.EmulateViewport(1280, 900))
}

// TestPortal_LogInteractionThenSearch: the manager logs a visit to South
// Traders from its page, with a follow-up, in Chinese notes; it shows on
// the dealer's timeline and on My follow-ups (where it is marked done), and
// the header's search box finds it by a two-character Chinese phrase.
func TestPortal_LogInteractionThenSearch(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)

	mgr := newUser(t, b, m, dir)
	mgr.signIn("manager@demo.test")
	mgr.waitText("main h1", "Dealers")
	mgr.do(chromedp.Navigate(m.URL() + "/dealers?q=" + url.QueryEscape("South Traders")))
	mgr.waitText("main", "1 dealer")
	mgr.do(chromedp.Click(chromedp.CSS(`main tbody a`)))
	mgr.waitText("main h1", "South Traders")
	mgr.waitText("main .log-interaction", "Log an interaction")
	mgr.waitText("main .timeline", "Timeline")
	dealerPath := mgr.path()

	const subject, notes, task = "售后回访", "客户反映售后响应慢", "寄送新的售后政策"
	form := `main .log-interaction `
	mgr.typeText(form+`input[name=subject]`, subject)
	mgr.typeText(form+`textarea[name=notes]`, notes)
	mgr.typeText(form+`input[name=outcome]`, "Agreed a weekly call")
	mgr.do(
		chromedp.Click(chromedp.CSS(form+`input[name=contactIDs]`)),
		chromedp.Click(chromedp.CSS(form+`input[name=withFollowUp]`)),
	)
	mgr.typeText(form+`input[name=followUpText]`, task)
	mgr.do(chromedp.Click(chromedp.CSS(form + `button[data-action="log-interaction"]`)))
	mgr.waitText(form, "Logged: "+subject)
	if got := mgr.eval(`document.querySelector('main .log-interaction input[name=subject]').value`); got != "" {
		t.Errorf("subject after logging = %q, want the form cleared", got)
	}
	// Newest first: it heads the timeline, with its notes and outcome.
	mgr.waitText(`main .timeline-list li:first-child`, subject)
	mgr.waitText(`main .timeline-list li:first-child`, notes)
	mgr.waitText(`main .timeline-list li:first-child`, "Outcome: Agreed a weekly call")
	mgr.screenshot("manager-dealer-timeline-en")

	// Filtered to interactions only; then everything again.
	mgr.do(chromedp.SetValue(chromedp.CSS(`main .timeline select`), "INTERACTION"),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			// React listens for the change event, which setting the value does not send.
			_, err := chromedp.Evaluate[bool](`document.querySelector('main .timeline select').dispatchEvent(new Event('change', {bubbles: true}))`)(ctx, tg)
			return err
		}))
	mgr.waitText(`main .timeline-list li:first-child`, subject)
	if kinds := mgr.eval(`[...new Set([...document.querySelectorAll('main .timeline-entry')].map(e => e.dataset.kind))].join()`); kinds != "INTERACTION" {
		t.Errorf("timeline filtered to interactions shows kinds %q", kinds)
	}

	// The follow-up is the manager's own, on My follow-ups.
	mgr.nav("/follow-ups")
	mgr.waitText("main h1", "My follow-ups")
	mgr.waitText("main", task)
	mgr.screenshot("manager-follow-ups-en")
	// Done: it leaves the open ones and joins the dealer's timeline.
	mgr.eval(`[...document.querySelectorAll("main .follow-up")].find(c => c.innerText.includes("` + task + `"))
		.querySelector('button[data-action="complete"]').click(), ""`)
	mgr.waitGone("main", task)
	mgr.do(chromedp.Navigate(m.URL() + dealerPath))
	mgr.waitText(`main .timeline-list li:first-child`, "Follow-up done: "+task)

	// The header's search box finds it by "售后".
	mgr.typeText(`header input[name=q]`, "售后")
	mgr.do(chromedp.Click(chromedp.CSS(`header .global-search button[type=submit]`)))
	mgr.waitText("main h1", "Results for “售后”")
	mgr.waitText("main .hits", subject)
	if got := mgr.path(); got != "/search?q="+url.QueryEscape("售后") {
		t.Errorf("search URL = %q", got)
	}
	marked := mgr.eval(`[...document.querySelectorAll('main .hit mark')].map(m => m.innerText).join("|")`)
	if !strings.Contains(marked, "售后") {
		t.Errorf("marked in the snippets: %q, want 售后", marked)
	}
	mgr.screenshot("manager-search-en")
	mgr.fitsPhone("search results", "main .hits", subject, "manager-search-phone-en")

	// A hit opens its dealer's page.
	mgr.do(chromedp.Click(chromedp.CSS(`main .hit[data-kind="INTERACTION"] a`)))
	mgr.waitText("main h1", "South Traders")
	if got := mgr.path(); got != dealerPath {
		t.Errorf("the interaction's hit opens %q, want its dealer %q", got, dealerPath)
	}
	mgr.fitsPhone("dealer page", "main .timeline", subject, "manager-dealer-phone-en")

	mgr.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	mgr.waitText("main .log-interaction", "记录沟通")
	mgr.waitText(`main .timeline-list`, "拜访："+subject)
	mgr.screenshot("manager-dealer-timeline-zh")
	mgr.do(chromedp.Navigate(m.URL() + "/search?q=" + url.QueryEscape("售后")))
	mgr.waitText("main h1", "“售后”的搜索结果")
	mgr.waitText("main .hits", subject)
	mgr.screenshot("manager-search-zh")
	mgr.noScriptErrors()
}

// TestPortal_TicketReplyLive: a dealer opens a service request and stays on
// its page; the manager answers it from the ticket queue, and the reply
// appears on the dealer's page without a reload; the dealer closes it and
// the manager's page follows.
func TestPortal_TicketReplyLive(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)
	start := time.Now()

	dealer := newUser(t, b, m, dir)
	dealer.signIn("south@demo.test")
	dealer.waitText("main h1", "South Traders")
	dealer.nav("/tickets")
	dealer.waitText("main h1", "Service requests")
	dealer.do(chromedp.Click(chromedp.CSS(`main a[data-link="new-ticket"]`)))
	dealer.waitText("main h1", "Open a service request")
	const subject, reply = "Two drills arrived with cracked cases", "A replacement ships today from Kunshan."
	dealer.typeText(`main input[name=subject]`, subject)
	dealer.typeText(`main textarea[name=body]`, "Both in the last delivery; photos on request.")
	dealer.screenshot("dealer-new-ticket-en")
	dealer.do(chromedp.Click(chromedp.CSS(`main button[data-action="open-ticket"]`)))
	dealer.waitText("main h1", subject)
	dealer.waitText("main .ticket-status", "Waiting for an answer")
	ticketPath := dealer.path()
	if !strings.HasPrefix(ticketPath, "/tickets/") {
		t.Fatalf("ticket URL = %q", ticketPath)
	}
	dealer.markPage()

	// The manager finds it at the top of the queue and answers.
	mgr := newUser(t, b, m, dir)
	mgr.signIn("manager@demo.test")
	mgr.waitText("main h1", "Dealers")
	mgr.nav("/tickets")
	mgr.waitText("main h1", "Ticket queue")
	mgr.waitText("main tbody tr:first-child", subject)
	mgr.waitText("main tbody tr:first-child", "South Traders")
	mgr.screenshot("manager-ticket-queue-en")
	mgr.do(chromedp.Click(chromedp.CSS(`main tbody tr:first-child th a`)))
	mgr.waitText("main h1", subject)
	if got := mgr.path(); got != ticketPath {
		t.Errorf("the queue opens %q, want %q", got, ticketPath)
	}
	mgr.typeText(`main textarea[name=reply]`, reply)
	mgr.do(chromedp.Click(chromedp.CSS(`main button[data-action="reply"]`)))
	mgr.waitText("main .thread", reply)
	mgr.waitText("main .ticket-status", "Answered")
	mgr.markPage()

	// It reaches the dealer's open page by itself.
	dealer.waitText("main .thread", reply)
	dealer.waitText("main .ticket-status", "Answered")
	dealer.notReloaded()
	dealer.screenshot("dealer-ticket-answered-en")

	// The dealer closes it; the manager's page follows, and offers reopening.
	dealer.do(chromedp.Click(chromedp.CSS(`main button[data-action="close"]`)))
	dealer.waitText("main .ticket-status", "Closed")
	mgr.waitText("main .ticket-status", "Closed")
	mgr.waitText("main .ticket-actions", "Reopen")
	mgr.notReloaded()

	dealer.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	dealer.waitText("main .ticket-status", "已关闭")
	dealer.waitText("main .thread", reply)
	dealer.screenshot("dealer-ticket-zh")
	dealer.fitsPhone("ticket page", "main .thread", reply, "dealer-ticket-phone-zh")
	dealer.nav("/tickets")
	dealer.waitText("main h1", "服务请求")
	dealer.waitText("main tbody", subject)
	dealer.screenshot("dealer-tickets-zh")
	t.Logf("ticket live: %s", time.Since(start).Round(100*time.Millisecond))
	for _, u := range []*user{mgr, dealer} {
		u.noScriptErrors()
	}
}
