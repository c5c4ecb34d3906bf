package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/incentive"
	"github.com/dealerline/dealerline/ordering/status"
)

// Order is a dealer's order. Prices and costs are copied onto its lines when
// it is placed; its status moves by the machine of ordering/status, every
// move an OrderEvent.
type Order struct{ ent.Schema }

func (Order) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// skipInput keeps a field out of generated create/update inputs: orders
// change only through the ordering service.
var skipInput = entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)

func (Order) Fields() []ent.Field {
	return []ent.Field{
		// The number people quote: SO- and the order's sequence number, set
		// in the transaction that places the order, once its id is known
		// (non-null in GraphQL: graph/orders.graphqls).
		field.String("number").
			Optional().
			Annotations(entgql.OrderField("NUMBER"), entgql.Skip(entgql.SkipType)),
		field.Int("dealer_id").Immutable(),
		field.Enum("status").
			GoType(status.Status("")).
			Default(string(status.Submitted)).
			Annotations(entgql.Type("OrderStatus"), entgql.OrderField("STATUS")),
		// Set when the order would take the dealer over its credit limit;
		// the order cannot be confirmed until the hold is released.
		field.Bool("credit_hold").Default(false),
		// Set when it was confirmed with a line stock could not cover
		// (OrderLine.backordered_quantity).
		field.Bool("backorder").Default(false).Annotations(skipInput),
		// Bumped on every change, for optimistic concurrency (expectedVersion).
		field.Int("version").Default(1),
		field.String("idempotency_key").
			Optional().
			Nillable().
			MaxRuneLen(200).
			Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
		// A digest of what was asked, to tell a retry from a different
		// order under a reused key.
		field.String("request_digest").
			Optional().
			Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Time("requested_delivery_date").
			Optional().
			Nillable().
			SchemaType(dateColumn).
			Annotations(dateType),
		field.Text("note").Default(""),
		// The dealer's own purchase-order number, for its books; it may
		// correct it while amending the order.
		field.String("purchase_order_reference").
			Optional().
			Nillable().
			Validate(apperr.Line).
			MaxRuneLen(64),
		field.Time("placed_at").
			Immutable().
			Annotations(entgql.OrderField("PLACED_AT")),
		field.Int("placed_by_id").Optional().Nillable().Immutable(),
		// Σ line amounts, kept with the order for lists and statements.
		field.Int64("total").
			Annotations(moneyType, entgql.OrderField("TOTAL")),
		// What the order adds to net sales and to the cost of goods sold
		// (DESIGN §6) while it is not rejected or cancelled, kept so that
		// a period's sales are summed without reading every line. Both or
		// neither: absent when the lines must be read instead, for an order
		// closed short (some line delivered below its quantity) or one
		// written without them (package ordering/counted keeps them).
		field.Int64("net_amount").Optional().Nillable().
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Int64("cost_of_goods").Optional().Nillable().
			Annotations(entgql.Skip(entgql.SkipAll)),
		// When its CONFIRMED and DELIVERED events happened: its delivery
		// time without joining its history.
		field.Time("confirmed_at").Optional().Nillable().
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Time("delivered_at").Optional().Nillable().
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (Order) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("dealer", Dealer.Type).
			Ref("orders").
			Field("dealer_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
		// Nullable: a dealer user may not read the manager who placed it.
		edge.To("placed_by", User.Type).
			Field("placed_by_id").
			Unique().
			Immutable().
			Annotations(tenantEdge()),
		edge.To("lines", OrderLine.Type).
			Annotations(tenantEdge()),
		edge.To("history", OrderEvent.Type).
			Annotations(tenantEdge()),
		edge.To("shipments", Shipment.Type).
			Annotations(tenantEdge()),
		edge.To("invoices", Invoice.Type).
			Annotations(tenantEdge()),
		// Conflict cases that link the order as evidence.
		edge.From("conflict_cases", ConflictCase.Type).
			Ref("evidence_orders").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (Order) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("dealer_id", "placed_at"),
		index.Fields("dealer_id", "idempotency_key").Unique(),
		index.Fields("status", "placed_at"),
		index.Fields("placed_at").
			Annotations(entsql.IncludeColumns("dealer_id", "status", "net_amount", "cost_of_goods")),
		index.Fields("number"),
		// The orders whose sales are counted from their lines: few.
		index.Fields("placed_at").StorageKey("order_placed_at_uncounted").
			Annotations(entsql.IndexWhere("net_amount IS NULL")),
		index.Fields("delivered_at").
			Annotations(entsql.IncludeColumns("dealer_id", "confirmed_at")),
		index.Fields("dealer_id", "delivered_at"),
	}
}

func (Order) Policy() ent.Policy { return access.OrderPolicy() }

func (Order) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
	}
}

// OrderLine is one product on an order, with the price, cost and product
// details as they were when the order was placed.
type OrderLine struct{ ent.Schema }

func (OrderLine) Fields() []ent.Field {
	return []ent.Field{
		field.Int("order_id").Immutable(),
		// Lines keep their product even when it is later retired; the edge
		// is nullable because a dealer user no longer sees retired products.
		field.Int("product_id").Optional().Immutable(),
		field.Int("position").Immutable(),
		field.String("sku").Immutable(),
		field.String("product_name").Immutable(),
		field.Int("quantity").Positive().Immutable(),
		field.Int64("unit_price").Immutable().Annotations(moneyType),
		field.Int64("unit_cost").Immutable().Annotations(moneyType),
		// 0–10000: hundredths of a percent off the unit price, from the
		// promotions applied when the order was placed.
		field.Int("discount_basis_points").Default(0).Range(0, 10000).Immutable(),
		// The promotion that gave the (largest part of the) discount, and
		// its name then; every promotion applied is in applied_promotions.
		field.Int("promotion_id").Optional().Nillable().Immutable(),
		field.String("promotion_name").Optional().Nillable().Immutable(),
		field.JSON("applied_promotions", []incentive.AppliedPromotion{}).
			Optional().
			Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
		// quantity × unit price, less the discount, rounded half-up.
		field.Int64("amount").Immutable().Annotations(moneyType),
		// Units on shipments so far, and on delivered shipments: kept by
		// the ordering service with the shipments.
		field.Int("shipped_quantity").Default(0).NonNegative(),
		field.Int("delivered_quantity").Default(0).NonNegative(),
		// Units confirmed without stock to reserve: they are drawn from
		// free stock when shipped, and the count goes down as they are.
		field.Int("backordered_quantity").Default(0).NonNegative(),
		// Units never to be shipped: the order was closed short.
		field.Int("closed_quantity").Default(0).NonNegative(),
	}
}

func (OrderLine) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("order", Order.Type).
			Ref("lines").
			Field("order_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
		edge.From("product", Product.Type).
			Ref("order_lines").
			Field("product_id").
			Unique().
			Immutable().
			Annotations(tenantEdge()),
		// Nullable: the viewer may no longer be in its audience (see
		// promotion_name).
		edge.To("promotion", Promotion.Type).
			Field("promotion_id").
			Unique().
			Immutable().
			Annotations(tenantEdge()),
		edge.To("shipment_lines", ShipmentLine.Type).
			Annotations(tenantEdge()),
	}
}

func (OrderLine) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("order_id", "position"),
		index.Fields("product_id"),
	}
}

func (OrderLine) Policy() ent.Policy { return access.OrderLinePolicy() }

func (OrderLine) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput, entgql.SkipOrderField)}
}

// OrderEvent is one entry of an order's history: a status change, the
// release of a credit hold, or the dealer's amendment of a SUBMITTED order
// (from = to = SUBMITTED, the note saying what changed).
type OrderEvent struct{ ent.Schema }

func (OrderEvent) Fields() []ent.Field {
	return []ent.Field{
		field.Int("order_id").Immutable(),
		// The order's dealer, so that a dealer's history (the timeline)
		// is a range of the (dealer_id, at) index rather than a join
		// through every order. Written with every event; Optional only so
		// the column can be added to an existing database (rows from
		// before it are filled in by the migration or, on SQLite, by
		// store at start).
		field.Int("dealer_id").
			Optional().
			Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Enum("kind").
			Values("STATUS_CHANGED", "CREDIT_HOLD_RELEASED", "AMENDED").
			Default("STATUS_CHANGED").
			Immutable(),
		// Null for the event that placed the order.
		field.Enum("from").
			GoType(status.Status("")).
			Optional().
			Nillable().
			Immutable().
			Annotations(entgql.Type("OrderStatus")),
		field.Enum("to").
			GoType(status.Status("")).
			Immutable().
			Annotations(entgql.Type("OrderStatus")),
		field.Int("actor_id").Optional().Nillable().Immutable(),
		// The actor's name as it was: history reads the same to everyone,
		// even to those who may not read the actor.
		field.String("actor_name").Immutable(),
		field.Time("at").Immutable(),
		field.Text("note").Default("").Immutable(),
	}
}

func (OrderEvent) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("order", Order.Type).
			Ref("history").
			Field("order_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
		// Nullable: the viewer may not read the actor (see actorName).
		edge.To("actor", User.Type).
			Field("actor_id").
			Unique().
			Immutable().
			Annotations(tenantEdge()),
	}
}

func (OrderEvent) Indexes() []ent.Index {
	return []ent.Index{index.Fields("order_id", "at"), index.Fields("dealer_id", "at")}
}

func (OrderEvent) Policy() ent.Policy { return access.OrderEventPolicy() }

func (OrderEvent) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput, entgql.SkipOrderField)}
}
