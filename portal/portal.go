// Package portal serves the dealer portal: the single-page app built from
// this directory's TypeScript sources by `npm run build`, committed under
// dist/ and embedded in the binary, so `go run .` needs no Node.js.
package portal

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

// dist is the built bundle. "all:" keeps files whose names start with "_"
// or ".", which a bundler may emit and a plain pattern would skip.
//
//go:embed all:dist
var dist embed.FS

// Operations is operations.json, made by `npm run build`: the sha256 of
// each GraphQL operation the portal sends, as it sends it, to the
// operation's name. It is the server's allow-list of operations
// (--operations-allowlist portal).
//
//go:embed operations.json
var Operations []byte

// A file of the bundle, prepared once: the bundle never changes while the
// binary runs, so the content hash is a stable ETag and compression is done
// at start rather than per request.
type file struct {
	name        string
	contentType string
	body        []byte
	gzipped     []byte // nil when compression does not pay
	etag        string
}

// contentTypes fixes the types the bundle uses, independent of the host's
// MIME database (which varies between machines).
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".mjs":  "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".json": "application/json",
	// The web app manifest's own type (W3C Web App Manifest §1.3).
	".webmanifest": "application/manifest+json",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".ico":         "image/x-icon",
	".webp":        "image/webp",
	".woff2":       "font/woff2",
	".txt":         "text/plain; charset=utf-8",
	".map":         "application/json",
}

func contentType(name string) string {
	ext := path.Ext(name)
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

func compressible(contentType string) bool {
	return strings.HasPrefix(contentType, "text/") || strings.HasPrefix(contentType, "application/json") ||
		strings.HasPrefix(contentType, "application/manifest+json") ||
		strings.HasPrefix(contentType, "image/svg")
}

func newFile(name string, body []byte) *file {
	f := &file{name: name, contentType: contentType(name), body: body}
	sum := sha256.Sum256(body)
	f.etag = `"` + hex.EncodeToString(sum[:16]) + `"`
	if compressible(f.contentType) && len(body) > 1024 {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(body)
		zw.Close()
		if buf.Len() < len(body)*9/10 {
			f.gzipped = buf.Bytes()
		}
	}
	return f
}

// Bundle is the embedded portal, indexed by URL path ("/assets/index-….js").
type Bundle struct {
	files map[string]*file
	index *file
}

// Load indexes a built bundle: a directory holding index.html and its
// assets. Handler uses the embedded one; tests may pass their own.
func Load(fsys fs.FS) (*Bundle, error) {
	b := &Bundle{files: map[string]*file{}}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		b.files["/"+p] = newFile(p, body)
		return nil
	})
	if err != nil {
		return nil, err
	}
	b.index = b.files["/index.html"]
	if b.index == nil {
		return nil, fs.ErrNotExist
	}
	return b, nil
}

// Embedded is the bundle compiled into the binary.
func Embedded() *Bundle {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err)
	}
	b, err := Load(sub)
	if err != nil {
		panic("portal: the embedded bundle has no index.html; run `npm run build` in portal/: " + err.Error())
	}
	return b
}

// Handler serves the embedded portal; see Bundle.ServeHTTP.
func Handler() http.Handler { return Embedded() }

// immutable is for content-hashed assets: a new build has new names.
const immutable = "public, max-age=31536000, immutable"

// Files of the installable portal that keep their names from build to
// build, so a browser must ask for them each time: the service worker
// (whose scope is the whole portal, though it is served from the root
// anyway, Service-Worker-Allowed says so) and the web app manifest.
const (
	serviceWorker = "/sw.js"
	manifest      = "/manifest.webmanifest"
)

// ServeHTTP serves the bundle's files, and index.html for every other path,
// so a deep link (/dealers/42) opens the app, whose router shows the page.
// index.html is revalidated on every load, so a new release is picked up at
// once; hashed files under /assets/ are cached for a year. A missing file
// under /assets/ is a 404, not the page: a script tag must never get HTML.
func (b *Bundle) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := path.Clean("/" + r.URL.Path)
	f, ok := b.files[p]
	switch {
	case ok && strings.HasPrefix(p, "/assets/"):
		w.Header().Set("Cache-Control", immutable)
	case ok && p == serviceWorker:
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("Service-Worker-Allowed", "/")
	case ok && p == manifest:
		w.Header().Set("Cache-Control", "no-cache")
	case ok && p != "/index.html":
		w.Header().Set("Cache-Control", "public, max-age=3600")
	case strings.HasPrefix(p, "/assets/"):
		http.Error(w, "not found", http.StatusNotFound)
		return
	default:
		f = b.index
		w.Header().Set("Cache-Control", "no-cache")
	}
	serve(w, r, f)
}

func serve(w http.ResponseWriter, r *http.Request, f *file) {
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("ETag", f.etag)
	h.Set("X-Content-Type-Options", "nosniff")
	body := f.body
	if f.gzipped != nil {
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r) && r.Header.Get("Range") == "" {
			// The ETag names the content, not its encoding.
			h.Set("ETag", strings.TrimSuffix(f.etag, `"`)+`-gz"`)
			h.Set("Content-Encoding", "gzip")
			body = f.gzipped
		}
	}
	http.ServeContent(w, r, f.name, time.Time{}, bytes.NewReader(body))
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(enc), "gzip") && strings.ReplaceAll(q, " ", "") != "q=0" {
			return true
		}
	}
	return false
}
