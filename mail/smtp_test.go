package mail_test

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

// received is one message as the SMTP server took it.
type received struct {
	From, To string
	TLS      bool
	User     string
	Data     []byte
}

// smtpServer is a real SMTP server in the test process (go-smtp), which
// keeps what it receives and can be told to refuse it.
type smtpServer struct {
	addr string
	pool *x509.CertPool // trusts its certificate

	mu     sync.Mutex
	got    []received
	refuse int // how many messages to refuse still
}

type smtpOptions struct {
	tls  bool   // offer STARTTLS
	user string // require AUTH PLAIN with user:secret
}

func startSMTP(t *testing.T, o smtpOptions) *smtpServer {
	t.Helper()
	s := &smtpServer{}
	srv := smtp.NewServer(backend{s, o})
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = !o.tls
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	if o.tls {
		cert, pool := selfSigned(t)
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
		s.pool = pool
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.addr = l.Addr().String()
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return s
}

func (s *smtpServer) messages() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.got...)
}

func (s *smtpServer) refuseNext(n int) {
	s.mu.Lock()
	s.refuse = n
	s.mu.Unlock()
}

type backend struct {
	s *smtpServer
	o smtpOptions
}

func (b backend) NewSession(c *smtp.Conn) (smtp.Session, error) {
	return &session{s: b.s, o: b.o, conn: c}, nil
}

type session struct {
	s    *smtpServer
	o    smtpOptions
	conn *smtp.Conn
	cur  received
}

func (se *session) AuthMechanisms() []string {
	if se.o.user == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (se *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != se.o.user || pass != "secret" {
			return errors.New("bad credentials")
		}
		se.cur.User = user
		return nil
	}), nil
}

func (se *session) Mail(from string, _ *smtp.MailOptions) error {
	if se.o.user != "" && se.cur.User == "" {
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
	se.cur = received{User: user}
}

func (se *session) Logout() error { return nil }

// selfSigned makes a certificate for 127.0.0.1 and a pool that trusts it.
func selfSigned(t *testing.T) (tls.Certificate, *x509.CertPool) {
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

// parsed is a received message read back: its decoded subject and its
// text and HTML parts.
type parsed struct {
	Header     mail.Header
	Subject    string
	Text, HTML string
}

func parse(t *testing.T, data []byte) parsed {
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
	p := parsed{Header: m.Header, Subject: subject}
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
