package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/returns/returnstatus"
)

// SalesReturn is goods a dealer sends back from a delivered order: asked
// for by the dealer, approved or rejected by staff, then received, when a
// credit note pays for what arrived. ("Return" is a Go keyword, so ent
// cannot name a type after it.) Package returns writes it.
type SalesReturn struct{ ent.Schema }

func (SalesReturn) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (SalesReturn) Fields() []ent.Field {
	return []ent.Field{
		// RT- and the return's sequence number, set in the transaction that
		// requests it (non-null in GraphQL: graph/returns.graphqls).
		field.String("number").
			Optional().
			Annotations(entgql.Skip(entgql.SkipType)),
		field.Int("dealer_id").Immutable(),
		field.Int("order_id").Immutable(),
		field.Enum("status").
			GoType(returnstatus.Status("")).
			Default(string(returnstatus.Requested)).
			Annotations(entgql.Type("ReturnStatus")),
		field.Enum("reason").
			Values("DAMAGED", "DEFECTIVE", "WRONG_ITEM", "NOT_NEEDED", "OTHER").
			Immutable().
			Annotations(entgql.Type("ReturnReason")),
		// The dealer's words with the request.
		field.Text("note").Default("").MaxRuneLen(2000).Immutable(),
		// Bumped on every change, for optimistic concurrency (expectedVersion).
		field.Int("version").Default(1).
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Time("requested_at").
			Immutable().
			Annotations(entgql.OrderField("REQUESTED_AT")),
		field.Int("requested_by_id").Optional().Nillable().Immutable(),
		field.String("requested_by_name").Immutable(),
		// When staff approved or rejected it, and when the goods arrived.
		field.Time("decided_at").Optional().Nillable(),
		field.Time("received_at").Optional().Nillable(),
		// Σ of the credit notes issued for the goods received.
		field.Int64("credited_amount").Optional().Nillable().
			Annotations(moneyType),
	}
}

func (SalesReturn) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("dealer", Dealer.Type).
			Field("dealer_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
		edge.To("order", Order.Type).
			Field("order_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
		// Nullable: staff may not be read by dealer users, and the reverse.
		edge.To("requested_by", User.Type).
			Field("requested_by_id").
			Unique().
			Immutable().
			Annotations(tenantEdge()),
		edge.To("lines", SalesReturnLine.Type).
			Annotations(tenantEdge()),
		edge.To("history", SalesReturnEvent.Type).
			Annotations(tenantEdge()),
	}
}

func (SalesReturn) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("dealer_id", "requested_at"),
		index.Fields("order_id"),
		index.Fields("status", "requested_at"),
		index.Fields("number"),
	}
}

func (SalesReturn) Policy() ent.Policy { return access.DealerDataPolicy() }

func (SalesReturn) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput),
	}
}

// SalesReturnLine is one order line's units on a return: how many the
// dealer sends back and, once received, how many arrived and the credit
// note that paid for them.
type SalesReturnLine struct{ ent.Schema }

func (SalesReturnLine) Fields() []ent.Field {
	return []ent.Field{
		field.Int("return_id").Immutable(),
		field.Int("dealer_id").Immutable(),
		field.Int("order_line_id").Immutable(),
		// The order line's product as it was ordered: the line reads the
		// same when the product is retired.
		field.String("sku").Immutable(),
		field.String("product_name").Immutable(),
		field.Int("quantity").Positive().Immutable(),
		// Set when the return is received; at most quantity.
		field.Int("received_quantity").Optional().Nillable().NonNegative(),
		// The credit note for the units received (none when none arrived).
		field.Int("credit_note_id").Optional().Nillable(),
	}
}

func (SalesReturnLine) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("sales_return", SalesReturn.Type).
			Ref("lines").
			Field("return_id").
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
		edge.To("order_line", OrderLine.Type).
			Field("order_line_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
		edge.To("credit_note", CreditNote.Type).
			Field("credit_note_id").
			Unique().
			Annotations(tenantEdge()),
	}
}

func (SalesReturnLine) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("return_id"),
		// What is returned of an order line already.
		index.Fields("order_line_id"),
	}
}

func (SalesReturnLine) Policy() ent.Policy { return access.DealerDataPolicy() }

func (SalesReturnLine) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput, entgql.SkipOrderField),
	}
}

// SalesReturnEvent is one entry of a return's history: its request and
// every change of status, with who and why.
type SalesReturnEvent struct{ ent.Schema }

func (SalesReturnEvent) Fields() []ent.Field {
	return []ent.Field{
		field.Int("return_id").Immutable(),
		// The dealer, for its timeline: a range of the (dealer_id, at) index.
		field.Int("dealer_id").Immutable(),
		// Null for the request.
		field.Enum("from").
			GoType(returnstatus.Status("")).
			Optional().
			Nillable().
			Immutable().
			Annotations(entgql.Type("ReturnStatus")),
		field.Enum("to").
			GoType(returnstatus.Status("")).
			Immutable().
			Annotations(entgql.Type("ReturnStatus")),
		field.Int("actor_id").Optional().Nillable().Immutable(),
		// The actor's name as it was (see OrderEvent.actor_name).
		field.String("actor_name").Immutable(),
		field.Time("at").Immutable(),
		field.Text("note").Default("").Immutable(),
	}
}

func (SalesReturnEvent) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("sales_return", SalesReturn.Type).
			Ref("history").
			Field("return_id").
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
		// Nullable: the viewer may not read the actor (see actorName).
		edge.To("actor", User.Type).
			Field("actor_id").
			Unique().
			Immutable().
			Annotations(tenantEdge()),
	}
}

func (SalesReturnEvent) Indexes() []ent.Index {
	return []ent.Index{index.Fields("return_id", "at"), index.Fields("dealer_id", "at")}
}

func (SalesReturnEvent) Policy() ent.Policy { return access.DealerDataPolicy() }

func (SalesReturnEvent) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput, entgql.SkipOrderField)}
}
