package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/dealerline/dealerline/access"
)

// EmailDelivery is one e-mail to send (package mail): written before it is
// sent, in the transaction of what it tells, and keyed so that one event
// (or one day's digest) is mailed to one user once, across restarts and
// instances. Administrators see the ones that failed.
type EmailDelivery struct{ ent.Schema }

func (EmailDelivery) Fields() []ent.Field {
	return []ent.Field{
		// What it is for: "event:<seq>:user:<id>", "digest:<day>:user:<id>".
		field.String("key").NotEmpty().MaxLen(128).Unique().Immutable(),
		field.Int("user_id").Optional().Nillable().Immutable(),
		field.String("to").NotEmpty().MaxLen(320).Immutable(),
		field.String("subject").NotEmpty().Immutable(),
		field.Text("text").Immutable(),
		field.Text("html").Immutable(),
		// PENDING waits for its next attempt; SENDING is being sent (an
		// attempt that outlives its lease was cut short and is tried
		// again); SENT and FAILED (given up after a day) are final.
		field.Enum("status").Values("PENDING", "SENDING", "SENT", "FAILED").Default("PENDING"),
		field.Int("attempts").Default(0).NonNegative(),
		field.Time("next_attempt_at").Default(time.Now),
		field.Time("last_attempt_at").Optional().Nillable(),
		field.String("last_error").Default("").MaxLen(1000),
		field.Time("sent_at").Optional().Nillable(),
		field.Time("created_at").Default(time.Now).Immutable(),
	}
}

func (EmailDelivery) Indexes() []ent.Index {
	return []ent.Index{
		// The sender's next work: the due ones in order.
		index.Fields("status", "next_attempt_at"),
	}
}

func (EmailDelivery) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

func (EmailDelivery) Policy() ent.Policy { return access.SystemOnlyPolicy() }
