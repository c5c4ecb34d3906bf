package access

import (
	"entgo.io/ent/dialect/sql"

	"github.com/dealerline/dealerline/auth"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/lead"
	"github.com/dealerline/dealerline/ent/predicate"
)

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
