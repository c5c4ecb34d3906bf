package signals

import (
	"context"
	"maps"

	"entgo.io/contrib/entgql"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/auth"
	gen "github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/channelsignal"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/signalrule"
	"github.com/dealerline/dealerline/ent/territory"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/realtime"
	"github.com/dealerline/dealerline/signals/marks"
	"github.com/dealerline/dealerline/store/tx"
)

// MaxNote is the longest resolution note, in characters.
const MaxNote = 2000

// NewestRaised is the order signals are listed in.
var NewestRaised = &gen.ChannelSignalOrder{Field: gen.ChannelSignalOrderFieldRaisedAt, Direction: entgql.OrderDirectionDesc}

// Settings are the ten rules as they run, by rule: each administrator's
// setting with the defaults filled in, a rule without one on the
// defaults. It reads below privacy: callers answer for who asks.
func (s *Service) Settings(ctx context.Context) ([]*Setting, error) {
	rows, err := tx.Client(ctx, s.client).SignalRule.Query().All(access.Bypass(ctx))
	if err != nil {
		return nil, err
	}
	byRule := map[int]*gen.SignalRule{}
	for _, r := range rows {
		byRule[r.Rule] = r
	}
	out := make([]*Setting, len(Rules))
	for i, d := range Rules {
		out[i] = settingOf(d, byRule[d.Number])
	}
	return out, nil
}

// setting is rule d as row (nil: none) sets it.
func settingOf(d *Def, row *gen.SignalRule) *Setting {
	st := &Setting{Def: d, Enabled: true, Values: d.Defaults()}
	if row == nil {
		return st
	}
	st.Enabled = row.Enabled
	for name, v := range row.Thresholds {
		if _, ok := d.Threshold(name); ok {
			st.Values[name] = v
		}
	}
	at := row.UpdatedAt
	st.UpdatedAt = &at
	if by := row.UpdatedByName; by != "" {
		st.UpdatedByName = &by
	}
	return st
}

// staffOnly is the refusal of a dealer user.
const staffOnly = "signals are for the manufacturer's staff"

// RequireStaff refuses dealer users (FORBIDDEN) and nobody signed in
// (UNAUTHENTICATED): signals are the manufacturer's staff's.
func (s *Service) RequireStaff(ctx context.Context) error {
	_, err := auth.RequireStaff(ctx, staffOnly)
	return err
}

// RuleSettings are the rules as they run, for managers and
// administrators.
func (s *Service) RuleSettings(ctx context.Context) ([]*Setting, error) {
	if _, err := auth.RequireStaff(ctx, staffOnly); err != nil {
		return nil, err
	}
	return s.Settings(ctx)
}

// ThresholdValue is one threshold to change, in its unit.
type ThresholdValue struct {
	Name  string
	Value float64
}

// RuleInput is a change of a rule: enabled or not, and the thresholds
// named (the others keep their values).
type RuleInput struct {
	Enabled    *bool
	Thresholds []ThresholdValue
}

// UpdateRule changes rule n (administrators; audited) and marks every
// subject, so that the open periods are evaluated under the new setting.
func (s *Service) UpdateRule(ctx context.Context, n int, in RuleInput) (*Setting, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if !v.IsAdmin() {
		return nil, apperr.Errorf(apperr.Forbidden, "only an administrator changes the signal rules")
	}
	d := Rule(n)
	if d == nil {
		return nil, apperr.Errorf(apperr.NotFound, "there is no signal rule %d: the rules are 1 to %d", n, len(Rules))
	}
	changed := map[string]int64{}
	for _, t := range in.Thresholds {
		def, ok := d.Threshold(t.Name)
		if !ok {
			return nil, apperr.Invalid("thresholds", "rule %d has no threshold %q%s", n, t.Name, thresholdNames(d))
		}
		if _, twice := changed[t.Name]; twice {
			return nil, apperr.Invalid("thresholds", "%s is given twice", t.Name)
		}
		if changed[t.Name], err = def.Parse(t.Value); err != nil {
			return nil, err
		}
	}
	var out *Setting
	err = s.inOwnTx(ctx, func(ctx context.Context, db *gen.Client) error {
		sys := access.Bypass(ctx)
		row, err := db.SignalRule.Query().Where(signalrule.Rule(n)).Only(sys)
		if err != nil && !gen.IsNotFound(err) {
			return err
		}
		values := d.Defaults()
		enabled := true
		if row != nil {
			maps.Copy(values, settingOf(d, row).Values)
			enabled = row.Enabled
		}
		maps.Copy(values, changed)
		if in.Enabled != nil {
			enabled = *in.Enabled
		}
		if row == nil {
			row, err = db.SignalRule.Create().SetRule(n).SetEnabled(enabled).SetThresholds(values).
				SetUpdatedByID(v.UserID).SetUpdatedByName(v.Name).Save(sys)
		} else {
			row, err = row.Update().SetEnabled(enabled).SetThresholds(values).
				SetUpdatedByID(v.UserID).SetUpdatedByName(v.Name).Save(sys)
		}
		if err != nil {
			return err
		}
		details := map[string]any{"rule": n, "enabled": enabled, "thresholds": values}
		if err := audit.Record(ctx, db, "signalRule.update", "SignalRule", row.ID, details); err != nil {
			return err
		}
		out = settingOf(d, row)
		return marks.Every(ctx, db)
	})
	return out, err
}

func thresholdNames(d *Def) string {
	if len(d.Thresholds) == 0 {
		return " (it has none)"
	}
	s := " (it has"
	for i, t := range d.Thresholds {
		if i > 0 {
			s += ","
		}
		s += " " + t.Name
	}
	return s + ")"
}

// inTx runs fn in the request's transaction, or in one of its own.
func (s *Service) inOwnTx(ctx context.Context, fn func(context.Context, *gen.Client) error) error {
	if t := gen.TxFromContext(ctx); t != nil {
		return fn(ctx, t.Client())
	}
	t, err := s.client.Tx(ctx)
	if err != nil {
		return err
	}
	if err := fn(gen.NewTxContext(ctx, t), t.Client()); err != nil {
		_ = t.Rollback()
		return err
	}
	return t.Commit()
}

// Filter narrows the signals listed. A dealer, channel or territory the
// viewer does not see narrows to nothing, as one that does not exist.
type Filter struct {
	Status *channelsignal.Status
	Rule   *int
	// ChannelID: the channel's signals and its dealers'.
	ChannelID *int
	DealerID  *int
	// TerritoryID: the territory's signals and those of its dealers.
	TerritoryID *int
	Period      *period.Period
}

// List is the signals the viewer may see (dealer users none: FORBIDDEN),
// narrowed by f; list them NewestRaised.
func (s *Service) List(ctx context.Context, f Filter) (*gen.ChannelSignalQuery, error) {
	if _, err := auth.RequireStaff(ctx, staffOnly); err != nil {
		return nil, err
	}
	q := tx.Client(ctx, s.client).ChannelSignal.Query()
	if f.Status != nil {
		q.Where(channelsignal.StatusEQ(*f.Status))
	}
	if f.Rule != nil {
		q.Where(channelsignal.Rule(*f.Rule))
	}
	if f.DealerID != nil {
		q.Where(channelsignal.DealerID(*f.DealerID))
	}
	if f.ChannelID != nil {
		q.Where(channelsignal.Or(channelsignal.ChannelID(*f.ChannelID),
			channelsignal.HasDealerWith(dealer.ChannelID(*f.ChannelID))))
	}
	if f.TerritoryID != nil {
		q.Where(channelsignal.Or(channelsignal.TerritoryID(*f.TerritoryID),
			channelsignal.HasDealerWith(dealer.HasTerritoriesWith(territory.ID(*f.TerritoryID)))))
	}
	if f.Period != nil {
		q.Where(channelsignal.PeriodEQ(*f.Period))
	}
	return q, nil
}

// Resolve marks an OPEN signal the viewer sees RESOLVED with note (a
// manager has acted on it), records the change's event in the same
// transaction, and audits it. A signal not OPEN is INVALID_TRANSITION; one
// the viewer does not see is NOT_FOUND, as one that does not exist.
func (s *Service) Resolve(ctx context.Context, id int, note string) (*gen.ChannelSignal, error) {
	v, err := auth.RequireStaff(ctx, staffOnly)
	if err != nil {
		return nil, err
	}
	if note, err = apperr.Lines("note", note, true, MaxNote); err != nil {
		return nil, err
	}
	var out *gen.ChannelSignal
	err = s.inOwnTx(ctx, func(ctx context.Context, db *gen.Client) error {
		// Through the viewer's privacy: a foreign signal is not there.
		sig, err := db.ChannelSignal.Get(ctx, id)
		if gen.IsNotFound(err) {
			return apperr.Errorf(apperr.NotFound, "no signal %d", id)
		}
		if err != nil {
			return err
		}
		sys := access.Bypass(ctx)
		now := s.now()
		n, err := db.ChannelSignal.Update().
			Where(channelsignal.ID(id), channelsignal.StatusEQ(channelsignal.StatusOPEN)).
			SetStatus(channelsignal.StatusRESOLVED).SetResolvedAt(now).SetResolvedByID(v.UserID).
			SetResolvedByName(v.Name).SetResolutionNote(note).Save(sys)
		if err != nil {
			return err
		}
		if n == 0 {
			return apperr.Errorf(apperr.InvalidTransition, "signal %d is %s: only an OPEN signal is resolved", id, sig.Status)
		}
		if out, err = db.ChannelSignal.Get(sys, id); err != nil {
			return err
		}
		var d *gen.Dealer
		if out.DealerID != nil {
			if d, err = db.Dealer.Get(sys, *out.DealerID); err != nil {
				return err
			}
		}
		if err := realtime.Record(ctx, db, realtime.SignalChangedEvent(out, d, now)); err != nil {
			return err
		}
		return audit.Record(ctx, db, "signal.resolve", "ChannelSignal", id, map[string]any{
			"rule": out.Rule, "subject": out.Subject, "period": out.Period.String(), "note": note,
		})
	})
	return out, err
}

// SubjectOf is what signal sig is about.
func SubjectOf(sig *gen.ChannelSignal) SubjectKind {
	switch {
	case sig.DealerID != nil:
		return DealerSubject
	case sig.ChannelID != nil:
		return ChannelSubject
	}
	return TerritorySubject
}

// EvidenceOf is what fired sig, as of its latest raise.
func EvidenceOf(sig *gen.ChannelSignal) *Evidence {
	return &Evidence{Kpi: sig.Kpi, Previous: sig.Previous, Current: sig.Current, Threshold: sig.Threshold}
}
