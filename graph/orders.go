package graph

import (
	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/ordering"
)

func orderLines(in []*OrderLineInput) []ordering.Line {
	lines := make([]ordering.Line, len(in))
	for i, l := range in {
		lines[i] = ordering.Line{ProductID: l.ProductID, Quantity: l.Quantity}
	}
	return lines
}

func shipmentLines(in []*ShipmentLineInput) []ordering.ShipmentLine {
	lines := make([]ordering.ShipmentLine, len(in))
	for i, l := range in {
		lines[i] = ordering.ShipmentLine{OrderLineID: l.OrderLineID, Quantity: l.Quantity}
	}
	return lines
}

func paymentAllocations(in []*PaymentAllocationInput) []accounts.Allocation {
	out := make([]accounts.Allocation, len(in))
	for i, a := range in {
		out[i] = accounts.Allocation{InvoiceID: a.InvoiceID, Amount: a.Amount}
	}
	return out
}
