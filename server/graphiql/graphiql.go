// Package graphiql serves the GraphiQL IDE from files embedded in the
// binary, so it works without access to any CDN (air-gapped installs).
//
// Mount it under a path prefix with a trailing slash, stripping the prefix
// without the slash:
//
//	mux.Handle("/graphiql/", http.StripPrefix("/graphiql", graphiql.Handler("Dealerline", "/graphql")))
//
// The page loads its assets by relative URL, so it must be served at a URL
// ending in "/"; http.ServeMux already redirects "/graphiql" there.
package graphiql

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

// The third-party files are described in assets/README.md, which is left out.
//
//go:embed assets/*.js assets/*.css assets/*.txt
var embedded embed.FS

var pageTemplate = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} · GraphiQL</title>
<link rel="stylesheet" href="assets/graphiql.min.css">
<link rel="stylesheet" href="assets/page.css">
<script defer src="assets/react.production.min.js"></script>
<script defer src="assets/react-dom.production.min.js"></script>
<script defer src="assets/graphiql.min.js"></script>
<script defer src="assets/init.js"></script>
</head>
<body>
<div id="graphiql" data-endpoint="{{.Endpoint}}">Loading GraphiQL…</div>
<noscript>GraphiQL needs JavaScript.</noscript>
</body>
</html>
`))

// file is a response body prepared once: the content never changes while
// the binary runs, so its hash is a stable ETag.
type file struct {
	contentType string
	body        []byte
	etag        string
}

func newFile(contentType string, body []byte) file {
	sum := sha256.Sum256(body)
	return file{contentType, body, `"` + hex.EncodeToString(sum[:16]) + `"`}
}

var contentTypes = map[string]string{
	".css": "text/css; charset=utf-8",
	".js":  "text/javascript; charset=utf-8",
	".txt": "text/plain; charset=utf-8",
}

// assets maps a file name under assets/ to its response.
var assets = func() map[string]file {
	dir, err := fs.Sub(embedded, "assets")
	if err != nil {
		panic(err)
	}
	entries, err := fs.ReadDir(dir, ".")
	if err != nil {
		panic(err)
	}
	m := make(map[string]file, len(entries))
	for _, e := range entries {
		b, err := fs.ReadFile(dir, e.Name())
		if err != nil {
			panic(err)
		}
		m[e.Name()] = newFile(contentTypes[path.Ext(e.Name())], b)
	}
	return m
}()

// Handler returns a handler serving the GraphiQL page at "/" and its files
// at "/assets/<file>". title names the browser tab; endpoint is the GraphQL
// URL, absolute or relative to the page, used for HTTP and (as ws:// or
// wss://) for subscriptions.
func Handler(title, endpoint string) http.Handler {
	var buf bytes.Buffer
	data := struct{ Title, Endpoint string }{title, endpoint}
	if err := pageTemplate.Execute(&buf, data); err != nil {
		panic(err) // the template is fixed and only escapes strings
	}
	page := newFile("text/html; charset=utf-8", buf.Bytes())

	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Accept the prefix stripped with or without its trailing slash.
		name := strings.TrimPrefix(r.URL.Path, "/")
		f, ok := page, name == ""
		if rest, isAsset := strings.CutPrefix(name, "assets/"); isAsset {
			f, ok = assets[rest]
		}
		if !ok {
			http.NotFound(w, r)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
			return
		}
		h := w.Header()
		h.Set("Content-Type", f.contentType)
		h.Set("X-Content-Type-Options", "nosniff")
		// Never inside another site's frame: a framed GraphiQL could be
		// steered into running operations with the user's token.
		h.Set("Content-Security-Policy", "frame-ancestors 'none'")
		h.Set("X-Frame-Options", "DENY")
		// Asset URLs carry no version, so browsers revalidate each load
		// and get a 304 unless the binary changed.
		h.Set("Cache-Control", "no-cache")
		h.Set("ETag", f.etag)
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(f.body))
	})
}
