package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/dealerline/dealerline/access"
)

// AuditEntry records who changed what, when, and through which token.
// Administrators read the audit trail; nobody edits it.
type AuditEntry struct{ ent.Schema }

func (AuditEntry) Fields() []ent.Field {
	return []ent.Field{
		field.Time("at").
			Immutable().
			Default(time.Now).
			Annotations(entgql.OrderField("AT")),
		field.Int("actor_id").Optional().Nillable().Immutable(),
		field.String("actor_name").Immutable(),
		field.Int("token_id").Optional().Nillable().Immutable(),
		// What was done, e.g. "order.place", "order.transition".
		field.String("action").Immutable(),
		// What it was done to: the entity's type and global id.
		field.String("subject_type").Immutable(),
		field.Int("subject_id").Immutable().Annotations(entgql.Type("ID")),
		// The change itself, e.g. {"from": "SUBMITTED", "to": "CONFIRMED"}.
		field.JSON("details", map[string]any{}).Optional().Immutable().Annotations(entgql.Type("Map")),
		// The dealer the subject belongs to (the subject itself for a
		// dealer), filled by the audit package; none for catalogue rows.
		field.Int("dealer_id").Optional().Nillable().Immutable(),
	}
}

func (AuditEntry) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("actor", User.Type).
			Field("actor_id").
			Unique().
			Immutable().
			Annotations(tenantEdge()),
		edge.To("dealer", Dealer.Type).
			Field("dealer_id").
			Unique().
			Immutable().
			Annotations(tenantEdge()),
	}
}

func (AuditEntry) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("subject_type", "subject_id", "at"),
		index.Fields("at"),
		// The audit trail's filters, each listed newest first.
		index.Fields("dealer_id", "at"),
		index.Fields("actor_id", "at"),
		index.Fields("action", "at"),
		index.Fields("subject_type", "at"),
	}
}

func (AuditEntry) Policy() ent.Policy { return access.AuditPolicy() }

func (AuditEntry) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.QueryField(),
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
	}
}
