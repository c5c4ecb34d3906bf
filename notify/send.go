package notify

import (
	"context"
	"fmt"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/pushsubscription"
	"github.com/dealerline/dealerline/mail"
	"github.com/dealerline/dealerline/outbound"
	"github.com/dealerline/dealerline/realtime"
)

// send queues notice n of event e for u on the channels ch turns on that
// the installation sends: an e-mail now (a DIGEST kind waits for the
// digest), a push. Keyed by event, kind and user, so handling e again
// queues nothing twice.
func (b *batch) send(ctx context.Context, u *ent.User, e *realtime.Event, n notice, ch Channels) error {
	nf := b.out
	email := nf.Email != nil && ch.Email == EmailImmediate && u.Email != ""
	push := nf.Push && ch.Push
	if push {
		// Only to someone who allowed a browser: the rest would be queued
		// to reach nobody.
		var err error
		if push, err = b.db.PushSubscription.Query().Where(pushsubscription.UserID(u.ID)).Exist(ctx); err != nil {
			return err
		}
	}
	if !email && !push {
		return nil
	}
	locale := nf.localeOf(u)
	title, body := Render(n.kind, n.params, locale)
	link := LinkOf(n.kind, n.subject)
	key := fmt.Sprintf("event:%d:%s:user:%d", e.Seq, n.kind, u.ID)
	if email {
		m, err := nf.Email.Compose(locale, u.Email, []mail.Item{{Title: title, Body: body, Link: link}})
		if err != nil {
			return err
		}
		err = outbound.Queue(ctx, b.db, "email:"+key, outbound.Message{Channel: outbound.Email, User: u.ID,
			To: m.To, Subject: m.Subject, Text: m.Text, HTML: m.HTML})
		if err != nil {
			return err
		}
	}
	if push {
		return outbound.Queue(ctx, b.db, "push:"+key, outbound.Message{Channel: outbound.Push, User: u.ID,
			Subject: title, Text: body, Link: link})
	}
	return nil
}

// localeOf is the language u reads: its own choice, else the
// installation's.
func (nf *Notifier) localeOf(u *ent.User) string {
	switch {
	case u.Locale != nil:
		return *u.Locale
	case nf.Locale != "":
		return nf.Locale
	}
	return "en"
}
