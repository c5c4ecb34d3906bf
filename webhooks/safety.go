package webhooks

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"syscall"
	"time"

	"github.com/dealerline/dealerline/apperr"
)

// Limits of one delivery.
const (
	// Timeout is how long one attempt may take, the response included.
	Timeout = 10 * time.Second
	// MaxResponse is how much of a response body is read.
	MaxResponse = 64 << 10
	// excerptLen is how much of it the log keeps.
	excerptLen = 1 << 10
)

// errInside refuses an address inside the network the server runs in.
var errInside = errors.New("a loopback, private, link-local, unspecified or multicast address")

// inside reports whether ip is one a webhook may not reach without
// --webhook-allow-private: loopback, private (RFC 1918, RFC 4193),
// link-local, unspecified, multicast, or the shared address space of
// carrier-grade NAT.
func inside(ip netip.Addr) bool {
	ip = ip.Unmap()
	return ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() ||
		cgnat.Contains(ip)
}

var cgnat = netip.MustParsePrefix("100.64.0.0/10")

// checkURL refuses a URL that is not http or https with a host, or whose
// host is, or resolves to, an address inside (unless allowPrivate). A host
// that does not resolve now is accepted: the address is checked again at
// every connection.
func checkURL(ctx context.Context, raw string, allowPrivate bool, resolver *net.Resolver) (string, error) {
	if len(raw) > 2000 {
		return "", apperr.Invalid("url", "a webhook URL has at most 2000 characters")
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Hostname() == "" || u.Opaque != "" {
		return "", apperr.Invalid("url", "a webhook URL is http:// or https:// with a host, e.g. https://erp.example.com/hooks/dealerline")
	}
	if u.User != nil {
		return "", apperr.Invalid("url", "a webhook URL carries no user name or password: the signature authenticates the sender")
	}
	if u.Fragment != "" {
		return "", apperr.Invalid("url", "a webhook URL has no fragment (#…)")
	}
	if allowPrivate {
		return u.String(), nil
	}
	host := u.Hostname()
	if ip, err := netip.ParseAddr(host); err == nil {
		if inside(ip) {
			return "", apperr.Invalid("url", "%s is %v: webhooks reach only public addresses", host, errInside)
		}
		return u.String(), nil
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	addrs, err := resolver.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return u.String(), nil // checked again when connecting
	}
	for _, a := range addrs {
		if inside(a) {
			return "", apperr.Invalid("url", "%s resolves to %s, %v: webhooks reach only public addresses", host, a.Unmap(), errInside)
		}
	}
	return u.String(), nil
}

// newClient is the HTTP client deliveries are sent with: no proxy, no
// redirect followed (a 3xx is a failure), a timeout per attempt, and —
// unless allowPrivate — every connection refused whose resolved address is
// inside, so a name that resolved to a public address when the endpoint
// was registered cannot be turned to an internal one later.
func newClient(allowPrivate bool) *http.Client {
	dialer := &net.Dialer{Timeout: Timeout}
	if !allowPrivate {
		dialer.Control = func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("webhooks: dial %s: %w", address, err)
			}
			if inside(ap.Addr()) {
				return fmt.Errorf("webhooks: %s is %w", ap.Addr().Unmap(), errInside)
			}
			return nil
		}
	}
	return &http.Client{
		Timeout: Timeout,
		Transport: &http.Transport{
			Proxy:                 nil,
			DialContext:           dialer.DialContext,
			TLSHandshakeTimeout:   Timeout,
			ResponseHeaderTimeout: Timeout,
			MaxIdleConnsPerHost:   2,
			IdleConnTimeout:       90 * time.Second,
			ForceAttemptHTTP2:     true,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// readResponse reads at most MaxResponse bytes of body and returns the
// first excerptLen of them.
func readResponse(body io.Reader) (string, error) {
	b, err := io.ReadAll(io.LimitReader(body, MaxResponse))
	if len(b) > excerptLen {
		b = b[:excerptLen]
	}
	return string(toValidUTF8(b)), err
}

func toValidUTF8(b []byte) []byte {
	out := []rune(string(b)) // invalid bytes become U+FFFD
	return []byte(string(out))
}
