// Package realtime is Dealerline's outbox and live fan-out (DESIGN.md §5).
//
// A change that subscribers must hear about calls Record in its own
// transaction, so the event exists exactly when the change does: a rolled-back
// change publishes nothing. After commit, the Relay numbers committed events
// from a counter row (the cursor) and hands them to the Hub, which matches
// each event's audience keys against its subscribers in memory and queues it
// for those allowed to see it. A subscriber that reconnects with its last
// cursor is replayed what it missed from the outbox, then continues live,
// with no gap and no duplicate.
//
// The package knows nothing of GraphQL: a subscriber is described by the
// audience keys of what it may see (ViewerKeys).
package realtime

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/ent"
)

// Kind says what happened.
type Kind string

const (
	// OrderStatusChanged: an order moved from one status to another (or was
	// placed). Payload: OrderStatus.
	OrderStatusChanged Kind = "ORDER_STATUS_CHANGED"
	// TokenRevoked: a bearer token was revoked (logout, revokeApiToken, a
	// password change). Its sockets are closed; no subscriber receives it.
	TokenRevoked Kind = "TOKEN_REVOKED"

	// DeliveryUpdated is in shipment.go, AnnouncementPublished and
	// PolicyChanged in announcement.go, TicketUpdated (service tickets) in
	// ticket.go. Signals come with their features, on the same
	// machinery: a Kind; an event recorded in the change's transaction with
	// the subject's Audience (and OrderID for what belongs to an order, so
	// that per-order filters and ordering work); and a subscription
	// resolver that calls graph's subscribe with its kinds and loads its
	// payload through the viewer's client.
)

// system reports whether events of kind k are for the server itself rather
// than for subscribers.
func (k Kind) system() bool { return k == TokenRevoked }

// Audience says who may hear an event: the dealer its subject belongs to,
// that dealer's parent distributor, its channel and the manager who owns it
// (0 for none). Administrators hear every event.
//
// An event for many dealers at once (an announcement) says which in
// Dealers instead, and UserID names one more user who hears it.
type Audience struct {
	DealerID       int
	ParentDealerID int
	ChannelID      int
	OwnerID        int
	UserID         int          `json:",omitempty"`
	Dealers        *DealerReach `json:",omitempty"`
}

// DealerReach addresses an event to every dealer that matches each
// dimension given: its channel among Channels, its tier among Tiers, one of
// its territories among Territories; and to the dealers named in Dealers.
// With no dimension given, every dealer when it names none (an
// announcement to all), else the named ones only; All is every dealer
// whatever else it says (a policy to all). The managers of its channels
// hear it too, or every manager when it names no channel.
type DealerReach struct {
	All         bool  `json:"all,omitempty"`
	Channels    []int `json:"channels,omitempty"`
	Tiers       []int `json:"tiers,omitempty"`
	Territories []int `json:"territories,omitempty"`
	Dealers     []int `json:"dealers,omitempty"`
}

// Event is one change, as recorded in the outbox and delivered to
// subscribers. Delivered events are shared between subscribers: read only.
type Event struct {
	Seq       int64 // delivery number, the cursor; 0 until the relay numbers it
	Kind      Kind
	SubjectID int // the record the event is about
	OrderID   int // the order it belongs to, 0 for none
	Audience  Audience
	Payload   json.RawMessage
	At        time.Time
}

// Cursor is the event's cursor, what a subscriber passes as `after` to
// resume after it.
func (e *Event) Cursor() string { return FormatCursor(e.Seq) }

var errNoTx = errors.New("realtime: an event must be recorded in the transaction of its change")

// Record writes e to the outbox through db, the client of the transaction
// that makes the change (ent.FromContext(ctx) in a mutation): the event is
// published after that transaction commits, and never if it rolls back.
// Changes to one order must lock or update the order row before recording,
// so that their events are numbered in the order they happened.
func Record(ctx context.Context, db *ent.Client, e Event) error {
	c := db.Event.Create().
		SetKind(string(e.Kind)).
		SetSubjectID(e.SubjectID).
		SetNillableOrderID(nonZero(e.OrderID)).
		SetNillableDealerID(nonZero(e.Audience.DealerID)).
		SetNillableParentDealerID(nonZero(e.Audience.ParentDealerID)).
		SetNillableChannelID(nonZero(e.Audience.ChannelID)).
		SetNillableOwnerID(nonZero(e.Audience.OwnerID)).
		SetNillableUserID(nonZero(e.Audience.UserID)).
		SetPayload(e.Payload)
	if e.Audience.Dealers != nil {
		reach, err := json.Marshal(e.Audience.Dealers)
		if err != nil {
			return err
		}
		c.SetDealerReach(reach)
	}
	if !e.At.IsZero() {
		c.SetCreatedAt(e.At)
	}
	if _, err := c.Mutation().Tx(); err != nil {
		return errNoTx
	}
	return c.Exec(access.Bypass(ctx))
}

// RecordTokenRevoked records that token id was revoked, so that the sockets
// signed in with it are closed.
func RecordTokenRevoked(ctx context.Context, db *ent.Client, tokenID int) error {
	return Record(ctx, db, Event{Kind: TokenRevoked, SubjectID: tokenID})
}

func nonZero(id int) *int {
	if id == 0 {
		return nil
	}
	return &id
}

// FromRow is the event an outbox row holds.
func FromRow(e *ent.Event) *Event {
	ev := &Event{
		Kind:      Kind(e.Kind),
		SubjectID: e.SubjectID,
		Payload:   e.Payload,
		At:        e.CreatedAt,
	}
	if e.Seq != nil {
		ev.Seq = *e.Seq
	}
	deref := func(p *int) int {
		if p == nil {
			return 0
		}
		return *p
	}
	ev.OrderID = deref(e.OrderID)
	ev.Audience = Audience{
		DealerID:       deref(e.DealerID),
		ParentDealerID: deref(e.ParentDealerID),
		ChannelID:      deref(e.ChannelID),
		OwnerID:        deref(e.OwnerID),
		UserID:         deref(e.UserID),
	}
	if len(e.DealerReach) > 0 {
		var r DealerReach
		if json.Unmarshal(e.DealerReach, &r) == nil {
			ev.Audience.Dealers = &r
		} else {
			// Written by Record from a DealerReach: cannot happen. Nobody but
			// administrators hears it rather than everyone.
			ev.Audience.Dealers = &DealerReach{Channels: []int{-1}}
		}
	}
	return ev
}
