package mail_test

import (
	"context"
	"crypto/tls"
	"strings"
	"testing"

	"github.com/dealerline/dealerline/mail"
	"github.com/dealerline/dealerline/mail/mailtest"
)

var composer = mail.Composer{PublicURL: "https://dealers.example.com/"}

func TestCompose_InTheReadersLanguageWithLinksIntoThePortal(t *testing.T) {
	one, err := composer.Compose(mail.Chinese, "li@example.com", []mail.Item{
		{Title: "订单 SO-000123 已确认", Body: "预计 3 天内发货。", Link: "/orders/123"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if one.Subject != "订单 SO-000123 已确认" {
		t.Errorf("subject %q: want the notification's title", one.Subject)
	}
	for _, want := range []string{"预计 3 天内发货。", "在 Dealerline 中打开: https://dealers.example.com/orders/123", "修改设置: https://dealers.example.com/settings"} {
		if !strings.Contains(one.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, one.Text)
		}
	}
	if !strings.Contains(one.HTML, `<html lang="zh-CN">`) || !strings.Contains(one.HTML, `href="https://dealers.example.com/orders/123"`) {
		t.Errorf("HTML lacks its language or link:\n%s", one.HTML)
	}

	digest, err := composer.Compose("fr", "ann@example.com", []mail.Item{
		{Title: "Order SO-1 confirmed", Link: "/orders/1"},
		{Title: "<script>alert(1)</script>\r\nBcc: x@example.com", Body: "a & b", Link: "/tickets/2"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if digest.Subject != "Dealerline: 2 updates" {
		t.Errorf("digest subject %q (an unknown locale is mailed in English)", digest.Subject)
	}
	if strings.Contains(digest.HTML, "<script>") || !strings.Contains(digest.HTML, "&lt;script&gt;") || !strings.Contains(digest.HTML, "a &amp; b") {
		t.Errorf("HTML does not escape what users wrote:\n%s", digest.HTML)
	}
	title, _ := composer.Compose(mail.English, "ann@example.com", []mail.Item{{Title: "Hello\r\nBcc: x@example.com", Link: "/"}})
	if strings.ContainsAny(title.Subject, "\r\n") {
		t.Errorf("subject %q carries a line break into the headers", title.Subject)
	}
}

func TestParseSMTP_RefusesWhatIsNotAnSMTPServer(t *testing.T) {
	for _, c := range []struct{ url, from string }{
		{"http://mail.example.com", "a@example.com"},
		{"smtp://", "a@example.com"},
		{"smtp://mail.example.com:99999", "a@example.com"},
		{"smtp://mail.example.com/path", "a@example.com"},
		{"smtp://mail.example.com", "not an address"},
	} {
		if _, err := mail.ParseSMTP(c.url, c.from); err == nil {
			t.Errorf("ParseSMTP(%q, %q): no error", c.url, c.from)
		}
	}
	s, err := mail.ParseSMTP("smtp://u:p@mail.example.com", "Dealerline <noreply@example.com>")
	if err != nil || s.From() != `"Dealerline" <noreply@example.com>` {
		t.Fatalf("ParseSMTP: %v, from %q", err, s.From())
	}
}

// The message arrives over STARTTLS, signed in, as text and HTML.
func TestSMTP_SendsOverSTARTTLSWithCredentials(t *testing.T) {
	srv := mailtest.Start(t, mailtest.Options{TLS: true, User: "dealerline"})
	s, err := mail.ParseSMTP("smtp://dealerline:secret@"+srv.Addr, "Dealerline <noreply@example.com>")
	if err != nil {
		t.Fatal(err)
	}
	s.TLS = &tls.Config{RootCAs: srv.Pool}
	m, err := composer.Compose(mail.Chinese, "li@example.com", []mail.Item{{Title: "订单已发货", Body: "运单号 SF123", Link: "/orders/9"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	got := srv.Messages()
	if len(got) != 1 {
		t.Fatalf("%d messages arrived, want 1", len(got))
	}
	if !got[0].TLS || got[0].User != "dealerline" || got[0].From != "noreply@example.com" || got[0].To != "li@example.com" {
		t.Fatalf("arrived %+v: want over TLS, signed in, from and to as sent", got[0])
	}
	p := mailtest.Parse(t, got[0].Data)
	if p.Subject != "订单已发货" || !strings.Contains(p.Text, "运单号 SF123") || !strings.Contains(p.HTML, "运单号 SF123") {
		t.Fatalf("subject %q, text %q, html %q", p.Subject, p.Text, p.HTML)
	}
	if p.Header.Get("Message-Id") == "" || p.Header.Get("Date") == "" {
		t.Errorf("headers %v lack Message-Id or Date", p.Header)
	}

	// Wrong credentials, or a certificate nobody vouches for: an error.
	bad, _ := mail.ParseSMTP("smtp://dealerline:wrong@"+srv.Addr, "noreply@example.com")
	bad.TLS = &tls.Config{RootCAs: srv.Pool}
	if err := bad.Send(context.Background(), m); err == nil {
		t.Error("wrong password: sent")
	}
	untrusted, _ := mail.ParseSMTP("smtp://dealerline:secret@"+srv.Addr, "noreply@example.com")
	if err := untrusted.Send(context.Background(), m); err == nil {
		t.Error("an untrusted certificate: sent, credentials and all")
	}
	if n := len(srv.Messages()); n != 1 {
		t.Errorf("%d messages arrived, want still 1", n)
	}
}
