package conflicts

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/conflicts/casestatus"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/conflictcase"
	"github.com/dealerline/dealerline/ent/conflictevent"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/order"
	"github.com/dealerline/dealerline/ent/predicate"
	"github.com/dealerline/dealerline/ent/territory"
	"github.com/dealerline/dealerline/realtime"
	"github.com/dealerline/dealerline/store/tx"
)

// OpenInput is a conflict as its reporter describes it.
type OpenInput struct {
	Kind             *conflictcase.Kind // OTHER when nil
	Severity         conflictcase.Severity
	PartyIDs         []int // the dealers it is against
	TerritoryID      *int
	Summary          string
	Evidence         string
	EvidenceOrderIDs []int
}

// Open opens a case. A dealer user reports it for its dealer, which is a
// party, against at least one other dealer; staff open it against dealers
// they see.
//
// A dealer user cannot read other dealers, so it names them by id among
// the dealers trading now (ACTIVE or PROBATION), whatever their channel: a
// territory breach is usually by a dealer from elsewhere, which shares
// neither channel nor territory with the reporter. It learns nothing more
// of them than that they trade — the case shows it only the parties it may
// read — and a dealer not trading answers like a missing id.
func (s *Service) Open(ctx context.Context, in OpenInput) (*ent.ConflictCase, error) {
	return s.open(ctx, in, false)
}

// OpenBetween opens a case the system found, on the viewer's action,
// between dealers it names itself: a registration approved over another
// dealer's protected one (package deals). The parties need not be dealers
// the viewer sees, and none of them is the reporter; every other rule of
// Open applies.
func (s *Service) OpenBetween(ctx context.Context, in OpenInput) (*ent.ConflictCase, error) {
	return s.open(ctx, in, true)
}

func (s *Service) open(ctx context.Context, in OpenInput, system bool) (*ent.ConflictCase, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	kind := conflictcase.KindOTHER
	if in.Kind != nil {
		if conflictcase.KindValidator(*in.Kind) != nil {
			return nil, apperr.Invalid("kind", "no such kind of conflict: %q", *in.Kind)
		}
		kind = *in.Kind
	}
	if conflictcase.SeverityValidator(in.Severity) != nil {
		return nil, apperr.Invalid("severity", "no such severity: %q", in.Severity)
	}
	if in.Summary, err = apperr.Lines("summary", in.Summary, true, MaxSummary); err != nil {
		return nil, err
	}
	if in.Evidence, err = apperr.Lines("evidence", in.Evidence, false, MaxEvidence); err != nil {
		return nil, err
	}
	if len(in.PartyIDs) > MaxParties {
		return nil, apperr.Invalid("partyIDs", "a case names at most %d dealers", MaxParties)
	}
	if len(in.EvidenceOrderIDs) > MaxEvidenceOrders {
		return nil, apperr.Invalid("evidenceOrderIDs", "a case links at most %d orders", MaxEvidenceOrders)
	}
	others := 0
	for _, id := range in.PartyIDs {
		if system || !v.IsDealer() || id != v.DealerID {
			others++
		}
	}
	switch {
	case system && len(distinct(in.PartyIDs)) < 2:
		return nil, apperr.Invalid("partyIDs", "a conflict is between at least two dealers")
	case !system && v.IsDealer() && others == 0:
		return nil, apperr.Invalid("partyIDs", "name the dealer or dealers the conflict is with: your own dealer alone is no conflict")
	case others == 0:
		return nil, apperr.Invalid("partyIDs", "name the dealer or dealers the conflict is with")
	}

	db := tx.Client(ctx, s.client)
	sys := access.Bypass(ctx)
	var parties []int
	if system {
		parties, err = db.Dealer.Query().Where(dealer.IDIn(distinct(in.PartyIDs)...)).IDs(sys)
		if err == nil && len(parties) != len(distinct(in.PartyIDs)) {
			err = apperr.Missing("partyIDs", "no such dealer")
		}
	} else {
		parties, err = s.resolveParties(ctx, db, v, in.PartyIDs)
	}
	if err != nil {
		return nil, err
	}
	if in.TerritoryID != nil {
		if _, err := db.Territory.Get(ctx, *in.TerritoryID); ent.IsNotFound(err) {
			return nil, apperr.Missing("territoryID", "no such territory")
		} else if err != nil {
			return nil, err
		}
	}
	// Through the viewer's rules: evidence is what the reporter may see.
	orders := distinct(in.EvidenceOrderIDs)
	if len(orders) > 0 {
		seen, err := db.Order.Query().Where(order.IDIn(orders...)).IDs(ctx)
		if err != nil {
			return nil, err
		}
		if i := firstMissing(in.EvidenceOrderIDs, seen); i >= 0 {
			return nil, apperr.Missing(fmt.Sprintf("evidenceOrderIDs[%d]", i), "no such order")
		}
	}

	now := s.now()
	today := accounts.BusinessDate(now, s.location)
	create := db.ConflictCase.Create().
		SetKind(kind).
		SetSeverity(in.Severity).
		SetStatus(casestatus.Open).
		SetNillableTerritoryID(in.TerritoryID).
		SetSummary(in.Summary).
		SetEvidence(in.Evidence).
		SetOpenedByID(v.UserID).
		SetOpenedByName(v.Name).
		SetOpenedAt(now).
		SetDueOn(today.AddDate(0, 0, s.due[in.Severity])).
		SetLastActivityAt(now).
		SetCreatedAt(now).
		SetUpdatedAt(now).
		AddPartyIDs(parties...).
		AddEvidenceOrderIDs(orders...)
	if v.IsDealer() && !system {
		create.SetReporterDealerID(v.DealerID)
	}
	c, err := create.Save(sys)
	if err != nil {
		return nil, err
	}
	// Numbered from the id, like orders and tickets: unique without a counter.
	if c, err = c.Update().SetNumber(accounts.DocumentNumber("CC", c.ID)).Save(sys); err != nil {
		return nil, err
	}
	if err := s.event(ctx, db, c, conflictevent.ActionOPENED, nil, "", false, now); err != nil {
		return nil, err
	}
	if err := realtime.Record(ctx, db, realtime.ConflictCaseOpenedEvent(c, parties, v.UserID)); err != nil {
		return nil, err
	}
	return c, audit.Record(ctx, db, "conflict.open", "ConflictCase", c.ID, map[string]any{
		"number": c.Number, "kind": kind, "severity": in.Severity, "parties": parties,
		"territoryID": in.TerritoryID, "evidenceOrders": orders, "dueOn": c.DueOn.Format(time.DateOnly),
	})
}

// resolveParties checks the dealers named in ids (each refused in its own
// field, partyIDs[i]) and returns the case's parties: a dealer user's own
// dealer and the trading dealers it names; for staff the dealers they see.
func (s *Service) resolveParties(ctx context.Context, db *ent.Client, v *auth.Viewer, ids []int) ([]int, error) {
	want := distinct(ids)
	var found []int
	var err error
	if v.IsDealer() {
		found, err = db.Dealer.Query().
			Where(dealer.IDIn(want...), dealer.StatusIn(dealer.StatusACTIVE, dealer.StatusPROBATION)).
			IDs(access.Bypass(ctx))
		found = append(found, v.DealerID)
	} else {
		found, err = db.Dealer.Query().Where(dealer.IDIn(want...)).IDs(ctx)
	}
	if err != nil {
		return nil, err
	}
	if i := firstMissing(ids, found); i >= 0 {
		return nil, apperr.Missing(fmt.Sprintf("partyIDs[%d]", i), "no such dealer")
	}
	return distinct(found), nil
}

// firstMissing is the index of the first of ids not in found, -1 when all
// are.
func firstMissing(ids, found []int) int {
	in := make(map[int]bool, len(found))
	for _, id := range found {
		in[id] = true
	}
	for i, id := range ids {
		if !in[id] {
			return i
		}
	}
	return -1
}

// Move moves case id to status to (staff who see it): to INVESTIGATING,
// RESOLVED or DISMISSED — the last two with a resolution note — or back to
// OPEN from a settled case. casestatus says which moves there are.
func (s *Service) Move(ctx context.Context, id int, to casestatus.Status, note string) (*ent.ConflictCase, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	// The same answer for every id: it tells a dealer user nothing.
	if !v.IsAdmin() && !v.IsManager() {
		return nil, apperr.Errorf(apperr.Forbidden, "the manufacturer's staff move conflict cases; parties comment on them")
	}
	if !to.Valid() {
		return nil, apperr.Invalid("to", "no such status: %q", to)
	}
	if note, err = apperr.Lines("note", note, false, MaxNote); err != nil {
		return nil, err
	}
	if to.Closed() && note == "" {
		return nil, apperr.Invalid("note", "a case is %s with a resolution note: say why", strings.ToLower(string(to)))
	}
	db := tx.Client(ctx, s.client)
	c, err := s.lock(ctx, db, id)
	if err != nil {
		return nil, err
	}
	from := c.Status
	if !casestatus.CanMove(from, to) {
		e := apperr.Errorf(apperr.InvalidTransition, "case %s is %s: it cannot move to %s", c.Number, from, to)
		e.Field = "to"
		return nil, e
	}
	now := s.now()
	u := db.ConflictCase.UpdateOne(c).SetStatus(to).SetLastActivityAt(now).SetUpdatedAt(now)
	action := conflictevent.ActionSTATUS_CHANGED
	switch {
	case to.Closed():
		u.SetResolutionNote(note).SetResolvedAt(now)
	case to == casestatus.Open:
		action = conflictevent.ActionREOPENED
		u.SetResolutionNote("").ClearResolvedAt()
	}
	if c, err = u.Save(access.Bypass(ctx)); err != nil {
		return nil, err
	}
	if err := s.event(ctx, db, c, action, &from, note, false, now); err != nil {
		return nil, err
	}
	return c, audit.Record(ctx, db, "conflict.move", "ConflictCase", c.ID, map[string]any{
		"number": c.Number, "from": from, "to": to, "note": note,
	})
}

// Comment adds to case id's discussion: its parties' users and the staff
// who see it; internal notes are staff's and never reach the parties.
func (s *Service) Comment(ctx context.Context, id int, body string, internal bool) (*ent.ConflictCase, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	staff := v.IsAdmin() || v.IsManager()
	if internal && !staff {
		return nil, apperr.Errorf(apperr.Forbidden, "internal notes are the manufacturer's staff's: leave internal unset")
	}
	if body, err = apperr.Lines("body", body, true, MaxComment); err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	c, err := s.lock(ctx, db, id)
	if err != nil {
		return nil, err
	}
	sys := access.Bypass(ctx)
	now := s.now()
	cm, err := db.ConflictComment.Create().
		SetCaseID(c.ID).
		SetAuthorID(v.UserID).
		SetAuthorName(v.Name).
		SetFromStaff(staff).
		SetInternal(internal).
		SetBody(body).
		SetAt(now).
		Save(sys)
	if err != nil {
		return nil, err
	}
	if c, err = db.ConflictCase.UpdateOne(c).SetLastActivityAt(now).SetUpdatedAt(now).Save(sys); err != nil {
		return nil, err
	}
	if err := s.event(ctx, db, c, conflictevent.ActionCOMMENTED, nil, body, internal, now); err != nil {
		return nil, err
	}
	return c, audit.Record(ctx, db, "conflict.comment", "ConflictCase", c.ID, map[string]any{
		"number": c.Number, "commentID": cm.ID, "internal": internal,
	})
}

// lock reads case id as the viewer may (a foreign one is not there, like a
// missing one), then locks its row for the transaction and reads it
// afresh: two changes of one case run one after the other, each deciding
// on what the other left. (SQLite's transactions hold the write lock from
// their start.)
func (s *Service) lock(ctx context.Context, db *ent.Client, id int) (*ent.ConflictCase, error) {
	if _, err := db.ConflictCase.Get(ctx, id); ent.IsNotFound(err) {
		return nil, apperr.Missing("id", "no such conflict case")
	} else if err != nil {
		return nil, err
	}
	c, err := db.ConflictCase.Get(access.Bypass(ctx), id)
	if err != nil {
		return nil, err
	}
	return db.ConflictCase.UpdateOne(c).SetUpdatedAt(c.UpdatedAt).Save(access.Bypass(ctx))
}

// event writes one change on c's history.
func (s *Service) event(ctx context.Context, db *ent.Client, c *ent.ConflictCase, a conflictevent.Action, from *casestatus.Status, note string, internal bool, at time.Time) error {
	v := auth.FromContext(ctx)
	e := db.ConflictEvent.Create().
		SetCaseID(c.ID).
		SetAction(a).
		SetNillableFrom(from).
		SetActorName(v.Name).
		SetNote(note).
		SetInternal(internal).
		SetAt(at)
	if a != conflictevent.ActionCOMMENTED {
		e.SetTo(c.Status)
	}
	return e.Exec(access.Bypass(ctx))
}

// Filter narrows the cases listed.
type Filter struct {
	Status   *casestatus.Status
	Severity *conflictcase.Severity
	DealerID *int  // a party
	Overdue  *bool // overdue (true) or not (false)
}

// Cases are the cases the viewer may see, narrowed by f.
func (s *Service) Cases(ctx context.Context, f Filter) (*ent.ConflictCaseQuery, error) {
	if _, err := auth.Require(ctx); err != nil {
		return nil, err
	}
	q := s.client.ConflictCase.Query()
	if f.Status != nil {
		q.Where(conflictcase.StatusEQ(*f.Status))
	}
	if f.Severity != nil {
		q.Where(conflictcase.SeverityEQ(*f.Severity))
	}
	if f.DealerID != nil {
		q.Where(conflictcase.HasPartiesWith(dealer.ID(*f.DealerID)))
	}
	if f.Overdue != nil {
		overdue := conflictcase.And(
			conflictcase.StatusNotIn(casestatus.Resolved, casestatus.Dismissed),
			conflictcase.DueOnLT(s.Today()),
		)
		if *f.Overdue {
			q.Where(overdue)
		} else {
			q.Where(conflictcase.Not(overdue))
		}
	}
	return q, nil
}

// Counterparty is a dealer a dealer user may name in a case: who it is,
// nothing more.
type Counterparty struct {
	ID         int
	Code, Name string
}

// MaxCounterparties bounds the dealers one lookup lists.
const MaxCounterparties = 50

// Counterparties are the dealers the viewer may name as parties without
// knowing their ids, by name. A dealer user reads no other dealer, so this
// lists, below the rules, only who trades (ACTIVE or PROBATION) in its own
// dealer's territories — dealers it meets in its market anyway — narrowed
// to territoryID when that is one of them (another lists none) and to
// search in their names or codes; and, anywhere, the dealer whose code is
// exactly search, for a breach by a dealer from elsewhere whose code the
// reporter has seen. Staff get the dealers they see, alike.
func (s *Service) Counterparties(ctx context.Context, territoryID *int, search string) ([]Counterparty, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if search, err = apperr.Text("search", search, false, 100); err != nil {
		return nil, err
	}
	trading := dealer.StatusIn(dealer.StatusACTIVE, dealer.StatusPROBATION)
	in := []predicate.Territory{}
	if territoryID != nil {
		in = append(in, territory.ID(*territoryID))
	}
	var q *ent.DealerQuery
	qctx := ctx
	if v.IsDealer() {
		qctx = access.Bypass(ctx)
		mine := append(in, territory.HasDealersWith(dealer.ID(v.DealerID)))
		nearby := dealer.HasTerritoriesWith(mine...)
		if search != "" {
			nearby = dealer.And(nearby, dealer.Or(dealer.NameContainsFold(search), dealer.CodeContainsFold(search)))
			if territoryID == nil {
				nearby = dealer.Or(nearby, dealer.CodeEqualFold(search))
			}
		}
		q = s.client.Dealer.Query().Where(trading, dealer.IDNEQ(v.DealerID), nearby)
	} else {
		q = s.client.Dealer.Query().Where(trading)
		if len(in) > 0 {
			q.Where(dealer.HasTerritoriesWith(in...))
		}
		if search != "" {
			q.Where(dealer.Or(dealer.NameContainsFold(search), dealer.CodeContainsFold(search)))
		}
	}
	ds, err := q.Order(ent.Asc(dealer.FieldName), ent.Asc(dealer.FieldID)).Limit(MaxCounterparties).All(qctx)
	if err != nil {
		return nil, err
	}
	out := make([]Counterparty, len(ds))
	for i, d := range ds {
		out[i] = Counterparty{ID: d.ID, Code: d.Code, Name: d.Name}
	}
	return out, nil
}
