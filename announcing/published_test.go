package announcing_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dealerline/dealerline/announcing"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/realtime"
	"github.com/dealerline/dealerline/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

// shop is an announcement service over a database with two channels and an
// announcement to channel A, counting the announcement loads; fail, when
// set, fails the next load.
type shop struct {
	svc          *announcing.Service
	client       *ent.Client
	inA, outside *auth.Viewer
	publish      func(t *testing.T) *realtime.Event
	loads        atomic.Int64
	fail         atomic.Bool
	release      chan struct{} // when set, loads wait for it
}

func newShop(t *testing.T) *shop {
	t.Helper()
	db := storetest.Open(t)
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	s := &shop{client: db.Client}
	chA := db.Client.Channel.Create().SetCode("A").SetName("Retail").SaveX(ctx)
	chB := db.Client.Channel.Create().SetCode("B").SetName("Key accounts").SaveX(ctx)
	s.inA = &auth.Viewer{UserID: 1, Role: user.RoleDEALER, DealerID: 1, DealerTier: 2, DealerChannelID: chA.ID}
	s.outside = &auth.Viewer{UserID: 2, Role: user.RoleDEALER, DealerID: 2, DealerTier: 2, DealerChannelID: chB.ID}
	var seq int64
	s.publish = func(t *testing.T) *realtime.Event {
		t.Helper()
		a := db.Client.Announcement.Create().SetTitle("Spring prices").SetBody("New prices from March.").
			SetPublishedAt(time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC)).SetPublishedByName("Admin").AddChannels(chA).SaveX(ctx)
		seq++
		e := realtime.AnnouncementPublishedEvent(realtime.Announcement{AnnouncementID: a.ID, Title: a.Title, PublishedAt: a.PublishedAt},
			realtime.DealerReach{Channels: []int{chA.ID}}, 0)
		e.Seq = seq
		return &e
	}
	db.Client.Announcement.Intercept(ent.InterceptFunc(func(next ent.Querier) ent.Querier {
		return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
			s.loads.Add(1)
			if s.release != nil {
				<-s.release
			}
			if s.fail.CompareAndSwap(true, false) {
				return nil, errors.New("the database went away")
			}
			return next.Query(ctx, q)
		})
	}))
	s.svc = announcing.NewService(db.Client)
	return s
}

func (s *shop) published(t *testing.T, v *auth.Viewer, e *realtime.Event) *ent.Announcement {
	t.Helper()
	a, err := s.svc.Published(auth.NewContext(context.Background(), v), e)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestPublished_LoadsTheAnnouncementOnceForEverySubscriber(t *testing.T) {
	s := newShop(t)
	e := s.publish(t)
	s.release = make(chan struct{})
	const subscribers = 20
	var started, done sync.WaitGroup
	got := make([]*ent.Announcement, subscribers)
	errs := make([]error, subscribers)
	for i := range subscribers {
		started.Add(1)
		done.Add(1)
		go func() {
			defer done.Done()
			started.Done()
			got[i], errs[i] = s.svc.Published(auth.NewContext(context.Background(), s.inA), e)
		}()
	}
	started.Wait()
	close(s.release)
	done.Wait()
	for i := range subscribers {
		if errs[i] != nil || got[i] == nil || got[i].Title != "Spring prices" {
			t.Fatalf("subscriber %d: %v, %v", i, got[i], errs[i])
		}
	}
	if n := s.loads.Load(); n != 1 {
		t.Errorf("loaded %d times for %d subscribers, want once", n, subscribers)
	}
}

func TestPublished_NilForAViewerOutsideTheAudience(t *testing.T) {
	s := newShop(t)
	e := s.publish(t)
	if a := s.published(t, s.inA, e); a == nil {
		t.Error("a dealer of channel A: nil")
	}
	if a := s.published(t, s.outside, e); a != nil {
		t.Errorf("a dealer of channel B: %q", a.Title)
	}
	if n := s.loads.Load(); n != 1 {
		t.Errorf("loaded %d times, want once", n)
	}
}

func TestPublished_NilForAnAnnouncementNoLongerThere(t *testing.T) {
	s := newShop(t)
	e := s.publish(t)
	p, _ := realtime.DecodeAnnouncement(e)
	s.client.Announcement.DeleteOneID(p.AnnouncementID).ExecX(privacy.DecisionContext(context.Background(), privacy.Allow))
	for range 2 {
		if a := s.published(t, s.inA, e); a != nil {
			t.Errorf("a deleted announcement: %q", a.Title)
		}
	}
	if n := s.loads.Load(); n != 1 {
		t.Errorf("loaded %d times, want once: that it is gone is kept too", n)
	}
}

func TestPublished_AFailedLoadIsTriedAgain(t *testing.T) {
	s := newShop(t)
	e := s.publish(t)
	s.fail.Store(true)
	if _, err := s.svc.Published(auth.NewContext(context.Background(), s.inA), e); err == nil {
		t.Fatal("the failed load: no error")
	}
	if a := s.published(t, s.inA, e); a == nil {
		t.Error("after a failed load: nil")
	}
	if n := s.loads.Load(); n != 2 {
		t.Errorf("loaded %d times, want twice", n)
	}
}

// Only the announcements of recent events are kept: one a subscriber
// resumes to long after is loaded afresh.
func TestPublished_KeepsOnlyRecentEvents(t *testing.T) {
	s := newShop(t)
	first := s.publish(t)
	s.published(t, s.inA, first)
	const later = 16
	for range later {
		s.published(t, s.inA, s.publish(t))
	}
	s.published(t, s.inA, first)
	if got, want := s.loads.Load(), int64(1+later+1); got != want {
		t.Errorf("loaded %d times, want %d: the first event's announcement again", got, want)
	}
}

func TestPublished_RefusesWithoutAViewer(t *testing.T) {
	s := newShop(t)
	if _, err := s.svc.Published(context.Background(), s.publish(t)); err == nil {
		t.Error("no viewer: no error")
	}
}
