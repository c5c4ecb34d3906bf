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

// notificationKinds are what a notification says happened (package notify
// decides who gets which, and renders them).
var notificationKinds = []string{
	// Dealer users.
	"ORDER_CONFIRMED", "ORDER_REJECTED", "ORDER_SHIPPED", "ORDER_DELIVERED",
	"ORDER_ON_CREDIT_HOLD", "CREDIT_HOLD_RELEASED", "SHIPMENT_EXCEPTION",
	"INVOICE_ISSUED", "INVOICE_OVERDUE", "POLICY_TO_ACKNOWLEDGE", "ANNOUNCEMENT",
	"TICKET_REPLY", "REBATE_TIER_REACHED", "RETURN_UPDATED",
	// The manufacturer's staff (ORDER_ON_CREDIT_HOLD and TICKET_REPLY too).
	"ORDER_PLACED", "TICKET_OPENED", "FOLLOW_UP_DUE", "CONFLICT_CASE_OPENED",
	"SIGNAL_RAISED", "AGREEMENT_ENDING",
	// Administrators only.
	"WEBHOOK_PAUSED",
}

// Notification is one entry of a user's in-app inbox: what happened (its
// kind, and the params its texts are rendered from in the reader's
// language), the outbox event it was made from, and the record it links
// to. Only its recipient reads it.
type Notification struct{ ent.Schema }

func (Notification) Fields() []ent.Field {
	return []ent.Field{
		field.Int("user_id").Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Enum("kind").Values(notificationKinds...).Immutable().
			Annotations(entgql.Type("NotificationKind")),
		// The delivery number of the event it was made from: with the user
		// and kind, what makes handling an event twice write nothing twice.
		field.Int64("seq").Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
		// The record it is about, for its link: an order, ticket, policy,
		// announcement, invoice, signal, conflict case, dealer (a
		// follow-up's), rebate program.
		field.Int("subject_id").Optional().Nillable().Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
		// What its title and body are rendered from.
		field.JSON("params", map[string]string{}).Optional().Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Time("created_at").Immutable().Default(time.Now).
			Annotations(entgql.OrderField("CREATED_AT")),
		field.Time("read_at").Optional().Nillable(),
	}
}

func (Notification) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("user_id", "seq", "kind").Unique(),
		// The inbox, newest first, and its unread count.
		index.Fields("user_id", "created_at"),
		index.Fields("user_id", "read_at"),
	}
}

func (Notification) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
	}
}

func (Notification) Policy() ent.Policy { return access.OwnRowsPolicy() }

// NotificationSetting is how one user wants one kind of notification, where
// it differs from the defaults (package notify): in the inbox or not, by
// e-mail (OFF, IMMEDIATE or in the DIGEST), by push or not. Only its user
// reads it.
type NotificationSetting struct{ ent.Schema }

func (NotificationSetting) Fields() []ent.Field {
	return []ent.Field{
		field.Int("user_id").Immutable(),
		field.Enum("kind").Values(notificationKinds...).Immutable(),
		field.Bool("inbox"),
		field.Enum("email").Values("OFF", "IMMEDIATE", "DIGEST"),
		field.Bool("push"),
	}
}

func (NotificationSetting) Indexes() []ent.Index {
	return []ent.Index{index.Fields("user_id", "kind").Unique()}
}

func (NotificationSetting) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

func (NotificationSetting) Policy() ent.Policy { return access.OwnRowsPolicy() }
