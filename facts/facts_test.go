package facts_test

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
	"github.com/dealerline/dealerline/ent/interaction"
	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/facts"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

// desk: channel Retail (managed by manager) with distributor D-1 and its
// sub-dealer D-2; D-9 in Key accounts, which manager does not manage;
// dealer users of D-1 and D-2; products P-1, P-2 and the withdrawn P-3;
// territory T-1; a manager's visit to D-1 and an admin's call to D-9;
// the Shanghai business time zone, where it is 15 July 2026, noon.
type desk struct {
	client             *ent.Client
	svc                *facts.Service
	admin, manager     *auth.Viewer
	distUser, subUser  *auth.Viewer
	d1, d2, d9         *ent.Dealer
	retail, keyAccount *ent.Channel
	p1, p2, p3         *ent.Product
	t1                 *ent.Territory
	visit, call        *ent.Interaction
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
	dealer := func(code string, tier int, ch *ent.Channel, parent *ent.Dealer) *ent.Dealer {
		dc := c.Dealer.Create().SetCode(code).SetName("Dealer " + code).SetTier(tier).SetCreditLimit(0).SetPaymentTermsDays(30).
			SetJoinedOn(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)).SetChannelID(ch.ID)
		if parent != nil {
			dc.SetParentID(parent.ID)
		}
		return dc.SaveX(sys)
	}
	product := func(sku string, cost int64, active bool) *ent.Product {
		return c.Product.Create().SetSku(sku).SetName("Product " + sku).SetCategory("Drills").SetUnitCost(cost).SetListPrice(cost * 2).SetActive(active).SaveX(sys)
	}
	k := &desk{
		client:     c,
		admin:      &auth.Viewer{UserID: a.ID, Name: a.Name, Role: user.RoleADMIN},
		manager:    &auth.Viewer{UserID: m.ID, Name: m.Name, Role: user.RoleCHANNEL_MANAGER, ManagedChannelIDs: []int{retail.ID}},
		retail:     retail,
		keyAccount: keys,
		p1:         product("P-1", 40_00, true),
		p2:         product("P-2", 25_50, true),
		p3:         product("P-3", 10_00, false),
		t1:         c.Territory.Create().SetCode("T-1").SetName("Territory one").SaveX(sys),
	}
	k.d1 = dealer("D-1", 1, retail, nil)
	k.d2 = dealer("D-2", 2, retail, k.d1)
	k.d9 = dealer("D-9", 2, keys, nil)
	du := c.User.Create().SetEmail("d1@test").SetName("Distributor user").SetPasswordHash("x").SetRole(user.RoleDEALER).SetDealerID(k.d1.ID).SaveX(sys)
	k.distUser = &auth.Viewer{UserID: du.ID, Name: du.Name, Role: user.RoleDEALER, DealerID: k.d1.ID, DealerTier: 1, DealerChannelID: retail.ID}
	su := c.User.Create().SetEmail("d2@test").SetName("Sub-dealer user").SetPasswordHash("x").SetRole(user.RoleDEALER).SetDealerID(k.d2.ID).SaveX(sys)
	k.subUser = &auth.Viewer{UserID: su.ID, Name: su.Name, Role: user.RoleDEALER, DealerID: k.d2.ID, DealerTier: 2, DealerChannelID: retail.ID}
	at := time.Date(2026, 7, 10, 9, 0, 0, 0, loc)
	k.visit = c.Interaction.Create().SetDealerID(k.d1.ID).SetKind(interaction.KindVISIT).SetOccurredAt(at).SetSubject("Visit").SetAuthorID(m.ID).SetAuthorName(m.Name).SaveX(sys)
	k.call = c.Interaction.Create().SetDealerID(k.d9.ID).SetKind(interaction.KindCALL).SetOccurredAt(at).SetSubject("Call").SetAuthorID(a.ID).SetAuthorName(a.Name).SaveX(sys)
	now := time.Date(2026, 7, 15, 4, 0, 0, 0, time.UTC)
	k.svc = facts.NewService(c, loc).WithClock(func() time.Time { return now })
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

func wantRefusal(t *testing.T, err error, code apperr.Code, field string) {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Code != code || e.Field != field {
		t.Errorf("got %v; want %s of %q", err, code, field)
	}
}

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func ptr[T any](v T) *T { return &v }

// counts is how many of each fact there are, read below privacy: a
// refusal must leave them as they were.
func (k *desk) counts(t *testing.T) [6]int {
	t.Helper()
	return [6]int{
		k.client.InventoryReport.Query().CountX(sys),
		k.client.InventoryLine.Query().CountX(sys),
		k.client.DistributionSurvey.Query().CountX(sys),
		k.client.SatisfactionScore.Query().CountX(sys),
		k.client.ChannelCost.Query().CountX(sys),
		k.client.MarketShare.Query().CountX(sys),
	}
}

func TestReportInventory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		k := newDesk(t, db)
		lines := []facts.Line{{ProductID: k.p1.ID, Stock: 12}, {ProductID: k.p2.ID, Stock: 0}}
		report := func(v *auth.Viewer, in facts.InventoryInput) (r *ent.InventoryReport, err error) {
			err = k.as(t, v, func(ctx context.Context) error {
				r, err = k.svc.ReportInventory(ctx, in)
				return err
			})
			return r, err
		}
		// A dealer user reports its own stock on today's business date
		// (15 July in Shanghai), each line at the product's cost.
		r, err := report(k.distUser, facts.InventoryInput{Date: day("2026-07-15"), Lines: lines})
		if err != nil {
			t.Fatal(err)
		}
		if r.DealerID != k.d1.ID || r.RecordedByName != "Distributor user" || *r.RecordedByID != k.distUser.UserID {
			t.Errorf("report %+v; want D-1's, recorded by its user", r)
		}
		got := k.client.InventoryLine.Query().AllX(sys)
		costs := map[int][2]int64{}
		for _, l := range got {
			costs[l.ProductID] = [2]int64{int64(l.Stock), l.UnitCost}
		}
		if costs[k.p1.ID] != [2]int64{12, 40_00} || costs[k.p2.ID] != [2]int64{0, 25_50} || len(got) != 2 {
			t.Errorf("lines %v; want P-1 12 at 40.00 and P-2 0 at 25.50", costs)
		}
		// A later change of cost leaves the count as it was.
		k.client.Product.UpdateOne(k.p1).SetUnitCost(99_00).ExecX(sys)
		if l := k.client.InventoryLine.Query().AllX(sys)[0]; l.UnitCost == 99_00 {
			t.Error("a cost change rewrote a past count")
		}
		// A distributor for its sub-dealer; staff for their dealers.
		if _, err := report(k.distUser, facts.InventoryInput{DealerID: &k.d2.ID, Date: day("2026-07-01"), Lines: lines[:1]}); err != nil {
			t.Fatal(err)
		}
		if _, err := report(k.manager, facts.InventoryInput{DealerID: &k.d2.ID, Date: day("2026-06-30"), Lines: lines[1:]}); err != nil {
			t.Fatal(err)
		}
		if _, err := report(k.admin, facts.InventoryInput{DealerID: &k.d9.ID, Date: day("2026-06-30"), Lines: lines}); err != nil {
			t.Fatal(err)
		}
		before := k.counts(t)
		for _, tc := range []struct {
			name  string
			v     *auth.Viewer
			in    facts.InventoryInput
			code  apperr.Code
			field string
		}{
			{"tomorrow in Shanghai", k.distUser, facts.InventoryInput{Date: day("2026-07-16"), Lines: lines}, apperr.InvalidInput, "date"},
			{"no lines", k.distUser, facts.InventoryInput{Date: day("2026-07-15")}, apperr.InvalidInput, "lines"},
			{"product twice", k.distUser, facts.InventoryInput{Date: day("2026-07-15"), Lines: []facts.Line{{k.p1.ID, 1}, {k.p2.ID, 1}, {k.p1.ID, 2}}}, apperr.InvalidInput, "lines[2].productID"},
			{"negative stock", k.distUser, facts.InventoryInput{Date: day("2026-07-15"), Lines: []facts.Line{{k.p1.ID, 1}, {k.p2.ID, -1}}}, apperr.InvalidInput, "lines[1].stock"},
			{"missing product", k.distUser, facts.InventoryInput{Date: day("2026-07-15"), Lines: []facts.Line{{k.p1.ID, 1}, {999999, 1}}}, apperr.NotFound, "lines[1].productID"},
			{"withdrawn product, dealer user", k.distUser, facts.InventoryInput{Date: day("2026-07-15"), Lines: []facts.Line{{k.p3.ID, 1}}}, apperr.NotFound, "lines[0].productID"},
			{"staff name no dealer", k.manager, facts.InventoryInput{Date: day("2026-07-15"), Lines: lines}, apperr.InvalidInput, "dealerID"},
			{"manager, foreign dealer", k.manager, facts.InventoryInput{DealerID: &k.d9.ID, Date: day("2026-07-15"), Lines: lines}, apperr.NotFound, "dealerID"},
			{"manager, missing dealer", k.manager, facts.InventoryInput{DealerID: ptr(999999), Date: day("2026-07-15"), Lines: lines}, apperr.NotFound, "dealerID"},
			{"sub-dealer for its distributor", k.subUser, facts.InventoryInput{DealerID: &k.d1.ID, Date: day("2026-07-15"), Lines: lines}, apperr.NotFound, "dealerID"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := report(tc.v, tc.in)
				wantRefusal(t, err, tc.code, tc.field)
			})
		}
		if after := k.counts(t); after != before {
			t.Errorf("refusals wrote: %v → %v", before, after)
		}
		// Staff count withdrawn products too.
		if _, err := report(k.admin, facts.InventoryInput{DealerID: &k.d1.ID, Date: day("2026-07-15"), Lines: []facts.Line{{k.p3.ID, 3}}}); err != nil {
			t.Error(err)
		}
		if n := k.client.AuditEntry.Query().Where(auditentry.Action("inventory.report")).CountX(sys); n != 5 {
			t.Errorf("%d audit entries; want one per report, 5", n)
		}

		// Lists: a dealer user its own dealer's unless it names a
		// sub-dealer, newest first; from included, to excluded.
		list := func(v *auth.Viewer, f facts.Filter) []string {
			q, err := k.svc.InventoryReports(auth.NewContext(context.Background(), v), f)
			if err != nil {
				t.Fatal(err)
			}
			rs := q.Order(ent.Desc("reported_on"), ent.Desc("id")).WithDealer().AllX(auth.NewContext(context.Background(), v))
			out := []string{}
			for _, r := range rs {
				out = append(out, r.Edges.Dealer.Code+" "+r.ReportedOn.Format(time.DateOnly))
			}
			return out
		}
		for _, tc := range []struct {
			name string
			v    *auth.Viewer
			f    facts.Filter
			want string
		}{
			{"distributor", k.distUser, facts.Filter{}, "D-1 2026-07-15,D-1 2026-07-15"},
			{"distributor names its sub-dealer", k.distUser, facts.Filter{DealerID: &k.d2.ID}, "D-2 2026-07-01,D-2 2026-06-30"},
			{"sub-dealer", k.subUser, facts.Filter{}, "D-2 2026-07-01,D-2 2026-06-30"},
			{"sub-dealer names its distributor", k.subUser, facts.Filter{DealerID: &k.d1.ID}, ""},
			{"manager", k.manager, facts.Filter{}, "D-1 2026-07-15,D-1 2026-07-15,D-2 2026-07-01,D-2 2026-06-30"},
			{"manager names a foreign dealer", k.manager, facts.Filter{DealerID: &k.d9.ID}, ""},
			{"admin, July", k.admin, facts.Filter{From: ptr(day("2026-07-01")), To: ptr(day("2026-07-15"))}, "D-2 2026-07-01"},
		} {
			if got := strings.Join(list(tc.v, tc.f), ","); got != tc.want {
				t.Errorf("%s: %q; want %q", tc.name, got, tc.want)
			}
		}
		_, err = k.svc.InventoryReports(auth.NewContext(context.Background(), k.admin), facts.Filter{From: ptr(day("2026-07-02")), To: ptr(day("2026-07-01"))})
		wantRefusal(t, err, apperr.InvalidInput, "to")
	})
}

func TestSurveysAndScores(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		k := newDesk(t, db)
		survey := func(v *auth.Viewer, in facts.SurveyInput) error {
			return k.as(t, v, func(ctx context.Context) error {
				_, err := k.svc.RecordDistributionSurvey(ctx, in)
				return err
			})
		}
		score := func(v *auth.Viewer, in facts.ScoreInput) error {
			return k.as(t, v, func(ctx context.Context) error {
				_, err := k.svc.RecordSatisfactionScore(ctx, in)
				return err
			})
		}
		ok := facts.SurveyInput{DealerID: k.d1.ID, Date: day("2026-07-10"), OutletsVisited: 20, OutletsCarrying: 20, InteractionID: &k.visit.ID, Note: " After the visit. "}
		if err := survey(k.manager, ok); err != nil {
			t.Fatal(err)
		}
		sv := k.client.DistributionSurvey.Query().OnlyX(sys)
		if *sv.InteractionID != k.visit.ID || sv.Note != "After the visit." || sv.RecordedByName != "Manager" {
			t.Errorf("survey %+v", sv)
		}
		if err := score(k.manager, facts.ScoreInput{DealerID: k.d2.ID, Date: day("2026-07-15"), Score: 5}); err != nil {
			t.Fatal(err)
		}
		with := func(f func(*facts.SurveyInput)) facts.SurveyInput {
			in := ok
			f(&in)
			return in
		}
		before := k.counts(t)
		for _, tc := range []struct {
			name  string
			v     *auth.Viewer
			in    facts.SurveyInput
			code  apperr.Code
			field string
		}{
			{"dealer user", k.distUser, ok, apperr.Forbidden, ""},
			{"none visited", k.manager, with(func(in *facts.SurveyInput) { in.OutletsVisited, in.OutletsCarrying = 0, 0 }), apperr.InvalidInput, "outletsVisited"},
			{"more carrying than visited", k.manager, with(func(in *facts.SurveyInput) { in.OutletsCarrying = 21 }), apperr.InvalidInput, "outletsCarrying"},
			{"negative carrying", k.manager, with(func(in *facts.SurveyInput) { in.OutletsCarrying = -1 }), apperr.InvalidInput, "outletsCarrying"},
			{"tomorrow", k.manager, with(func(in *facts.SurveyInput) { in.Date = day("2026-07-16") }), apperr.InvalidInput, "date"},
			{"long note", k.manager, with(func(in *facts.SurveyInput) { in.Note = strings.Repeat("x", facts.MaxNote+1) }), apperr.InvalidInput, "note"},
			{"foreign dealer", k.manager, with(func(in *facts.SurveyInput) { in.DealerID, in.InteractionID = k.d9.ID, nil }), apperr.NotFound, "dealerID"},
			{"foreign interaction", k.manager, with(func(in *facts.SurveyInput) { in.InteractionID = &k.call.ID }), apperr.NotFound, "interactionID"},
			{"missing interaction", k.manager, with(func(in *facts.SurveyInput) { in.InteractionID = ptr(999999) }), apperr.NotFound, "interactionID"},
			{"another dealer's interaction", k.admin, with(func(in *facts.SurveyInput) { in.DealerID = k.d2.ID }), apperr.InvalidInput, "interactionID"},
		} {
			t.Run(tc.name, func(t *testing.T) { wantRefusal(t, survey(tc.v, tc.in), tc.code, tc.field) })
		}
		for _, tc := range []struct {
			name  string
			v     *auth.Viewer
			in    facts.ScoreInput
			code  apperr.Code
			field string
		}{
			{"dealer user", k.subUser, facts.ScoreInput{DealerID: k.d2.ID, Date: day("2026-07-15"), Score: 5}, apperr.Forbidden, ""},
			{"0", k.manager, facts.ScoreInput{DealerID: k.d2.ID, Date: day("2026-07-15"), Score: 0}, apperr.InvalidInput, "score"},
			{"6", k.manager, facts.ScoreInput{DealerID: k.d2.ID, Date: day("2026-07-15"), Score: 6}, apperr.InvalidInput, "score"},
			{"tomorrow", k.manager, facts.ScoreInput{DealerID: k.d2.ID, Date: day("2026-07-16"), Score: 3}, apperr.InvalidInput, "date"},
			{"foreign dealer", k.manager, facts.ScoreInput{DealerID: k.d9.ID, Date: day("2026-07-15"), Score: 3}, apperr.NotFound, "dealerID"},
			{"missing dealer", k.manager, facts.ScoreInput{DealerID: 999999, Date: day("2026-07-15"), Score: 3}, apperr.NotFound, "dealerID"},
		} {
			t.Run("score "+tc.name, func(t *testing.T) { wantRefusal(t, score(tc.v, tc.in), tc.code, tc.field) })
		}
		if after := k.counts(t); after != before {
			t.Errorf("refusals wrote: %v → %v", before, after)
		}
		// The dealer sees its own survey; its sub-dealer does not.
		for _, tc := range []struct {
			v                *auth.Viewer
			surveys, ratings int
		}{{k.distUser, 1, 0}, {k.subUser, 0, 1}, {k.manager, 1, 1}} {
			ctx := auth.NewContext(context.Background(), tc.v)
			sq, err := k.svc.DistributionSurveys(ctx, facts.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			cq, err := k.svc.SatisfactionScores(ctx, facts.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			if s, c := sq.CountX(ctx), cq.CountX(ctx); s != tc.surveys || c != tc.ratings {
				t.Errorf("%s reads %d surveys and %d scores; want %d and %d", tc.v.Name, s, c, tc.surveys, tc.ratings)
			}
		}
	})
}

func TestChannelCosts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		k := newDesk(t, db)
		record := func(v *auth.Viewer, in facts.CostInput) error {
			return k.as(t, v, func(ctx context.Context) error {
				_, err := k.svc.RecordChannelCost(ctx, in)
				return err
			})
		}
		if err := record(k.admin, facts.CostInput{ChannelID: k.retail.ID, DealerID: &k.d2.ID, Date: day("2026-07-01"), Category: " Training ", Amount: 1_500_00}); err != nil {
			t.Fatal(err)
		}
		if err := record(k.admin, facts.CostInput{ChannelID: k.keyAccount.ID, Date: day("2026-06-01"), Category: "Marketing", Amount: 800_00}); err != nil {
			t.Fatal(err)
		}
		before := k.counts(t)
		good := facts.CostInput{ChannelID: k.retail.ID, Date: day("2026-07-01"), Category: "Marketing", Amount: 1}
		for _, tc := range []struct {
			name  string
			v     *auth.Viewer
			in    facts.CostInput
			code  apperr.Code
			field string
		}{
			{"manager", k.manager, good, apperr.Forbidden, ""},
			{"dealer user", k.distUser, good, apperr.Forbidden, ""},
			{"zero", k.admin, facts.CostInput{ChannelID: k.retail.ID, Date: day("2026-07-01"), Category: "Marketing"}, apperr.InvalidInput, "amount"},
			{"no category", k.admin, facts.CostInput{ChannelID: k.retail.ID, Date: day("2026-07-01"), Category: "  ", Amount: 1}, apperr.InvalidInput, "category"},
			{"missing channel", k.admin, facts.CostInput{ChannelID: 999999, Date: day("2026-07-01"), Category: "Marketing", Amount: 1}, apperr.NotFound, "channelID"},
			{"missing dealer", k.admin, facts.CostInput{ChannelID: k.retail.ID, DealerID: ptr(999999), Date: day("2026-07-01"), Category: "Marketing", Amount: 1}, apperr.NotFound, "dealerID"},
			{"dealer of another channel", k.admin, facts.CostInput{ChannelID: k.retail.ID, DealerID: &k.d9.ID, Date: day("2026-07-01"), Category: "Marketing", Amount: 1}, apperr.InvalidInput, "dealerID"},
		} {
			t.Run(tc.name, func(t *testing.T) { wantRefusal(t, record(tc.v, tc.in), tc.code, tc.field) })
		}
		if after := k.counts(t); after != before {
			t.Errorf("refusals wrote: %v → %v", before, after)
		}
		c := k.client.ChannelCost.Query().FirstX(sys)
		if c.Category != "Training" || *c.DealerID != k.d2.ID || c.RecordedByName != "Admin" {
			t.Errorf("cost %+v", c)
		}
		// Administrators read all, managers their channels', dealers none.
		for _, tc := range []struct {
			v    *auth.Viewer
			f    facts.Filter
			want int
		}{
			{k.admin, facts.Filter{}, 2},
			{k.admin, facts.Filter{ChannelID: &k.keyAccount.ID}, 1},
			{k.admin, facts.Filter{DealerID: &k.d2.ID}, 1},
			{k.manager, facts.Filter{}, 1},
			{k.manager, facts.Filter{ChannelID: &k.keyAccount.ID}, 0},
			{k.distUser, facts.Filter{}, 0},
			{k.subUser, facts.Filter{DealerID: &k.d2.ID}, 0},
		} {
			ctx := auth.NewContext(context.Background(), tc.v)
			q, err := k.svc.ChannelCosts(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if n := q.CountX(ctx); n != tc.want {
				t.Errorf("%s reads %d costs with %+v; want %d", tc.v.Name, n, tc.f, tc.want)
			}
		}
	})
}

func TestMarketShares(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		k := newDesk(t, db)
		t2 := k.client.Territory.Create().SetCode("T-0").SetName("Territory zero").SaveX(sys)
		set := func(v *auth.Viewer, in ...facts.ShareInput) error {
			return k.as(t, v, func(ctx context.Context) error {
				_, err := k.svc.SetMarketShares(ctx, in)
				return err
			})
		}
		sh := func(tr *ent.Territory, month string, share float64) facts.ShareInput {
			return facts.ShareInput{TerritoryID: tr.ID, Month: period.MustParse(month), Share: share}
		}
		if err := set(k.admin, sh(k.t1, "2026-06", 0.2), sh(k.t1, "2026-07", 0.25), sh(t2, "2026-07", 0)); err != nil {
			t.Fatal(err)
		}
		before := k.counts(t)
		for _, tc := range []struct {
			name  string
			v     *auth.Viewer
			in    []facts.ShareInput
			code  apperr.Code
			field string
		}{
			{"manager", k.manager, []facts.ShareInput{sh(k.t1, "2026-08", 0.1)}, apperr.Forbidden, ""},
			{"none", k.admin, nil, apperr.InvalidInput, "input"},
			{"quarter", k.admin, []facts.ShareInput{sh(k.t1, "2026-08", 0.1), sh(k.t1, "2026-Q3", 0.1)}, apperr.InvalidInput, "input[1].month"},
			{"over 1", k.admin, []facts.ShareInput{sh(k.t1, "2026-08", 0.1), sh(t2, "2026-08", 1.01)}, apperr.InvalidInput, "input[1].share"},
			{"negative", k.admin, []facts.ShareInput{sh(k.t1, "2026-08", -0.01)}, apperr.InvalidInput, "input[0].share"},
			{"twice", k.admin, []facts.ShareInput{sh(k.t1, "2026-08", 0.1), sh(k.t1, "2026-08", 0.2)}, apperr.InvalidInput, "input[1].month"},
			{"missing territory", k.admin, []facts.ShareInput{sh(k.t1, "2026-08", 0.1), {TerritoryID: 999999, Month: period.MustParse("2026-08"), Share: 0.1}}, apperr.NotFound, "input[1].territoryID"},
		} {
			t.Run(tc.name, func(t *testing.T) { wantRefusal(t, set(tc.v, tc.in...), tc.code, tc.field) })
		}
		if after := k.counts(t); after != before {
			t.Errorf("refusals wrote: %v → %v", before, after)
		}
		// A month set again replaces its share; unchanged ones are not
		// audited again.
		if err := set(k.admin, sh(k.t1, "2026-07", 0.3), sh(t2, "2026-07", 0)); err != nil {
			t.Fatal(err)
		}
		if n := k.client.AuditEntry.Query().Where(auditentry.Action("marketShare.set")).CountX(sys); n != 3 {
			t.Errorf("%d audit entries; want 2 for the first set, 1 for the change", n)
		}
		// Everyone reads them, by territory code then month.
		ctx := auth.NewContext(context.Background(), k.subUser)
		got, err := k.svc.MarketShares(ctx, nil, period.MustParse("2026-Q2"), period.MustParse("2026-07"))
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, m := range got {
			b.WriteString(m.Month.String() + "=" + strconv.FormatFloat(m.Share, 'f', -1, 64) + " ")
		}
		if b.String() != "2026-07=0 2026-06=0.2 2026-07=0.3 " {
			t.Errorf("shares %q", b.String())
		}
		only, err := k.svc.MarketShares(ctx, &k.t1.ID, period.MustParse("2026-07"), period.MustParse("2026-07"))
		if err != nil || len(only) != 1 || only[0].Share != 0.3 {
			t.Errorf("T-1 in July: %v, %v", only, err)
		}
		_, err = k.svc.MarketShares(ctx, nil, period.MustParse("2026-08"), period.MustParse("2026-07"))
		wantRefusal(t, err, apperr.InvalidInput, "from")
	})
}
