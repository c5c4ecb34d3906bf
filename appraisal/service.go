package appraisal

import (
	"context"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/channel"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/territory"
	"github.com/dealerline/dealerline/period"
)

// MaxTrendPoints is how many periods one trend covers at most.
const MaxTrendPoints = 60

// Service computes scorecards.
type Service struct {
	client  *ent.Client
	dialect string         // what the database speaks: a day count is written for it
	loc     *time.Location // the business time zone: what places a fact in a period
}

// NewService returns a Service over client, whose database speaks
// dialectName (dialect.SQLite or dialect.Postgres); loc is the business
// time zone.
func NewService(client *ent.Client, dialectName string, loc *time.Location) *Service {
	return &Service{client: client, dialect: dialectName, loc: loc}
}

// Subject is what a scorecard is of: exactly one of the three ids.
type Subject struct {
	DealerID, ChannelID, TerritoryID *int
}

// subject is a Subject loaded and allowed: the dealers whose facts pool
// into it, and how to find its costs.
type subject struct {
	dealer    *ent.Dealer
	channel   *ent.Channel
	territory *ent.Territory
	dealerIDs []int
	// Dealer users never read the manufacturer's channel costs.
	showCosts bool
}

// resolve loads the subject through the viewer's privacy. A dealer the
// viewer may not see answers as a missing one; channel and territory
// scorecards pool other dealers' facts, so they are for staff: a channel
// for administrators and its managers, a territory pooled over the
// dealers the viewer may see.
func (s *Service) resolve(ctx context.Context, sub Subject) (*subject, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	given := 0
	for _, id := range []*int{sub.DealerID, sub.ChannelID, sub.TerritoryID} {
		if id != nil {
			given++
		}
	}
	if given != 1 {
		return nil, apperr.Invalid("dealerID", "name exactly one of a dealer, a channel or a territory")
	}
	out := &subject{showCosts: !v.IsDealer()}
	switch {
	case sub.DealerID != nil:
		d, err := s.client.Dealer.Get(ctx, *sub.DealerID)
		if ent.IsNotFound(err) {
			return nil, apperr.Missing("dealerID", "there is no such dealer")
		}
		if err != nil {
			return nil, err
		}
		out.dealer, out.dealerIDs = d, []int{d.ID}
	case sub.ChannelID != nil:
		c, err := s.client.Channel.Get(ctx, *sub.ChannelID)
		if ent.IsNotFound(err) {
			return nil, apperr.Missing("channelID", "there is no such channel")
		}
		if err != nil {
			return nil, err
		}
		if !v.IsAdmin() && !v.Manages(c.ID) {
			return nil, apperr.Errorf(apperr.Forbidden, "a channel's scorecard is for its managers")
		}
		ids, err := s.client.Dealer.Query().Where(dealer.ChannelID(c.ID)).IDs(access.Bypass(ctx))
		if err != nil {
			return nil, err
		}
		out.channel, out.dealerIDs = c, ids
	default:
		t, err := s.client.Territory.Get(ctx, *sub.TerritoryID)
		if ent.IsNotFound(err) {
			return nil, apperr.Missing("territoryID", "there is no such territory")
		}
		if err != nil {
			return nil, err
		}
		if v.IsDealer() {
			return nil, apperr.Errorf(apperr.Forbidden, "a territory's scorecard is for the manufacturer's staff")
		}
		// Through the viewer's privacy: a manager pools the dealers it sees.
		ids, err := s.client.Dealer.Query().Where(dealer.HasTerritoriesWith(territory.ID(t.ID))).IDs(ctx)
		if err != nil {
			return nil, err
		}
		out.territory, out.dealerIDs = t, ids
	}
	return out, nil
}

// Scorecard is the scorecard of sub over p.
func (s *Service) Scorecard(ctx context.Context, sub Subject, p period.Period) (*Scorecard, error) {
	subj, err := s.resolve(ctx, sub)
	if err != nil {
		return nil, err
	}
	return s.card(access.Bypass(ctx), subj, p, allFacts)
}

// card computes a resolved subject's scorecard from the facts want
// names (the KPIs of the others are left as if there were none); sys is
// below privacy.
func (s *Service) card(sys context.Context, subj *subject, p period.Period, want facts) (*Scorecard, error) {
	figs, err := s.load(sys, dealerSet{ids: subj.dealerIDs}, subj.dealerIDs, p, want)
	if err != nil {
		return nil, err
	}
	var cost *costs
	if subj.showCosts && want&costFacts != 0 {
		// A channel's costs are all of its costs, attributed to a dealer
		// or not; a dealer's or a territory's those attributed to its
		// dealers.
		var by map[int]*costs
		if subj.channel != nil {
			by, err = s.costsBy(sys, "channel_id", []int{subj.channel.ID}, p)
		} else {
			by, err = s.costsBy(sys, "dealer_id", subj.dealerIDs, p)
		}
		if err != nil {
			return nil, err
		}
		cost = &costs{}
		for _, c := range by {
			cost.records += c.records
			cost.amount += c.amount
		}
	}
	var share *[2]float64
	if subj.territory != nil && want&shareFacts != 0 {
		if share, err = s.share(sys, subj.territory.ID, p); err != nil {
			return nil, err
		}
	}
	fs := make([]*figures, 0, len(figs))
	for _, id := range subj.dealerIDs {
		fs = append(fs, figs[id])
	}
	c := card(p, pool(fs), cost, share, subj.dealer == nil)
	c.Dealer, c.Channel, c.Territory = subj.dealer, subj.channel, subj.territory
	return c, nil
}

// visibleChannels are the channels a viewer compares: all for an
// administrator, its own for a manager. Dealer users compare none: a
// channel's figures pool other dealers' facts (FORBIDDEN).
func (s *Service) visibleChannels(ctx context.Context) ([]*ent.Channel, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	q := s.client.Channel.Query().Order(ent.Asc(channel.FieldName), ent.Asc(channel.FieldID))
	switch {
	case v.IsAdmin():
	case v.IsManager():
		q = q.Where(channel.IDIn(v.ManagedChannelIDs...))
	default:
		return nil, apperr.Errorf(apperr.Forbidden, "channel comparisons are for the manufacturer's staff")
	}
	return q.All(ctx)
}

// ChannelComparison is a ranked scorecard per channel the viewer may
// compare, from one set of grouped queries over all their dealers.
func (s *Service) ChannelComparison(ctx context.Context, p period.Period) ([]*ChannelScorecard, error) {
	chans, err := s.visibleChannels(ctx)
	if err != nil {
		return nil, err
	}
	sys := access.Bypass(ctx)
	cids := make([]int, len(chans))
	for i, c := range chans {
		cids[i] = c.ID
	}
	dealers, err := s.client.Dealer.Query().Where(dealer.ChannelIDIn(cids...)).
		Select(dealer.FieldID, dealer.FieldChannelID).All(sys)
	if err != nil {
		return nil, err
	}
	ids := make([]int, len(dealers))
	for i, d := range dealers {
		ids[i] = d.ID
	}
	// An administrator compares every channel: every dealer there is.
	set := dealerSet{channels: cids}
	if auth.FromContext(ctx).IsAdmin() {
		set = dealerSet{all: true}
	}
	figs, err := s.load(sys, set, ids, p, allFacts)
	if err != nil {
		return nil, err
	}
	costs, err := s.costsBy(sys, "channel_id", cids, p)
	if err != nil {
		return nil, err
	}
	members := map[int][]*figures{}
	for _, d := range dealers {
		members[d.ChannelID] = append(members[d.ChannelID], figs[d.ID])
	}
	out := make([]*ChannelScorecard, len(chans))
	for i, c := range chans {
		cost := costs[c.ID]
		if cost == nil {
			cost = &costsZero
		}
		sc := card(p, pool(members[c.ID]), cost, nil, true)
		sc.Channel = c
		out[i] = &ChannelScorecard{Channel: c, Scorecard: sc}
	}
	rank(out)
	return out, nil
}

// costsZero is a subject with no cost recorded.
var costsZero = costs{}

// DealerScorecards are the scorecards of every dealer of a channel the
// viewer may see, by code, computed together.
func (s *Service) DealerScorecards(ctx context.Context, channelID int, p period.Period) ([]*Scorecard, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	c, err := s.client.Channel.Get(ctx, channelID)
	if ent.IsNotFound(err) {
		return nil, apperr.Missing("channelID", "there is no such channel")
	}
	if err != nil {
		return nil, err
	}
	dealers, err := s.client.Dealer.Query().Where(dealer.ChannelID(c.ID)).
		Order(ent.Asc(dealer.FieldCode), ent.Asc(dealer.FieldID)).All(ctx)
	if err != nil {
		return nil, err
	}
	ids := make([]int, len(dealers))
	for i, d := range dealers {
		ids[i] = d.ID
	}
	sys := access.Bypass(ctx)
	figs, err := s.load(sys, dealerSet{ids: ids}, ids, p, allFacts)
	if err != nil {
		return nil, err
	}
	var costs map[int]*costs
	if !v.IsDealer() {
		if costs, err = s.costsBy(sys, "dealer_id", ids, p); err != nil {
			return nil, err
		}
	}
	out := make([]*Scorecard, len(dealers))
	for i, d := range dealers {
		cost := costs[d.ID]
		if cost == nil && !v.IsDealer() {
			cost = &costsZero
		}
		out[i] = card(p, pool([]*figures{figs[d.ID]}), cost, nil, false)
		out[i].Dealer = d
	}
	return out, nil
}

// Trend is one KPI of sub over from..to, a point per period, each
// reading only the facts that KPI needs.
func (s *Service) Trend(ctx context.Context, sub Subject, k Kpi, from, to period.Period) ([]*TrendPoint, error) {
	switch {
	case from.Kind() != to.Kind():
		return nil, apperr.Invalid("to", "from and to must be the same kind of period: both months, quarters or years")
	case to.Compare(from) < 0:
		return nil, apperr.Invalid("to", "to must not be before from")
	}
	var ps []period.Period
	for p := from; p.Compare(to) <= 0; p = p.Next() {
		if len(ps) == MaxTrendPoints {
			return nil, apperr.Invalid("to", "a trend has at most %d points: shorten it", MaxTrendPoints)
		}
		ps = append(ps, p)
	}
	subj, err := s.resolve(ctx, sub)
	if err != nil {
		return nil, err
	}
	sys := access.Bypass(ctx)
	out := make([]*TrendPoint, len(ps))
	for i, p := range ps {
		c, err := s.card(sys, subj, p, needs[k])
		if err != nil {
			return nil, err
		}
		out[i] = &TrendPoint{Period: p, Value: c.Value(k)}
	}
	return out, nil
}
