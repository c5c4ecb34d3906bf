package deals

import (
	"context"
	"fmt"
	"strings"
	"time"

	"entgo.io/contrib/entgql"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/conflicts"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/conflictcase"
	"github.com/dealerline/dealerline/ent/dealregistration"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/ordering/status"
	"github.com/dealerline/dealerline/store/tx"
)

// Action is what may be done with a registration next.
type Action string

const (
	Approve Action = "APPROVE"
	Reject  Action = "REJECT"
	Win     Action = "WIN"
	Lose    Action = "LOSE"
)

var actionTo = map[Action]dealregistration.Status{
	Approve: dealregistration.StatusAPPROVED, Reject: dealregistration.StatusREJECTED,
	Win: dealregistration.StatusWON, Lose: dealregistration.StatusLOST,
}

// refusal is why v may not move r to `to`, nil when it may: the rule the
// mutations refuse with and AllowedActions offers. Staff decide PENDING
// registrations; the dealer's users (and staff) close APPROVED ones.
func refusal(v *auth.Viewer, r *ent.DealRegistration, to dealregistration.Status) error {
	staff := v.IsAdmin() || v.IsManager()
	decide := to == dealregistration.StatusAPPROVED || to == dealregistration.StatusREJECTED
	if decide && !staff {
		return apperr.Errorf(apperr.Forbidden, "the manufacturer's staff approve and reject deal registrations")
	}
	if !decide && !staff && v.DealerID != r.DealerID {
		return apperr.Errorf(apperr.Forbidden, "the registering dealer reports the outcome")
	}
	from := dealregistration.StatusPENDING
	if !decide {
		from = dealregistration.StatusAPPROVED
	}
	if r.Status != from {
		e := apperr.Errorf(apperr.InvalidTransition, "registration %s is %s: it cannot become %s", r.Number, r.Status, to)
		e.Field = "id"
		return e
	}
	return nil
}

// AllowedActions is what the viewer may do with r now.
func AllowedActions(ctx context.Context, r *ent.DealRegistration) []Action {
	allowed := []Action{}
	v := auth.FromContext(ctx)
	if v == nil {
		return allowed
	}
	for _, a := range []Action{Approve, Reject, Win, Lose} {
		if refusal(v, r, actionTo[a]) == nil {
			allowed = append(allowed, a)
		}
	}
	return allowed
}

// Protected reports whether r protects its customer on today.
func Protected(r *ent.DealRegistration, today time.Time) bool {
	return r.Status == dealregistration.StatusAPPROVED && r.ProtectedUntil != nil && !date(*r.ProtectedUntil).Before(today)
}

// IsProtected reports whether r protects its customer today.
func (s *Service) IsProtected(r *ent.DealRegistration) bool { return Protected(r, s.Today()) }

// movable is registration id read as the viewer may (a foreign one
// answers as a missing one), when v may move it to `to`.
func (s *Service) movable(ctx context.Context, db *ent.Client, id int, expectedVersion *int, to dealregistration.Status) (*auth.Viewer, *ent.DealRegistration, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, nil, err
	}
	r, err := db.DealRegistration.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, nil, apperr.Missing("id", "no such deal registration")
	}
	if err != nil {
		return nil, nil, err
	}
	if err := refusal(v, r, to); err != nil {
		return nil, nil, err
	}
	if expectedVersion != nil && *expectedVersion != r.Version {
		return nil, nil, apperr.Errorf(apperr.Conflict, "registration %s changed since you read it (version %d, now %d): reload it", r.Number, *expectedVersion, r.Version)
	}
	return v, r, nil
}

// bump applies a change to r only if nobody changed it since it was read.
func (s *Service) bump(ctx context.Context, db *ent.Client, r *ent.DealRegistration, change func(*ent.DealRegistrationUpdateOne)) (*ent.DealRegistration, error) {
	u := db.DealRegistration.UpdateOne(r).Where(dealregistration.Version(r.Version)).AddVersion(1).SetUpdatedAt(s.now())
	change(u)
	updated, err := u.Save(access.Bypass(ctx))
	if ent.IsNotFound(err) {
		return nil, apperr.Errorf(apperr.Conflict, "registration %s was changed at the same time: reload it", r.Number)
	}
	return updated, err
}

// Approve approves a PENDING registration (staff): its customer is the
// dealer's for protectionDays (s.ProtectionDays when nil), to the end of
// that business day. Approved over another dealer's protected registration
// of the same customer, it opens a conflict case with both dealers as
// parties.
func (s *Service) Approve(ctx context.Context, id int, protectionDays *int, note string, expectedVersion *int) (*ent.DealRegistration, error) {
	days := s.ProtectionDays
	if protectionDays != nil {
		days = *protectionDays
	}
	if days < 1 || days > MaxProtectionDays {
		return nil, apperr.Invalid("protectionDays", "protection is from 1 to %d days", MaxProtectionDays)
	}
	var err error
	if note, err = apperr.Lines("note", note, false, MaxNote); err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	v, r, err := s.movable(ctx, db, id, expectedVersion, dealregistration.StatusAPPROVED)
	if err != nil {
		return nil, err
	}
	return s.approve(ctx, db, v, r, days, note)
}

// approve protects r for days and opens a case over any overlap.
func (s *Service) approve(ctx context.Context, db *ent.Client, v *auth.Viewer, r *ent.DealRegistration, days int, note string) (*ent.DealRegistration, error) {
	sys := access.Bypass(ctx)
	if err := s.lockCustomer(ctx, db, r.TerritoryID, r.CustomerKey); err != nil {
		return nil, err
	}
	today := s.Today()
	others, err := db.DealRegistration.Query().
		Where(protecting(r.TerritoryID, r.CustomerKey, today), dealregistration.DealerIDNEQ(r.DealerID)).
		Order(ent.Asc(dealregistration.FieldID)).
		All(sys)
	if err != nil {
		return nil, err
	}
	var caseID *int
	if len(others) > 0 {
		parties := []int{r.DealerID}
		numbers := []string{}
		for _, o := range others {
			parties = append(parties, o.DealerID)
			numbers = append(numbers, o.Number)
		}
		t, err := db.Territory.Get(sys, r.TerritoryID)
		if err != nil {
			return nil, err
		}
		c, err := s.conflicts.OpenBetween(ctx, conflicts.OpenInput{
			Kind:        ptr(conflictcase.KindCUSTOMER_POACHING),
			Severity:    conflictcase.SeverityMEDIUM,
			PartyIDs:    parties,
			TerritoryID: &r.TerritoryID,
			Summary: fmt.Sprintf("Deal registration %s was approved for a customer in %s that %s already protects.",
				r.Number, t.Name, strings.Join(numbers, ", ")),
		})
		if err != nil {
			return nil, err
		}
		caseID = &c.ID
	}
	now := s.now()
	until := today.AddDate(0, 0, days-1)
	r, err = s.bump(ctx, db, r, func(u *ent.DealRegistrationUpdateOne) {
		u.SetStatus(dealregistration.StatusAPPROVED).SetProtectedUntil(until).SetDecisionNote(note).
			SetDecidedAt(now).SetDecidedByName(v.Name).SetNillableConflictCaseID(caseID)
	})
	if err != nil {
		return nil, err
	}
	return r, audit.Record(ctx, db, "deal.approve", "DealRegistration", r.ID, map[string]any{
		"number": r.Number, "protectedUntil": until.Format(time.DateOnly), "note": note, "conflictCaseID": caseID,
	})
}

// Reject rejects a PENDING registration (staff), saying why.
func (s *Service) Reject(ctx context.Context, id int, reason string, expectedVersion *int) (*ent.DealRegistration, error) {
	var err error
	if reason, err = apperr.Lines("reason", reason, true, MaxNote); err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	v, r, err := s.movable(ctx, db, id, expectedVersion, dealregistration.StatusREJECTED)
	if err != nil {
		return nil, err
	}
	now := s.now()
	r, err = s.bump(ctx, db, r, func(u *ent.DealRegistrationUpdateOne) {
		u.SetStatus(dealregistration.StatusREJECTED).SetDecisionNote(reason).SetDecidedAt(now).SetDecidedByName(v.Name)
	})
	if err != nil {
		return nil, err
	}
	return r, audit.Record(ctx, db, "deal.reject", "DealRegistration", r.ID, map[string]any{"number": r.Number, "reason": reason})
}

// Close closes an APPROVED registration with its outcome: WON with the
// orders of its dealer that fulfilled it (at least one, none rejected or
// cancelled), or LOST (with none).
func (s *Service) Close(ctx context.Context, id int, outcome dealregistration.Status, orderIDs []int, note string, expectedVersion *int) (*ent.DealRegistration, error) {
	if outcome != dealregistration.StatusWON && outcome != dealregistration.StatusLOST {
		return nil, apperr.Invalid("outcome", "an outcome is WON or LOST")
	}
	var err error
	if note, err = apperr.Lines("note", note, false, MaxNote); err != nil {
		return nil, err
	}
	switch {
	case outcome == dealregistration.StatusWON && len(orderIDs) == 0:
		return nil, apperr.Invalid("orderIDs", "name the orders that fulfilled the deal")
	case outcome == dealregistration.StatusLOST && len(orderIDs) > 0:
		return nil, apperr.Invalid("orderIDs", "a lost deal has no orders")
	case len(orderIDs) > MaxOrders:
		return nil, apperr.Invalid("orderIDs", "at most %d orders", MaxOrders)
	}
	db := tx.Client(ctx, s.client)
	_, r, err := s.movable(ctx, db, id, expectedVersion, outcome)
	if err != nil {
		return nil, err
	}
	if len(orderIDs) > 0 {
		// Through the viewer's rules, and of the deal's dealer.
		os, err := db.Order.Query().Where(order.IDIn(orderIDs...), order.DealerID(r.DealerID)).All(ctx)
		if err != nil {
			return nil, err
		}
		byID := map[int]*ent.Order{}
		for _, o := range os {
			byID[o.ID] = o
		}
		for i, id := range orderIDs {
			o := byID[id]
			if o == nil {
				return nil, apperr.Missing(fmt.Sprintf("orderIDs[%d]", i), "the deal's dealer has no such order")
			}
			if o.Status == status.Rejected || o.Status == status.Cancelled {
				return nil, apperr.Invalid(fmt.Sprintf("orderIDs[%d]", i), "order %s is %s: it fulfilled nothing", o.Number, o.Status)
			}
		}
	}
	now := s.now()
	r, err = s.bump(ctx, db, r, func(u *ent.DealRegistrationUpdateOne) {
		u.SetStatus(outcome).SetOutcomeNote(note).SetClosedAt(now).AddOrderIDs(orderIDs...)
	})
	if err != nil {
		return nil, err
	}
	return r, audit.Record(ctx, db, "deal.close", "DealRegistration", r.ID, map[string]any{
		"number": r.Number, "outcome": outcome, "orders": orderIDs, "note": note,
	})
}

// Orders are the orders that fulfilled r, as the viewer may see them.
func (s *Service) Orders(ctx context.Context, r *ent.DealRegistration) ([]*ent.Order, error) {
	ids, err := r.QueryOrders().IDs(access.Bypass(ctx))
	if err != nil {
		return nil, err
	}
	return s.client.Order.Query().Where(order.IDIn(ids...)).Order(ent.Asc(order.FieldID)).All(ctx)
}

// Newest is the order registrations are listed in.
var Newest = &ent.DealRegistrationOrder{Field: ent.DealRegistrationOrderFieldRegisteredAt, Direction: entgql.OrderDirectionDesc}

// List is the registrations the viewer may see, of dealerID when given, in
// one of statuses when any; list them Newest.
func (s *Service) List(ctx context.Context, dealerID *int, statuses []dealregistration.Status) *ent.DealRegistrationQuery {
	q := s.client.DealRegistration.Query()
	if dealerID != nil {
		q.Where(dealregistration.DealerID(*dealerID))
	}
	if len(statuses) > 0 {
		q.Where(dealregistration.StatusIn(statuses...))
	}
	return q
}

// FromLead registers and approves, for the dealer of lead l that viewer v
// accepted it for, the lead's customer: a lead staff handed over is
// protected like an approved registration (and opens a case over another
// dealer's protection alike). Package leads calls it in its transaction.
func (s *Service) FromLead(ctx context.Context, db *ent.Client, v *auth.Viewer, l *ent.Lead, expectedCloseOn time.Time) (*ent.DealRegistration, error) {
	in := RegisterInput{CustomerName: l.CustomerName, City: l.City, TerritoryID: l.TerritoryID,
		ExpectedCloseOn: expectedCloseOn, Notes: l.Need}
	if len(in.Notes) > MaxNotes {
		in.Notes = string([]rune(in.Notes)[:MaxNotes])
	}
	r, err := s.create(ctx, db, *l.DealerID, v, l.TerritoryID, Normalise(l.CustomerName), in, nil, &l.ID)
	if err != nil {
		return nil, err
	}
	return s.approve(ctx, db, v, r, s.ProtectionDays, "from lead "+l.Number)
}

func ptr[T any](v T) *T { return &v }
