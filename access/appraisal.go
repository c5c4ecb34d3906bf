package access

import (
	"context"

	"entgo.io/ent/dialect/sql"

	"github.com/dealerline/dealerline/ent"
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
			wf, ok := f.(interface{ WhereP(...func(*sql.Selector)) })
			if !ok {
				return privacy.Denyf("%T has no channel to filter on", f)
			}
			wf.WhereP(sql.FieldIn("channel_id", channels...))
			return privacy.Allow
		})},
		Mutation: systemWrites(),
	}
}
