package access

import (
	"context"

	"entgo.io/ent/dialect/sql"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/privacy"
)

// adminsOnlyRead: administrators read every row, others none.
func adminsOnlyRead() privacy.QueryRule {
	return privacy.FilterFunc(func(ctx context.Context, f privacy.Filter) error {
		v, err := viewer(ctx)
		if err != nil {
			return err
		}
		if !v.IsAdmin() {
			wf, ok := f.(interface{ WhereP(...func(*sql.Selector)) })
			if !ok {
				return privacy.Denyf("%T cannot be filtered", f)
			}
			wf.WhereP(func(s *sql.Selector) { s.Where(sql.False()) })
		}
		return privacy.Allow
	})
}

// RebateProgramPolicy: administrators only, until the audience rule is
// written.
func RebateProgramPolicy() ent.Policy {
	return privacy.Policy{Query: privacy.QueryPolicy{adminsOnlyRead()}, Mutation: systemWrites()}
}
