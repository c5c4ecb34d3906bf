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
	"github.com/dealerline/dealerline/period"
)

// Invoice is what a dealer owes for one shipment, issued when the shipment
// goes IN_TRANSIT. Payments and credit notes are allocated to it; balance
// is what is still open.
type Invoice struct{ ent.Schema }

func (Invoice) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (Invoice) Fields() []ent.Field {
	return []ent.Field{
		// INV- and the invoice's sequence number, set in the transaction
		// that issues it (non-null in GraphQL: graph/accounts.graphqls).
		field.String("number").
			Optional().
			Annotations(entgql.OrderField("NUMBER"), entgql.Skip(entgql.SkipType)),
		field.Int("dealer_id").Immutable(),
		field.Int("order_id").Immutable(),
		field.Int("shipment_id").Immutable().Unique(),
		// The business date of the event that put the shipment in transit.
		field.Time("issued_on").
			Immutable().
			SchemaType(dateColumn).
			Annotations(dateType, entgql.OrderField("ISSUED_ON")),
		// issuedOn + the dealer's payment terms then.
		field.Time("due_on").
			Immutable().
			SchemaType(dateColumn).
			Annotations(dateType, entgql.OrderField("DUE_ON")),
		field.Int64("amount").
			NonNegative().
			Immutable().
			Annotations(moneyType, entgql.OrderField("AMOUNT")),
		// amount less everything allocated to it.
		field.Int64("balance").
			NonNegative().
			Annotations(moneyType, entgql.OrderField("BALANCE")),
		// The date of the allocation that brought the balance to 0.
		field.Time("paid_off_on").
			Optional().
			Nillable().
			SchemaType(dateColumn).
			Annotations(dateType),
	}
}

func (Invoice) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("dealer", Dealer.Type).
			Ref("invoices").
			Field("dealer_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
		edge.From("order", Order.Type).
			Ref("invoices").
			Field("order_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
		edge.From("shipment", Shipment.Type).
			Ref("invoice").
			Field("shipment_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
		edge.To("allocations", Allocation.Type).
			Annotations(tenantEdge()),
	}
}

func (Invoice) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("dealer_id", "issued_on"),
		index.Fields("dealer_id", "due_on"),
		// Payment periods: invoices paid off in a period.
		index.Fields("dealer_id", "paid_off_on"),
		// The same, and the invoices overdue at a period's end (not paid off
		// by then), over every dealer: a comparison of channels.
		index.Fields("paid_off_on").
			Annotations(entsql.IncludeColumns("dealer_id", "issued_on", "due_on", "amount")),
		// A dealer's timeline.
		index.Fields("dealer_id", "created_at"),
		index.Fields("order_id"),
		index.Fields("number"),
	}
}

func (Invoice) Policy() ent.Policy { return access.DealerDataPolicy() }

func (Invoice) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
	}
}

// Payment is money received from a dealer. It is allocated to the
// dealer's invoices; what is not is the dealer's credit, applied to the
// next invoices issued.
type Payment struct{ ent.Schema }

func (Payment) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (Payment) Fields() []ent.Field {
	return []ent.Field{
		field.Int("dealer_id").Immutable(),
		field.Int64("amount").
			Positive().
			Immutable().
			Annotations(moneyType, entgql.OrderField("AMOUNT")),
		field.Time("received_at").
			Immutable().
			Annotations(entgql.OrderField("RECEIVED_AT")),
		// The business date of receivedAt: where the payment stands on the
		// statement.
		field.Time("received_on").
			Immutable().
			SchemaType(dateColumn).
			Annotations(dateType),
		// The payer's reference (a bank transfer's), unique per dealer so
		// that one transfer cannot be recorded twice.
		field.String("reference").NotEmpty().MaxRuneLen(100).Immutable(),
		// amount less everything allocated from it.
		field.Int64("unallocated").
			NonNegative().
			Annotations(moneyType),
	}
}

func (Payment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("dealer", Dealer.Type).
			Ref("payments").
			Field("dealer_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
		edge.To("allocations", Allocation.Type).
			Annotations(tenantEdge()),
	}
}

func (Payment) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("dealer_id", "reference").Unique(),
		index.Fields("dealer_id", "received_on"),
		index.Fields("dealer_id", "received_at"), // a dealer's timeline
	}
}

func (Payment) Policy() ent.Policy { return access.DealerDataPolicy() }

func (Payment) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
	}
}

// CreditNote is an amount the manufacturer credits a dealer (a rebate, a
// correction), allocated to its invoices like a payment.
type CreditNote struct{ ent.Schema }

func (CreditNote) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

func (CreditNote) Fields() []ent.Field {
	return []ent.Field{
		// CN- and the credit note's sequence number (non-null in GraphQL).
		field.String("number").
			Optional().
			Annotations(entgql.OrderField("NUMBER"), entgql.Skip(entgql.SkipType)),
		field.Int("dealer_id").Immutable(),
		field.Int64("amount").
			Positive().
			Immutable().
			Annotations(moneyType, entgql.OrderField("AMOUNT")),
		field.Text("reason").Immutable(),
		// What it credits. CORRECTION and RETURN lower a rebate program's
		// basis; REBATE is issued only by settling a program.
		field.Enum("kind").
			Values("CORRECTION", "REBATE", "RETURN", "MARKETING_FUND").
			Default("CORRECTION").
			Immutable().
			Annotations(entgql.Type("CreditNoteKind")),
		// The product a CORRECTION or RETURN is for: it lowers the basis of
		// the programs covering that product. Without one it lowers every
		// program's basis.
		field.Int("product_id").Optional().Nillable().Immutable(),
		// A REBATE's program and period.
		field.Int("rebate_program_id").Optional().Nillable().Immutable(),
		field.String("rebate_period").
			GoType(period.Period{}).
			Optional().
			Nillable().
			Immutable().
			Annotations(periodType),
		field.Time("issued_at").
			Immutable().
			Annotations(entgql.OrderField("ISSUED_AT")),
		field.Time("issued_on").
			Immutable().
			SchemaType(dateColumn).
			Annotations(dateType),
		field.Int64("unallocated").
			NonNegative().
			Annotations(moneyType),
	}
}

func (CreditNote) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("dealer", Dealer.Type).
			Ref("credit_notes").
			Field("dealer_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
		edge.To("allocations", Allocation.Type).
			Annotations(tenantEdge()),
		edge.To("product", Product.Type).
			Field("product_id").
			Unique().
			Immutable(),
		// Nullable: the dealer may not read the program any longer.
		edge.To("rebate_program", RebateProgram.Type).
			Field("rebate_program_id").
			Unique().
			Immutable().
			Annotations(tenantEdge()),
	}
}

func (CreditNote) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("rebate_program_id", "rebate_period", "dealer_id"),
		index.Fields("dealer_id", "issued_on"),
		index.Fields("dealer_id", "issued_at"), // a dealer's timeline
		index.Fields("number"),
	}
}

func (CreditNote) Policy() ent.Policy { return access.DealerDataPolicy() }

func (CreditNote) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
	}
}

// Allocation is part of a payment or a credit note applied to an invoice.
type Allocation struct{ ent.Schema }

func (Allocation) Fields() []ent.Field {
	return []ent.Field{
		field.Int("dealer_id").Immutable(),
		field.Int("invoice_id").Immutable(),
		// Exactly one of the two is set.
		field.Int("payment_id").Optional().Nillable().Immutable(),
		field.Int("credit_note_id").Optional().Nillable().Immutable(),
		field.Int64("amount").Positive().Immutable().Annotations(moneyType),
		// The business date from which it counts: the later of the
		// payment's (or credit note's) date and the invoice's issue date.
		field.Time("applied_on").
			Immutable().
			SchemaType(dateColumn).
			Annotations(dateType),
	}
}

func (Allocation) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("dealer", Dealer.Type).
			Ref("allocations").
			Field("dealer_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge(), entgql.Skip(entgql.SkipType)),
		edge.From("invoice", Invoice.Type).
			Ref("allocations").
			Field("invoice_id").
			Unique().
			Required().
			Immutable().
			Annotations(tenantEdge()),
		edge.From("payment", Payment.Type).
			Ref("allocations").
			Field("payment_id").
			Unique().
			Immutable().
			Annotations(tenantEdge()),
		edge.From("credit_note", CreditNote.Type).
			Ref("allocations").
			Field("credit_note_id").
			Unique().
			Immutable().
			Annotations(tenantEdge()),
	}
}

func (Allocation) Indexes() []ent.Index {
	return []ent.Index{
		// What was allocated to an invoice before a date: its balance then.
		index.Fields("invoice_id").
			Annotations(entsql.IncludeColumns("applied_on", "amount", "dealer_id")),
		index.Fields("payment_id"),
		index.Fields("credit_note_id"),
		index.Fields("dealer_id", "applied_on"),
	}
}

func (Allocation) Policy() ent.Policy { return access.DealerDataPolicy() }

func (Allocation) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput, entgql.SkipWhereInput, entgql.SkipOrderField)}
}
