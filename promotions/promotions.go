// Package promotions is how the manufacturer offers its dealers discounts:
// publishing a promotion to an audience of dealers (who hear of it live,
// as an announcement), changing and withdrawing it. Package ordering
// applies the promotions valid on the day an order is placed (Apply).
// Every write runs in the request's transaction, with its audit entry.
package promotions

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/announcing"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audience"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/announcement"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/product"
	"github.com/dealerline/dealerline/ent/promotion"
	"github.com/dealerline/dealerline/store/tx"
)

// Limits of a promotion's text, in characters.
const (
	MaxName        = 200
	MaxDescription = 10000
)

// Service publishes, changes and withdraws promotions.
type Service struct {
	client     *ent.Client
	announcing *announcing.Service
	now        func() time.Time
	loc        *time.Location // the business time zone: which promotions are current
}

// NewService returns a Service over client; publishing tells the audience
// through announcements; loc is the business time zone.
func NewService(client *ent.Client, announcements *announcing.Service, loc *time.Location) *Service {
	return &Service{client: client, announcing: announcements, now: time.Now, loc: loc}
}

// WithClock returns a copy of s that takes the time from now: for loading
// history (the demo data) and for tests.
func (s *Service) WithClock(now func() time.Time) *Service {
	c := *s
	c.now = now
	c.announcing = s.announcing.WithClock(now)
	return &c
}

// Today is the business date now.
func (s *Service) Today() time.Time { return accounts.BusinessDate(s.now(), s.loc) }

// Current reports whether p is active and today is in its dates.
func (s *Service) Current(p *ent.Promotion) bool {
	today := s.Today()
	return p.Status == promotion.StatusACTIVE && !today.Before(p.ValidFrom) && !today.After(p.ValidTo)
}

// Input is a promotion as its publisher writes it.
type Input struct {
	Name        string
	Description string // Markdown, stored as given
	Audience    audience.Audience
	ProductIDs  []int
	Categories  []string
	// 1 to 10000.
	DiscountBasisPoints int
	// nil for any quantity.
	MinQuantity *int
	// Business dates, both included.
	ValidFrom, ValidTo time.Time
	Stacks             bool
}

// staffOnly is the refusal of a dealer user.
const staffOnly = "only the manufacturer publishes promotions"

// check validates in for v and resolves its ids through v's privacy: a
// foreign channel, territory, dealer or product answers as a missing one.
func (s *Service) check(ctx context.Context, db *ent.Client, v *auth.Viewer, in *Input) error {
	var err error
	if in.Name, err = apperr.Text("name", in.Name, true, MaxName); err != nil {
		return err
	}
	if in.Description, err = apperr.Lines("description", in.Description, false, MaxDescription); err != nil {
		return err
	}
	if in.DiscountBasisPoints < 1 || in.DiscountBasisPoints > 10000 {
		return apperr.Invalid("discountBasisPoints", "a discount is 1 to 10000 basis points (0.01 %% to 100 %%)")
	}
	if in.MinQuantity != nil && *in.MinQuantity < 1 {
		return apperr.Invalid("minQuantity", "the minimum quantity is at least 1")
	}
	in.ValidFrom, in.ValidTo = date(in.ValidFrom), date(in.ValidTo)
	if in.ValidTo.Before(in.ValidFrom) {
		return apperr.Invalid("validTo", "a promotion ends on or after the day it starts")
	}
	if err := in.Audience.Check(ctx, db, v, "promotion"); err != nil {
		return err
	}
	in.ProductIDs = audience.Distinct(in.ProductIDs)
	if n, err := db.Product.Query().Where(product.IDIn(in.ProductIDs...)).Count(ctx); err != nil {
		return err
	} else if n != len(in.ProductIDs) {
		return apperr.Missing("productIDs", "no such product")
	}
	cats := make([]string, 0, len(in.Categories))
	for _, c := range in.Categories {
		if c = strings.TrimSpace(c); c != "" && !slices.Contains(cats, c) {
			cats = append(cats, c)
		}
	}
	slices.Sort(cats)
	if len(cats) > 0 {
		known, err := db.Product.Query().Where(product.CategoryIn(cats...)).Unique(true).Select(product.FieldCategory).Strings(ctx)
		if err != nil {
			return err
		}
		for _, c := range cats {
			if !slices.Contains(known, c) {
				return apperr.Invalid("categories", "no product is of category %q", c)
			}
		}
	}
	in.Categories = cats
	return nil
}

// Create publishes a promotion and tells its audience, live, with an
// announcement of category PROMOTION.
func (s *Service) Create(ctx context.Context, in Input) (*ent.Promotion, error) {
	v, err := auth.RequireStaff(ctx, staffOnly)
	if err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	if err := s.check(ctx, db, v, &in); err != nil {
		return nil, err
	}
	a := in.Audience
	ann, err := s.announcing.Announce(ctx, announcing.PublishInput{
		Title: in.Name, Body: announcementBody(in), Category: announcement.CategoryPROMOTION,
		ChannelIDs: a.ChannelIDs, Tiers: a.Tiers, TerritoryIDs: a.TerritoryIDs, DealerIDs: a.DealerIDs,
	})
	if err != nil {
		return nil, err
	}
	c := db.Promotion.Create().
		SetPublishedAt(s.now()).
		SetPublishedByID(v.UserID).
		SetPublishedByName(v.Name).
		SetAnnouncementID(ann.ID)
	set(c.Mutation(), in)
	c.AddChannelIDs(a.ChannelIDs...).AddTerritoryIDs(a.TerritoryIDs...).AddDealerIDs(a.DealerIDs...).AddProductIDs(in.ProductIDs...)
	p, err := c.Save(access.Bypass(ctx))
	if err != nil {
		return nil, err
	}
	return p, audit.Record(ctx, db, "promotion.create", "Promotion", p.ID, snapshot(in))
}

// Update changes promotion id; orders placed already keep what they
// received. A withdrawn promotion is not changed.
func (s *Service) Update(ctx context.Context, id int, in Input) (*ent.Promotion, error) {
	v, err := auth.RequireStaff(ctx, staffOnly)
	if err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	p, err := s.editable(ctx, db, v, id)
	if err != nil {
		return nil, err
	}
	if err := s.check(ctx, db, v, &in); err != nil {
		return nil, err
	}
	a := in.Audience
	u := db.Promotion.UpdateOneID(p.ID).
		Where(promotion.StatusEQ(promotion.StatusACTIVE)).
		ClearChannels().AddChannelIDs(a.ChannelIDs...).
		ClearTerritories().AddTerritoryIDs(a.TerritoryIDs...).
		ClearDealers().AddDealerIDs(a.DealerIDs...).
		ClearProducts().AddProductIDs(in.ProductIDs...)
	set(u.Mutation(), in)
	if in.MinQuantity == nil {
		u.ClearMinQuantity()
	}
	if len(a.Tiers) == 0 {
		u.ClearTiers()
	}
	if len(in.Categories) == 0 {
		u.ClearCategories()
	}
	p, err = u.Save(access.Bypass(ctx))
	if ent.IsNotFound(err) {
		return nil, apperr.Errorf(apperr.InvalidTransition, "the promotion has been withdrawn meanwhile")
	}
	if err != nil {
		return nil, err
	}
	return p, audit.Record(ctx, db, "promotion.update", "Promotion", p.ID, snapshot(in))
}

// Withdraw stops promotion id now; orders placed already keep what they
// received.
func (s *Service) Withdraw(ctx context.Context, id int) (*ent.Promotion, error) {
	v, err := auth.RequireStaff(ctx, staffOnly)
	if err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	p, err := s.editable(ctx, db, v, id)
	if err != nil {
		return nil, err
	}
	p, err = db.Promotion.UpdateOneID(p.ID).
		Where(promotion.StatusEQ(promotion.StatusACTIVE)).
		SetStatus(promotion.StatusWITHDRAWN).
		SetWithdrawnAt(s.now()).
		Save(access.Bypass(ctx))
	if ent.IsNotFound(err) {
		return nil, apperr.Errorf(apperr.InvalidTransition, "the promotion has been withdrawn already")
	}
	if err != nil {
		return nil, err
	}
	return p, audit.Record(ctx, db, "promotion.withdraw", "Promotion", p.ID, map[string]any{"name": p.Name})
}

// editable is promotion id, read through v's rules, when it is active and
// v may address its audience.
func (s *Service) editable(ctx context.Context, db *ent.Client, v *auth.Viewer, id int) (*ent.Promotion, error) {
	p, err := db.Promotion.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apperr.Missing("id", "no such promotion")
	}
	if err != nil {
		return nil, err
	}
	if p.Status == promotion.StatusWITHDRAWN {
		return nil, apperr.Errorf(apperr.InvalidTransition, "the promotion has been withdrawn: publish a new one")
	}
	a, err := AudienceOf(access.Bypass(ctx), db, p)
	if err != nil {
		return nil, err
	}
	if err := audience.MayAddress(v, a, "promotion"); err != nil {
		return nil, err
	}
	if v.IsManager() && len(a.ChannelIDs) == 0 {
		// Named dealers only: each must be one of the manager's.
		n, err := db.Dealer.Query().Where(dealer.IDIn(a.DealerIDs...)).Count(ctx)
		if err != nil {
			return nil, err
		}
		if n != len(a.DealerIDs) {
			e := apperr.Errorf(apperr.Forbidden, "the promotion names dealers outside your channels")
			e.Field = "audience"
			return nil, e
		}
	}
	return p, nil
}

// AudienceOf is p's audience as stored, read through ctx (the system's, to
// see all of it).
func AudienceOf(ctx context.Context, db *ent.Client, p *ent.Promotion) (audience.Audience, error) {
	a := audience.Audience{All: p.AllDealers, Tiers: p.Tiers}
	var err error
	if a.ChannelIDs, err = db.Promotion.QueryChannels(p).IDs(ctx); err != nil {
		return a, err
	}
	if a.TerritoryIDs, err = db.Promotion.QueryTerritories(p).IDs(ctx); err != nil {
		return a, err
	}
	if a.DealerIDs, err = db.Promotion.QueryDealers(p).IDs(ctx); err != nil {
		return a, err
	}
	a.Normalize()
	return a, nil
}

// set writes in's own fields (not its edges) on m.
func set(m *ent.PromotionMutation, in Input) {
	m.SetName(in.Name)
	m.SetDescription(in.Description)
	m.SetDiscountBasisPoints(in.DiscountBasisPoints)
	if in.MinQuantity != nil {
		m.SetMinQuantity(*in.MinQuantity)
	}
	m.SetValidFrom(in.ValidFrom)
	m.SetValidTo(in.ValidTo)
	m.SetStacks(in.Stacks)
	m.SetAllDealers(in.Audience.All)
	if len(in.Audience.Tiers) > 0 {
		m.SetTiers(in.Audience.Tiers) // null is every tier, which the read rule asks of no JSON
	}
	if len(in.Categories) > 0 {
		m.SetCategories(in.Categories)
	}
}

func snapshot(in Input) map[string]any {
	d := map[string]any{
		"name": in.Name, "discountBasisPoints": in.DiscountBasisPoints, "audience": in.Audience.Snapshot(),
		"productIDs": in.ProductIDs, "categories": in.Categories, "stacks": in.Stacks,
		"validFrom": in.ValidFrom.Format(time.DateOnly), "validTo": in.ValidTo.Format(time.DateOnly),
	}
	if in.MinQuantity != nil {
		d["minQuantity"] = *in.MinQuantity
	}
	return d
}

// announcementBody is what the audience is told: the description, or the
// terms when there is none.
func announcementBody(in Input) string {
	if in.Description != "" {
		return in.Description
	}
	b := fmt.Sprintf("%s off", percent(in.DiscountBasisPoints))
	if in.MinQuantity != nil {
		b += fmt.Sprintf(" from %d units a line", *in.MinQuantity)
	}
	return b + fmt.Sprintf(", %s to %s.", in.ValidFrom.Format(time.DateOnly), in.ValidTo.Format(time.DateOnly))
}

// percent writes basis points as a percentage: 1250 is "12.5 %".
func percent(bp int) string {
	s := strings.TrimRight(strings.TrimRight(fmt.Sprintf("%d.%02d", bp/100, bp%100), "0"), ".")
	return s + " %"
}

// date normalises a business date to the midnight UTC it is held as.
func date(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
