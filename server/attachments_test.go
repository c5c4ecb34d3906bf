package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/attachments"
	"github.com/dealerline/dealerline/ent/attachment"
	"github.com/dealerline/dealerline/ent/auditentry"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/serviceticket"
	entuser "github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/server"
	"github.com/dealerline/dealerline/store/storetest"
)

const attachmentFields = `id fileName contentType size isImage createdAt uploaderName url thumbnailURL canDelete`

type attachmentResult struct {
	ID, FileName, ContentType, CreatedAt, UploaderName, URL string
	Size                                                    int
	IsImage, CanDelete                                      bool
	ThumbnailURL                                            *string
}

// testPNG is a w × h PNG.
func testPNG(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		for y := range h {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 200, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// multipartBody is an upload by the GraphQL multipart request spec.
func multipartBody(t testing.TB, query string, vars map[string]any, fileName string, data []byte) (string, []byte) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	ops, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	w.WriteField("operations", string(ops))
	w.WriteField("map", `{"0": ["variables.file"]}`)
	fw, err := w.CreateFormFile("0", fileName)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	w.Close()
	return w.FormDataContentType(), b.Bytes()
}

// postMultipart sends a multipart request to /graphql.
func postMultipart(t testing.TB, m *server.Main, token, contentType string, body []byte) gqlResponse {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, m.URL()+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var r gqlResponse
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatalf("decode response (status %d): %v: %s", resp.StatusCode, err, raw)
	}
	r.Status = resp.StatusCode
	return r
}

const uploadMutation = `mutation($p: ID!, $file: Upload!) { uploadAttachment(parentID: $p, file: $file) { ` + attachmentFields + ` } }`

// upload attaches data to parentID as c.
func (c client) upload(t testing.TB, parentID, fileName string, data []byte) gqlResponse {
	t.Helper()
	ct, body := multipartBody(t, uploadMutation, map[string]any{"p": parentID, "file": nil}, fileName, data)
	return postMultipart(t, c.m, c.token, ct, body)
}

func mustAttachment(t testing.TB, r gqlResponse) attachmentResult {
	t.Helper()
	if len(r.Errors) > 0 {
		t.Fatalf("upload: %+v", r.Errors)
	}
	var got struct{ UploadAttachment attachmentResult }
	if err := json.Unmarshal(r.Data, &got); err != nil {
		t.Fatal(err)
	}
	return got.UploadAttachment
}

// download GETs path as token.
func download(t testing.TB, m *server.Main, token, path string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, m.URL()+path, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

// southTicket is the id of one of South Traders' tickets.
func southTicket(t testing.TB, south client) string {
	t.Helper()
	var got struct {
		ServiceTickets struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	south.mustQuery(t, `{ serviceTickets(first: 1) { edges { node { id } } } }`, nil, &got)
	if len(got.ServiceTickets.Edges) == 0 {
		t.Fatal("South Traders has no ticket")
	}
	return got.ServiceTickets.Edges[0].Node.ID
}

func TestAttachments_UploadListDownload(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		south := signIn(t, m, "south@demo.test")
		ticket := southTicket(t, south)
		img := testPNG(t, 640, 480)
		a := mustAttachment(t, south.upload(t, ticket, `C:\photos\broken box.png`, img))
		if a.FileName != "broken box.png" || a.ContentType != "image/png" || a.Size != len(img) || !a.IsImage || !a.CanDelete ||
			a.URL != "/attachments/"+a.ID || a.ThumbnailURL == nil || *a.ThumbnailURL != a.URL+"/thumbnail" {
			t.Fatalf("uploaded: %+v", a)
		}
		var got struct {
			Node struct{ Attachments []attachmentResult }
		}
		south.mustQuery(t, `query($id: ID!) { node(id: $id) { ... on ServiceTicket { attachments { `+attachmentFields+` } } } }`,
			map[string]any{"id": ticket}, &got)
		if len(got.Node.Attachments) == 0 || got.Node.Attachments[0].ID != a.ID {
			t.Fatalf("listed: %+v", got)
		}
		resp, body := download(t, m, south.token, a.URL)
		if resp.StatusCode != 200 || !bytes.Equal(body, img) {
			t.Fatalf("download: %d, %d bytes", resp.StatusCode, len(body))
		}
		for h, want := range map[string]string{
			"Content-Type": "image/png", "X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store",
			"Content-Security-Policy": "default-src 'none'; sandbox", "Content-Disposition": "inline; filename*=UTF-8''broken%20box.png",
		} {
			if got := resp.Header.Get(h); got != want {
				t.Errorf("%s = %q, want %q", h, got, want)
			}
		}
		resp, body = download(t, m, south.token, *a.ThumbnailURL)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/jpeg" {
			t.Fatalf("thumbnail: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(body))
		if err != nil || format != "jpeg" || cfg.Width != 320 || cfg.Height != 240 {
			t.Fatalf("thumbnail: %v %s %dx%d", err, format, cfg.Width, cfg.Height)
		}
	})
}

// startAttachmentServer is startServerOn with files of at most maxBytes
// and cfg changed by change.
func startAttachmentServer(t *testing.T, databaseURL string, maxBytes int64, change func(*server.Config)) *server.Main {
	t.Helper()
	cfg := server.DefaultConfig()
	cfg.Addr = "127.0.0.1:0"
	cfg.DataDir = t.TempDir()
	cfg.DatabaseURL = databaseURL
	cfg.AttachmentMaxBytes = maxBytes
	if change != nil {
		change(&cfg)
	}
	m := server.NewMain(cfg)
	m.Out = io.Discard
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := m.Close(); err != nil {
			t.Error(err)
		}
	})
	return m
}

func forEachAttachmentStore(t *testing.T, maxBytes int64, change func(*server.Config), fn func(t *testing.T, m *server.Main)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, startAttachmentServer(t, "", maxBytes, change)) })
	t.Run("postgres", func(t *testing.T) { fn(t, startAttachmentServer(t, storetest.EmptyPostgres(t), maxBytes, change)) })
}

// attachmentRows counts attachments, their contents and audit entries of
// attachments, deleted ones too: what a refusal must leave as it was.
func attachmentRows(t testing.TB, m *server.Main) string {
	t.Helper()
	ctx := access.Bypass(context.Background())
	db := m.Client()
	a, err := db.Attachment.Query().Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c, err := db.AttachmentContent.Query().Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	e, err := db.AuditEntry.Query().Where(auditentry.ActionHasPrefix("attachment.")).Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("attachments %d, contents %d, audit %d", a, c, e)
}

// firstID is the id of the first node a query's connection answers.
func firstID(t testing.TB, c client, query string) string {
	t.Helper()
	r := c.query(t, query, nil)
	if len(r.Errors) > 0 {
		t.Fatalf("%s: %+v", query, r.Errors)
	}
	var got map[string]struct {
		Edges []struct{ Node struct{ ID string } }
	}
	json.Unmarshal(r.Data, &got)
	for _, conn := range got {
		if len(conn.Edges) > 0 {
			return conn.Edges[0].Node.ID
		}
	}
	t.Fatalf("%s: nothing", query)
	return ""
}

// parentAttachments lists the attachments of parent as c sees them (nil:
// c does not see the parent).
func parentAttachments(t testing.TB, c client, parent string) []attachmentResult {
	t.Helper()
	var got struct {
		Node map[string]json.RawMessage
	}
	c.mustQueryAllowingErrors(t, `query($id: ID!) { node(id: $id) {
		... on ServiceTicket { attachments { `+attachmentFields+` } }
		... on TicketReply { attachments { `+attachmentFields+` } }
		... on Interaction { attachments { `+attachmentFields+` } }
		... on MarketReport { attachments { `+attachmentFields+` } }
		... on ConflictCase { attachments { `+attachmentFields+` } }
		... on ConflictComment { attachments { `+attachmentFields+` } }
		... on SalesReturn { attachments { `+attachmentFields+` } }
		... on Agreement { attachments { `+attachmentFields+` } }
		... on FundClaim { attachments: attachmentFiles { `+attachmentFields+` } } } }`,
		map[string]any{"id": parent}, &got)
	if got.Node == nil {
		return nil
	}
	list := []attachmentResult{}
	if err := json.Unmarshal(got.Node["attachments"], &list); err != nil {
		t.Fatal(err)
	}
	return list
}

func TestAttachments_EveryParentKind(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		var replies struct {
			ServiceTickets struct {
				Edges []struct {
					Node struct{ Replies []struct{ ID string } }
				}
			}
		}
		admin.mustQuery(t, `{ serviceTickets(status: ANSWERED, first: 5) { edges { node { replies { id } } } } }`, nil, &replies)
		reply := ""
		for _, e := range replies.ServiceTickets.Edges {
			if len(e.Node.Replies) > 0 {
				reply = e.Node.Replies[0].ID
			}
		}
		var comments struct {
			ConflictCases struct {
				Edges []struct {
					Node struct{ Comments []struct{ ID string } }
				}
			}
		}
		admin.mustQuery(t, `{ conflictCases(first: 20) { edges { node { comments { id } } } } }`, nil, &comments)
		comment := ""
		for _, e := range comments.ConflictCases.Edges {
			if len(e.Node.Comments) > 0 {
				comment = e.Node.Comments[0].ID
			}
		}
		parents := map[string]string{
			"ServiceTicket":   firstID(t, admin, `{ c: serviceTickets(first: 1) { edges { node { id } } } }`),
			"TicketReply":     reply,
			"Interaction":     firstID(t, admin, `{ c: interactions(first: 1) { edges { node { id } } } }`),
			"MarketReport":    firstID(t, admin, `{ c: marketReports(first: 1) { edges { node { id } } } }`),
			"ConflictCase":    firstID(t, admin, `{ c: conflictCases(first: 1) { edges { node { id } } } }`),
			"ConflictComment": comment,
			"SalesReturn":     firstID(t, admin, `{ c: salesReturns(first: 1) { edges { node { id } } } }`),
			"Agreement":       firstID(t, admin, `{ c: agreements(first: 1) { edges { node { id } } } }`),
			"FundClaim":       firstID(t, admin, `{ c: fundClaims(first: 1) { edges { node { id } } } }`),
		}
		pdf := []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
		for kind, parent := range parents {
			if parent == "" {
				t.Fatalf("the demo has no %s", kind)
			}
			a := mustAttachment(t, admin.upload(t, parent, kind+".pdf", pdf))
			if a.ContentType != "application/pdf" || a.IsImage || a.ThumbnailURL != nil || a.UploaderName == "" {
				t.Errorf("%s: %+v", kind, a)
			}
			list := parentAttachments(t, admin, parent)
			if len(list) == 0 || list[0].ID != a.ID {
				t.Errorf("%s lists %+v, want %s first", kind, list, a.ID)
			}
			resp, body := download(t, m, admin.token, a.URL)
			if resp.StatusCode != 200 || !bytes.Equal(body, pdf) ||
				resp.Header.Get("Content-Disposition") != "attachment; filename*=UTF-8''"+kind+".pdf" ||
				resp.Header.Get("Content-Type") != "application/pdf" {
				t.Errorf("%s download: %d %v", kind, resp.StatusCode, resp.Header)
			}
			if resp, _ := download(t, m, admin.token, a.URL+"/thumbnail"); resp.StatusCode != 404 {
				t.Errorf("%s: a PDF's thumbnail answered %d", kind, resp.StatusCode)
			}
		}
	})
}

func TestAttachments_Refusals(t *testing.T) {
	forEachAttachmentStore(t, 64<<10, nil, func(t *testing.T, m *server.Main) {
		south := signIn(t, m, "south@demo.test")
		north := signIn(t, m, "north@demo.test")
		ticket := southTicket(t, south)
		before := attachmentRows(t, m)
		unchanged := func(what string) {
			t.Helper()
			if after := attachmentRows(t, m); after != before {
				t.Errorf("%s wrote: %s, then %s", what, before, after)
			}
		}

		// An executable named .jpg, HTML named .png, a script as text.
		exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"), bytes.Repeat([]byte{0}, 200)...)
		// Each refusal says why in extensions.reason, for the portal's words.
		for name, f := range map[string]struct {
			data   []byte
			reason string
		}{
			"photo.jpg":  {exe, "TYPE"},
			"photo.png":  {[]byte("<!DOCTYPE html><html><script>alert(1)</script></html>"), "TYPE"},
			"notes.txt":  {[]byte("#!/bin/sh\nrm -rf /\n\x00\x01\x02"), "TYPE"},
			"latin1.txt": {[]byte("Caf\xe9 cr\xe8me, pri\xe8re de noter\n"), "ENCODING"},
			"empty.pdf":  {nil, "EMPTY"},
			"photo.webp": {[]byte("RIFF\x00\x00\x00\x00WEBPVP8 garbage"), "UNREADABLE"},
		} {
			r := south.upload(t, ticket, name, f.data)
			refusedInput(t, r, "file")
			if got := r.reason(); got != f.reason {
				t.Errorf("%s: reason %q, want %q", name, got, f.reason)
			}
			unchanged(name)
		}

		// Over the limit of a file.
		big := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("0"), 64<<10)...)
		r := south.upload(t, ticket, "big.pdf", big)
		refusedInput(t, r, "file")
		if r.reason() != "TOO_LARGE" {
			t.Errorf("a file over the limit: reason %q", r.reason())
		}
		unchanged("a file over the limit")

		// A body over the multipart bound is refused before GraphQL.
		huge := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("0"), 4<<20)...)
		if r := south.upload(t, ticket, "huge.pdf", huge); r.Status != http.StatusRequestEntityTooLarge || r.code() != "INVALID_INPUT" || r.reason() != "TOO_LARGE" {
			t.Errorf("a huge body: %d %+v", r.Status, r.Errors)
		}
		unchanged("a huge body")

		// A file without operations, a broken map, two files.
		for what, body := range map[string]func(w *multipart.Writer){
			"no operations": func(w *multipart.Writer) {
				fw, _ := w.CreateFormFile("0", "a.png")
				fw.Write(testPNG(t, 4, 4))
			},
			"no map": func(w *multipart.Writer) {
				w.WriteField("operations", `{"query": "mutation($file: Upload!) { uploadAttachment(parentID: 1, file: $file) { id } }", "variables": {"file": null}}`)
				fw, _ := w.CreateFormFile("0", "a.png")
				fw.Write(testPNG(t, 4, 4))
			},
			"broken map": func(w *multipart.Writer) {
				w.WriteField("operations", `{"query": "mutation($file: Upload!) { uploadAttachment(parentID: 1, file: $file) { id } }", "variables": {"file": null}}`)
				w.WriteField("map", `{"0": "variables.file"`)
				fw, _ := w.CreateFormFile("0", "a.png")
				fw.Write(testPNG(t, 4, 4))
			},
			"a map to nowhere": func(w *multipart.Writer) {
				w.WriteField("operations", `{"query": "mutation($file: Upload!) { uploadAttachment(parentID: 1, file: $file) { id } }", "variables": {"file": null}}`)
				w.WriteField("map", `{"0": ["variables.other"]}`)
				fw, _ := w.CreateFormFile("0", "a.png")
				fw.Write(testPNG(t, 4, 4))
			},
			"a batch": func(w *multipart.Writer) {
				w.WriteField("operations", `[{"query": "{ __typename }"}]`)
				w.WriteField("map", `{}`)
			},
		} {
			var b bytes.Buffer
			w := multipart.NewWriter(&b)
			body(w)
			w.Close()
			r := postMultipart(t, m, south.token, w.FormDataContentType(), b.Bytes())
			if r.Status != http.StatusBadRequest || r.code() != "INVALID_INPUT" || r.Errors[0].Message == "" {
				t.Errorf("%s: %d %+v", what, r.Status, r.Errors)
			}
			unchanged(what)
		}

		// A foreign parent answers like a missing one.
		foreign := north.upload(t, ticket, "a.png", testPNG(t, 4, 4))
		missing := north.upload(t, "999999999", "a.png", testPNG(t, 4, 4))
		if foreign.code() != "NOT_FOUND" || missing.code() != "NOT_FOUND" || foreign.Errors[0].Message != missing.Errors[0].Message {
			t.Errorf("foreign %+v, missing %+v", foreign.Errors, missing.Errors)
		}
		unchanged("a foreign parent")

		// Not signed in.
		if r := (client{m: m}).upload(t, ticket, "a.png", testPNG(t, 4, 4)); r.code() != "UNAUTHENTICATED" {
			t.Errorf("signed out: %+v", r.Errors)
		}
		unchanged("signed out")
	})
}

func TestAttachments_PerParentLimit(t *testing.T) {
	forEachAttachmentStore(t, 16<<10, nil, func(t *testing.T, m *server.Main) {
		south := signIn(t, m, "south@demo.test")
		ticket := southTicket(t, south)
		file := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("0"), 15<<10)...)
		// The demo's photo is on the open ticket: fill what is left.
		held := 0
		for _, a := range parentAttachments(t, south, ticket) {
			held += a.Size
		}
		for held+len(file) <= 10*16<<10 {
			mustAttachment(t, south.upload(t, ticket, "page.pdf", file))
			held += len(file)
		}
		before := attachmentRows(t, m)
		full := south.upload(t, ticket, "page.pdf", file)
		refusedInput(t, full, "file")
		if full.reason() != "FULL" {
			t.Errorf("over the parent's limit: reason %q", full.reason())
		}
		if after := attachmentRows(t, m); after != before {
			t.Errorf("over the parent's limit wrote: %s, then %s", before, after)
		}
		// Deleting one makes room.
		list := parentAttachments(t, south, ticket)
		var del struct{ DeleteAttachment attachmentResult }
		south.mustQuery(t, `mutation($id: ID!) { deleteAttachment(id: $id) { id } }`, map[string]any{"id": list[0].ID}, &del)
		mustAttachment(t, south.upload(t, ticket, "page.pdf", file))
	})
}

func TestAttachments_Privacy(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		manager := signIn(t, m, "manager@demo.test")
		south := signIn(t, m, "south@demo.test")
		north := signIn(t, m, "north@demo.test")
		ticket := southTicket(t, south)
		a := mustAttachment(t, south.upload(t, ticket, "photo.png", testPNG(t, 40, 30)))

		// Another dealer: no list, no node, no file; the same answers as
		// for an id that does not exist.
		if list := parentAttachments(t, north, ticket); list != nil {
			t.Errorf("north lists %+v", list)
		}
		for _, id := range []string{a.ID, "999999999"} {
			r := north.query(t, `query($id: ID!) { node(id: $id) { id ... on Attachment { fileName } } }`, map[string]any{"id": id})
			if string(r.Data) != `{"node":null}` {
				t.Errorf("north reads node %s: %s %+v", id, r.Data, r.Errors)
			}
		}
		foreignResp, foreignBody := download(t, m, north.token, a.URL)
		missingResp, missingBody := download(t, m, north.token, "/attachments/999999999")
		if foreignResp.StatusCode != 404 || missingResp.StatusCode != 404 ||
			!bytes.Equal(bytes.ReplaceAll(foreignBody, []byte(a.ID), nil), bytes.ReplaceAll(missingBody, []byte("999999999"), nil)) {
			t.Errorf("north gets %d %s; a missing id %d %s", foreignResp.StatusCode, foreignBody, missingResp.StatusCode, missingBody)
		}
		if resp, _ := download(t, m, north.token, *a.ThumbnailURL); resp.StatusCode != 404 {
			t.Errorf("north gets the thumbnail: %d", resp.StatusCode)
		}
		if resp, body := download(t, m, "", a.URL); resp.StatusCode != 401 || !strings.Contains(string(body), "UNAUTHENTICATED") {
			t.Errorf("no token: %d %s", resp.StatusCode, body)
		}
		// Staff who see the dealer see it.
		for _, c := range []client{admin, manager} {
			var got struct{ Node *attachmentResult }
			c.mustQuery(t, `query($id: ID!) { node(id: $id) { ... on Attachment { `+attachmentFields+` } } }`, map[string]any{"id": a.ID}, &got)
			if got.Node == nil || got.Node.ID != a.ID || !got.Node.CanDelete {
				t.Errorf("staff read %+v", got.Node)
			}
			if resp, _ := download(t, m, c.token, a.URL); resp.StatusCode != 200 {
				t.Errorf("staff download: %d", resp.StatusCode)
			}
		}

		// An interaction is internal: its files too.
		var interactions struct {
			Interactions struct {
				Edges []struct {
					Node struct {
						ID     string
						Dealer struct{ ID string }
					}
				}
			}
		}
		var southID struct {
			Me struct{ Dealer struct{ ID string } }
		}
		south.mustQuery(t, `{ me { dealer { id } } }`, nil, &southID)
		admin.mustQuery(t, `query($d: ID) { interactions(dealerID: $d, first: 1) { edges { node { id dealer { id } } } } }`,
			map[string]any{"d": southID.Me.Dealer.ID}, &interactions)
		if len(interactions.Interactions.Edges) > 0 {
			note := mustAttachment(t, admin.upload(t, interactions.Interactions.Edges[0].Node.ID, "visit.png", testPNG(t, 8, 8)))
			if resp, _ := download(t, m, south.token, note.URL); resp.StatusCode != 404 {
				t.Errorf("a dealer downloads its interaction's file: %d", resp.StatusCode)
			}
			r := south.query(t, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": note.ID})
			if string(r.Data) != `{"node":null}` {
				t.Errorf("a dealer reads its interaction's file: %s", r.Data)
			}
		}

		// Deleting: another dealer cannot find it, staff and the uploader
		// may; deleted, it is neither listed nor served.
		before := attachmentRows(t, m)
		if r := north.query(t, `mutation($id: ID!) { deleteAttachment(id: $id) { id } }`, map[string]any{"id": a.ID}); r.code() != "NOT_FOUND" {
			t.Errorf("north deletes: %+v", r.Errors)
		}
		if after := attachmentRows(t, m); after != before {
			t.Errorf("a refused delete wrote: %s, then %s", before, after)
		}
		staffFile := mustAttachment(t, manager.upload(t, ticket, "reply.png", testPNG(t, 8, 8)))
		if staffFile.CanDelete != true {
			t.Errorf("manager cannot delete its own file")
		}
		var seen []attachmentResult
		for _, x := range parentAttachments(t, south, ticket) {
			if x.ID == staffFile.ID {
				seen = append(seen, x)
			}
		}
		if len(seen) != 1 || seen[0].CanDelete {
			t.Errorf("south sees the manager's file as %+v", seen)
		}
		if r := south.query(t, `mutation($id: ID!) { deleteAttachment(id: $id) { id } }`, map[string]any{"id": staffFile.ID}); r.code() != "FORBIDDEN" {
			t.Errorf("south deletes the manager's file: %+v", r.Errors)
		}
		for _, del := range []struct {
			c  client
			id string
		}{{south, a.ID}, {manager, staffFile.ID}} {
			var got struct{ DeleteAttachment attachmentResult }
			del.c.mustQuery(t, `mutation($id: ID!) { deleteAttachment(id: $id) { id fileName } }`, map[string]any{"id": del.id}, &got)
			if got.DeleteAttachment.ID != del.id {
				t.Errorf("deleted %+v", got)
			}
			if resp, _ := download(t, m, admin.token, "/attachments/"+del.id); resp.StatusCode != 404 {
				t.Errorf("a deleted file is served: %d", resp.StatusCode)
			}
			if r := del.c.query(t, `mutation($id: ID!) { deleteAttachment(id: $id) { id } }`, map[string]any{"id": del.id}); r.code() != "NOT_FOUND" {
				t.Errorf("deleted twice: %+v", r.Errors)
			}
		}
		for _, x := range parentAttachments(t, admin, ticket) {
			if x.ID == a.ID || x.ID == staffFile.ID {
				t.Errorf("a deleted file is listed")
			}
		}
		var audit struct {
			AuditEntries struct {
				Edges []struct {
					Node struct {
						Action, ActorName string
						Details           map[string]any
					}
				}
			}
		}
		admin.mustQuery(t, `{ auditEntries(first: 10, where: {action: "attachment.delete"}) { edges { node { action actorName details } } } }`, nil, &audit)
		if len(audit.AuditEntries.Edges) != 2 || audit.AuditEntries.Edges[0].Node.Details["fileName"] == nil ||
			audit.AuditEntries.Edges[0].Node.Details["size"] == nil || audit.AuditEntries.Edges[0].Node.Details["parentID"] == nil {
			t.Errorf("audit: %+v", audit)
		}
	})
}

func TestAttachments_AllowlistAndRate(t *testing.T) {
	list := allowlistFile(t, loginQuery, uploadMutation)
	forEachAttachmentStore(t, 64<<10, func(c *server.Config) {
		c.OperationsAllowlist = list
		c.HTTP.RequestRate = 0.001
		c.HTTP.RequestBurst = 3
	}, func(t *testing.T, m *server.Main) {
		south := signIn(t, m, "south@demo.test")
		// Not through the API: the allowlist holds the portal's queries only.
		ctx := access.Bypass(context.Background())
		d, err := m.Client().Dealer.Query().Where(dealer.Code("D-SOUTH")).Only(ctx)
		if err != nil {
			t.Fatal(err)
		}
		id, err := m.Client().ServiceTicket.Query().Where(serviceticket.DealerID(d.ID)).FirstID(ctx)
		if err != nil {
			t.Fatal(err)
		}
		ticket := strconv.Itoa(id)
		before := attachmentRows(t, m)
		// An operation the portal does not send is refused for a dealer.
		ct, body := multipartBody(t, `mutation Other($p: ID!, $file: Upload!) { uploadAttachment(parentID: $p, file: $file) { id fileName } }`,
			map[string]any{"p": ticket, "file": nil}, "a.png", testPNG(t, 4, 4))
		if r := postMultipart(t, m, south.token, ct, body); r.code() != "FORBIDDEN" {
			t.Errorf("an operation off the allowlist: %+v", r.Errors)
		}
		if after := attachmentRows(t, m); after != before {
			t.Errorf("a refused upload wrote: %s, then %s", before, after)
		}
		// A listed one runs.
		mustAttachment(t, south.upload(t, ticket, "a.png", testPNG(t, 4, 4)))
		// The rate limit counts uploads like any request.
		limited := false
		for range 5 {
			if r := postMultipart(t, m, south.token, ct, body); r.code() == "RATE_LIMITED" {
				limited = true
				break
			}
		}
		if !limited {
			t.Error("uploads are not rate limited")
		}
	})
}

func TestAttachments_EraseUploadedBy(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		south := signIn(t, m, "south@demo.test")
		manager := signIn(t, m, "manager@demo.test")
		ticket := southTicket(t, south)
		mine := mustAttachment(t, south.upload(t, ticket, "a.png", testPNG(t, 4, 4)))
		gone := mustAttachment(t, south.upload(t, ticket, "b.png", testPNG(t, 4, 4)))
		south.mustQuery(t, `mutation($id: ID!) { deleteAttachment(id: $id) { id } }`, map[string]any{"id": gone.ID}, &struct{}{})
		theirs := mustAttachment(t, manager.upload(t, ticket, "c.png", testPNG(t, 4, 4)))
		ctx := access.Bypass(context.Background())
		u, err := m.Client().User.Query().Where(entuser.Email("south@demo.test")).Only(ctx)
		if err != nil {
			t.Fatal(err)
		}
		before, _ := m.Client().AttachmentContent.Query().Count(ctx)
		n, err := attachments.EraseUploadedBy(context.Background(), m.Client(), u.ID)
		if err != nil {
			t.Fatal(err)
		}
		after, _ := m.Client().AttachmentContent.Query().Count(ctx)
		// The demo's photo on the open ticket is South's too.
		if n < 2 || before-after != n {
			t.Errorf("erased %d files, contents %d → %d", n, before, after)
		}
		for _, id := range []string{mine.ID, gone.ID} {
			i, _ := strconv.Atoi(id)
			if ok, _ := m.Client().Attachment.Query().Where(attachment.ID(i)).Exist(ctx); ok {
				t.Errorf("attachment %s is still there", id)
			}
		}
		if resp, _ := download(t, m, manager.token, theirs.URL); resp.StatusCode != 200 {
			t.Errorf("another user's file: %d", resp.StatusCode)
		}
	})
}
