package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/period"
)

// MarketingFund is a co-op / marketing development fund of one program and
// period: each dealer of its audience gets a budget (FundBudget), a fixed
// amount or a share of its net invoiced sales of the period, against which
// it claims marketing spend. Package funds writes it.
type MarketingFund struct{ ent.Schema }

func (MarketingFund) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (MarketingFund) Fields() []ent.Field {
	return []ent.Field{
		// The program's name: one fund per program and period.
		field.String("name").NotEmpty().MaxRuneLen(200).Immutable(),
		field.Text("description").Default("").MaxRuneLen(10000),
		field.String("period").
			GoType(period.Period{}).
			Immutable().
			Annotations(periodType, entgql.OrderField("PERIOD")),
		// AMOUNT: budget_amount per dealer. SHARE_OF_NET_INVOICED:
		// budget_basis_points of the dealer's net invoiced sales of the
		// period (invoices less CORRECTION and RETURN credit notes).
		field.Enum("budget_kind").
			Values("AMOUNT", "SHARE_OF_NET_INVOICED").
			Immutable().
			Annotations(entgql.Type("FundBudgetKind")),
		field.Int64("budget_amount").Optional().Nillable().Immutable().
			Annotations(moneyType),
		field.Int("budget_basis_points").Optional().Nillable().Immutable(),
		field.Time("published_at").
			Immutable().
			Annotations(entgql.OrderField("PUBLISHED_AT")),
		field.Int("published_by_id").Optional().Nillable().Immutable(),
		field.String("published_by_name").Immutable(),
	}
}

func (MarketingFund) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("budgets", FundBudget.Type).
			Annotations(tenantEdge(), entgql.Skip(entgql.SkipAll)),
		edge.To("published_by", User.Type).
			Field("published_by_id").
			Unique().
			Immutable().
			Annotations(tenantEdge()),
	}
}

func (MarketingFund) Indexes() []ent.Index {
	return []ent.Index{index.Fields("name", "period").Unique()}
}

func (MarketingFund) Policy() ent.Policy { return access.MarketingFundPolicy() }

func (MarketingFund) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput),
	}
}

// FundBudget is one dealer's budget in a fund. Its row is locked by every
// claim and decision on it (claims is bumped), so that two claims at once
// cannot both take the last of the budget.
type FundBudget struct{ ent.Schema }

func (FundBudget) Fields() []ent.Field {
	return []ent.Field{
		field.Int("fund_id").Immutable(),
		field.Int("dealer_id").Immutable(),
		field.Int("claims").Default(0).
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (FundBudget) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("fund", MarketingFund.Type).
			Ref("budgets").
			Field("fund_id").
			Unique().
			Required().
			Immutable(),
		edge.To("dealer", Dealer.Type).
			Field("dealer_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
		edge.To("fund_claims", FundClaim.Type).
			Annotations(tenantEdge(), entgql.Skip(entgql.SkipAll)),
	}
}

func (FundBudget) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("fund_id", "dealer_id").Unique(),
		index.Fields("dealer_id"),
	}
}

func (FundBudget) Policy() ent.Policy { return access.DealerDataPolicy() }

func (FundBudget) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput, entgql.SkipOrderField),
	}
}

// FundClaim is marketing spend a dealer claims against its budget, with
// proof; staff approve it in full or in part (paid at once by a credit
// note of kind MARKETING_FUND) or reject it with a reason. Package funds
// writes it.
type FundClaim struct{ ent.Schema }

func (FundClaim) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (FundClaim) Fields() []ent.Field {
	return []ent.Field{
		// MF- and the claim's sequence number (non-null in GraphQL).
		field.String("number").
			Optional().
			Annotations(entgql.Skip(entgql.SkipType)),
		field.Int("budget_id").Immutable(),
		field.Int("fund_id").Immutable(),
		field.Int("dealer_id").Immutable(),
		// What the money was spent on: a trade show, an advertisement.
		field.String("activity").NotEmpty().MaxRuneLen(200).Immutable(),
		// The business date of the activity.
		field.Time("activity_on").
			Immutable().
			SchemaType(dateColumn).
			Annotations(dateType),
		field.Int64("amount").Positive().Immutable().
			Annotations(moneyType, entgql.OrderField("AMOUNT")),
		field.Text("description").Default("").MaxRuneLen(2000).Immutable(),
		// Links to the proof (receipts, photographs), when there are any.
		field.JSON("attachments", []string{}).Optional().Immutable(),
		field.Enum("status").
			Values("SUBMITTED", "APPROVED", "PARTIALLY_APPROVED", "REJECTED").
			Default("SUBMITTED").
			Annotations(entgql.Type("FundClaimStatus")),
		// What staff approved: the amount, or less.
		field.Int64("approved_amount").Optional().Nillable().
			Annotations(moneyType),
		// Staff's reason for a rejection or a partial approval.
		field.Text("decision_note").Default(""),
		field.Int("version").Default(1),
		field.Time("submitted_at").
			Immutable().
			Annotations(entgql.OrderField("SUBMITTED_AT")),
		field.Int("submitted_by_id").Optional().Nillable().Immutable(),
		field.String("submitted_by_name").Immutable(),
		field.Time("decided_at").Optional().Nillable(),
		field.String("decided_by_name").Optional().Nillable(),
		// The MARKETING_FUND credit note that paid it.
		field.Int("credit_note_id").Optional().Nillable(),
	}
}

func (FundClaim) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("budget", FundBudget.Type).
			Ref("fund_claims").
			Field("budget_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
		edge.To("fund", MarketingFund.Type).
			Field("fund_id").
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
		// Nullable: staff may not be read by dealer users, and the reverse.
		edge.To("submitted_by", User.Type).
			Field("submitted_by_id").
			Unique().
			Immutable().
			Annotations(tenantEdge()),
		edge.To("credit_note", CreditNote.Type).
			Field("credit_note_id").
			Unique().
			Annotations(tenantEdge()),
	}
}

func (FundClaim) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("budget_id", "status"),
		index.Fields("dealer_id", "submitted_at"),
		index.Fields("status", "submitted_at"),
		index.Fields("fund_id"),
		index.Fields("number"),
	}
}

func (FundClaim) Policy() ent.Policy { return access.DealerDataPolicy() }

func (FundClaim) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput),
	}
}

// InvoiceDispute is a dealer's objection to an invoice, whole or some of
// its lines, for an amount: staff resolve it by a credit note of kind
// CORRECTION or reject it with a reason. While it is open its amount is
// shown on the statement and not counted as overdue. Package disputes
// writes it.
type InvoiceDispute struct{ ent.Schema }

func (InvoiceDispute) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (InvoiceDispute) Fields() []ent.Field {
	return []ent.Field{
		// DP- and the dispute's sequence number (non-null in GraphQL).
		field.String("number").
			Optional().
			Annotations(entgql.Skip(entgql.SkipType)),
		field.Int("dealer_id").Immutable(),
		field.Int("invoice_id").Immutable(),
		field.Int64("amount").Positive().Immutable().
			Annotations(moneyType, entgql.OrderField("AMOUNT")),
		// The shipment lines of the invoice disputed; none: the whole invoice.
		field.JSON("shipment_line_ids", []int{}).Optional().Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Text("reason").NotEmpty().MaxRuneLen(2000).Immutable(),
		field.Enum("status").
			Values("OPEN", "RESOLVED", "REJECTED").
			Default("OPEN").
			Annotations(entgql.Type("InvoiceDisputeStatus")),
		// Staff's words with the resolution or the rejection.
		field.Text("resolution_note").Default(""),
		field.Int64("credited_amount").Optional().Nillable().
			Annotations(moneyType),
		field.Int("credit_note_id").Optional().Nillable(),
		field.Int("version").Default(1),
		field.Time("raised_at").
			Immutable().
			Annotations(entgql.OrderField("RAISED_AT")),
		field.Int("raised_by_id").Optional().Nillable().Immutable(),
		field.String("raised_by_name").Immutable(),
		field.Time("resolved_at").Optional().Nillable(),
		field.String("resolved_by_name").Optional().Nillable(),
	}
}

func (InvoiceDispute) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("dealer", Dealer.Type).
			Field("dealer_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
		edge.To("invoice", Invoice.Type).
			Field("invoice_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
		edge.To("raised_by", User.Type).
			Field("raised_by_id").
			Unique().
			Immutable().
			Annotations(tenantEdge()),
		edge.To("credit_note", CreditNote.Type).
			Field("credit_note_id").
			Unique().
			Annotations(tenantEdge()),
	}
}

func (InvoiceDispute) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("invoice_id", "status"),
		index.Fields("dealer_id", "raised_at"),
		index.Fields("status", "raised_at"),
		index.Fields("number"),
	}
}

func (InvoiceDispute) Policy() ent.Policy { return access.DealerDataPolicy() }

func (InvoiceDispute) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput),
	}
}
