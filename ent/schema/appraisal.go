package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/period"
)

// The appraisal facts (DESIGN §6): what the KPIs read besides orders,
// invoices, tickets and quotas. Each is dated by the business fact (the day
// stock was counted, the outlets surveyed, the cost incurred), never by when
// it was typed, so that history can be imported. Package facts writes them;
// package appraisal reads them.

// importRef is the key a history import gives a record ("ref" in the
// import format): the same file imported again finds it and changes
// nothing. Null for records made in Dealerline.
func importRef() ent.Field {
	return field.String("ref").
		Optional().
		Nillable().
		Immutable().
		NotEmpty().
		MaxRuneLen(100).
		Annotations(entgql.Skip())
}

// recorder is who typed a fact in, with the name kept as it was.
func recorder() []ent.Field {
	return []ent.Field{
		field.Int("recorded_by_id").Optional().Nillable().Immutable(),
		field.String("recorded_by_name").Default("").Immutable(),
	}
}

// recorderEdge is nullable in GraphQL: staff may not read a dealer's user,
// and the reverse.
func recorderEdge() ent.Edge {
	return edge.To("recorded_by", User.Type).
		Field("recorded_by_id").
		Unique().
		Immutable().
		Annotations(tenantEdge())
}

func dealerEdge() ent.Edge {
	return edge.To("dealer", Dealer.Type).
		Field("dealer_id").
		Unique().
		Required().
		Immutable().
		Annotations(tenantEdge())
}

// InventoryReport is a dealer's stock count on one business date.
type InventoryReport struct{ ent.Schema }

func (InventoryReport) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (InventoryReport) Fields() []ent.Field {
	return append([]ent.Field{
		importRef(),
		field.Int("dealer_id").Immutable(),
		field.Time("reported_on").
			Immutable().
			SchemaType(dateColumn).
			Annotations(dateType, entgql.OrderField("REPORTED_ON")),
	}, recorder()...)
}

func (InventoryReport) Edges() []ent.Edge {
	return []ent.Edge{
		dealerEdge(),
		recorderEdge(),
		edge.To("lines", InventoryLine.Type),
	}
}

func (InventoryReport) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("ref").Unique(),
		index.Fields("dealer_id", "reported_on"),
		index.Fields("reported_on"),
	}
}

func (InventoryReport) Policy() ent.Policy { return access.DealerDataPolicy() }

func (InventoryReport) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput),
	}
}

// InventoryLine is one product's stock in a report, valued at the
// product's unit cost on the day it was reported (copied, like an order
// line's cost, so a later cost change does not rewrite the past), and
// named by its SKU and name then: a dealer no longer sees a product once
// it is withdrawn, but still reads what it counted.
type InventoryLine struct{ ent.Schema }

func (InventoryLine) Fields() []ent.Field {
	return []ent.Field{
		field.Int("report_id").Immutable(),
		// The report's dealer, kept on the line for the privacy filter.
		field.Int("dealer_id").Immutable(),
		// Always written; optional so that the product reads as null to a
		// dealer once it is withdrawn, like an order line's.
		field.Int("product_id").Optional().Immutable(),
		// Required of every writer; the column's default only names the
		// lines from before it, until the fill of package store does.
		field.String("sku").Immutable().Annotations(entsql.DefaultExpr("''")),
		field.String("product_name").Immutable().Annotations(entsql.DefaultExpr("''")),
		field.Int("stock").NonNegative().Immutable(),
		field.Int64("unit_cost").NonNegative().Immutable().Annotations(moneyType),
	}
}

func (InventoryLine) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("report", InventoryReport.Type).
			Ref("lines").
			Field("report_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
		dealerEdge(),
		edge.To("product", Product.Type).
			Field("product_id").
			Unique().
			Immutable().
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
	}
}

func (InventoryLine) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("report_id", "product_id").Unique().
			// A period's stock summed from the reports dated in it alone.
			Annotations(entsql.IncludeColumns("dealer_id", "stock", "unit_cost")),
		index.Fields("dealer_id"),
	}
}

func (InventoryLine) Policy() ent.Policy { return access.DealerDataPolicy() }

func (InventoryLine) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput),
	}
}

// DistributionSurvey counts the outlets a dealer serves that were visited
// and those found carrying the products, e.g. after a VISIT. Staff record
// it; the dealer sees its own.
type DistributionSurvey struct{ ent.Schema }

func (DistributionSurvey) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (DistributionSurvey) Fields() []ent.Field {
	return append([]ent.Field{
		importRef(),
		field.Int("dealer_id").Immutable(),
		field.Time("surveyed_on").
			Immutable().
			SchemaType(dateColumn).
			Annotations(dateType, entgql.OrderField("SURVEYED_ON")),
		field.Int("outlets_visited").Positive().Immutable(),
		// At most outlets_visited (checked by package facts).
		field.Int("outlets_carrying").NonNegative().Immutable(),
		// The visit it was made on, when there was one.
		field.Int("interaction_id").Optional().Nillable().Immutable(),
		field.Text("note").Default("").MaxRuneLen(2000).Immutable(),
	}, recorder()...)
}

func (DistributionSurvey) Edges() []ent.Edge {
	return []ent.Edge{
		dealerEdge(),
		recorderEdge(),
		edge.To("interaction", Interaction.Type).
			Field("interaction_id").
			Unique().
			Immutable().
			Annotations(tenantEdge()),
	}
}

func (DistributionSurvey) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("ref").Unique(),
		index.Fields("dealer_id", "surveyed_on"),
		index.Fields("surveyed_on"),
	}
}

func (DistributionSurvey) Policy() ent.Policy { return access.DealerDataPolicy() }

func (DistributionSurvey) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput),
	}
}

// SatisfactionScore is one end-customer satisfaction (CSAT) score, 1–5,
// for a dealer on a business date. Staff record it.
type SatisfactionScore struct{ ent.Schema }

func (SatisfactionScore) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (SatisfactionScore) Fields() []ent.Field {
	return append([]ent.Field{
		importRef(),
		field.Int("dealer_id").Immutable(),
		field.Time("scored_on").
			Immutable().
			SchemaType(dateColumn).
			Annotations(dateType, entgql.OrderField("SCORED_ON")),
		field.Int("score").Range(1, 5).Immutable(),
		field.Text("note").Default("").MaxRuneLen(2000).Immutable(),
	}, recorder()...)
}

func (SatisfactionScore) Edges() []ent.Edge {
	return []ent.Edge{dealerEdge(), recorderEdge()}
}

func (SatisfactionScore) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("ref").Unique(),
		index.Fields("dealer_id", "scored_on"),
		index.Fields("scored_on"),
	}
}

func (SatisfactionScore) Policy() ent.Policy { return access.DealerDataPolicy() }

func (SatisfactionScore) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput),
	}
}

// ChannelCost is money the manufacturer spent on a channel (marketing,
// training, support …), attributed to one of its dealers or to the channel
// as a whole. Administrators record it; managers read their channels'.
type ChannelCost struct{ ent.Schema }

func (ChannelCost) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (ChannelCost) Fields() []ent.Field {
	return append([]ent.Field{
		importRef(),
		field.Int("channel_id").Immutable(),
		field.Int("dealer_id").Optional().Nillable().Immutable(),
		field.Time("incurred_on").
			Immutable().
			SchemaType(dateColumn).
			Annotations(dateType, entgql.OrderField("INCURRED_ON")),
		// Free text chosen by the installation, e.g. "Marketing".
		field.String("category").NotEmpty().MaxRuneLen(100).Immutable(),
		field.Int64("amount").Positive().Immutable().Annotations(moneyType),
		field.Text("note").Default("").MaxRuneLen(2000).Immutable(),
	}, recorder()...)
}

func (ChannelCost) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("channel", Channel.Type).
			Field("channel_id").
			Unique().
			Required().
			Immutable().
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		edge.To("dealer", Dealer.Type).
			Field("dealer_id").
			Unique().
			Immutable().
			Annotations(tenantEdge()),
		recorderEdge(),
	}
}

func (ChannelCost) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("ref").Unique(),
		index.Fields("channel_id", "incurred_on"),
		index.Fields("dealer_id", "incurred_on"),
	}
}

func (ChannelCost) Policy() ent.Policy { return access.ChannelCostPolicy() }

func (ChannelCost) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput),
	}
}

// MarketShare is the manufacturer's share of a territory's market in one
// month, 0–1, as an administrator enters it from market research.
type MarketShare struct{ ent.Schema }

func (MarketShare) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (MarketShare) Fields() []ent.Field {
	return []ent.Field{
		field.Int("territory_id").Immutable(),
		// Always a month.
		field.String("month").
			GoType(period.Period{}).
			Immutable().
			Annotations(periodType, entgql.OrderField("MONTH")),
		field.Float("share").Range(0, 1),
	}
}

func (MarketShare) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("territory", Territory.Type).
			Field("territory_id").
			Unique().
			Required().
			Immutable().
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
	}
}

func (MarketShare) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("territory_id", "month").Unique(),
		index.Fields("month"),
	}
}

// Every signed-in user may read market shares, like territories.
func (MarketShare) Policy() ent.Policy { return access.CatalogPolicy() }

func (MarketShare) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entsql.Annotation{Table: "market_shares"},
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput),
	}
}
