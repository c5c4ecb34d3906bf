package portal_test

import (
	"net/http"
	"testing"
	"testing/fstest"

	"github.com/dealerline/dealerline/portal"
)

func TestBundle_ServiceWorkerAndManifestAreRevalidatedWithTheirTypes(t *testing.T) {
	b, err := portal.Load(fstest.MapFS{
		"index.html":           {Data: []byte(indexHTML)},
		"sw.js":                {Data: []byte("self.addEventListener('fetch', () => {})")},
		"manifest.webmanifest": {Data: []byte(`{"name":"Dealerline"}`)},
		"icons/icon-192.png":   {Data: []byte("\x89PNG")},
	})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		path, contentType, cacheControl, allowed string
	}{
		{"/sw.js", "text/javascript; charset=utf-8", "no-cache", "/"},
		{"/manifest.webmanifest", "application/manifest+json", "no-cache", ""},
		{"/icons/icon-192.png", "image/png", "public, max-age=3600", ""},
	}
	for _, c := range cases {
		resp := get(t, b, http.MethodGet, c.path, nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", c.path, resp.StatusCode)
		}
		h := resp.Header
		if h.Get("Content-Type") != c.contentType || h.Get("Cache-Control") != c.cacheControl || h.Get("Service-Worker-Allowed") != c.allowed {
			t.Errorf("GET %s: Content-Type %q, Cache-Control %q, Service-Worker-Allowed %q; want %q, %q, %q",
				c.path, h.Get("Content-Type"), h.Get("Cache-Control"), h.Get("Service-Worker-Allowed"), c.contentType, c.cacheControl, c.allowed)
		}
	}
}
