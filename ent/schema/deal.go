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

// DealRegistration is an end-customer project a dealer registers to have
// it protected: staff approve it (protected until a date) or reject it
// with a reason; WON (with the orders that fulfilled it) or LOST closes
// it. Its dealer's users and the staff who see the dealer read it; no
// other dealer does. Package deals writes it.
type DealRegistration struct{ ent.Schema }

func (DealRegistration) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (DealRegistration) Fields() []ent.Field {
	return []ent.Field{
		// DR- and the registration's sequence number, set in the transaction
		// that registers it (non-null in GraphQL: graph/deals.graphqls).
		field.String("number").
			Optional().
			Annotations(entgql.Skip(entgql.SkipType)),
		field.Int("dealer_id").Immutable(),
		field.Int("territory_id").Immutable(),
		field.String("customer_name").NotEmpty().MaxRuneLen(200).Immutable(),
		// The customer's name normalised (deals.Normalise): what protection
		// matches on within the territory. Never shown.
		field.String("customer_key").
			Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.String("city").Default("").MaxRuneLen(100).Immutable(),
		field.Time("expected_close_on").
			SchemaType(dateColumn).
			Immutable().
			Annotations(dateType, entgql.OrderField("EXPECTED_CLOSE_ON")),
		field.Text("notes").Default("").MaxRuneLen(4000).Immutable(),
		field.Enum("status").
			Values("PENDING", "APPROVED", "REJECTED", "WON", "LOST").
			Default("PENDING").
			Annotations(entgql.Type("DealStatus")),
		// Set on approval: the last business date the customer is the
		// dealer's.
		field.Time("protected_until").
			Optional().
			Nillable().
			SchemaType(dateColumn).
			Annotations(dateType),
		// Staff's reason for a rejection, or their note with an approval.
		field.Text("decision_note").Default(""),
		field.Time("decided_at").Optional().Nillable(),
		field.String("decided_by_name").Default(""),
		// The dealer's words with the outcome.
		field.Text("outcome_note").Default(""),
		field.Time("closed_at").Optional().Nillable(),
		field.Time("registered_at").
			Immutable().
			Annotations(entgql.OrderField("REGISTERED_AT")),
		field.Int("registered_by_id").Optional().Nillable().Immutable(),
		field.String("registered_by_name").Immutable(),
		// The lead it was accepted from, if any.
		field.Int("lead_id").Optional().Nillable().Immutable(),
		// The conflict case its approval opened over another dealer's
		// protected registration of the same customer.
		field.Int("conflict_case_id").Optional().Nillable(),
		// Bumped on every change.
		field.Int("version").Default(1).
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

func (DealRegistration) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("dealer", Dealer.Type).
			Field("dealer_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
		edge.To("territory", Territory.Type).
			Field("territory_id").
			Unique().
			Required().
			Immutable().
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		// Nullable: staff may not be read by dealer users.
		edge.To("registered_by", User.Type).
			Field("registered_by_id").
			Unique().
			Immutable().
			Annotations(tenantEdge()),
		edge.To("lines", DealLine.Type).
			Annotations(tenantEdge()),
		// The orders that fulfilled a WON registration.
		edge.To("orders", Order.Type).
			Annotations(tenantEdge(), entgql.Skip(entgql.SkipAll)),
		edge.To("lead", Lead.Type).
			Field("lead_id").
			Unique().
			Immutable().
			Annotations(tenantEdge()),
		edge.To("conflict_case", ConflictCase.Type).
			Field("conflict_case_id").
			Unique().
			Annotations(tenantEdge()),
	}
}

func (DealRegistration) Indexes() []ent.Index {
	return []ent.Index{
		// Protection: the registrations of one customer in one territory.
		index.Fields("territory_id", "customer_key"),
		index.Fields("dealer_id", "registered_at"),
		index.Fields("status", "registered_at"),
		index.Fields("number"),
	}
}

func (DealRegistration) Policy() ent.Policy { return access.OwnDealerDataPolicy() }

func (DealRegistration) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput),
	}
}

// DealLine is a product a registered project expects to buy, and how many.
type DealLine struct{ ent.Schema }

func (DealLine) Fields() []ent.Field {
	return []ent.Field{
		field.Int("deal_id").Immutable(),
		field.Int("dealer_id").Immutable(),
		field.Int("product_id").Immutable(),
		// The product as it was registered: the line reads the same when
		// the product is retired.
		field.String("sku").Immutable(),
		field.String("product_name").Immutable(),
		field.Int("quantity").Positive().Immutable(),
	}
}

func (DealLine) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("deal", DealRegistration.Type).
			Ref("lines").
			Field("deal_id").
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
		// Not in GraphQL: a retired product is not read by dealer users; the
		// line's sku and productName say what it was.
		edge.To("product", Product.Type).
			Field("product_id").
			Unique().
			Required().
			Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (DealLine) Indexes() []ent.Index {
	return []ent.Index{index.Fields("deal_id")}
}

func (DealLine) Policy() ent.Policy { return access.OwnDealerDataPolicy() }

func (DealLine) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput, entgql.SkipOrderField),
	}
}
