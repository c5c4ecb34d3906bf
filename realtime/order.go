package realtime

import (
	"encoding/json"
	"time"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/orderevent"
	"github.com/dealerline/dealerline/ordering/status"
)

// OrderStatus is the payload of OrderStatusChanged: the order's history
// entry, as it was when the order moved.
type OrderStatus struct {
	OrderID   int            `json:"orderId"`
	Number    string         `json:"number"`
	From      *status.Status `json:"from,omitempty"` // nil when the order was placed
	To        status.Status  `json:"to"`
	At        time.Time      `json:"at"`
	ActorName string         `json:"actorName"`
	Note      string         `json:"note,omitempty"`
	// ActorID is the user who moved it (0 for the system): who is not
	// told of their own change.
	ActorID int `json:"actorId,omitempty"`
	// CreditHold: the order was on credit hold after the change.
	CreditHold bool `json:"creditHold,omitempty"`
	// Kind is the history entry's kind when not a status change: AMENDED
	// (from = to) when the dealer amended the order.
	Kind string `json:"kind,omitempty"`
}

// OrderStatusChangedEvent is the event of history entry h of order o, placed
// by dealer d (whose parent, channel and owner make the audience).
func OrderStatusChangedEvent(o *ent.Order, d *ent.Dealer, h *ent.OrderEvent) Event {
	p := OrderStatus{
		OrderID: o.ID, Number: o.Number, From: h.From, To: h.To, At: h.At, ActorName: h.ActorName, Note: h.Note,
		CreditHold: o.CreditHold,
	}
	if h.Kind != orderevent.KindSTATUS_CHANGED {
		p.Kind = string(h.Kind)
	}
	if h.ActorID != nil {
		p.ActorID = *h.ActorID
	}
	payload, err := json.Marshal(p)
	if err != nil {
		panic(err) // plain values: cannot fail
	}
	return Event{
		Kind:      OrderStatusChanged,
		SubjectID: o.ID,
		OrderID:   o.ID,
		Audience:  DealerAudience(d),
		Payload:   payload,
		At:        h.At,
	}
}

// DealerAudience is the audience of an event about one of d's records.
func DealerAudience(d *ent.Dealer) Audience {
	a := Audience{DealerID: d.ID, ChannelID: d.ChannelID}
	if d.ParentID != nil {
		a.ParentDealerID = *d.ParentID
	}
	if d.OwnerID != nil {
		a.OwnerID = *d.OwnerID
	}
	return a
}

// DecodeOrderStatus reads the payload of an OrderStatusChanged event.
func DecodeOrderStatus(e *Event) (OrderStatus, error) {
	var p OrderStatus
	err := json.Unmarshal(e.Payload, &p)
	return p, err
}
