package accounts

import (
	"context"
	"time"

	"github.com/dealerline/dealerline/ent"
)

// History records facts of the past with their own dates — for the demo
// data, and for importing an account kept elsewhere — by the rules of the
// service: the same amounts, numbers and allocations. It checks neither
// who asks nor the input, and writes no audit entries: the caller is the
// system, loading what happened.
type History struct {
	db       *ent.Client
	location *time.Location
}

// NewHistory records into db (a transaction's client, typically) in the
// business time zone location.
func NewHistory(db *ent.Client, location *time.Location) *History {
	return &History{db: db, location: location}
}

// Invoice issues the invoice of a shipment that went IN_TRANSIT at at.
func (h *History) Invoice(ctx context.Context, sh *ent.Shipment, at time.Time) (*ent.Invoice, error) {
	return issueInvoice(ctx, h.db, sh, BusinessDate(at, h.location), at)
}

// Payment records a payment received at in.ReceivedAt and allocates it.
// Allocations above an invoice's balance are a CONFLICT.
func (h *History) Payment(ctx context.Context, in PaymentInput) (*ent.Payment, error) {
	var invoices []*ent.Invoice
	for _, a := range in.Allocations {
		inv, err := h.db.Invoice.Get(system(ctx), a.InvoiceID)
		if err != nil {
			return nil, err
		}
		invoices = append(invoices, inv)
	}
	return receive(ctx, h.db, in.DealerID, in, invoices, h.location, in.ReceivedAt)
}

// CreditNote issues a credit note at at.
func (h *History) CreditNote(ctx context.Context, in CreditNoteInput, at time.Time) (*ent.CreditNote, error) {
	return issueCreditNote(ctx, h.db, in.DealerID, in, h.location, at)
}
