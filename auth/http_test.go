package auth

import (
	"context"
	"errors"
	"net/http/httptest"
	"net/netip"
	"testing"
)

func TestClientAddr_TrustedProxies(t *testing.T) {
	private := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	v6 := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("fd00::/8")}
	tests := []struct {
		name    string
		remote  string
		xff     []string // X-Forwarded-For header values, one per header line
		trusted []netip.Prefix
		want    string
	}{
		{
			name:   "no proxies, no header",
			remote: "203.0.113.7:51234",
			want:   "203.0.113.7",
		},
		{
			name:   "no trusted proxies ignores X-Forwarded-For",
			remote: "203.0.113.7:51234",
			xff:    []string{"198.51.100.9"},
			want:   "203.0.113.7",
		},
		{
			name:    "untrusted peer ignores X-Forwarded-For",
			remote:  "203.0.113.7:51234",
			xff:     []string{"198.51.100.9"},
			trusted: private,
			want:    "203.0.113.7",
		},
		{
			name:    "trusted proxy without header is the address",
			remote:  "10.0.0.1:51234",
			trusted: private,
			want:    "10.0.0.1",
		},
		{
			name:    "trusted proxy takes the forwarded address",
			remote:  "10.0.0.1:51234",
			xff:     []string{"198.51.100.9"},
			trusted: private,
			want:    "198.51.100.9",
		},
		{
			name:    "chain of trusted proxies is skipped",
			remote:  "10.0.0.1:51234",
			xff:     []string{"198.51.100.9, 10.0.0.3, 10.0.0.2"},
			trusted: private,
			want:    "198.51.100.9",
		},
		{
			name:    "spoofed left-most entry is ignored",
			remote:  "10.0.0.1:51234",
			xff:     []string{"1.2.3.4, 198.51.100.9"},
			trusted: private,
			want:    "198.51.100.9",
		},
		{
			name:    "spoofed private left-most entry is ignored",
			remote:  "10.0.0.1:51234",
			xff:     []string{"10.9.9.9, 8.8.8.8, 198.51.100.9, 10.0.0.2"},
			trusted: private,
			want:    "198.51.100.9",
		},
		{
			name:    "several header lines and spaces",
			remote:  "10.0.0.1:51234",
			xff:     []string{" 6.6.6.6 ,198.51.100.9 ", "  10.0.0.2  "},
			trusted: private,
			want:    "198.51.100.9",
		},
		{
			name:    "spoof in its own header line",
			remote:  "10.0.0.1:51234",
			xff:     []string{"6.6.6.6", "198.51.100.9"},
			trusted: private,
			want:    "198.51.100.9",
		},
		{
			name:    "every hop trusted gives the left-most",
			remote:  "10.0.0.1:51234",
			xff:     []string{"10.0.0.5, 10.0.0.6"},
			trusted: private,
			want:    "10.0.0.5",
		},
		{
			name:    "unparsable right-most hop stops at the proxy",
			remote:  "10.0.0.1:51234",
			xff:     []string{"198.51.100.9, not-an-address"},
			trusted: private,
			want:    "10.0.0.1",
		},
		{
			name:    "unparsable hop stops the walk at the last trusted hop",
			remote:  "10.0.0.1:51234",
			xff:     []string{"198.51.100.9, garbage, 10.0.0.2"},
			trusted: private,
			want:    "10.0.0.2",
		},
		{
			name:    "unparsable spoof left of the client is never reached",
			remote:  "10.0.0.1:51234",
			xff:     []string{"<script>, 198.51.100.9"},
			trusted: private,
			want:    "198.51.100.9",
		},
		{
			name:    "hop with a port is unparsable",
			remote:  "10.0.0.1:51234",
			xff:     []string{"198.51.100.9:4711"},
			trusted: private,
			want:    "10.0.0.1",
		},
		{
			name:    "empty header stops at the proxy",
			remote:  "10.0.0.1:51234",
			xff:     []string{""},
			trusted: private,
			want:    "10.0.0.1",
		},
		{
			name:   "IPv6 peer",
			remote: "[2001:db8::1]:443",
			want:   "2001:db8::1",
		},
		{
			name:    "IPv6 trusted proxy and IPv6 client",
			remote:  "[fd00::1]:443",
			xff:     []string{"2001:db8::5, fd00::2"},
			trusted: v6,
			want:    "2001:db8::5",
		},
		{
			name:    "IPv6 trusted proxy and IPv4 client",
			remote:  "[fd00::1]:443",
			xff:     []string{"198.51.100.9"},
			trusted: v6,
			want:    "198.51.100.9",
		},
		{
			name:    "IPv4-mapped peer matches an IPv4 prefix",
			remote:  "[::ffff:10.0.0.1]:443",
			xff:     []string{"198.51.100.9"},
			trusted: private,
			want:    "198.51.100.9",
		},
		{
			name:    "IPv4-mapped hop is trusted and skipped",
			remote:  "10.0.0.1:443",
			xff:     []string{"198.51.100.9, ::ffff:10.0.0.2"},
			trusted: private,
			want:    "198.51.100.9",
		},
		{
			name:    "IPv4-mapped client is given as IPv4",
			remote:  "10.0.0.1:443",
			xff:     []string{"::ffff:198.51.100.9"},
			trusted: private,
			want:    "198.51.100.9",
		},
		{
			// The throttle keys on this string: one client, one key.
			name:   "IPv4-mapped untrusted peer is given as IPv4",
			remote: "[::ffff:203.0.113.7]:443",
			want:   "203.0.113.7",
		},
		{
			name:   "remote address without a port",
			remote: "203.0.113.7",
			want:   "203.0.113.7",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/graphql", nil)
			r.RemoteAddr = tt.remote
			for _, v := range tt.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			if got := ClientAddr(r, tt.trusted); got != tt.want {
				t.Errorf("ClientAddr(remote %q, X-Forwarded-For %q, trusted %v) = %q, want %q",
					tt.remote, tt.xff, tt.trusted, got, tt.want)
			}
		})
	}
}

func TestBearerToken(t *testing.T) {
	tests := []struct {
		name   string
		header string
		want   string
	}{
		{"bearer", "Bearer x", "x"},
		{"lower-case scheme", "bearer x", "x"},
		{"upper-case scheme", "BEARER x", "x"},
		{"real token", "Bearer dlt_abc-DEF_123", "dlt_abc-DEF_123"},
		{"extra spaces", "Bearer   x  ", "x"},
		{"basic", "Basic x", ""},
		{"empty", "", ""},
		{"scheme only", "Bearer", ""},
		{"scheme and space", "Bearer ", ""},
		{"token only", "dlt_abc", ""},
		{"scheme glued to token", "Bearerx", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := BearerToken(tt.header); got != tt.want {
				t.Errorf("BearerToken(%q) = %q, want %q", tt.header, got, tt.want)
			}
		})
	}
}

func TestContext_CarriesValues(t *testing.T) {
	bare := context.Background()
	refused := errors.New("token expired")
	v := &Viewer{UserID: 7, Name: "Ann"}
	ctx := NewContext(WithCredentialError(WithClientAddr(bare, "198.51.100.9"), refused), v)

	tests := []struct {
		name      string
		got, want any
	}{
		{"client address", ClientAddrFrom(ctx), "198.51.100.9"},
		{"no client address", ClientAddrFrom(bare), ""},
		{"credential error", CredentialError(ctx), refused},
		{"no credential error", CredentialError(bare), nil},
		{"viewer", FromContext(ctx), v},
		{"no viewer", FromContext(bare), (*Viewer)(nil)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %v, want %v", tt.got, tt.want)
			}
		})
	}
}
