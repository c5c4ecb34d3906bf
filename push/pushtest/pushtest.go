// Package pushtest is a push service for tests: an HTTPS server that takes
// Web Push requests as Mozilla's or Google's would, for browsers made in
// the test, and reads them the way those browsers would. It decrypts each
// message (RFC 8291) and checks its VAPID signature (RFC 8292) from the
// RFCs themselves, not through the library that sends them.
package pushtest

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// Browser is a browser's side of one subscription: the key pair and
// authentication secret it made when it subscribed.
type Browser struct {
	Key  *ecdh.PrivateKey
	Auth []byte
}

// NewBrowser makes a browser's keys.
func NewBrowser(tb testing.TB) *Browser {
	tb.Helper()
	key, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		tb.Fatal(err)
	}
	secret := make([]byte, 16)
	rand.Read(secret)
	return &Browser{Key: key, Auth: secret}
}

// P256dh is getKey("p256dh") in base64url, as the portal sends it.
func (b *Browser) P256dh() string {
	return base64.RawURLEncoding.EncodeToString(b.Key.PublicKey().Bytes())
}

// AuthSecret is getKey("auth") in base64url.
func (b *Browser) AuthSecret() string { return base64.RawURLEncoding.EncodeToString(b.Auth) }

// Decrypt reads an aes128gcm body (RFC 8188) encrypted for b (RFC 8291 §3):
// the header is salt (16) | rs (4) | idlen (1) | keyid (the sender's
// ephemeral public key); the key comes from ECDH with that key and HKDF
// with the authentication secret.
func (b *Browser) Decrypt(body []byte) ([]byte, error) {
	if len(body) < 21 {
		return nil, errors.New("shorter than the aes128gcm header")
	}
	salt, rs, idlen := body[:16], binary.BigEndian.Uint32(body[16:20]), int(body[20])
	if len(body) < 21+idlen || rs < 18 {
		return nil, errors.New("bad aes128gcm header")
	}
	asPublic, records := body[21:21+idlen], body[21+idlen:]
	if len(records) > int(rs) {
		return nil, fmt.Errorf("%d octets of records: more than one record of %d", len(records), rs)
	}
	peer, err := ecdh.P256().NewPublicKey(asPublic)
	if err != nil {
		return nil, fmt.Errorf("keyid is not the sender's P-256 key: %w", err)
	}
	ecdhSecret, err := b.Key.ECDH(peer)
	if err != nil {
		return nil, err
	}
	// RFC 8291 §3.3–3.4.
	prkKey, _ := hkdf.Extract(sha256.New, ecdhSecret, b.Auth)
	keyInfo := "WebPush: info\x00" + string(b.Key.PublicKey().Bytes()) + string(asPublic)
	ikm, _ := hkdf.Expand(sha256.New, prkKey, keyInfo, 32)
	prk, _ := hkdf.Extract(sha256.New, ikm, salt)
	cek, _ := hkdf.Expand(sha256.New, prk, "Content-Encoding: aes128gcm\x00", 16)
	nonce, _ := hkdf.Expand(sha256.New, prk, "Content-Encoding: nonce\x00", 12)
	block, err := aes.NewCipher(cek)
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	plain, err := gcm.Open(nil, nonce, records, nil)
	if err != nil {
		return nil, fmt.Errorf("the record does not decrypt: %w", err)
	}
	// The last record: content, the delimiter 2, then zero padding.
	end := bytes.LastIndexFunc(plain, func(r rune) bool { return r != 0 })
	if end < 0 || plain[end] != 2 {
		return nil, errors.New("no last-record delimiter after the content")
	}
	return plain[:end], nil
}

// Request is one request the push service took.
type Request struct {
	Path    string
	Header  http.Header
	Body    []byte
	Browser *Browser // the browser the path was made for
}

// Service is a push service at an https URL. Its answers are 201 Created
// unless Answer says otherwise for a path.
type Service struct {
	*httptest.Server

	mu       sync.Mutex
	browsers map[string]*Browser
	answers  map[string]int
	requests []Request
}

// NewService starts a push service, closed when the test ends.
func NewService(tb testing.TB) *Service {
	s := &Service{browsers: map[string]*Browser{}, answers: map[string]int{}}
	s.Server = httptest.NewTLSServer(http.HandlerFunc(s.serve))
	tb.Cleanup(s.Close)
	return s
}

// Subscribe makes a browser and the endpoint its messages go to.
func (s *Service) Subscribe(tb testing.TB, name string) (*Browser, string) {
	b := NewBrowser(tb)
	s.mu.Lock()
	defer s.mu.Unlock()
	path := "/push/" + name
	s.browsers[path] = b
	return b, s.URL + path
}

// Answer makes the service answer status to requests for endpoint.
func (s *Service) Answer(endpoint string, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.answers[strings.TrimPrefix(endpoint, s.URL)] = status
}

// Requests are the requests taken so far.
func (s *Service) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

func (s *Service) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	s.requests = append(s.requests, Request{Path: r.URL.Path, Header: r.Header.Clone(), Body: body, Browser: s.browsers[r.URL.Path]})
	status, ok := s.answers[r.URL.Path]
	s.mu.Unlock()
	if !ok {
		status = http.StatusCreated
	}
	w.WriteHeader(status)
}

// Claims are a VAPID JWT's claims.
type Claims struct {
	Aud string `json:"aud"`
	Exp int64  `json:"exp"`
	Sub string `json:"sub"`
}

// VerifyVAPID checks an Authorization header of the form
// "vapid t=JWT, k=KEY" (RFC 8292 §3): k must be publicKey (base64url), and
// the JWT signed with ES256 by its private key. It returns the claims.
func VerifyVAPID(authorization, publicKey string) (Claims, error) {
	var c Claims
	rest, ok := strings.CutPrefix(authorization, "vapid ")
	if !ok {
		return c, fmt.Errorf("not a vapid authorization: %q", authorization)
	}
	params := map[string]string{}
	for _, p := range strings.Split(rest, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
		params[k] = v
	}
	if params["k"] != publicKey {
		return c, fmt.Errorf("k=%q, not the installation's key %q", params["k"], publicKey)
	}
	rawKey, err := base64.RawURLEncoding.DecodeString(publicKey)
	if err != nil {
		return c, err
	}
	key, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), rawKey)
	if err != nil {
		return c, err
	}
	parts := strings.Split(params["t"], ".")
	if len(parts) != 3 {
		return c, errors.New("t is not a JWT")
	}
	var header struct{ Alg string }
	if err := decodeJSON(parts[0], &header); err != nil || header.Alg != "ES256" {
		return c, fmt.Errorf("JWT header %+v, %v: want alg ES256", header, err)
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil || len(sig) != 64 {
		return c, fmt.Errorf("the signature is not 64 octets of r and s")
	}
	digest := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if !ecdsa.Verify(key, digest[:], new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])) {
		return c, errors.New("the JWT's signature does not verify with the key")
	}
	if err := decodeJSON(parts[1], &c); err != nil {
		return c, err
	}
	return c, nil
}

// Expires is when the claims expire.
func (c Claims) Expires() time.Time { return time.Unix(c.Exp, 0) }

func decodeJSON(part string, v any) error {
	b, err := base64.RawURLEncoding.DecodeString(part)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}
