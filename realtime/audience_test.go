package realtime_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/announcing"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/demo"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/channel"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/ent/territory"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/realtime"
	"github.com/dealerline/dealerline/store"
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

// Announcements are matched by DealerReach keys in memory; the privacy rule
// (access.Announcements, in SQL) and its in-memory form
// (access.AnnouncementAudience.Reads) must agree with the hub, live and on
// replay: for every dealer, every staff user and a range of audiences, the
// announcements a viewer hears are exactly those it may read.
func TestViewerKeys_AgreeWithWhoReadsWhichAnnouncements(t *testing.T) {
	storetest.Each(t, testViewerKeysAgreeOnAnnouncements)
}

func testViewerKeysAgreeOnAnnouncements(t *testing.T, db *store.DB) {
	ctx := context.Background()
	if err := demo.Load(ctx, db.Client, time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	sys := privacy.DecisionContext(ctx, privacy.Allow)
	c := db.Client
	channels, err := c.Channel.Query().Order(ent.Asc(channel.FieldID)).IDs(sys)
	if err != nil {
		t.Fatal(err)
	}
	territories, err := c.Territory.Query().Order(ent.Asc(territory.FieldID)).IDs(sys)
	if err != nil {
		t.Fatal(err)
	}
	users, err := c.User.Query().WithManagedChannels().All(sys)
	if err != nil {
		t.Fatal(err)
	}
	dealerIDs, err := c.Dealer.Query().Order(ent.Asc(dealer.FieldID)).IDs(sys)
	if err != nil {
		t.Fatal(err)
	}
	var staffID int
	for _, u := range users {
		if u.Role == user.RoleCHANNEL_MANAGER {
			staffID = u.ID
		}
	}
	// Besides the demo's own: audiences over every dimension and their
	// combinations, some matching nobody.
	audiences := []access.AnnouncementAudience{
		{ChannelIDs: channels[:2]},
		{ChannelIDs: channels[2:], Tiers: []int{1}},
		{Tiers: []int{2}, TerritoryIDs: territories[4:5]},
		{TerritoryIDs: territories[6:]},
		{ChannelIDs: channels[:1], Tiers: []int{2}, TerritoryIDs: territories[2:4], PublishedBy: staffID},
		{Tiers: []int{1, 2}},
		// Named dealers: alone (those only), and besides a dimension.
		{DealerIDs: dealerIDs[:2]},
		{DealerIDs: dealerIDs[len(dealerIDs)-1:], ChannelIDs: channels[:1], PublishedBy: staffID},
	}
	for i, a := range audiences {
		create := c.Announcement.Create().SetTitle(fmt.Sprint("audience ", i)).SetBody("b").
			SetPublishedAt(time.Now()).SetPublishedByName("x").
			AddChannelIDs(a.ChannelIDs...).AddTerritoryIDs(a.TerritoryIDs...).AddDealerIDs(a.DealerIDs...)
		if len(a.Tiers) > 0 {
			create.SetTiers(a.Tiers)
		}
		if a.PublishedBy != 0 {
			create.SetPublishedByID(a.PublishedBy)
		}
		if err := create.Exec(sys); err != nil {
			t.Fatal(err)
		}
	}
	all, err := c.Announcement.Query().WithChannels().WithTerritories().WithDealers().All(sys)
	if err != nil {
		t.Fatal(err)
	}

	viewers := map[string]*auth.Viewer{}
	for _, u := range users {
		if u.Role != user.RoleDEALER {
			viewers[u.Email] = viewerOf(u)
		}
	}
	dealers, err := c.Dealer.Query().WithTerritories().All(sys)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dealers {
		v := &auth.Viewer{Role: user.RoleDEALER, DealerID: d.ID, DealerTier: d.Tier, DealerChannelID: d.ChannelID}
		for _, t := range d.Edges.Territories {
			v.DealerTerritoryIDs = append(v.DealerTerritoryIDs, t.ID)
		}
		viewers[d.Code] = v
	}

	f := newFixture(t, db, realtime.Limits{QueueLen: len(all) + 1, MaxSubscriptions: 1})
	before := f.hub.Cursor()
	kinds := []realtime.Kind{realtime.AnnouncementPublished}
	live := map[string]*realtime.Subscription{}
	for name, v := range viewers {
		live[name] = f.subscribe(t, realtime.Filter{Keys: realtime.ViewerKeys(v), Kinds: kinds}, nil)
	}
	tx, err := c.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range all {
		au := announcing.AudienceOf(a)
		e := realtime.AnnouncementPublishedEvent(realtime.Announcement{AnnouncementID: a.ID, Title: a.Title},
			realtime.DealerReach{Channels: au.ChannelIDs, Tiers: au.Tiers, Territories: au.TerritoryIDs, Dealers: au.DealerIDs}, au.PublishedBy)
		if err := realtime.Record(ctx, tx.Client(), e); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	f.publish(t)

	// What s delivers: the n expected (a replay reads the outbox, which may
	// take a while), then whatever else comes at once.
	heard := func(s *realtime.Subscription, n int) []int {
		var ids []int
		for i := 0; ; i++ {
			wait := 20 * time.Millisecond
			if i < n {
				wait = 5 * time.Second
			}
			ctx, cancel := context.WithTimeout(ctx, wait)
			e, err := s.Next(ctx)
			cancel()
			if err != nil {
				break
			}
			ids = append(ids, e.SubjectID)
		}
		slices.Sort(ids)
		return ids
	}
	for name, v := range viewers {
		visible, err := c.Announcement.Query().IDs(auth.NewContext(ctx, v))
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(visible)
		var reads []int
		for _, a := range all {
			if announcing.AudienceOf(a).Reads(v) {
				reads = append(reads, a.ID)
			}
		}
		slices.Sort(reads)
		if !slices.Equal(visible, reads) {
			t.Errorf("%s: the privacy rule shows announcements %v, its in-memory form %v", name, visible, reads)
		}
		if got := heard(live[name], len(visible)); !slices.Equal(visible, got) {
			t.Errorf("%s reads announcements %v but hears %v live", name, visible, got)
		}
		replay := f.subscribe(t, realtime.Filter{Keys: realtime.ViewerKeys(v), Kinds: kinds}, &before)
		if got := heard(replay, len(visible)); !slices.Equal(visible, got) {
			t.Errorf("%s reads announcements %v but hears %v on replay", name, visible, got)
		}
	}
}
