package access

import (
	"context"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/ent/pushsubscription"
)

// PushSubscriptionPolicy: everyone sees only the browsers they subscribed
// themselves. Package push writes them, as the system, after its checks.
func PushSubscriptionPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{privacy.PushSubscriptionQueryRuleFunc(func(ctx context.Context, q *ent.PushSubscriptionQuery) error {
			v, err := viewer(ctx)
			if err != nil {
				return err
			}
			q.Where(pushsubscription.UserID(v.UserID))
			return privacy.Allow
		})},
		Mutation: systemWrites(),
	}
}
