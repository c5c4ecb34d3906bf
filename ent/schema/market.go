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

// MarketReport is what a dealer saw in its market: a competitor's street
// price for one of our products in one of its territories, on a date.
// Staff read their dealers' reports; a dealer its own, and the price
// observations of its territories without who reported them (package
// market). They feed the price-pressure signal.
type MarketReport struct{ ent.Schema }

func (MarketReport) Fields() []ent.Field {
	return []ent.Field{
		// The key a history import gave it (see importRef).
		importRef(),
		field.Int("dealer_id").Immutable(),
		field.Int("territory_id").Immutable(),
		field.Int("product_id").Immutable(),
		field.String("competitor").NotEmpty().MaxRuneLen(200).Immutable(),
		field.Int64("observed_price").Positive().Immutable().Annotations(moneyType),
		field.Time("observed_on").
			Immutable().
			SchemaType(dateColumn).
			Annotations(dateType, entgql.OrderField("OBSERVED_ON")),
		field.Text("note").Default("").MaxRuneLen(2000).Immutable(),
		field.Int("reported_by_id").Optional().Nillable().Immutable(),
		field.String("reported_by_name").Immutable(),
		field.Time("reported_at").Immutable(),
	}
}

func (MarketReport) Edges() []ent.Edge {
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
		edge.To("product", Product.Type).
			Field("product_id").
			Unique().
			Required().
			Immutable().
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		// Nullable: staff may not read the dealer's user, and the reverse.
		edge.To("reported_by", User.Type).
			Field("reported_by_id").
			Unique().
			Immutable().
			Annotations(tenantEdge()),
	}
}

func (MarketReport) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("ref").Unique(),
		index.Fields("territory_id", "observed_on"),
		index.Fields("product_id", "observed_on"),
		index.Fields("dealer_id", "observed_on"),
	}
}

func (MarketReport) Policy() ent.Policy { return access.DealerDataPolicy() }

func (MarketReport) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput),
	}
}
