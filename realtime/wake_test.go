package realtime_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/dealerline/dealerline/realtime"
	"github.com/dealerline/dealerline/store/storetest"
)

// watched is one subscription as its pump sees it: how often the hub woke
// it, and the codes its connection was closed with.
type watched struct {
	sub   *realtime.Subscription
	wakes int
	kicks []int
}

// watch subscribes a connection with filter to a hub whose subscriptions
// queue at most queueLen events, counting wake-ups and closes. The hub
// calls both while it delivers, on the publishing goroutine.
func watch(t *testing.T, queueLen int, filter realtime.Filter) (*realtime.Hub, *watched) {
	t.Helper()
	hub := realtime.NewHub(storetest.Open(t).Client, 0, realtime.Limits{QueueLen: queueLen, MaxSubscriptions: 4}, nil)
	w := &watched{}
	conn := hub.Connect(1, func(code int, _ string) { w.kicks = append(w.kicks, code) })
	t.Cleanup(conn.Close)
	sub, err := hub.Subscribe(context.Background(), conn, filter, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sub.Close)
	sub.OnQueued(func() { w.wakes++ })
	w.sub = sub
	return hub, w
}

// numbered returns events numbered from 1, as the relay delivers them.
func numbered(events ...realtime.Event) []*realtime.Event {
	out := make([]*realtime.Event, len(events))
	for i := range events {
		e := events[i]
		e.Seq = int64(i + 1)
		out[i] = &e
	}
	return out
}

// drain reads what the pump would send now: the numbers of the events
// waiting, and the error that ends the subscription, if it has ended.
func drain(t *testing.T, s *realtime.Subscription) ([]int64, error) {
	t.Helper()
	var seqs []int64
	for {
		e, err := s.TryNext(context.Background())
		if e == nil {
			return seqs, err
		}
		seqs = append(seqs, e.Seq)
	}
}

func TestHub_WakesThePumpOfEachSubscriberItQueuesFor(t *testing.T) {
	dealer11 := realtime.Filter{Keys: []realtime.Key{realtime.DealerKey(11), realtime.ChannelKey(3)}, Kinds: []realtime.Kind{realtime.OrderStatusChanged}}
	order1 := dealer11
	order1.OrderID = 1
	for _, tc := range []struct {
		name     string
		filter   realtime.Filter
		queueLen int
		events   []realtime.Event
		// what the subscriber sees
		wakes   int
		read    []int64
		tooSlow bool
		kicks   []int
	}{
		{
			name: "WokenOnceForEachEventQueued", filter: all(realtime.AllKey()), queueLen: 4,
			events: []realtime.Event{statusEvent(1, subDealer, "SUBMITTED"), statusEvent(2, other, "SUBMITTED"), statusEvent(1, subDealer, "CONFIRMED")},
			wakes:  3, read: []int64{1, 2, 3},
		},
		{
			name: "NotWokenForAnotherDealersEvents", filter: dealer11, queueLen: 4,
			events: []realtime.Event{statusEvent(20, other, "SUBMITTED"), statusEvent(21, other, "CONFIRMED")},
			wakes:  0,
		},
		{
			name: "WokenOnceForAnEventHeardThroughTwoOfItsKeys", filter: dealer11, queueLen: 4,
			events: []realtime.Event{statusEvent(1, subDealer, "SUBMITTED")}, // dealer 11 and channel 3
			wakes:  1, read: []int64{1},
		},
		{
			name: "NotWokenForOtherOrdersWhenFollowingOne", filter: order1, queueLen: 4,
			events: []realtime.Event{statusEvent(2, subDealer, "SUBMITTED"), statusEvent(1, subDealer, "SUBMITTED")},
			wakes:  1, read: []int64{2},
		},
		{
			name: "NotWokenForSystemEvents", filter: all(realtime.AllKey()), queueLen: 4,
			events: []realtime.Event{{Kind: realtime.TokenRevoked, SubjectID: 9}},
			wakes:  0,
		},
		{
			name: "QueuesUpToItsLimit", filter: all(realtime.AllKey()), queueLen: 2,
			events: []realtime.Event{statusEvent(1, subDealer, "SUBMITTED"), statusEvent(1, subDealer, "CONFIRMED")},
			wakes:  2, read: []int64{1, 2},
		},
		{
			// Two queued, the third overflows: woken to end, closed with
			// 1013 once, and deaf to what follows. It ends at once, the
			// two queued unsent: it resumes from its cursor and gets them.
			name: "DroppedAndClosedWith1013WhenTooSlow", filter: all(realtime.AllKey()), queueLen: 2,
			events: []realtime.Event{
				statusEvent(1, subDealer, "SUBMITTED"), statusEvent(1, subDealer, "CONFIRMED"),
				statusEvent(1, subDealer, "IN_FULFILLMENT"), statusEvent(1, subDealer, "SHIPPED"),
			},
			wakes: 3, tooSlow: true, kicks: []int{realtime.CloseTryAgain},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hub, w := watch(t, tc.queueLen, tc.filter)
			hub.Publish(context.Background(), numbered(tc.events...))
			if w.wakes != tc.wakes {
				t.Errorf("woken %d times, want %d", w.wakes, tc.wakes)
			}
			if got, want := w.sub.Pending(), len(tc.read) > 0 || tc.tooSlow; got != want {
				t.Errorf("Pending() = %v, want %v", got, want)
			}
			read, err := drain(t, w.sub)
			if !slices.Equal(read, tc.read) {
				t.Errorf("read events %v, want %v", read, tc.read)
			}
			if got := errors.Is(err, realtime.ErrTooSlow); got != tc.tooSlow || (err != nil && !got) {
				t.Errorf("the subscription ended with %v, want too slow: %v", err, tc.tooSlow)
			}
			if !slices.Equal(w.kicks, tc.kicks) {
				t.Errorf("connection closed with %v, want %v", w.kicks, tc.kicks)
			}
			if !tc.tooSlow && w.sub.Pending() {
				t.Error("Pending() after every event was read")
			}
		})
	}
}

// Events queued before the pump asked to be woken are not lost: they are
// pending, and read by its first run.
func TestHub_EventsQueuedBeforeOnQueuedArePending(t *testing.T) {
	hub := realtime.NewHub(storetest.Open(t).Client, 0, realtime.DefaultLimits(), nil)
	sub, err := hub.Subscribe(context.Background(), nil, all(realtime.AllKey()), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Close()
	hub.Publish(context.Background(), numbered(statusEvent(1, subDealer, "SUBMITTED"), statusEvent(1, subDealer, "CONFIRMED")))
	wakes := 0
	sub.OnQueued(func() { wakes++ })
	if !sub.Pending() || wakes != 0 {
		t.Fatalf("Pending() = %v after %d wakes, want true after 0", sub.Pending(), wakes)
	}
	if read, err := drain(t, sub); !slices.Equal(read, []int64{1, 2}) || err != nil {
		t.Errorf("read %v, %v; want [1 2]", read, err)
	}
}

// A closed subscription is never woken again.
func TestHub_DoesNotWakeAClosedSubscription(t *testing.T) {
	hub, w := watch(t, 4, all(realtime.AllKey()))
	w.sub.Close()
	hub.Publish(context.Background(), numbered(statusEvent(1, subDealer, "SUBMITTED")))
	if w.wakes != 0 || w.sub.Pending() {
		t.Errorf("woken %d times, Pending() = %v; want 0, false", w.wakes, w.sub.Pending())
	}
}

// Events published with a gap would leave live subscribers without those
// between: every one is dropped, its pump woken to end, its connection
// closed with 1013, and it resumes from its cursor.
func TestHub_DropsEverySubscriberWhenEventsArriveOutOfOrder(t *testing.T) {
	hub, w := watch(t, 4, all(realtime.AllKey()))
	e := statusEvent(1, subDealer, "SUBMITTED")
	e.Seq = 2 // 1 never came
	hub.Publish(context.Background(), []*realtime.Event{&e})
	if w.wakes != 1 {
		t.Errorf("woken %d times, want once, to end", w.wakes)
	}
	if read, err := drain(t, w.sub); !errors.Is(err, realtime.ErrTooSlow) {
		t.Errorf("read %v, then %v; want ErrTooSlow", read, err)
	}
	if !slices.Equal(w.kicks, []int{realtime.CloseTryAgain}) {
		t.Errorf("connection closed with %v, want [1013]", w.kicks)
	}
}
