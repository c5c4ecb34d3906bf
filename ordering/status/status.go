// Package status holds the order and shipment status machines (DESIGN.md
// §4): the statuses each moves through and the moves allowed between them.
package status

import (
	"fmt"
	"io"
	"strconv"
)

// Status is where an order stands.
type Status string

const (
	Submitted          Status = "SUBMITTED"
	Confirmed          Status = "CONFIRMED"
	InFulfillment      Status = "IN_FULFILLMENT"
	Shipped            Status = "SHIPPED"
	PartiallyDelivered Status = "PARTIALLY_DELIVERED"
	Delivered          Status = "DELIVERED"
	Rejected           Status = "REJECTED"
	Cancelled          Status = "CANCELLED"
)

// all lists the statuses in the order an order usually moves through them.
var all = []Status{Submitted, Confirmed, InFulfillment, Shipped, PartiallyDelivered, Delivered, Rejected, Cancelled}

// moves is the machine: from each status, where an order may go next.
var moves = map[Status][]Status{
	Submitted:          {Confirmed, Rejected, Cancelled},
	Confirmed:          {InFulfillment, Cancelled},
	InFulfillment:      {Shipped},
	Shipped:            {PartiallyDelivered, Delivered},
	PartiallyDelivered: {Delivered},
}

// CanMove reports whether the machine allows from → to.
func CanMove(from, to Status) bool {
	for _, s := range moves[from] {
		if s == to {
			return true
		}
	}
	return false
}

// Requested reports whether to is a status people set with transitionOrder;
// SHIPPED, PARTIALLY_DELIVERED and DELIVERED follow from shipments.
func Requested(to Status) bool {
	switch to {
	case Confirmed, Rejected, InFulfillment, Cancelled:
		return true
	}
	return false
}

// Open reports whether an order in s still counts towards credit exposure
// and is still to be delivered.
func (s Status) Open() bool {
	return s != Rejected && s != Cancelled && s != Delivered
}

// Values lists every status, for ent's enum column.
func (Status) Values() []string {
	v := make([]string, len(all))
	for i, s := range all {
		v[i] = string(s)
	}
	return v
}

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	for _, x := range all {
		if x == s {
			return true
		}
	}
	return false
}

// MarshalGQL writes the status as a GraphQL enum value.
func (s Status) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(string(s))) }

// UnmarshalGQL reads a GraphQL enum value.
func (s *Status) UnmarshalGQL(v any) error {
	str, ok := v.(string)
	if !ok || !Status(str).Valid() {
		return fmt.Errorf("%v is not an order status", v)
	}
	*s = Status(str)
	return nil
}
