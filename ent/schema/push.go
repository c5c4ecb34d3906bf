package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/dealerline/dealerline/access"
)

// PushKey is the installation's VAPID key pair (RFC 8292), which signs
// every Web Push request and which browsers subscribe with. It is made at
// the first start and kept, so subscriptions outlive restarts; its name is
// unique, so instances starting together keep one pair. Only the system
// reads it (package push).
type PushKey struct{ ent.Schema }

func (PushKey) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(32).Unique().Immutable(),
		// The uncompressed P-256 point, base64url without padding: what
		// PushManager.subscribe takes as applicationServerKey.
		field.String("public_key").NotEmpty().Immutable(),
		// The private scalar, base64url without padding.
		field.String("private_key").NotEmpty().Sensitive().Immutable(),
		field.Time("created_at").Default(time.Now).Immutable(),
	}
}

func (PushKey) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

func (PushKey) Policy() ent.Policy { return access.SystemOnlyPolicy() }

// PushSubscription is one browser a user allowed notifications in: the
// push service's endpoint and the keys the browser decrypts with
// (RFC 8291). The endpoint is unique per user; a push service answering
// 404 or 410 for it removes it.
type PushSubscription struct{ ent.Schema }

func (PushSubscription) Fields() []ent.Field {
	return []ent.Field{
		field.Int("user_id").Immutable(),
		field.String("endpoint").NotEmpty().MaxLen(2048).Immutable(),
		// The browser's P-256 public key and authentication secret,
		// base64url without padding.
		field.String("p256dh").NotEmpty().MaxLen(100),
		field.String("auth").NotEmpty().MaxLen(50),
		field.String("user_agent").MaxLen(500).Default(""),
		field.Time("created_at").Default(time.Now).Immutable(),
		// When a push service last took a message for it.
		field.Time("last_success_at").Optional().Nillable(),
	}
}

func (PushSubscription) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("user", User.Type).
			Field("user_id").
			Unique().
			Required().
			Immutable().
			Annotations(entsql.OnDelete(entsql.Cascade)),
	}
}

func (PushSubscription) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("user_id", "endpoint").Unique(),
		// A browser moving to another user who signs in on it.
		index.Fields("endpoint"),
	}
}

func (PushSubscription) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

func (PushSubscription) Policy() ent.Policy { return access.PushSubscriptionPolicy() }
