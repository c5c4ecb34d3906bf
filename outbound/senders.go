package outbound

import (
	"context"

	"github.com/dealerline/dealerline/mail"
	"github.com/dealerline/dealerline/push"
)

// SMTP sends the e-mail of the queue through an SMTP server.
func SMTP(s *mail.SMTP) Sender { return smtpSender{s} }

type smtpSender struct{ s *mail.SMTP }

func (e smtpSender) Send(ctx context.Context, m Message) error {
	return e.s.Send(ctx, mail.Message{To: m.To, Subject: m.Subject, Text: m.Text, HTML: m.HTML})
}

// WebPush sends the pushes of the queue to every browser their user
// allowed, through push services.
func WebPush(s *push.Sender) Sender { return pushSender{s} }

type pushSender struct{ s *push.Sender }

func (p pushSender) Send(ctx context.Context, m Message) error {
	return p.s.Send(ctx, m.User, push.Message{Title: m.Subject, Body: m.Text, Link: m.Link})
}
