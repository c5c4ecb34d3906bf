package agreements

import (
	"context"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/agreementversion"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/dealerstatuschange"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/realtime"
	"github.com/dealerline/dealerline/store/tx"
)

func agreementChange(s string) agreementversion.Change { return agreementversion.Change(s) }

// StatusInput is a change of a dealer's status.
type StatusInput struct {
	DealerID    int
	To          dealer.Status
	Reason      string
	EffectiveOn time.Time
}

// ChangeDealerStatus records a change of a dealer the viewer sees (staff
// only) to status To, with a reason: applied now when it is effective
// today in the business time zone, else SCHEDULED for the daily run on
// that date. A TERMINATED dealer is final.
func (s *Service) ChangeDealerStatus(ctx context.Context, in StatusInput) (*ent.DealerStatusChange, error) {
	v, err := auth.RequireStaff(ctx, "the manufacturer's staff change a dealer's status")
	if err != nil {
		return nil, err
	}
	if dealer.StatusValidator(in.To) != nil {
		return nil, apperr.Invalid("to", "%q is not a dealer status", in.To)
	}
	if in.Reason, err = apperr.Lines("reason", in.Reason, true, MaxNote); err != nil {
		return nil, err
	}
	today := s.Today()
	switch {
	case in.EffectiveOn.IsZero():
		return nil, apperr.Invalid("effectiveOn", "name the date the change takes effect")
	case in.EffectiveOn.Before(today):
		return nil, apperr.Invalid("effectiveOn", "effectiveOn (%s) is in the past: today is %s", day(in.EffectiveOn), day(today))
	case in.EffectiveOn.After(today.AddDate(2, 0, 0)):
		return nil, apperr.Invalid("effectiveOn", "a change is scheduled at most two years ahead")
	}
	db := tx.Client(ctx, s.client)
	d, err := db.Dealer.Get(ctx, in.DealerID)
	if ent.IsNotFound(err) {
		return nil, apperr.Missing("dealerID", "no such dealer")
	}
	if err != nil {
		return nil, err
	}
	sys := access.Bypass(ctx)
	if s.postgres {
		// Changes of one dealer one after the other.
		if _, err := db.Dealer.Query().Where(dealer.ID(d.ID)).ForUpdate().IDs(sys); err != nil {
			return nil, err
		}
	}
	if d.Status == dealer.StatusTERMINATED {
		e := apperr.Errorf(apperr.InvalidTransition, "%s is TERMINATED: its status no longer changes", d.Name)
		e.Field = "to"
		return nil, e
	}
	if in.To == d.Status && !in.EffectiveOn.After(today) {
		return nil, apperr.Invalid("to", "%s is %s already", d.Name, d.Status)
	}
	now := s.now()
	c, err := db.DealerStatusChange.Create().
		SetDealerID(d.ID).
		SetFromStatus(string(d.Status)).
		SetToStatus(string(in.To)).
		SetReason(in.Reason).
		SetEffectiveOn(in.EffectiveOn).
		SetRequestedAt(now).
		SetRequestedByID(v.UserID).
		SetRequestedByName(v.Name).
		Save(sys)
	if err != nil {
		return nil, err
	}
	if err := audit.Record(ctx, db, "dealer.status.change", "Dealer", d.ID, map[string]any{
		"dealer": d.Code, "from": d.Status, "to": in.To, "reason": in.Reason, "effectiveOn": day(in.EffectiveOn),
	}); err != nil {
		return nil, err
	}
	if in.EffectiveOn.After(today) {
		return c, nil
	}
	return s.apply(ctx, db, c, now)
}

// CancelDealerStatusChange withdraws a SCHEDULED change (staff who see its
// dealer).
func (s *Service) CancelDealerStatusChange(ctx context.Context, id int) (*ent.DealerStatusChange, error) {
	if _, err := auth.RequireStaff(ctx, "the manufacturer's staff change a dealer's status"); err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	c, err := db.DealerStatusChange.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apperr.Missing("id", "no such status change")
	}
	if err != nil {
		return nil, err
	}
	sys := access.Bypass(ctx)
	n, err := db.DealerStatusChange.Update().
		Where(dealerstatuschange.ID(c.ID), dealerstatuschange.StateEQ(dealerstatuschange.StateSCHEDULED)).
		SetState(dealerstatuschange.StateCANCELLED).
		Save(sys)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		e := apperr.Errorf(apperr.InvalidTransition, "the change is %s: only a SCHEDULED change may be cancelled", c.State)
		e.Field = "id"
		return nil, e
	}
	if err := audit.Record(ctx, db, "dealer.status.cancel", "Dealer", c.DealerID, map[string]any{
		"to": c.ToStatus, "effectiveOn": day(c.EffectiveOn),
	}); err != nil {
		return nil, err
	}
	return db.DealerStatusChange.Get(sys, c.ID)
}

// apply sets the dealer's status as change c says, through db (the
// change's transaction): a TERMINATED dealer's users are signed out, every
// token of theirs revoked, which closes their sockets on every instance.
func (s *Service) apply(ctx context.Context, db *ent.Client, c *ent.DealerStatusChange, now time.Time) (*ent.DealerStatusChange, error) {
	sys := access.Bypass(ctx)
	d, err := db.Dealer.Get(sys, c.DealerID)
	if err != nil {
		return nil, err
	}
	to := dealer.Status(c.ToStatus)
	state := dealerstatuschange.StateAPPLIED
	if d.Status == dealer.StatusTERMINATED {
		// Terminated meanwhile: nothing changes any more.
		state = dealerstatuschange.StateCANCELLED
	}
	if c, err = c.Update().SetState(state).SetAppliedAt(now).Save(sys); err != nil {
		return nil, err
	}
	if state == dealerstatuschange.StateCANCELLED || d.Status == to {
		return c, nil
	}
	if err := db.Dealer.UpdateOneID(d.ID).SetStatus(to).Exec(sys); err != nil {
		return nil, err
	}
	if err := audit.Record(ctx, db, "dealer.status.apply", "Dealer", d.ID, map[string]any{
		"dealer": d.Code, "from": d.Status, "to": to, "reason": c.Reason,
	}); err != nil {
		return nil, err
	}
	if to == dealer.StatusTERMINATED && s.signIn != nil {
		users, err := db.User.Query().Where(user.DealerID(d.ID)).IDs(sys)
		if err != nil {
			return nil, err
		}
		if err := s.signIn.RevokeUsers(ctx, db, users...); err != nil {
			return nil, err
		}
	}
	return c, realtime.RecordDealerChanged(ctx, db, d.ID, "UPDATED", now)
}

// StatusChanges is d's status changes, newest first, read as the viewer
// may.
func (s *Service) StatusChanges(ctx context.Context, d *ent.Dealer) ([]*ent.DealerStatusChange, error) {
	return s.client.DealerStatusChange.Query().
		Where(dealerstatuschange.DealerID(d.ID)).
		Order(ent.Desc(dealerstatuschange.FieldRequestedAt), ent.Desc(dealerstatuschange.FieldID)).
		Limit(200).
		All(ctx)
}

// StatusTargets is what the viewer may change d's status to now: for staff
// (who see d, as they read it), every status but its own, none once it is
// TERMINATED; nothing for dealer users. The portal offers these.
func StatusTargets(ctx context.Context, d *ent.Dealer) []dealer.Status {
	v := auth.FromContext(ctx)
	if v == nil || (!v.IsAdmin() && !v.IsManager()) || d.Status == dealer.StatusTERMINATED {
		return []dealer.Status{}
	}
	out := []dealer.Status{}
	for _, st := range []dealer.Status{dealer.StatusACTIVE, dealer.StatusPROBATION, dealer.StatusSUSPENDED, dealer.StatusTERMINATED} {
		if st != d.Status {
			out = append(out, st)
		}
	}
	return out
}
