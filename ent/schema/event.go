package schema

import (
	"encoding/json"
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/dealerline/dealerline/access"
)

// Event is the outbox (DESIGN.md §5): one row per change that subscribers
// hear about, written in the transaction of the change, and the log that
// reconnecting subscribers replay. It is never exposed in GraphQL; only the
// system reads and writes it (package realtime).
//
// The audience keys are copied from the subject when the event is recorded,
// so the fan-out decides who may hear it in memory, without a query.
type Event struct{ ent.Schema }

func (Event) Fields() []ent.Field {
	return []ent.Field{
		// The delivery number, and so the cursor: given after commit, in the
		// order events are published (see realtime.Relay). Null until then.
		field.Int64("seq").Optional().Nillable().Unique(),
		field.String("kind").NotEmpty().MaxLen(64).Immutable(),
		// The record the event is about: an order, a token, ...
		field.Int("subject_id").Immutable(),
		// The order the event belongs to, for events of orders and their
		// shipments: what orderStatusChanged(orderID:) filters on.
		field.Int("order_id").Optional().Nillable().Immutable(),
		// Audience keys: the dealer the subject belongs to, its parent
		// distributor, its channel and the manager who owns it.
		field.Int("dealer_id").Optional().Nillable().Immutable(),
		field.Int("parent_dealer_id").Optional().Nillable().Immutable(),
		field.Int("channel_id").Optional().Nillable().Immutable(),
		field.Int("owner_id").Optional().Nillable().Immutable(),
		// Events addressed to many dealers at once (announcements): which
		// dealers, by channel, tier and territory (realtime.DealerReach), and
		// one more user who hears it (its publisher).
		field.JSON("dealer_reach", json.RawMessage{}).Optional().Immutable(),
		field.Int("user_id").Optional().Nillable().Immutable(),
		// What subscribers are sent, denormalised at the time of the change.
		field.JSON("payload", json.RawMessage{}).Optional().Immutable(),
		field.Time("created_at").Default(time.Now).Immutable(),
	}
}

func (Event) Indexes() []ent.Index {
	return []ent.Index{
		// The events the relay has yet to number: few, so a partial index.
		index.Fields("id").
			StorageKey("event_unsequenced").
			Annotations(entsql.IndexWhere("seq IS NULL")),
		// Pruning by age.
		index.Fields("created_at"),
	}
}

func (Event) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

func (Event) Policy() ent.Policy { return access.SystemOnlyPolicy() }

// EventSequence is a single row: the last delivery number given to an event,
// and the highest one pruned. Numbering under its row lock makes cursor
// order the order events are published in, with no gaps (DESIGN.md §5).
type EventSequence struct{ ent.Schema }

func (EventSequence) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("last_seq").Default(0).NonNegative(),
		// Cursors below this may have lost events to pruning: CURSOR_EXPIRED.
		field.Int64("pruned_through").Default(0).NonNegative(),
	}
}

func (EventSequence) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

func (EventSequence) Policy() ent.Policy { return access.SystemOnlyPolicy() }
