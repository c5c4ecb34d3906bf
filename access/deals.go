package access

import (
	"context"

	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/entql"

	"github.com/dealerline/dealerline/auth"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/lead"
	"github.com/dealerline/dealerline/ent/predicate"
	"github.com/dealerline/dealerline/ent/privacy"
)

// OwnDealerDataPolicy: rows a dealer keeps about its own customers — deal
// registrations, their lines, the leads offered to it — are seen by that
// dealer's users alone (never by its distributor or sub-dealers: a
// protected customer is not revealed to another dealer) and by the staff
// who see the dealer. Only packages deals and leads write them, after
// their own checks.
func OwnDealerDataPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{privacy.FilterFunc(func(ctx context.Context, f privacy.Filter) error {
			v, err := viewer(ctx)
			if err != nil {
				return err
			}
			if v.IsAdmin() {
				return privacy.Allow
			}
			df, ok := f.(interface {
				WhereDealerID(entql.IntP)
				WhereHasDealerWith(...predicate.Dealer)
			})
			if !ok {
				return privacy.Denyf("%T has no dealer to filter on", f)
			}
			if v.IsDealer() {
				df.WhereDealerID(entql.IntEQ(v.DealerID))
			} else {
				df.WhereHasDealerWith(Dealers(v))
			}
			return privacy.Allow
		})},
		Mutation: systemWrites(),
	}
}

// Leads is the set of leads v may see: the dealer a lead is offered to
// (or was accepted by) while it holds it; staff the leads of dealers they
// see and those no dealer holds; administrators all.
func Leads(v *auth.Viewer) predicate.Lead {
	switch {
	case v.IsAdmin():
		return func(*sql.Selector) {}
	case v.IsManager():
		return lead.Or(lead.DealerIDIsNil(), lead.HasDealerWith(Dealers(v)))
	case v.IsDealer():
		return lead.DealerID(v.DealerID)
	}
	return lead.IDIn()
}

// LeadPolicy: see Leads. Only package leads writes them.
func LeadPolicy() ent.Policy { return readPolicy[*ent.LeadQuery](Leads) }
