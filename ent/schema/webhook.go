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

// Webhook is an endpoint of the manufacturer's systems (its ERP) that
// receives the events of the kinds it asks for, signed with its secret.
// Administrators register and manage them (package webhooks).
type Webhook struct{ ent.Schema }

func (Webhook) Fields() []ent.Field {
	return []ent.Field{
		field.String("url").MaxLen(2000),
		// The event kinds it receives (realtime.Kind names).
		field.Strings("event_kinds").Annotations(entgql.Skip()), // GraphQL: eventKinds, an enum
		field.String("description").Default("").MaxLen(500),
		// whsec_…: signs every delivery; shown once, when made.
		field.String("secret").Sensitive().Annotations(entgql.Skip()),
		field.Enum("status").Values("ACTIVE", "PAUSED").Default("ACTIVE"),
		// Why it was paused: by an administrator, or after a day of
		// failures.
		field.String("paused_reason").Optional().Nillable(),
		field.Time("paused_at").Optional().Nillable(),
		field.Time("created_at").Default(time.Now).Immutable().Annotations(entgql.OrderField("CREATED_AT")),
		field.Time("updated_at").Default(time.Now).UpdateDefault(time.Now),
	}
}

func (Webhook) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("deliveries", WebhookDelivery.Type).
			Annotations(entsql.OnDelete(entsql.Cascade), entgql.Skip()),
	}
}

func (Webhook) Policy() ent.Policy { return access.AdminOnlyPolicy() }

func (Webhook) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput, entgql.SkipOrderField),
	}
}

// WebhookDelivery is one event to send to one endpoint: its body built
// when the event was handled and kept, so a redelivery or replay sends
// what was sent. An endpoint's deliveries are sent strictly in id order.
type WebhookDelivery struct{ ent.Schema }

func (WebhookDelivery) Fields() []ent.Field {
	return []ent.Field{
		field.Int("webhook_id").Immutable(),
		// The event's delivery number (its cursor) and kind.
		field.Int64("event_seq").Immutable().Annotations(entgql.Skip()),   // GraphQL: eventCursor
		field.String("event_kind").Immutable().Annotations(entgql.Skip()), // GraphQL: eventKind, an enum
		// EVENT: made as the event was handled (one per endpoint and
		// event); REDELIVERY: an administrator asked for it again;
		// REPLAY: replayed from a cursor.
		field.Enum("origin").Values("EVENT", "REDELIVERY", "REPLAY").Default("EVENT").Immutable(),
		// The webhook-id header: the same for every copy of one event to
		// one endpoint, so receivers can drop duplicates.
		field.String("message_id").Immutable(),
		field.Bytes("body").Immutable().Annotations(entgql.Skip()),
		field.Enum("status").Values("PENDING", "SUCCEEDED", "FAILED").Default("PENDING"),
		field.Int("attempts").Default(0).NonNegative(),
		field.Time("first_attempt_at").Optional().Nillable(),
		field.Time("last_attempt_at").Optional().Nillable(),
		// When it is due; nil: at once.
		field.Time("next_attempt_at").Optional().Nillable(),
		field.Int("response_code").Optional().Nillable(),
		// The first 1 KB of the last response's body.
		field.String("response_excerpt").Optional().Nillable(),
		// Why the last attempt failed, when it did without a response (or
		// with a redirect).
		field.String("error").Optional().Nillable(),
		field.Time("delivered_at").Optional().Nillable(),
		field.Time("created_at").Default(time.Now).Immutable(),
	}
}

func (WebhookDelivery) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("webhook", Webhook.Type).Ref("deliveries").Field("webhook_id").Unique().Required().Immutable().
			Annotations(entgql.Skip()),
	}
}

func (WebhookDelivery) Indexes() []ent.Index {
	return []ent.Index{
		// An endpoint's deliveries of an event (the reader of the outbox
		// makes one per endpoint and event, once: package feed).
		index.Fields("webhook_id", "event_seq"),
		// An endpoint's oldest pending delivery, and its log.
		index.Fields("webhook_id", "status"),
		index.Fields("status"),
	}
}

func (WebhookDelivery) Policy() ent.Policy { return access.AdminOnlyPolicy() }

func (WebhookDelivery) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput, entgql.SkipOrderField),
	}
}
