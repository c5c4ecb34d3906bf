package realtime

import (
	"encoding/json"
	"time"

	"github.com/dealerline/dealerline/ent"
)

// ConflictCaseOpened: a channel-conflict case was opened. Payload:
// ConflictCase. Addressed to the dealers who are its parties (and their
// managers), and to whoever opened it; the case's own rules say who of
// them reads it.
const ConflictCaseOpened Kind = "CONFLICT_CASE_OPENED"

// ConflictCase is the payload of ConflictCaseOpened.
type ConflictCase struct {
	CaseID   int       `json:"caseId"`
	Number   string    `json:"number"`
	Severity string    `json:"severity"`
	ActorID  int       `json:"actorId,omitempty"`
	At       time.Time `json:"at"`
}

// ConflictCaseOpenedEvent is the event of case c, opened by user actorID
// between the dealers parties.
func ConflictCaseOpenedEvent(c *ent.ConflictCase, parties []int, actorID int) Event {
	payload, err := json.Marshal(ConflictCase{CaseID: c.ID, Number: c.Number, Severity: string(c.Severity), ActorID: actorID, At: c.OpenedAt})
	if err != nil {
		panic(err) // plain values: cannot fail
	}
	return Event{
		Kind:      ConflictCaseOpened,
		SubjectID: c.ID,
		Audience:  Audience{UserID: actorID, Dealers: &DealerReach{Dealers: parties}},
		Payload:   payload,
		At:        c.OpenedAt,
	}
}

// DecodeConflictCase reads the payload of a ConflictCaseOpened event.
func DecodeConflictCase(e *Event) (ConflictCase, error) {
	var p ConflictCase
	err := json.Unmarshal(e.Payload, &p)
	return p, err
}
