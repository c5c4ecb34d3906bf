package appraisal

import (
	"context"

	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/marketshare"
	"github.com/dealerline/dealerline/period"
)

// Batch is the subjects Cards computes together: dealers, channels (each
// pooling all its dealers), territories (their market share), or every
// one of each.
type Batch struct {
	Every       bool
	Dealers     []int
	Channels    []int
	Territories []int
}

// Cards are scorecards by subject id.
type Cards struct {
	Dealers, Channels, Territories map[int]*Scorecard
}

// Cards computes the scorecards of a batch of subjects over p from the
// facts kpis need (the other KPIs read as if there were none), in a few
// grouped queries whatever the number of dealers: for the evaluation of
// rules over every dealer. ctx runs below privacy; costs are always read.
func (s *Service) Cards(ctx context.Context, b Batch, p period.Period, kpis ...Kpi) (*Cards, error) {
	var want facts
	for _, k := range kpis {
		want |= needs[k]
	}
	out := &Cards{Dealers: map[int]*Scorecard{}, Channels: map[int]*Scorecard{}, Territories: map[int]*Scorecard{}}
	dealerWant, channelWant := b.Every || len(b.Dealers) > 0, b.Every || len(b.Channels) > 0
	if want&^shareFacts != 0 && (dealerWant || channelWant) {
		if err := s.dealerCards(ctx, b, p, want, out); err != nil {
			return nil, err
		}
	}
	if want&shareFacts != 0 && (b.Every || len(b.Territories) > 0) {
		q := s.client.MarketShare.Query().Where(marketshare.MonthIn(p.Months()...))
		if !b.Every {
			q = q.Where(marketshare.TerritoryIDIn(b.Territories...))
		}
		rows, err := q.All(ctx)
		if err != nil {
			return nil, err
		}
		shares := map[int]*[2]float64{}
		for _, r := range rows {
			sh := shares[r.TerritoryID]
			if sh == nil {
				sh = &[2]float64{}
				shares[r.TerritoryID] = sh
			}
			sh[0] += r.Share
			sh[1]++
		}
		ids := b.Territories
		if b.Every {
			if ids, err = s.client.Territory.Query().IDs(ctx); err != nil {
				return nil, err
			}
		}
		for _, id := range ids {
			sh := shares[id]
			if sh == nil {
				sh = &[2]float64{}
			}
			out.Territories[id] = card(p, &pooled{}, nil, sh, true)
		}
	}
	return out, nil
}

func (s *Service) dealerCards(ctx context.Context, b Batch, p period.Period, want facts, out *Cards) error {
	// The dealers whose facts are read: those named, and every dealer of
	// the channels named (a channel pools all of them), narrowed by a
	// sub-select rather than thousands of ids.
	q := s.client.Dealer.Query()
	if !b.Every {
		q = q.Where(dealer.Or(dealer.IDIn(b.Dealers...), dealer.ChannelIDIn(b.Channels...)))
	}
	members, err := q.Select(dealer.FieldID, dealer.FieldChannelID).All(ctx)
	if err != nil {
		return err
	}
	ids := make([]int, len(members))
	inChannels := map[int]bool{}
	for _, c := range b.Channels {
		inChannels[c] = true
	}
	var outside []int // named dealers of no channel named
	for i, d := range members {
		ids[i] = d.ID
		if !b.Every && !inChannels[d.ChannelID] {
			outside = append(outside, d.ID)
		}
	}
	var figs map[int]*figures
	switch {
	case b.Every:
		figs, err = s.load(ctx, dealerSet{all: true}, ids, p, want)
	case len(b.Channels) > 0:
		if figs, err = s.load(ctx, dealerSet{channels: b.Channels}, ids, p, want); err == nil && len(outside) > 0 {
			var more map[int]*figures
			more, err = s.load(ctx, dealerSet{ids: outside}, outside, p, want)
			for _, id := range outside {
				figs[id] = more[id]
			}
		}
	default:
		figs, err = s.load(ctx, dealerSet{ids: ids}, ids, p, want)
	}
	if err != nil {
		return err
	}
	dealerIDs, channelIDs := b.Dealers, b.Channels
	if b.Every {
		dealerIDs = ids
		if channelIDs, err = s.client.Channel.Query().IDs(ctx); err != nil {
			return err
		}
	}
	var byDealer, byChannel map[int]*costs
	if want&costFacts != 0 {
		if byDealer, err = s.costsBy(ctx, "dealer_id", dealerIDs, p); err != nil {
			return err
		}
		if byChannel, err = s.costsBy(ctx, "channel_id", channelIDs, p); err != nil {
			return err
		}
	}
	costOf := func(by map[int]*costs, id int) *costs {
		if c := by[id]; c != nil {
			return c
		}
		return &costsZero
	}
	for _, id := range dealerIDs {
		if f := figs[id]; f != nil {
			out.Dealers[id] = card(p, pool([]*figures{f}), costOf(byDealer, id), nil, false)
		}
	}
	pools := make(map[int][]*figures, len(channelIDs))
	for _, d := range members {
		pools[d.ChannelID] = append(pools[d.ChannelID], figs[d.ID])
	}
	for _, id := range channelIDs {
		out.Channels[id] = card(p, pool(pools[id]), costOf(byChannel, id), nil, true)
	}
	return nil
}
