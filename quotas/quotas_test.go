package quotas_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zones the tests use, whatever the machine has

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/auditentry"
	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/ordering"
	"github.com/dealerline/dealerline/ordering/status"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/quotas"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

// desk: a manager of channel Retail with dealers D-1 and D-2, a dealer
// D-9 in Key accounts the manager does not manage, an administrator, a
// dealer user of D-1, the Shanghai business time zone and a clock.
type desk struct {
	client             *ent.Client
	svc                *quotas.Service
	admin, manager     *auth.Viewer
	dealerUser         *auth.Viewer
	d1, d2, d9         *ent.Dealer
	retail, keyAccount *ent.Channel
	now                time.Time
	loc                *time.Location
}

var sys = privacy.DecisionContext(context.Background(), privacy.Allow)

func newDesk(t *testing.T, db *store.DB) *desk {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	c := db.Client
	m := c.User.Create().SetEmail("m@test").SetName("Manager").SetPasswordHash("x").SetRole(user.RoleCHANNEL_MANAGER).SaveX(sys)
	a := c.User.Create().SetEmail("a@test").SetName("Admin").SetPasswordHash("x").SetRole(user.RoleADMIN).SaveX(sys)
	retail := c.Channel.Create().SetCode("RETAIL").SetName("Retail").AddManagers(m).SaveX(sys)
	keys := c.Channel.Create().SetCode("KEY").SetName("Key accounts").SaveX(sys)
	dealer := func(code string, ch *ent.Channel) *ent.Dealer {
		return c.Dealer.Create().SetCode(code).SetName("Dealer " + code).SetTier(2).SetCreditLimit(0).SetPaymentTermsDays(30).
			SetJoinedOn(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)).SetChannelID(ch.ID).SaveX(sys)
	}
	k := &desk{
		client:     c,
		admin:      &auth.Viewer{UserID: a.ID, Name: a.Name, Role: user.RoleADMIN},
		manager:    &auth.Viewer{UserID: m.ID, Name: m.Name, Role: user.RoleCHANNEL_MANAGER, ManagedChannelIDs: []int{retail.ID}},
		d1:         dealer("D-1", retail),
		d2:         dealer("D-2", retail),
		d9:         dealer("D-9", keys),
		retail:     retail,
		keyAccount: keys,
		now:        time.Date(2026, 7, 15, 4, 0, 0, 0, time.UTC),
		loc:        loc,
	}
	du := c.User.Create().SetEmail("d@test").SetName("Dealer user").SetPasswordHash("x").SetRole(user.RoleDEALER).SetDealerID(k.d1.ID).SaveX(sys)
	k.dealerUser = &auth.Viewer{UserID: du.ID, Name: du.Name, Role: user.RoleDEALER, DealerID: k.d1.ID}
	k.svc = quotas.NewService(c, loc).WithClock(func() time.Time { return k.now })
	return k
}

// as runs fn as v in a transaction of its own, committed when fn succeeds,
// as a request's mutation runs.
func (k *desk) as(t *testing.T, v *auth.Viewer, fn func(ctx context.Context) error) error {
	t.Helper()
	ctx := auth.NewContext(context.Background(), v)
	tx, err := k.client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := fn(ent.NewContext(ctx, tx.Client())); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func (k *desk) set(t *testing.T, v *auth.Viewer, in ...quotas.Input) error {
	t.Helper()
	return k.as(t, v, func(ctx context.Context) error {
		_, err := k.svc.Set(ctx, in)
		return err
	})
}

func (k *desk) quotas(t *testing.T, v *auth.Viewer, from, to string) map[string]int64 {
	t.Helper()
	qs, err := k.svc.List(auth.NewContext(context.Background(), v), period.MustParse(from), period.MustParse(to), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	codes := map[int]string{k.d1.ID: "D-1", k.d2.ID: "D-2", k.d9.ID: "D-9"}
	out := map[string]int64{}
	for _, q := range qs {
		out[codes[q.DealerID]+" "+q.Month.String()] = q.Amount
	}
	return out
}

func wantRefusal(t *testing.T, err error, code apperr.Code, field string) {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Code != code || e.Field != field {
		t.Errorf("got %v; want %s of %q", err, code, field)
	}
}

func q(d *ent.Dealer, month string, amount int64) quotas.Input {
	return quotas.Input{DealerID: d.ID, Month: period.MustParse(month), Amount: amount}
}

// A bad entry anywhere refuses the whole input and writes nothing; a month
// set again replaces its amount; each change is audited.
func TestSet_AllOrNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		k := newDesk(t, db)
		if err := k.set(t, k.manager, q(k.d1, "2026-07", 100_00), q(k.d2, "2026-07", 200_00)); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name  string
			in    []quotas.Input
			code  apperr.Code
			field string
		}{
			{"quarter", []quotas.Input{q(k.d1, "2026-08", 1), q(k.d1, "2026-Q3", 1)}, apperr.InvalidInput, "input[1].month"},
			{"year", []quotas.Input{q(k.d1, "2026", 1)}, apperr.InvalidInput, "input[0].month"},
			{"negative", []quotas.Input{q(k.d1, "2026-08", 1), q(k.d2, "2026-08", -1)}, apperr.InvalidInput, "input[1].amount"},
			{"twice", []quotas.Input{q(k.d1, "2026-08", 1), q(k.d2, "2026-08", 1), q(k.d1, "2026-08", 2)}, apperr.InvalidInput, "input[2].month"},
			{"foreign dealer", []quotas.Input{q(k.d1, "2026-08", 1), q(k.d9, "2026-08", 1)}, apperr.NotFound, "input[1].dealerID"},
			{"missing dealer", []quotas.Input{q(k.d1, "2026-08", 1), {DealerID: 999999, Month: period.MustParse("2026-08"), Amount: 1}}, apperr.NotFound, "input[1].dealerID"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				wantRefusal(t, k.set(t, k.manager, tc.in...), tc.code, tc.field)
			})
		}
		if got := k.quotas(t, k.admin, "2026-01", "2026-12"); len(got) != 2 || got["D-1 2026-07"] != 100_00 || got["D-2 2026-07"] != 200_00 {
			t.Errorf("after refusals: %v; want only the first two", got)
		}
		// Upsert: July replaced, August added.
		if err := k.set(t, k.manager, q(k.d1, "2026-07", 150_00), q(k.d1, "2026-08", 50_00)); err != nil {
			t.Fatal(err)
		}
		got := k.quotas(t, k.manager, "2026-07", "2026-08")
		if len(got) != 3 || got["D-1 2026-07"] != 150_00 || got["D-1 2026-08"] != 50_00 {
			t.Errorf("after the upsert: %v", got)
		}
		n := k.client.AuditEntry.Query().Where(auditentry.Action("quota.set"), auditentry.SubjectID(k.d1.ID)).CountX(sys)
		if n != 2 {
			t.Errorf("%d audit entries for D-1; want 2 (one a write)", n)
		}
		// The admin sets any dealer's; a dealer user none.
		if err := k.set(t, k.admin, q(k.d9, "2026-07", 1)); err != nil {
			t.Errorf("admin: %v", err)
		}
		wantRefusal(t, k.set(t, k.dealerUser, q(k.d1, "2026-07", 1)), apperr.Forbidden, "")
	})
}

// Each reads the quotas of the dealers it sees, by dealer code then month;
// a span is checked.
func TestList_ThroughPrivacy(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		k := newDesk(t, db)
		if err := k.set(t, k.admin, q(k.d2, "2026-02", 2), q(k.d1, "2026-03", 3), q(k.d1, "2026-01", 1), q(k.d9, "2026-01", 9)); err != nil {
			t.Fatal(err)
		}
		if got := k.quotas(t, k.manager, "2026", "2026"); len(got) != 3 || got["D-9 2026-01"] != 0 {
			t.Errorf("manager: %v", got)
		}
		if got := k.quotas(t, k.dealerUser, "2026-Q1", "2026-Q1"); len(got) != 2 || got["D-2 2026-02"] != 0 {
			t.Errorf("dealer user: %v", got)
		}
		qs, err := k.svc.List(auth.NewContext(context.Background(), k.admin), period.MustParse("2026-01"), period.MustParse("2026-03"), nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		var order []int64
		for _, q := range qs {
			order = append(order, q.Amount)
		}
		if want := []int64{1, 3, 2, 9}; !slicesEqual(order, want) {
			t.Errorf("order %v; want %v (by dealer code, then month)", order, want)
		}
		ctx := auth.NewContext(context.Background(), k.admin)
		_, err = k.svc.List(ctx, period.MustParse("2026-05"), period.MustParse("2026-04"), nil, nil)
		wantRefusal(t, err, apperr.InvalidInput, "from")
		_, err = k.svc.List(ctx, period.MustParse("2024-01"), period.MustParse("2026-12"), nil, nil)
		if err != nil {
			t.Errorf("36 months: %v", err)
		}
		_, err = k.svc.List(ctx, period.MustParse("2024-01"), period.MustParse("2027-01"), nil, nil)
		wantRefusal(t, err, apperr.InvalidInput, "to")
		ch := k.retail.ID
		qs, _ = k.svc.List(ctx, period.MustParse("2026"), period.MustParse("2026"), nil, &ch)
		if len(qs) != 3 {
			t.Errorf("channel Retail: %d quotas; want 3", len(qs))
		}
		csv, err := k.svc.ExportCSV(ctx, period.MustParse("2026-01"), period.MustParse("2026-01"), nil)
		if want := "dealer code,month,amount\nD-1,2026-01,0.01\nD-9,2026-01,0.09\n"; err != nil || csv != want {
			t.Errorf("CSV %q, %v; want %q", csv, err, want)
		}
	})
}

func slicesEqual(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// An import is taken whole: every bad row, a dealer the manager may not
// set included, is reported and nothing is written.
func TestImport_WholeOrNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		k := newDesk(t, db)
		imp := func(v *auth.Viewer, text string) (n int, err error) {
			err = k.as(t, v, func(ctx context.Context) (err error) {
				n, err = k.svc.Import(ctx, text)
				return err
			})
			return n, err
		}
		bad := "dealer code,month,amount\nD-1,2026-07,100.00\nD-9,2026-07,5\nNOPE,2026-07,1\nD-2,2026-Q3,1\nD-2,2026-08,-1\n"
		_, err := imp(k.manager, bad)
		e, ok := apperr.As(err)
		if !ok || e.Code != apperr.InvalidInput {
			t.Fatalf("got %v; want INVALID_INPUT", err)
		}
		var got []string
		for _, r := range e.Rows {
			got = append(got, strconv.Itoa(r.Line)+":"+r.Field)
		}
		if want := "3:dealer code 4:dealer code 5:month 6:amount"; strings.Join(got, " ") != want {
			t.Errorf("rows %v; want %s", got, want)
		}
		if n := len(k.quotas(t, k.admin, "2026", "2026")); n != 0 {
			t.Errorf("%d quotas written by a refused file", n)
		}
		n, err := imp(k.manager, "\ufeffDealer Code,Month,Amount\r\nD-1,2026-07,100.00\r\nD-2, 2026-08 ,7\r\n")
		if err != nil || n != 2 {
			t.Fatalf("good file: %d, %v", n, err)
		}
		n, err = imp(k.manager, "dealer code,month,amount\nD-1,2026-07,100.00\nD-2,2026-08,8\n")
		if err != nil || n != 1 {
			t.Errorf("again with one change: %d written, %v; want 1", n, err)
		}
		if got := k.quotas(t, k.admin, "2026", "2026"); got["D-1 2026-07"] != 100_00 || got["D-2 2026-08"] != 8_00 {
			t.Errorf("after import: %v", got)
		}
		_, err = imp(k.dealerUser, "dealer code,month,amount\nD-1,2026-07,1\n")
		wantRefusal(t, err, apperr.Forbidden, "")
	})
}

// order places an order of d at placed with lines (quantity, unit price,
// discount) and status st; delivered sets each line's delivered quantity.
func (k *desk) order(t *testing.T, d *ent.Dealer, placed time.Time, st status.Status, lines [][3]int, delivered ...int) {
	t.Helper()
	var total int64
	o := k.client.Order.Create().SetDealerID(d.ID).SetStatus(st).SetPlacedAt(placed).SetTotal(0).SaveX(sys)
	for i, l := range lines {
		amount, _ := ordering.LineAmount(l[0], int64(l[1]), l[2])
		total += amount
		c := k.client.OrderLine.Create().SetOrderID(o.ID).SetPosition(i + 1).SetSku("SKU").SetProductName("Drill").
			SetQuantity(l[0]).SetUnitPrice(int64(l[1])).SetUnitCost(1).SetDiscountBasisPoints(l[2]).SetAmount(amount)
		if i < len(delivered) {
			c.SetDeliveredQuantity(delivered[i]).SetShippedQuantity(delivered[i])
		}
		c.SaveX(sys)
	}
	k.client.Order.UpdateOne(o).SetTotal(total).ExecX(sys)
}

func (k *desk) progress(t *testing.T, v *auth.Viewer, d *ent.Dealer, p string) *quotas.Progress {
	t.Helper()
	var per *period.Period
	if p != "" {
		pp := period.MustParse(p)
		per = &pp
	}
	pr, err := k.svc.DealerProgress(auth.NewContext(context.Background(), v), d, per)
	if err != nil {
		t.Fatal(err)
	}
	return pr
}

// Net sales count orders placed in the period in the business time zone,
// not rejected or cancelled, lines closed short at what was delivered;
// quotas of a quarter or year sum their months, a channel's its dealers'.
func TestProgress(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		k := newDesk(t, db)
		if err := k.set(t, k.admin,
			q(k.d1, "2026-06", 500_00), q(k.d1, "2026-07", 1000_00), q(k.d1, "2026-09", 300_00),
			q(k.d2, "2026-07", 400_00), q(k.d9, "2026-07", 999_00)); err != nil {
			t.Fatal(err)
		}
		// Shanghai is UTC+8: 16:30 UTC on June 30 is July 1 there; 15:59
		// UTC on July 31 is still July, 16:00 is August.
		k.order(t, k.d1, time.Date(2026, 6, 30, 16, 30, 0, 0, time.UTC), status.Confirmed, [][3]int{{2, 100_00, 0}})   // July: 200.00
		k.order(t, k.d1, time.Date(2026, 6, 30, 15, 59, 0, 0, time.UTC), status.Submitted, [][3]int{{1, 70_00, 0}})    // June: 70.00
		k.order(t, k.d1, time.Date(2026, 7, 31, 15, 59, 0, 0, time.UTC), status.Delivered, [][3]int{{3, 10_00, 0}}, 3) // July: 30.00
		k.order(t, k.d1, time.Date(2026, 7, 31, 16, 0, 0, 0, time.UTC), status.Submitted, [][3]int{{1, 5_00, 0}})      // August: 5.00
		k.order(t, k.d1, time.Date(2026, 7, 10, 0, 0, 0, 0, time.UTC), status.Cancelled, [][3]int{{9, 100_00, 0}})     // not counted
		k.order(t, k.d1, time.Date(2026, 7, 10, 0, 0, 0, 0, time.UTC), status.Rejected, [][3]int{{9, 100_00, 0}})      // not counted
		k.order(t, k.d1, time.Date(2026, 7, 11, 0, 0, 0, 0, time.UTC), status.Shipped, [][3]int{{4, 10_00, 0}}, 0)     // in transit: whole 40.00
		// Closed short: 10 ordered at 33.33 less 12.5 %, 7 delivered; a
		// second line delivered whole.
		k.order(t, k.d1, time.Date(2026, 7, 12, 0, 0, 0, 0, time.UTC), status.Delivered, [][3]int{{10, 33_33, 1250}, {2, 1_00, 0}}, 7, 2)
		short, _ := ordering.LineAmount(7, 33_33, 1250)
		k.order(t, k.d2, time.Date(2026, 7, 20, 0, 0, 0, 0, time.UTC), status.PartiallyDelivered, [][3]int{{5, 100_00, 0}}, 2) // open: whole 500.00
		k.order(t, k.d9, time.Date(2026, 7, 20, 0, 0, 0, 0, time.UTC), status.Confirmed, [][3]int{{1, 1_00, 0}})

		july := int64(200_00+30_00+40_00+2_00) + short
		pr := k.progress(t, k.manager, k.d1, "")
		if pr.Period.String() != "2026-07" || pr.Quota != 1000_00 || pr.NetSales != july || pr.Remaining != 1000_00-july {
			t.Errorf("D-1 this month: %+v; want quota 1000.00, net sales %d", pr, july)
		}
		if pr.Completion == nil || *pr.Completion != float64(july)/float64(1000_00) {
			t.Errorf("completion %v", pr.Completion)
		}
		if pr := k.progress(t, k.dealerUser, k.d1, "2026-06"); pr.Quota != 500_00 || pr.NetSales != 70_00 {
			t.Errorf("June: %+v", pr)
		}
		// Q3: July + September quotas (August missing counts 0); sales of
		// July and August.
		if pr := k.progress(t, k.admin, k.d1, "2026-Q3"); pr.Quota != 1300_00 || pr.NetSales != july+5_00 {
			t.Errorf("Q3: %+v", pr)
		}
		if pr := k.progress(t, k.admin, k.d1, "2026"); pr.Quota != 1800_00 || pr.NetSales != july+5_00+70_00 {
			t.Errorf("2026: %+v", pr)
		}
		// No quota: no completion; sales beyond the quota: nothing remains.
		if pr := k.progress(t, k.admin, k.d1, "2026-08"); pr.Quota != 0 || pr.Completion != nil || pr.Remaining != 0 || pr.NetSales != 5_00 {
			t.Errorf("August: %+v", pr)
		}
		if pr := k.progress(t, k.admin, k.d2, "2026-07"); pr.NetSales != 500_00 || pr.Remaining != 0 || *pr.Completion != 1.25 {
			t.Errorf("D-2 July: %+v", pr)
		}
		// The channel pools its dealers.
		ctx := auth.NewContext(context.Background(), k.manager)
		cp, err := k.svc.ChannelProgress(ctx, k.retail, nil)
		if err != nil || cp.Quota != 1400_00 || cp.NetSales != july+500_00 {
			t.Errorf("Retail July: %+v, %v", cp, err)
		}
		_, err = k.svc.ChannelProgress(ctx, k.keyAccount, nil)
		wantRefusal(t, err, apperr.Forbidden, "")
		_, err = k.svc.ChannelProgress(auth.NewContext(context.Background(), k.dealerUser), k.retail, nil)
		wantRefusal(t, err, apperr.Forbidden, "")
		if cp, err := k.svc.ChannelProgress(auth.NewContext(context.Background(), k.admin), k.keyAccount, nil); err != nil || cp.Quota != 999_00 || cp.NetSales != 1_00 {
			t.Errorf("Key accounts July (admin): %+v, %v", cp, err)
		}
		// NetSales answers per dealer in one call.
		got, err := quotas.NetSales(sys, k.client, k.loc, []int{k.d1.ID, k.d2.ID, k.d9.ID}, period.MustParse("2026-07"))
		if err != nil || got[k.d1.ID] != july || got[k.d2.ID] != 500_00 || got[k.d9.ID] != 1_00 {
			t.Errorf("NetSales: %v, %v", got, err)
		}
	})
}
