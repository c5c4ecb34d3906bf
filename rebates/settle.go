package rebates

import (
	"context"
	"fmt"

	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audience"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/creditnote"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/rebateprogram"
	"github.com/dealerline/dealerline/incentive"
	"github.com/dealerline/dealerline/money"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/store/tx"
)

// Line is what settling a program's period credits one dealer.
type Line struct {
	Dealer          *ent.Dealer
	Basis           int64
	Tier            *incentive.Tier
	Earned          int64
	AlreadyCredited int64
	ToCredit        int64
	Shortfall       int64
	CreditNote      *ent.CreditNote
}

// Settlement is a program's period settled, or previewed (Settled false).
type Settlement struct {
	Program       *ent.RebateProgram
	Period        period.Period
	Settled       bool
	Lines         []*Line
	TotalToCredit int64
}

// Preview is what Settle would credit for program programID's period q
// now, dealer by dealer; nothing is written. Administrators.
func (s *Service) Preview(ctx context.Context, programID int, q period.Period) (*Settlement, error) {
	if _, err := requireAdmin(ctx, "previews a rebate settlement"); err != nil {
		return nil, err
	}
	db := tx.Client(ctx, s.client)
	p, err := s.program(ctx, db, programID)
	if err != nil {
		return nil, err
	}
	if err := checkPeriod(p, q); err != nil {
		return nil, err
	}
	return s.lines(ctx, db, p, q)
}

// Settle credits, for program programID's closed period q, each dealer of
// its audience (and any credited before for it) what its basis earns now
// less what earlier settlements credited, when that is above 0: one REBATE
// credit note per dealer, all in the request's transaction.
// Administrators; an open period is INVALID_INPUT.
//
// Two settlements of one program at once queue on its row: the first
// statement raises its settlements counter, which holds the row until the
// transaction ends, so the second reads the first's credit notes.
func (s *Service) Settle(ctx context.Context, programID int, q period.Period) (*Settlement, error) {
	if _, err := requireAdmin(ctx, "settles rebates"); err != nil {
		return nil, err
	}
	if q.IsZero() {
		return nil, apperr.Invalid("period", "say which period to settle")
	}
	now := s.now()
	today := accounts.BusinessDate(now, s.loc)
	if !q.ClosedOn(today) {
		return nil, apperr.Invalid("period", "%s has not closed: it ends %s, and may be settled from then", q, q.End().Format("2006-01-02"))
	}
	db := tx.Client(ctx, s.client)
	// Through the viewer's rules (an administrator's: every program), so
	// a missing one writes nothing.
	if n, err := db.RebateProgram.Query().Where(rebateprogram.ID(programID)).Count(ctx); err != nil {
		return nil, err
	} else if n == 0 {
		return nil, apperr.Missing("programID", "no such rebate program")
	}
	if err := db.RebateProgram.UpdateOneID(programID).AddSettlements(1).SetUpdatedAt(now).Exec(sys(ctx)); err != nil {
		return nil, err
	}
	p, err := s.program(ctx, db, programID)
	if err != nil {
		return nil, err
	}
	if err := checkPeriod(p, q); err != nil {
		return nil, err
	}
	st, err := s.lines(ctx, db, p, q)
	if err != nil {
		return nil, err
	}
	st.Settled = true
	var credited []map[string]any
	for _, l := range st.Lines {
		if l.ToCredit <= 0 {
			continue
		}
		reason := fmt.Sprintf("Rebate %s, %s: %s earned on a basis of %s", p.Name, q, money.Format(l.Earned), money.Format(l.Basis))
		if l.AlreadyCredited > 0 {
			reason += fmt.Sprintf(", less %s credited before", money.Format(l.AlreadyCredited))
		}
		cn, err := accounts.IssueRebate(ctx, db, l.Dealer.ID, l.ToCredit, reason, accounts.Rebate{ProgramID: p.ID, Period: q}, s.loc, now)
		if err != nil {
			return nil, err
		}
		l.CreditNote = cn
		credited = append(credited, map[string]any{"dealer": l.Dealer.Code, "amount": l.ToCredit, "creditNote": cn.Number})
	}
	if credited == nil {
		credited = []map[string]any{}
	}
	return st, audit.Record(ctx, db, "rebate.settle", "RebateProgram", p.ID, map[string]any{
		"program": p.Name, "period": q.String(), "total": st.TotalToCredit, "credited": credited,
	})
}

// program is program id read through the viewer's rules, its audience
// loaded.
func (s *Service) program(ctx context.Context, db *ent.Client, id int) (*ent.RebateProgram, error) {
	if n, err := db.RebateProgram.Query().Where(rebateprogram.ID(id)).Count(ctx); err != nil {
		return nil, err
	} else if n == 0 {
		return nil, apperr.Missing("programID", "no such rebate program")
	}
	return withAudience(ctx, db, id)
}

// lines works out the settlement of p's period q: every dealer of the
// audience and any credited before, by code.
func (s *Service) lines(ctx context.Context, db *ent.Client, p *ent.RebateProgram, q period.Period) (*Settlement, error) {
	ids, err := db.Dealer.Query().Where(AudienceOf(p).Dealers()).IDs(sys(ctx))
	if err != nil {
		return nil, err
	}
	// Dealers credited before and no longer in the audience keep a line.
	credited, err := db.CreditNote.Query().
		Where(creditnote.KindEQ(creditnote.KindREBATE), creditnote.RebateProgramID(p.ID), creditnote.RebatePeriod(q)).
		Unique(true).Select(creditnote.FieldDealerID).Ints(sys(ctx))
	if err != nil {
		return nil, err
	}
	ids = audience.Distinct(append(ids, credited...))
	figs, err := sums(ctx, db, p, q, ids)
	if err != nil {
		return nil, err
	}
	dealers, err := db.Dealer.Query().Where(dealer.IDIn(ids...)).All(sys(ctx))
	if err != nil {
		return nil, err
	}
	st := &Settlement{Program: p, Period: q, Lines: make([]*Line, 0, len(dealers))}
	var c money.Checked
	for _, d := range dealers {
		f := figures{}
		if figs[d.ID] != nil {
			f = *figs[d.ID]
		}
		l := &Line{Dealer: d, Basis: f.basis(), AlreadyCredited: f.credited}
		l.Tier = tierAt(l.Basis, p.Tiers)
		l.Earned = incentive.Earned(l.Basis, p.Tiers, p.TierMode)
		l.ToCredit = max(l.Earned-l.AlreadyCredited, 0)
		l.Shortfall = max(l.AlreadyCredited-l.Earned, 0)
		c.Add(&st.TotalToCredit, l.ToCredit)
		st.Lines = append(st.Lines, l)
	}
	if c.Err != nil {
		return nil, errOverflow
	}
	sortByCode(st.Lines)
	return st, nil
}
