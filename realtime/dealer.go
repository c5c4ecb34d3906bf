package realtime

import (
	"context"
	"encoding/json"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/money"
)

// DealerChanged: a dealer was created or updated through the API
// (createDealer, updateDealer, a catalog import). Payload: DealerChange.
const DealerChanged Kind = "DEALER_CHANGED"

// DealerChange is the payload of DealerChanged: the dealer as it is after
// the change.
type DealerChange struct {
	DealerID int `json:"dealerId"`
	// CREATED or UPDATED.
	Action           string    `json:"action"`
	Code             string    `json:"code"`
	Name             string    `json:"name"`
	Tier             int       `json:"tier"`
	Status           string    `json:"status"`
	ChannelID        int       `json:"channelId"`
	ParentID         *int      `json:"parentId,omitempty"`
	CreditLimit      string    `json:"creditLimit"`
	PaymentTermsDays int       `json:"paymentTermsDays"`
	JoinedOn         string    `json:"joinedOn"`
	At               time.Time `json:"at"`
}

// DealerChangedEvent is the event of action (CREATED or UPDATED) on dealer
// d, at at.
func DealerChangedEvent(d *ent.Dealer, action string, at time.Time) Event {
	return Event{
		Kind:      DealerChanged,
		SubjectID: d.ID,
		Audience:  DealerAudience(d),
		Payload: marshal(DealerChange{
			DealerID: d.ID, Action: action, Code: d.Code, Name: d.Name, Tier: d.Tier, Status: string(d.Status),
			ChannelID: d.ChannelID, ParentID: d.ParentID, CreditLimit: money.Format(d.CreditLimit),
			PaymentTermsDays: d.PaymentTermsDays, JoinedOn: d.JoinedOn.Format(time.DateOnly), At: at,
		}),
		At: at,
	}
}

// RecordDealerChanged records that dealer id was created or updated
// (action CREATED or UPDATED), through db, the client of the change's
// transaction, reading the dealer as the change left it.
func RecordDealerChanged(ctx context.Context, db *ent.Client, id int, action string, at time.Time) error {
	d, err := db.Dealer.Get(access.Bypass(ctx), id)
	if err != nil {
		return err
	}
	return Record(ctx, db, DealerChangedEvent(d, action, at))
}

// DecodeDealerChange reads the payload of a DealerChanged event.
func DecodeDealerChange(e *Event) (DealerChange, error) {
	var p DealerChange
	err := json.Unmarshal(e.Payload, &p)
	return p, err
}
