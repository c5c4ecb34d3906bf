package access

import (
	"context"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/channel"
	"github.com/dealerline/dealerline/ent/predicate"
	"github.com/dealerline/dealerline/ent/privacy"
)

// ChannelCostPolicy: channel costs are the manufacturer's spending, read by
// administrators and by the managers of the channel; never by dealers.
// Package facts writes them (administrators only).
func ChannelCostPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{privacy.FilterFunc(func(ctx context.Context, f privacy.Filter) error {
			v, err := viewer(ctx)
			if err != nil {
				return err
			}
			if v.IsAdmin() {
				return privacy.Allow
			}
			var channels []int
			if v.IsManager() {
				channels = v.ManagedChannelIDs
			}
			// Through the edge: the generated filter has no WhereP, and an
			// entql IN of no channels (a dealer user) is no valid SQL,
			// while channel.IDIn of none matches nothing.
			wf, ok := f.(interface{ WhereHasChannelWith(...predicate.Channel) })
			if !ok {
				return privacy.Denyf("%T has no channel to filter on", f)
			}
			wf.WhereHasChannelWith(channel.IDIn(channels...))
			return privacy.Allow
		})},
		Mutation: systemWrites(),
	}
}
