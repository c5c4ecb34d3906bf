package agreements

import (
	"context"
	"log/slog"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/agreement"
	"github.com/dealerline/dealerline/ent/dealerstatuschange"
	"github.com/dealerline/dealerline/feed"
	"github.com/dealerline/dealerline/realtime"
)

// dailyMark is the row (of the readers' positions) that says which
// business day the daily run has done, as days since 1970-01-01: its row
// lock makes the run happen once a day in a cluster, whichever instance
// comes first, and the others find it done.
const dailyMark = "agreements-daily"

// Done is what one daily run did.
type Done struct {
	Applied int // status changes applied
	Expired int // agreements expired
	Renewed int // agreements renewed automatically
	Noticed int // AGREEMENT_ENDING raised
}

// Runner is the daily run just after midnight in the business time zone:
// it applies the status changes scheduled up to today, expires the
// agreements that ended yesterday or before (renewing those that renew
// automatically), and raises AGREEMENT_ENDING for agreements that entered
// their notice period. A day missed while nobody ran is caught up by the
// next run: each step picks its rows by state, not by the day.
type Runner struct {
	svc *Service
	log *slog.Logger
}

// NewRunner returns the daily run of svc (whose client is used below the
// privacy rules, and whose clock it reads).
func NewRunner(svc *Service, log *slog.Logger) *Runner {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Runner{svc: svc, log: log}
}

// Run runs at once (a midnight missed), then just after every midnight in
// the business time zone, until ctx ends.
func (r *Runner) Run(ctx context.Context) {
	for {
		if _, err := r.Pass(ctx); err != nil && ctx.Err() == nil {
			r.log.ErrorContext(ctx, "agreements: daily run; trying again in a minute", "err", err)
			if !sleep(ctx, time.Minute) {
				return
			}
			continue
		}
		now := r.svc.now().In(r.svc.loc)
		y, m, d := now.Date()
		next := time.Date(y, m, d+1, 0, 1, 0, 0, r.svc.loc)
		if !sleep(ctx, next.Sub(now)) {
			return
		}
	}
}

func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

func dayNumber(t time.Time) int64 { return t.Unix() / 86400 }

// Pass does today's run unless one did already.
func (r *Runner) Pass(ctx context.Context) (Done, error) {
	var done Done
	s := r.svc
	ctx = access.Bypass(ctx)
	today := s.Today()
	t, err := s.client.Tx(ctx)
	if err != nil {
		return done, err
	}
	defer t.Rollback()
	mark, err := feed.Lock(ctx, t.Client(), s.postgres, dailyMark, func() (int64, error) { return dayNumber(today) - 1, nil })
	if err != nil {
		return done, err
	}
	if mark.LastSeq >= dayNumber(today) {
		return done, nil
	}
	db := t.Client()
	now := s.now()

	changes, err := db.DealerStatusChange.Query().
		Where(dealerstatuschange.StateEQ(dealerstatuschange.StateSCHEDULED), dealerstatuschange.EffectiveOnLTE(today)).
		Order(ent.Asc(dealerstatuschange.FieldEffectiveOn), ent.Asc(dealerstatuschange.FieldID)).
		All(ctx)
	if err != nil {
		return done, err
	}
	for _, c := range changes {
		if _, err := s.apply(ctx, db, c, now); err != nil {
			return done, err
		}
		done.Applied++
	}

	ended, err := db.Agreement.Query().
		Where(agreement.StatusEQ(agreement.StatusACTIVE), agreement.EndsOnLT(today)).
		Order(ent.Asc(agreement.FieldID)).
		All(ctx)
	if err != nil {
		return done, err
	}
	for _, a := range ended {
		if a.AutoRenew {
			// Renewed term by term until it runs past today.
			var refused error
			for cur := a; cur.EndsOn.Before(today); {
				next := NextEnd(cur)
				if cur, refused = s.renew(ctx, db, cur, &next, "", nil, "agreement.autorenew"); refused != nil {
					break
				}
			}
			if refused == nil {
				done.Renewed++
				continue
			}
			// A renewal that would overlap another agreement: it expires.
			r.log.InfoContext(ctx, "agreements: automatic renewal refused; the agreement expires", "agreement", a.Number, "err", refused)
		}
		if err := db.Agreement.UpdateOneID(a.ID).SetStatus(agreement.StatusEXPIRED).SetUpdatedAt(now).Exec(ctx); err != nil {
			return done, err
		}
		done.Expired++
	}

	noticed, err := r.notices(ctx, db, today, now)
	if err != nil {
		return done, err
	}
	done.Noticed = noticed
	if err := mark.Update().SetLastSeq(dayNumber(today)).Exec(ctx); err != nil {
		return done, err
	}
	return done, t.Commit()
}

// notices raises AGREEMENT_ENDING for each ACTIVE agreement in its notice
// period on today that was not told of for its current end.
func (r *Runner) notices(ctx context.Context, db *ent.Client, today, now time.Time) (int, error) {
	candidates, err := db.Agreement.Query().
		Where(agreement.StatusEQ(agreement.StatusACTIVE),
			agreement.EndsOnGTE(today),
			agreement.EndsOnLTE(today.AddDate(0, 0, MaxNoticeDays))).
		WithDealer().
		Order(ent.Asc(agreement.FieldEndsOn), ent.Asc(agreement.FieldID)).
		All(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, a := range candidates {
		if !InNotice(a, today) || (a.EndingNoticedFor != nil && a.EndingNoticedFor.Equal(a.EndsOn)) {
			continue
		}
		if err := db.Agreement.UpdateOneID(a.ID).SetEndingNoticedFor(a.EndsOn).Exec(ctx); err != nil {
			return n, err
		}
		if err := realtime.Record(ctx, db, realtime.AgreementEndingEvent(a, a.Edges.Dealer, now)); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
