package server

import (
	"net/http"

	"github.com/dealerline/dealerline/portal"
)

// portalPolicy lets the portal load only its own scripts and talk only to its
// own origin (HTTP and the websocket on /graphql), and keeps other sites from
// framing it. Inline styles stay allowed: chart and layout code sets them.
// Images may also come from blob: URLs, which only the portal's own script
// can make: attachments are fetched with the bearer token and shown from
// their bytes.
const portalPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; " +
	"form-action 'self'; frame-ancestors 'none'"

// portal serves the dealer portal embedded in the binary at / and at every
// path the other routes leave, so deep links (/dealers/42) open the app.
func (m *Main) portal() http.Handler {
	app := portal.Handler()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", portalPolicy)
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		app.ServeHTTP(w, r)
	})
}
