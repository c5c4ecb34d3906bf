package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/predicate"
	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/ent/token"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/store/tx"
)

// Service signs people in and out, issues and revokes tokens, and turns a
// bearer token into a Viewer.
type Service struct {
	client     *ent.Client
	throttle   *Throttle
	sessionTTL time.Duration
	now        func() time.Time
	dummyHash  string // checked for unknown emails, so they take as long as wrong passwords

	// OnRevoke, when set, is called for every token revoked, with the
	// client of the revoking transaction: the server records an event
	// there (realtime.RecordTokenRevoked) that closes the token's sockets
	// once the revocation commits.
	OnRevoke func(ctx context.Context, db *ent.Client, tokenID int) error

	viewers *viewerCache // nil: every request reads its token
}

// CacheViewers keeps the viewers of tokens in use for ttl, so most requests
// authenticate without a query. Revocations reach the cache through Forget
// at once; other changes to a user (deactivation, a new dealer or channel)
// are seen within ttl.
func (s *Service) CacheViewers(ttl time.Duration, size int) {
	if ttl > 0 {
		s.viewers = newViewerCache(ttl, size)
	}
}

// Forget drops the cached viewer of token id: it was revoked.
func (s *Service) Forget(tokenID int) {
	if s.viewers != nil {
		s.viewers.forget(tokenID)
	}
}

// NewService returns a Service over client whose sessions last sessionTTL.
func NewService(client *ent.Client, sessionTTL time.Duration) *Service {
	dummy, err := HashPassword("not a password of anyone")
	if err != nil {
		panic(err) // only when the system's random source fails
	}
	return &Service{client: client, throttle: NewThrottle(), sessionTTL: sessionTTL, now: time.Now, dummyHash: dummy}
}

// system is access.Bypass, under its rule: the service's own reads and
// writes, made only after its own checks (signing in, before there is a
// viewer; tokens, which no viewer writes). Package access is built on the
// Viewer defined here, so auth cannot import it.
func system(ctx context.Context) context.Context {
	return privacy.DecisionContext(ctx, privacy.Allow)
}

var errSignIn = apperr.Errorf(apperr.Unauthenticated, "the email or password is wrong")

// Login checks an email and password and starts a session. An unknown
// email, a wrong password and a deactivated user get the same answer, in
// about the same time. addr is the client's address, for throttling.
func (s *Service) Login(ctx context.Context, email, password, addr string) (secret string, tok *ent.Token, err error) {
	email = NormalizeEmail(email)
	now := s.now()
	wait, succeeded := s.throttle.Begin(email, addr, now)
	if wait > 0 {
		return "", nil, apperr.Errorf(apperr.RateLimited, "too many failed sign-ins: try again in %d seconds", int(math.Ceil(wait.Seconds())))
	}
	ctx = system(ctx)
	u, err := tx.Client(ctx, s.client).User.Query().Where(user.Email(email)).Only(ctx)
	if err != nil && !ent.IsNotFound(err) {
		return "", nil, err
	}
	hash := s.dummyHash
	if u != nil && u.PasswordHash != "" {
		hash = u.PasswordHash
	}
	// A hash that cannot be read fails like a wrong password: the answer
	// must not tell that the account exists.
	ok, _ := CheckPassword(hash, password)
	if u == nil || !ok || !u.Active {
		return "", nil, errSignIn // the attempt stays charged
	}
	// A TERMINATED dealer's users no longer sign in: answered like a wrong
	// password, so the answer tells nothing of the dealer.
	if u.DealerID != nil {
		ended, err := tx.Client(ctx, s.client).Dealer.Query().
			Where(dealer.ID(*u.DealerID), dealer.StatusEQ(dealer.StatusTERMINATED)).Exist(ctx)
		if err != nil {
			return "", nil, err
		}
		if ended {
			return "", nil, errSignIn
		}
	}
	succeeded()
	return s.issue(ctx, u.ID, token.KindSESSION, "", new(now.Add(s.sessionTTL)))
}

// Session is a sign-in: the token's secret, given only now, the token, and
// the viewer it stands for.
type Session struct {
	Secret string
	Token  *ent.Token
	Viewer *Viewer
}

// SignIn is Login for a request: it starts a session and makes the user who
// signed in the viewer of the rest of the request, its answer included. It
// returns the context to go on with.
func (s *Service) SignIn(ctx context.Context, email, password string) (context.Context, *Session, error) {
	secret, tok, err := s.Login(ctx, email, password, ClientAddrFrom(ctx))
	if err != nil {
		return ctx, nil, err
	}
	v, err := s.Authenticate(ctx, secret)
	if err != nil {
		return ctx, nil, err
	}
	if !SignedIn(ctx, v) { // no viewer slot: outside a request's middleware
		ctx = NewContext(ctx, v)
	}
	return ctx, &Session{Secret: secret, Token: tok, Viewer: v}, nil
}

// CreateAPIToken issues a named, long-lived token for an app or integration
// of the viewer, optionally expiring. The secret is returned only here.
func (s *Service) CreateAPIToken(ctx context.Context, name string, expiresAt *time.Time) (string, *ent.Token, error) {
	v, err := Require(ctx)
	if err != nil {
		return "", nil, err
	}
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > 200 {
		return "", nil, apperr.Invalid("name", "give the token a name of 1 to 200 characters, e.g. the app that will use it")
	}
	if expiresAt != nil && !expiresAt.After(s.now()) {
		return "", nil, apperr.Invalid("expiresAt", "expiresAt must be in the future")
	}
	return s.issue(system(ctx), v.UserID, token.KindAPI, name, expiresAt)
}

func (s *Service) issue(ctx context.Context, userID int, kind token.Kind, name string, expiresAt *time.Time) (string, *ent.Token, error) {
	secret, hash, err := newSecret()
	if err != nil {
		return "", nil, err
	}
	tok, err := tx.Client(ctx, s.client).Token.Create().
		SetKind(kind).
		SetName(name).
		SetUserID(userID).
		SetSecretHash(hash).
		SetNillableExpiresAt(expiresAt).
		Save(ctx)
	if err != nil {
		return "", nil, err
	}
	return secret, tok, nil
}

// Revoke ends one of the viewer's tokens; a token of someone else answers
// as a missing one. OnRevoke hears of it in the same transaction.
func (s *Service) Revoke(ctx context.Context, id int) (*ent.Token, error) {
	if _, err := tx.Client(ctx, s.client).Token.Get(ctx, id); err != nil { // the viewer's own tokens only
		return nil, err
	}
	ctx = system(ctx)
	err := s.inTx(ctx, func(db *ent.Client) error {
		return s.revoke(ctx, db, token.ID(id))
	})
	if err != nil {
		return nil, err
	}
	return tx.Client(ctx, s.client).Token.Get(ctx, id)
}

// revoke revokes the unrevoked tokens matching where, recording an event
// for each, through db, a transaction's client.
func (s *Service) revoke(ctx context.Context, db *ent.Client, where ...predicate.Token) error {
	ids, err := db.Token.Query().Where(token.RevokedAtIsNil()).Where(where...).IDs(ctx)
	if err != nil || len(ids) == 0 {
		return err
	}
	if err := db.Token.Update().Where(token.IDIn(ids...)).SetRevokedAt(s.now()).Exec(ctx); err != nil {
		return err
	}
	for _, id := range ids {
		s.Forget(id) // here at once; other instances (and this one again) after commit, through OnRevoke's event
	}
	if s.OnRevoke != nil {
		for _, id := range ids {
			if err := s.OnRevoke(ctx, db, id); err != nil {
				return err
			}
		}
	}
	return nil
}

// RevokeUsers ends every session and API token of users, through db (the
// transaction of the change that ends them: a dealer terminated).
func (s *Service) RevokeUsers(ctx context.Context, db *ent.Client, users ...int) error {
	if len(users) == 0 {
		return nil
	}
	return s.revoke(system(ctx), db, token.UserIDIn(users...))
}

// inTx runs fn with the request's transaction, or, outside a request, one
// of its own: events are recorded in the transaction of their change.
func (s *Service) inTx(ctx context.Context, fn func(db *ent.Client) error) error {
	if ent.TxFromContext(ctx) != nil {
		return fn(ent.FromContext(ctx))
	}
	tx, err := s.client.Tx(ctx)
	if err != nil {
		return err
	}
	if err := fn(tx.Client()); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Logout revokes the token the viewer signed in with.
func (s *Service) Logout(ctx context.Context) error {
	v, err := Require(ctx)
	if err != nil {
		return err
	}
	_, err = s.Revoke(ctx, v.TokenID)
	return err
}

// ChangePassword sets the viewer's password after checking the current one
// (throttled like a sign-in), and revokes every other token of the user,
// its other sessions and its API tokens: whoever knew the old password, or
// took a token made with it, is signed out. The session that changed the
// password stays.
func (s *Service) ChangePassword(ctx context.Context, current, next string) error {
	v, err := Require(ctx)
	if err != nil {
		return err
	}
	if err := ValidatePassword(next); err != nil {
		return apperr.Invalid("newPassword", "%s", err.Error())
	}
	ctx = system(ctx)
	db := tx.Client(ctx, s.client)
	u, err := db.User.Get(ctx, v.UserID)
	if err != nil {
		return err
	}
	now := s.now()
	wait, succeeded := s.throttle.Begin(u.Email, ClientAddrFrom(ctx), now)
	if wait > 0 {
		return apperr.Errorf(apperr.RateLimited, "too many wrong passwords: try again in %d seconds", int(math.Ceil(wait.Seconds())))
	}
	if ok, _ := CheckPassword(u.PasswordHash, current); !ok {
		return apperr.Invalid("currentPassword", "the current password is wrong")
	}
	succeeded()
	hash, err := HashPassword(next)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(db *ent.Client) error {
		if err := db.User.UpdateOneID(v.UserID).SetPasswordHash(hash).Exec(ctx); err != nil {
			return err
		}
		return s.revoke(ctx, db, token.UserID(v.UserID), token.IDNEQ(v.TokenID))
	})
}

// UpdateUser changes a user (administrators only, by the privacy rules).
// Deactivating one revokes all its tokens, sessions and API tokens alike,
// in the same transaction: its requests are refused at once, its sockets
// close on every instance, and reactivating it brings no token back.
func (s *Service) UpdateUser(ctx context.Context, id int, input ent.UpdateUserInput) error {
	return s.inTx(ctx, func(db *ent.Client) error {
		if err := db.User.UpdateOneID(id).SetInput(input).Exec(ctx); err != nil {
			return err
		}
		if input.Active == nil || *input.Active {
			return nil
		}
		return s.revoke(system(ctx), db, token.UserID(id))
	})
}

// Authenticate turns a bearer secret into the Viewer it stands for, from
// the cache when the service keeps one (CacheViewers).
func (s *Service) Authenticate(ctx context.Context, secret string) (*Viewer, error) {
	if s.viewers == nil {
		return s.Recheck(ctx, secret)
	}
	hash := hashSecret(secret)
	now := s.now()
	if e := s.viewers.get(hash); e != nil {
		if exp := e.viewer.TokenExpiresAt; exp != nil && !exp.After(now) {
			s.viewers.remove(hash)
			return nil, errExpired
		}
		if err := s.touch(ctx, e, now); err != nil {
			return nil, err
		}
		return e.viewer, nil
	}
	return s.Recheck(ctx, secret)
}

var errExpired = apperr.Errorf(apperr.Unauthenticated, "the token is unknown, expired or revoked: sign in again")

// touch records a cached token's use, to the minute as Recheck does.
func (s *Service) touch(ctx context.Context, e *cachedViewer, now time.Time) error {
	if !e.used(now) {
		return nil
	}
	// Update, not UpdateOne: one statement, without reading the row back.
	return tx.Client(ctx, s.client).Token.Update().Where(token.ID(e.viewer.TokenID)).SetLastUsedAt(now).Exec(system(ctx))
}

// Recheck is Authenticate from the database, whatever is cached: a
// websocket checks again after registering for revocations.
func (s *Service) Recheck(ctx context.Context, secret string) (*Viewer, error) {
	ctx = system(ctx)
	now := s.now()
	expired := errExpired
	db := tx.Client(ctx, s.client)
	tok, err := db.Token.Query().
		Where(token.SecretHash(hashSecret(secret))).
		WithUser().
		Only(ctx)
	switch {
	case ent.IsNotFound(err):
		return nil, expired
	case err != nil:
		return nil, err
	case tok.RevokedAt != nil, tok.ExpiresAt != nil && !tok.ExpiresAt.After(now), !tok.Edges.User.Active:
		return nil, expired
	}
	v, err := ViewerOf(ctx, tok.Edges.User)
	switch {
	case errors.Is(err, errNoDealer):
		return nil, expired
	case err != nil:
		return nil, err
	}
	v.TokenID, v.TokenExpiresAt = tok.ID, tok.ExpiresAt
	// Last use is kept to the minute: one write a minute, not one a request.
	lastUsed := tok.LastUsedAt
	if lastUsed == nil || now.Sub(*lastUsed) > time.Minute {
		if err := db.Token.Update().Where(token.ID(tok.ID)).SetLastUsedAt(now).Exec(ctx); err != nil {
			return nil, err
		}
		lastUsed = &now
	}
	if s.viewers != nil {
		s.viewers.put(tok.SecretHash, v, *lastUsed, now)
	}
	return v, nil
}

var errNoDealer = errors.New("auth: a dealer user without a dealer")

// ViewerOf is user u as a viewer with no token: what it may see, for work
// done on its behalf (the notifications it is sent). Load u under
// access.Bypass; its dealer (with the dealer's territories) and its managed
// channels are taken from what was eager-loaded with it, else read through
// u's client.
func ViewerOf(ctx context.Context, u *ent.User) (*Viewer, error) {
	v := &Viewer{UserID: u.ID, Name: u.Name, Role: u.Role}
	switch u.Role {
	case user.RoleDEALER:
		if u.DealerID == nil {
			return nil, errNoDealer
		}
		d, err := u.Edges.DealerOrErr()
		if err != nil {
			if d, err = u.QueryDealer().Only(ctx); err != nil {
				return nil, err
			}
		}
		v.DealerID, v.DealerTier, v.DealerChannelID = d.ID, d.Tier, d.ChannelID
		ts, err := d.Edges.TerritoriesOrErr()
		if err != nil {
			if v.DealerTerritoryIDs, err = d.QueryTerritories().IDs(ctx); err != nil {
				return nil, err
			}
		}
		for _, t := range ts {
			v.DealerTerritoryIDs = append(v.DealerTerritoryIDs, t.ID)
		}
	case user.RoleCHANNEL_MANAGER:
		cs, err := u.Edges.ManagedChannelsOrErr()
		if err != nil {
			if v.ManagedChannelIDs, err = u.QueryManagedChannels().IDs(ctx); err != nil {
				return nil, err
			}
		}
		for _, c := range cs {
			v.ManagedChannelIDs = append(v.ManagedChannelIDs, c.ID)
		}
	}
	return v, nil
}

// NormalizeEmail is the form emails are stored and looked up in.
func NormalizeEmail(email string) string {
	return strings.ToLower(strings.TrimSpace(email))
}

// ValidatePassword refuses passwords too short to resist guessing.
func ValidatePassword(pw string) error {
	if n := utf8.RuneCountInString(pw); n < 8 || n > 256 {
		return fmt.Errorf("a password needs 8 to 256 characters")
	}
	return nil
}

// Secrets are 32 random bytes. Their SHA-256 is stored: with that much
// entropy a slow hash adds nothing, and lookups stay one index probe.
func newSecret() (secret string, hash []byte, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", nil, err
	}
	secret = "dlt_" + base64.RawURLEncoding.EncodeToString(b)
	return secret, hashSecret(secret), nil
}

func hashSecret(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// NewUser is what an administrator gives to create a user.
type NewUser struct {
	Email, Name, Password string
	Role                  user.Role
	DealerID              *int
	ManagedChannelIDs     []int
}

// CreateUser creates a user with a role. The privacy rules let only
// administrators do it.
func (s *Service) CreateUser(ctx context.Context, in NewUser) (*ent.User, error) {
	switch {
	case in.Role == user.RoleDEALER && in.DealerID == nil:
		return nil, apperr.Invalid("dealerID", "a DEALER user needs the dealer it works for")
	case in.Role != user.RoleDEALER && in.DealerID != nil:
		return nil, apperr.Invalid("dealerID", "only DEALER users belong to a dealer")
	case in.Role != user.RoleCHANNEL_MANAGER && len(in.ManagedChannelIDs) > 0:
		return nil, apperr.Invalid("managedChannelIDs", "only channel managers manage channels")
	}
	if err := ValidatePassword(in.Password); err != nil {
		return nil, apperr.Invalid("password", "%s", err.Error())
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return nil, err
	}
	created, err := tx.Client(ctx, s.client).User.Create().
		SetEmail(NormalizeEmail(in.Email)).
		SetName(strings.TrimSpace(in.Name)).
		SetPasswordHash(hash).
		SetRole(in.Role).
		SetNillableDealerID(in.DealerID).
		AddManagedChannelIDs(in.ManagedChannelIDs...).
		Save(ctx)
	if err != nil {
		return nil, err
	}
	return created, nil
}
