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

// OutboundMessage is one message to send outside the app (package outbound): an
// e-mail, or a web push to each of a user's browsers. It is written before
// it is sent, in the transaction of what it tells, and keyed so that one
// event (or one day's digest) reaches one user once on each channel, across
// restarts and instances. Administrators see the ones that failed.
type OutboundMessage struct{ ent.Schema }

func (OutboundMessage) Fields() []ent.Field {
	return []ent.Field{
		// What it is for: "email:event:<seq>:user:<id>",
		// "email:digest:<day>:user:<id>", "push:event:<seq>:user:<id>".
		field.String("key").NotEmpty().MaxLen(128).Unique().Immutable(),
		field.Enum("channel").Values("EMAIL", "PUSH").Immutable(),
		field.Int("user_id").Optional().Nillable().Immutable(),
		// The e-mail address; empty for a push (it goes to every browser
		// the user has allowed).
		field.String("to").Default("").MaxLen(320).Immutable(),
		// The e-mail's subject and its text and HTML; a push's title, body
		// and the portal path it opens.
		field.String("subject").NotEmpty().Immutable(),
		field.Text("text").Default("").Immutable(),
		field.Text("html").Default("").Immutable(),
		field.String("link").Default("").MaxLen(500).Immutable(),
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

func (OutboundMessage) Indexes() []ent.Index {
	return []ent.Index{
		// The sender's next work: the due ones in order.
		index.Fields("status", "next_attempt_at"),
	}
}

func (OutboundMessage) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

func (OutboundMessage) Policy() ent.Policy { return access.SystemOnlyPolicy() }
