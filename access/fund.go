package access

import (
	"entgo.io/ent/dialect/sql"

	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/fundbudget"
	"github.com/dealerline/dealerline/ent/marketingfund"
	"github.com/dealerline/dealerline/ent/predicate"
)

// MarketingFunds is the set of marketing funds v may read: all for an
// admin; for a manager, those it published and those giving a budget to
// one of the dealers it sees; for a dealer user, those giving a budget to
// its dealer or, for a distributor, to one of its sub-dealers.
func MarketingFunds(v *auth.Viewer) predicate.MarketingFund {
	if v.IsAdmin() {
		return func(*sql.Selector) {}
	}
	given := marketingfund.HasBudgetsWith(fundbudget.HasDealerWith(Dealers(v)))
	if v.IsManager() {
		return marketingfund.Or(marketingfund.PublishedByID(v.UserID), given)
	}
	return given
}

// MarketingFundPolicy: see MarketingFunds. Only package funds writes,
// after its own checks.
func MarketingFundPolicy() ent.Policy {
	return readPolicy[*ent.MarketingFundQuery](MarketingFunds)
}
