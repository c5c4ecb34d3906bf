package realtime

import (
	"encoding/json"
	"time"

	"github.com/dealerline/dealerline/ent"
)

// AgreementEnding: an ACTIVE agreement entered its notice period (the daily
// run of package agreements, once per agreement and end date). Payload:
// AgreementNotice. No subscription streams it.
const AgreementEnding Kind = "AGREEMENT_ENDING"

// AgreementNotice is the payload of AgreementEnding.
type AgreementNotice struct {
	AgreementID int    `json:"agreementId"`
	Number      string `json:"number"`
	Kind        string `json:"kind"`
	DealerID    int    `json:"dealerId"`
	DealerName  string `json:"dealerName"`
	EndsOn      string `json:"endsOn"` // YYYY-MM-DD
	AutoRenew   bool   `json:"autoRenew"`
}

// AgreementEndingEvent is the notice that agreement a of dealer d ends
// soon, recorded at at.
func AgreementEndingEvent(a *ent.Agreement, d *ent.Dealer, at time.Time) Event {
	return Event{
		Kind:      AgreementEnding,
		SubjectID: a.ID,
		Audience:  DealerAudience(d),
		Payload: marshal(AgreementNotice{
			AgreementID: a.ID, Number: a.Number, Kind: string(a.Kind), DealerID: d.ID, DealerName: d.Name,
			EndsOn: a.EndsOn.Format(time.DateOnly), AutoRenew: a.AutoRenew,
		}),
		At: at,
	}
}

// DecodeAgreementNotice reads the payload of an AgreementEnding event.
func DecodeAgreementNotice(e *Event) (AgreementNotice, error) {
	var p AgreementNotice
	err := json.Unmarshal(e.Payload, &p)
	return p, err
}
