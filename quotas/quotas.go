// Package quotas keeps the dealers' monthly sales quotas and measures
// sales against them (DESIGN §6): a quarter's or a year's quota is the sum
// of its months, a channel's the sum of its dealers', and net sales are
// counted by NetSales, the one rule the appraisal KPIs share. Quotas are
// set by administrators, and by managers for the dealers they work on, all
// or nothing, from the API or a CSV file.
package quotas

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/clip"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/quota"
	"github.com/dealerline/dealerline/money"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/store/tx"
)

// MaxSpan is how many months one read of quotas covers at most.
const MaxSpan = 36

// Service sets and reads quotas and measures progress against them.
type Service struct {
	client *ent.Client
	now    func() time.Time
	loc    *time.Location // the business time zone: months and "this month"
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

// Input is one month's quota of a dealer.
type Input struct {
	DealerID int
	Month    period.Period
	Amount   int64
}

// staffOnly is the refusal of a dealer user.
const staffOnly = "only the manufacturer sets quotas"

// Set sets the quotas in, all or nothing: a month set again replaces its
// amount. Each dealer is resolved through the viewer's privacy, so a
// manager sets quotas only for the dealers it works on, and a foreign
// dealer answers as a missing one.
func (s *Service) Set(ctx context.Context, in []Input) ([]*ent.Quota, error) {
	if _, err := auth.RequireStaff(ctx, staffOnly); err != nil {
		return nil, err
	}
	if len(in) > MaxRows {
		return nil, apperr.Invalid("input", "at most %d quotas at once", MaxRows)
	}
	seen := map[[2]string]bool{}
	for i, q := range in {
		switch {
		case q.Month.Kind() != period.Month:
			return nil, apperr.Invalid(fmt.Sprintf("input[%d].month", i), "a quota is set for a month, like 2026-07, not %q", q.Month)
		case q.Amount < 0:
			return nil, apperr.Invalid(fmt.Sprintf("input[%d].amount", i), "a quota is 0 or more")
		case q.Amount > money.Max:
			return nil, apperr.Invalid(fmt.Sprintf("input[%d].amount", i), "a quota is at most %s", money.Format(money.Max))
		}
		key := [2]string{fmt.Sprint(q.DealerID), q.Month.String()}
		if seen[key] {
			return nil, apperr.Invalid(fmt.Sprintf("input[%d].month", i), "the same dealer and month (%s) are given twice", q.Month)
		}
		seen[key] = true
	}
	db := tx.Client(ctx, s.client)
	ids := make([]int, 0, len(in))
	for _, q := range in {
		ids = append(ids, q.DealerID)
	}
	found, err := db.Dealer.Query().Where(dealer.IDIn(ids...)).IDs(ctx)
	if err != nil {
		return nil, err
	}
	for i, q := range in {
		if !slices.Contains(found, q.DealerID) {
			e := apperr.Errorf(apperr.NotFound, "input[%d].dealerID: no such dealer", i)
			e.Field = fmt.Sprintf("input[%d].dealerID", i)
			return nil, e
		}
	}
	out, _, err := s.write(ctx, db, in)
	return out, err
}

// write upserts checked quotas and records, per dealer, the months it
// changed; written counts the new or changed months.
func (s *Service) write(ctx context.Context, db *ent.Client, in []Input) (out []*ent.Quota, written int, err error) {
	sys := access.Bypass(ctx)
	ids, months := []int{}, []period.Period{}
	for _, q := range in {
		ids = append(ids, q.DealerID)
		months = append(months, q.Month)
	}
	existing, err := db.Quota.Query().Where(quota.DealerIDIn(ids...), quota.MonthIn(months...)).All(sys)
	if err != nil {
		return nil, 0, err
	}
	have := map[[2]string]*ent.Quota{}
	for _, q := range existing {
		have[[2]string{fmt.Sprint(q.DealerID), q.Month.String()}] = q
	}
	changes := map[int]map[string]any{} // dealer → month → amount
	for _, q := range in {
		old := have[[2]string{fmt.Sprint(q.DealerID), q.Month.String()}]
		var row *ent.Quota
		switch {
		case old == nil:
			row, err = db.Quota.Create().SetDealerID(q.DealerID).SetMonth(q.Month).SetAmount(q.Amount).Save(sys)
		case old.Amount != q.Amount:
			row, err = db.Quota.UpdateOne(old).SetAmount(q.Amount).Save(sys)
		default:
			out = append(out, old)
			continue
		}
		if err != nil {
			return nil, 0, err
		}
		out = append(out, row)
		written++
		if changes[q.DealerID] == nil {
			changes[q.DealerID] = map[string]any{}
		}
		changes[q.DealerID][q.Month.String()] = money.Format(q.Amount)
	}
	dealers := make([]int, 0, len(changes))
	for id := range changes {
		dealers = append(dealers, id)
	}
	sort.Ints(dealers)
	for _, id := range dealers {
		if err := audit.Record(ctx, db, "quota.set", "Dealer", id, map[string]any{"months": changes[id]}); err != nil {
			return nil, 0, err
		}
	}
	return out, written, nil
}

// Import sets the quotas of a CSV file (see ParseCSV), all or nothing:
// every bad row, a dealer code the viewer may not set quotas for
// included, is reported at once and nothing is written.
func (s *Service) Import(ctx context.Context, text string) (written int, err error) {
	if _, err := auth.RequireStaff(ctx, staffOnly); err != nil {
		return 0, err
	}
	rows, problems := parse(text)
	db := tx.Client(ctx, s.client)
	codes := make([]string, 0, len(rows))
	for _, r := range rows {
		codes = append(codes, r.DealerCode)
	}
	// Through the viewer's privacy: a dealer a manager does not work on is
	// as unknown as a code no dealer has.
	ds, err := db.Dealer.Query().Where(dealer.CodeIn(codes...)).Select(dealer.FieldID, dealer.FieldCode).All(ctx)
	if err != nil {
		return 0, err
	}
	byCode := map[string]int{}
	for _, d := range ds {
		byCode[d.Code] = d.ID
	}
	in := make([]Input, 0, len(rows))
	for _, r := range rows {
		id, ok := byCode[r.DealerCode]
		if !ok {
			problems = append(problems, apperr.RowProblem{Line: r.Line, Field: ColDealerCode, Message: fmt.Sprintf("no dealer has the code %q", clip.To(r.DealerCode, 40))})
			continue
		}
		in = append(in, Input{DealerID: id, Month: r.Month, Amount: r.Amount})
	}
	if len(problems) > 0 {
		sort.SliceStable(problems, func(i, j int) bool { return problems[i].Line < problems[j].Line })
		return 0, apperr.InvalidRows("csv", problems)
	}
	if len(in) == 0 {
		return 0, nil
	}
	_, written, err = s.write(ctx, db, in)
	return written, err
}

// span checks a read's months from … to (any periods: from's first month
// to to's last) and returns its first and last month.
func span(from, to period.Period) (first, last period.Period, err error) {
	first, last = period.MonthOf(from.Start()), period.MonthOf(to.Last())
	if first.Compare(last) > 0 {
		return first, last, apperr.Invalid("from", "from (%s) is after to (%s)", from, to)
	}
	if n := (last.Year()-first.Year())*12 + int(last.Start().Month()) - int(first.Start().Month()) + 1; n > MaxSpan {
		return first, last, apperr.Invalid("to", "a read covers at most %d months, this one %d", MaxSpan, n)
	}
	return first, last, nil
}

// List is the monthly quotas the viewer may see, months from … to (both
// included), of one dealer or one channel when given, by dealer code and
// then month.
func (s *Service) List(ctx context.Context, from, to period.Period, dealerID, channelID *int) ([]*ent.Quota, error) {
	first, last, err := span(from, to)
	if err != nil {
		return nil, err
	}
	q := s.client.Quota.Query().Where(quota.MonthGTE(first), quota.MonthLTE(last))
	if dealerID != nil {
		q.Where(quota.DealerID(*dealerID))
	}
	if channelID != nil {
		q.Where(quota.HasDealerWith(dealer.ChannelID(*channelID)))
	}
	return q.Order(quota.ByDealerField(dealer.FieldCode), quota.ByMonth(), quota.ByID()).All(ctx)
}

// ExportCSV is List as a quota CSV that Import takes back.
func (s *Service) ExportCSV(ctx context.Context, from, to period.Period, channelID *int) (string, error) {
	qs, err := s.List(ctx, from, to, nil, channelID)
	if err != nil {
		return "", err
	}
	ids := make([]int, 0, len(qs))
	for _, q := range qs {
		ids = append(ids, q.DealerID)
	}
	// The dealers of the quotas read: the viewer sees them, since it sees
	// their quotas.
	ds, err := s.client.Dealer.Query().Where(dealer.IDIn(ids...)).Select(dealer.FieldID, dealer.FieldCode).All(ctx)
	if err != nil {
		return "", err
	}
	codes := map[int]string{}
	for _, d := range ds {
		codes[d.ID] = d.Code
	}
	rows := make([]Row, 0, len(qs))
	for _, q := range qs {
		rows = append(rows, Row{DealerCode: codes[q.DealerID], Month: q.Month, Amount: q.Amount})
	}
	return WriteCSV(rows), nil
}
