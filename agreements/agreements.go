// Package agreements is the contracts between the manufacturer and its
// dealers, and the workflow of a dealer's status.
//
// An agreement (DISTRIBUTION, DEALER or SERVICE) runs from startsOn to
// endsOn, both included. Staff who see the dealer create it (as a DRAFT or
// ACTIVE), amend it and renew it — each a new version, the ones before
// kept — and terminate it with a reason. Two agreements of one kind of one
// dealer that are neither EXPIRED nor TERMINATED never overlap.
//
// A dealer's status changes with a reason on a date: at once when the date
// is today in the business time zone, else on that date by the daily run
// (Runner), which also expires or renews agreements past their end and
// raises AGREEMENT_ENDING once per agreement and notice window. SUSPENDED
// dealers place no orders (package ordering); TERMINATED ones' users are
// signed out and cannot sign in.
package agreements

import (
	"context"
	"fmt"
	"slices"
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/dialect"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/agreement"
	"github.com/dealerline/dealerline/ent/channel"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/territory"
	"github.com/dealerline/dealerline/store/tx"
)

// Limits of what one request carries.
const (
	MaxTerms       = 20000
	MaxNote        = 2000
	MaxTerritories = 100
	MaxNoticeDays  = 365
	// MaxWithinDays is how far ahead agreementsEnding looks at most.
	MaxWithinDays = 366
)

// Service writes agreements and dealer status changes.
type Service struct {
	client   *ent.Client
	loc      *time.Location
	postgres bool
	signIn   *auth.Service // ends the sessions of a TERMINATED dealer's users
	now      func() time.Time
}

// NewService returns a Service over client (of dialect dialectName) whose
// business dates are in loc; signIn revokes the sessions of terminated
// dealers' users.
func NewService(client *ent.Client, dialectName string, loc *time.Location, signIn *auth.Service) *Service {
	if loc == nil {
		loc = time.UTC
	}
	return &Service{client: client, loc: loc, postgres: dialectName == dialect.Postgres, signIn: signIn, now: time.Now}
}

// WithClock returns a copy of s that reads the time from now (demo data,
// tests).
func (s *Service) WithClock(now func() time.Time) *Service {
	c := *s
	c.now = now
	return &c
}

// Today is the business date now (midnight UTC, as dates are stored).
func (s *Service) Today() time.Time { return dateOf(s.now(), s.loc) }

func dateOf(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Terms is what an agreement says: its period, renewal, territories,
// channel and text.
type Terms struct {
	StartsOn          time.Time
	EndsOn            time.Time
	AutoRenew         bool
	RenewalNoticeDays int
	TerritoryIDs      []int
	ChannelID         *int
	Terms             string
}

// CreateInput is a new agreement.
type CreateInput struct {
	DealerID int
	Kind     agreement.Kind
	Terms
	// Draft keeps it a DRAFT, to be activated later; else it is ACTIVE.
	Draft bool
}

// Change is an amendment: the terms given replace the current ones.
type Change struct {
	StartsOn          *time.Time
	EndsOn            *time.Time
	AutoRenew         *bool
	RenewalNoticeDays *int
	TerritoryIDs      []int // nil: unchanged
	ChannelID         *int
	ClearChannel      bool
	Terms             *string
}

// staff is the viewer when it is staff who may write agreements.
func staff(ctx context.Context) (*auth.Viewer, error) {
	return auth.RequireStaff(ctx, "the manufacturer's staff write agreements")
}

// Create writes a new agreement of a dealer the viewer sees, version 1.
func (s *Service) Create(ctx context.Context, in CreateInput) (*ent.Agreement, error) {
	v, err := staff(ctx)
	if err != nil {
		return nil, err
	}
	if agreement.KindValidator(in.Kind) != nil {
		return nil, apperr.Invalid("kind", "%q is not a kind of agreement", in.Kind)
	}
	if err := s.checkTerms(&in.Terms); err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	d, err := db.Dealer.Get(ctx, in.DealerID)
	if ent.IsNotFound(err) {
		return nil, apperr.Missing("dealerID", "no such dealer")
	}
	if err != nil {
		return nil, err
	}
	if err := s.checkRefs(ctx, db, &in.Terms); err != nil {
		return nil, err
	}
	sys := access.Bypass(ctx)
	if err := s.checkOverlap(sys, db, d.ID, in.Kind, 0, in.StartsOn, in.EndsOn); err != nil {
		return nil, err
	}
	status := agreement.StatusACTIVE
	if in.Draft {
		status = agreement.StatusDRAFT
	}
	now := s.now()
	a, err := db.Agreement.Create().
		SetDealerID(d.ID).
		SetKind(in.Kind).
		SetStartsOn(in.StartsOn).
		SetEndsOn(in.EndsOn).
		SetAutoRenew(in.AutoRenew).
		SetRenewalNoticeDays(in.RenewalNoticeDays).
		SetNillableChannelID(in.ChannelID).
		AddTerritoryIDs(in.TerritoryIDs...).
		SetTerms(in.Terms.Terms).
		SetStatus(status).
		SetCreatedAt(now).
		SetUpdatedAt(now).
		Save(sys)
	if err != nil {
		return nil, err
	}
	// Numbered from the id, like orders: unique without a counter.
	if a, err = a.Update().SetNumber(accounts.DocumentNumber("AG", a.ID)).Save(sys); err != nil {
		return nil, err
	}
	if err := s.writeVersion(sys, db, a, in.TerritoryIDs, "CREATED", "", v, now); err != nil {
		return nil, err
	}
	return a, audit.Record(ctx, db, "agreement.create", "Agreement", a.ID, map[string]any{
		"number": a.Number, "dealer": d.Code, "kind": a.Kind, "status": a.Status,
		"startsOn": day(a.StartsOn), "endsOn": day(a.EndsOn),
	})
}

// Amend changes a DRAFT or ACTIVE agreement's terms: a new version, with
// note saying why.
func (s *Service) Amend(ctx context.Context, id int, ch Change, note string, expectedVersion *int) (*ent.Agreement, error) {
	v, err := staff(ctx)
	if err != nil {
		return nil, err
	}
	if note, err = apperr.Lines("note", note, false, MaxNote); err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	a, err := s.writable(ctx, db, id, expectedVersion)
	if err != nil {
		return nil, err
	}
	if a.Status != agreement.StatusDRAFT && a.Status != agreement.StatusACTIVE {
		return nil, transition(a, "amended")
	}
	sys := access.Bypass(ctx)
	t, err := s.current(sys, db, a)
	if err != nil {
		return nil, err
	}
	if ch.StartsOn != nil {
		t.StartsOn = *ch.StartsOn
	}
	if ch.EndsOn != nil {
		t.EndsOn = *ch.EndsOn
	}
	if ch.AutoRenew != nil {
		t.AutoRenew = *ch.AutoRenew
	}
	if ch.RenewalNoticeDays != nil {
		t.RenewalNoticeDays = *ch.RenewalNoticeDays
	}
	if ch.TerritoryIDs != nil {
		t.TerritoryIDs = ch.TerritoryIDs
	}
	if ch.ChannelID != nil {
		t.ChannelID = ch.ChannelID
	}
	if ch.ClearChannel {
		t.ChannelID = nil
	}
	if ch.Terms != nil {
		t.Terms = *ch.Terms
	}
	if err := s.checkTerms(&t); err != nil {
		return nil, err
	}
	if err := s.checkRefs(ctx, db, &t); err != nil {
		return nil, err
	}
	if err := s.checkOverlap(sys, db, a.DealerID, a.Kind, a.ID, t.StartsOn, t.EndsOn); err != nil {
		return nil, err
	}
	now := s.now()
	a, err = s.bump(sys, db, a, now, func(u *ent.AgreementUpdateOne) {
		u.SetStartsOn(t.StartsOn).SetEndsOn(t.EndsOn).SetAutoRenew(t.AutoRenew).
			SetRenewalNoticeDays(t.RenewalNoticeDays).SetTerms(t.Terms).
			ClearTerritories().AddTerritoryIDs(t.TerritoryIDs...)
		if t.ChannelID != nil {
			u.SetChannelID(*t.ChannelID)
		} else {
			u.ClearChannelID()
		}
	})
	if err != nil {
		return nil, err
	}
	if err := s.writeVersion(sys, db, a, t.TerritoryIDs, "AMENDED", note, v, now); err != nil {
		return nil, err
	}
	return a, audit.Record(ctx, db, "agreement.amend", "Agreement", a.ID, map[string]any{
		"number": a.Number, "version": a.Version, "note": note,
		"startsOn": day(a.StartsOn), "endsOn": day(a.EndsOn),
	})
}

// Activate makes a DRAFT agreement ACTIVE.
func (s *Service) Activate(ctx context.Context, id int, expectedVersion *int) (*ent.Agreement, error) {
	if _, err := staff(ctx); err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	a, err := s.writable(ctx, db, id, expectedVersion)
	if err != nil {
		return nil, err
	}
	if a.Status != agreement.StatusDRAFT {
		return nil, transition(a, "activated")
	}
	sys := access.Bypass(ctx)
	// Its version stays: the terms are the same.
	n, err := db.Agreement.Update().
		Where(agreement.ID(a.ID), agreement.Version(a.Version), agreement.StatusEQ(agreement.StatusDRAFT)).
		SetStatus(agreement.StatusACTIVE).SetUpdatedAt(s.now()).Save(sys)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, changedMeanwhile(a)
	}
	if a, err = db.Agreement.Get(sys, a.ID); err != nil {
		return nil, err
	}
	return a, audit.Record(ctx, db, "agreement.activate", "Agreement", a.ID, map[string]any{"number": a.Number})
}

// Renew extends a DRAFT, ACTIVE or EXPIRED agreement to endsOn (nil: by
// the length of its current term), a new version; an EXPIRED one is
// ACTIVE again.
func (s *Service) Renew(ctx context.Context, id int, endsOn *time.Time, note string, expectedVersion *int) (*ent.Agreement, error) {
	v, err := staff(ctx)
	if err != nil {
		return nil, err
	}
	if note, err = apperr.Lines("note", note, false, MaxNote); err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	a, err := s.writable(ctx, db, id, expectedVersion)
	if err != nil {
		return nil, err
	}
	if a.Status == agreement.StatusTERMINATED {
		return nil, transition(a, "renewed")
	}
	return s.renew(ctx, db, a, endsOn, note, v, "agreement.renew")
}

// renew is Renew once the agreement is read and may be renewed; v is nil
// for the daily run's automatic renewals.
func (s *Service) renew(ctx context.Context, db *ent.Client, a *ent.Agreement, endsOn *time.Time, note string, v *auth.Viewer, action string) (*ent.Agreement, error) {
	next := NextEnd(a)
	if endsOn != nil {
		next = *endsOn
	}
	if !next.After(a.EndsOn) {
		return nil, apperr.Invalid("endsOn", "a renewal ends after the current end, %s", day(a.EndsOn))
	}
	if next.Sub(a.StartsOn) > 100*366*24*time.Hour {
		return nil, apperr.Invalid("endsOn", "an agreement runs at most 100 years")
	}
	sys := access.Bypass(ctx)
	if err := s.checkOverlap(sys, db, a.DealerID, a.Kind, a.ID, a.StartsOn, next); err != nil {
		return nil, err
	}
	territories, err := db.Agreement.QueryTerritories(a).IDs(sys)
	if err != nil {
		return nil, err
	}
	now := s.now()
	a, err = s.bump(sys, db, a, now, func(u *ent.AgreementUpdateOne) {
		u.SetEndsOn(next)
		if a.Status == agreement.StatusEXPIRED {
			u.SetStatus(agreement.StatusACTIVE)
		}
	})
	if err != nil {
		return nil, err
	}
	if err := s.writeVersion(sys, db, a, territories, "RENEWED", note, v, now); err != nil {
		return nil, err
	}
	return a, audit.Record(ctx, db, action, "Agreement", a.ID, map[string]any{
		"number": a.Number, "version": a.Version, "endsOn": day(a.EndsOn), "note": note,
	})
}

// NextEnd is where a renewal of a ends by default: its term's length again
// after its end.
func NextEnd(a *ent.Agreement) time.Time {
	days := int(a.EndsOn.Sub(a.StartsOn).Hours()/24) + 1
	return a.EndsOn.AddDate(0, 0, days)
}

// Terminate ends a DRAFT or ACTIVE agreement now, with reason.
func (s *Service) Terminate(ctx context.Context, id int, reason string, expectedVersion *int) (*ent.Agreement, error) {
	if _, err := staff(ctx); err != nil {
		return nil, err
	}
	reason, err := apperr.Lines("reason", reason, true, MaxNote)
	if err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	a, err := s.writable(ctx, db, id, expectedVersion)
	if err != nil {
		return nil, err
	}
	if a.Status != agreement.StatusDRAFT && a.Status != agreement.StatusACTIVE {
		return nil, transition(a, "terminated")
	}
	now := s.now()
	sys := access.Bypass(ctx)
	if a, err = s.bump(sys, db, a, now, func(u *ent.AgreementUpdateOne) {
		u.SetStatus(agreement.StatusTERMINATED).SetTerminatedAt(now).SetTerminationReason(reason)
	}); err != nil {
		return nil, err
	}
	return a, audit.Record(ctx, db, "agreement.terminate", "Agreement", a.ID, map[string]any{"number": a.Number, "reason": reason})
}

// writable is agreement id read as the viewer may (a foreign one answers as
// a missing one), at the version expected.
func (s *Service) writable(ctx context.Context, db *ent.Client, id int, expectedVersion *int) (*ent.Agreement, error) {
	a, err := db.Agreement.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apperr.Missing("id", "no such agreement")
	}
	if err != nil {
		return nil, err
	}
	if expectedVersion != nil && *expectedVersion != a.Version {
		return nil, apperr.Errorf(apperr.Conflict, "agreement %s changed since you read it (version %d, now %d): reload it", a.Number, *expectedVersion, a.Version)
	}
	return a, nil
}

func transition(a *ent.Agreement, verb string) error {
	e := apperr.Errorf(apperr.InvalidTransition, "agreement %s is %s: it cannot be %s", a.Number, a.Status, verb)
	e.Field = "id"
	return e
}

func changedMeanwhile(a *ent.Agreement) error {
	return apperr.Errorf(apperr.Conflict, "agreement %s was changed at the same time: reload it", a.Number)
}

// bump applies a change to a only if nobody changed it since it was read,
// and counts a version: the update matches the version, so it also takes
// the row lock that keeps two changes of one agreement from interleaving.
func (s *Service) bump(ctx context.Context, db *ent.Client, a *ent.Agreement, now time.Time, change func(*ent.AgreementUpdateOne)) (*ent.Agreement, error) {
	u := db.Agreement.UpdateOne(a).Where(agreement.Version(a.Version)).AddVersion(1).SetUpdatedAt(now)
	change(u)
	updated, err := u.Save(ctx)
	if ent.IsNotFound(err) {
		return nil, changedMeanwhile(a)
	}
	return updated, err
}

// current is a's terms as they are.
func (s *Service) current(ctx context.Context, db *ent.Client, a *ent.Agreement) (Terms, error) {
	ids, err := db.Agreement.QueryTerritories(a).IDs(ctx)
	if err != nil {
		return Terms{}, err
	}
	slices.Sort(ids)
	return Terms{
		StartsOn: a.StartsOn, EndsOn: a.EndsOn, AutoRenew: a.AutoRenew, RenewalNoticeDays: a.RenewalNoticeDays,
		TerritoryIDs: ids, ChannelID: a.ChannelID, Terms: a.Terms,
	}, nil
}

// writeVersion records a as it is now as its version, written by v (nil:
// the daily run).
func (s *Service) writeVersion(ctx context.Context, db *ent.Client, a *ent.Agreement, territories []int, change, note string, v *auth.Viewer, at time.Time) error {
	c := db.AgreementVersion.Create().
		SetAgreementID(a.ID).
		SetDealerID(a.DealerID).
		SetVersion(a.Version).
		SetChange(agreementChange(change)).
		SetStartsOn(a.StartsOn).
		SetEndsOn(a.EndsOn).
		SetAutoRenew(a.AutoRenew).
		SetRenewalNoticeDays(a.RenewalNoticeDays).
		SetNillableChannelID(a.ChannelID).
		SetTerritoryIds(territories).
		SetTerms(a.Terms).
		SetNote(note).
		SetAt(at)
	if v != nil {
		c.SetAuthorID(v.UserID).SetAuthorName(v.Name)
	} else {
		c.SetAuthorName("Dealerline")
	}
	return c.Exec(ctx)
}

// checkTerms checks what needs no database, and normalises the text.
func (s *Service) checkTerms(t *Terms) error {
	switch {
	case t.StartsOn.IsZero():
		return apperr.Invalid("startsOn", "an agreement needs a start date")
	case t.EndsOn.IsZero():
		return apperr.Invalid("endsOn", "an agreement needs an end date")
	case t.EndsOn.Before(t.StartsOn):
		return apperr.Invalid("endsOn", "endsOn (%s) is before startsOn (%s)", day(t.EndsOn), day(t.StartsOn))
	case t.EndsOn.Sub(t.StartsOn) > 100*366*24*time.Hour:
		return apperr.Invalid("endsOn", "an agreement runs at most 100 years")
	case t.RenewalNoticeDays < 0 || t.RenewalNoticeDays > MaxNoticeDays:
		return apperr.Invalid("renewalNoticeDays", "renewalNoticeDays is between 0 and %d", MaxNoticeDays)
	case len(t.TerritoryIDs) > MaxTerritories:
		return apperr.Invalid("territoryIDs", "at most %d territories", MaxTerritories)
	}
	var err error
	if t.Terms, err = apperr.Lines("terms", t.Terms, false, MaxTerms); err != nil {
		return err
	}
	seen := map[int]bool{}
	for i, id := range t.TerritoryIDs {
		if seen[id] {
			return apperr.Invalid(fmt.Sprintf("territoryIDs[%d]", i), "this territory is named twice")
		}
		seen[id] = true
	}
	return nil
}

// checkRefs checks that the territories and channel exist, read as the
// viewer may.
func (s *Service) checkRefs(ctx context.Context, db *ent.Client, t *Terms) error {
	if len(t.TerritoryIDs) > 0 {
		found, err := db.Territory.Query().Where(territory.IDIn(t.TerritoryIDs...)).IDs(ctx)
		if err != nil {
			return err
		}
		for i, id := range t.TerritoryIDs {
			if !slices.Contains(found, id) {
				return apperr.Missing(fmt.Sprintf("territoryIDs[%d]", i), "no such territory")
			}
		}
	}
	if t.ChannelID != nil {
		ok, err := db.Channel.Query().Where(channel.ID(*t.ChannelID)).Exist(ctx)
		if err != nil {
			return err
		}
		if !ok {
			return apperr.Missing("channelID", "no such channel")
		}
	}
	return nil
}

// Standing are the statuses whose agreements may not overlap another of
// the same kind.
var Standing = []agreement.Status{agreement.StatusDRAFT, agreement.StatusACTIVE}

// checkOverlap refuses [from, to] when another standing agreement of kind
// of the dealer (other than except) covers a day of it.
func (s *Service) checkOverlap(ctx context.Context, db *ent.Client, dealerID int, kind agreement.Kind, except int, from, to time.Time) error {
	q := db.Agreement.Query().Where(
		agreement.DealerID(dealerID),
		agreement.KindEQ(kind),
		agreement.StatusIn(Standing...),
		agreement.StartsOnLTE(to),
		agreement.EndsOnGTE(from),
	)
	if except != 0 {
		q.Where(agreement.IDNEQ(except))
	}
	if s.postgres {
		// Two writers for one dealer check one after the other.
		if _, err := db.Dealer.Query().Where(dealer.ID(dealerID)).ForUpdate().IDs(ctx); err != nil {
			return err
		}
	}
	other, err := q.First(ctx)
	if ent.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	e := apperr.Errorf(apperr.Conflict, "the dealer's %s agreement %s runs from %s to %s: agreements of one kind may not overlap",
		kind, other.Number, day(other.StartsOn), day(other.EndsOn))
	e.Field = "startsOn"
	return e
}

func day(t time.Time) string { return t.Format(time.DateOnly) }

// Newest is the order agreements are listed in: latest end first.
var Newest = &ent.AgreementOrder{Field: ent.AgreementOrderFieldEndsOn, Direction: entgql.OrderDirectionDesc}

// List is the agreements the viewer may see: of dealerID when given (a
// dealer user's own dealer's when not), in one of statuses and kinds when
// any.
func (s *Service) List(ctx context.Context, dealerID *int, statuses []agreement.Status, kinds []agreement.Kind) *ent.AgreementQuery {
	q := s.client.Agreement.Query()
	if id := access.ListDealer(ctx, dealerID); id != nil {
		q.Where(agreement.DealerID(*id))
	}
	if len(statuses) > 0 {
		q.Where(agreement.StatusIn(statuses...))
	}
	if len(kinds) > 0 {
		q.Where(agreement.KindIn(kinds...))
	}
	return q
}

// Ending is the ACTIVE agreements the viewer may see that end from today
// to withinDays after it, soonest first.
func (s *Service) Ending(ctx context.Context, withinDays int) ([]*ent.Agreement, error) {
	if _, err := auth.Require(ctx); err != nil {
		return nil, err
	}
	if withinDays < 0 || withinDays > MaxWithinDays {
		return nil, apperr.Invalid("withinDays", "withinDays is between 0 and %d", MaxWithinDays)
	}
	today := s.Today()
	return s.client.Agreement.Query().
		Where(agreement.StatusEQ(agreement.StatusACTIVE),
			agreement.EndsOnGTE(today), agreement.EndsOnLTE(today.AddDate(0, 0, withinDays))).
		Order(ent.Asc(agreement.FieldEndsOn), ent.Asc(agreement.FieldID)).
		Limit(500).
		All(ctx)
}

// NoticeFrom is the first day of a's notice period.
func NoticeFrom(a *ent.Agreement) time.Time { return a.EndsOn.AddDate(0, 0, -a.RenewalNoticeDays) }

// InNotice reports whether a is ACTIVE and in its notice period on today.
func InNotice(a *ent.Agreement, today time.Time) bool {
	return a.Status == agreement.StatusACTIVE && !today.Before(NoticeFrom(a)) && !today.After(a.EndsOn)
}

// InNoticeToday is InNotice on the business date now.
func (s *Service) InNoticeToday(a *ent.Agreement) bool { return InNotice(a, s.Today()) }

// Action is what may be done with an agreement next.
type Action string

const (
	Amend     Action = "AMEND"
	Activate  Action = "ACTIVATE"
	Renew     Action = "RENEW"
	Terminate Action = "TERMINATE"
)

// AllowedActions is what the viewer may do with a now: staff amend,
// activate, renew and terminate by its status; dealer users nothing.
func AllowedActions(ctx context.Context, a *ent.Agreement) []Action {
	out := []Action{}
	v := auth.FromContext(ctx)
	if v == nil || v.IsDealer() {
		return out
	}
	switch a.Status {
	case agreement.StatusDRAFT:
		out = append(out, Amend, Activate, Renew, Terminate)
	case agreement.StatusACTIVE:
		out = append(out, Amend, Renew, Terminate)
	case agreement.StatusEXPIRED:
		out = append(out, Renew)
	}
	return out
}
