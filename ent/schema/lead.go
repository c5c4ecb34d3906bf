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

// Lead is a prospective customer staff found and hand to one dealer at a
// time: offered by hand or by rule, accepted (it becomes a registered
// deal) or declined — or left unanswered past its deadline — when it goes
// to the next dealer. The dealer it is offered to sees it while it holds
// it. Package leads writes it.
type Lead struct{ ent.Schema }

func (Lead) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (Lead) Fields() []ent.Field {
	return []ent.Field{
		// LD- and the lead's sequence number (non-null in GraphQL:
		// graph/leads.graphqls).
		field.String("number").
			Optional().
			Annotations(entgql.Skip(entgql.SkipType)),
		field.String("customer_name").NotEmpty().MaxRuneLen(200).Immutable(),
		field.String("city").Default("").MaxRuneLen(100).Immutable(),
		field.Int("territory_id").Immutable(),
		field.Text("need").NotEmpty().MaxRuneLen(4000).Immutable(),
		field.Enum("source").
			Values("WEBSITE", "TRADE_SHOW", "REFERRAL", "CAMPAIGN", "PHONE", "OTHER").
			Immutable().
			Annotations(entgql.Type("LeadSource")),
		field.Enum("status").
			Values("UNASSIGNED", "OFFERED", "ACCEPTED", "WON", "LOST").
			Default("UNASSIGNED").
			Annotations(entgql.Type("LeadStatus"), entgql.OrderField("STATUS")),
		// The dealer it is offered to or was accepted by; null while
		// unassigned.
		field.Int("dealer_id").Optional().Nillable(),
		// How it was last assigned: by hand or by which rule.
		field.Enum("rule").
			Values("MANUAL", "ROUND_ROBIN", "BEST_COMPLETION").
			Optional().
			Nillable().
			Annotations(entgql.Type("LeadAssignmentRule")),
		field.Time("offered_at").Optional().Nillable(),
		// The dealer answers before this, or the lead goes to the next one.
		field.Time("answer_due_at").Optional().Nillable(),
		// The registration an accepted lead became.
		field.Int("deal_id").Optional().Nillable(),
		field.Text("outcome_note").Default(""),
		field.String("created_by_name").Immutable(),
		field.Int("version").Default(1).
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

func (Lead) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("dealer", Dealer.Type).
			Field("dealer_id").
			Unique().
			Annotations(tenantEdge()),
		edge.To("territory", Territory.Type).
			Field("territory_id").
			Unique().
			Required().
			Immutable().
			Annotations(entgql.Skip(entgql.SkipWhereInput)),
		edge.To("deal", DealRegistration.Type).
			Field("deal_id").
			Unique().
			Annotations(tenantEdge()),
		edge.To("offers", LeadOffer.Type).
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (Lead) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("status", "answer_due_at"),
		index.Fields("dealer_id", "status"),
		index.Fields("number"),
	}
}

func (Lead) Policy() ent.Policy { return access.LeadPolicy() }

func (Lead) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput),
	}
}

// LeadOffer is one offer of a lead to a dealer and its answer: the history
// that decides who is next in turn, that a dealer who declined is not
// offered the lead again, and each dealer's lead conversion.
type LeadOffer struct{ ent.Schema }

func (LeadOffer) Fields() []ent.Field {
	return []ent.Field{
		field.Int("lead_id").Immutable(),
		field.Int("dealer_id").Immutable(),
		field.Int("territory_id").Immutable(),
		field.Enum("rule").
			Values("MANUAL", "ROUND_ROBIN", "BEST_COMPLETION").
			Immutable(),
		field.Time("offered_at").Immutable(),
		field.Time("answer_due_at").Immutable(),
		// Null while the dealer has not answered.
		field.Enum("answer").
			Values("ACCEPTED", "DECLINED", "EXPIRED", "WITHDRAWN").
			Optional().
			Nillable(),
		field.Time("answered_at").Optional().Nillable(),
		field.Text("note").Default(""),
	}
}

func (LeadOffer) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("lead", Lead.Type).
			Ref("offers").
			Field("lead_id").
			Unique().
			Required().
			Immutable(),
		edge.To("dealer", Dealer.Type).
			Field("dealer_id").
			Unique().
			Required().
			Immutable(),
	}
}

func (LeadOffer) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("lead_id", "offered_at"),
		index.Fields("dealer_id", "offered_at"),
		index.Fields("territory_id", "offered_at"),
	}
}

func (LeadOffer) Policy() ent.Policy { return access.OwnDealerDataPolicy() }

func (LeadOffer) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
