package accounts

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/creditnote"
	"github.com/dealerline/dealerline/ent/invoice"
)

// History builds an account of the past — the demo data's, or one kept
// elsewhere and imported — with the facts' own dates, by the rules the
// service applies (rules.go): the same amounts, due dates, allocations and
// numbers. It works in memory, in the order it is told things happened,
// and Write saves it all in a few statements. It checks neither who asks
// nor much of the input, and writes no audit entries: the caller is the
// system, loading what happened.
type History struct {
	location    *time.Location
	invoices    []*ent.Invoice
	payments    []*ent.Payment
	credits     []*ent.CreditNote
	sources     map[int][]*source // by dealer, in the order they were made
	allocations []*allocated
}

// allocated is an allocation waiting for its invoice's and source's ids.
type allocated struct {
	invoice *ent.Invoice
	src     *source
	amount  int64
	on      time.Time
}

// NewHistory starts an empty history in the business time zone location.
func NewHistory(location *time.Location) *History {
	return &History{location: location, sources: map[int][]*source{}}
}

// Invoice issues the invoice of a shipment that went IN_TRANSIT at at, for
// amount (the sum of its lines), due after terms days, and applies the
// dealer's unapplied credit to it.
func (h *History) Invoice(sh *ent.Shipment, amount int64, terms int, at time.Time) *ent.Invoice {
	issued := BusinessDate(at, h.location)
	inv := &ent.Invoice{
		DealerID: sh.DealerID, OrderID: sh.OrderID, ShipmentID: sh.ID,
		IssuedOn: issued, DueOn: dueOn(issued, terms), Amount: amount, Balance: amount,
		CreatedAt: at, UpdatedAt: at,
	}
	h.invoices = append(h.invoices, inv)
	var sources []*source
	for _, s := range h.sources[sh.DealerID] {
		if s.left > 0 {
			sources = append(sources, s)
		}
	}
	slices.SortStableFunc(sources, creditFirst)
	lefts := make([]int64, len(sources))
	for i, s := range sources {
		lefts[i] = s.left
	}
	for i, share := range spread(inv.Balance, lefts) {
		h.allocate(sources[i], inv, share, at)
	}
	return inv
}

// Open is the dealer's invoices with a balance, oldest due first.
func (h *History) Open(dealerID int) []*ent.Invoice {
	var open []*ent.Invoice
	for _, inv := range h.invoices {
		if inv.DealerID == dealerID && inv.Balance > 0 {
			open = append(open, inv)
		}
	}
	slices.SortStableFunc(open, oldestDue)
	return open
}

// Share is part of a payment the payer applies to one invoice of a
// History.
type Share struct {
	Invoice *ent.Invoice
	Amount  int64
}

// Payment records a payment received at receivedAt and allocates it: as
// the shares say (each at most its invoice's balance, together at most the
// payment), else to the open invoices oldest due first.
func (h *History) Payment(dealerID int, amount int64, receivedAt time.Time, reference string, shares ...Share) (*ent.Payment, error) {
	total := int64(0)
	for _, sh := range shares {
		total += sh.Amount
		if sh.Amount <= 0 || sh.Amount > sh.Invoice.Balance || sh.Invoice.DealerID != dealerID {
			return nil, fmt.Errorf("accounts: payment %s: cannot allocate %d of an invoice with %d open", reference, sh.Amount, sh.Invoice.Balance)
		}
	}
	if amount <= 0 || total > amount {
		return nil, fmt.Errorf("accounts: payment %s of %d: allocations add up to %d", reference, amount, total)
	}
	p := &ent.Payment{
		DealerID: dealerID, Amount: amount, ReceivedAt: receivedAt, ReceivedOn: BusinessDate(receivedAt, h.location),
		Reference: reference, Unallocated: amount, CreatedAt: receivedAt, UpdatedAt: receivedAt,
	}
	h.payments = append(h.payments, p)
	src := paymentSource(p)
	h.sources[dealerID] = append(h.sources[dealerID], src)
	if len(shares) == 0 {
		h.oldestFirst(src, dealerID, receivedAt)
	}
	for _, sh := range shares {
		h.allocate(src, sh.Invoice, sh.Amount, receivedAt)
	}
	return p, nil
}

// CreditNote issues a credit note of kind at at and allocates it oldest due
// first; productID (or nil) is the product a CORRECTION or RETURN is for.
func (h *History) CreditNote(dealerID int, kind creditnote.Kind, productID *int, amount int64, reason string, at time.Time) *ent.CreditNote {
	cn := &ent.CreditNote{
		DealerID: dealerID, Kind: kind, ProductID: productID,
		Amount: amount, Reason: reason, IssuedAt: at, IssuedOn: BusinessDate(at, h.location),
		Unallocated: amount, CreatedAt: at, UpdatedAt: at,
	}
	h.credits = append(h.credits, cn)
	src := creditSource(cn)
	h.sources[dealerID] = append(h.sources[dealerID], src)
	h.oldestFirst(src, dealerID, at)
	return cn
}

func (h *History) oldestFirst(src *source, dealerID int, at time.Time) {
	open := h.Open(dealerID)
	balances := make([]int64, len(open))
	for i, inv := range open {
		balances[i] = inv.Balance
	}
	for i, share := range spread(src.left, balances) {
		h.allocate(src, open[i], share, at)
	}
}

func (h *History) allocate(src *source, inv *ent.Invoice, amount int64, at time.Time) {
	if amount <= 0 {
		return
	}
	on := appliedOn(src, inv)
	h.allocations = append(h.allocations, &allocated{invoice: inv, src: src, amount: amount, on: on})
	src.left -= amount
	if src.payment != nil {
		src.payment.Unallocated -= amount
		src.payment.UpdatedAt = at
	} else {
		src.credit.Unallocated -= amount
		src.credit.UpdatedAt = at
	}
	inv.Balance -= amount
	inv.UpdatedAt = at
	if inv.Balance == 0 {
		// Paid off on the latest date its allocations count from.
		for _, a := range h.allocations {
			if a.invoice == inv && (inv.PaidOffOn == nil || a.on.After(*inv.PaidOffOn)) {
				on := a.on
				inv.PaidOffOn = &on
			}
		}
	}
}

// Write saves the history through db (a transaction's client): invoices,
// payments and credit notes in the order they were made, so that their
// ids, and the numbers made from them, follow time; then the allocations.
func (h *History) Write(ctx context.Context, db *ent.Client) error {
	sys := access.Bypass(ctx)
	const batch = 500
	for part := range slices.Chunk(h.invoices, batch) {
		b := make([]*ent.InvoiceCreate, len(part))
		for i, inv := range part {
			b[i] = db.Invoice.Create().
				SetDealerID(inv.DealerID).SetOrderID(inv.OrderID).SetShipmentID(inv.ShipmentID).
				SetIssuedOn(inv.IssuedOn).SetDueOn(inv.DueOn).SetAmount(inv.Amount).SetBalance(inv.Balance).
				SetNillablePaidOffOn(inv.PaidOffOn).SetCreatedAt(inv.CreatedAt).SetUpdatedAt(inv.UpdatedAt)
		}
		saved, err := db.Invoice.CreateBulk(b...).Save(sys)
		if err != nil {
			return err
		}
		for i, row := range saved {
			part[i].ID = row.ID
			part[i].Number = DocumentNumber("INV", row.ID)
		}
	}
	for part := range slices.Chunk(h.payments, batch) {
		b := make([]*ent.PaymentCreate, len(part))
		for i, p := range part {
			b[i] = db.Payment.Create().
				SetDealerID(p.DealerID).SetAmount(p.Amount).SetReceivedAt(p.ReceivedAt).SetReceivedOn(p.ReceivedOn).
				SetReference(p.Reference).SetUnallocated(p.Unallocated).SetCreatedAt(p.CreatedAt).SetUpdatedAt(p.UpdatedAt)
		}
		saved, err := db.Payment.CreateBulk(b...).Save(sys)
		if err != nil {
			return err
		}
		for i, row := range saved {
			part[i].ID = row.ID
		}
	}
	for part := range slices.Chunk(h.credits, batch) {
		b := make([]*ent.CreditNoteCreate, len(part))
		for i, c := range part {
			b[i] = db.CreditNote.Create().
				SetDealerID(c.DealerID).SetKind(c.Kind).SetNillableProductID(c.ProductID).
				SetAmount(c.Amount).SetReason(c.Reason).SetIssuedAt(c.IssuedAt).SetIssuedOn(c.IssuedOn).
				SetUnallocated(c.Unallocated).SetCreatedAt(c.CreatedAt).SetUpdatedAt(c.UpdatedAt)
		}
		saved, err := db.CreditNote.CreateBulk(b...).Save(sys)
		if err != nil {
			return err
		}
		for i, row := range saved {
			part[i].ID = row.ID
			part[i].Number = DocumentNumber("CN", row.ID)
		}
	}
	for part := range slices.Chunk(h.allocations, batch) {
		b := make([]*ent.AllocationCreate, len(part))
		for i, a := range part {
			b[i] = db.Allocation.Create().
				SetDealerID(a.invoice.DealerID).SetInvoiceID(a.invoice.ID).SetAmount(a.amount).SetAppliedOn(a.on)
			if a.src.payment != nil {
				b[i].SetPaymentID(a.src.payment.ID)
			} else {
				b[i].SetCreditNoteID(a.src.credit.ID)
			}
		}
		if err := db.Allocation.CreateBulk(b...).Exec(sys); err != nil {
			return err
		}
	}
	// Numbers come from the ids, known only now.
	for _, inv := range h.invoices {
		if err := db.Invoice.Update().Where(invoice.ID(inv.ID)).SetNumber(inv.Number).SetUpdatedAt(inv.UpdatedAt).Exec(sys); err != nil {
			return err
		}
	}
	for _, c := range h.credits {
		if err := db.CreditNote.Update().Where(creditnote.ID(c.ID)).SetNumber(c.Number).SetUpdatedAt(c.UpdatedAt).Exec(sys); err != nil {
			return err
		}
	}
	return nil
}

// Allocated is one allocation of a History: Amount of Payment or of
// CreditNote applied to Invoice, counting from AppliedOn.
type Allocated struct {
	Invoice    *ent.Invoice
	Payment    *ent.Payment
	CreditNote *ent.CreditNote
	Amount     int64
	AppliedOn  time.Time
}

// Rows is what Write would save, each kind in the order it was made, for a
// loader that gives the rows their ids and writes them itself.
func (h *History) Rows() (invoices []*ent.Invoice, payments []*ent.Payment, credits []*ent.CreditNote, allocations []Allocated) {
	allocations = make([]Allocated, len(h.allocations))
	for i, a := range h.allocations {
		allocations[i] = Allocated{Invoice: a.invoice, Payment: a.src.payment, CreditNote: a.src.credit, Amount: a.amount, AppliedOn: a.on}
	}
	return h.invoices, h.payments, h.credits, allocations
}
