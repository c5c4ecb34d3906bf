package notify

import (
	"context"
	"log/slog"
	"time"

	"entgo.io/ent/dialect"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/followup"
	"github.com/dealerline/dealerline/ent/invoice"
	"github.com/dealerline/dealerline/feed"
	"github.com/dealerline/dealerline/realtime"
)

// dailyMark is the row (of the readers' positions) that says which
// business day the daily pass has done, as days since 1970-01-01: its lock
// makes the pass run once a day in a cluster, whichever instance comes
// first.
const dailyMark = "notify-daily"

// Daily is the pass just after midnight in the business time zone that
// records the reminders of the day: INVOICE_OVERDUE for each invoice that
// fell overdue unpaid, FOLLOW_UP_DUE for each open follow-up due that day.
// Each invoice and follow-up is reminded once, and a day missed while
// nobody ran is caught up by the next pass.
type Daily struct {
	client   *ent.Client
	postgres bool
	loc      *time.Location
	log      *slog.Logger
	now      func() time.Time
}

// NewDaily returns the pass over client (of the dialect named) in time
// zone loc.
func NewDaily(client *ent.Client, dialectName string, loc *time.Location, log *slog.Logger) *Daily {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if loc == nil {
		loc = time.UTC
	}
	return &Daily{client: client, postgres: dialectName == dialect.Postgres, loc: loc, log: log, now: time.Now}
}

// WithClock makes the pass read the time from now (tests).
func (d *Daily) WithClock(now func() time.Time) *Daily { d.now = now; return d }

// Run passes at once (a midnight missed), then just after every midnight
// in the business time zone, until ctx ends.
func (d *Daily) Run(ctx context.Context) {
	for {
		if _, err := d.Pass(ctx); err != nil && ctx.Err() == nil {
			d.log.ErrorContext(ctx, "notify: daily reminders; trying again in a minute", "err", err)
			if !sleep(ctx, time.Minute) {
				return
			}
			continue
		}
		now := d.now().In(d.loc)
		y, m, day := now.Date()
		next := time.Date(y, m, day+1, 0, 1, 0, 0, d.loc)
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

// dayNumber is business date t (midnight UTC) as days since 1970-01-01.
func dayNumber(t time.Time) int64 { return t.Unix() / 86400 }

func dayOf(n int64) time.Time { return time.Unix(n*86400, 0).UTC() }

// Pass records today's reminders unless a pass did already, and says how
// many it recorded.
func (d *Daily) Pass(ctx context.Context) (int, error) {
	ctx = access.Bypass(ctx)
	y, m, day := d.now().In(d.loc).Date()
	today := time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
	tx, err := d.client.Tx(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	// The first pass: what falls due today only.
	mark, err := feed.Lock(ctx, tx.Client(), d.postgres, dailyMark, func() (int64, error) { return dayNumber(today) - 1, nil })
	if err != nil {
		return 0, err
	}
	done := dayOf(mark.LastSeq)
	if !done.Before(today) {
		return 0, nil
	}
	db := tx.Client()
	at := d.now()
	n := 0
	// Fell overdue since the last pass: due on a day from the last pass's
	// to yesterday, still unpaid.
	invoices, err := db.Invoice.Query().
		Where(invoice.DueOnGTE(done), invoice.DueOnLT(today), invoice.BalanceGT(0)).
		WithDealer().
		Order(ent.Asc(invoice.FieldID)).
		All(ctx)
	if err != nil {
		return 0, err
	}
	for _, inv := range invoices {
		if err := realtime.Record(ctx, db, realtime.InvoiceOverdueEvent(inv, inv.Edges.Dealer, at)); err != nil {
			return 0, err
		}
		n++
	}
	// Due since the last pass, up to today, and not done.
	follow, err := db.FollowUp.Query().
		Where(followup.DueOnGT(done), followup.DueOnLTE(today), followup.DoneAtIsNil(), followup.AssigneeIDNotNil()).
		Order(ent.Asc(followup.FieldID)).
		All(ctx)
	if err != nil {
		return 0, err
	}
	for _, f := range follow {
		if err := realtime.Record(ctx, db, realtime.FollowUpDueEvent(f, at)); err != nil {
			return 0, err
		}
		n++
	}
	if err := mark.Update().SetLastSeq(dayNumber(today)).Exec(ctx); err != nil {
		return 0, err
	}
	return n, tx.Commit()
}
