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

// TestPortal_TicketPhoto: on a 360px phone, South Traders' user opens its
// service request, takes a photo for it (the camera's file input), sees
// the preview, sends it and sees its thumbnail — through the portal's
// allow-list of operations, as dealers run. The manager opens the same
// ticket and sees the thumbnail, and opens the photo itself. Both work in
// Chinese, and the phone's page stays 360px wide.
func TestPortal_TicketPhoto(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServerWith(t, "", func(c *server.Config) { c.OperationsAllowlist = server.PortalOperations })
	dir := artifactDir(t)

	api := signIn(t, m, "south@demo.test")
	const subject = "Cracked case on delivery"
	var opened struct{ OpenServiceTicket struct{ ID string } }
	api.mustQuery(t, `mutation($s: String!) { openServiceTicket(input: { subject: $s, body: "One drill case arrived cracked.", category: DELIVERY }) { id } }`,
		map[string]any{"s": subject}, &opened)
	ticketPath := "/tickets/" + opened.OpenServiceTicket.ID
	shot := photo(t, "cracked-case.png", 640, 480)

	// The dealer, on a phone: the camera is offered, the photo previewed, then sent.
	dealer := newUser(t, b, m, dir)
	dealer.signIn("south@demo.test")
	dealer.waitText("main h1", "South Traders")
	dealer.do(chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile))
	dealer.do(chromedp.Navigate(m.URL() + ticketPath))
	dealer.waitText("main h1", subject)
	dealer.waitText("main .attachments", "No files yet.")
	area := `main .attachments [data-attach-area] `
	if got := dealer.eval(`getComputedStyle(document.querySelector("main .attachments .attach-camera")).display`); got == "none" {
		t.Error(`a phone is not offered "Take a photo"`)
	}
	dealer.waitText(area+".attach-camera", "Take a photo")
	dealer.waitText(area+".attach-buttons", "Choose a file")
	if got := dealer.eval(`document.querySelector("main .attachments input[data-attach-input=camera]").getAttribute("capture")`); got != "environment" {
		t.Errorf(`the camera input's capture = %q, want "environment"`, got)
	}
	dealer.do(chromedp.SetUploadFiles(chromedp.CSS(area+`input[data-attach-input=camera]`), []string{shot}))
	if w := dealer.waitImage(area + `img.attach-preview`); w != 640 {
		t.Errorf("the preview is %dpx wide, want the photo's 640", w)
	}
	dealer.waitText(area+".attach-staged", "cracked-case.png")
	dealer.screenshotScreen("dealer-ticket-photo-preview-phone-en")
	dealer.do(chromedp.Click(chromedp.CSS(area + `button[data-action="send-attachments"]`)))
	dealer.waitImage(`main .attachments .attachment-thumb img`)
	dealer.waitNone(area + `.attach-staged`)
	dealer.waitText("main .attachments .attachment-meta", "cracked-case.png")
	dealer.waitText("main .attachments .attachment-meta", "South")
	if w := dealer.eval(`String(document.documentElement.scrollWidth)`); w != "360" {
		t.Errorf("the ticket with its photo is %spx wide on a 360px screen", w)
	}
	dealer.screenshotScreen("dealer-ticket-photo-phone-en")

	// The manager, on a desktop: the thumbnail, then the photo itself.
	mgr := newUser(t, b, m, dir)
	mgr.signIn("manager@demo.test")
	mgr.waitText("main h1", "Dealers")
	mgr.do(chromedp.Navigate(m.URL() + ticketPath))
	mgr.waitText("main h1", subject)
	mgr.waitImage(`main .attachments .attachment-thumb img`)
	mgr.waitText("main .attachments .attachment-meta", "cracked-case.png")
	mgr.do(chromedp.Click(chromedp.CSS(`main .attachments .attachment-thumb`)))
	if w := mgr.waitImage(`dialog.attachment-viewer[open] img`); w != 640 {
		t.Errorf("the opened photo is %dpx wide, want 640", w)
	}
	mgr.screenshotScreen("manager-ticket-photo-open-en")
	mgr.do(chromedp.Click(chromedp.CSS(`dialog.attachment-viewer[open] .attachment-viewer-head button:last-child`)))
	mgr.waitNone(`dialog.attachment-viewer`)

	// The file is the photo sent, behind the token.
	var got struct {
		Node struct {
			Attachments []struct{ URL, ContentType string }
		}
	}
	api.mustQuery(t, `query($id: ID!) { node(id: $id) { ... on ServiceTicket { attachments { url contentType } } } }`,
		map[string]any{"id": opened.OpenServiceTicket.ID}, &got)
	if len(got.Node.Attachments) != 1 {
		t.Fatalf("the ticket has %d attachments, want 1", len(got.Node.Attachments))
	}
	if res, err := http.Get(m.URL() + got.Node.Attachments[0].URL); err != nil {
		t.Fatal(err)
	} else if res.Body.Close(); res.StatusCode == http.StatusOK {
		t.Errorf("GET %s without a token = %d", got.Node.Attachments[0].URL, res.StatusCode)
	}

	// In Chinese, on both sides.
	mgr.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	mgr.waitText("main .attachments", "附件")
	mgr.waitText("main .attachments .attach-drop", "把文件拖到这里")
	mgr.screenshot("manager-ticket-photo-zh")
	dealer.do(chromedp.EmulateViewport(1280, 900))
	dealer.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	dealer.waitText("main .attachments", "附件")
	dealer.fitsPhone("the ticket with a photo", "main .attachments", "拍照", "dealer-ticket-photo-phone-zh")
	dealer.waitImage(`main .attachments .attachment-thumb img`)

	for _, u := range []*user{dealer, mgr} {
		u.noScriptErrors()
	}
}
