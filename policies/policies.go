// Package policies is the manufacturer's open policy: rules published to an
// audience of dealers, versioned (a published version never changes), and
// acknowledged by the dealers they ask. It decides who may publish to whom,
// who must acknowledge what, and what a live subscriber is sent. Every
// write runs in the request's transaction, with its audit entry and its
// live event.
package policies

import (
	"context"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audience"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/channelpolicy"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/policyacknowledgement"
	"github.com/dealerline/dealerline/ent/policyversion"
	"github.com/dealerline/dealerline/ent/predicate"
	"github.com/dealerline/dealerline/realtime"
	"github.com/dealerline/dealerline/store/tx"
)

// Limits of a policy's text, in characters.
const (
	MaxTitle = 200
	MaxBody  = 20000
	MaxNote  = 2000
)

// What happened to a policy, as its live event says.
const (
	Published = "PUBLISHED"
	Amended   = "AMENDED"
	Withdrawn = "WITHDRAWN"
	Reminded  = "REMINDED"
)

// Service publishes policies and keeps their acknowledgements.
type Service struct {
	client *ent.Client
	now    func() time.Time
	loc    *time.Location // the business time zone: effective dates
}

// NewService returns a Service over client; loc is the business time zone.
func NewService(client *ent.Client, loc *time.Location) *Service {
	return &Service{client: client, now: time.Now, loc: loc}
}

// WithClock returns a copy of s that takes the time from now: for loading
// history (the demo data) and for tests.
func (s *Service) WithClock(now func() time.Time) *Service {
	c := *s
	c.now = now
	return &c
}

// Today is the business date now.
func (s *Service) Today() time.Time { return accounts.BusinessDate(s.now(), s.loc) }

// Audience is who a policy is for, as its publisher gives it.
type Audience = audience.Audience

// Input is a version of a policy as its publisher writes it.
type Input struct {
	Kind          channelpolicy.Kind
	Title         string
	Body          string // Markdown, stored as given
	EffectiveFrom time.Time
	EffectiveTo   *time.Time
	Audience      Audience
}

// staffOnly is the refusal of a dealer user.
const staffOnly = "only the manufacturer publishes policies"

// check validates in for v and resolves its audience through v's privacy:
// a foreign channel, territory or dealer answers as a missing one.
func (s *Service) check(ctx context.Context, db *ent.Client, v *auth.Viewer, in *Input) error {
	var err error
	if err := channelpolicy.KindValidator(in.Kind); err != nil {
		return apperr.Invalid("kind", "no such kind of policy: %s", in.Kind)
	}
	if in.Title, err = apperr.Text("title", in.Title, true, MaxTitle); err != nil {
		return err
	}
	if in.Body, err = apperr.Lines("body", in.Body, true, MaxBody); err != nil {
		return err
	}
	in.EffectiveFrom = date(in.EffectiveFrom)
	if in.EffectiveTo != nil {
		to := date(*in.EffectiveTo)
		if !to.After(in.EffectiveFrom) {
			return apperr.Invalid("effectiveTo", "a policy ends after the day it takes effect")
		}
		in.EffectiveTo = &to
	}
	return in.Audience.Check(ctx, db, v, "policy")
}

// Publish publishes version 1 of a policy and tells its audience, live.
func (s *Service) Publish(ctx context.Context, in Input) (*ent.ChannelPolicy, error) {
	v, err := auth.RequireStaff(ctx, staffOnly)
	if err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	if err := s.check(ctx, db, v, &in); err != nil {
		return nil, err
	}
	now := s.now()
	a := in.Audience
	c := db.ChannelPolicy.Create().
		SetKind(in.Kind).
		SetTitle(in.Title).
		SetBody(in.Body).
		SetEffectiveFrom(in.EffectiveFrom).
		SetNillableEffectiveTo(in.EffectiveTo).
		SetAllDealers(a.All).
		SetPublishedAt(now).
		SetVersionPublishedAt(now).
		SetPublishedByID(v.UserID).
		SetPublishedByName(v.Name).
		AddChannelIDs(a.ChannelIDs...).
		AddTerritoryIDs(a.TerritoryIDs...).
		AddDealerIDs(a.DealerIDs...)
	if len(a.Tiers) > 0 {
		c.SetTiers(a.Tiers) // null is every tier, which the read rule asks of no JSON
	}
	sys := access.Bypass(ctx)
	p, err := c.Save(sys)
	if err != nil {
		return nil, err
	}
	if err := s.writeVersion(sys, db, p, in, false); err != nil {
		return nil, err
	}
	if err := audit.Record(ctx, db, "policy.publish", "ChannelPolicy", p.ID, map[string]any{
		"kind": p.Kind, "title": p.Title, "version": 1, "audience": a.Snapshot(),
	}); err != nil {
		return nil, err
	}
	return p, s.tell(ctx, db, p, a, Published)
}

// Amend publishes the next version of policy id; a material amendment asks
// everyone in the audience to acknowledge it again. A policy keeps its
// kind; a withdrawn one is not amended.
func (s *Service) Amend(ctx context.Context, id int, in Input, material bool) (*ent.ChannelPolicy, error) {
	v, err := auth.RequireStaff(ctx, staffOnly)
	if err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	p, err := s.editable(ctx, db, v, id)
	if err != nil {
		return nil, err
	}
	if in.Kind != p.Kind {
		return nil, apperr.Invalid("input.kind", "a policy keeps its kind (%s): publish a new policy for another", p.Kind)
	}
	if err := s.check(ctx, db, v, &in); err != nil {
		return nil, err
	}
	now := s.now()
	a := in.Audience
	next := p.Version + 1
	u := db.ChannelPolicy.UpdateOneID(p.ID).
		Where(channelpolicy.Version(p.Version)). // two amendments at once: one wins
		SetTitle(in.Title).
		SetBody(in.Body).
		SetEffectiveFrom(in.EffectiveFrom).
		SetNillableEffectiveTo(in.EffectiveTo).
		SetAllDealers(a.All).
		SetVersion(next).
		SetVersionPublishedAt(now).
		SetPublishedByName(v.Name).
		ClearChannels().AddChannelIDs(a.ChannelIDs...).
		ClearTerritories().AddTerritoryIDs(a.TerritoryIDs...).
		ClearDealers().AddDealerIDs(a.DealerIDs...)
	if in.EffectiveTo == nil {
		u.ClearEffectiveTo()
	}
	if len(a.Tiers) > 0 {
		u.SetTiers(a.Tiers)
	} else {
		u.ClearTiers()
	}
	if material {
		u.SetAcknowledgeVersion(next)
	}
	sys := access.Bypass(ctx)
	p, err = u.Save(sys)
	if ent.IsNotFound(err) {
		return nil, apperr.Errorf(apperr.Conflict, "the policy was amended meanwhile: reload it and try again")
	}
	if err != nil {
		return nil, err
	}
	if err := s.writeVersion(sys, db, p, in, material); err != nil {
		return nil, err
	}
	if err := audit.Record(ctx, db, "policy.amend", "ChannelPolicy", p.ID, map[string]any{
		"title": p.Title, "version": next, "material": material, "audience": a.Snapshot(),
	}); err != nil {
		return nil, err
	}
	return p, s.tell(ctx, db, p, a, Amended)
}

// Withdraw withdraws policy id; note says why.
func (s *Service) Withdraw(ctx context.Context, id int, note string) (*ent.ChannelPolicy, error) {
	v, err := auth.RequireStaff(ctx, staffOnly)
	if err != nil {
		return nil, err
	}
	if note, err = apperr.Lines("note", note, true, MaxNote); err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	p, err := s.editable(ctx, db, v, id)
	if err != nil {
		return nil, err
	}
	sys := access.Bypass(ctx)
	p, err = db.ChannelPolicy.UpdateOneID(p.ID).
		Where(channelpolicy.StatusEQ(channelpolicy.StatusACTIVE)).
		SetStatus(channelpolicy.StatusWITHDRAWN).
		SetWithdrawnAt(s.now()).
		SetWithdrawalNote(note).
		Save(sys)
	if ent.IsNotFound(err) {
		return nil, apperr.Errorf(apperr.InvalidTransition, "the policy has been withdrawn already")
	}
	if err != nil {
		return nil, err
	}
	if err := audit.Record(ctx, db, "policy.withdraw", "ChannelPolicy", p.ID, map[string]any{"note": note}); err != nil {
		return nil, err
	}
	a, err := s.audienceOf(sys, db, p)
	if err != nil {
		return nil, err
	}
	return p, s.tell(ctx, db, p, a, Withdrawn)
}

// Remind sends policy id to its audience again, live: those still to
// acknowledge it see it come up. No new version.
func (s *Service) Remind(ctx context.Context, id int) (*ent.ChannelPolicy, error) {
	v, err := auth.RequireStaff(ctx, staffOnly)
	if err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	p, err := s.editable(ctx, db, v, id)
	if err != nil {
		return nil, err
	}
	sys := access.Bypass(ctx)
	a, err := s.audienceOf(sys, db, p)
	if err != nil {
		return nil, err
	}
	if err := audit.Record(ctx, db, "policy.remind", "ChannelPolicy", p.ID, map[string]any{"version": p.Version}); err != nil {
		return nil, err
	}
	return p, s.tell(ctx, db, p, a, Reminded)
}

// editable is policy id, read through v's rules, when it is active and v
// may publish to its audience.
func (s *Service) editable(ctx context.Context, db *ent.Client, v *auth.Viewer, id int) (*ent.ChannelPolicy, error) {
	p, err := db.ChannelPolicy.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apperr.Missing("id", "no such policy")
	}
	if err != nil {
		return nil, err
	}
	if p.Status == channelpolicy.StatusWITHDRAWN {
		return nil, apperr.Errorf(apperr.InvalidTransition, "the policy has been withdrawn: publish a new one")
	}
	a, err := s.audienceOf(access.Bypass(ctx), db, p)
	if err != nil {
		return nil, err
	}
	if err := audience.MayAddress(v, a, "policy"); err != nil {
		return nil, err
	}
	if v.IsManager() && len(a.ChannelIDs) == 0 {
		// Named dealers only: each must be one of the manager's.
		n, err := db.Dealer.Query().Where(dealer.IDIn(a.DealerIDs...)).Count(ctx)
		if err != nil {
			return nil, err
		}
		if n != len(a.DealerIDs) {
			e := apperr.Errorf(apperr.Forbidden, "the policy names dealers outside your channels")
			e.Field = "audience"
			return nil, e
		}
	}
	return p, nil
}

// audience is p's audience as stored, read as the system.
func (s *Service) audienceOf(sys context.Context, db *ent.Client, p *ent.ChannelPolicy) (Audience, error) {
	a := Audience{All: p.AllDealers, Tiers: p.Tiers}
	var err error
	if a.ChannelIDs, err = db.ChannelPolicy.QueryChannels(p).IDs(sys); err != nil {
		return a, err
	}
	if a.TerritoryIDs, err = db.ChannelPolicy.QueryTerritories(p).IDs(sys); err != nil {
		return a, err
	}
	if a.DealerIDs, err = db.ChannelPolicy.QueryDealers(p).IDs(sys); err != nil {
		return a, err
	}
	a.ChannelIDs, a.TerritoryIDs, a.DealerIDs = audience.Distinct(a.ChannelIDs), audience.Distinct(a.TerritoryIDs), audience.Distinct(a.DealerIDs)
	return a, nil
}

func (s *Service) writeVersion(sys context.Context, db *ent.Client, p *ent.ChannelPolicy, in Input, material bool) error {
	return db.PolicyVersion.Create().
		SetPolicyID(p.ID).
		SetVersion(p.Version).
		SetTitle(p.Title).
		SetBody(p.Body).
		SetEffectiveFrom(p.EffectiveFrom).
		SetNillableEffectiveTo(p.EffectiveTo).
		SetAudience(in.Audience.Snapshot()).
		SetMaterial(material).
		SetPublishedAt(p.VersionPublishedAt).
		SetPublishedByName(p.PublishedByName).
		Exec(sys)
}

// tell records the live event of action on p to its audience a.
func (s *Service) tell(ctx context.Context, db *ent.Client, p *ent.ChannelPolicy, a Audience, action string) error {
	publishedBy := 0
	if p.PublishedByID != nil {
		publishedBy = *p.PublishedByID
	}
	e := realtime.PolicyChangedEvent(
		realtime.Policy{PolicyID: p.ID, Action: action, Version: p.Version, At: s.now()},
		realtime.DealerReach{All: a.All, Channels: a.ChannelIDs, Tiers: a.Tiers, Territories: a.TerritoryIDs, Dealers: a.DealerIDs},
		publishedBy,
	)
	return realtime.Record(ctx, db, e)
}

// Acknowledge records that the viewer, a dealer user, has read the current
// version of policy id for its dealer. Again: no change, no error. A policy
// not addressed to its dealer answers as a missing one.
func (s *Service) Acknowledge(ctx context.Context, id int) (*ent.ChannelPolicy, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if !v.IsDealer() {
		return nil, apperr.Errorf(apperr.Forbidden, "only dealer users acknowledge policies")
	}
	db := tx.Client(ctx, s.client)
	p, err := db.ChannelPolicy.Get(ctx, id) // through the viewer's rules
	if ent.IsNotFound(err) {
		return nil, apperr.Missing("id", "no such policy")
	}
	if err != nil {
		return nil, err
	}
	if p.Status == channelpolicy.StatusWITHDRAWN {
		return nil, apperr.Errorf(apperr.InvalidTransition, "the policy has been withdrawn: there is nothing to acknowledge")
	}
	sys := access.Bypass(ctx)
	done, err := db.PolicyAcknowledgement.Query().
		Where(policyacknowledgement.PolicyID(p.ID), policyacknowledgement.Version(p.Version), policyacknowledgement.UserID(v.UserID)).
		Exist(sys)
	if err != nil || done {
		return p, err
	}
	err = db.PolicyAcknowledgement.Create().
		SetPolicyID(p.ID).
		SetVersion(p.Version).
		SetUserID(v.UserID).
		SetUserName(v.Name).
		SetDealerID(v.DealerID).
		SetAcknowledgedAt(s.now()).
		Exec(sys)
	if ent.IsConstraintError(err) {
		return nil, apperr.Errorf(apperr.Conflict, "the policy is being acknowledged already: try again")
	}
	if err != nil {
		return nil, err
	}
	if err := audit.Record(ctx, db, "policy.acknowledge", "ChannelPolicy", p.ID, map[string]any{
		"version": p.Version, "dealerID": v.DealerID,
	}); err != nil {
		return nil, err
	}
	return p, nil
}

// AudienceOf is p's audience for the read rule in memory, from its loaded
// channels, territories and dealers.
func AudienceOf(p *ent.ChannelPolicy) access.PolicyAudience {
	au := access.PolicyAudience{All: p.AllDealers, Tiers: p.Tiers}
	for _, c := range p.Edges.Channels {
		au.ChannelIDs = append(au.ChannelIDs, c.ID)
	}
	for _, t := range p.Edges.Territories {
		au.TerritoryIDs = append(au.TerritoryIDs, t.ID)
	}
	for _, d := range p.Edges.Dealers {
		au.DealerIDs = append(au.DealerIDs, d.ID)
	}
	if p.PublishedByID != nil {
		au.PublishedBy = *p.PublishedByID
	}
	return au
}

// AudienceDealers is the set of dealers in audience a: the dealer side of
// access.PolicyAudience.Includes.
func AudienceDealers(a access.PolicyAudience) predicate.Dealer {
	return audience.Audience{All: a.All, ChannelIDs: a.ChannelIDs, Tiers: a.Tiers, TerritoryIDs: a.TerritoryIDs, DealerIDs: a.DealerIDs}.Dealers()
}

// Acknowledged is the set of dealers that have acknowledged version
// version or a later one of policy id.
func Acknowledged(id, version int) predicate.Dealer {
	return func(s *sql.Selector) {
		t := sql.Table(policyacknowledgement.Table)
		s.Where(sql.In(s.C(dealer.FieldID),
			sql.Select(t.C(policyacknowledgement.FieldDealerID)).From(t).Where(sql.And(
				sql.EQ(t.C(policyacknowledgement.FieldPolicyID), id),
				sql.GTE(t.C(policyacknowledgement.FieldVersion), version),
			))))
	}
}

// Versions are p's versions, oldest first, read through the viewer's rules.
func Versions(ctx context.Context, db *ent.Client, p *ent.ChannelPolicy) ([]*ent.PolicyVersion, error) {
	return db.PolicyVersion.Query().
		Where(policyversion.PolicyID(p.ID)).
		Order(ent.Asc(policyversion.FieldVersion)).
		All(ctx)
}

// InForce is the set of policies in force on business date day.
func InForce(day time.Time) predicate.ChannelPolicy {
	day = date(day)
	return channelpolicy.And(
		channelpolicy.EffectiveFromLTE(day),
		channelpolicy.Or(channelpolicy.EffectiveToIsNil(), channelpolicy.EffectiveToGTE(day)),
	)
}

// date normalises a business date to the midnight UTC it is held as.
func date(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
