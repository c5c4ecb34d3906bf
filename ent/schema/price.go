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

// Price is what a dealer of one tier pays for a product over a period,
// optionally for one channel only; a channel price wins over the tier price.
// The periods of one product, tier and channel never overlap.
type Price struct{ ent.Schema }

func (Price) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (Price) Fields() []ent.Field {
	return []ent.Field{
		field.Int("tier").Range(1, 2),
		field.Int64("amount").Annotations(moneyType).NonNegative(),
		// Valid from this business date (inclusive) ...
		field.Time("valid_from").SchemaType(dateColumn).Annotations(dateType),
		// ... to this one (exclusive); open-ended when null.
		field.Time("valid_to").SchemaType(dateColumn).Annotations(dateType).Optional().Nillable(),
		field.Int("product_id"),
		field.Int("channel_id").Optional().Nillable(),
	}
}

func (Price) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("product", Product.Type).
			Ref("prices").
			Field("product_id").
			Unique().
			Required(),
		edge.From("channel", Channel.Type).
			Ref("prices").
			Field("channel_id").
			Unique(),
	}
}

func (Price) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("product_id", "tier", "channel_id", "valid_from"),
	}
}

func (Price) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

func (Price) Hooks() []ent.Hook {
	return []ent.Hook{noOverlappingPrices()}
}

func (Price) Policy() ent.Policy { return access.PricePolicy() }
