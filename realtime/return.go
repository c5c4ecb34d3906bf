package realtime

import (
	"encoding/json"
	"time"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/returns/returnstatus"
)

// ReturnUpdated: a return of goods was requested, approved, rejected or
// received. Payload: Return.
const ReturnUpdated Kind = "RETURN_UPDATED"

// Return is the payload of ReturnUpdated: the return's history entry, as
// it was recorded.
type Return struct {
	ReturnID  int                  `json:"returnId"`
	Number    string               `json:"number"`
	OrderID   int                  `json:"orderId"`
	From      *returnstatus.Status `json:"from,omitempty"` // nil when it was requested
	To        returnstatus.Status  `json:"to"`
	At        time.Time            `json:"at"`
	ActorName string               `json:"actorName"`
	Note      string               `json:"note,omitempty"`
	// ActorID is the user who moved it: who is not told of their own change.
	ActorID int `json:"actorId,omitempty"`
	// Credited is the amount credited, once received.
	Credited *int64 `json:"credited,omitempty"`
}

// ReturnUpdatedEvent is the event of history entry h of return r of dealer
// d (whose parent, channel and owner make the audience). Every change of a
// return updates its row before recording, so one return's events are
// numbered in the order they happened.
func ReturnUpdatedEvent(r *ent.SalesReturn, d *ent.Dealer, h *ent.SalesReturnEvent) Event {
	p := Return{
		ReturnID: r.ID, Number: r.Number, OrderID: r.OrderID, From: h.From, To: h.To, At: h.At,
		ActorName: h.ActorName, Note: h.Note, Credited: r.CreditedAmount,
	}
	if h.ActorID != nil {
		p.ActorID = *h.ActorID
	}
	payload, err := json.Marshal(p)
	if err != nil {
		panic(err) // plain values: cannot fail
	}
	return Event{
		Kind:      ReturnUpdated,
		SubjectID: r.ID,
		Audience:  DealerAudience(d),
		Payload:   payload,
		At:        h.At,
	}
}

// DecodeReturn reads the payload of a ReturnUpdated event.
func DecodeReturn(e *Event) (Return, error) {
	var p Return
	err := json.Unmarshal(e.Payload, &p)
	return p, err
}
