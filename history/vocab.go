package history

import (
	"math/rand/v2"
	"slices"
	"time"
)

// The words the past is told in. Slices, not maps, so that the order of
// every draw stays fixed.

var (
	orderNotes = []string{
		"Please call the warehouse before delivery.",
		"Deliver to the back entrance; the loading bay closes at 17:00.",
		"Stock-up for the season.",
		"For a customer project, please keep to the requested date.",
		"Replenishment of the showroom.",
		"Half of it goes to our second store; one delivery is fine.",
	}
	rejectNotes = []string{
		"Quantities exceed this quarter's allocation; please resubmit in smaller lots.",
		"Duplicate of an order placed the same day.",
		"Not carried for this territory; the regional distributor supplies it.",
		"Delivery address outside the dealer's territories.",
	}
	creditRejectNote = "Over the credit limit; please settle the open balance and order again."
	withdrawNotes    = []string{
		"Ordered twice by mistake.",
		"Wrong quantities; placing a new order.",
		"The customer postponed the project.",
		"",
		"",
	}
	cancelNotes = []string{
		"Cancelled at the dealer's request: the project was postponed.",
		"Cancelled at the dealer's request: replaced by a larger order.",
		"Cancelled: the dealer asked for another model.",
	}
	releaseNotes = []string{
		"Balance paid down by bank transfer this morning.",
		"Approved by finance: project order backed by the customer's deposit.",
	}
	twoConsignments = "Shipped in two consignments."
)

// warehouse is where every shipment leaves from.
const warehouse = "Kunshan central warehouse"

var (
	carriers  = []struct{ name, prefix string }{{"SF Express", "SF"}, {"JD Logistics", "JDV"}, {"Deppon", "DPK"}, {"ZTO Express", "ZT"}}
	holdUps   = []string{"Consignee closed; redelivery booked for the next working day.", "Address incomplete; the carrier is calling the dealer.", "Pallet damaged in handling; repacked at the hub."}
	heldAtHub = "Held at the hub: the delivery road is closed for works."
)

var lineCounts = []int{1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5} // how many lines an order has

// Lines is how many lines a new order has.
func Lines(r *rand.Rand) int { return lineCounts[r.IntN(len(lineCounts))] }

// Quantity is how many units at price (fen) the dealer takes: distributors
// stock up, dealers that buy for sites take twice what shops take.
func Quantity(r *rand.Rand, d *Dealer, price int64) int {
	var q int
	switch {
	case price < 300_00:
		q = 10 + r.IntN(41)
	case price < 1000_00:
		q = 2 + r.IntN(14)
	default:
		q = 1 + r.IntN(8)
	}
	switch {
	case d.Tier == 1:
		q *= 4
	case d.Bulk:
		q *= 2
	}
	if q > 20 {
		q -= q % 5
	}
	return q
}

func sortTimes(ts []time.Time) { slices.SortFunc(ts, func(a, b time.Time) int { return a.Compare(b) }) }
