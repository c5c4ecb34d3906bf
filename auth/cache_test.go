package auth_test

import (
	"context"
	"testing"
	"time"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/demo"
	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/store/storetest"
)

func TestService_CachedViewers(t *testing.T) {
	const email = "south@demo.test"
	db := storetest.Open(t)
	if err := demo.Load(context.Background(), db.Client, start); err != nil {
		t.Fatal(err)
	}
	sys := privacy.DecisionContext(context.Background(), privacy.Allow)
	now := start
	s := auth.NewService(db.Client, sessionTTL)
	auth.SetClock(s, func() time.Time { return now })
	const ttl = 300 * time.Millisecond
	s.CacheViewers(ttl, 100)
	login := func(t *testing.T) string {
		t.Helper()
		secret, _, err := s.Login(context.Background(), email, demo.Password, addr)
		if err != nil {
			t.Fatal(err)
		}
		return secret
	}
	authenticate := func(secret string) (*auth.Viewer, int64, error) {
		before := db.Statements()
		v, err := s.Authenticate(context.Background(), secret)
		return v, db.Statements() - before, err
	}

	t.Run("a token in use costs no query within a minute", func(t *testing.T) {
		secret := login(t)
		first, n, err := authenticate(secret)
		if err != nil || n == 0 {
			t.Fatalf("first Authenticate: %v, %d statements", err, n)
		}
		again, n, err := authenticate(secret)
		if err != nil || n != 0 || again.DealerID != first.DealerID {
			t.Fatalf("cached Authenticate: %+v, %v, %d statements, want the same viewer with none", again, err, n)
		}
		now = now.Add(2 * time.Minute) // last use is written once a minute
		if _, n, err = authenticate(secret); err != nil || n != 1 {
			t.Fatalf("Authenticate a minute later: %v, %d statements, want 1 (last use)", err, n)
		}
	})

	t.Run("revocation applies at once", func(t *testing.T) {
		secret := login(t)
		v, _, err := authenticate(secret)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Logout(auth.NewContext(context.Background(), v)); err != nil {
			t.Fatal(err)
		}
		if _, _, err := authenticate(secret); apperr.CodeOf(err) != apperr.Unauthenticated {
			t.Fatalf("Authenticate after logout = %v, want UNAUTHENTICATED", err)
		}
	})

	t.Run("an expired session is refused from the cache", func(t *testing.T) {
		secret := login(t)
		if _, _, err := authenticate(secret); err != nil {
			t.Fatal(err)
		}
		now = now.Add(sessionTTL + time.Second)
		if _, _, err := authenticate(secret); apperr.CodeOf(err) != apperr.Unauthenticated {
			t.Fatalf("Authenticate past expiry = %v, want UNAUTHENTICATED", err)
		}
	})

	t.Run("other changes are seen within the cache's time", func(t *testing.T) {
		secret := login(t)
		if _, _, err := authenticate(secret); err != nil {
			t.Fatal(err)
		}
		if err := db.Client.User.Update().Where(user.Email(email)).SetActive(false).Exec(sys); err != nil {
			t.Fatal(err)
		}
		defer db.Client.User.Update().Where(user.Email(email)).SetActive(true).Exec(sys)
		if _, err := s.Recheck(context.Background(), secret); apperr.CodeOf(err) != apperr.Unauthenticated {
			t.Fatalf("Recheck of a deactivated user = %v, want UNAUTHENTICATED", err)
		}
		deadline := time.Now().Add(ttl + 2*time.Second)
		for {
			_, _, err := authenticate(secret)
			if apperr.CodeOf(err) == apperr.Unauthenticated {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("a deactivated user is still signed in %v after; want refused within %v", ttl+2*time.Second, ttl)
			}
			time.Sleep(50 * time.Millisecond)
		}
	})
}
