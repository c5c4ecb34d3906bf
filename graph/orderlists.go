package graph

import "github.com/dealerline/dealerline/ordering"

// orderListReading is a list read as the API shows it.
func orderListReading(in *ordering.ListReading) *OrderListReading {
	out := &OrderListReading{Lines: make([]*OrderListLine, len(in.Lines)), Problems: make([]*OrderListProblem, len(in.Problems))}
	for i, l := range in.Lines {
		out.Lines[i] = &OrderListLine{Line: l.Line, Text: l.Text, Product: l.Product, Quantity: l.Quantity}
	}
	for i, p := range in.Problems {
		out.Problems[i] = &OrderListProblem{Line: p.Line, Text: p.Text, Reason: OrderListProblemReason(p.Reason)}
	}
	if in.Quote != nil {
		out.Quote = orderQuote(in.Quote)
	}
	return out
}
