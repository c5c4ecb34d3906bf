package server_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestPortal_ErasePersonalData: an administrator exports a contact's
// personal data from its dealer's page (a JSON file), then erases it: the
// dialog asks why and for the contact's name, and the card shows the
// placeholder. The users page offers the same in Chinese, on a phone.
func TestPortal_ErasePersonalData(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser (skipped with -short)")
	}
	b := browser(t)
	m := startServer(t)
	dir := artifactDir(t)
	admin := signIn(t, m, "admin@demo.test")
	dealerID := dealersByCode(t, admin)["D-SOUTH"]
	var ct struct{ CreateContact struct{ ID string } }
	admin.mustQuery(t, `mutation($in: CreateContactInput!) { createContact(input: $in) { id } }`,
		map[string]any{"in": map[string]any{"name": "Wen Jiahui", "title": "Buyer", "email": "wen.jiahui@example.com",
			"phone": "+86 139 1234 5678", "dealerID": dealerID}}, &ct)
	card := `main [data-subject="` + ct.CreateContact.ID + `"]`

	u := newUser(t, b, m, dir)
	u.signIn("admin@demo.test")
	u.waitText("main h1", "Dealers")
	u.do(chromedp.Navigate(m.URL() + "/dealers/" + dealerID))
	u.waitText("main h1", "South Traders")
	u.waitFor(card + ` button[data-action="export-personal-data"]`)
	u.do(chromedp.Click(chromedp.CSS(card + ` button[data-action="export-personal-data"]`)))
	// (The download's click leaves the page's polling context behind: poll
	// from here.)
	for deadline := time.Now().Add(15 * time.Second); u.eval(`String(!!document.querySelector('`+card+` a[data-personal-file]'))`) != "true"; {
		if time.Now().After(deadline) {
			t.Fatalf("no file downloaded: %s", u.text(card))
		}
		time.Sleep(100 * time.Millisecond)
	}
	file := u.eval(`document.querySelector('` + card + ` a[data-personal-file]').download`)
	if file != "personal-data-contact-"+ct.CreateContact.ID+".json" {
		t.Errorf("downloaded as %q", file)
	}
	// The file is the API's document (the page's policy keeps a script from
	// reading blob: links back, so its size stands for it).
	var ex struct{ ExportPersonalData string }
	admin.mustQuery(t, `query($c: ID) { exportPersonalData(contactID: $c) }`, map[string]any{"c": ct.CreateContact.ID}, &ex)
	if !strings.Contains(ex.ExportPersonalData, "wen.jiahui@example.com") {
		t.Errorf("the export: %s", ex.ExportPersonalData)
	}
	if n, _ := strconv.Atoi(u.eval(`document.querySelector('` + card + ` a[data-personal-file]').dataset.bytes`)); n < len(ex.ExportPersonalData)/2 {
		t.Errorf("the downloaded file has %d bytes; the export %d", n, len(ex.ExportPersonalData))
	}
	u.do(chromedp.Click(chromedp.CSS(card + ` button[data-action="erase-personal-data"]`)))
	u.waitFor(card + ` textarea[name="note"]`)
	u.setText(card+` textarea[name="note"]`, "Asked by e-mail on 1 December")
	if u.eval(`String(document.querySelector('`+card+` button[data-action="confirm-erase"]').disabled)`) != "true" {
		t.Error("erasing is possible before the name is typed")
	}
	u.typeText(card+` input[name="confirmName"]`, "Wen Jiahui")
	u.screenshot("personal-erase-en")
	u.do(chromedp.Click(chromedp.CSS(card + ` button[data-action="confirm-erase"]`)))
	u.waitText(card+` [data-erased]`, "erased-contact-"+ct.CreateContact.ID)
	u.waitGone(`main section[aria-labelledby="dealer-contacts"]`, "Wen Jiahui")
	u.waitText(`main li:has(> [data-subject="`+ct.CreateContact.ID+`"]) .card-title`, "erased-contact-"+ct.CreateContact.ID)
	if strings.Contains(u.text("main"), "Wen Jiahui") {
		t.Errorf("the page still shows the erased name: %s", u.eval(`[...document.querySelectorAll('main *')].filter((e) => e.children.length === 0 && e.textContent.includes('Wen Jiahui')).map((e) => e.outerHTML).join('\n')`))
	}

	u.do(chromedp.Click(chromedp.CSS(`button[lang="zh-CN"]`)))
	u.do(chromedp.Navigate(m.URL() + "/users"))
	u.waitText("main h1", "用户")
	u.waitText(`main .users-list [data-email="south@demo.test"]`, "导出个人数据")
	u.waitText(`main .users-list [data-email="south@demo.test"]`, "删除个人数据")
	u.fitsPhone("the users page", "main h1", "用户", "personal-users-phone-zh")
	u.noScriptErrors()
}
