package signals

import (
	"context"
	"fmt"
	"time"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/channelsignal"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/realtime"
)

// batch is how many signal changes one transaction writes: short
// transactions, so that a manager resolving a signal never waits long.
const batch = 200

type op int

const (
	raise op = iota
	raiseAgain
	refresh // an OPEN signal's evidence changed: no event
	withdraw
)

type change struct {
	op  op
	r   *result
	row *ent.ChannelSignal
}

type signalKey struct {
	rule    int
	subject string
	period  period.Period
}

// keep brings the signals of the evaluated (rule, subject, period)s in
// line with results. RESOLVED signals are a manager's and never touched.
func (s *Service) keep(ctx context.Context, e *evaluation, results []*result) error {
	if len(results) == 0 {
		return nil
	}
	var rules []int
	var periods []period.Period
	var subjects []string
	seen := map[any]bool{}
	for _, r := range results {
		for _, k := range []any{r.rule, r.period, r.subject()} {
			if seen[k] {
				continue
			}
			seen[k] = true
			switch v := k.(type) {
			case int:
				rules = append(rules, v)
			case period.Period:
				periods = append(periods, v)
			case string:
				subjects = append(subjects, v)
			}
		}
	}
	q := s.client.ChannelSignal.Query().Where(channelsignal.RuleIn(rules...), channelsignal.PeriodIn(periods...),
		channelsignal.StatusIn(channelsignal.StatusOPEN, channelsignal.StatusWITHDRAWN))
	if !e.every {
		q = q.Where(channelsignal.SubjectIn(subjects...))
	}
	rows, err := q.All(ctx)
	if err != nil {
		return err
	}
	existing := make(map[signalKey]*ent.ChannelSignal, len(rows))
	for _, row := range rows {
		existing[signalKey{row.Rule, row.Subject, row.Period}] = row
	}
	var changes []change
	for _, r := range results {
		row := existing[signalKey{r.rule, r.subject(), r.period}]
		switch {
		case r.fires && row == nil:
			changes = append(changes, change{raise, r, nil})
		case r.fires && row.Status == channelsignal.StatusWITHDRAWN:
			changes = append(changes, change{raiseAgain, r, row})
		case r.fires && !sameEvidence(row, r.ev):
			changes = append(changes, change{refresh, r, row})
		case !r.fires && row != nil && row.Status == channelsignal.StatusOPEN:
			changes = append(changes, change{withdraw, r, row})
		}
	}
	for len(changes) > 0 {
		n := min(batch, len(changes))
		if err := s.apply(ctx, e, changes[:n]); err != nil {
			return err
		}
		changes = changes[n:]
	}
	return nil
}

func sameEvidence(row *ent.ChannelSignal, ev Evidence) bool {
	samePrev := row.Previous == nil && ev.Previous == nil ||
		row.Previous != nil && ev.Previous != nil && *row.Previous == *ev.Previous
	return row.Kpi == ev.Kpi && samePrev && row.Current == ev.Current && row.Threshold == ev.Threshold
}

// apply writes changes in one transaction, each row before its event.
// A status moves only from the status read, so a manager resolving the
// signal meanwhile wins; a signal another evaluation raised first is left
// to it.
func (s *Service) apply(ctx context.Context, e *evaluation, changes []change) error {
	tx, err := s.client.Tx(ctx)
	if err != nil {
		return err
	}
	c := tx.Client()
	now := s.now()
	for _, ch := range changes {
		sig, err := s.write(ctx, c, ch, now)
		if err == nil && sig != nil {
			var d *ent.Dealer
			if sig.DealerID != nil {
				d = e.dealer[*sig.DealerID]
			}
			err = realtime.Record(ctx, c, realtime.SignalChangedEvent(sig, d, now))
		}
		if err != nil {
			tx.Rollback()
			return fmt.Errorf("signals: rule %d, %s, %s: %w", ch.r.rule, ch.r.subject(), ch.r.period, err)
		}
	}
	return tx.Commit()
}

// write makes one change, giving the signal as changed when its event is
// due, nil when there is none.
func (s *Service) write(ctx context.Context, c *ent.Client, ch change, now time.Time) (*ent.ChannelSignal, error) {
	r, ev := ch.r, ch.r.ev
	sig := &ent.ChannelSignal{Rule: r.rule, Status: channelsignal.StatusOPEN}
	switch r.kind {
	case DealerSubject:
		sig.DealerID = &r.id
	case ChannelSubject:
		sig.ChannelID = &r.id
	default:
		sig.TerritoryID = &r.id
	}
	if ch.row != nil {
		sig.ID = ch.row.ID
	}
	one := func(u *ent.ChannelSignalUpdate, from channelsignal.Status) (bool, error) {
		n, err := u.Where(channelsignal.ID(ch.row.ID), channelsignal.StatusEQ(from)).Save(ctx)
		return n == 1, err
	}
	switch ch.op {
	case raise:
		id, err := c.ChannelSignal.Create().SetRule(r.rule).
			SetNillableDealerID(sig.DealerID).SetNillableChannelID(sig.ChannelID).SetNillableTerritoryID(sig.TerritoryID).
			SetSubject(r.subject()).SetPeriod(r.period).SetStatus(channelsignal.StatusOPEN).
			SetKpi(ev.Kpi).SetNillablePrevious(ev.Previous).SetCurrent(ev.Current).SetThreshold(ev.Threshold).
			SetRaisedAt(now).
			OnConflictColumns(channelsignal.FieldRule, channelsignal.FieldSubject, channelsignal.FieldPeriod).
			DoNothing().
			ID(ctx)
		if err != nil {
			// Raised meanwhile by another evaluation: its row and event.
			raced, qerr := c.ChannelSignal.Query().Where(channelsignal.Rule(r.rule),
				channelsignal.Subject(r.subject()), channelsignal.PeriodEQ(r.period)).Exist(ctx)
			if qerr == nil && raced {
				return nil, nil
			}
			return nil, err
		}
		sig.ID = id
		return sig, nil
	case raiseAgain:
		u := c.ChannelSignal.Update().SetStatus(channelsignal.StatusOPEN).
			SetKpi(ev.Kpi).SetNillablePrevious(ev.Previous).SetCurrent(ev.Current).SetThreshold(ev.Threshold).
			SetRaisedAt(now).ClearWithdrawnAt().SetWithdrawnReason("")
		if ev.Previous == nil {
			u.ClearPrevious()
		}
		ok, err := one(u, channelsignal.StatusWITHDRAWN)
		if !ok || err != nil {
			return nil, err
		}
		return sig, nil
	case refresh:
		u := c.ChannelSignal.Update().SetKpi(ev.Kpi).SetNillablePrevious(ev.Previous).SetCurrent(ev.Current).SetThreshold(ev.Threshold)
		if ev.Previous == nil {
			u.ClearPrevious()
		}
		_, err := one(u, channelsignal.StatusOPEN)
		return nil, err
	default: // withdraw
		ok, err := one(c.ChannelSignal.Update().SetStatus(channelsignal.StatusWITHDRAWN).
			SetWithdrawnAt(now).SetWithdrawnReason(r.because), channelsignal.StatusOPEN)
		if !ok || err != nil {
			return nil, err
		}
		sig.Status = channelsignal.StatusWITHDRAWN
		return sig, nil
	}
}
