package notify

import (
	"context"
	"fmt"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/notification"
	"github.com/dealerline/dealerline/ent/notificationsetting"
	"github.com/dealerline/dealerline/store/tx"
)

// MaxMark is how many notifications one markNotificationsRead names.
const MaxMark = 100

// Service reads and changes the viewer's own inbox and settings.
type Service struct {
	client *ent.Client
	// locale is the installation's language, for users who chose none.
	locale string
	now    func() time.Time
}

// NewService returns the service over client; locale is the installation's
// default language (en when empty).
func NewService(client *ent.Client, locale string) *Service {
	if locale == "" {
		locale = "en"
	}
	return &Service{client: client, locale: locale, now: time.Now}
}

// WithClock makes the service read the time from now (tests).
func (s *Service) WithClock(now func() time.Time) *Service { s.now = now; return s }

// DefaultLocale is the installation's language.
func (s *Service) DefaultLocale() string { return s.locale }

// Query is the viewer's notifications (the privacy rules keep them to its
// own), the unread ones only when unreadOnly.
func (s *Service) Query(ctx context.Context, unreadOnly bool) (*ent.NotificationQuery, error) {
	if _, err := auth.Require(ctx); err != nil {
		return nil, err
	}
	q := s.client.Notification.Query()
	if unreadOnly {
		q.Where(notification.ReadAtIsNil())
	}
	return q, nil
}

// UnreadCount is how many of the viewer's notifications are unread.
func (s *Service) UnreadCount(ctx context.Context) (int, error) {
	if _, err := auth.Require(ctx); err != nil {
		return 0, err
	}
	return tx.Client(ctx, s.client).Notification.Query().Where(notification.ReadAtIsNil()).Count(ctx)
}

// MarkRead marks the viewer's notifications ids read, or all of them: one
// of the two, not both. An id not the viewer's is NOT_FOUND, and nothing
// is marked. It returns the notifications it changed (those unread
// before).
func (s *Service) MarkRead(ctx context.Context, ids []int, all bool) ([]*ent.Notification, error) {
	if _, err := auth.Require(ctx); err != nil {
		return nil, err
	}
	switch {
	case all && len(ids) > 0:
		return nil, apperr.Invalid("ids", "give the notifications to mark, or all: not both")
	case !all && len(ids) == 0:
		return nil, apperr.Invalid("ids", "give the notifications to mark read, or all: true")
	case len(ids) > MaxMark:
		return nil, apperr.Invalid("ids", "mark at most %d notifications at once, or all", MaxMark)
	}
	db := tx.Client(ctx, s.client)
	q := db.Notification.Query().Where(notification.ReadAtIsNil())
	if !all {
		// Through the viewer's rules: another user's id is not there.
		seen, err := db.Notification.Query().Where(notification.IDIn(ids...)).IDs(ctx)
		if err != nil {
			return nil, err
		}
		have := make(map[int]bool, len(seen))
		for _, id := range seen {
			have[id] = true
		}
		for i, id := range ids {
			if !have[id] {
				return nil, apperr.Missing(fmt.Sprintf("ids[%d]", i), "no such notification")
			}
		}
		q.Where(notification.IDIn(ids...))
	}
	changed, err := q.Order(ent.Desc(notification.FieldCreatedAt), ent.Desc(notification.FieldID)).All(ctx)
	if err != nil || len(changed) == 0 {
		return changed, err
	}
	now := s.now()
	changedIDs := make([]int, len(changed))
	for i, n := range changed {
		changedIDs[i] = n.ID
		n.ReadAt = &now
	}
	// The rows were read through the viewer's rules; only the service
	// writes them.
	err = db.Notification.Update().Where(notification.IDIn(changedIDs...)).SetReadAt(now).Exec(access.Bypass(ctx))
	return changed, err
}

// Text is a notification as the viewer reads it, in its language.
func (s *Service) Text(ctx context.Context, n *ent.Notification) (title, body string) {
	return Render(n.Kind, n.Params, s.Locale(ctx))
}

// Locale is the viewer's language: its own choice, else the
// installation's.
func (s *Service) Locale(ctx context.Context) string {
	v := auth.FromContext(ctx)
	if v == nil {
		return s.locale
	}
	// Not through the request's transaction: the fields of a payload are
	// resolved concurrently, and a transaction is not safe for that.
	u, err := s.client.User.Get(access.Bypass(ctx), v.UserID)
	if err != nil || u.Locale == nil {
		return s.locale
	}
	return *u.Locale
}

// KindSetting is how the viewer wants one kind, and whether that is its
// own choice or the default.
type KindSetting struct {
	Kind Kind
	Channels
	Custom bool
}

// Settings is the viewer's language (nil: the installation's), the hour of
// its digest, and every kind that applies to it.
type Settings struct {
	Locale        *string
	DefaultLocale string
	DigestHour    int
	Kinds         []KindSetting
}

// Settings reads the viewer's settings.
func (s *Service) Settings(ctx context.Context) (*Settings, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	u, err := db.User.Get(access.Bypass(ctx), v.UserID)
	if err != nil {
		return nil, err
	}
	rows, err := db.NotificationSetting.Query().All(ctx) // its own, by the rules
	if err != nil {
		return nil, err
	}
	own := map[Kind]*ent.NotificationSetting{}
	for _, r := range rows {
		own[Kind(r.Kind)] = r
	}
	out := &Settings{Locale: u.Locale, DefaultLocale: s.locale, DigestHour: u.DigestHour}
	for _, k := range KindsFor(v) {
		ks := KindSetting{Kind: k, Channels: Default(k)}
		if r := own[k]; r != nil {
			ks.Channels = Channels{Inbox: r.Inbox, Email: string(r.Email), Push: r.Push}
			ks.Custom = true
		}
		out.Kinds = append(out.Kinds, ks)
	}
	return out, nil
}

// SettingsInput changes some of the viewer's settings: what is nil stays.
type SettingsInput struct {
	// Locale: "" goes back to the installation's language.
	Locale     *string
	DigestHour *int
	Kinds      []KindInput
}

// KindInput is the channels of one kind.
type KindInput struct {
	Kind  Kind
	Inbox bool
	Email Email
	Push  bool
}

// UpdateSettings changes the viewer's settings, all or nothing. A kind
// that does not apply to its role is INVALID_INPUT.
func (s *Service) UpdateSettings(ctx context.Context, in SettingsInput) (*Settings, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if in.Locale != nil && *in.Locale != "" && !ValidLocale(*in.Locale) {
		return nil, apperr.Invalid("locale", "%q is not a language: en or zh-CN (or empty for the installation's)", *in.Locale)
	}
	if in.DigestHour != nil && (*in.DigestHour < 0 || *in.DigestHour > 23) {
		return nil, apperr.Invalid("digestHour", "the digest hour is 0 to 23, in the business time zone")
	}
	seen := map[Kind]bool{}
	for i, k := range in.Kinds {
		field := fmt.Sprintf("kinds[%d]", i)
		switch {
		case notification.KindValidator(k.Kind) != nil:
			return nil, apperr.Invalid(field+".kind", "no such kind: %q", k.Kind)
		case !Applies(v, k.Kind):
			return nil, apperr.Invalid(field+".kind", "%s notifications are not sent to your role", k.Kind)
		case seen[k.Kind]:
			return nil, apperr.Invalid(field+".kind", "%s is given twice", k.Kind)
		case k.Email != EmailOff && k.Email != EmailImmediate && k.Email != EmailDigest:
			return nil, apperr.Invalid(field+".email", "e-mail is OFF, IMMEDIATE or DIGEST")
		}
		seen[k.Kind] = true
	}
	db := tx.Client(ctx, s.client)
	sys := access.Bypass(ctx)
	if in.Locale != nil || in.DigestHour != nil {
		upd := db.User.UpdateOneID(v.UserID)
		switch {
		case in.Locale != nil && *in.Locale == "":
			upd.ClearLocale()
		case in.Locale != nil:
			upd.SetLocale(*in.Locale)
		}
		if in.DigestHour != nil {
			upd.SetDigestHour(*in.DigestHour)
		}
		if err := upd.Exec(sys); err != nil {
			return nil, err
		}
	}
	for _, k := range in.Kinds {
		if _, err := db.NotificationSetting.Delete().
			Where(notificationsetting.UserID(v.UserID), notificationsetting.KindEQ(notificationsetting.Kind(k.Kind))).
			Exec(sys); err != nil {
			return nil, err
		}
		ch := Channels{Inbox: k.Inbox, Email: k.Email, Push: k.Push}
		if ch == Default(k.Kind) {
			continue // only what differs from the defaults is kept
		}
		if err := db.NotificationSetting.Create().
			SetUserID(v.UserID).
			SetKind(notificationsetting.Kind(k.Kind)).
			SetInbox(k.Inbox).
			SetEmail(notificationsetting.Email(k.Email)).
			SetPush(k.Push).
			Exec(sys); err != nil {
			return nil, err
		}
	}
	return s.Settings(ctx)
}
