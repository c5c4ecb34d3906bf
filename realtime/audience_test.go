package realtime_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/demo"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/realtime"
	"github.com/dealerline/dealerline/store/storetest"
)

// The hub's in-memory rule (ViewerKeys against DealerAudience) and the
// privacy rules (access.Dealers, in SQL) must agree: for every demo user, the
// dealers whose events it hears are exactly the dealers it may see.
func TestViewerKeys_AgreeWithWhoSeesWhichDealers(t *testing.T) {
	db := storetest.Open(t)
	ctx := context.Background()
	if err := demo.Load(ctx, db.Client, time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	sys := privacy.DecisionContext(ctx, privacy.Allow)
	dealers, err := db.Client.Dealer.Query().All(sys)
	if err != nil {
		t.Fatal(err)
	}
	users, err := db.Client.User.Query().WithManagedChannels().All(sys)
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, db, realtime.Limits{QueueLen: len(dealers) + 1, MaxSubscriptions: 1})

	// One event for each dealer, published to every user's subscription.
	subs := map[*ent.User]*realtime.Subscription{}
	for _, u := range users {
		subs[u] = f.subscribe(t, all(realtime.ViewerKeys(viewerOf(u))...), nil)
	}
	tx, err := db.Client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dealers {
		e := realtime.Event{Kind: realtime.OrderStatusChanged, SubjectID: d.ID, OrderID: d.ID, Audience: realtime.DealerAudience(d)}
		if err := realtime.Record(ctx, tx.Client(), e); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	f.publish(t)

	for _, u := range users {
		v := viewerOf(u)
		visible, err := db.Client.Dealer.Query().IDs(auth.NewContext(ctx, v))
		if err != nil {
			t.Fatal(err)
		}
		var heard []int
		for {
			ctx, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
			e, err := subs[u].Next(ctx)
			cancel()
			if err != nil {
				break
			}
			heard = append(heard, e.OrderID)
		}
		slices.Sort(visible)
		slices.Sort(heard)
		if !slices.Equal(visible, heard) {
			t.Errorf("%s (%s) sees dealers %v but hears the events of %v", u.Email, u.Role, visible, heard)
		}
	}
}

func viewerOf(u *ent.User) *auth.Viewer {
	v := &auth.Viewer{UserID: u.ID, Name: u.Name, Role: u.Role}
	if u.DealerID != nil {
		v.DealerID = *u.DealerID
	}
	for _, c := range u.Edges.ManagedChannels {
		v.ManagedChannelIDs = append(v.ManagedChannelIDs, c.ID)
	}
	return v
}
