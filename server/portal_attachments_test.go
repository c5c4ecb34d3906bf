package server_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/dealerline/dealerline/server"
)

// photo writes a PNG of w×h pixels, a shelf-coloured gradient, and returns its path.
func photo(t *testing.T, name string, w, h int) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{R: uint8(40 + x*200/w), G: uint8(90 + y*120/h), B: 160, A: 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// waitImage waits until the image matching sel has loaded, and returns its natural width.
func (u *user) waitImage(sel string) int {
	u.t.Helper()
	_, err := chromedp.Run(u.ctx, chromedp.PollFunction[bool](
		`(sel) => { const img = document.querySelector(sel); return !!img && img.complete && img.naturalWidth > 0; }`,
		chromedp.WithPollingArgs(sel), chromedp.WithPollingTimeout(15*time.Second)))
	if err != nil {
		got, _ := chromedp.Run(u.ctx, chromedp.Evaluate[string](`document.body.innerText`))
		u.t.Fatalf("waiting for the image %s to load: %v\npage shows:\n%s", sel, err, got)
	}
	var w int
	fmt.Sscan(u.eval(fmt.Sprintf(`String(document.querySelector(%q).naturalWidth)`, sel)), &w)
	return w
}

// TestPortal_TicketPhoto: South Traders' user opens a service request; the
// manager, on a 360px phone, takes a photo for it (the camera's file
// input), sees the preview, sends it and sees its thumbnail. The dealer's
// open page — through the portal's allow-list of operations, as dealers
// run — shows the thumbnail and opens the photo itself. Both work in
// Chinese, and the phone's page stays 360px wide.
func TestPortal_TicketPhoto(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServerWith(t, "", func(c *server.Config) { c.OperationsAllowlist = server.PortalOperations })
	dir := artifactDir(t)

	const subject = "Cracked case on delivery"
	shot := photo(t, "cracked-case.png", 640, 480)

	dealer := newUser(t, b, m, dir)
	dealer.signIn("south@demo.test")
	dealer.waitText("main h1", "South Traders")
	dealer.do(chromedp.Navigate(m.URL() + "/tickets/new"))
	dealer.waitText("main h1", "Open a service request")
	dealer.typeText(`main input[name=subject]`, subject)
	dealer.typeText(`main textarea[name=body]`, "One drill case arrived cracked.")
	dealer.do(chromedp.Click(chromedp.CSS(`main button[data-action="open-ticket"]`)))
	dealer.waitText("main h1", subject)
	dealer.waitText("main .attachments", "No files yet.")
	ticketPath := dealer.path()
	if !strings.HasPrefix(ticketPath, "/tickets/") {
		t.Fatalf("ticket URL = %q", ticketPath)
	}
	if got := dealer.eval(`getComputedStyle(document.querySelector("main .attachments .attach-camera")).display`); got != "none" {
		t.Errorf(`a desktop is offered "Take a photo" (display %s)`, got)
	}
	dealer.waitText("main .attachments .attach-drop", "Drag files here")

	// The manager, on a phone: the camera is offered, the photo previewed, then sent.
	mgr := newUser(t, b, m, dir)
	mgr.signIn("manager@demo.test")
	mgr.waitText("main h1", "Dealers")
	mgr.do(chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
	mgr.do(chromedp.Navigate(m.URL() + ticketPath))
	mgr.waitText("main h1", subject)
	mgr.waitText("main .attachments", "No files yet.")
	area := `main .attachments [data-attach-area] `
	if got := mgr.eval(`getComputedStyle(document.querySelector("main .attachments .attach-camera")).display`); got == "none" {
		t.Error(`a phone is not offered "Take a photo"`)
	}
	if got := mgr.eval(`getComputedStyle(document.querySelector("main .attachments .attach-drop")).display`); got != "none" {
		t.Errorf(`a phone is asked to drag files (display %s)`, got)
	}
	mgr.waitText(area+".attach-camera", "Take a photo")
	mgr.waitText(area+".attach-buttons", "Choose a file")
	if got := mgr.eval(`document.querySelector("main .attachments input[data-attach-input=camera]").getAttribute("capture")`); got != "environment" {
		t.Errorf(`the camera input's capture = %q, want "environment"`, got)
	}
	mgr.do(chromedp.SetUploadFiles(chromedp.CSS(area+`input[data-attach-input=camera]`), []string{shot}))
	if w := mgr.waitImage(area + `img.attach-preview`); w != 640 {
		t.Errorf("the preview is %dpx wide, want the photo's 640", w)
	}
	mgr.waitText(area+".attach-staged", "cracked-case.png")
	mgr.screenshotScreen("manager-ticket-photo-preview-phone-en")
	mgr.do(chromedp.Click(chromedp.CSS(area + `button[data-action="send-attachments"]`)))
	mgr.waitImage(`main .attachments .attachment-thumb img`)
	// Shown from the fetched bytes through an object URL (the policy's img-src allows blob:).
	if src := mgr.eval(`document.querySelector("main .attachments .attachment-thumb img").src.slice(0, 5)`); src != "blob:" {
		t.Errorf("the thumbnail's src starts %q, want an object URL", src)
	}
	mgr.waitNone(area + `.attach-staged`)
	mgr.waitText("main .attachments .attachment-meta", "cracked-case.png")
	if w := mgr.pageWidth(360); w != "360" {
		t.Errorf("the ticket with its photo is %spx wide on a 360px screen", w)
	}
	mgr.screenshotScreen("manager-ticket-photo-phone-en")

	// The dealer: the thumbnail, then the photo itself.
	dealer.do(chromedp.Reload())
	dealer.waitText("main h1", subject)
	dealer.waitImage(`main .attachments .attachment-thumb img`)
	dealer.waitText("main .attachments .attachment-meta", "cracked-case.png")
	dealer.do(chromedp.Click(chromedp.CSS(`main .attachments .attachment-thumb`)))
	if w := dealer.waitImage(`dialog.attachment-viewer[open] img`); w != 640 {
		t.Errorf("the opened photo is %dpx wide, want 640", w)
	}
	dealer.screenshotScreen("dealer-ticket-photo-open-en")
	dealer.do(chromedp.Click(chromedp.CSS(`dialog.attachment-viewer[open] .attachment-viewer-head button:last-child`)))
	dealer.waitNone(`dialog.attachment-viewer`)

	// The file is served with the token only.
	var got struct {
		Node struct {
			Attachments []struct{ URL, ContentType string }
		}
	}
	// (With the manager's token from the portal: the allow-list runs only
	// the portal's operations for callers not signed in, login among them.)
	client{m: m, token: mgr.eval(`localStorage.getItem("dealerline.token")`)}.mustQuery(t, `query($id: ID!) { node(id: $id) { ... on ServiceTicket { attachments { url contentType } } } }`,
		map[string]any{"id": strings.TrimPrefix(ticketPath, "/tickets/")}, &got)
	if len(got.Node.Attachments) != 1 {
		t.Fatalf("the ticket has %d attachments, want 1", len(got.Node.Attachments))
	}
	if res, err := http.Get(m.URL() + got.Node.Attachments[0].URL); err != nil {
		t.Fatal(err)
	} else if res.Body.Close(); res.StatusCode == http.StatusOK {
		t.Errorf("GET %s without a token = %d", got.Node.Attachments[0].URL, res.StatusCode)
	}

	// In Chinese, on both sides.
	dealer.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	dealer.waitText("main .attachments", "附件")
	dealer.waitText("main .attachments .attach-drop", "把文件拖到这里")
	dealer.screenshot("dealer-ticket-photo-zh")
	dealer.fitsPhone("the dealer's ticket with a photo", "main .attachments", "拍照", "dealer-ticket-photo-phone-zh")
	dealer.waitImage(`main .attachments .attachment-thumb img`)
	mgr.do(chromedp.EmulateViewport(1280, 900))
	mgr.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	mgr.waitText("main .attachments", "附件")
	mgr.fitsPhone("the manager's ticket with a photo", "main .attachments", "拍照", "manager-ticket-photo-phone-zh")

	for _, u := range []*user{dealer, mgr} {
		u.noScriptErrors()
	}
}
