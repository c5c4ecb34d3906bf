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

// ChannelPolicy (ent reserves the name Policy for its privacy rules) is one
// of the manufacturer's published rules for its dealers
// (pricing, rebates, territories, …) as it stands: the fields of its
// current version and its audience. Every version is kept as published
// (PolicyVersion) and never changes; amending publishes the next one, and a
// material amendment asks the audience to acknowledge again. Package
// policies writes it.
type ChannelPolicy struct{ ent.Schema }

func (ChannelPolicy) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (ChannelPolicy) Fields() []ent.Field {
	return []ent.Field{
		// A policy keeps its kind through its versions.
		field.Enum("kind").
			Values("PRICING", "REBATE", "PROMOTION", "CREDIT", "TERRITORY", "GENERAL").
			Immutable().
			Annotations(entgql.Type("PolicyKind")),
		field.String("title").NotEmpty().MaxRuneLen(200),
		// Markdown; the portal renders it without raw HTML.
		field.Text("body").NotEmpty().MaxRuneLen(20000),
		field.Time("effective_from").
			SchemaType(dateColumn).
			Annotations(dateType, entgql.OrderField("EFFECTIVE_FROM")),
		// Null: in force until amended or withdrawn.
		field.Time("effective_to").
			Optional().
			Nillable().
			SchemaType(dateColumn).
			Annotations(dateType),
		// The current version, from 1.
		field.Int("version").Default(1),
		// The version a dealer must have acknowledged: the latest material
		// one (1 until a material amendment).
		field.Int("acknowledge_version").Default(1),
		// The audience: every dealer when all_dealers; else those matching
		// each dimension given (channels, tiers, territories), or named.
		field.Bool("all_dealers").Default(false),
		field.JSON("tiers", []int{}).Optional(),
		field.Enum("status").
			Values("ACTIVE", "WITHDRAWN").
			Default("ACTIVE").
			Annotations(entgql.Type("PolicyStatus")),
		field.Time("published_at").
			Immutable().
			Annotations(entgql.OrderField("PUBLISHED_AT")),
		// When the current version was published.
		field.Time("version_published_at"),
		field.Int("published_by_id").Optional().Nillable(),
		// Who published the current version, as named then.
		field.String("published_by_name"),
		field.Time("withdrawn_at").Optional().Nillable(),
		field.String("withdrawal_note").Default(""),
	}
}

func (ChannelPolicy) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("channels", Channel.Type),
		edge.To("territories", Territory.Type),
		// Dealers named in the audience.
		edge.To("dealers", Dealer.Type).
			Annotations(tenantEdge(), entgql.Skip(entgql.SkipAll)),
		edge.To("published_by", User.Type).
			Field("published_by_id").
			Unique().
			Annotations(tenantEdge()),
		edge.To("versions", PolicyVersion.Type).
			Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("acknowledgements", PolicyAcknowledgement.Type).
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (ChannelPolicy) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("status", "effective_from"),
		index.Fields("published_at"),
	}
}

func (ChannelPolicy) Policy() ent.Policy { return access.PolicyPolicy() }

func (ChannelPolicy) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput),
	}
}

// PolicyVersion is one published version of a policy, exactly as
// published: never changed.
type PolicyVersion struct{ ent.Schema }

func (PolicyVersion) Fields() []ent.Field {
	return []ent.Field{
		field.Int("policy_id").Immutable(),
		field.Int("version").Immutable(),
		field.String("title").Immutable(),
		field.Text("body").Immutable(),
		field.Time("effective_from").Immutable().SchemaType(dateColumn).Annotations(dateType),
		field.Time("effective_to").Optional().Nillable().Immutable().SchemaType(dateColumn).Annotations(dateType),
		// The audience as published, as package policies stores it.
		field.JSON("audience", map[string]any{}).
			Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
		// Whether it asked the audience to acknowledge again.
		field.Bool("material").Immutable(),
		field.Time("published_at").Immutable(),
		field.String("published_by_name").Immutable(),
	}
}

func (PolicyVersion) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("policy", ChannelPolicy.Type).
			Ref("versions").
			Field("policy_id").
			Unique().
			Required().
			Immutable(),
	}
}

func (PolicyVersion) Indexes() []ent.Index {
	return []ent.Index{index.Fields("policy_id", "version").Unique()}
}

func (PolicyVersion) Policy() ent.Policy { return access.PolicyPartPolicy() }

func (PolicyVersion) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput, entgql.SkipOrderField),
	}
}

// PolicyAcknowledgement is a dealer user's receipt of one version of a
// policy. A dealer has acknowledged a version when any of its users has.
type PolicyAcknowledgement struct{ ent.Schema }

func (PolicyAcknowledgement) Fields() []ent.Field {
	return []ent.Field{
		field.Int("policy_id").Immutable(),
		field.Int("version").Immutable(),
		field.Int("user_id").Immutable(),
		field.String("user_name").Immutable(),
		field.Int("dealer_id").Immutable(),
		field.Time("acknowledged_at").Immutable(),
	}
}

func (PolicyAcknowledgement) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("policy", ChannelPolicy.Type).
			Ref("acknowledgements").
			Field("policy_id").
			Unique().
			Required().
			Immutable(),
		edge.To("user", User.Type).
			Field("user_id").
			Unique().
			Required().
			Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("dealer", Dealer.Type).
			Field("dealer_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
	}
}

func (PolicyAcknowledgement) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("policy_id", "version", "user_id").Unique(),
		index.Fields("policy_id", "dealer_id", "version"),
		index.Fields("dealer_id", "acknowledged_at"),
	}
}

func (PolicyAcknowledgement) Policy() ent.Policy { return access.PolicyAcknowledgementPolicy() }

func (PolicyAcknowledgement) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput, entgql.SkipOrderField),
	}
}
