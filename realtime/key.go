package realtime

import (
	"fmt"
	"strconv"

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
)

// AllKey, DealerKey, ChannelKey and OwnerKey make keys.
func AllKey() Key              { return Key{Kind: KeyAll} }
func DealerKey(id int) Key     { return Key{Kind: KeyDealer, ID: id} }
func ChannelKey(id int) Key    { return Key{Kind: KeyChannel, ID: id} }
func OwnerKey(userID int) Key  { return Key{Kind: KeyOwner, ID: userID} }
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
	return ks
}

// ViewerKeys are the audience keys of the events v may hear: the events of
// the dealers v may see (access.Dealers, the same rule as an SQL filter):
// all for an administrator; a manager's owned dealers and the dealers of
// the channels it manages; a dealer user's own dealer and, through the
// parent key its sub-dealers' events carry, its sub-dealers.
func ViewerKeys(v *auth.Viewer) []Key {
	switch {
	case v.IsAdmin():
		return []Key{AllKey()}
	case v.IsManager():
		keys := []Key{OwnerKey(v.UserID)}
		for _, c := range v.ManagedChannelIDs {
			keys = append(keys, ChannelKey(c))
		}
		return keys
	case v.IsDealer():
		return []Key{DealerKey(v.DealerID)}
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
