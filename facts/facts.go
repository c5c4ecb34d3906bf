// Package facts records the appraisal facts besides orders, invoices,
// tickets and quotas (DESIGN §6): dealers' stock counts, distribution
// surveys, satisfaction scores, channel costs and market shares. Each is
// dated by the business fact, never by when it was typed, and keeps who
// recorded it. Package appraisal reads them.
package facts

import (
	"context"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/store/tx"
)

// Limits of what one request carries.
const (
	MaxNote     = 2000
	MaxCategory = 100
	// MaxLines is the most products one stock count lists.
	MaxLines = 1000
	// MaxShares is the most market shares set at once.
	MaxShares = 1000
	// MaxSpan is how many months one read of market shares covers at most.
	MaxSpan = 120
)

// Service records the facts and lists them.
type Service struct {
	client *ent.Client
	now    func() time.Time
	loc    *time.Location // the business time zone: "today"
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

// requireStaff refuses dealer users: surveys and scores are the
// manufacturer's view of a dealer.
func requireStaff(ctx context.Context, what string) (*auth.Viewer, error) {
	return auth.RequireStaff(ctx, what+" are recorded by the manufacturer's staff")
}

func requireAdmin(ctx context.Context, what string) (*auth.Viewer, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if !v.IsAdmin() {
		return nil, apperr.Errorf(apperr.Forbidden, "only an administrator records %s", what)
	}
	return v, nil
}

// pastDate checks that a fact's business date has come.
func (s *Service) pastDate(field string, t time.Time) (time.Time, error) {
	d := date(t)
	if d.After(s.Today()) {
		return d, apperr.Invalid(field, "%s is after today: record a fact once it has happened", d.Format(time.DateOnly))
	}
	return d, nil
}

// dealerFor loads a dealer through the viewer's privacy: staff the dealers
// they work on, a dealer user its own and (a distributor) its sub-dealers.
// One it may not see answers as a missing one.
func dealerFor(ctx context.Context, db *ent.Client, field string, id int) (*ent.Dealer, error) {
	d, err := db.Dealer.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apperr.Missing(field, "no such dealer")
	}
	return d, err
}

// Filter narrows a list of facts. From is included, To excluded (business
// dates).
type Filter struct {
	DealerID  *int
	ChannelID *int // channel costs only
	From, To  *time.Time
}

func (f Filter) check() error {
	if f.From != nil && f.To != nil && date(*f.To).Before(date(*f.From)) {
		return apperr.Invalid("to", "the period ends before it starts")
	}
	return nil
}

// narrowed is f as the predicates of a list of facts, for a signed-in
// viewer: the dealer (when not nil) on column dealer_id, every fact table's
// name for it, and business dates on column dated, from included, to
// excluded. Privacy still decides which rows the viewer reads.
func narrowed[P ~func(*sql.Selector)](ctx context.Context, f Filter, dealer *int, dated string) ([]P, error) {
	if _, err := auth.Require(ctx); err != nil {
		return nil, err
	}
	if err := f.check(); err != nil {
		return nil, err
	}
	var ps []P
	if dealer != nil {
		ps = append(ps, sql.FieldEQ("dealer_id", *dealer))
	}
	if f.From != nil {
		ps = append(ps, sql.FieldGTE(dated, date(*f.From)))
	}
	if f.To != nil {
		ps = append(ps, sql.FieldLT(dated, date(*f.To)))
	}
	return ps, nil
}

func (s *Service) db(ctx context.Context) *ent.Client { return tx.Client(ctx, s.client) }

// date normalises a business date to the midnight UTC it is held as.
func date(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func note(s string) (string, error) { return apperr.Lines("note", s, false, MaxNote) }
