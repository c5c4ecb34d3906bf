package realtime

import (
	"encoding/json"
	"time"

	"github.com/dealerline/dealerline/ent"
)

// TicketUpdated: a service ticket was opened, replied to, closed or
// reopened. Payload: Ticket.
const TicketUpdated Kind = "TICKET_UPDATED"

// Ticket is the payload of TicketUpdated: what happened to the ticket, as
// it was recorded.
type Ticket struct {
	TicketID int    `json:"ticketId"`
	Number   string `json:"number"`
	// OPENED, REPLIED, CLOSED or REOPENED.
	Action  string    `json:"action"`
	ReplyID int       `json:"replyId,omitempty"` // the reply, for REPLIED
	At      time.Time `json:"at"`
}

// TicketUpdatedEvent is the event of action on ticket t of dealer d (whose
// parent, channel and owner make the audience), at at. Every change of a
// ticket updates its row before recording, so one ticket's events are
// numbered in the order they happened.
func TicketUpdatedEvent(t *ent.ServiceTicket, d *ent.Dealer, action string, replyID int, at time.Time) Event {
	payload, err := json.Marshal(Ticket{TicketID: t.ID, Number: t.Number, Action: action, ReplyID: replyID, At: at})
	if err != nil {
		panic(err) // plain values: cannot fail
	}
	return Event{
		Kind:      TicketUpdated,
		SubjectID: t.ID,
		Audience:  DealerAudience(d),
		Payload:   payload,
		At:        at,
	}
}

// DecodeTicket reads the payload of a TicketUpdated event.
func DecodeTicket(e *Event) (Ticket, error) {
	var p Ticket
	err := json.Unmarshal(e.Payload, &p)
	return p, err
}
