package access

import (
	"context"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/privacy"
)

// writes is the mutation policy of a type viewers write: who says who may
// change the row (each rule denies, or skips to let the write through), and
// then every row the write points at — a parent, an owner, a channel, a
// territory — must be one the viewer can read. A foreign id then answers
// exactly like a missing one, and no edge leads a row into another
// viewer's data.
func writes(who ...privacy.MutationRule) privacy.MutationPolicy {
	p := append(privacy.MutationPolicy{}, who...)
	return append(p, referencesSeen(), privacy.AlwaysAllowRule())
}

// referencesSeen loads each id a mutation adds to an edge through the
// viewer's privacy rules, and refuses the write with NOT_FOUND when one is
// not there for the viewer (missing or foreign alike).
func referencesSeen() privacy.MutationRule {
	return privacy.MutationRuleFunc(func(ctx context.Context, m ent.Mutation) error {
		if _, err := viewer(ctx); err != nil {
			return err
		}
		c, ok := m.(interface{ Client() *ent.Client })
		if !ok {
			return privacy.Denyf("%T has no client to load its edges with", m)
		}
		// Loaded whole: Noder would otherwise shape them by the GraphQL
		// field being resolved, which is the mutation's, not the
		// referenced row's.
		seen := WholeRows(ctx)
		for _, edge := range m.AddedEdges() {
			for _, id := range m.AddedIDs(edge) {
				n, ok := id.(int)
				if !ok {
					return privacy.Denyf("%s: id %T is not an int", edge, id)
				}
				_, err := c.Client().Noder(seen, n)
				switch {
				case ent.IsNotFound(err):
					return &apperr.Error{Code: apperr.NotFound, Message: edge + ": no such record", Field: edge}
				case err != nil:
					return err
				}
			}
		}
		return privacy.Skip
	})
}
