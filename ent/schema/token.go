package schema

import (
	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Token is a bearer credential: a session from signing in, or a named API
// token for a mobile app or an integration. Only a hash of the secret is
// stored; the secret is shown once, when the token is made.
type Token struct{ ent.Schema }

func (Token) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").Values("SESSION", "API").Immutable(),
		field.String("name").MaxRuneLen(200).Default("").Validate(apperr.Line),
		field.Bytes("secret_hash").
			Sensitive().
			Unique().
			Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Int("user_id").Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
		field.Time("created_at").Immutable().Default(time.Now),
		field.Time("expires_at").Optional().Nillable(),
		field.Time("revoked_at").Optional().Nillable(),
		field.Time("last_used_at").Optional().Nillable(),
	}
}

func (Token) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("user", User.Type).
			Ref("tokens").
			Field("user_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
	}
}

func (Token) Indexes() []ent.Index {
	return []ent.Index{index.Fields("user_id", "kind")}
}

func (Token) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput, entgql.SkipOrderField),
	}
}

func (Token) Policy() ent.Policy { return access.TokenPolicy() }
