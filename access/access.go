// Package access says who may see and do what (DESIGN.md §4). Its rules are
// the ent privacy policies of every entity, so every path obeys them: lists,
// filters, node(id:), edges, counts.
//
// Read rules are filters, never a Deny: a row the viewer may not see is
// simply not there, so a foreign id answers exactly as a missing one. Write
// rules on existing rows are filters too (an update of an unseen row finds
// nothing); creating is allowed or denied outright.
package access

import (
	"context"

	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/entql"

	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/auditentry"
	"github.com/dealerline/dealerline/ent/conflictcase"
	"github.com/dealerline/dealerline/ent/contact"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/ent/orderevent"
	"github.com/dealerline/dealerline/ent/orderline"
	"github.com/dealerline/dealerline/ent/predicate"
	"github.com/dealerline/dealerline/ent/price"
	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/ent/product"
	"github.com/dealerline/dealerline/ent/token"
	"github.com/dealerline/dealerline/ent/user"
)

// viewer returns the viewer of ctx, or a Deny when there is none: every
// request path sets a viewer, and system work (sign-in, demo data, jobs)
// runs under Bypass, which skips the rules altogether.
func viewer(ctx context.Context) (*auth.Viewer, error) {
	v := auth.FromContext(ctx)
	if v == nil {
		return nil, privacy.Denyf("no viewer in context")
	}
	return v, nil
}

// Bypass is ctx with the privacy rules lifted: the one way past them. It is
// allowed only
//   - in a domain service (ordering, accounts, announcing, auth), for its own
//     reads and writes once it has checked that the viewer may do what it
//     asks, and
//   - for work that runs below privacy by design (DESIGN.md §4): the event
//     outbox, relay and hub, which authorise each event in memory, and KPI
//     aggregation over a subject first loaded through the viewer's client;
//   - to load the demo and seed data sets, which no viewer writes.
//
// Never to answer a viewer with rows it could not read itself.
func Bypass(ctx context.Context) context.Context {
	return privacy.DecisionContext(ctx, privacy.Allow)
}

// Dealers is the set of dealers v may see and (managers) work on: all for an
// admin; the dealers a manager owns or whose channel it manages; a dealer
// user's own dealer and, for a distributor, its sub-dealers.
func Dealers(v *auth.Viewer) predicate.Dealer {
	switch {
	case v.IsAdmin():
		return func(*sql.Selector) {} // no restriction
	case v.IsManager():
		return dealer.Or(dealer.OwnerID(v.UserID), dealer.ChannelIDIn(v.ManagedChannelIDs...))
	case v.IsDealer():
		return dealer.Or(dealer.ID(v.DealerID), dealer.ParentID(v.DealerID))
	}
	return dealer.IDIn()
}

// ListDealer is the dealer whose rows a list of orders, shipments or
// account documents shows: dealerID when given, else a dealer user's own
// dealer (a distributor names a sub-dealer to see its rows), else nil: all
// the viewer may see. The privacy rules still apply to whichever it is.
func ListDealer(ctx context.Context, dealerID *int) *int {
	if v := auth.FromContext(ctx); dealerID == nil && v.IsDealer() {
		return &v.DealerID
	}
	return dealerID
}

// anyViewer lets every signed-in user read (channels, territories).
func anyViewer() privacy.QueryRule {
	return privacy.QueryRuleFunc(func(ctx context.Context, _ ent.Query) error {
		if _, err := viewer(ctx); err != nil {
			return err
		}
		return privacy.Allow
	})
}

// adminWrites lets only administrators change a row.
func adminWrites() privacy.MutationRule {
	return privacy.MutationRuleFunc(func(ctx context.Context, _ ent.Mutation) error {
		v, err := viewer(ctx)
		if err != nil {
			return err
		}
		if v.IsAdmin() {
			return privacy.Skip
		}
		return privacy.Denyf("only an administrator may change this")
	})
}

// CatalogPolicy: channels and territories are read by everyone signed in
// and written by administrators.
func CatalogPolicy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{anyViewer()},
		Mutation: writes(adminWrites()),
	}
}

// ProductPolicy: dealer users see active products only.
func ProductPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{privacy.ProductQueryRuleFunc(func(ctx context.Context, q *ent.ProductQuery) error {
			v, err := viewer(ctx)
			if err != nil {
				return err
			}
			if v.IsDealer() {
				q.Where(product.Active(true))
			}
			return privacy.Allow
		})},
		Mutation: writes(adminWrites()),
	}
}

// PricePolicy: a dealer user sees the prices of its own tier, for no
// channel or its own channel, of active products.
func PricePolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{privacy.PriceQueryRuleFunc(func(ctx context.Context, q *ent.PriceQuery) error {
			v, err := viewer(ctx)
			if err != nil {
				return err
			}
			if v.IsDealer() {
				q.Where(
					price.Tier(v.DealerTier),
					price.Or(price.ChannelIDIsNil(), price.ChannelID(v.DealerChannelID)),
					price.HasProductWith(product.Active(true)),
				)
			}
			return privacy.Allow
		})},
		Mutation: writes(adminWrites()),
	}
}

// DealerPolicy: see Dealers. Managers create dealers in channels they
// manage and edit the dealers they see; dealer users change no dealer. A
// channel the manager does not manage is refused before its existence is
// looked at, so a missing one answers alike.
func DealerPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{readRule[*ent.DealerQuery](Dealers)},
		Mutation: writes(privacy.DealerMutationRuleFunc(func(ctx context.Context, m *ent.DealerMutation) error {
			v, err := viewer(ctx)
			if err != nil {
				return err
			}
			switch {
			case v.IsAdmin():
				return privacy.Skip
			case !v.IsManager():
				return privacy.Denyf("only the manufacturer may change dealers")
			}
			if c, ok := m.ChannelID(); ok && !v.Manages(c) {
				return privacy.Denyf("you do not manage that channel")
			}
			if !m.Op().Is(ent.OpCreate) {
				m.Where(Dealers(v))
			}
			return privacy.Skip
		})),
	}
}

// ContactPolicy: contacts are seen with their dealer. Managers edit the
// contacts of their dealers; a dealer user edits its own dealer's contacts.
func ContactPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{privacy.ContactQueryRuleFunc(func(ctx context.Context, q *ent.ContactQuery) error {
			v, err := viewer(ctx)
			if err != nil {
				return err
			}
			if !v.IsAdmin() {
				q.Where(contact.HasDealerWith(Dealers(v)))
			}
			return privacy.Allow
		})},
		Mutation: writes(privacy.ContactMutationRuleFunc(func(ctx context.Context, m *ent.ContactMutation) error {
			v, err := viewer(ctx)
			if err != nil {
				return err
			}
			if v.IsAdmin() {
				return privacy.Skip
			}
			own := Dealers(v)
			if v.IsDealer() {
				own = dealer.ID(v.DealerID) // not its sub-dealers' contacts
			}
			if m.Op().Is(ent.OpCreate) {
				id, _ := m.DealerID()
				ok, err := m.Client().Dealer.Query().Where(dealer.ID(id), own).Exist(ctx)
				if err != nil {
					return err
				}
				if !ok {
					return privacy.Denyf("you may not add contacts to that dealer")
				}
				return privacy.Skip
			}
			m.Where(contact.HasDealerWith(own))
			return privacy.Skip
		})),
	}
}

// UserPolicy: a manager sees itself and its dealers' users; a dealer user
// its own dealer's users. Only administrators change users (sign-in and
// password changes run as the system, after their own checks).
func UserPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{privacy.UserQueryRuleFunc(func(ctx context.Context, q *ent.UserQuery) error {
			v, err := viewer(ctx)
			if err != nil {
				return err
			}
			switch {
			case v.IsManager():
				q.Where(user.Or(user.ID(v.UserID), user.HasDealerWith(Dealers(v))))
			case v.IsDealer():
				q.Where(user.DealerID(v.DealerID))
			}
			return privacy.Allow
		})},
		Mutation: writes(adminWrites()),
	}
}

// TokenPolicy: everyone sees only their own tokens. Tokens are made and
// revoked by the auth service, as the system.
func TokenPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{privacy.TokenQueryRuleFunc(func(ctx context.Context, q *ent.TokenQuery) error {
			v, err := viewer(ctx)
			if err != nil {
				return err
			}
			q.Where(token.UserID(v.UserID))
			return privacy.Allow
		})},
		Mutation: privacy.MutationPolicy{privacy.AlwaysDenyRule()},
	}
}

// Orders is the set of orders v may see: those of the dealers v sees.
func Orders(v *auth.Viewer) predicate.Order {
	if v.IsAdmin() {
		return func(*sql.Selector) {}
	}
	return order.HasDealerWith(Dealers(v))
}

// systemWrites: rows changed only by a domain service, after its own checks
// of who may do what, under Bypass (orders and their history, the audit
// trail).
func systemWrites() privacy.MutationPolicy {
	return privacy.MutationPolicy{privacy.AlwaysDenyRule()}
}

// OrderPolicy: orders are seen with their dealer. Placing and moving them
// is the ordering service's (ordering.Service), which says who may.
func OrderPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{privacy.OrderQueryRuleFunc(func(ctx context.Context, q *ent.OrderQuery) error {
			v, err := viewer(ctx)
			if err != nil {
				return err
			}
			q.Where(Orders(v))
			return privacy.Allow
		})},
		Mutation: systemWrites(),
	}
}

// OrderLinePolicy: lines are seen with their order.
func OrderLinePolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{privacy.OrderLineQueryRuleFunc(func(ctx context.Context, q *ent.OrderLineQuery) error {
			v, err := viewer(ctx)
			if err != nil {
				return err
			}
			if !v.IsAdmin() {
				q.Where(orderline.HasOrderWith(Orders(v)))
			}
			return privacy.Allow
		})},
		Mutation: systemWrites(),
	}
}

// OrderEventPolicy: history is seen with its order.
func OrderEventPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{privacy.OrderEventQueryRuleFunc(func(ctx context.Context, q *ent.OrderEventQuery) error {
			v, err := viewer(ctx)
			if err != nil {
				return err
			}
			if !v.IsAdmin() {
				q.Where(orderevent.HasOrderWith(Orders(v)))
			}
			return privacy.Allow
		})},
		Mutation: systemWrites(),
	}
}

// DealerDataPolicy: rows that belong to one dealer and carry its id —
// shipments and their lines and tracking events, invoices, payments, credit
// notes and their allocations — are seen with their dealer. Only the domain
// services write them (ordering, accounts), after their own checks.
//
// One rule for every such type, through ent's generic filter: it needs no
// generated package of the types it guards, so ent/schema can use it
// before they are generated.
func DealerDataPolicy() ent.Policy {
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
				WhereHasDealerWith(...predicate.Dealer)
			})
			if !ok {
				return privacy.Denyf("%T has no dealer to filter on", f)
			}
			df.WhereHasDealerWith(Dealers(v))
			return privacy.Allow
		})},
		Mutation: systemWrites(),
	}
}

// AuditPolicy: only administrators read the audit trail.
func AuditPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{privacy.AuditEntryQueryRuleFunc(func(ctx context.Context, q *ent.AuditEntryQuery) error {
			v, err := viewer(ctx)
			if err != nil {
				return err
			}
			if !v.IsAdmin() {
				q.Where(auditentry.IDIn()) // nothing
			}
			return privacy.Allow
		})},
		Mutation: systemWrites(),
	}
}

// SystemOnlyPolicy: no viewer reads or writes the row; only system work
// (Bypass) does. For the outbox, whose
// readers are authorised per event by package realtime.
func SystemOnlyPolicy() ent.Policy {
	return privacy.Policy{
		Query:    privacy.QueryPolicy{privacy.AlwaysDenyRule()},
		Mutation: systemWrites(),
	}
}

// StaffDealerDataPolicy: the manufacturer's internal records about a dealer
// (interactions and their follow-ups) are seen by the staff who see the
// dealer, never by dealer users. Only package relationship writes them,
// after its own checks.
func StaffDealerDataPolicy() ent.Policy {
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
				WhereHasDealerWith(...predicate.Dealer)
			})
			if !ok {
				return privacy.Denyf("%T has no dealer to filter on", f)
			}
			if v.IsManager() {
				df.WhereHasDealerWith(Dealers(v))
			} else {
				df.WhereHasDealerWith(dealer.IDIn()) // nothing: internal
			}
			return privacy.Allow
		})},
		Mutation: systemWrites(),
	}
}

// ConflictCases is the set of conflict cases v may see: all for an admin;
// for a manager those with a party among its dealers; for a dealer user
// those its own dealer is a party to (a distributor does not read its
// sub-dealers' disputes: they are theirs to handle).
func ConflictCases(v *auth.Viewer) predicate.ConflictCase {
	switch {
	case v.IsAdmin():
		return func(*sql.Selector) {}
	case v.IsManager():
		return conflictcase.HasPartiesWith(Dealers(v))
	case v.IsDealer():
		return conflictcase.HasPartiesWith(dealer.ID(v.DealerID))
	}
	return conflictcase.IDIn()
}

// ConflictCasePolicy: see ConflictCases. Only package conflicts writes
// cases, after its own checks.
func ConflictCasePolicy() ent.Policy { return readPolicy[*ent.ConflictCaseQuery](ConflictCases) }

// ConflictPartPolicy: comments and history are seen with their case;
// internal ones (staff notes, and the events about them) by staff only.
func ConflictPartPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{privacy.FilterFunc(func(ctx context.Context, f privacy.Filter) error {
			v, err := viewer(ctx)
			if err != nil {
				return err
			}
			if v.IsAdmin() {
				return privacy.Allow
			}
			switch f := f.(type) {
			case *ent.ConflictCommentFilter:
				f.WhereHasCaseWith(ConflictCases(v))
				if v.IsDealer() {
					f.WhereInternal(entql.BoolEQ(false))
				}
			case *ent.ConflictEventFilter:
				f.WhereHasCaseWith(ConflictCases(v))
				if v.IsDealer() {
					f.WhereInternal(entql.BoolEQ(false))
				}
			default:
				return privacy.Denyf("%T is not part of a conflict case", f)
			}
			return privacy.Allow
		})},
		Mutation: systemWrites(),
	}
}

// AdminOnlyPolicy: administrators read the rows (webhook endpoints and
// their deliveries); every other viewer reads none, as if there were none.
// Only the entity's own service writes, after its own checks.
func AdminOnlyPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{privacy.FilterFunc(func(ctx context.Context, f privacy.Filter) error {
			v, err := viewer(ctx)
			if err != nil {
				return err
			}
			if !v.IsAdmin() {
				f.Where(entql.FieldNil("id")) // no row: ids are never null
			}
			return privacy.Allow
		})},
		Mutation: systemWrites(),
	}
}

// OwnDealerDataPolicy: rows of one dealer that only that dealer's own users
// read, with the staff who see the dealer — never its distributor or
// sub-dealers: agreements are a contract between the manufacturer and that
// dealer, and a dealer's deal registrations and leads would reveal its
// customers. Only the entity's own service writes them, after its checks.
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
