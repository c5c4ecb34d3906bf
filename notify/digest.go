package notify

import (
	"context"
	"log/slog"
	"strconv"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/notification"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/mail"
	"github.com/dealerline/dealerline/outbound"
)

// MaxDigestItems is the most notifications one digest lists; the rest wait
// in the inbox.
const MaxDigestItems = 50

// Digest e-mails each user, at the hour of the day it chose in the business
// time zone (User.digestHour), the notifications of the day before whose
// kinds it wants in the digest. A digest is queued once per user and day
// (its key), whichever instance queues it first.
type Digest struct {
	client *ent.Client
	email  *mail.Composer
	locale string
	loc    *time.Location
	log    *slog.Logger
	now    func() time.Time
}

// NewDigest returns the digest over client, composing with email in the
// installation's locale by default, in time zone loc.
func NewDigest(client *ent.Client, email *mail.Composer, locale string, loc *time.Location, log *slog.Logger) *Digest {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if loc == nil {
		loc = time.UTC
	}
	return &Digest{client: client, email: email, locale: locale, loc: loc, log: log, now: time.Now}
}

// Run queues the digests of each hour just after it begins, until ctx ends.
func (d *Digest) Run(ctx context.Context) {
	for {
		next := d.now().In(d.loc).Truncate(time.Hour).Add(time.Hour)
		if !sleep(ctx, time.Until(next)+time.Second) {
			return
		}
		if _, err := d.Pass(ctx, next); err != nil && ctx.Err() == nil {
			d.log.ErrorContext(ctx, "notify: queue the digests", "hour", next, "err", err)
		}
	}
}

// Pass queues the digests due at hour (the start of an hour): one for each
// user whose digest hour it is, listing its notifications of the 24 hours
// before whose kinds it wants in the digest. It says how many it queued.
func (d *Digest) Pass(ctx context.Context, hour time.Time) (int, error) {
	ctx = access.Bypass(ctx)
	hour = hour.In(d.loc)
	users, err := d.client.User.Query().
		Where(user.Active(true), user.DigestHour(hour.Hour()), user.EmailNEQ("")).
		All(ctx)
	if err != nil {
		return 0, err
	}
	nf := &Notifier{Email: d.email, Locale: d.locale}
	queued := 0
	for _, u := range users {
		chosen, err := settingsOf(ctx, d.client, u.ID)
		if err != nil {
			return queued, err
		}
		rows, err := d.client.Notification.Query().
			Where(notification.UserID(u.ID),
				notification.CreatedAtGTE(hour.Add(-24*time.Hour)),
				notification.CreatedAtLT(hour)).
			Order(ent.Asc(notification.FieldCreatedAt), ent.Asc(notification.FieldID)).
			All(ctx)
		if err != nil {
			return queued, err
		}
		locale := nf.localeOf(u)
		var items []mail.Item
		for _, n := range rows {
			if channelsOf(chosen, n.Kind).Email != EmailDigest || len(items) == MaxDigestItems {
				continue
			}
			title, body := Render(n.Kind, n.Params, locale)
			items = append(items, mail.Item{Title: title, Body: body, Link: Link(n)})
		}
		if len(items) == 0 {
			continue
		}
		m, err := d.email.Compose(locale, u.Email, items)
		if err != nil {
			return queued, err
		}
		key := "email:digest:" + hour.Format(time.DateOnly) + ":user:" + strconv.Itoa(u.ID)
		if err := outbound.Queue(ctx, d.client, key, outbound.Message{Channel: outbound.Email, User: u.ID,
			To: m.To, Subject: m.Subject, Text: m.Text, HTML: m.HTML}); err != nil {
			return queued, err
		}
		queued++
	}
	return queued, nil
}
