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

// Dealer is a company that buys from the manufacturer: a tier-1 distributor
// with its own sub-dealers, or a tier-2 dealer.
type Dealer struct{ ent.Schema }

func (Dealer) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (Dealer) Fields() []ent.Field {
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
		// Tier 1 is a distributor, tier 2 a dealer; prices are set per tier.
		field.Int("tier").
			Range(1, 2).
			Annotations(entgql.OrderField("TIER")),
		field.Enum("status").
			Values("ACTIVE", "PROBATION", "SUSPENDED", "TERMINATED").
			Default("ACTIVE").
			Annotations(entgql.OrderField("STATUS")),
		field.Int64("credit_limit").Annotations(moneyType).
			Default(0).
			NonNegative().
			Annotations(entgql.OrderField("CREDIT_LIMIT")),
		field.Int("payment_terms_days").
			Default(30).
			Range(0, 365),
		field.Time("joined_on").SchemaType(dateColumn).Annotations(dateType).
			Annotations(entgql.OrderField("JOINED_ON")),
		field.Int("channel_id"),
		field.Int("parent_id").Optional().Nillable(),
		field.Int("owner_id").Optional().Nillable(),
	}
}

func (Dealer) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("channel", Channel.Type).
			Ref("dealers").
			Field("channel_id").
			Unique().
			Required(),
		// A sub-dealer's distributor. Nullable in GraphQL: a sub-dealer's
		// user may not read its distributor.
		edge.To("sub_dealers", Dealer.Type).
			Annotations(tenantEdge(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)).
			From("parent").
			Field("parent_id").
			Unique().
			Annotations(tenantEdge()),
		edge.To("territories", Territory.Type),
		// The manager who owns the relationship. Nullable: dealer users may
		// not read the manufacturer's staff.
		edge.To("owner", User.Type).
			Field("owner_id").
			Unique().
			Annotations(tenantEdge()),
		edge.To("contacts", Contact.Type).
			Annotations(tenantEdge(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("users", User.Type).
			Annotations(tenantEdge(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("orders", Order.Type).
			Annotations(tenantEdge(), entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("shipments", Shipment.Type).
			Annotations(tenantEdge(), entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("invoices", Invoice.Type).
			Annotations(tenantEdge(), entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("payments", Payment.Type).
			Annotations(tenantEdge(), entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.To("quotas", Quota.Type).
			Annotations(tenantEdge(), entgql.Skip(entgql.SkipAll)),
		edge.To("credit_notes", CreditNote.Type).
			Annotations(tenantEdge(), entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		// Read through shipments, invoices, payments and credit notes.
		edge.To("shipment_lines", ShipmentLine.Type).
			Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("delivery_events", DeliveryEvent.Type).
			Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("allocations", Allocation.Type).
			Annotations(entgql.Skip(entgql.SkipAll)),
		// Policies that name the dealer in their audience.
		edge.From("named_in_policies", ChannelPolicy.Type).
			Ref("dealers").
			Annotations(entgql.Skip(entgql.SkipAll)),
		// Announcements, promotions and rebate programs that name it.
		edge.From("named_in_announcements", Announcement.Type).
			Ref("dealers").
			Annotations(entgql.Skip(entgql.SkipAll)),
		edge.From("named_in_promotions", Promotion.Type).
			Ref("dealers").
			Annotations(entgql.Skip(entgql.SkipAll)),
		edge.From("named_in_rebate_programs", RebateProgram.Type).
			Ref("dealers").
			Annotations(entgql.Skip(entgql.SkipAll)),
		// Conflict cases the dealer is a party to.
		edge.From("conflict_cases", ConflictCase.Type).
			Ref("parties").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (Dealer) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("channel_id", "status"),
		index.Fields("parent_id"),
		index.Fields("owner_id"),
		index.Fields("name"),
	}
}

func (Dealer) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.QueryField(),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

func (Dealer) Policy() ent.Policy { return access.DealerPolicy() }
