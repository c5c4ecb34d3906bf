package realtime

import (
	"encoding/json"
	"time"

	"github.com/dealerline/dealerline/ent"
)

// SignalChanged: a channel-change signal was raised, withdrawn or
// resolved. Payload: Signal.
const SignalChanged Kind = "SIGNAL_CHANGED"

// Signal is the payload of SignalChanged: the status the change announced.
type Signal struct {
	SignalID int       `json:"signalId"`
	Rule     int       `json:"rule"`
	Status   string    `json:"status"` // OPEN when raised, WITHDRAWN, RESOLVED
	At       time.Time `json:"at"`
}

// SignalChangedEvent is the event of signal s moving to its current status
// at at. A dealer's signal is addressed as the dealer's events are (d, its
// dealer, gives the channel and owner); a channel's to the channel; a
// territory's to the managers of the channels of its dealers, which the
// subscription narrows to those who may read it. Dealer users never
// subscribe to signals. Every change updates the signal's row before
// recording, so one signal's events are numbered in the order they
// happened.
func SignalChangedEvent(s *ent.ChannelSignal, d *ent.Dealer, at time.Time) Event {
	payload, err := json.Marshal(Signal{SignalID: s.ID, Rule: s.Rule, Status: string(s.Status), At: at})
	if err != nil {
		panic(err) // plain values: cannot fail
	}
	var a Audience
	switch {
	case d != nil:
		a = DealerAudience(d)
	case s.ChannelID != nil:
		a.ChannelID = *s.ChannelID
	case s.TerritoryID != nil:
		a.Dealers = &DealerReach{Territories: []int{*s.TerritoryID}}
	}
	return Event{Kind: SignalChanged, SubjectID: s.ID, Audience: a, Payload: payload, At: at}
}

// DecodeSignal reads the payload of a SignalChanged event.
func DecodeSignal(e *Event) (Signal, error) {
	var p Signal
	err := json.Unmarshal(e.Payload, &p)
	return p, err
}
