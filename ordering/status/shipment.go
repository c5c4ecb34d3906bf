package status

import (
	"fmt"
	"io"
	"strconv"
)

// ShipmentStatus is where a shipment stands.
type ShipmentStatus string

const (
	ShipmentPreparing ShipmentStatus = "PREPARING"
	ShipmentInTransit ShipmentStatus = "IN_TRANSIT"
	ShipmentDelivered ShipmentStatus = "DELIVERED"
	ShipmentException ShipmentStatus = "EXCEPTION"
)

var allShipment = []ShipmentStatus{ShipmentPreparing, ShipmentInTransit, ShipmentDelivered, ShipmentException}

// shipmentMoves is the shipment machine. A shipment in transit or held up
// may report the same status again: a new scan, a new location, another
// failed attempt.
var shipmentMoves = map[ShipmentStatus][]ShipmentStatus{
	ShipmentPreparing: {ShipmentInTransit},
	ShipmentInTransit: {ShipmentInTransit, ShipmentDelivered, ShipmentException},
	ShipmentException: {ShipmentException, ShipmentInTransit},
}

// CanMoveShipment reports whether the shipment machine allows from → to.
func CanMoveShipment(from, to ShipmentStatus) bool {
	for _, s := range shipmentMoves[from] {
		if s == to {
			return true
		}
	}
	return false
}

// Values lists every shipment status, for ent's enum column.
func (ShipmentStatus) Values() []string {
	v := make([]string, len(allShipment))
	for i, s := range allShipment {
		v[i] = string(s)
	}
	return v
}

// Valid reports whether s is a known shipment status.
func (s ShipmentStatus) Valid() bool {
	for _, x := range allShipment {
		if x == s {
			return true
		}
	}
	return false
}

// MarshalGQL writes the status as a GraphQL enum value.
func (s ShipmentStatus) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(string(s))) }

// UnmarshalGQL reads a GraphQL enum value.
func (s *ShipmentStatus) UnmarshalGQL(v any) error {
	str, ok := v.(string)
	if !ok || !ShipmentStatus(str).Valid() {
		return fmt.Errorf("%v is not a shipment status", v)
	}
	*s = ShipmentStatus(str)
	return nil
}
