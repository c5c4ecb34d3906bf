// Package users invites people to Dealerline and lets them set and reset
// their passwords with one-time links (DESIGN.md §4, "users"): an
// administrator invites anyone; a channel manager invites DEALER users of
// the dealers it may write; a dealer administrator invites, deactivates and
// re-invites its own dealer's users. A link's secret is sent by e-mail, or
// given to whoever invited when the installation sends none; only its hash
// is kept.
package users

import (
	"context"
	"fmt"
	"log/slog"
	netmail "net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dealerline/dealerline/audit"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/ent/userlink"
	"github.com/dealerline/dealerline/mail"
	"github.com/dealerline/dealerline/outbound"
	"github.com/dealerline/dealerline/store/tx"
)

// How long a link opens what it is for.
const (
	InvitationTTL = 7 * 24 * time.Hour
	ResetTTL      = time.Hour
)

// Service invites users and runs their one-time links.
type Service struct {
	client   *ent.Client
	auth     *auth.Service
	now      func() time.Time
	throttle *auth.ResetThrottle

	// Mail writes the e-mails; nil when the installation sends none, and
	// then an invitation's link is given to whoever invited.
	Mail *mail.Composer
	// PublicURL starts the links given back when no e-mail is sent.
	PublicURL string
	// Locale is the installation's language, for users without their own.
	Locale string
	// Log, when set, hears every link made (development without e-mail,
	// where nothing else would tell a reset link).
	Log *slog.Logger
}

// NewService returns a Service over client that signs people in through
// signIn.
func NewService(client *ent.Client, signIn *auth.Service) *Service {
	return &Service{client: client, auth: signIn, now: time.Now, throttle: auth.NewResetThrottle()}
}

// SetClock makes the service take the time from now: link expiry in tests.
func (s *Service) SetClock(now func() time.Time) { s.now = now }

// Invite is what an invitation gives.
type Invite struct {
	Email, Name string
	Role        user.Role
	DealerID    *int
	DealerAdmin bool
	Locale      *string
}

// Sent is a user with the link just made for it: Link is set only when no
// e-mail carries it, for the inviter to pass on.
type Sent struct {
	User *ent.User
	Link *string
}

var errLink = apperr.Invalid("token", "this link is not valid any more: it was used, replaced or has expired; ask for a new one")

// inviter is the viewer of ctx with what it may do about users: a dealer
// user needs to be its dealer's administrator.
func (s *Service) inviter(ctx context.Context) (*auth.Viewer, *ent.User, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, nil, err
	}
	me, err := tx.Client(ctx, s.client).User.Get(access.Bypass(ctx), v.UserID)
	if err != nil {
		return nil, nil, err
	}
	if v.IsDealer() && !me.DealerAdmin {
		return nil, nil, apperr.Errorf(apperr.Forbidden, "only your dealer's administrator invites and deactivates users")
	}
	return v, me, nil
}

// writableDealer loads dealer id if v may add users to it: any for an
// administrator, those a manager works on, a dealer administrator's own.
// Any other answers as a missing dealer.
func writableDealer(ctx context.Context, db *ent.Client, v *auth.Viewer, id int) error {
	q := db.Dealer.Query().Where(dealer.ID(id), access.Dealers(v))
	if v.IsDealer() {
		q.Where(dealer.ID(v.DealerID)) // not its sub-dealers
	}
	ok, err := q.Exist(ctx)
	if err != nil {
		return err
	}
	if !ok {
		return apperr.Errorf(apperr.NotFound, "no dealer with that id")
	}
	return nil
}

// InviteUser creates a user without a password and sends it an invitation.
// Bad input writes nothing: the request's transaction is rolled back.
func (s *Service) InviteUser(ctx context.Context, in Invite) (*Sent, error) {
	v, me, err := s.inviter(ctx)
	if err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	if !v.IsAdmin() && in.Role != user.RoleDEALER {
		return nil, apperr.Errorf(apperr.Forbidden, "only an administrator invites %s users", in.Role)
	}
	switch {
	case in.Role == user.RoleDEALER && in.DealerID == nil && v.IsDealer():
		in.DealerID = &v.DealerID
	case in.Role == user.RoleDEALER && in.DealerID == nil:
		return nil, apperr.Invalid("dealerID", "a DEALER user needs the dealer it works for")
	case in.Role != user.RoleDEALER && in.DealerID != nil:
		return nil, apperr.Invalid("dealerID", "only DEALER users belong to a dealer")
	case in.Role != user.RoleDEALER && in.DealerAdmin:
		return nil, apperr.Invalid("dealerAdmin", "only DEALER users are dealer administrators")
	}
	if in.DealerID != nil {
		if err := writableDealer(ctx, db, v, *in.DealerID); err != nil {
			return nil, err
		}
	}
	email := auth.NormalizeEmail(in.Email)
	if a, err := netmail.ParseAddress(email); err != nil || a.Address != email || utf8.RuneCountInString(email) > 254 {
		return nil, apperr.Invalid("email", "%q is not an e-mail address like name@example.com", in.Email)
	}
	name := strings.TrimSpace(in.Name)
	if err := validName(name); err != nil {
		return nil, err
	}
	if in.Locale != nil && *in.Locale != mail.English && *in.Locale != mail.Chinese {
		return nil, apperr.Invalid("locale", "%q is not a language: en or zh-CN", *in.Locale)
	}
	sys := access.Bypass(ctx)
	taken, err := db.User.Query().Where(user.Email(email)).Exist(sys)
	if err != nil {
		return nil, err
	}
	if taken {
		return nil, apperr.Invalid("email", "a user with the e-mail %s already exists", email)
	}
	u, err := db.User.Create().
		SetEmail(email).
		SetName(name).
		SetRole(in.Role).
		SetNillableDealerID(in.DealerID).
		SetDealerAdmin(in.DealerAdmin).
		SetNillableLocale(in.Locale).
		Save(sys)
	if err != nil {
		return nil, err
	}
	link, err := s.send(ctx, db, u, userlink.PurposeINVITATION, me.Name)
	if err != nil {
		return nil, err
	}
	if err := audit.Record(ctx, db, "user.invite", "User", u.ID, map[string]any{
		"email": email, "name": name, "role": in.Role, "dealerAdmin": in.DealerAdmin,
	}); err != nil {
		return nil, err
	}
	return &Sent{User: u, Link: link}, nil
}

func validName(name string) error {
	if name == "" || utf8.RuneCountInString(name) > 200 || strings.ContainsAny(name, "\r\n") {
		return apperr.Invalid("name", "give a name of 1 to 200 characters on one line")
	}
	return nil
}

// managed loads user id for v to deactivate, activate or re-invite: a user
// v sees (else NOT_FOUND, as for a missing one) and may manage (else
// FORBIDDEN). Nobody manages itself this way.
func (s *Service) managed(ctx context.Context, id int) (*ent.User, *ent.User, error) {
	v, me, err := s.inviter(ctx)
	if err != nil {
		return nil, nil, err
	}
	db := tx.Client(ctx, s.client)
	u, err := db.User.Get(ctx, id) // through the viewer's privacy
	if err != nil {
		return nil, nil, err
	}
	switch {
	case u.ID == v.UserID:
		return nil, nil, apperr.Errorf(apperr.Forbidden, "you cannot do this to your own account")
	case v.IsAdmin():
	case u.Role != user.RoleDEALER || u.DealerID == nil:
		return nil, nil, apperr.Errorf(apperr.Forbidden, "only an administrator manages the manufacturer's users")
	case v.IsDealer() && *u.DealerID != v.DealerID:
		return nil, nil, apperr.Errorf(apperr.NotFound, "not found") // a sub-dealer's user: not its to manage
	}
	return u, me, nil
}

// DeactivateUser stops user id from signing in; its tokens are revoked.
func (s *Service) DeactivateUser(ctx context.Context, id int) (*ent.User, error) {
	return s.setActive(ctx, id, false)
}

// ActivateUser lets a deactivated user id sign in again with its password.
func (s *Service) ActivateUser(ctx context.Context, id int) (*ent.User, error) {
	return s.setActive(ctx, id, true)
}

func (s *Service) setActive(ctx context.Context, id int, active bool) (*ent.User, error) {
	u, _, err := s.managed(ctx, id)
	if err != nil {
		return nil, err
	}
	// Through auth, which revokes a deactivated user's tokens.
	if err := s.auth.UpdateUser(access.Bypass(ctx), u.ID, ent.UpdateUserInput{Active: &active}); err != nil {
		return nil, err
	}
	action := map[bool]string{true: "user.activate", false: "user.deactivate"}[active]
	if err := audit.Record(ctx, tx.Client(ctx, s.client), action, "User", u.ID, map[string]any{
		"email": u.Email, "active": map[string]any{"before": u.Active, "after": active},
	}); err != nil {
		return nil, err
	}
	return tx.Client(ctx, s.client).User.Get(ctx, id)
}

// ReinviteUser sends user id a new invitation, voiding its earlier links:
// for one who never accepted, or one deactivated (accepting signs it in
// again with the password it sets). An active user with a password resets
// it itself, so no one else can take over the account.
func (s *Service) ReinviteUser(ctx context.Context, id int) (*Sent, error) {
	u, me, err := s.managed(ctx, id)
	if err != nil {
		return nil, err
	}
	if u.Active && u.PasswordHash != "" {
		return nil, apperr.Errorf(apperr.InvalidTransition, "%s has already accepted the invitation and can sign in; a forgotten password is reset from the sign-in page", u.Email)
	}
	db := tx.Client(ctx, s.client)
	link, err := s.send(ctx, db, u, userlink.PurposeINVITATION, me.Name)
	if err != nil {
		return nil, err
	}
	if err := audit.Record(ctx, db, "user.reinvite", "User", u.ID, nil); err != nil {
		return nil, err
	}
	return &Sent{User: u, Link: link}, nil
}

// send makes a link of purpose for u, voiding its earlier ones of that
// purpose, and e-mails it; without e-mail it returns the link's address
// (and logs it when the service logs links).
func (s *Service) send(ctx context.Context, db *ent.Client, u *ent.User, purpose userlink.Purpose, inviter string) (*string, error) {
	ctx = access.Bypass(ctx)
	now := s.now()
	err := db.UserLink.Update().
		Where(userlink.UserID(u.ID), userlink.PurposeEQ(purpose), userlink.UsedAtIsNil()).
		SetUsedAt(now).
		Exec(ctx)
	if err != nil {
		return nil, err
	}
	secret, hash, err := auth.NewLinkSecret()
	if err != nil {
		return nil, err
	}
	ttl, kind := InvitationTTL, mail.Invitation
	if purpose == userlink.PurposePASSWORD_RESET {
		ttl, kind = ResetTTL, mail.PasswordReset
	}
	l, err := db.UserLink.Create().
		SetPurpose(purpose).
		SetSecretHash(hash).
		SetUserID(u.ID).
		SetCreatedAt(now).
		SetExpiresAt(now.Add(ttl)).
		Save(ctx)
	if err != nil {
		return nil, err
	}
	if s.Mail == nil {
		url := mail.Composer{PublicURL: s.PublicURL}.LinkURL(kind, secret)
		if s.Log != nil {
			s.Log.Info("no e-mail is sent: pass this link on", "purpose", string(purpose), "email", u.Email, "link", url)
		}
		return &url, nil
	}
	m, err := s.Mail.ComposeLink(kind, s.localeOf(u), u.Email, u.Name, inviter, secret)
	if err != nil {
		return nil, err
	}
	err = outbound.Queue(ctx, db, fmt.Sprintf("email:link:%d", l.ID), outbound.Message{
		Channel: outbound.Email, User: u.ID, To: m.To, Subject: m.Subject, Text: m.Text, HTML: m.HTML,
	})
	return nil, err
}

func (s *Service) localeOf(u *ent.User) string {
	switch {
	case u.Locale != nil:
		return *u.Locale
	case s.Locale != "":
		return s.Locale
	}
	return mail.English
}

// use takes the unused, unexpired link of purpose with secret, marking it
// used; one already used, replaced, expired or unknown answers alike. Two
// requests with one link: the conditional update lets one through.
func (s *Service) use(ctx context.Context, db *ent.Client, purpose userlink.Purpose, secret string) (*ent.User, error) {
	now := s.now()
	l, err := db.UserLink.Query().
		Where(userlink.SecretHash(auth.HashLinkSecret(secret)), userlink.PurposeEQ(purpose)).
		WithUser().
		Only(ctx)
	switch {
	case ent.IsNotFound(err):
		return nil, errLink
	case err != nil:
		return nil, err
	case l.UsedAt != nil, !l.ExpiresAt.After(now):
		return nil, errLink
	}
	n, err := db.UserLink.Update().Where(userlink.ID(l.ID), userlink.UsedAtIsNil()).SetUsedAt(now).Save(ctx)
	if err != nil {
		return nil, err
	}
	if n != 1 {
		return nil, errLink
	}
	return l.Edges.User, nil
}

// AcceptInvitation sets the password (and, when given, the name) of the
// user invited by the link with secret, activates it and signs it in: it
// returns the context to go on with, the invited user the viewer.
func (s *Service) AcceptInvitation(ctx context.Context, secret, password string, name *string) (context.Context, *auth.Session, error) {
	viewerCtx := ctx // signing in answers with the new viewer's rights, not the system's
	ctx = access.Bypass(ctx)
	db := tx.Client(ctx, s.client)
	u, err := s.use(ctx, db, userlink.PurposeINVITATION, secret)
	if err != nil {
		return ctx, nil, err
	}
	if err := auth.ValidatePassword(password); err != nil {
		return ctx, nil, apperr.Invalid("password", "%s", err.Error())
	}
	up := db.User.UpdateOneID(u.ID).SetActive(true)
	if name != nil {
		n := strings.TrimSpace(*name)
		if err := validName(n); err != nil {
			return ctx, nil, err
		}
		up.SetName(n)
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return ctx, nil, err
	}
	if err := up.SetPasswordHash(hash).Exec(ctx); err != nil {
		return ctx, nil, err
	}
	// Who accepted is the subject: no one is signed in yet.
	if err := audit.Record(ctx, db, "user.acceptInvitation", "User", u.ID, map[string]any{"active": true}); err != nil {
		return ctx, nil, err
	}
	return s.auth.SignIn(viewerCtx, u.Email, password)
}

// RequestPasswordReset e-mails a reset link to the active user with email,
// if there is one. It answers the same for every e-mail, known or not, and
// is throttled per e-mail and client address like signing in.
func (s *Service) RequestPasswordReset(ctx context.Context, email string) error {
	if err := s.throttle.Charge(ctx, email, s.now()); err != nil {
		return err
	}
	ctx = access.Bypass(ctx)
	db := tx.Client(ctx, s.client)
	u, err := db.User.Query().Where(user.Email(auth.NormalizeEmail(email)), user.Active(true)).Only(ctx)
	switch {
	case ent.IsNotFound(err):
		return nil
	case err != nil:
		return err
	}
	// The link is never shown to whoever asked: only the mailbox's owner
	// (or, in development without e-mail, the log) gets it.
	_, err = s.send(ctx, db, u, userlink.PurposePASSWORD_RESET, "")
	return err
}

// ResetPassword sets a new password with the reset link with secret.
func (s *Service) ResetPassword(ctx context.Context, secret, password string) error {
	ctx = access.Bypass(ctx)
	db := tx.Client(ctx, s.client)
	u, err := s.use(ctx, db, userlink.PurposePASSWORD_RESET, secret)
	if err != nil {
		return err
	}
	if !u.Active {
		return errLink
	}
	if err := auth.ValidatePassword(password); err != nil {
		return apperr.Invalid("password", "%s", err.Error())
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	if err := db.User.UpdateOneID(u.ID).SetPasswordHash(hash).Exec(ctx); err != nil {
		return err
	}
	// The password is never in the trail: only that it was reset.
	return audit.Record(ctx, db, "user.resetPassword", "User", u.ID, nil)
}
