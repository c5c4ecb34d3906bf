package rebates

import (
	"context"
	"fmt"
	"slices"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audience"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/creditnote"
	"github.com/dealerline/dealerline/ent/product"
	"github.com/dealerline/dealerline/incentive"
	"github.com/dealerline/dealerline/money"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/store/tx"
)

// ProgramInput is a rebate program as an administrator starts it.
type ProgramInput struct {
	Name        string
	Description string // Markdown
	Audience    audience.Audience
	PeriodKind  period.Kind
	FirstPeriod period.Period
	LastPeriod  *period.Period // nil: until ended
	// Products covered; with Categories, the products of those too;
	// neither: every product.
	ProductIDs []int
	Categories []string
	Tiers      []incentive.Tier
	TierMode   incentive.TierMode
}

// maxTiers caps a program's ladder.
const maxTiers = 20

// checkTiers refuses a ladder that is empty, does not rise strictly from a
// threshold of 0 or more, or has a rate outside 0–100 %.
func checkTiers(tiers []incentive.Tier) error {
	if len(tiers) == 0 {
		return apperr.Invalid("tiers", "a rebate program has at least one tier")
	}
	if len(tiers) > maxTiers {
		return apperr.Invalid("tiers", "a rebate program has at most %d tiers", maxTiers)
	}
	for i, t := range tiers {
		switch {
		case t.Threshold < 0 || t.Threshold > money.Max:
			return apperr.Invalid(fmt.Sprintf("tiers[%d].threshold", i), "a threshold is 0 or more, at most %s", money.Format(money.Max))
		case i > 0 && t.Threshold <= tiers[i-1].Threshold:
			return apperr.Invalid(fmt.Sprintf("tiers[%d].threshold", i), "thresholds rise strictly: %s is not above %s, the tier before",
				money.Format(t.Threshold), money.Format(tiers[i-1].Threshold))
		case t.RateBasisPoints < 0 || t.RateBasisPoints > 10000:
			return apperr.Invalid(fmt.Sprintf("tiers[%d].rateBasisPoints", i), "a rate is 0 to 10000 basis points (0 %% to 100 %%)")
		}
	}
	return nil
}

// check validates in and resolves its ids through the viewer's rules.
func (s *Service) check(ctx context.Context, db *ent.Client, in *ProgramInput) error {
	var err error
	if in.Name, err = apperr.Text("name", in.Name, true, 200); err != nil {
		return err
	}
	if in.Description, err = apperr.Lines("description", in.Description, false, 10000); err != nil {
		return err
	}
	if in.TierMode != incentive.Retroactive && in.TierMode != incentive.Incremental {
		return apperr.Invalid("tierMode", "a tier mode is RETROACTIVE or INCREMENTAL")
	}
	if !slices.Contains(in.PeriodKind.Values(), string(in.PeriodKind)) {
		return apperr.Invalid("periodKind", "a kind of period is MONTH, QUARTER or YEAR")
	}
	if in.FirstPeriod.Kind() != in.PeriodKind {
		return apperr.Invalid("firstPeriod", "the program runs by %s: %q is not one", in.PeriodKind, in.FirstPeriod.String())
	}
	if in.LastPeriod != nil {
		if in.LastPeriod.Kind() != in.PeriodKind {
			return apperr.Invalid("lastPeriod", "the program runs by %s: %q is not one", in.PeriodKind, in.LastPeriod.String())
		}
		if in.LastPeriod.Compare(in.FirstPeriod) < 0 {
			return apperr.Invalid("lastPeriod", "the last period (%s) is before the first (%s)", in.LastPeriod, in.FirstPeriod)
		}
	}
	if err := checkTiers(in.Tiers); err != nil {
		return err
	}
	if err := in.Audience.Check(ctx, db, auth.FromContext(ctx), "rebate program"); err != nil {
		return err
	}
	in.ProductIDs = audience.Distinct(in.ProductIDs)
	if n, err := db.Product.Query().Where(product.IDIn(in.ProductIDs...)).Count(ctx); err != nil {
		return err
	} else if n != len(in.ProductIDs) {
		return apperr.Missing("productIDs", "no such product")
	}
	cats := map[string]bool{}
	var distinct []string
	for i, c := range in.Categories {
		if c, err = apperr.Text(fmt.Sprintf("categories[%d]", i), c, true, 100); err != nil {
			return err
		}
		if !cats[c] {
			cats[c] = true
			distinct = append(distinct, c)
		}
	}
	slices.Sort(distinct)
	in.Categories = distinct
	if len(distinct) > 0 {
		found, err := db.Product.Query().Where(product.CategoryIn(distinct...)).Unique(true).Select(product.FieldCategory).Strings(ctx)
		if err != nil {
			return err
		}
		for _, c := range distinct {
			if !slices.Contains(found, c) {
				return apperr.Invalid("categories", "no product is in category %q", c)
			}
		}
	}
	return nil
}

// Create starts a rebate program. Administrators.
func (s *Service) Create(ctx context.Context, in ProgramInput) (*ent.RebateProgram, error) {
	v, err := requireAdmin(ctx, "starts a rebate program")
	if err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	if err := s.check(ctx, db, &in); err != nil {
		return nil, err
	}
	now := s.now()
	a := in.Audience
	c := db.RebateProgram.Create().
		SetName(in.Name).
		SetDescription(in.Description).
		SetPeriodKind(in.PeriodKind).
		SetFirstPeriod(in.FirstPeriod).
		SetNillableLastPeriod(in.LastPeriod).
		SetTierMode(in.TierMode).
		SetTiers(in.Tiers).
		SetAllDealers(a.All).
		SetPublishedAt(now).
		SetPublishedByID(v.UserID).
		SetPublishedByName(v.Name).
		SetCreatedAt(now).
		SetUpdatedAt(now).
		AddProductIDs(in.ProductIDs...).
		AddChannelIDs(a.ChannelIDs...).
		AddTerritoryIDs(a.TerritoryIDs...).
		AddDealerIDs(a.DealerIDs...)
	if len(in.Categories) > 0 {
		c.SetCategories(in.Categories)
	}
	if len(a.Tiers) > 0 {
		c.SetDealerTiers(a.Tiers) // null is every tier, which the read rule asks of no JSON
	}
	p, err := c.Save(sys(ctx))
	if err != nil {
		return nil, err
	}
	last := ""
	if p.LastPeriod != nil {
		last = p.LastPeriod.String()
	}
	return p, audit.Record(ctx, db, "rebate_program.create", "RebateProgram", p.ID, map[string]any{
		"name": p.Name, "periodKind": p.PeriodKind, "firstPeriod": p.FirstPeriod.String(), "lastPeriod": last,
		"tierMode": p.TierMode, "tiers": p.Tiers, "products": in.ProductIDs, "categories": in.Categories,
		"audience": a.Snapshot(),
	})
}

// End makes last the program's last period: not before its first, nor
// before a period already settled. Administrators.
func (s *Service) End(ctx context.Context, id int, last period.Period) (*ent.RebateProgram, error) {
	if _, err := requireAdmin(ctx, "ends a rebate program"); err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	p, err := s.program(ctx, db, id)
	if err != nil {
		return nil, err
	}
	if last.Kind() != p.PeriodKind {
		return nil, apperr.Invalid("lastPeriod", "%s runs by %s: %q is not one", p.Name, p.PeriodKind, last.String())
	}
	if last.Compare(p.FirstPeriod) < 0 {
		return nil, apperr.Invalid("lastPeriod", "%s starts in %s: it cannot end before", p.Name, p.FirstPeriod)
	}
	settled, err := db.CreditNote.Query().
		Where(creditnote.RebateProgramID(p.ID), creditnote.KindEQ(creditnote.KindREBATE)).
		Unique(true).Select(creditnote.FieldRebatePeriod).Strings(sys(ctx))
	if err != nil {
		return nil, err
	}
	for _, name := range settled {
		if q, err := period.Parse(name); err == nil && q.Compare(last) > 0 {
			return nil, apperr.Invalid("lastPeriod", "%s was settled already: the program ends in it or after", q)
		}
	}
	now := s.now()
	p, err = db.RebateProgram.UpdateOneID(p.ID).SetLastPeriod(last).SetUpdatedAt(now).Save(sys(ctx))
	if err != nil {
		return nil, err
	}
	return p, audit.Record(ctx, db, "rebate_program.end", "RebateProgram", p.ID, map[string]any{
		"name": p.Name, "lastPeriod": last.String(),
	})
}
