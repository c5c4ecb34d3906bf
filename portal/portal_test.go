package portal_test

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dealerline/dealerline/portal"
)

const indexHTML = `<!doctype html><html><head><title>Dealerline</title>
<script type="module" crossorigin src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>`

func testBundle(t *testing.T) *portal.Bundle {
	t.Helper()
	b, err := portal.Load(fstest.MapFS{
		"index.html":              {Data: []byte(indexHTML)},
		"favicon.svg":             {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)},
		"assets/index-abc123.js":  {Data: []byte(strings.Repeat("console.log('dealerline');\n", 200))},
		"assets/index-abc123.css": {Data: []byte("body{margin:0}")},
		"assets/_underscore.js":   {Data: []byte("export{}")},
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func get(t *testing.T, h http.Handler, method, target string, header http.Header) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, resp *http.Response) string {
	t.Helper()
	var r io.Reader = resp.Body
	if resp.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestBundle_Serves(t *testing.T) {
	b := testBundle(t)
	for _, tc := range []struct {
		name, path          string
		wantStatus          int
		wantType, wantCache string
		wantBodyContains    string
	}{
		{"Root", "/", 200, "text/html; charset=utf-8", "no-cache", `<div id="root">`},
		{"IndexByName", "/index.html", 200, "text/html; charset=utf-8", "no-cache", `<div id="root">`},
		{"DeepLink", "/dealers/42", 200, "text/html; charset=utf-8", "no-cache", `<div id="root">`},
		{"DeepLinkWithQuery", "/dealers?q=north&after=abc", 200, "text/html; charset=utf-8", "no-cache", `<div id="root">`},
		{"DeepLinkWithDot", "/orders/2026.01", 200, "text/html; charset=utf-8", "no-cache", `<div id="root">`},
		{"Script", "/assets/index-abc123.js", 200, "text/javascript; charset=utf-8", "public, max-age=31536000, immutable", "dealerline"},
		{"Stylesheet", "/assets/index-abc123.css", 200, "text/css; charset=utf-8", "public, max-age=31536000, immutable", "margin"},
		{"UnderscoreFile", "/assets/_underscore.js", 200, "text/javascript; charset=utf-8", "public, max-age=31536000, immutable", "export"},
		{"PublicFile", "/favicon.svg", 200, "image/svg+xml", "public, max-age=3600", "<svg"},
		{"MissingAsset", "/assets/index-old.js", 404, "", "", ""},
		{"TraversalStaysInside", "/assets/../index.html", 200, "text/html; charset=utf-8", "no-cache", `<div id="root">`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := get(t, b, http.MethodGet, tc.path, nil)
			if resp.StatusCode != tc.wantStatus {
				t.Fatalf("status = %d, want %d", resp.StatusCode, tc.wantStatus)
			}
			if tc.wantStatus != 200 {
				return
			}
			if got := resp.Header.Get("Content-Type"); got != tc.wantType {
				t.Errorf("Content-Type = %q, want %q", got, tc.wantType)
			}
			if got := resp.Header.Get("Cache-Control"); got != tc.wantCache {
				t.Errorf("Cache-Control = %q, want %q", got, tc.wantCache)
			}
			if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("X-Content-Type-Options = %q, want nosniff", got)
			}
			if got := body(t, resp); !strings.Contains(got, tc.wantBodyContains) {
				t.Errorf("body %.80q does not contain %q", got, tc.wantBodyContains)
			}
		})
	}
}

func TestBundle_Compresses(t *testing.T) {
	b := testBundle(t)
	plain := get(t, b, http.MethodGet, "/assets/index-abc123.js", nil)
	zipped := get(t, b, http.MethodGet, "/assets/index-abc123.js", http.Header{"Accept-Encoding": {"br, gzip"}})
	if got := zipped.Header.Get("Content-Encoding"); got != "gzip" {
		t.Fatalf("Content-Encoding = %q, want gzip", got)
	}
	if zipped.Header.Get("Vary") != "Accept-Encoding" || plain.Header.Get("Vary") != "Accept-Encoding" {
		t.Error("Vary: Accept-Encoding missing")
	}
	if plain.Header.Get("ETag") == zipped.Header.Get("ETag") {
		t.Error("the plain and the gzipped body share an ETag")
	}
	if p, z := body(t, plain), body(t, zipped); p != z {
		t.Error("gzipped body differs from the plain one")
	}
	refused := get(t, b, http.MethodGet, "/assets/index-abc123.js", http.Header{"Accept-Encoding": {"gzip;q=0"}})
	if refused.Header.Get("Content-Encoding") != "" {
		t.Error("gzip sent although refused with q=0")
	}
}

func TestBundle_Revalidates(t *testing.T) {
	b := testBundle(t)
	first := get(t, b, http.MethodGet, "/", nil)
	etag := first.Header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	again := get(t, b, http.MethodGet, "/dealers/7", http.Header{"If-None-Match": {etag}})
	if again.StatusCode != http.StatusNotModified {
		t.Errorf("status = %d, want 304", again.StatusCode)
	}
}

func TestBundle_RefusesOtherMethods(t *testing.T) {
	b := testBundle(t)
	resp := get(t, b, http.MethodPost, "/", nil)
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST / = %d Allow %q, want 405 GET, HEAD", resp.StatusCode, resp.Header.Get("Allow"))
	}
	if resp := get(t, b, http.MethodHead, "/", nil); resp.StatusCode != 200 {
		t.Errorf("HEAD / = %d, want 200", resp.StatusCode)
	}
}

// The committed build is what the binary embeds: an index.html whose
// scripts and stylesheets are all in the bundle, with no absolute paths of
// the machine that built it.
func TestEmbedded_IsCompleteBuild(t *testing.T) {
	h := portal.Handler()
	index := body(t, get(t, h, http.MethodGet, "/", nil))
	refs := regexp.MustCompile(`(?:src|href)="(/assets/[^"]+)"`).FindAllStringSubmatch(index, -1)
	if len(refs) == 0 {
		t.Fatalf("index.html references no assets:\n%s", index)
	}
	for _, ref := range refs {
		resp := get(t, h, http.MethodGet, ref[1], nil)
		if resp.StatusCode != 200 {
			t.Errorf("GET %s = %d; rebuild with `npm run build` in portal/", ref[1], resp.StatusCode)
			continue
		}
		if b := body(t, resp); regexp.MustCompile(`/(?:home|root|tmp|work|Users)/[\w.-]+/`).MatchString(b) {
			t.Errorf("%s contains an absolute path of the build machine", ref[1])
		}
	}
}
