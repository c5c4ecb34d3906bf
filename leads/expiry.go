package leads

import (
	"context"
	"log/slog"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/lead"
	"github.com/dealerline/dealerline/ent/leadoffer"
	"github.com/dealerline/dealerline/feed"
)

// expiryMark is the row (of the readers' positions) whose lock makes one
// expiry pass run at a time in a cluster, whichever instance comes first;
// the pass reads the overdue offers under it, so each is passed on once.
const expiryMark = "lead-answers"

// ExpireEvery is how often Run looks for offers not answered in time.
const ExpireEvery = time.Minute

// Expire takes back every lead whose dealer did not answer by the
// deadline and offers it to the next dealer by its rule; it says how many
// it passed on.
func (s *Service) Expire(ctx context.Context) (int, error) {
	ctx = access.Bypass(ctx)
	n := 0
	t, err := s.client.Tx(ctx)
	if err != nil {
		return 0, err
	}
	defer t.Rollback()
	db := t.Client()
	ctx = ent.NewContext(ctx, db)
	err = func() error {
		if _, err := feed.Lock(ctx, db, s.postgres, expiryMark, func() (int64, error) { return 0, nil }); err != nil {
			return err
		}
		overdue, err := db.Lead.Query().
			Where(lead.StatusEQ(lead.StatusOFFERED), lead.AnswerDueAtLTE(s.now())).
			Order(ent.Asc(lead.FieldAnswerDueAt), ent.Asc(lead.FieldID)).
			Limit(500).
			All(ctx)
		if err != nil {
			return err
		}
		for _, l := range overdue {
			if err := s.answer(ctx, db, l, leadoffer.AnswerEXPIRED, "not answered in time"); err != nil {
				return err
			}
			if _, err := s.passOn(ctx, db, l); err != nil {
				return err
			}
			n++
		}
		return nil
	}()
	if err != nil {
		return 0, err
	}
	return n, t.Commit()
}

// Run passes every ExpireEvery until ctx ends.
func (s *Service) Run(ctx context.Context, log *slog.Logger) {
	t := time.NewTicker(ExpireEvery)
	defer t.Stop()
	for {
		if _, err := s.Expire(ctx); err != nil && ctx.Err() == nil && log != nil {
			log.ErrorContext(ctx, "leads: pass on leads not answered in time; trying again", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
