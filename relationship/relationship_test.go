package relationship_test

import (
	"context"
	"testing"
	"time"
	_ "time/tzdata" // the zones the tests use, whatever the machine has

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/followup"
	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/relationship"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

// desk is a dealer in a channel its manager manages, in the Shanghai
// business time zone, and a clock the test moves.
type desk struct {
	client   *ent.Client
	svc      *relationship.Service
	manager  *auth.Viewer
	dealerID int
	now      time.Time
	loc      *time.Location
}

func newDesk(t *testing.T, db *store.DB) *desk {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	sys := privacy.DecisionContext(context.Background(), privacy.Allow)
	c := db.Client
	m := c.User.Create().SetEmail("m@test").SetName("Manager").SetPasswordHash("x").SetRole(user.RoleCHANNEL_MANAGER).SaveX(sys)
	ch := c.Channel.Create().SetCode("RETAIL").SetName("Retail").AddManagers(m).SaveX(sys)
	d := c.Dealer.Create().SetCode("D-1").SetName("Dealer One").SetTier(2).SetCreditLimit(0).SetPaymentTermsDays(30).
		SetJoinedOn(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)).SetChannelID(ch.ID).SaveX(sys)
	k := &desk{
		client:   c,
		manager:  &auth.Viewer{UserID: m.ID, Name: m.Name, Role: user.RoleCHANNEL_MANAGER, ManagedChannelIDs: []int{ch.ID}},
		dealerID: d.ID,
		now:      time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC),
		loc:      loc,
	}
	k.svc = relationship.NewService(c, loc).WithClock(func() time.Time { return k.now })
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

func (k *desk) log(t *testing.T, in relationship.InteractionInput) (*ent.Interaction, error) {
	t.Helper()
	in.DealerID, in.Kind = k.dealerID, "VISIT"
	if in.Subject == "" {
		in.Subject = "Visit"
	}
	var i *ent.Interaction
	err := k.as(t, k.manager, func(ctx context.Context) (err error) {
		i, err = k.svc.LogInteraction(ctx, in)
		return err
	})
	return i, err
}

func wantRefusal(t *testing.T, err error, code apperr.Code, field string) {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Code != code || e.Field != field {
		t.Errorf("got %v; want %s of %q", err, code, field)
	}
}

// An interaction happens now or before: a minute of clock skew is allowed,
// more is the future.
func TestLogInteraction_NeverInTheFuture(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		k := newDesk(t, db)
		if _, err := k.log(t, relationship.InteractionInput{OccurredAt: k.now.Add(59 * time.Second)}); err != nil {
			t.Errorf("59 s ahead, within the skew: %v", err)
		}
		_, err := k.log(t, relationship.InteractionInput{OccurredAt: k.now.Add(61 * time.Second)})
		wantRefusal(t, err, apperr.InvalidInput, "occurredAt")
	})
}

// The author corrects an interaction for 24 hours after logging it; then
// it takes a new entry.
func TestUpdateInteraction_WithinADay(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		k := newDesk(t, db)
		i, err := k.log(t, relationship.InteractionInput{OccurredAt: k.now.Add(-48 * time.Hour), Subject: "Visit"})
		if err != nil {
			t.Fatal(err)
		}
		update := func(subject string) (*ent.Interaction, error) {
			var got *ent.Interaction
			err := k.as(t, k.manager, func(ctx context.Context) (err error) {
				got, err = k.svc.UpdateInteraction(ctx, i.ID, relationship.InteractionChange{Subject: &subject})
				return err
			})
			return got, err
		}
		k.now = k.now.Add(24*time.Hour - time.Second)
		if got, err := update("Visit, corrected"); err != nil || got.Subject != "Visit, corrected" {
			t.Errorf("a second before the day is out: %v, %v", got, err)
		}
		k.now = k.now.Add(2 * time.Second)
		_, err = update("Too late")
		wantRefusal(t, err, apperr.Forbidden, "")
	})
}

// Overdue is counted in the business time zone: a follow-up due on the
// 10th is overdue from midnight in Shanghai, 16:00 UTC.
func TestFollowUp_OverdueInTheBusinessTimeZone(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		k := newDesk(t, db)
		due := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
		i, err := k.log(t, relationship.InteractionInput{OccurredAt: k.now, FollowUp: &relationship.FollowUpInput{DueOn: due, Text: "Call back"}})
		if err != nil {
			t.Fatal(err)
		}
		ctx := auth.NewContext(context.Background(), k.manager)
		followUp := func() *ent.FollowUp { return k.client.FollowUp.Query().Where(followup.InteractionID(i.ID)).OnlyX(ctx) }
		f := followUp()
		overdue := func() int {
			s := relationship.Overdue
			q, _, err := k.svc.MyFollowUps(ctx, &s)
			if err != nil {
				t.Fatal(err)
			}
			return q.CountX(ctx)
		}
		k.now = time.Date(2026, 3, 10, 15, 59, 0, 0, time.UTC) // 23:59 on the 10th in Shanghai
		if got := k.svc.Status(f); got != relationship.Open || overdue() != 0 {
			t.Errorf("on its due date: %s, %d overdue", got, overdue())
		}
		k.now = time.Date(2026, 3, 10, 16, 1, 0, 0, time.UTC) // 00:01 on the 11th
		if got := k.svc.Status(f); got != relationship.Overdue || overdue() != 1 {
			t.Errorf("the day after: %s, %d overdue", got, overdue())
		}
		err = k.as(t, k.manager, func(ctx context.Context) error {
			_, err := k.svc.CompleteFollowUp(ctx, f.ID)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := k.svc.Status(followUp()); got != relationship.Done || overdue() != 0 {
			t.Errorf("done: %s, %d overdue", got, overdue())
		}
	})
}

// from and to are business dates: a visit at 00:30 on the 11th in Shanghai
// (16:30 UTC on the 10th) is on the 11th.
func TestInteractions_BusinessDates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		k := newDesk(t, db)
		k.now = time.Date(2026, 3, 12, 0, 0, 0, 0, time.UTC)
		if _, err := k.log(t, relationship.InteractionInput{OccurredAt: time.Date(2026, 3, 10, 16, 30, 0, 0, time.UTC)}); err != nil {
			t.Fatal(err)
		}
		ctx := auth.NewContext(context.Background(), k.manager)
		day := func(d int) *time.Time { t := time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC); return &t }
		for _, tc := range []struct {
			from, to *time.Time
			want     int
		}{
			{day(11), day(12), 1},
			{day(10), day(11), 0},
			{nil, day(11), 0},
			{day(11), nil, 1},
		} {
			q, err := k.svc.Interactions(ctx, relationship.InteractionFilter{From: tc.from, To: tc.to})
			if err != nil {
				t.Fatal(err)
			}
			if got := q.CountX(ctx); got != tc.want {
				t.Errorf("from %v to %v: %d, want %d", tc.from, tc.to, got, tc.want)
			}
		}
	})
}
