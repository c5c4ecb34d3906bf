package auth

import (
	"context"
	"slices"
	"sync/atomic"
	"time"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/ent/user"
)

// Viewer is who is asking: the signed-in user, through which token, and the
// facts the visibility rules need, loaded once per request.
type Viewer struct {
	UserID  int
	TokenID int
	Name    string
	Role    user.Role
	// TokenExpiresAt is when the token stops being valid; nil for never.
	// Long-lived connections (websockets) are closed then.
	TokenExpiresAt *time.Time

	// For DEALER users: their dealer, its tier, channel and territories
	// (prices are set per tier and channel; announcements are addressed by
	// all three).
	DealerID           int
	DealerTier         int
	DealerChannelID    int
	DealerTerritoryIDs []int

	// For channel managers: the channels they manage.
	ManagedChannelIDs []int
}

func (v *Viewer) IsAdmin() bool   { return v != nil && v.Role == user.RoleADMIN }
func (v *Viewer) IsManager() bool { return v != nil && v.Role == user.RoleCHANNEL_MANAGER }
func (v *Viewer) IsDealer() bool  { return v != nil && v.Role == user.RoleDEALER }

// Manages reports whether v manages channel id.
func (v *Viewer) Manages(channelID int) bool {
	return v.IsManager() && slices.Contains(v.ManagedChannelIDs, channelID)
}

type viewerKey struct{}

// slot holds a request's viewer. It can be filled once the request is
// under way: a login answers with the new user's data, and the fields of
// its payload are resolved with contexts made before the login ran.
type slot struct{ v atomic.Pointer[Viewer] }

// NewContext returns ctx carrying v (nil for nobody yet).
func NewContext(ctx context.Context, v *Viewer) context.Context {
	s := new(slot)
	s.v.Store(v)
	return context.WithValue(ctx, viewerKey{}, s)
}

// SignedIn makes v the viewer of the request ctx belongs to, from now on.
// It reports false when ctx carries no viewer slot (see NewContext).
func SignedIn(ctx context.Context, v *Viewer) bool {
	s, ok := ctx.Value(viewerKey{}).(*slot)
	if ok {
		s.v.Store(v)
	}
	return ok
}

// FromContext returns the viewer of ctx, or nil when nobody signed in.
func FromContext(ctx context.Context) *Viewer {
	if s, ok := ctx.Value(viewerKey{}).(*slot); ok {
		return s.v.Load()
	}
	return nil
}

// Require returns the viewer of ctx, or UNAUTHENTICATED when nobody signed
// in: the refusal of every operation that needs someone.
func Require(ctx context.Context) (*Viewer, error) {
	if v := FromContext(ctx); v != nil {
		return v, nil
	}
	return nil, apperr.Errorf(apperr.Unauthenticated, "sign in first")
}

// RequireStaff returns the viewer of ctx if it is the manufacturer's staff
// (an administrator or a channel manager); a dealer user is FORBIDDEN with
// refusal, which says what is the staff's.
func RequireStaff(ctx context.Context, refusal string) (*Viewer, error) {
	v, err := Require(ctx)
	if err != nil {
		return nil, err
	}
	if !v.IsAdmin() && !v.IsManager() {
		return nil, apperr.Errorf(apperr.Forbidden, "%s", refusal)
	}
	return v, nil
}
