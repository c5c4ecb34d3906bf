package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/conflicts/casestatus"
)

// ConflictCase is a channel conflict handled in the open: reported by a
// dealer (a party to it) or by staff against named dealers, investigated,
// and resolved or dismissed with a note. Its parties see it; managers the
// cases of their dealers. Every change goes on its history
// (ConflictEvent). Package conflicts writes it.
type ConflictCase struct{ ent.Schema }

func (ConflictCase) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (ConflictCase) Fields() []ent.Field {
	return []ent.Field{
		// The key a history import gave it (see importRef).
		importRef(),
		// CC- and the case's sequence number, set in the transaction that
		// opens it (non-null in GraphQL: graph/conflicts.graphqls).
		field.String("number").
			Optional().
			Annotations(entgql.Skip(entgql.SkipType)),
		field.Enum("kind").
			Values("TERRITORY_BREACH", "PRICE_UNDERCUT", "CUSTOMER_POACHING", "OTHER").
			Default("OTHER").
			Immutable().
			Annotations(entgql.Type("ConflictKind")),
		field.Enum("severity").
			Values("LOW", "MEDIUM", "HIGH").
			Annotations(entgql.Type("ConflictSeverity"), entgql.OrderField("SEVERITY")),
		field.Enum("status").
			GoType(casestatus.Status("")).
			Default(string(casestatus.Open)).
			Annotations(entgql.Type("ConflictStatus")),
		field.Int("territory_id").Optional().Nillable().Immutable(),
		field.String("summary").NotEmpty().MaxRuneLen(2000).Immutable(),
		// What the reporter offers as evidence, in words; orders are linked.
		field.Text("evidence").Default("").MaxRuneLen(10000).Immutable(),
		// The dealer that reported it; null when staff opened it.
		field.Int("reporter_dealer_id").Optional().Nillable().Immutable(),
		field.Int("opened_by_id").Optional().Nillable().Immutable(),
		field.String("opened_by_name").Immutable(),
		field.Time("opened_at").Immutable(),
		// By severity, from the installation's settings, in business dates.
		field.Time("due_on").
			SchemaType(dateColumn).
			Annotations(dateType, entgql.OrderField("DUE_ON")),
		field.Text("resolution_note").Default(""),
		field.Time("resolved_at").Optional().Nillable(),
		field.Time("last_activity_at").
			Annotations(entgql.OrderField("LAST_ACTIVITY_AT")),
	}
}

func (ConflictCase) Edges() []ent.Edge {
	return []ent.Edge{
		// The dealers in conflict, the reporter among them.
		edge.To("parties", Dealer.Type).
			Annotations(tenantEdge(), entgql.Skip(entgql.SkipAll)),
		// Orders linked as evidence: shown to staff and the reporter only.
		edge.To("evidence_orders", Order.Type).
			Annotations(tenantEdge(), entgql.Skip(entgql.SkipAll)),
		edge.To("territory", Territory.Type).
			Field("territory_id").
			Unique().
			Immutable().
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		edge.To("reporter_dealer", Dealer.Type).
			Field("reporter_dealer_id").
			Unique().
			Immutable().
			Annotations(tenantEdge()),
		edge.To("opened_by", User.Type).
			Field("opened_by_id").
			Unique().
			Immutable().
			Annotations(tenantEdge()),
		edge.To("comments", ConflictComment.Type).
			Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("events", ConflictEvent.Type).
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (ConflictCase) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("ref").Unique(),
		index.Fields("status", "due_on"),
		index.Fields("last_activity_at"),
		index.Fields("number"),
	}
}

func (ConflictCase) Policy() ent.Policy { return access.ConflictCasePolicy() }

func (ConflictCase) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput),
	}
}

// ConflictComment is a comment on a case: from a party or from staff; an
// internal staff note is never shown to the parties.
type ConflictComment struct{ ent.Schema }

func (ConflictComment) Fields() []ent.Field {
	return []ent.Field{
		field.Int("case_id").Immutable(),
		field.Int("author_id").Optional().Nillable().Immutable(),
		field.String("author_name").Immutable(),
		field.Bool("from_staff").Immutable(),
		field.Bool("internal").Default(false).Immutable(),
		field.Text("body").NotEmpty().MaxRuneLen(10000).Immutable(),
		field.Time("at").Immutable(),
	}
}

func (ConflictComment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("case", ConflictCase.Type).
			Ref("comments").
			Field("case_id").
			Unique().
			Required().
			Immutable(),
		edge.To("author", User.Type).
			Field("author_id").
			Unique().
			Immutable().
			Annotations(tenantEdge()),
	}
}

func (ConflictComment) Indexes() []ent.Index {
	return []ent.Index{index.Fields("case_id", "at")}
}

func (ConflictComment) Policy() ent.Policy { return access.ConflictPartPolicy() }

func (ConflictComment) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput, entgql.SkipOrderField),
	}
}

// ConflictEvent is one change in a case's history: opened, a status move,
// a comment, reopened. Internal when it is about an internal note.
type ConflictEvent struct{ ent.Schema }

func (ConflictEvent) Fields() []ent.Field {
	return []ent.Field{
		field.Int("case_id").Immutable(),
		field.Enum("action").
			Values("OPENED", "STATUS_CHANGED", "COMMENTED", "REOPENED").
			Immutable().
			Annotations(entgql.Type("ConflictAction")),
		field.Enum("from").
			GoType(casestatus.Status("")).
			Optional().
			Nillable().
			Immutable().
			Annotations(entgql.Type("ConflictStatus")),
		field.Enum("to").
			GoType(casestatus.Status("")).
			Optional().
			Nillable().
			Immutable().
			Annotations(entgql.Type("ConflictStatus")),
		field.String("actor_name").Immutable(),
		field.Text("note").Default("").Immutable(),
		field.Bool("internal").Default(false).Immutable(),
		field.Time("at").Immutable(),
	}
}

func (ConflictEvent) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("case", ConflictCase.Type).
			Ref("events").
			Field("case_id").
			Unique().
			Required().
			Immutable(),
	}
}

func (ConflictEvent) Indexes() []ent.Index {
	return []ent.Index{index.Fields("case_id", "at")}
}

func (ConflictEvent) Policy() ent.Policy { return access.ConflictPartPolicy() }

func (ConflictEvent) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput, entgql.SkipOrderField),
	}
}
