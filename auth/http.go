package auth

import (
	"context"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// ClientAddr is the address a request came from. Behind a trusted proxy it
// is the right-most address in X-Forwarded-For that is not itself a trusted
// proxy: the left part of that header is whatever the client wrote.
func ClientAddr(r *http.Request, trusted []netip.Prefix) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	addr, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	if !TrustedProxy(addr, trusted) {
		return addr.Unmap().String()
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break
		}
		addr = hop
		if !TrustedProxy(hop, trusted) {
			break
		}
	}
	return addr.Unmap().String()
}

// TrustedProxy reports whether a is among the trusted proxies.
func TrustedProxy(a netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(a.Unmap()) {
			return true
		}
	}
	return false
}

// BearerToken returns the token of an "Authorization: Bearer <token>"
// header value, or "".
func BearerToken(header string) string {
	scheme, tok, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return ""
	}
	return strings.TrimSpace(tok)
}

type addrKey struct{}
type credentialErrKey struct{}

// WithClientAddr returns ctx carrying the client's address.
func WithClientAddr(ctx context.Context, addr string) context.Context {
	return context.WithValue(ctx, addrKey{}, addr)
}

// ClientAddrFrom returns the client's address carried by ctx.
func ClientAddrFrom(ctx context.Context) string {
	s, _ := ctx.Value(addrKey{}).(string)
	return s
}

// WithCredentialError records that the request presented a token that was
// refused, so the refusal can say why rather than just "sign in".
func WithCredentialError(ctx context.Context, err error) context.Context {
	return context.WithValue(ctx, credentialErrKey{}, err)
}

// CredentialError returns the error recorded by WithCredentialError.
func CredentialError(ctx context.Context) error {
	err, _ := ctx.Value(credentialErrKey{}).(error)
	return err
}
