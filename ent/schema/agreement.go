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

// Agreement is a contract between the manufacturer and one dealer: what
// kind, for which period, in which territories and channel, on what terms.
// An amendment or a renewal writes a new version (AgreementVersion) and
// keeps the ones before. Package agreements writes it.
type Agreement struct{ ent.Schema }

func (Agreement) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (Agreement) Fields() []ent.Field {
	return []ent.Field{
		// AG- and the agreement's id, set in the transaction that creates
		// it (non-null in GraphQL: graph/agreements.graphqls).
		field.String("number").
			Optional().
			Annotations(entgql.Skip(entgql.SkipType)),
		field.Int("dealer_id").Immutable(),
		field.Enum("kind").
			Values("DISTRIBUTION", "DEALER", "SERVICE").
			Immutable().
			Annotations(entgql.Type("AgreementKind")),
		field.Time("starts_on").SchemaType(dateColumn).
			Annotations(dateType, entgql.OrderField("STARTS_ON")),
		field.Time("ends_on").SchemaType(dateColumn).
			Annotations(dateType, entgql.OrderField("ENDS_ON")),
		field.Bool("auto_renew").Default(false),
		// How long before its end its managers are told it is ending.
		field.Int("renewal_notice_days").Default(30).Range(0, 365),
		field.Int("channel_id").Optional().Nillable(),
		// Markdown.
		field.Text("terms").Default("").MaxRuneLen(20000),
		field.Enum("status").
			Values("DRAFT", "ACTIVE", "EXPIRED", "TERMINATED").
			Default("DRAFT").
			Annotations(entgql.Type("AgreementStatus"), entgql.OrderField("STATUS")),
		// The current version's number; also what expectedVersion checks.
		field.Int("version").Default(1),
		field.Time("terminated_at").Optional().Nillable(),
		field.Text("termination_reason").Optional().Nillable(),
		// The end date AGREEMENT_ENDING was raised for: once per agreement
		// and notice window (a renewal moves the end, and opens a new one).
		field.Time("ending_noticed_for").SchemaType(dateColumn).Optional().Nillable().
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (Agreement) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("dealer", Dealer.Type).
			Field("dealer_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
		edge.To("channel", Channel.Type).
			Field("channel_id").
			Unique(),
		edge.To("territories", Territory.Type),
		edge.To("versions", AgreementVersion.Type).
			Annotations(tenantEdge()),
	}
}

func (Agreement) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("dealer_id", "kind"),
		index.Fields("status", "ends_on"),
		index.Fields("number"),
	}
}

func (Agreement) Policy() ent.Policy { return access.OwnDealerDataPolicy() }

func (Agreement) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput),
	}
}

// AgreementVersion is an agreement as one of its versions had it: the
// first, each amendment and each renewal. Versions are never changed.
type AgreementVersion struct{ ent.Schema }

func (AgreementVersion) Fields() []ent.Field {
	return []ent.Field{
		field.Int("agreement_id").Immutable(),
		field.Int("dealer_id").Immutable(),
		field.Int("version").Immutable(),
		// CREATED, AMENDED or RENEWED.
		field.Enum("change").
			Values("CREATED", "AMENDED", "RENEWED").
			Immutable().
			Annotations(entgql.Type("AgreementChange")),
		field.Time("starts_on").SchemaType(dateColumn).Immutable().Annotations(dateType),
		field.Time("ends_on").SchemaType(dateColumn).Immutable().Annotations(dateType),
		field.Bool("auto_renew").Immutable(),
		field.Int("renewal_notice_days").Immutable(),
		field.Int("channel_id").Optional().Nillable().Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.JSON("territory_ids", []int{}).Optional().Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Text("terms").Immutable(),
		// Why it changed, in the words of who changed it.
		field.Text("note").Default("").Immutable(),
		field.Int("author_id").Optional().Nillable().Immutable(),
		// The author's name as it was (see OrderEvent.actor_name).
		field.String("author_name").Immutable(),
		field.Time("at").Immutable(),
	}
}

func (AgreementVersion) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("agreement", Agreement.Type).
			Ref("versions").
			Field("agreement_id").
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
		// Nullable: the viewer may not read the author (see authorName).
		edge.To("author", User.Type).
			Field("author_id").
			Unique().
			Immutable().
			Annotations(tenantEdge()),
	}
}

func (AgreementVersion) Indexes() []ent.Index {
	return []ent.Index{index.Fields("agreement_id", "version").Unique()}
}

func (AgreementVersion) Policy() ent.Policy { return access.OwnDealerDataPolicy() }

func (AgreementVersion) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput, entgql.SkipOrderField)}
}

// DealerStatusChange is a change of a dealer's status asked for by staff,
// with its reason: applied at once when it is effective today, or by the
// daily run of package agreements on its date in the business time zone.
type DealerStatusChange struct{ ent.Schema }

func (DealerStatusChange) Fields() []ent.Field {
	return []ent.Field{
		field.Int("dealer_id").Immutable(),
		// Dealer statuses (DealerStatus in GraphQL, graph/agreements.graphqls):
		// the status when the change was asked for, and the one it sets.
		field.String("from_status").Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.String("to_status").Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Text("reason").Immutable(),
		field.Time("effective_on").SchemaType(dateColumn).Immutable().Annotations(dateType),
		field.Enum("state").
			Values("SCHEDULED", "APPLIED", "CANCELLED").
			Default("SCHEDULED").
			Annotations(entgql.Type("DealerStatusChangeState")),
		field.Time("requested_at").Immutable(),
		field.Int("requested_by_id").Optional().Nillable().Immutable(),
		field.String("requested_by_name").Immutable(),
		field.Time("applied_at").Optional().Nillable(),
	}
}

func (DealerStatusChange) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("dealer", Dealer.Type).
			Field("dealer_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
		// Nullable: dealer users may not read the manufacturer's staff.
		edge.To("requested_by", User.Type).
			Field("requested_by_id").
			Unique().
			Immutable().
			Annotations(tenantEdge()),
	}
}

func (DealerStatusChange) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("dealer_id", "requested_at"),
		index.Fields("state", "effective_on"),
	}
}

func (DealerStatusChange) Policy() ent.Policy { return access.DealerDataPolicy() }

func (DealerStatusChange) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput, entgql.SkipOrderField)}
}
