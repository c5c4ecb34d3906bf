// Package mailtest runs a real SMTP server (go-smtp) in a test's process,
// which keeps what it receives and can be told to refuse it, and reads a
// received message back.
package mailtest

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"math/big"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Received is one message as the server took it: over TLS or not, signed
// in as User or not.
type Received struct {
	From, To string
	TLS      bool
	User     string
	Data     []byte
}

// Server is a real SMTP server in the test's process.
type Server struct {
	Addr string
	// Pool trusts its certificate (with Options.TLS).
	Pool *x509.CertPool

	mu     sync.Mutex
	got    []Received
	refuse int // how many messages to refuse still
}

// Options say what the server asks of its clients.
type Options struct {
	TLS  bool   // offer STARTTLS
	User string // require AUTH PLAIN with User:secret
}

// Start starts a server on a free port of 127.0.0.1, stopped when the test
// ends.
func Start(t testing.TB, o Options) *Server {
	t.Helper()
	s := &Server{}
	srv := smtp.NewServer(backend{s, o})
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = !o.TLS
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	if o.TLS {
		cert, pool := selfSigned(t)
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
		s.Pool = pool
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.Addr = l.Addr().String()
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return s
}

// Messages is what the server has received so far.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.got...)
}

// RefuseNext makes the server refuse the next n messages with 451.
func (s *Server) RefuseNext(n int) {
	s.mu.Lock()
	s.refuse = n
	s.mu.Unlock()
}

type backend struct {
	s *Server
	o Options
}

func (b backend) NewSession(c *smtp.Conn) (smtp.Session, error) {
	return &session{s: b.s, o: b.o, conn: c}, nil
}

type session struct {
	s    *Server
	o    Options
	conn *smtp.Conn
	cur  Received
}

func (se *session) AuthMechanisms() []string {
	if se.o.User == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (se *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != se.o.User || pass != "secret" {
			return errors.New("bad credentials")
		}
		se.cur.User = user
		return nil
	}), nil
}

func (se *session) Mail(from string, _ *smtp.MailOptions) error {
	if se.o.User != "" && se.cur.User == "" {
		return smtp.ErrAuthRequired
	}
	_, se.cur.TLS = se.conn.TLSConnectionState()
	se.cur.From = from
	return nil
}

func (se *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	se.cur.To = to
	return nil
}

func (se *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	se.s.mu.Lock()
	defer se.s.mu.Unlock()
	if se.s.refuse > 0 {
		se.s.refuse--
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
	}
	got := se.cur
	got.Data = data
	se.s.got = append(se.s.got, got)
	return nil
}

func (se *session) Reset() {
	user := se.cur.User
	se.cur = Received{User: user}
}

func (se *session) Logout() error { return nil }

// selfSigned makes a certificate for 127.0.0.1 and a pool that trusts it.
func selfSigned(t testing.TB) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, pool
}

// Parsed is a received message read back: its decoded subject and its
// text and HTML parts.
type Parsed struct {
	Header     mail.Header
	Subject    string
	Text, HTML string
}

// Parse reads a received message: its headers, decoded subject, and text
// and HTML parts (which must be multipart/alternative).
func Parse(t testing.TB, data []byte) Parsed {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	dec := new(mime.WordDecoder)
	subject, err := dec.DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	p := Parsed{Header: m.Header, Subject: subject}
	mediaType, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil || !strings.HasPrefix(mediaType, "multipart/alternative") {
		t.Fatalf("Content-Type %q (%v): want multipart/alternative", m.Header.Get("Content-Type"), err)
	}
	mr := multipart.NewReader(m.Body, params["boundary"])
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(part) // quoted-printable and base64 are decoded by NextPart
		if err != nil {
			t.Fatal(err)
		}
		switch ct, _, _ := mime.ParseMediaType(part.Header.Get("Content-Type")); ct {
		case "text/plain":
			p.Text = string(body)
		case "text/html":
			p.HTML = string(body)
		}
	}
	return p
}
