package realtime

import (
	"encoding/json"
	"time"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ordering/status"
)

// DeliveryUpdated: a shipment was prepared, or where it is was reported
// (recordDeliveryEvent). Payload: Delivery.
const DeliveryUpdated Kind = "DELIVERY_UPDATED"

// Delivery is the payload of DeliveryUpdated: the shipment's tracking
// entry, as it was recorded.
type Delivery struct {
	ShipmentID int                   `json:"shipmentId"`
	Number     string                `json:"number"`
	OrderID    int                   `json:"orderId"`
	Status     status.ShipmentStatus `json:"status"`
	Location   string                `json:"location,omitempty"`
	Note       string                `json:"note,omitempty"`
	OccurredAt time.Time             `json:"occurredAt"`
}

// DeliveryUpdatedEvent is the event of tracking entry e of shipment sh, to
// dealer d, recorded at at. It belongs to the shipment's order, so
// deliveryUpdated(orderID:) finds it and it is numbered in turn with the
// order's other events.
func DeliveryUpdatedEvent(sh *ent.Shipment, d *ent.Dealer, e *ent.DeliveryEvent, at time.Time) Event {
	payload, err := json.Marshal(Delivery{
		ShipmentID: sh.ID, Number: sh.Number, OrderID: sh.OrderID, Status: e.Status,
		Location: e.Location, Note: e.Note, OccurredAt: e.OccurredAt,
	})
	if err != nil {
		panic(err) // plain values: cannot fail
	}
	return Event{
		Kind:      DeliveryUpdated,
		SubjectID: sh.ID,
		OrderID:   sh.OrderID,
		Audience:  DealerAudience(d),
		Payload:   payload,
		At:        at,
	}
}

// DecodeDelivery reads the payload of a DeliveryUpdated event.
func DecodeDelivery(e *Event) (Delivery, error) {
	var p Delivery
	err := json.Unmarshal(e.Payload, &p)
	return p, err
}
