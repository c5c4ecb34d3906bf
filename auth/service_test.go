// The service tests need a migrated database with the demo data, and both
// storetest and demo import auth (through the ent runtime and access), so
// they are an external test package; SetClock (throttle_test.go) reaches
// the Service's clock.
package auth_test

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/demo"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/channel"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/ent/token"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/store/storetest"
)

const (
	sessionTTL = 12 * time.Hour
	addr       = "198.51.100.9"
)

var start = time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)

// fixture is a Service over a fresh database with the demo data, on a clock
// the test moves.
type fixture struct {
	s      *auth.Service
	client *ent.Client
	sys    context.Context // privacy lifted, for the test's own reads and writes
	now    time.Time
}

func setup(t *testing.T) *fixture {
	t.Helper()
	client := storetest.Open(t).Client
	if err := demo.Load(context.Background(), client, start); err != nil {
		t.Fatal(err)
	}
	f := &fixture{
		s:      auth.NewService(client, sessionTTL),
		client: client,
		sys:    privacy.DecisionContext(context.Background(), privacy.Allow),
		now:    start,
	}
	auth.SetClock(f.s, func() time.Time { return f.now })
	return f
}

// login signs in with the demo password and fails the test if it cannot.
func (f *fixture) login(t *testing.T, email string) (string, *ent.Token) {
	t.Helper()
	secret, tok, err := f.s.Login(context.Background(), email, demo.Password, addr)
	if err != nil {
		t.Fatalf("Login(%s): %v", email, err)
	}
	return secret, tok
}

// as signs in as email and returns a request context carrying its viewer.
func (f *fixture) as(t *testing.T, email string) (context.Context, *auth.Viewer) {
	t.Helper()
	secret, _ := f.login(t, email)
	v, err := f.s.Authenticate(context.Background(), secret)
	if err != nil {
		t.Fatalf("Authenticate(%s): %v", email, err)
	}
	return auth.NewContext(context.Background(), v), v
}

func (f *fixture) user(t *testing.T, email string) *ent.User {
	t.Helper()
	u, err := f.client.User.Query().Where(user.Email(email)).Only(f.sys)
	if err != nil {
		t.Fatalf("user %s: %v", email, err)
	}
	return u
}

func (f *fixture) dealer(t *testing.T, code string) *ent.Dealer {
	t.Helper()
	d, err := f.client.Dealer.Query().Where(dealer.Code(code)).Only(f.sys)
	if err != nil {
		t.Fatalf("dealer %s: %v", code, err)
	}
	return d
}

func (f *fixture) token(t *testing.T, id int) *ent.Token {
	t.Helper()
	tok, err := f.client.Token.Get(f.sys, id)
	if err != nil {
		t.Fatalf("token %d: %v", id, err)
	}
	return tok
}

// wantCode fails the test unless err has the code want.
func wantCode(t *testing.T, err error, want apperr.Code) {
	t.Helper()
	if got := apperr.CodeOf(err); got != want {
		t.Fatalf("error = %v (code %q), want code %q", err, got, want)
	}
}

// wantInvalid fails the test unless err is INVALID_INPUT naming field.
func wantInvalid(t *testing.T, err error, field string) {
	t.Helper()
	wantCode(t, err, apperr.InvalidInput)
	e, _ := apperr.As(err)
	if got := e.Field; got != field {
		t.Errorf("INVALID_INPUT field = %q, want %q (%v)", got, field, err)
	}
}

func TestService_LoginIssuesSession(t *testing.T) {
	f := setup(t)
	admin := f.user(t, "admin@demo.test")
	tests := []struct {
		name  string
		email string
	}{
		{"as stored", "admin@demo.test"},
		{"upper case", "ADMIN@DEMO.TEST"},
		{"mixed case", "Admin@Demo.Test"},
		{"surrounding spaces", "  admin@demo.test\t"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			secret, tok, err := f.s.Login(context.Background(), tt.email, demo.Password, addr)
			if err != nil {
				t.Fatalf("Login(%q): %v", tt.email, err)
			}
			if !strings.HasPrefix(secret, "dlt_") {
				t.Errorf("secret = %q, want the prefix dlt_", secret)
			}
			if got, want := len(secret), len("dlt_")+43; got != want { // 32 bytes, unpadded base64
				t.Errorf("len(secret) = %d, want %d", got, want)
			}
			if got, want := tok.Kind, token.KindSESSION; got != want {
				t.Errorf("kind = %v, want %v", got, want)
			}
			if got, want := tok.UserID, admin.ID; got != want {
				t.Errorf("user = %d, want %d", got, want)
			}
			if tok.ExpiresAt == nil {
				t.Fatalf("session without expiry, want %v", f.now.Add(sessionTTL))
			}
			if got, want := *tok.ExpiresAt, f.now.Add(sessionTTL); !got.Equal(want) {
				t.Errorf("expiresAt = %v, want %v", got, want)
			}
			if tok.RevokedAt != nil || tok.LastUsedAt != nil {
				t.Errorf("new session revokedAt = %v, lastUsedAt = %v; want both unset", tok.RevokedAt, tok.LastUsedAt)
			}
		})
	}
}

func TestService_LoginSecretsDiffer(t *testing.T) {
	f := setup(t)
	a, _ := f.login(t, "south@demo.test")
	b, _ := f.login(t, "south@demo.test")
	if a == b {
		t.Errorf("two sessions got the same secret %q", a)
	}
}

func TestService_LoginRefusalsAreAlike(t *testing.T) {
	f := setup(t)
	tests := []struct {
		name            string
		email, password string
	}{
		{"wrong password", "admin@demo.test", "not the password"},
		{"unknown email", "nobody@demo.test", demo.Password},
		{"unknown email, wrong password", "nobody@demo.test", "not the password"},
		{"empty password", "north@demo.test", ""},
		{"password with different case", "south@demo.test", strings.ToUpper(demo.Password)},
		{"empty email", "", demo.Password},
	}
	var first error
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			secret, tok, err := f.s.Login(context.Background(), tt.email, tt.password, addr)
			if err == nil {
				t.Fatalf("Login(%q, %q) = %q, %v; want refused", tt.email, tt.password, secret, tok)
			}
			wantCode(t, err, apperr.Unauthenticated)
			if secret != "" || tok != nil {
				t.Errorf("refused Login returned secret %q, token %v", secret, tok)
			}
			if first == nil {
				first = err
				return
			}
			if got, want := err.Error(), first.Error(); got != want {
				t.Errorf("message = %q, want the same as %q", got, want)
			}
		})
	}
}

func TestService_LoginRateLimitedAfterFiveFailures(t *testing.T) {
	f := setup(t)
	const email = "south@demo.test"
	for i := range 5 {
		_, _, err := f.s.Login(context.Background(), email, "guess", addr)
		if got, want := apperr.CodeOf(err), apperr.Unauthenticated; got != want {
			t.Fatalf("failure %d: code %q (%v), want %q", i+1, got, err, want)
		}
	}
	tests := []struct {
		name     string
		email    string
		password string
		addr     string
		after    time.Duration
		want     apperr.Code
	}{
		{"right password is refused", email, demo.Password, addr, 0, apperr.RateLimited},
		{"same account in another case", "SOUTH@demo.test", demo.Password, addr, 0, apperr.RateLimited},
		// Wrong passwords from one address do not lock the owner out elsewhere.
		{"same account from another address signs in", email, demo.Password, "203.0.113.50", 0, ""},
		{"another account from the same address", "north@demo.test", demo.Password, addr, 0, ""},
		{"still refused after 59s", email, demo.Password, addr, 59 * time.Second, apperr.RateLimited},
		{"allowed after a minute", email, demo.Password, addr, time.Minute, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f.now = start.Add(tt.after)
			_, _, err := f.s.Login(context.Background(), tt.email, tt.password, tt.addr)
			if got := apperr.CodeOf(err); got != tt.want {
				t.Errorf("Login(%q from %s) at +%v: code %q (%v), want %q", tt.email, tt.addr, tt.after, got, err, tt.want)
			}
			if tt.want == apperr.RateLimited && !strings.Contains(err.Error(), "seconds") {
				t.Errorf("message %q does not say how long to wait", err)
			}
		})
	}
}

// Guesses sent all at once must not get past the throttle: each one is
// checked against the buckets before the slow hash, and recorded only after.
func TestService_LoginThrottlesConcurrentGuesses(t *testing.T) {
	f := setup(t)
	const guesses = 20
	var wg sync.WaitGroup
	codes := make([]apperr.Code, guesses)
	for i := range guesses {
		wg.Go(func() {
			_, _, err := f.s.Login(context.Background(), "south@demo.test", "guess", addr)
			codes[i] = apperr.CodeOf(err)
		})
	}
	wg.Wait()
	checked := 0
	for i, c := range codes {
		switch c {
		case apperr.Unauthenticated:
			checked++
		case apperr.RateLimited:
		default:
			t.Errorf("guess %d: code %q", i, c)
		}
	}
	if got, want := checked, 5; got > want {
		t.Errorf("%d of %d concurrent guesses were checked against the password, want at most %d", got, guesses, want)
	}
}

func TestService_AuthenticateGivesViewer(t *testing.T) {
	f := setup(t)
	north := f.dealer(t, demo.NorthDistribution)
	south := f.dealer(t, demo.SouthTraders)
	retail, err := f.client.Channel.Query().Where(channel.Name("Retail")).Only(f.sys)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		email      string
		role       user.Role
		dealer     *ent.Dealer
		managesAny []int
	}{
		{"admin", "admin@demo.test", user.RoleADMIN, nil, nil},
		{"manager of Retail", "manager@demo.test", user.RoleCHANNEL_MANAGER, nil, []int{retail.ID}},
		{"distributor user", "north@demo.test", user.RoleDEALER, north, nil},
		{"dealer user", "south@demo.test", user.RoleDEALER, south, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := f.user(t, tt.email)
			secret, tok := f.login(t, tt.email)
			v, err := f.s.Authenticate(context.Background(), secret)
			if err != nil {
				t.Fatalf("Authenticate: %v", err)
			}
			if got, want := v.UserID, u.ID; got != want {
				t.Errorf("UserID = %d, want %d", got, want)
			}
			if got, want := v.TokenID, tok.ID; got != want {
				t.Errorf("TokenID = %d, want %d", got, want)
			}
			if got, want := v.Name, u.Name; got != want {
				t.Errorf("Name = %q, want %q", got, want)
			}
			if got, want := v.Role, tt.role; got != want {
				t.Errorf("Role = %v, want %v", got, want)
			}
			var wantDealer, wantTier, wantChannel int
			if tt.dealer != nil {
				wantDealer, wantTier, wantChannel = tt.dealer.ID, tt.dealer.Tier, tt.dealer.ChannelID
			}
			if got, want := v.DealerID, wantDealer; got != want {
				t.Errorf("DealerID = %d, want %d", got, want)
			}
			if got, want := v.DealerTier, wantTier; got != want {
				t.Errorf("DealerTier = %d, want %d", got, want)
			}
			if got, want := v.DealerChannelID, wantChannel; got != want {
				t.Errorf("DealerChannelID = %d, want %d", got, want)
			}
			for _, id := range tt.managesAny {
				if !slices.Contains(v.ManagedChannelIDs, id) || !v.Manages(id) {
					t.Errorf("ManagedChannelIDs = %v, want it to contain %d", v.ManagedChannelIDs, id)
				}
			}
			if tt.role != user.RoleCHANNEL_MANAGER && len(v.ManagedChannelIDs) > 0 {
				t.Errorf("ManagedChannelIDs = %v for a %v, want none", v.ManagedChannelIDs, tt.role)
			}
		})
	}
	if north.Tier != 1 || south.Tier != 2 || north.ChannelID != retail.ID {
		t.Errorf("demo data changed: D-NORTH tier %d channel %d, D-SOUTH tier %d; Retail is %d",
			north.Tier, north.ChannelID, south.Tier, retail.ID)
	}
}

func TestService_AuthenticateRefusesDeadTokens(t *testing.T) {
	f := setup(t)
	tests := []struct {
		name string
		// kill makes a token of south@demo.test and returns its secret, no
		// longer good at the time it leaves on the clock.
		kill func(t *testing.T) string
	}{
		{"empty secret", func(t *testing.T) string { return "" }},
		{"unknown secret", func(t *testing.T) string { return "dlt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }},
		{"secret with a changed letter", func(t *testing.T) string {
			secret, _ := f.login(t, "south@demo.test")
			return secret[:len(secret)-1] + string(secret[len(secret)-1]^1)
		}},
		{"revoked", func(t *testing.T) string {
			ctx, _ := f.as(t, "south@demo.test")
			secret, tok, err := f.s.CreateAPIToken(ctx, "integration", nil)
			if err != nil {
				t.Fatal(err)
			}
			revoked, err := f.s.Revoke(ctx, tok.ID)
			if err != nil {
				t.Fatalf("Revoke: %v", err)
			}
			if revoked.RevokedAt == nil || !revoked.RevokedAt.Equal(f.now) {
				t.Errorf("revokedAt = %v, want %v", revoked.RevokedAt, f.now)
			}
			return secret
		}},
		{"logged out", func(t *testing.T) string {
			secret, _ := f.login(t, "south@demo.test")
			v, err := f.s.Authenticate(context.Background(), secret)
			if err != nil {
				t.Fatal(err)
			}
			if err := f.s.Logout(auth.NewContext(context.Background(), v)); err != nil {
				t.Fatalf("Logout: %v", err)
			}
			return secret
		}},
		{"API token at its expiry", func(t *testing.T) string {
			ctx, _ := f.as(t, "south@demo.test")
			secret, _, err := f.s.CreateAPIToken(ctx, "short-lived", new(f.now.Add(time.Hour)))
			if err != nil {
				t.Fatal(err)
			}
			f.now = f.now.Add(59 * time.Minute)
			if _, err := f.s.Authenticate(context.Background(), secret); err != nil {
				t.Fatalf("Authenticate before expiry: %v", err)
			}
			f.now = f.now.Add(time.Minute)
			return secret
		}},
		{"API token after its expiry", func(t *testing.T) string {
			ctx, _ := f.as(t, "south@demo.test")
			secret, _, err := f.s.CreateAPIToken(ctx, "expired", new(f.now.Add(time.Second)))
			if err != nil {
				t.Fatal(err)
			}
			f.now = f.now.Add(time.Hour)
			return secret
		}},
		{"session after its TTL", func(t *testing.T) string {
			secret, _ := f.login(t, "south@demo.test")
			f.now = f.now.Add(sessionTTL + time.Second)
			return secret
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f.now = start
			secret := tt.kill(t)
			v, err := f.s.Authenticate(context.Background(), secret)
			if err == nil {
				t.Fatalf("Authenticate = %+v, want refused", v)
			}
			wantCode(t, err, apperr.Unauthenticated)
		})
	}
}

func TestService_RevokeForeignTokenIsNotFound(t *testing.T) {
	f := setup(t)
	_, northTok := f.login(t, "north@demo.test")
	southCtx, _ := f.as(t, "south@demo.test")
	_, err := f.s.Revoke(southCtx, northTok.ID)
	if !ent.IsNotFound(err) {
		t.Fatalf("Revoke of another user's token: %v, want not found", err)
	}
	if got := f.token(t, northTok.ID).RevokedAt; got != nil {
		t.Errorf("the other user's token was revoked at %v", got)
	}
	if err := f.s.Logout(context.Background()); apperr.CodeOf(err) != apperr.Unauthenticated {
		t.Errorf("Logout without a viewer: %v, want UNAUTHENTICATED", err)
	}
}

func TestService_AuthenticateSetsLastUsedAt(t *testing.T) {
	f := setup(t)
	secret, tok := f.login(t, "north@demo.test")
	tests := []struct {
		name  string
		at    time.Duration
		want  time.Duration // last use, after start
		calls int
	}{
		{"first use", 0, 0, 1},
		{"within the minute keeps it", 30 * time.Second, 0, 1},
		{"a minute later is not yet more than a minute", time.Minute, 0, 1},
		{"after more than a minute moves it", 2 * time.Minute, 2 * time.Minute, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f.now = start.Add(tt.at)
			if _, err := f.s.Authenticate(context.Background(), secret); err != nil {
				t.Fatal(err)
			}
			got := f.token(t, tok.ID).LastUsedAt
			if want := start.Add(tt.want); got == nil || !got.Equal(want) {
				t.Errorf("lastUsedAt = %v, want %v", got, want)
			}
		})
	}
}

func TestService_CreateAPIToken(t *testing.T) {
	f := setup(t)
	ctx, v := f.as(t, "north@demo.test")

	t.Run("refusals", func(t *testing.T) {
		tests := []struct {
			name      string
			ctx       context.Context
			tokenName string
			expiresAt *time.Time
			code      apperr.Code
			field     string
		}{
			{"empty name", ctx, "", nil, apperr.InvalidInput, "name"},
			{"blank name", ctx, "  \t ", nil, apperr.InvalidInput, "name"},
			{"name too long", ctx, strings.Repeat("n", 201), nil, apperr.InvalidInput, "name"},
			{"expires in the past", ctx, "app", new(f.now.Add(-time.Hour)), apperr.InvalidInput, "expiresAt"},
			{"expires now", ctx, "app", new(f.now), apperr.InvalidInput, "expiresAt"},
			{"no viewer", context.Background(), "app", nil, apperr.Unauthenticated, ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				secret, tok, err := f.s.CreateAPIToken(tt.ctx, tt.tokenName, tt.expiresAt)
				if err == nil {
					t.Fatalf("CreateAPIToken = %q, %v; want refused", secret, tok)
				}
				wantCode(t, err, tt.code)
				if tt.code == apperr.InvalidInput {
					wantInvalid(t, err, tt.field)
				}
			})
		}
	})

	t.Run("issues", func(t *testing.T) {
		tests := []struct {
			name      string
			tokenName string
			wantName  string
			expiresAt *time.Time
		}{
			{"without expiry", "ERP sync", "ERP sync", nil},
			{"name trimmed", "  mobile app  ", "mobile app", nil},
			{"name of 200 characters", strings.Repeat("é", 200), strings.Repeat("é", 200), nil},
			{"with expiry", "quarterly", "quarterly", new(f.now.Add(90 * 24 * time.Hour))},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				secret, tok, err := f.s.CreateAPIToken(ctx, tt.tokenName, tt.expiresAt)
				if err != nil {
					t.Fatalf("CreateAPIToken: %v", err)
				}
				if !strings.HasPrefix(secret, "dlt_") {
					t.Errorf("secret = %q, want the prefix dlt_", secret)
				}
				if got, want := tok.Kind, token.KindAPI; got != want {
					t.Errorf("kind = %v, want %v", got, want)
				}
				if got, want := tok.Name, tt.wantName; got != want {
					t.Errorf("name = %q, want %q", got, want)
				}
				if got, want := tok.UserID, v.UserID; got != want {
					t.Errorf("user = %d, want %d", got, want)
				}
				if (tok.ExpiresAt == nil) != (tt.expiresAt == nil) || tok.ExpiresAt != nil && !tok.ExpiresAt.Equal(*tt.expiresAt) {
					t.Errorf("expiresAt = %v, want %v", tok.ExpiresAt, tt.expiresAt)
				}

				stored := f.token(t, tok.ID)
				if len(stored.SecretHash) == 0 {
					t.Fatal("no secret hash stored")
				}
				if bytes.Equal(stored.SecretHash, []byte(secret)) || bytes.Contains(stored.SecretHash, []byte(secret[4:])) {
					t.Errorf("the stored secret_hash holds the secret")
				}
				if s := stored.String(); strings.Contains(s, secret) {
					t.Errorf("Token.String() shows the secret: %s", s)
				}

				got, err := f.s.Authenticate(context.Background(), secret)
				if err != nil {
					t.Fatalf("Authenticate with the API token: %v", err)
				}
				if got.UserID != v.UserID || got.TokenID != tok.ID || got.DealerID != v.DealerID {
					t.Errorf("viewer = %+v, want user %d, token %d, dealer %d", got, v.UserID, tok.ID, v.DealerID)
				}
			})
		}
	})
}

func TestService_ChangePassword(t *testing.T) {
	f := setup(t)
	const email, next = "south@demo.test", "a much longer password"
	ctx, _ := f.as(t, email)
	tests := []struct {
		name          string
		current, next string
		field         string
	}{
		{"wrong current password", "wrong", next, "currentPassword"},
		{"empty current password", "", next, "currentPassword"},
		{"short new password", demo.Password, "short", "newPassword"},
		{"too long new password", demo.Password, strings.Repeat("p", 257), "newPassword"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantInvalid(t, f.s.ChangePassword(ctx, tt.current, tt.next), tt.field)
		})
	}
	if err := f.s.ChangePassword(context.Background(), demo.Password, next); apperr.CodeOf(err) != apperr.Unauthenticated {
		t.Errorf("ChangePassword without a viewer: %v, want UNAUTHENTICATED", err)
	}
	// The refusals above left the password as it was.
	if _, _, err := f.s.Login(context.Background(), email, demo.Password, addr); err != nil {
		t.Fatalf("Login with the unchanged password: %v", err)
	}

	if err := f.s.ChangePassword(ctx, demo.Password, next); err != nil {
		t.Fatalf("ChangePassword: %v", err)
	}
	stored := f.user(t, email).PasswordHash
	if strings.Contains(stored, next) {
		t.Errorf("the stored hash holds the new password: %q", stored)
	}
	logins := []struct {
		name     string
		password string
		want     apperr.Code
	}{
		{"new password works", next, ""},
		{"old password fails", demo.Password, apperr.Unauthenticated},
	}
	for _, tt := range logins {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := f.s.Login(context.Background(), email, tt.password, addr)
			if got := apperr.CodeOf(err); got != tt.want {
				t.Errorf("Login: code %q (%v), want %q", got, err, tt.want)
			}
		})
	}
}

func TestService_CreateUser(t *testing.T) {
	f := setup(t)
	adminCtx, _ := f.as(t, "admin@demo.test")
	managerCtx, _ := f.as(t, "manager@demo.test")
	dealerCtx, _ := f.as(t, "north@demo.test")
	south := f.dealer(t, demo.SouthTraders)
	retail, err := f.client.Channel.Query().Where(channel.Code("RETAIL")).Only(f.sys)
	if err != nil {
		t.Fatal(err)
	}
	const password = "long enough password"

	t.Run("refused to non-admins", func(t *testing.T) {
		tests := []struct {
			name string
			ctx  context.Context
		}{
			{"channel manager", managerCtx},
			{"dealer user", dealerCtx},
			{"no viewer", context.Background()},
		}
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				email := []string{"m1@demo.test", "m2@demo.test", "m3@demo.test"}[i]
				u, err := f.s.CreateUser(tt.ctx, auth.NewUser{
					Email: email, Name: "Mallory", Password: password,
					Role: user.RoleADMIN,
				})
				if !errors.Is(err, privacy.Deny) {
					t.Fatalf("CreateUser = %v, %v; want a privacy denial", u, err)
				}
				if n, err := f.client.User.Query().Where(user.Email(email)).Count(f.sys); err != nil || n != 0 {
					t.Errorf("users with %s after the refusal: %d, %v; want 0", email, n, err)
				}
			})
		}
	})

	t.Run("invalid input", func(t *testing.T) {
		tests := []struct {
			name  string
			in    auth.NewUser
			field string
		}{
			{"dealer user without a dealer", auth.NewUser{Email: "x1@demo.test", Name: "X", Password: password, Role: user.RoleDEALER}, "dealerID"},
			{"manager with a dealer", auth.NewUser{Email: "x2@demo.test", Name: "X", Password: password, Role: user.RoleCHANNEL_MANAGER, DealerID: &south.ID}, "dealerID"},
			{"admin with a dealer", auth.NewUser{Email: "x3@demo.test", Name: "X", Password: password, Role: user.RoleADMIN, DealerID: &south.ID}, "dealerID"},
			{"dealer user managing channels", auth.NewUser{Email: "x4@demo.test", Name: "X", Password: password, Role: user.RoleDEALER, DealerID: &south.ID, ManagedChannelIDs: []int{retail.ID}}, "managedChannelIDs"},
			{"short password", auth.NewUser{Email: "x5@demo.test", Name: "X", Password: "short", Role: user.RoleDEALER, DealerID: &south.ID}, "password"},
			{"empty password", auth.NewUser{Email: "x6@demo.test", Name: "X", Role: user.RoleADMIN}, "password"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				u, err := f.s.CreateUser(adminCtx, tt.in)
				if err == nil {
					t.Fatalf("CreateUser = %v, want refused", u)
				}
				wantInvalid(t, err, tt.field)
			})
		}
	})

	t.Run("admin creates", func(t *testing.T) {
		tests := []struct {
			name      string
			in        auth.NewUser
			wantEmail string
			dealer    int
			manages   []int
		}{
			{
				name:      "dealer user",
				in:        auth.NewUser{Email: "  New.Buyer@South.TEST ", Name: " New Buyer ", Password: password, Role: user.RoleDEALER, DealerID: &south.ID},
				wantEmail: "new.buyer@south.test",
				dealer:    south.ID,
			},
			{
				name:      "channel manager",
				in:        auth.NewUser{Email: "retail2@demo.test", Name: "Second Manager", Password: password, Role: user.RoleCHANNEL_MANAGER, ManagedChannelIDs: []int{retail.ID}},
				wantEmail: "retail2@demo.test",
				manages:   []int{retail.ID},
			},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				u, err := f.s.CreateUser(adminCtx, tt.in)
				if err != nil {
					t.Fatalf("CreateUser: %v", err)
				}
				if got, want := u.Email, tt.wantEmail; got != want {
					t.Errorf("email = %q, want %q", got, want)
				}
				if got, want := u.Name, strings.TrimSpace(tt.in.Name); got != want {
					t.Errorf("name = %q, want %q", got, want)
				}
				if got, want := u.Role, tt.in.Role; got != want {
					t.Errorf("role = %v, want %v", got, want)
				}
				if !u.Active {
					t.Error("new user is not active")
				}
				if u.PasswordHash == tt.in.Password || strings.Contains(u.PasswordHash, tt.in.Password) {
					t.Errorf("the stored hash holds the password: %q", u.PasswordHash)
				}
				if ok, err := auth.CheckPassword(u.PasswordHash, tt.in.Password); err != nil || !ok {
					t.Errorf("CheckPassword(stored hash) = %v, %v; want true", ok, err)
				}

				secret, _, err := f.s.Login(context.Background(), tt.in.Email, tt.in.Password, addr)
				if err != nil {
					t.Fatalf("Login as the new user: %v", err)
				}
				v, err := f.s.Authenticate(context.Background(), secret)
				if err != nil {
					t.Fatalf("Authenticate as the new user: %v", err)
				}
				if got, want := v.Role, tt.in.Role; got != want {
					t.Errorf("viewer role = %v, want %v", got, want)
				}
				if got, want := v.DealerID, tt.dealer; got != want {
					t.Errorf("viewer dealer = %d, want %d", got, want)
				}
				if got, want := v.ManagedChannelIDs, tt.manages; !slices.Equal(got, want) {
					t.Errorf("viewer manages %v, want %v", got, want)
				}
			})
		}
	})
}

func TestService_DeactivatedUserIsRefused(t *testing.T) {
	f := setup(t)
	const email = "south@demo.test"
	session, _ := f.login(t, email)
	ctx, _ := f.as(t, email)
	api, _, err := f.s.CreateAPIToken(ctx, "integration", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.client.User.Update().Where(user.Email(email)).SetActive(false).Exec(f.sys); err != nil {
		t.Fatal(err)
	}

	tokens := []struct {
		name   string
		secret string
	}{
		{"session", session},
		{"API token", api},
	}
	for _, tt := range tokens {
		t.Run(tt.name, func(t *testing.T) {
			v, err := f.s.Authenticate(context.Background(), tt.secret)
			if err == nil {
				t.Fatalf("Authenticate = %+v, want refused", v)
			}
			wantCode(t, err, apperr.Unauthenticated)
		})
	}

	t.Run("login answers as a wrong password", func(t *testing.T) {
		_, _, wrong := f.s.Login(context.Background(), "north@demo.test", "wrong", "203.0.113.1")
		secret, _, got := f.s.Login(context.Background(), email, demo.Password, "203.0.113.2")
		if got == nil {
			t.Fatalf("Login of a deactivated user = %q, want refused", secret)
		}
		wantCode(t, got, apperr.Unauthenticated)
		if got.Error() != wrong.Error() {
			t.Errorf("message = %q, want the wrong-password message %q", got, wrong)
		}
	})
}
