package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
)

// Channel is a route to market (Retail, Key accounts, E-commerce). Each
// dealer belongs to one; channel managers look after its dealers.
type Channel struct{ ent.Schema }

func (Channel) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (Channel) Fields() []ent.Field {
	return []ent.Field{
		field.String("code").
			NotEmpty().
			Validate(apperr.Line).
			MaxRuneLen(32).
			Unique().
			Annotations(entgql.OrderField("CODE")),
		field.String("name").
			NotEmpty().
			Validate(apperr.Line).
			MaxRuneLen(200).
			Annotations(entgql.OrderField("NAME")),
		// The name in Chinese, for portals read in Chinese; the name is
		// shown where it is absent.
		field.String("name_zh").
			Optional().
			Nillable().
			Validate(apperr.Line).
			MaxRuneLen(200),
		field.Text("description").Default("").Validate(apperr.MultiLine),
	}
}

func (Channel) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("managers", User.Type).
			Annotations(tenantEdge()),
		edge.To("dealers", Dealer.Type).
			Annotations(tenantEdge(), entgql.RelayConnection(),
				entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("prices", Price.Type).
			Annotations(tenantEdge(), entgql.Skip(entgql.SkipAll)),
		// Announcements addressed to the channel's dealers (read through
		// Query.announcements, under their own rules).
		edge.From("announcements", Announcement.Type).
			Ref("channels").
			Annotations(entgql.Skip(entgql.SkipAll)),
		// Policies addressed to the channel's dealers.
		edge.From("policies", ChannelPolicy.Type).
			Ref("channels").
			Annotations(entgql.Skip(entgql.SkipAll)),
		// Promotions and rebate programs addressed to its dealers.
		edge.From("promotions", Promotion.Type).
			Ref("channels").
			Annotations(entgql.Skip(entgql.SkipAll)),
		edge.From("rebate_programs", RebateProgram.Type).
			Ref("channels").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (Channel) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.QueryField(),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

func (Channel) Policy() ent.Policy { return access.CatalogPolicy() }
