package graphiql_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/dealerline/dealerline/server/graphiql"
)

// newServer mounts the handler the way the API server does.
func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle("/graphiql/", http.StripPrefix("/graphiql", graphiql.Handler("Dealerline", "/graphql")))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// noRedirects lets tests see redirects instead of following them.
var noRedirects = &http.Client{
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

func get(t *testing.T, rawURL string, header http.Header) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, rawURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := noRedirects.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

var refRE = regexp.MustCompile(`\b(?:src|href)\s*=\s*["']?([^"'\s>]*)`)

// pageRefs returns the src and href values of the page.
func pageRefs(t *testing.T, html string) []string {
	t.Helper()
	var refs []string
	for _, m := range refRE.FindAllStringSubmatch(html, -1) {
		refs = append(refs, m[1])
	}
	if len(refs) == 0 {
		t.Fatal("page references no assets")
	}
	return refs
}

func TestPage(t *testing.T) {
	srv := newServer(t)
	resp, html := get(t, srv.URL+"/graphiql/", nil)

	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status = %d, want 200", resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("Content-Type = %q, want text/html", ct)
	}
	for _, want := range []string{`data-endpoint="/graphql"`, "<title>Dealerline · GraphiQL</title>", `src="assets/init.js"`} {
		if !strings.Contains(html, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	// Nothing may load from off-host: the IDE must work air-gapped.
	for _, scheme := range []string{"http://", "https://"} {
		if strings.Contains(html, scheme) {
			t.Errorf("page contains %q", scheme)
		}
	}
	// Path-relative references keep working under any mount prefix.
	for _, ref := range pageRefs(t, html) {
		u, err := url.Parse(ref)
		if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(ref, "/") || ref == "" {
			t.Errorf("reference %q is not a relative URL", ref)
		}
	}
}

func TestReferencedAssets(t *testing.T) {
	srv := newServer(t)
	pageURL, _ := url.Parse(srv.URL + "/graphiql/")
	_, html := get(t, pageURL.String(), nil)

	for _, ref := range pageRefs(t, html) {
		t.Run(ref, func(t *testing.T) {
			rel, err := url.Parse(ref)
			if err != nil {
				t.Fatal(err)
			}
			resp, body := get(t, pageURL.ResolveReference(rel).String(), nil)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status = %d, want 200", resp.StatusCode)
			}
			if body == "" {
				t.Error("empty body")
			}
			ct := resp.Header.Get("Content-Type")
			if !strings.HasPrefix(ct, "text/javascript") && !strings.HasPrefix(ct, "text/css") {
				t.Errorf("Content-Type = %q, want JavaScript or CSS", ct)
			}
			if resp.Header.Get("ETag") == "" {
				t.Error("no ETag")
			}
		})
	}
}

func TestRoutes(t *testing.T) {
	srv := newServer(t)
	tests := []struct {
		name     string
		path     string
		header   http.Header
		status   int
		location string // a redirect target; any 3xx status is fine
	}{
		{name: "page", path: "/graphiql/", status: http.StatusOK},
		{name: "prefix without slash redirects", path: "/graphiql", location: "/graphiql/"},
		{name: "asset", path: "/graphiql/assets/graphiql.min.js", status: http.StatusOK},
		{name: "licenses", path: "/graphiql/assets/THIRD_PARTY_LICENSES.txt", status: http.StatusOK},
		{name: "unknown asset", path: "/graphiql/assets/nope.js", status: http.StatusNotFound},
		{name: "readme is not embedded", path: "/graphiql/assets/README.md", status: http.StatusNotFound},
		{name: "asset directory", path: "/graphiql/assets/", status: http.StatusNotFound},
		{name: "nested asset path", path: "/graphiql/assets/x/graphiql.min.js", status: http.StatusNotFound},
		{name: "unknown page", path: "/graphiql/index.html", status: http.StatusNotFound},
		{name: "unchanged page", path: "/graphiql/", header: http.Header{"If-None-Match": {"*"}}, status: http.StatusNotModified},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, _ := get(t, srv.URL+tt.path, tt.header)
			if tt.location != "" {
				if resp.StatusCode/100 != 3 {
					t.Errorf("status = %d, want a redirect", resp.StatusCode)
				}
			} else if resp.StatusCode != tt.status {
				t.Errorf("status = %d, want %d", resp.StatusCode, tt.status)
			}
			if loc := resp.Header.Get("Location"); loc != tt.location {
				t.Errorf("Location = %q, want %q", loc, tt.location)
			}
		})
	}
}

func TestETagRevalidation(t *testing.T) {
	srv := newServer(t)
	first, _ := get(t, srv.URL+"/graphiql/assets/init.js", nil)
	if cc := first.Header.Get("Cache-Control"); cc != "no-cache" {
		t.Errorf("Cache-Control = %q, want no-cache", cc)
	}
	again, body := get(t, srv.URL+"/graphiql/assets/init.js", http.Header{"If-None-Match": {first.Header.Get("ETag")}})
	if again.StatusCode != http.StatusNotModified || body != "" {
		t.Errorf("revalidation: status = %d, body %d bytes; want 304, empty", again.StatusCode, len(body))
	}
}

func TestMethodNotAllowed(t *testing.T) {
	srv := newServer(t)
	resp, err := http.Post(srv.URL+"/graphiql/", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("status = %d, want 405", resp.StatusCode)
	}
}

func TestEscaping(t *testing.T) {
	h := graphiql.Handler(`<b>"x"</b>`, `/g?a=1&b="2"`)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	html := rec.Body.String()
	for _, bad := range []string{"<b>", `"2"`} {
		if strings.Contains(html, bad) {
			t.Errorf("page contains unescaped %s", bad)
		}
	}
	if !strings.Contains(html, `data-endpoint="/g?a=1&amp;b=&#34;2&#34;"`) {
		t.Errorf("endpoint not escaped as an attribute:\n%s", html)
	}
}

// The prefix may also be stripped with its slash.
func TestStripPrefixWithSlash(t *testing.T) {
	h := http.StripPrefix("/ide/", graphiql.Handler("Dealerline", "/graphql"))
	for _, p := range []string{"/ide/", "/ide/assets/init.js"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
		if rec.Code != http.StatusOK {
			t.Errorf("GET %s: status = %d, want 200", p, rec.Code)
		}
	}
}

func ExampleHandler() {
	mux := http.NewServeMux()
	// ServeMux redirects /graphiql to /graphiql/, which the page's
	// relative asset URLs need.
	mux.Handle("/graphiql/", http.StripPrefix("/graphiql", graphiql.Handler("Dealerline", "/graphql")))
	_ = http.ListenAndServe(":8080", mux)
}
