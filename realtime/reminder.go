package realtime

import (
	"encoding/json"
	"time"

	"github.com/dealerline/dealerline/ent"
)

// Reminders recorded by the daily pass of package notify, once per
// invoice or follow-up: no subscription streams them.
const (
	// InvoiceOverdue: an invoice fell overdue unpaid. Payload: Reminder.
	InvoiceOverdue Kind = "INVOICE_OVERDUE"
	// FollowUpDue: a follow-up task is due today. Payload: Reminder.
	// Addressed to its assignee.
	FollowUpDue Kind = "FOLLOW_UP_DUE"
)

// Reminder is the payload of InvoiceOverdue (the invoice's number) and
// FollowUpDue (its dealer and text).
type Reminder struct {
	ID       int    `json:"id"`
	Number   string `json:"number,omitempty"`
	DealerID int    `json:"dealerId,omitempty"`
	Text     string `json:"text,omitempty"`
	DueOn    string `json:"dueOn"` // YYYY-MM-DD
}

// InvoiceOverdueEvent is the reminder that invoice inv of dealer d is
// overdue, recorded at at.
func InvoiceOverdueEvent(inv *ent.Invoice, d *ent.Dealer, at time.Time) Event {
	payload, err := json.Marshal(Reminder{ID: inv.ID, Number: inv.Number, DealerID: d.ID, DueOn: inv.DueOn.Format(time.DateOnly)})
	if err != nil {
		panic(err) // plain values: cannot fail
	}
	return Event{Kind: InvoiceOverdue, SubjectID: inv.ID, Audience: DealerAudience(d), Payload: payload, At: at}
}

// FollowUpDueEvent is the reminder that follow-up f is due, to its
// assignee, recorded at at.
func FollowUpDueEvent(f *ent.FollowUp, at time.Time) Event {
	payload, err := json.Marshal(Reminder{ID: f.ID, DealerID: f.DealerID, Text: f.Text, DueOn: f.DueOn.Format(time.DateOnly)})
	if err != nil {
		panic(err) // plain values: cannot fail
	}
	a := Audience{}
	if f.AssigneeID != nil {
		a.UserID = *f.AssigneeID
	}
	return Event{Kind: FollowUpDue, SubjectID: f.ID, Audience: a, Payload: payload, At: at}
}

// DecodeReminder reads the payload of an InvoiceOverdue or FollowUpDue
// event.
func DecodeReminder(e *Event) (Reminder, error) {
	var p Reminder
	err := json.Unmarshal(e.Payload, &p)
	return p, err
}
