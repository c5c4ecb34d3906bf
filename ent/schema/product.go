package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
)

// Product is an item in the manufacturer's catalogue.
type Product struct{ ent.Schema }

func (Product) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (Product) Fields() []ent.Field {
	return []ent.Field{
		field.String("sku").
			NotEmpty().
			Validate(apperr.Line).
			MaxRuneLen(64).
			Unique().
			Annotations(entgql.OrderField("SKU")),
		field.String("name").
			NotEmpty().
			Validate(apperr.Line).
			MaxRuneLen(200).
			Annotations(entgql.OrderField("NAME")),
		field.String("category").
			MaxRuneLen(100).
			Validate(apperr.Line).
			Default("").
			Annotations(entgql.OrderField("CATEGORY")),
		// The name in Chinese, for portals read in Chinese; the name is
		// shown where it is absent.
		field.String("name_zh").
			Optional().
			Nillable().
			Validate(apperr.Line).
			MaxRuneLen(200),
		// The category in Chinese, as name_zh.
		field.String("category_zh").
			Optional().
			Nillable().
			Validate(apperr.Line).
			MaxRuneLen(100),
		// What one unit costs the manufacturer; gross margin is measured against it.
		field.Int64("unit_cost").Annotations(moneyType).NonNegative(),
		// The suggested end-customer price; market reports are compared with it.
		field.Int64("list_price").Annotations(moneyType).
			NonNegative().
			Annotations(entgql.OrderField("LIST_PRICE")),
		field.Bool("active").Default(true),
		// Units in the warehouse, and how many of them confirmed orders
		// hold: 0 ≤ reserved ≤ on_hand, kept by package stock with
		// conditional updates only. Staff read them through Product.stock;
		// dealers see availability, not quantities.
		field.Int("on_hand").Default(0).NonNegative().
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Int("reserved").Default(0).NonNegative().
			Annotations(entgql.Skip(entgql.SkipAll)),
		// About how many days it takes to ship what is not in stock.
		field.Int("lead_time_days").Default(0).Range(0, 365),
	}
}

func (Product) Edges() []ent.Edge {
	return []ent.Edge{
		// Prices are read per tier and channel; a where-input here would reveal
		// the prices of other tiers and channels.
		edge.To("prices", Price.Type).
			Annotations(tenantEdge(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		// Who bought a product is other dealers' business: not in GraphQL.
		edge.To("order_lines", OrderLine.Type).
			Annotations(entgql.Skip(entgql.SkipAll)),
		// Promotions and rebate programs that name it (read through
		// Product.promotions, under their own rules).
		edge.From("promoted_in", Promotion.Type).
			Ref("products").
			Annotations(entgql.Skip(entgql.SkipAll)),
		edge.From("rebated_in", RebateProgram.Type).
			Ref("products").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (Product) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("category"),
		index.Fields("active"),
	}
}

func (Product) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.QueryField(),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

func (Product) Policy() ent.Policy { return access.ProductPolicy() }
