package relationship

import (
	"context"
	"fmt"
	"slices"
	"time"

	"entgo.io/contrib/entgql"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/contact"
	"github.com/dealerline/dealerline/ent/interaction"
	"github.com/dealerline/dealerline/store/tx"
)

// InteractionInput is a contact with a dealer as its author logs it.
type InteractionInput struct {
	DealerID   int
	Kind       interaction.Kind
	OccurredAt time.Time
	Subject    string
	Notes      string
	Outcome    string
	// The dealer's contacts who took part.
	ContactIDs []int
	// A task the interaction sets; nil for none.
	FollowUp *FollowUpInput
}

// FollowUpInput is a follow-up as an interaction sets it.
type FollowUpInput struct {
	DueOn time.Time // a business date
	// Who does it: the author when nil.
	AssigneeID *int
	Text       string
}

// LogInteraction records a contact with a dealer the viewer sees, and the
// follow-up it sets. Managers and administrators log them; dealer users
// never see them.
func (s *Service) LogInteraction(ctx context.Context, in InteractionInput) (*ent.Interaction, error) {
	v, err := auth.RequireStaff(ctx, staffOnly)
	if err != nil {
		return nil, err
	}
	if err := s.checkInteraction(&in.Kind, &in.OccurredAt, &in.Subject, &in.Notes, &in.Outcome); err != nil {
		return nil, err
	}
	var fu FollowUpInput
	if in.FollowUp != nil {
		fu = *in.FollowUp
		if fu.Text, err = apperr.Lines("followUp.text", fu.Text, true, MaxFollowUpText); err != nil {
			return nil, err
		}
		// A task set by a contact falls due after it, not before.
		if date(fu.DueOn).Before(s.dateOf(in.OccurredAt)) {
			return nil, apperr.Invalid("followUp.dueOn", "a follow-up falls due on or after the day of its interaction")
		}
	}
	db := tx.Client(ctx, s.client)
	d, err := db.Dealer.Get(ctx, in.DealerID)
	if ent.IsNotFound(err) {
		return nil, apperr.Missing("dealerID", "no such dealer")
	}
	if err != nil {
		return nil, err
	}
	contacts, err := s.contactsOf(ctx, db, d, in.ContactIDs)
	if err != nil {
		return nil, err
	}
	var assignee *ent.User
	if in.FollowUp != nil {
		id := v.UserID
		if fu.AssigneeID != nil {
			id = *fu.AssigneeID
		}
		if assignee, err = s.assignee(ctx, db, d, id, "followUp.assigneeID"); err != nil {
			return nil, err
		}
	}

	sys := access.Bypass(ctx)
	now := s.now()
	i, err := db.Interaction.Create().
		SetDealerID(d.ID).
		SetKind(in.Kind).
		SetOccurredAt(in.OccurredAt).
		SetSubject(in.Subject).
		SetNotes(in.Notes).
		SetOutcome(in.Outcome).
		SetAuthorID(v.UserID).
		SetAuthorName(v.Name).
		AddContactIDs(contacts...).
		SetCreatedAt(now). // the correction window runs from here, on the service's clock
		SetUpdatedAt(now).
		Save(sys)
	if err != nil {
		return nil, err
	}
	details := map[string]any{
		"dealer": d.Code, "kind": i.Kind, "occurredAt": i.OccurredAt, "subject": i.Subject, "contactIDs": contacts,
	}
	if assignee != nil {
		f, err := db.FollowUp.Create().
			SetInteractionID(i.ID).
			SetDealerID(d.ID).
			SetDueOn(date(fu.DueOn)).
			SetText(fu.Text).
			SetAssigneeID(assignee.ID).
			SetAssigneeName(assignee.Name).
			SetCreatedAt(now).
			SetUpdatedAt(now).
			Save(sys)
		if err != nil {
			return nil, err
		}
		details["followUp"] = map[string]any{"id": f.ID, "dueOn": f.DueOn.Format(time.DateOnly), "assignee": assignee.Name}
	}
	return i, audit.Record(ctx, db, "interaction.log", "Interaction", i.ID, details)
}

// InteractionChange is a correction of an interaction: the fields given
// replace the logged ones. ContactIDs nil leaves the contacts; empty
// removes them.
type InteractionChange struct {
	Kind       *interaction.Kind
	OccurredAt *time.Time
	Subject    *string
	Notes      *string
	Outcome    *string
	ContactIDs []int
}

// UpdateInteraction corrects an interaction: by its author only, within
// CorrectionWindow of logging it. It is never deleted: later, or by
// someone else, a correction is a new entry. The audit entry says what
// changed, from what.
func (s *Service) UpdateInteraction(ctx context.Context, id int, in InteractionChange) (*ent.Interaction, error) {
	v, err := auth.RequireStaff(ctx, staffOnly)
	if err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	i, err := db.Interaction.Query().Where(interaction.ID(id)).WithContacts().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apperr.Missing("id", "no such interaction")
	}
	if err != nil {
		return nil, err
	}
	switch {
	case i.AuthorID == nil || *i.AuthorID != v.UserID:
		return nil, apperr.Errorf(apperr.Forbidden, "only its author, %s, corrects this interaction: log a new entry to add to it", i.AuthorName)
	case s.now().Sub(i.CreatedAt) > CorrectionWindow:
		return nil, apperr.Errorf(apperr.Forbidden, "this interaction was logged more than 24 hours ago and can no longer be corrected: log a new entry instead")
	}

	kind, at, subject, notes, outcome := i.Kind, i.OccurredAt, i.Subject, i.Notes, i.Outcome
	if in.Kind != nil {
		kind = *in.Kind
	}
	if in.OccurredAt != nil {
		at = *in.OccurredAt
	}
	if in.Subject != nil {
		subject = *in.Subject
	}
	if in.Notes != nil {
		notes = *in.Notes
	}
	if in.Outcome != nil {
		outcome = *in.Outcome
	}
	if err := s.checkInteraction(&kind, &at, &subject, &notes, &outcome); err != nil {
		return nil, err
	}
	before := make([]int, len(i.Edges.Contacts))
	for n, c := range i.Edges.Contacts {
		before[n] = c.ID
	}
	slices.Sort(before)
	contacts := before
	if in.ContactIDs != nil {
		d, err := db.Dealer.Get(access.Bypass(ctx), i.DealerID)
		if err != nil {
			return nil, err
		}
		if contacts, err = s.contactsOf(ctx, db, d, in.ContactIDs); err != nil {
			return nil, err
		}
	}

	changed := map[string]any{}
	u := db.Interaction.UpdateOne(i)
	note := func(field string, from, to any) { changed[field] = map[string]any{"from": from, "to": to} }
	if kind != i.Kind {
		u.SetKind(kind)
		note("kind", i.Kind, kind)
	}
	if !at.Equal(i.OccurredAt) {
		u.SetOccurredAt(at)
		note("occurredAt", i.OccurredAt, at)
	}
	if subject != i.Subject {
		u.SetSubject(subject)
		note("subject", i.Subject, subject)
	}
	if notes != i.Notes {
		u.SetNotes(notes)
		note("notes", i.Notes, notes)
	}
	if outcome != i.Outcome {
		u.SetOutcome(outcome)
		note("outcome", i.Outcome, outcome)
	}
	if !slices.Equal(contacts, before) {
		u.ClearContacts().AddContactIDs(contacts...)
		note("contactIDs", before, contacts)
	}
	if len(changed) == 0 {
		return i, nil
	}
	if i, err = u.SetUpdatedAt(s.now()).Save(access.Bypass(ctx)); err != nil {
		return nil, err
	}
	return i, audit.Record(ctx, db, "interaction.update", "Interaction", i.ID, map[string]any{"changed": changed})
}

// checkInteraction refuses what an interaction may not say, and leaves the
// text as it is kept (normalised, trimmed).
func (s *Service) checkInteraction(kind *interaction.Kind, at *time.Time, subject, notes, outcome *string) error {
	if err := interaction.KindValidator(*kind); err != nil {
		return apperr.Invalid("kind", "no such kind of interaction: %q", *kind)
	}
	if at.After(s.now().Add(ClockSkew)) {
		return apperr.Invalid("occurredAt", "an interaction is logged once it has happened: %s is in the future", at.Format(time.RFC3339))
	}
	var err error
	if *subject, err = apperr.Text("subject", *subject, true, MaxSubject); err != nil {
		return err
	}
	if *notes, err = apperr.Lines("notes", *notes, false, MaxNotes); err != nil {
		return err
	}
	*outcome, err = apperr.Lines("outcome", *outcome, false, MaxOutcome)
	return err
}

// contactsOf is ids, each a contact of d the viewer can read, sorted and
// without repeats; contactIDs[i] is NOT_FOUND for the first that is not.
func (s *Service) contactsOf(ctx context.Context, db *ent.Client, d *ent.Dealer, ids []int) ([]int, error) {
	if len(ids) == 0 {
		return []int{}, nil
	}
	found, err := db.Contact.Query().Where(contact.IDIn(ids...), contact.DealerID(d.ID)).IDs(ctx)
	if err != nil {
		return nil, err
	}
	for i, id := range ids {
		if !slices.Contains(found, id) {
			return nil, apperr.Missing(fmt.Sprintf("contactIDs[%d]", i), "%s has no such contact", d.Name)
		}
	}
	return distinct(ids), nil
}

// dateOf is the business date of t.
func (s *Service) dateOf(t time.Time) time.Time {
	y, m, d := t.In(s.location).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// InteractionFilter narrows the interactions listed. From and To are
// business dates, From included, To excluded.
type InteractionFilter struct {
	DealerID *int
	Kind     *interaction.Kind
	From, To *time.Time
}

// NewestFirst is the order interactions are listed in.
var NewestFirst = &ent.InteractionOrder{Field: ent.InteractionOrderFieldOccurredAt, Direction: entgql.OrderDirectionDesc}

// Interactions are the interactions the viewer may see (none for dealer
// users: the privacy rules), narrowed by f; list them NewestFirst.
func (s *Service) Interactions(ctx context.Context, f InteractionFilter) (*ent.InteractionQuery, error) {
	if f.From != nil && f.To != nil && date(*f.To).Before(date(*f.From)) {
		return nil, apperr.Invalid("to", "the period ends before it starts")
	}
	q := s.client.Interaction.Query()
	if f.DealerID != nil {
		q.Where(interaction.DealerID(*f.DealerID))
	}
	if f.Kind != nil {
		q.Where(interaction.KindEQ(*f.Kind))
	}
	if f.From != nil {
		q.Where(interaction.OccurredAtGTE(s.startOf(*f.From)))
	}
	if f.To != nil {
		q.Where(interaction.OccurredAtLT(s.startOf(*f.To)))
	}
	return q, nil
}
