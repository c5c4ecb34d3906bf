package rebates

import (
	"context"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/rebatetiermark"
)

// TiersReached marks and returns (as statuses, whose Tier is the tier
// reached) the tiers dealer dealerID has reached in
// the periods running today of its programs, above the highest one marked
// before for the program and period: each tier is news once, even when a
// correction takes it away and a later invoice gives it back. Through db
// (the caller's transaction), below privacy: the caller tells only those
// who may read the program.
func (s *Service) TiersReached(ctx context.Context, db *ent.Client, dealerID int) ([]*Status, error) {
	ctx = sys(ctx)
	d, err := db.Dealer.Query().Where(dealer.ID(dealerID)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	current, err := (&Service{client: db, loc: s.loc, now: s.now}).Current(ctx, d)
	if err != nil {
		return nil, err
	}
	var out []*Status
	for _, st := range current {
		if st.Tier == nil {
			continue
		}
		mark, err := db.RebateTierMark.Query().Where(
			rebatetiermark.ProgramID(st.Program.ID), rebatetiermark.DealerID(d.ID), rebatetiermark.Period(st.Period),
		).Only(ctx)
		switch {
		case ent.IsNotFound(err):
			err = db.RebateTierMark.Create().SetProgramID(st.Program.ID).SetDealerID(d.ID).SetPeriod(st.Period).
				SetThreshold(st.Tier.Threshold).SetReachedAt(s.now()).Exec(ctx)
		case err == nil && st.Tier.Threshold > mark.Threshold:
			err = mark.Update().SetThreshold(st.Tier.Threshold).SetReachedAt(s.now()).Exec(ctx)
		case err == nil:
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, nil
}
