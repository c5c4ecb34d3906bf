package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"

	"github.com/dealerline/dealerline/access"
)

// FeedPosition is how far one reader of the outbox (package feed) has got:
// the delivery number of the last event it handled. It moves in the
// transaction that writes what the reader made of its events, so each event
// is handled once, across restarts and instances.
type FeedPosition struct{ ent.Schema }

func (FeedPosition) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(64).Unique().Immutable(),
		field.Int64("last_seq").Default(0).NonNegative(),
		field.Time("updated_at").Default(time.Now).UpdateDefault(time.Now),
	}
}

func (FeedPosition) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

func (FeedPosition) Policy() ent.Policy { return access.SystemOnlyPolicy() }
