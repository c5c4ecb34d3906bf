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

// Territory is a sales region. Dealers are assigned territories; conflict
// rules and market share are measured per territory.
type Territory struct{ ent.Schema }

func (Territory) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (Territory) Fields() []ent.Field {
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
		field.String("region").
			MaxRuneLen(200).
			Validate(apperr.Line).
			Default("").
			Annotations(entgql.OrderField("REGION")),
	}
}

func (Territory) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("dealers", Dealer.Type).
			Ref("territories").
			Annotations(tenantEdge(), entgql.RelayConnection(),
				entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		// Announcements addressed to the territory's dealers (read through
		// Query.announcements, under their own rules).
		edge.From("announcements", Announcement.Type).
			Ref("territories").
			Annotations(entgql.Skip(entgql.SkipAll)),
		// Policies addressed to the territory's dealers.
		edge.From("policies", ChannelPolicy.Type).
			Ref("territories").
			Annotations(entgql.Skip(entgql.SkipAll)),
		// Promotions and rebate programs addressed to its dealers.
		edge.From("promotions", Promotion.Type).
			Ref("territories").
			Annotations(entgql.Skip(entgql.SkipAll)),
		// Agreements that name the territory.
		edge.From("agreements", Agreement.Type).
			Ref("territories").
			Annotations(entgql.Skip(entgql.SkipAll)),
		edge.From("rebate_programs", RebateProgram.Type).
			Ref("territories").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (Territory) Indexes() []ent.Index {
	return []ent.Index{index.Fields("region")}
}

func (Territory) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.QueryField(),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

func (Territory) Policy() ent.Policy { return access.CatalogPolicy() }
