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

// Announcement is news the manufacturer publishes to its dealers: to all of
// them, or to those of some channels, tiers and territories. A dealer is in
// the audience when it matches every dimension given. Published once, never
// edited; package announcing publishes it and keeps its read receipts.
type Announcement struct{ ent.Schema }

func (Announcement) Fields() []ent.Field {
	return []ent.Field{
		field.String("title").
			NotEmpty().
			MaxRuneLen(200).
			Immutable(),
		field.Text("body").
			NotEmpty().
			MaxRuneLen(10000).
			Immutable(),
		// What it is about, so market bulletins are found among news.
		field.Enum("category").
			Values("NEWS", "MARKET", "PROMOTION", "OPERATIONS").
			Default("NEWS").
			Immutable().
			Annotations(entgql.Type("AnnouncementCategory")),
		// Pinned announcements are listed first.
		field.Bool("pinned").
			Default(false).
			Annotations(entgql.OrderField("PINNED")),
		// The tiers of the audience (1 distributors, 2 dealers); null for
		// every tier.
		field.JSON("tiers", []int{}).
			Optional().
			Immutable(),
		field.Time("published_at").
			Immutable().
			Annotations(entgql.OrderField("PUBLISHED_AT")),
		field.Int("published_by_id").Optional().Nillable().Immutable(),
		// Who published it, as they were named then: dealers may not read
		// the manufacturer's staff.
		field.String("published_by_name").Immutable(),
		// Dealer users who have read it, counted as they mark it read, so a
		// list shows it without counting receipts per row.
		field.Int("read_count").
			Default(0).
			NonNegative().
			Annotations(entgql.Skip(entgql.SkipType, entgql.SkipWhereInput)),
	}
}

func (Announcement) Edges() []ent.Edge {
	return []ent.Edge{
		// The channels of the audience; none for every channel.
		edge.To("channels", Channel.Type),
		// The territories of the audience: a dealer in any one of them; none
		// for every territory.
		edge.To("territories", Territory.Type),
		// Dealers named one by one, in addition to those the other
		// dimensions match (a promotion's audience names dealers).
		edge.To("dealers", Dealer.Type).
			Annotations(tenantEdge(), entgql.Skip(entgql.SkipAll)),
		// Nullable: the viewer may not read the publisher (see
		// published_by_name).
		edge.To("published_by", User.Type).
			Field("published_by_id").
			Unique().
			Immutable().
			Annotations(tenantEdge()),
		// Read through Announcement.readAt and readCount only.
		edge.To("reads", AnnouncementRead.Type).
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (Announcement) Indexes() []ent.Index {
	return []ent.Index{
		// The list: pinned first, newest first.
		index.Fields("pinned", "published_at"),
		index.Fields("published_at"),
		index.Fields("published_by_id"),
	}
}

func (Announcement) Policy() ent.Policy { return access.AnnouncementPolicy() }

func (Announcement) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.MultiOrder(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
	}
}

// AnnouncementRead is a dealer user's receipt: when it read an
// announcement. One per user and announcement.
type AnnouncementRead struct{ ent.Schema }

func (AnnouncementRead) Fields() []ent.Field {
	return []ent.Field{
		field.Int("announcement_id").Immutable(),
		field.Int("user_id").Immutable(),
		// The user's dealer, for reading receipts per dealer.
		field.Int("dealer_id").Immutable(),
		field.Time("read_at").Immutable(),
	}
}

func (AnnouncementRead) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("announcement", Announcement.Type).
			Ref("reads").
			Field("announcement_id").
			Unique().
			Required().
			Immutable(),
		edge.To("user", User.Type).
			Field("user_id").
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

func (AnnouncementRead) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("announcement_id", "user_id").Unique(),
		index.Fields("user_id"),
		index.Fields("dealer_id", "read_at"), // a dealer's timeline
	}
}

func (AnnouncementRead) Policy() ent.Policy { return access.AnnouncementReadPolicy() }

func (AnnouncementRead) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
