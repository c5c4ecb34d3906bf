package accounts

import (
	"cmp"
	"time"

	"github.com/dealerline/dealerline/ent"
)

// The rules of the account, shared by the service (which applies them to
// the rows of one request) and History (which applies them in memory to a
// past it loads in bulk).

// dueOn is when an invoice issued on issued is due under terms days.
func dueOn(issued time.Time, terms int) time.Time {
	return date(issued).AddDate(0, 0, terms)
}

// source is a payment or a credit note with money left to allocate.
type source struct {
	payment *ent.Payment
	credit  *ent.CreditNote
	on      time.Time // its business date
	left    int64
}

func paymentSource(p *ent.Payment) *source {
	return &source{payment: p, on: date(p.ReceivedOn), left: p.Unallocated}
}

func creditSource(c *ent.CreditNote) *source {
	return &source{credit: c, on: date(c.IssuedOn), left: c.Unallocated}
}

func (s *source) id() int {
	if s.payment != nil {
		return s.payment.ID
	}
	return s.credit.ID
}

// appliedOn is the business date an allocation counts from: the later of
// the source's date and the invoice's issue date.
func appliedOn(s *source, inv *ent.Invoice) time.Time {
	return later(s.on, date(inv.IssuedOn))
}

// oldestDue puts open invoices in the order payments without allocations
// and credit notes settle them: by due date, then issue date, then id.
// (History's invoices have no ids yet: sorted stably, they keep the order
// they were issued in, which is the order of their ids.)
func oldestDue(a, b *ent.Invoice) int {
	return cmp.Or(date(a.DueOn).Compare(date(b.DueOn)), date(a.IssuedOn).Compare(date(b.IssuedOn)), cmp.Compare(a.ID, b.ID))
}

// creditFirst puts unapplied payments and credit notes in the order a new
// invoice uses them: by date, payments before credit notes of the same
// date, then id (History's: the order they were made in).
func creditFirst(a, b *source) int {
	kind := func(s *source) int {
		if s.payment != nil {
			return 0
		}
		return 1
	}
	return cmp.Or(a.on.Compare(b.on), cmp.Compare(kind(a), kind(b)), cmp.Compare(a.id(), b.id()))
}

// spread shares amount over balances in order, each up to its balance,
// and returns each one's share.
func spread(amount int64, balances []int64) []int64 {
	shares := make([]int64, len(balances))
	for i, b := range balances {
		shares[i] = min(amount, b)
		amount -= shares[i]
	}
	return shares
}
