package access

import (
	"context"

	"entgo.io/ent/entql"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/privacy"
)

// OwnRowsPolicy: rows that belong to one user (notifications and their
// settings) are read by that user alone, administrators included; only
// package notify writes them, after loading them through this rule.
func OwnRowsPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{privacy.FilterFunc(func(ctx context.Context, f privacy.Filter) error {
			v, err := viewer(ctx)
			if err != nil {
				return err
			}
			uf, ok := f.(interface{ WhereUserID(entql.IntP) })
			if !ok {
				return privacy.Denyf("%T has no user to filter on", f)
			}
			uf.WhereUserID(entql.IntEQ(v.UserID))
			return privacy.Allow
		})},
		Mutation: systemWrites(),
	}
}
