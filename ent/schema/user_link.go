package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/dealerline/dealerline/access"
)

// UserLink is a one-time link sent to a user: an invitation that sets the
// first password, or a password reset. Only a hash of its secret is kept,
// as for tokens; the secret travels in the link alone.
type UserLink struct{ ent.Schema }

func (UserLink) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("purpose").Values("INVITATION", "PASSWORD_RESET").Immutable(),
		field.Bytes("secret_hash").Sensitive().Unique().Immutable(),
		field.Int("user_id").Immutable(),
		field.Time("created_at").Immutable().Default(time.Now),
		field.Time("expires_at").Immutable(),
		// Set when the link is used, or when a newer link of the same
		// purpose replaces it: either way it opens nothing any more.
		field.Time("used_at").Optional().Nillable(),
	}
}

func (UserLink) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("user", User.Type).
			Ref("links").
			Field("user_id").
			Unique().
			Required().
			Immutable(),
	}
}

func (UserLink) Indexes() []ent.Index {
	return []ent.Index{index.Fields("user_id", "purpose")}
}

func (UserLink) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

// Links are read and written by the users service alone, after its own
// checks.
func (UserLink) Policy() ent.Policy { return access.SystemOnlyPolicy() }
