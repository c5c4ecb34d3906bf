package graph

import "github.com/dealerline/dealerline/ordering"

func orderLines(in []*OrderLineInput) []ordering.Line {
	lines := make([]ordering.Line, len(in))
	for i, l := range in {
		lines[i] = ordering.Line{ProductID: l.ProductID, Quantity: l.Quantity}
	}
	return lines
}
