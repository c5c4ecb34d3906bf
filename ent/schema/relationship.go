package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/dealerline/dealerline/access"
)

// Interaction is one contact the manufacturer's staff had with a dealer: a
// visit, a call, a training. Internal: dealer users never read it. Never
// deleted; its author corrects it within a day (audited), later by a new
// entry. Package relationship writes it.
type Interaction struct{ ent.Schema }

func (Interaction) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (Interaction) Fields() []ent.Field {
	return []ent.Field{
		field.Int("dealer_id").Immutable(),
		field.Enum("kind").
			Values("VISIT", "CALL", "MEETING", "EMAIL", "MESSAGE", "TRAINING").
			Annotations(entgql.Type("InteractionKind")),
		// When it happened: in the past, never in the future.
		field.Time("occurred_at").
			Annotations(entgql.OrderField("OCCURRED_AT")),
		field.String("subject").NotEmpty().MaxRuneLen(200),
		field.Text("notes").Default("").MaxRuneLen(10000),
		field.String("outcome").Default("").MaxRuneLen(2000),
		field.Int("author_id").Optional().Nillable().Immutable(),
		// The author as named then: a manager may not read an admin.
		field.String("author_name").Immutable(),
	}
}

func (Interaction) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("dealer", Dealer.Type).
			Field("dealer_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
		// Nullable: the viewer may not read the author (see authorName).
		edge.To("author", User.Type).
			Field("author_id").
			Unique().
			Immutable().
			Annotations(tenantEdge()),
		// The dealer's contacts who took part.
		edge.To("contacts", Contact.Type).
			Annotations(tenantEdge()),
		edge.To("follow_up", FollowUp.Type).
			Unique().
			Annotations(tenantEdge()),
	}
}

func (Interaction) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("dealer_id", "occurred_at"),
		index.Fields("occurred_at"),
		index.Fields("author_id"),
	}
}

func (Interaction) Policy() ent.Policy { return access.StaffDealerDataPolicy() }

func (Interaction) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput),
	}
}

// FollowUp is a task an interaction sets: what to do by when, and who does
// it (an admin or a manager who can read the dealer). Internal like its
// interaction.
type FollowUp struct{ ent.Schema }

func (FollowUp) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (FollowUp) Fields() []ent.Field {
	return []ent.Field{
		field.Int("interaction_id").Immutable().Unique(),
		field.Int("dealer_id").Immutable(),
		// A business date; overdue once the business date is past it.
		field.Time("due_on").
			SchemaType(dateColumn).
			Annotations(dateType, entgql.OrderField("DUE_ON")),
		field.String("text").NotEmpty().MaxRuneLen(2000),
		// Required by the service; nullable in GraphQL: the viewer may not
		// read the assignee (see assigneeName).
		field.Int("assignee_id").Optional().Nillable(),
		field.String("assignee_name"),
		// Done ones are listed latest first.
		field.Time("done_at").Optional().Nillable().
			Annotations(entgql.OrderField("DONE_AT")),
		field.String("done_by_name").Default(""),
	}
}

func (FollowUp) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("interaction", Interaction.Type).
			Ref("follow_up").
			Field("interaction_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
		edge.To("dealer", Dealer.Type).
			Field("dealer_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
		edge.To("assignee", User.Type).
			Field("assignee_id").
			Unique().
			Annotations(tenantEdge()),
	}
}

func (FollowUp) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("assignee_id", "done_at", "due_on"),
		index.Fields("dealer_id", "done_at"),
	}
}

func (FollowUp) Policy() ent.Policy { return access.StaffDealerDataPolicy() }

func (FollowUp) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput),
	}
}

// ServiceTicket is a dealer's service request: opened by a dealer user,
// answered by staff in a thread, closed and reopened. Its times feed the
// service-response KPI. Package relationship writes it.
type ServiceTicket struct{ ent.Schema }

func (ServiceTicket) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (ServiceTicket) Fields() []ent.Field {
	return []ent.Field{
		// The key a history import gave it (see importRef).
		importRef(),
		// ST- and the ticket's sequence number, set in the transaction that
		// opens it (non-null in GraphQL: graph/relationship.graphqls).
		field.String("number").
			Optional().
			Annotations(entgql.Skip(entgql.SkipType)),
		field.Int("dealer_id").Immutable(),
		field.Int("order_id").Optional().Nillable().Immutable(),
		field.Enum("category").
			Values("DELIVERY", "PRODUCT", "BILLING", "OTHER").
			Default("OTHER").
			Immutable().
			Annotations(entgql.Type("TicketCategory")),
		field.String("subject").NotEmpty().MaxRuneLen(200).Immutable(),
		field.Text("body").NotEmpty().MaxRuneLen(10000).Immutable(),
		// OPEN until staff reply, ANSWERED while staff replied last, CLOSED.
		field.Enum("status").
			Values("OPEN", "ANSWERED", "CLOSED").
			Default("OPEN").
			Annotations(entgql.Type("TicketStatus")),
		field.Time("opened_at").Immutable(),
		field.Int("opened_by_id").Optional().Nillable().Immutable(),
		field.String("opened_by_name").Immutable(),
		field.Time("first_response_at").Optional().Nillable(),
		field.Time("closed_at").Optional().Nillable(),
		// The last reply, close or reopen: the queue's order.
		field.Time("last_activity_at").
			Annotations(entgql.OrderField("LAST_ACTIVITY_AT")),
		field.Int("reply_count").Default(0).NonNegative(),
	}
}

func (ServiceTicket) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("dealer", Dealer.Type).
			Field("dealer_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
		// Nullable: the order may be one the viewer cannot read.
		edge.To("order", Order.Type).
			Field("order_id").
			Unique().
			Immutable().
			Annotations(tenantEdge()),
		// Nullable: dealer users may not read staff, and the reverse.
		edge.To("opened_by", User.Type).
			Field("opened_by_id").
			Unique().
			Immutable().
			Annotations(tenantEdge()),
		edge.To("replies", TicketReply.Type).
			Annotations(tenantEdge()),
	}
}

func (ServiceTicket) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("ref").Unique(),
		index.Fields("dealer_id", "opened_at"),
		index.Fields("status", "last_activity_at"),
		index.Fields("last_activity_at"),
		index.Fields("number"),
	}
}

func (ServiceTicket) Policy() ent.Policy { return access.DealerDataPolicy() }

func (ServiceTicket) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput),
	}
}

// TicketReply is one message in a ticket's thread, from the dealer or from
// staff.
type TicketReply struct{ ent.Schema }

func (TicketReply) Fields() []ent.Field {
	return []ent.Field{
		field.Int("ticket_id").Immutable(),
		field.Int("dealer_id").Immutable(),
		field.Int("author_id").Optional().Nillable().Immutable(),
		field.String("author_name").Immutable(),
		// Written by the manufacturer's staff rather than the dealer.
		field.Bool("from_staff").Immutable(),
		field.Text("body").NotEmpty().MaxRuneLen(10000).Immutable(),
		field.Time("at").Immutable(),
	}
}

func (TicketReply) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("ticket", ServiceTicket.Type).
			Ref("replies").
			Field("ticket_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
		edge.To("dealer", Dealer.Type).
			Field("dealer_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
		edge.To("author", User.Type).
			Field("author_id").
			Unique().
			Immutable().
			Annotations(tenantEdge()),
	}
}

func (TicketReply) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("ticket_id", "at"),
		index.Fields("dealer_id", "at"),
	}
}

func (TicketReply) Policy() ent.Policy { return access.DealerDataPolicy() }

func (TicketReply) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput, entgql.SkipOrderField),
	}
}
