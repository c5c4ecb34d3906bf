package outbound

import (
	"context"

	"github.com/dealerline/dealerline/mail"
)

// SMTP sends the e-mail of the queue through an SMTP server.
func SMTP(s *mail.SMTP) Sender { return smtpSender{s} }

type smtpSender struct{ s *mail.SMTP }

func (e smtpSender) Send(ctx context.Context, m Message) error {
	return e.s.Send(ctx, mail.Message{To: m.To, Subject: m.Subject, Text: m.Text, HTML: m.HTML})
}
