package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/ordering/status"
)

// Shipment is goods of one order on their way to the dealer. Its status
// moves by the shipment machine of ordering/status, every move a
// DeliveryEvent; the order's status follows its shipments.
type Shipment struct{ ent.Schema }

func (Shipment) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (Shipment) Fields() []ent.Field {
	return []ent.Field{
		// The key a history import gave it (see importRef).
		importRef(),
		// SH- and the shipment's sequence number, set in the transaction
		// that creates it (non-null in GraphQL: graph/shipments.graphqls).
		field.String("number").
			Optional().
			Annotations(entgql.OrderField("NUMBER"), entgql.Skip(entgql.SkipType)),
		field.Int("order_id").Immutable(),
		// The order's dealer, kept on the shipment: shipments are seen with
		// their dealer.
		field.Int("dealer_id").Immutable(),
		field.Enum("status").
			GoType(status.ShipmentStatus("")).
			Default(string(status.ShipmentPreparing)).
			Annotations(entgql.Type("ShipmentStatus"), entgql.OrderField("STATUS")),
		field.String("carrier").MaxRuneLen(100),
		field.String("tracking_number").Default("").MaxRuneLen(100),
		field.Time("eta").
			Optional().
			Nillable().
			SchemaType(dateColumn).
			Annotations(dateType),
		// When it first went IN_TRANSIT, and when it was DELIVERED.
		field.Time("shipped_at").Optional().Nillable(),
		field.Time("delivered_at").Optional().Nillable(),
	}
}

func (Shipment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("order", Order.Type).
			Ref("shipments").
			Field("order_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
		edge.From("dealer", Dealer.Type).
			Ref("shipments").
			Field("dealer_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
		edge.To("lines", ShipmentLine.Type).
			Annotations(tenantEdge()),
		edge.To("events", DeliveryEvent.Type).
			Annotations(tenantEdge()),
		// Issued when the shipment goes IN_TRANSIT.
		edge.To("invoice", Invoice.Type).
			Unique().
			Annotations(tenantEdge()),
	}
}

func (Shipment) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("ref").Unique(),
		index.Fields("order_id"),
		index.Fields("dealer_id", "created_at"),
		index.Fields("status"),
		index.Fields("number"),
	}
}

func (Shipment) Policy() ent.Policy { return access.DealerDataPolicy() }

func (Shipment) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
	}
}

// ShipmentLine is a quantity of one order line in a shipment.
type ShipmentLine struct{ ent.Schema }

func (ShipmentLine) Fields() []ent.Field {
	return []ent.Field{
		field.Int("shipment_id").Immutable(),
		// The shipment's dealer: every per-dealer row carries it, so one
		// rule decides who sees them all.
		field.Int("dealer_id").Immutable(),
		field.Int("order_line_id").Immutable(),
		field.Int("quantity").Positive().Immutable(),
		// What this quantity adds to the line's amount at the order's price
		// and discount: the shipment's invoice is the sum of its lines.
		field.Int64("amount").Immutable().Annotations(moneyType),
	}
}

func (ShipmentLine) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("shipment", Shipment.Type).
			Ref("lines").
			Field("shipment_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
		edge.From("dealer", Dealer.Type).
			Ref("shipment_lines").
			Field("dealer_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge(), entgql.Skip(entgql.SkipType)),
		edge.From("order_line", OrderLine.Type).
			Ref("shipment_lines").
			Field("order_line_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
	}
}

func (ShipmentLine) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("shipment_id"),
		index.Fields("order_line_id"),
	}
}

func (ShipmentLine) Policy() ent.Policy { return access.DealerDataPolicy() }

func (ShipmentLine) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput, entgql.SkipOrderField)}
}

// DeliveryEvent is one entry of a shipment's tracking history: its
// creation (PREPARING), then each status the carrier or the manufacturer
// reports, with where and when.
type DeliveryEvent struct{ ent.Schema }

func (DeliveryEvent) Fields() []ent.Field {
	return []ent.Field{
		field.Int("shipment_id").Immutable(),
		// The shipment's dealer (see ShipmentLine).
		field.Int("dealer_id").Immutable(),
		field.Enum("status").
			GoType(status.ShipmentStatus("")).
			Immutable().
			Annotations(entgql.Type("ShipmentStatus")),
		field.String("location").Default("").MaxRuneLen(200).Immutable(),
		field.Text("note").Default("").Immutable(),
		field.Time("occurred_at").Immutable(),
		field.Int("actor_id").Optional().Nillable().Immutable(),
		// Who recorded it, as they were named then (see OrderEvent).
		field.String("actor_name").Immutable(),
	}
}

func (DeliveryEvent) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("shipment", Shipment.Type).
			Ref("events").
			Field("shipment_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
		edge.From("dealer", Dealer.Type).
			Ref("delivery_events").
			Field("dealer_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge(), entgql.Skip(entgql.SkipType)),
		// Nullable: the viewer may not read the actor (see actorName).
		edge.To("actor", User.Type).
			Field("actor_id").
			Unique().
			Immutable().
			Annotations(tenantEdge()),
	}
}

func (DeliveryEvent) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("shipment_id", "occurred_at"),
		// A dealer's timeline.
		index.Fields("dealer_id", "occurred_at"),
	}
}

func (DeliveryEvent) Policy() ent.Policy { return access.DealerDataPolicy() }

func (DeliveryEvent) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput, entgql.SkipOrderField)}
}
