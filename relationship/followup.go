package relationship

import (
	"context"

	"entgo.io/contrib/entgql"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/channel"
	"github.com/dealerline/dealerline/ent/followup"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/store/tx"
)

// FollowUpStatus is where a follow-up stands.
type FollowUpStatus string

const (
	// Open: not done yet. As a filter, overdue ones too.
	Open FollowUpStatus = "OPEN"
	// Overdue: not done, and due before today's business date.
	Overdue FollowUpStatus = "OVERDUE"
	Done    FollowUpStatus = "DONE"
)

// Status is where f stands today, in the business time zone.
func (s *Service) Status(f *ent.FollowUp) FollowUpStatus {
	switch {
	case f.DoneAt != nil:
		return Done
	case date(f.DueOn).Before(s.Today()):
		return Overdue
	}
	return Open
}

// MyFollowUps are the follow-ups assigned to the viewer that it may still
// see, in status (all when nil), and the order they are listed in: the
// earliest due first, done ones the latest done first.
func (s *Service) MyFollowUps(ctx context.Context, status *FollowUpStatus) (*ent.FollowUpQuery, *ent.FollowUpOrder, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, nil, err
	}
	q := s.client.FollowUp.Query().Where(followup.AssigneeID(v.UserID))
	order := &ent.FollowUpOrder{Field: ent.FollowUpOrderFieldDueOn, Direction: entgql.OrderDirectionAsc}
	if status != nil {
		switch *status {
		case Open:
			q.Where(followup.DoneAtIsNil())
		case Overdue:
			q.Where(followup.DoneAtIsNil(), followup.DueOnLT(s.Today()))
		case Done:
			q.Where(followup.DoneAtNotNil())
			order = &ent.FollowUpOrder{Field: ent.FollowUpOrderFieldDoneAt, Direction: entgql.OrderDirectionDesc}
		default:
			return nil, nil, apperr.Invalid("status", "no such follow-up status: %q", *status)
		}
	}
	return q, order, nil
}

// CompleteFollowUp marks a follow-up done: its assignee, or any staff who
// see its dealer. One done already is returned as it is.
func (s *Service) CompleteFollowUp(ctx context.Context, id int) (*ent.FollowUp, error) {
	v, err := auth.RequireStaff(ctx, staffOnly)
	if err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	f, err := db.FollowUp.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apperr.Missing("id", "no such follow-up")
	}
	if err != nil || f.DoneAt != nil {
		return f, err
	}
	sys := access.Bypass(ctx)
	now := s.now()
	// Only while not done: of two people completing it at once, the first
	// one counts.
	n, err := db.FollowUp.Update().
		Where(followup.ID(f.ID), followup.DoneAtIsNil()).
		SetDoneAt(now).
		SetDoneByName(v.Name).
		SetUpdatedAt(now).
		Save(sys)
	if err != nil {
		return nil, err
	}
	if n == 1 {
		if err := audit.Record(ctx, db, "followup.complete", "FollowUp", f.ID, map[string]any{"assignee": f.AssigneeName}); err != nil {
			return nil, err
		}
	}
	return db.FollowUp.Get(sys, f.ID)
}

// ReassignFollowUp gives an open follow-up to another administrator or
// channel manager who sees its dealer (see assignee).
func (s *Service) ReassignFollowUp(ctx context.Context, id, assigneeID int) (*ent.FollowUp, error) {
	if _, err := auth.RequireStaff(ctx, staffOnly); err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	f, err := db.FollowUp.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apperr.Missing("id", "no such follow-up")
	}
	if err != nil {
		return nil, err
	}
	if f.DoneAt != nil {
		return nil, &apperr.Error{Code: apperr.InvalidTransition, Message: "this follow-up is done: there is nothing left to reassign", Field: "id"}
	}
	sys := access.Bypass(ctx)
	d, err := db.Dealer.Get(sys, f.DealerID)
	if err != nil {
		return nil, err
	}
	u, err := s.assignee(ctx, db, d, assigneeID, "assigneeID")
	if err != nil {
		return nil, err
	}
	if f.AssigneeID != nil && *f.AssigneeID == u.ID {
		return f, nil
	}
	from := f.AssigneeName
	if f, err = db.FollowUp.UpdateOne(f).SetAssigneeID(u.ID).SetAssigneeName(u.Name).SetUpdatedAt(s.now()).Save(sys); err != nil {
		return nil, err
	}
	return f, audit.Record(ctx, db, "followup.reassign", "FollowUp", f.ID, map[string]any{"from": from, "to": u.Name})
}

// assignee is user id, given in field, as the assignee of a follow-up of
// dealer d: a user the viewer can read (another one answers like a
// missing one), active, and an administrator or a channel manager who
// sees d — it owns d or manages d's channel.
func (s *Service) assignee(ctx context.Context, db *ent.Client, d *ent.Dealer, id int, field string) (*ent.User, error) {
	u, err := db.User.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apperr.Missing(field, "no such user")
	}
	if err != nil {
		return nil, err
	}
	switch {
	case !u.Active:
		return nil, apperr.Invalid(field, "%s is deactivated: give the follow-up to an active colleague", u.Name)
	case u.Role == user.RoleADMIN:
		return u, nil
	case u.Role != user.RoleCHANNEL_MANAGER:
		return nil, apperr.Invalid(field, "%s is a dealer user: follow-ups go to administrators and channel managers", u.Name)
	case d.OwnerID != nil && *d.OwnerID == u.ID:
		return u, nil
	}
	manages, err := db.Channel.Query().
		Where(channel.ID(d.ChannelID), channel.HasManagersWith(user.ID(u.ID))).
		Exist(access.Bypass(ctx))
	if err != nil {
		return nil, err
	}
	if !manages {
		return nil, apperr.Invalid(field, "%s cannot see %s: give the follow-up to someone who owns the dealer or manages its channel", u.Name, d.Name)
	}
	return u, nil
}
