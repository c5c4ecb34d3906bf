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

// User is a person who signs in: a manufacturer's administrator or channel
// manager, or a dealer's staff.
type User struct{ ent.Schema }

func (User) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (User) Fields() []ent.Field {
	return []ent.Field{
		field.String("email").
			NotEmpty().
			Validate(apperr.Line).
			MaxRuneLen(254).
			Unique().
			Annotations(entgql.OrderField("EMAIL")),
		field.String("name").
			NotEmpty().
			Validate(apperr.Line).
			MaxRuneLen(200).
			Annotations(entgql.OrderField("NAME")),
		field.String("password_hash").
			Sensitive().
			Optional().
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Enum("role").
			Values("ADMIN", "CHANNEL_MANAGER", "DEALER").
			Annotations(
				entgql.OrderField("ROLE"),
				entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
			),
		field.Bool("active").Default(true),
		// A dealer administrator invites, deactivates and re-invites its
		// own dealer's users.
		field.Bool("dealer_admin").
			Default(false).
			Annotations(
				entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipOrderField),
			),
		field.Int("dealer_id").
			Optional().
			Nillable().
			Annotations(entgql.Skip(entgql.SkipAll)),
		// The language the user reads the portal and notifications in: en
		// or zh-CN; null for the installation's (--locale).
		field.String("locale").
			Optional().
			Nillable().
			Validate(validLocale).
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput, entgql.SkipOrderField)),
		// The hour of the day (business time zone) the e-mail digest goes.
		field.Int("digest_hour").
			Default(8).
			Range(0, 23).
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (User) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("dealer", Dealer.Type).
			Ref("users").
			Field("dealer_id").
			Unique().
			Annotations(tenantEdge(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("tokens", Token.Type).
			Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("links", UserLink.Type).
			Annotations(entgql.Skip(entgql.SkipAll)),
		edge.From("managed_channels", Channel.Type).
			Ref("managers").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.From("owned_dealers", Dealer.Type).
			Ref("owner").
			Annotations(tenantEdge(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

func (User) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("role"),
		index.Fields("dealer_id"),
	}
}

func (User) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.QueryField(),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// validLocale accepts the languages the portal and notifications speak.
func validLocale(s string) error {
	if s != "en" && s != "zh-CN" {
		return apperr.Invalid("locale", "%q is not a language: en or zh-CN", s)
	}
	return nil
}

func (User) Policy() ent.Policy { return access.UserPolicy() }
