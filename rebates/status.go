package rebates

import (
	"context"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/rebateprogram"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/store/tx"
)

// territoriesOf is dealer d's territories.
func territoriesOf(ctx context.Context, db *ent.Client, d *ent.Dealer) ([]int, error) {
	return db.Dealer.Query().Where(dealer.ID(d.ID)).QueryTerritories().IDs(sys(ctx))
}

// Status is where dealer d (read through the viewer's rules by the
// caller) stands in program programID for period q, by default the
// program's period running today (its first or last when it runs before
// or after). Nil when the program is not for d or the viewer may not read
// it; a period not of the program's kind or outside its run is
// INVALID_INPUT.
func (s *Service) Status(ctx context.Context, d *ent.Dealer, programID int, q *period.Period) (*Status, error) {
	db := tx.Client(ctx, s.client)
	// Through the viewer's rules: a program it may not read is no program.
	if n, err := db.RebateProgram.Query().Where(rebateprogram.ID(programID)).Count(ctx); err != nil || n == 0 {
		return nil, err
	}
	p, err := withAudience(ctx, db, programID)
	if err != nil {
		return nil, err
	}
	var at period.Period
	if q != nil {
		if err := checkPeriod(p, *q); err != nil {
			return nil, err
		}
		at = *q
	} else {
		at = period.Of(p.PeriodKind, s.Today())
		if at.Compare(p.FirstPeriod) < 0 {
			at = p.FirstPeriod
		} else if p.LastPeriod != nil && at.Compare(*p.LastPeriod) > 0 {
			at = *p.LastPeriod
		}
	}
	territories, err := territoriesOf(ctx, db, d)
	if err != nil || !AudienceOf(p).Includes(d.ID, d.ChannelID, d.Tier, territories) {
		return nil, err
	}
	f, err := sums(ctx, db, p, at, []int{d.ID})
	if err != nil {
		return nil, err
	}
	fig := figures{}
	if f[d.ID] != nil {
		fig = *f[d.ID]
	}
	return s.status(p, d, at, fig), nil
}

// Current is dealer d's status in every program the viewer may read whose
// audience includes d and that runs today, newest first.
func (s *Service) Current(ctx context.Context, d *ent.Dealer) ([]*Status, error) {
	db := tx.Client(ctx, s.client)
	ids, err := db.RebateProgram.Query().Order(ent.Desc(rebateprogram.FieldPublishedAt), ent.Desc(rebateprogram.FieldID)).IDs(ctx)
	if err != nil {
		return nil, err
	}
	progs, err := db.RebateProgram.Query().Where(rebateprogram.IDIn(ids...)).
		WithChannels().WithTerritories().WithDealers().
		Order(ent.Desc(rebateprogram.FieldPublishedAt), ent.Desc(rebateprogram.FieldID)).
		All(sys(ctx))
	if err != nil {
		return nil, err
	}
	territories, err := territoriesOf(ctx, db, d)
	if err != nil {
		return nil, err
	}
	today := s.Today()
	var out []*Status
	for _, p := range progs {
		q := CurrentPeriod(p, today)
		if q == nil || !AudienceOf(p).Includes(d.ID, d.ChannelID, d.Tier, territories) {
			continue
		}
		f, err := sums(ctx, db, p, *q, []int{d.ID})
		if err != nil {
			return nil, err
		}
		fig := figures{}
		if f[d.ID] != nil {
			fig = *f[d.ID]
		}
		out = append(out, s.status(p, d, *q, fig))
	}
	return out, nil
}
