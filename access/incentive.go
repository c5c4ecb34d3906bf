package access

import (
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/predicate"
)

// RebatePrograms is the set of rebate programs v may read: all for an
// admin; for a manager, those it published and those whose audience may
// reach the dealers of its channels (one of its channels named, or no
// channel named); for a dealer user, those whose audience includes its
// dealer or, for a distributor, one of its sub-dealers, whose standing it
// follows. The same audience rule as Policies (PolicyAudienceIncludes).
func RebatePrograms(v *auth.Viewer) predicate.RebateProgram {
	return rebateTables.readable(v)
}

// RebateProgramPolicy: see RebatePrograms. Only package rebates writes,
// after its own checks.
func RebateProgramPolicy() ent.Policy { return readPolicy[*ent.RebateProgramQuery](RebatePrograms) }
