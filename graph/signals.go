package graph

import (
	"context"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/channelsignal"
	"github.com/dealerline/dealerline/realtime"
	"github.com/dealerline/dealerline/signals"
)

func ruleInput(in SignalRuleInput) signals.RuleInput {
	out := signals.RuleInput{Enabled: in.Enabled}
	for _, t := range in.Thresholds {
		out.Thresholds = append(out.Thresholds, signals.ThresholdValue{Name: t.Name, Value: t.Value})
	}
	return out
}

// signalEvent loads the signal of event e through the viewer's privacy: a
// territory's signal is addressed to the managers of the channels of its
// dealers, and only those who may read it get it.
func (r *Resolver) signalEvent(ctx context.Context, e *realtime.Event) (*SignalEvent, error) {
	p, err := realtime.DecodeSignal(e)
	if err != nil {
		return nil, err
	}
	s, err := r.deliveries().ChannelSignal.Get(ctx, p.SignalID)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &SignalEvent{Cursor: e.Cursor(), Signal: s, Status: channelsignal.Status(p.Status), At: p.At}, nil
}
