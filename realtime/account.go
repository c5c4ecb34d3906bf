package realtime

import (
	"encoding/json"
	"time"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/money"
)

// The events of a dealer's account. Each is recorded in the transaction
// that issues or records the document, with the dealer's audience; history
// import records none (it is the past). Amounts are decimal strings, as the
// API shows money; dates are business dates (YYYY-MM-DD).
const (
	// InvoiceIssued: an invoice was issued for a shipment gone in transit.
	// Payload: Invoice.
	InvoiceIssued Kind = "INVOICE_ISSUED"
	// PaymentRecorded: a payment from a dealer was recorded and allocated.
	// Payload: Payment.
	PaymentRecorded Kind = "PAYMENT_RECORDED"
	// CreditNoteIssued: a credit note (a correction, a return, a marketing
	// fund or a settled rebate) was issued and allocated. Payload:
	// CreditNote.
	CreditNoteIssued Kind = "CREDIT_NOTE_ISSUED"
)

// Invoice is the payload of InvoiceIssued: the invoice as issued, after
// the dealer's credit was applied to it.
type Invoice struct {
	InvoiceID  int    `json:"invoiceId"`
	Number     string `json:"number"`
	DealerID   int    `json:"dealerId"`
	OrderID    int    `json:"orderId"`
	ShipmentID int    `json:"shipmentId"`
	Amount     string `json:"amount"`
	Balance    string `json:"balance"`
	IssuedOn   string `json:"issuedOn"`
	DueOn      string `json:"dueOn"`
}

// InvoiceIssuedEvent is the event of invoice inv of dealer d, issued at at.
// It belongs to the invoice's order.
func InvoiceIssuedEvent(inv *ent.Invoice, d *ent.Dealer, at time.Time) Event {
	return Event{
		Kind:      InvoiceIssued,
		SubjectID: inv.ID,
		OrderID:   inv.OrderID,
		Audience:  DealerAudience(d),
		Payload: marshal(Invoice{
			InvoiceID: inv.ID, Number: inv.Number, DealerID: inv.DealerID, OrderID: inv.OrderID, ShipmentID: inv.ShipmentID,
			Amount: money.Format(inv.Amount), Balance: money.Format(inv.Balance),
			IssuedOn: inv.IssuedOn.Format(time.DateOnly), DueOn: inv.DueOn.Format(time.DateOnly),
		}),
		At: at,
	}
}

// DecodeInvoice reads the payload of an InvoiceIssued event.
func DecodeInvoice(e *Event) (Invoice, error) {
	var p Invoice
	err := json.Unmarshal(e.Payload, &p)
	return p, err
}

// Payment is the payload of PaymentRecorded: the payment as recorded,
// with what was left unallocated.
type Payment struct {
	PaymentID   int       `json:"paymentId"`
	DealerID    int       `json:"dealerId"`
	Reference   string    `json:"reference"`
	Amount      string    `json:"amount"`
	Unallocated string    `json:"unallocated"`
	ReceivedAt  time.Time `json:"receivedAt"`
	ReceivedOn  string    `json:"receivedOn"`
}

// PaymentRecordedEvent is the event of payment p of dealer d, recorded at
// at.
func PaymentRecordedEvent(p *ent.Payment, d *ent.Dealer, at time.Time) Event {
	return Event{
		Kind:      PaymentRecorded,
		SubjectID: p.ID,
		Audience:  DealerAudience(d),
		Payload: marshal(Payment{
			PaymentID: p.ID, DealerID: p.DealerID, Reference: p.Reference,
			Amount: money.Format(p.Amount), Unallocated: money.Format(p.Unallocated),
			ReceivedAt: p.ReceivedAt, ReceivedOn: p.ReceivedOn.Format(time.DateOnly),
		}),
		At: at,
	}
}

// DecodePayment reads the payload of a PaymentRecorded event.
func DecodePayment(e *Event) (Payment, error) {
	var p Payment
	err := json.Unmarshal(e.Payload, &p)
	return p, err
}

// CreditNote is the payload of CreditNoteIssued: the credit note as
// issued, with what was left unallocated.
type CreditNote struct {
	CreditNoteID int    `json:"creditNoteId"`
	Number       string `json:"number"`
	DealerID     int    `json:"dealerId"`
	// CORRECTION, REBATE, RETURN or MARKETING_FUND.
	Kind        string    `json:"kind"`
	Amount      string    `json:"amount"`
	Unallocated string    `json:"unallocated"`
	Reason      string    `json:"reason"`
	IssuedAt    time.Time `json:"issuedAt"`
	IssuedOn    string    `json:"issuedOn"`
}

// CreditNoteIssuedEvent is the event of credit note cn of dealer d.
func CreditNoteIssuedEvent(cn *ent.CreditNote, d *ent.Dealer) Event {
	return Event{
		Kind:      CreditNoteIssued,
		SubjectID: cn.ID,
		Audience:  DealerAudience(d),
		Payload: marshal(CreditNote{
			CreditNoteID: cn.ID, Number: cn.Number, DealerID: cn.DealerID, Kind: string(cn.Kind),
			Amount: money.Format(cn.Amount), Unallocated: money.Format(cn.Unallocated), Reason: cn.Reason,
			IssuedAt: cn.IssuedAt, IssuedOn: cn.IssuedOn.Format(time.DateOnly),
		}),
		At: cn.IssuedAt,
	}
}

// DecodeCreditNote reads the payload of a CreditNoteIssued event.
func DecodeCreditNote(e *Event) (CreditNote, error) {
	var p CreditNote
	err := json.Unmarshal(e.Payload, &p)
	return p, err
}

// marshal encodes a payload of plain values.
func marshal(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // plain values: cannot fail
	}
	return b
}
