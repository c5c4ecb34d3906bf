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

// Contact is a person at a dealer that the channel team works with.
type Contact struct{ ent.Schema }

func (Contact) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (Contact) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxRuneLen(200).Validate(apperr.Line),
		field.String("title").MaxRuneLen(200).Default("").Validate(apperr.Line),
		field.String("email").MaxRuneLen(254).Default("").Validate(apperr.Line),
		field.String("phone").MaxRuneLen(64).Default("").Validate(apperr.Line),
		field.Bool("primary").Default(false),
		field.Int("dealer_id").Immutable(),
	}
}

func (Contact) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("dealer", Dealer.Type).
			Ref("contacts").
			Field("dealer_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
		// The interactions the contact took part in: many, so that
		// Interaction.contacts is many-to-many. Not in GraphQL: read them
		// from the interaction (they are internal).
		edge.From("interactions", Interaction.Type).
			Ref("contacts").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (Contact) Indexes() []ent.Index {
	return []ent.Index{index.Fields("dealer_id")}
}

func (Contact) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

func (Contact) Policy() ent.Policy { return access.ContactPolicy() }
