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
	"github.com/dealerline/dealerline/incentive"
	"github.com/dealerline/dealerline/period"
)

// periodType marks a calendar period: "2026", "2026-Q3", "2026-07".
var periodType = entgql.Type("Period")

// Quota is a dealer's sales target for one month (DESIGN §6): a quarter's
// or a year's is the sum of its months, a channel's the sum of its
// dealers'. Package quotas writes it.
type Quota struct{ ent.Schema }

func (Quota) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (Quota) Fields() []ent.Field {
	return []ent.Field{
		field.Int("dealer_id").Immutable(),
		// Always a month.
		field.String("month").
			GoType(period.Period{}).
			Immutable().
			Annotations(periodType, entgql.OrderField("MONTH")),
		field.Int64("amount").
			NonNegative().
			Annotations(moneyType),
	}
}

func (Quota) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("dealer", Dealer.Type).
			Ref("quotas").
			Field("dealer_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
	}
}

func (Quota) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("dealer_id", "month").Unique(),
		index.Fields("month"),
	}
}

func (Quota) Policy() ent.Policy { return access.DealerDataPolicy() }

func (Quota) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entsql.Annotation{Table: "quotas"},
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput),
	}
}

// Promotion is a discount the manufacturer offers an audience of dealers
// on some products (or categories, or all) for a span of business dates.
// placeOrder applies the best one valid to each line. Package promotions
// writes it.
type Promotion struct{ ent.Schema }

func (Promotion) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (Promotion) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxRuneLen(200),
		// Markdown; the portal renders it without raw HTML.
		field.Text("description").Default("").MaxRuneLen(10000),
		// 1 to 10000 (100 %).
		field.Int("discount_basis_points").Range(1, 10000),
		// A line gets the promotion from this quantity; null for any.
		field.Int("min_quantity").Optional().Nillable().Positive(),
		// Both business dates included.
		field.Time("valid_from").
			SchemaType(dateColumn).
			Annotations(dateType, entgql.OrderField("VALID_FROM")),
		field.Time("valid_to").
			SchemaType(dateColumn).
			Annotations(dateType, entgql.OrderField("VALID_TO")),
		// Whether it adds to the best other promotion of a line instead of
		// competing with it.
		field.Bool("stacks").Default(false),
		// Product categories it covers besides the products named; with
		// neither, every product.
		field.JSON("categories", []string{}).Optional(),
		// The audience, as policies hold it: every dealer, or those
		// matching each of channels, tiers and territories given, plus
		// those named.
		field.Bool("all_dealers").Default(false),
		field.JSON("tiers", []int{}).Optional(),
		field.Enum("status").
			Values("ACTIVE", "WITHDRAWN").
			Default("ACTIVE").
			Annotations(entgql.Type("PromotionStatus")),
		field.Time("published_at").
			Immutable().
			Annotations(entgql.OrderField("PUBLISHED_AT")),
		field.Int("published_by_id").Optional().Nillable(),
		field.String("published_by_name"),
		field.Time("withdrawn_at").Optional().Nillable(),
		// The announcement that told the audience.
		field.Int("announcement_id").Optional().Nillable(),
	}
}

func (Promotion) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("products", Product.Type),
		edge.To("channels", Channel.Type),
		edge.To("territories", Territory.Type),
		edge.To("dealers", Dealer.Type).
			Annotations(tenantEdge(), entgql.Skip(entgql.SkipAll)),
		edge.To("published_by", User.Type).
			Field("published_by_id").
			Unique().
			Annotations(tenantEdge()),
		edge.To("announcement", Announcement.Type).
			Field("announcement_id").
			Unique().
			Annotations(tenantEdge()),
	}
}

func (Promotion) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("status", "valid_from", "valid_to"),
	}
}

func (Promotion) Policy() ent.Policy { return access.PromotionPolicy() }

func (Promotion) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput),
	}
}

// RebateProgram pays an audience of dealers a share of their net invoiced
// sales of some products per period, by tiers. Its periods run from
// first_period to last_period (of its kind); each is settled once after
// it closes, by credit notes of kind REBATE. Package rebates writes it.
type RebateProgram struct{ ent.Schema }

func (RebateProgram) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (RebateProgram) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxRuneLen(200),
		field.Text("description").Default("").MaxRuneLen(10000),
		field.Enum("period_kind").
			GoType(period.Kind("")).
			Immutable().
			Annotations(entgql.Type("PeriodKind")),
		field.String("first_period").
			GoType(period.Period{}).
			Annotations(periodType),
		// Null: runs until ended.
		field.String("last_period").
			GoType(period.Period{}).
			Optional().
			Nillable().
			Annotations(periodType),
		// What the rate applies to. NET_INVOICED: invoices issued in the
		// period less credit notes of kind CORRECTION or RETURN issued in
		// it.
		field.Enum("basis").
			Values("NET_INVOICED").
			Default("NET_INVOICED").
			Immutable().
			Annotations(entgql.Type("RebateBasis")),
		field.Enum("tier_mode").
			GoType(incentive.TierMode("")).
			Immutable().
			Annotations(entgql.Type("RebateTierMode")),
		// Thresholds strictly rising; read through RebateProgram.tiers.
		field.JSON("tiers", []incentive.Tier{}).
			Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.JSON("categories", []string{}).Optional().Immutable(),
		field.Bool("all_dealers").Default(false).Immutable(),
		field.JSON("dealer_tiers", []int{}).Optional().Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Time("published_at").
			Immutable().
			Annotations(entgql.OrderField("PUBLISHED_AT")),
		field.Int("published_by_id").Optional().Nillable(),
		field.String("published_by_name"),
		// Raised by each settlement, so two settlements of one program
		// queue on its row.
		field.Int("settlements").Default(0).
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (RebateProgram) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("products", Product.Type),
		edge.To("channels", Channel.Type),
		edge.To("territories", Territory.Type),
		edge.To("dealers", Dealer.Type).
			Annotations(tenantEdge(), entgql.Skip(entgql.SkipAll)),
		edge.To("published_by", User.Type).
			Field("published_by_id").
			Unique().
			Annotations(tenantEdge()),
		edge.From("credit_notes", CreditNote.Type).
			Ref("rebate_program").
			Annotations(tenantEdge(), entgql.Skip(entgql.SkipAll)),
	}
}

func (RebateProgram) Policy() ent.Policy { return access.RebateProgramPolicy() }

func (RebateProgram) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput),
	}
}

// RebateTierMark is the highest tier of a program a dealer has reached in
// one period, as last told: a tier reached again after a correction took
// it away is not news twice. Package rebates writes it when an invoice
// raises the basis.
type RebateTierMark struct{ ent.Schema }

func (RebateTierMark) Fields() []ent.Field {
	return []ent.Field{
		field.Int("program_id").Immutable(),
		field.Int("dealer_id").Immutable(),
		field.String("period").GoType(period.Period{}).Immutable(),
		field.Int64("threshold"),
		field.Time("reached_at"),
	}
}

func (RebateTierMark) Indexes() []ent.Index {
	return []ent.Index{index.Fields("program_id", "dealer_id", "period").Unique()}
}

func (RebateTierMark) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

func (RebateTierMark) Policy() ent.Policy { return access.SystemOnlyPolicy() }
