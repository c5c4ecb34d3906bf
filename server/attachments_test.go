package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/dealerline/dealerline/server"
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
		_ = strings.TrimSpace
		_ = fmt.Sprint
	})
}
