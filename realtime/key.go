package realtime

import (
	"fmt"
	"strconv"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
)

// Key is one audience key. An event carries the keys of its audience; a
// subscriber holds the keys of what it may see (ViewerKeys); it hears
// the events whose keys meet its own.
type Key struct {
	Kind KeyKind
	ID   int
}

// KeyKind says what a Key's ID is.
type KeyKind uint8

const (
	// KeyAll is held by administrators and carried by every event.
	KeyAll KeyKind = iota
	// KeyDealer: the events of a dealer, and of its sub-dealers (an event
	// carries its dealer's key and its parent distributor's).
	KeyDealer
	// KeyChannel: the events of the dealers in a channel.
	KeyChannel
	// KeyOwner: the events of the dealers a manager owns.
	KeyOwner
	// KeyUser: events addressed to one user (an announcement, to its
	// publisher).
	KeyUser
	// KeyManagers: events for every channel manager (an announcement to
	// dealers of every channel).
	KeyManagers

	// Keys of events addressed to every dealer a DealerReach matches
	// (announcements). A dealer user holds one for its dealer's channel,
	// one for its tier, one for each of its territories, and KeyReachAll;
	// such an event carries the keys of one dimension it restricts, and the
	// hub checks the others against the subscriber's keys.
	KeyReachAll
	KeyReachChannel
	KeyReachTier
	KeyReachTerritory
	// KeyReachDealer: a dealer named in the audience (a policy's).
	KeyReachDealer
)

// reach reports whether k is a key of a DealerReach.
func (k KeyKind) reach() bool { return k >= KeyReachAll }

// AllKey, DealerKey, ChannelKey and OwnerKey make keys.
func AllKey() Key              { return Key{Kind: KeyAll} }
func DealerKey(id int) Key     { return Key{Kind: KeyDealer, ID: id} }
func ChannelKey(id int) Key    { return Key{Kind: KeyChannel, ID: id} }
func OwnerKey(userID int) Key  { return Key{Kind: KeyOwner, ID: userID} }
func UserKey(userID int) Key   { return Key{Kind: KeyUser, ID: userID} }
func ManagersKey() Key         { return Key{Kind: KeyManagers} }
func (k Key) String() string   { return fmt.Sprintf("%d:%d", k.Kind, k.ID) }
func (a Audience) keys() []Key { return a.appendKeys(make([]Key, 0, 5)) }

func (a Audience) appendKeys(ks []Key) []Key {
	ks = append(ks, AllKey())
	if a.DealerID != 0 {
		ks = append(ks, DealerKey(a.DealerID))
	}
	if a.ParentDealerID != 0 {
		ks = append(ks, DealerKey(a.ParentDealerID))
	}
	if a.ChannelID != 0 {
		ks = append(ks, ChannelKey(a.ChannelID))
	}
	if a.OwnerID != 0 {
		ks = append(ks, OwnerKey(a.OwnerID))
	}
	if a.UserID != 0 {
		ks = append(ks, UserKey(a.UserID))
	}
	if r := a.Dealers; r != nil {
		// Managers of its channels hear it, or all of them.
		if len(r.Channels) == 0 {
			ks = append(ks, ManagersKey())
		}
		for _, c := range r.Channels {
			ks = append(ks, ChannelKey(c))
		}
		// Dealers: through one dimension, or their names; Publish checks
		// the rest.
		for _, d := range r.Dealers {
			ks = append(ks, Key{Kind: KeyReachDealer, ID: d})
		}
		switch {
		case r.All:
			ks = append(ks, Key{Kind: KeyReachAll})
		case len(r.Channels) > 0:
			for _, c := range r.Channels {
				ks = append(ks, Key{Kind: KeyReachChannel, ID: c})
			}
		case len(r.Tiers) > 0:
			for _, t := range r.Tiers {
				ks = append(ks, Key{Kind: KeyReachTier, ID: t})
			}
		case len(r.Territories) > 0:
			for _, t := range r.Territories {
				ks = append(ks, Key{Kind: KeyReachTerritory, ID: t})
			}
		case len(r.Dealers) == 0:
			ks = append(ks, Key{Kind: KeyReachAll})
		}
	}
	return ks
}

// heardBy reports whether a subscriber with keys, reached through one of
// r's keys, is a dealer r's audience includes: the rule of
// access.PolicyAudience.Includes (access.AnnouncementAudience.Includes when
// r names no dealer and not all), applied to the dealer's id, channel, tier
// and territories its keys name.
func (r *DealerReach) heardBy(keys []Key) bool {
	var dealer, channel, tier int
	var territories []int
	for _, k := range keys {
		switch k.Kind {
		case KeyReachDealer:
			dealer = k.ID
		case KeyReachChannel:
			channel = k.ID
		case KeyReachTier:
			tier = k.ID
		case KeyReachTerritory:
			territories = append(territories, k.ID)
		}
	}
	if !r.All && len(r.Dealers) == 0 {
		audience := access.AnnouncementAudience{ChannelIDs: r.Channels, Tiers: r.Tiers, TerritoryIDs: r.Territories}
		return audience.Includes(dealer, channel, tier, territories)
	}
	audience := access.PolicyAudience{All: r.All, ChannelIDs: r.Channels, Tiers: r.Tiers, TerritoryIDs: r.Territories, DealerIDs: r.Dealers}
	return audience.Includes(dealer, channel, tier, territories)
}

// ViewerKeys are the audience keys of the events v may hear: the events of
// the dealers v may see (access.Dealers, the same rule as an SQL filter):
// all for an administrator; a manager's owned dealers and the dealers of
// the channels it manages; a dealer user's own dealer and, through the
// parent key its sub-dealers' events carry, its sub-dealers.
//
// And the announcements v may read (access.Announcements): a manager's
// own, those to its channels and those to every channel; a dealer user's
// through the keys of its dealer's channel, tier and territories, taken
// from v (loaded when it signed in); and the policies addressed to its
// dealer by name, through the key of its dealer.
func ViewerKeys(v *auth.Viewer) []Key {
	switch {
	case v.IsAdmin():
		return []Key{AllKey()}
	case v.IsManager():
		keys := []Key{OwnerKey(v.UserID), UserKey(v.UserID), ManagersKey()}
		for _, c := range v.ManagedChannelIDs {
			keys = append(keys, ChannelKey(c))
		}
		return keys
	case v.IsDealer():
		keys := []Key{
			DealerKey(v.DealerID),
			{Kind: KeyReachAll},
			{Kind: KeyReachChannel, ID: v.DealerChannelID},
			{Kind: KeyReachTier, ID: v.DealerTier},
			{Kind: KeyReachDealer, ID: v.DealerID},
		}
		for _, t := range v.DealerTerritoryIDs {
			keys = append(keys, Key{Kind: KeyReachTerritory, ID: t})
		}
		return keys
	}
	return nil
}

// Cursors are the decimal delivery number. Clients treat them as opaque.

// FormatCursor returns the cursor of delivery number seq.
func FormatCursor(seq int64) string { return strconv.FormatInt(seq, 10) }

// ParseCursor reads a cursor given as the `after` argument.
func ParseCursor(s string) (int64, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, apperr.Invalid("after", "%q is not an event cursor: pass the cursor of the last event received, or eventCursor", s)
	}
	return n, nil
}
