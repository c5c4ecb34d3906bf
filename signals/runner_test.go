package signals_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/period"
	"github.com/dealerline/dealerline/signals"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

// scopeRecorder is an evaluate function that records the scopes it is given,
// failing while fail is set.
type scopeRecorder struct {
	mu     sync.Mutex
	scopes []signals.Scope
	fail   bool
}

func (r *scopeRecorder) evaluate(_ context.Context, sc signals.Scope) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail {
		return errors.New("the evaluation failed")
	}
	r.scopes = append(r.scopes, sc)
	return nil
}

// takeScopes returns the scopes recorded (Every ones left out when marked is
// set) as strings, sorted, and forgets them.
func (r *scopeRecorder) takeScopes(marked bool) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, sc := range r.scopes {
		if marked && sc.Every {
			continue
		}
		out = append(out, scopeString(sc))
	}
	r.scopes = nil
	sort.Strings(out)
	return out
}

func scopeString(sc signals.Scope) string {
	since := "nil"
	if sc.Since != nil {
		since = sc.Since.Format(time.DateOnly)
	}
	if sc.Every {
		return "every since " + since
	}
	return fmt.Sprintf("dealers %v channels %v territories %v since %s", sc.Dealers, sc.Channels, sc.Territories, since)
}

func datePtr(t time.Time) *time.Time { return &t }

func TestCoalesce(t *testing.T) {
	n := 0
	d := func(dealer int, since *time.Time) *ent.SignalCheck {
		n++
		return &ent.SignalCheck{ID: n, DealerID: &dealer, Since: since}
	}
	ch := func(id, ch int, since *time.Time) *ent.SignalCheck {
		return &ent.SignalCheck{ID: id, ChannelID: &ch, Since: since}
	}
	// A burst: dealer 1 five times, from 3 March at the earliest; dealer 2
	// from 3 March; channel 7 from 1 March.
	marks := []*ent.SignalCheck{d(1, datePtr(mday(3, 20))), d(1, datePtr(mday(3, 3))), d(1, datePtr(mday(3, 25))), d(1, datePtr(mday(3, 3))),
		d(1, datePtr(mday(3, 10))), d(2, datePtr(mday(3, 3))), ch(7, 7, datePtr(mday(3, 1))), ch(8, 7, datePtr(mday(3, 9)))}
	var got []string
	var ids [][]int
	for _, g := range signals.Coalesce(marks) {
		got = append(got, scopeString(g.Scope))
		ids = append(ids, g.Marks)
	}
	want := []string{"dealers [] channels [7] territories [] since 2026-03-01", "dealers [1 2] channels [] territories [] since 2026-03-03"}
	if !slices.Equal(got, want) {
		t.Errorf("scopes %q, want %q", got, want)
	}
	if fmt.Sprint(ids) != "[[7 8] [1 2 3 4 5 6]]" {
		t.Errorf("marks per scope %v", ids)
	}
	// A mark of every open period of a subject wins over its dates.
	got, n = nil, 0
	for _, g := range signals.Coalesce([]*ent.SignalCheck{d(1, datePtr(mday(3, 3))), d(1, nil)}) {
		got = append(got, scopeString(g.Scope))
	}
	if !slices.Equal(got, []string{"dealers [1] channels [] territories [] since nil"}) {
		t.Errorf("a subject's every open period: %q", got)
	}
	// Any mark of every subject: one evaluation of every subject.
	got, n = nil, 0
	for _, g := range signals.Coalesce([]*ent.SignalCheck{d(1, datePtr(mday(3, 3))), {ID: 2, Every: true}, ch(3, 7, datePtr(mday(3, 1)))}) {
		got = append(got, scopeString(g.Scope))
		if len(g.Marks) != 3 {
			t.Errorf("every: covers %v", g.Marks)
		}
	}
	if !slices.Equal(got, []string{"every since nil"}) {
		t.Errorf("every: %q", got)
	}
}

func TestNextMidnight(t *testing.T) {
	shanghai, _ := time.LoadLocation("Asia/Shanghai")
	berlin, _ := time.LoadLocation("Europe/Berlin")
	santiago, _ := time.LoadLocation("America/Santiago")
	for _, c := range []struct {
		now  time.Time
		loc  *time.Location
		want time.Time
	}{
		// 17:30 UTC is 01:30 on the 2nd in Shanghai: the next is the 3rd's.
		{time.Date(2026, 3, 1, 17, 30, 0, 0, time.UTC), shanghai, time.Date(2026, 3, 2, 16, 0, 0, 0, time.UTC)},
		// 15:59:59 UTC is 23:59:59 in Shanghai: a second away.
		{time.Date(2026, 3, 1, 15, 59, 59, 0, time.UTC), shanghai, time.Date(2026, 3, 1, 16, 0, 0, 0, time.UTC)},
		// At midnight exactly: the next day's.
		{time.Date(2026, 3, 1, 16, 0, 0, 0, time.UTC), shanghai, time.Date(2026, 3, 2, 16, 0, 0, 0, time.UTC)},
		// The end of a month and of a year.
		{time.Date(2026, 12, 31, 12, 0, 0, 0, time.UTC), time.UTC, time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)},
		// Berlin moves to summer time on 29 March 2026 (at 02:00): the 30th
		// begins at 22:00 UTC on the 29th.
		{time.Date(2026, 3, 29, 12, 0, 0, 0, time.UTC), berlin, time.Date(2026, 3, 29, 22, 0, 0, 0, time.UTC)},
		{time.Date(2026, 3, 28, 12, 0, 0, 0, time.UTC), berlin, time.Date(2026, 3, 28, 23, 0, 0, 0, time.UTC)},
		// Santiago skips midnight itself (6 September 2026, 00:00 → 01:00):
		// the day begins at 01:00 local, 04:00 UTC (time.Date places the
		// missing midnight at 03:00 UTC, 23:00 the day before).
		{time.Date(2026, 9, 5, 12, 0, 0, 0, time.UTC), santiago, time.Date(2026, 9, 6, 4, 0, 0, 0, time.UTC)},
	} {
		got := signals.NextMidnight(c.now, c.loc)
		if !got.Equal(c.want) {
			t.Errorf("NextMidnight(%v, %v) = %v, want %v", c.now, c.loc, got.UTC(), c.want)
		}
		if !got.After(c.now) {
			t.Errorf("NextMidnight(%v, %v) = %v is not after now", c.now, c.loc, got)
		}
		if h, m, s := got.In(c.loc).Clock(); c.loc != santiago && (h != 0 || m != 0 || s != 0) {
			t.Errorf("NextMidnight(%v, %v) = %v is not midnight there", c.now, c.loc, got.In(c.loc))
		}
		// The new day has begun there, and had not a second before.
		if next := c.now.In(c.loc).AddDate(0, 0, 1); got.In(c.loc).Day() != next.Day() || got.Add(-time.Second).In(c.loc).Day() == next.Day() {
			t.Errorf("NextMidnight(%v, %v) = %v is not the start of the next day", c.now, c.loc, got.In(c.loc))
		}
	}
}

// TestDrain: many marks, one evaluation per subject; the marks read are
// deleted once evaluated, and kept while the evaluation fails.
func TestDrain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newMarkWorld(t, db)
		c := w.c
		takeMarks(t, c)
		rec := &scopeRecorder{}
		r := signals.NewRunner(c, rec.evaluate, time.UTC, nil)
		ctx := context.Background()

		// A burst of facts of two dealers and a territory.
		for i := 1; i <= 10; i++ {
			c.SatisfactionScore.Create().SetDealerID(w.a.ID).SetScoredOn(mday(3, i)).SetScore(3).ExecX(bypass)
		}
		c.DistributionSurvey.Create().SetDealerID(w.b.ID).SetSurveyedOn(mday(3, 5)).SetOutletsVisited(4).SetOutletsCarrying(1).ExecX(bypass)
		c.MarketShare.Create().SetTerritoryID(w.t.ID).SetMonth(period.MustParse("2026-02")).SetShare(0.2).ExecX(bypass)

		rec.fail = true
		if _, err := r.Drain(ctx); err == nil {
			t.Fatal("Drain: want the evaluation's error")
		}
		if n := c.SignalCheck.Query().CountX(bypass); n != 12 {
			t.Fatalf("after a failed evaluation: %d marks, want the 12 kept", n)
		}
		rec.fail = false
		n, err := r.Drain(ctx)
		if err != nil || n != 12 {
			t.Fatalf("Drain = %d, %v; want the 12 marks", n, err)
		}
		want := []string{
			"dealers [] channels [] territories [" + fmt.Sprint(w.t.ID) + "] since 2026-02-01",
			"dealers [" + fmt.Sprint(w.a.ID) + "] channels [] territories [] since 2026-03-01",
			"dealers [" + fmt.Sprint(w.b.ID) + "] channels [] territories [] since 2026-03-05",
		}
		sort.Strings(want)
		if got := rec.takeScopes(false); !slices.Equal(got, want) {
			t.Errorf("evaluations %q, want %q", got, want)
		}
		if n := c.SignalCheck.Query().CountX(bypass); n != 0 {
			t.Errorf("%d marks left", n)
		}
		if n, err := r.Drain(ctx); n != 0 || err != nil {
			t.Errorf("a pass without marks: %d, %v", n, err)
		}
		if got := rec.takeScopes(false); len(got) != 0 {
			t.Errorf("a pass without marks evaluated %q", got)
		}

		// A mark written while an evaluation runs is not deleted with the
		// marks read before it.
		late := false
		r2 := signals.NewRunner(c, func(ctx context.Context, sc signals.Scope) error {
			if !late {
				late = true
				c.SatisfactionScore.Create().SetDealerID(w.b.ID).SetScoredOn(mday(3, 9)).SetScore(3).ExecX(bypass)
			}
			return rec.evaluate(ctx, sc)
		}, time.UTC, nil)
		c.SatisfactionScore.Create().SetDealerID(w.a.ID).SetScoredOn(mday(3, 8)).SetScore(3).ExecX(bypass)
		if _, err := r2.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		if got := rec.takeScopes(false); len(got) != 1 {
			t.Errorf("the pass that read A's mark: evaluations %q, want A's", got)
		}
		if n := c.SignalCheck.Query().CountX(bypass); n != 1 {
			t.Errorf("%d marks left, want B's, written during the evaluation", n)
		}
		if _, err := r2.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		want = []string{"dealers [" + fmt.Sprint(w.b.ID) + "] channels [] territories [] since 2026-03-09"}
		if got := rec.takeScopes(false); !slices.Equal(got, want) {
			t.Errorf("the next pass: %q, want %q", got, want)
		}
		if n := c.SignalCheck.Query().CountX(bypass); n != 0 {
			t.Errorf("%d marks left", n)
		}
	})
}

// TestRun: a running runner evaluates every subject when it starts, then
// each burst of commits once per subject, woken by the commit.
func TestRun(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newMarkWorld(t, db)
		c := w.c
		takeMarks(t, c)
		rec := &scopeRecorder{}
		r := signals.NewRunner(c, rec.evaluate, time.UTC, nil)
		r.Watch(c)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { defer close(done); r.Run(ctx) }()
		defer func() { cancel(); <-done }()
		wait, stop := context.WithTimeout(ctx, 10*time.Second)
		defer stop()
		if err := r.Idle(wait); err != nil {
			t.Fatal(err)
		}
		if got := rec.takeScopes(false); len(got) == 0 || got[0] != "every since nil" {
			t.Errorf("on start: %q, want every subject evaluated", got)
		}
		tx, err := c.Tx(bypass)
		if err != nil {
			t.Fatal(err)
		}
		for i := 1; i <= 20; i++ {
			tx.SatisfactionScore.Create().SetDealerID(w.a.ID).SetScoredOn(mday(4, i)).SetScore(3).ExecX(bypass)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		if err := r.Idle(wait); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("evaluated %v after the commit", d)
		}
		want := []string{"dealers [" + fmt.Sprint(w.a.ID) + "] channels [] territories [] since 2026-04-01"}
		if got := rec.takeScopes(true); !slices.Equal(got, want) {
			t.Errorf("a burst of 20: %q, want %q", got, want)
		}
	})
}

// TestElect: two runners on one PostgreSQL database; one evaluates, and
// the other takes over when it stops.
func TestElect(t *testing.T) {
	db := storetest.OpenPostgres(t)
	w := newMarkWorld(t, db)
	c := w.c
	takeMarks(t, c)
	recs := []*scopeRecorder{{}, {}}
	runners := make([]*signals.Runner, 2)
	stops := make([]func(), 2)
	for i := range runners {
		runners[i] = signals.NewRunner(c, recs[i].evaluate, time.UTC, nil)
		runners[i].Watch(c)
		runners[i].Elect(db.Dedicated)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { defer close(done); runners[i].Run(ctx) }()
		stops[i] = func() { cancel(); <-done }
		defer stops[i]()
	}
	leader := func() int {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			for i, r := range runners {
				if r.Leading() {
					return i
				}
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Fatal("no runner leads")
		return -1
	}
	l := leader()
	wait, stop := context.WithTimeout(context.Background(), 10*time.Second)
	defer stop()
	if err := runners[l].Idle(wait); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 5; i++ {
		c.SatisfactionScore.Create().SetDealerID(w.a.ID).SetScoredOn(mday(4, i)).SetScore(3).ExecX(bypass)
	}
	if err := runners[l].Idle(wait); err != nil {
		t.Fatal(err)
	}
	if runners[1-l].Leading() {
		t.Fatal("both lead")
	}
	if got := recs[1-l].takeScopes(false); len(got) != 0 {
		t.Errorf("the follower evaluated %q", got)
	}
	if got := recs[l].takeScopes(true); len(got) != 1 {
		t.Errorf("the leader evaluated %q, want one evaluation of A", got)
	}

	// The leader stops: the other takes the lock, evaluates every subject
	// at once, then the marks.
	stops[l]()
	stops[l] = func() {}
	c.SatisfactionScore.Create().SetDealerID(w.b.ID).SetScoredOn(mday(4, 9)).SetScore(3).ExecX(bypass)
	deadline := time.Now().Add(10 * time.Second)
	for !runners[1-l].Leading() && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if err := runners[1-l].Idle(wait); err != nil {
		t.Fatal(err)
	}
	got := recs[1-l].takeScopes(false)
	if !slices.Contains(got, "every since nil") ||
		!slices.Contains(got, "dealers ["+fmt.Sprint(w.b.ID)+"] channels [] territories [] since 2026-04-09") {
		t.Errorf("the new leader evaluated %q", got)
	}
}
