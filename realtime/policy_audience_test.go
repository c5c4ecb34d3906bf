package realtime_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/demo"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/channel"
	"github.com/dealerline/dealerline/ent/channelpolicy"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/ent/territory"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/policies"
	"github.com/dealerline/dealerline/realtime"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

// Policies reach every dealer, the dealers matching their dimensions, and
// dealers named one by one; the privacy rule (access.Policies, in SQL), its
// in-memory form (access.PolicyAudience.Reads) and the hub's keys must
// agree, live and on replay: for every dealer, every staff user and a range
// of audiences, the policies a viewer hears are exactly those it may read.
func TestViewerKeys_AgreeWithWhoReadsWhichPolicies(t *testing.T) {
	storetest.Each(t, testViewerKeysAgreeOnPolicies)
}

func testViewerKeysAgreeOnPolicies(t *testing.T, db *store.DB) {
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
	dealerIDs, err := c.Dealer.Query().Order(ent.Asc(dealer.FieldID)).IDs(sys)
	if err != nil {
		t.Fatal(err)
	}
	users, err := c.User.Query().WithManagedChannels().All(sys)
	if err != nil {
		t.Fatal(err)
	}
	var staffID int
	for _, u := range users {
		if u.Role == user.RoleCHANNEL_MANAGER {
			staffID = u.ID
		}
	}
	// Besides the demo's own: every dealer, each dimension and their
	// combinations, named dealers alone and beside dimensions.
	audiences := []access.PolicyAudience{
		{All: true},
		{ChannelIDs: channels[:1]},
		{ChannelIDs: channels[1:], Tiers: []int{1}},
		{Tiers: []int{2}, TerritoryIDs: territories[4:5], DealerIDs: dealerIDs[:2]},
		{DealerIDs: dealerIDs[3:5]},
		{DealerIDs: dealerIDs[20:21], PublishedBy: staffID},
		{ChannelIDs: channels[:1], TerritoryIDs: territories[6:], DealerIDs: dealerIDs[25:]},
	}
	for i, a := range audiences {
		create := c.ChannelPolicy.Create().SetKind(channelpolicy.KindGENERAL).SetTitle(fmt.Sprint("audience ", i)).SetBody("b").
			SetEffectiveFrom(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)).SetPublishedAt(time.Now()).SetVersionPublishedAt(time.Now()).
			SetPublishedByName("x").SetAllDealers(a.All).
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
	all, err := c.ChannelPolicy.Query().WithChannels().WithTerritories().WithDealers().All(sys)
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

	// The dealer side of the rule (who is pending) agrees too.
	for _, p := range all {
		au := policies.AudienceOf(p)
		inSQL, err := c.Dealer.Query().Where(policies.AudienceDealers(au)).IDs(sys)
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(inSQL)
		var inMemory []int
		for _, v := range viewers {
			if v.Role == user.RoleDEALER && au.Includes(v.DealerID, v.DealerChannelID, v.DealerTier, v.DealerTerritoryIDs) {
				inMemory = append(inMemory, v.DealerID)
			}
		}
		slices.Sort(inMemory)
		if !slices.Equal(inSQL, inMemory) {
			t.Errorf("policy %q: AudienceDealers gives %v, Includes %v", p.Title, inSQL, inMemory)
		}
	}

	f := newFixture(t, db, realtime.Limits{QueueLen: len(all) + 1, MaxSubscriptions: 1})
	before := f.hub.Cursor()
	kinds := []realtime.Kind{realtime.PolicyChanged}
	live := map[string]*realtime.Subscription{}
	for name, v := range viewers {
		live[name] = f.subscribe(t, realtime.Filter{Keys: realtime.ViewerKeys(v), Kinds: kinds}, nil)
	}
	tx, err := c.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range all {
		au := policies.AudienceOf(p)
		e := realtime.PolicyChangedEvent(realtime.Policy{PolicyID: p.ID, Action: policies.Published, Version: 1},
			realtime.DealerReach{All: au.All, Channels: au.ChannelIDs, Tiers: au.Tiers, Territories: au.TerritoryIDs, Dealers: au.DealerIDs}, au.PublishedBy)
		if err := realtime.Record(ctx, tx.Client(), e); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	f.publish(t)

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
		visible, err := c.ChannelPolicy.Query().IDs(auth.NewContext(ctx, v))
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(visible)
		var reads []int
		for _, p := range all {
			if policies.AudienceOf(p).Reads(v) {
				reads = append(reads, p.ID)
			}
		}
		slices.Sort(reads)
		if !slices.Equal(visible, reads) {
			t.Errorf("%s: the privacy rule shows policies %v, its in-memory form %v", name, visible, reads)
		}
		if got := heard(live[name], len(visible)); !slices.Equal(visible, got) {
			t.Errorf("%s reads policies %v but hears %v live", name, visible, got)
		}
		replay := f.subscribe(t, realtime.Filter{Keys: realtime.ViewerKeys(v), Kinds: kinds}, &before)
		if got := heard(replay, len(visible)); !slices.Equal(visible, got) {
			t.Errorf("%s reads policies %v but hears %v on replay", name, visible, got)
		}
	}
}

// A policy's reach names dealers one by one, beside its dimensions or
// alone, or every dealer: each dealer hears exactly the policies it is in
// the audience of, live and on replay, and a reach naming dealers alone is
// not every dealer (as an announcement with no dimension is).
func TestHub_PolicyReachNamesDealersAndAll(t *testing.T) {
	f := newFixture(t, storetest.Open(t), realtime.Limits{QueueLen: 10, MaxSubscriptions: 1})
	dealerIn := func(id, channel int) *auth.Viewer {
		return &auth.Viewer{Role: user.RoleDEALER, DealerID: id, DealerTier: 2, DealerChannelID: channel}
	}
	viewers := map[string]*auth.Viewer{"d1": dealerIn(1, 20), "d2": dealerIn(2, 20), "d3": dealerIn(3, 10), "d4": dealerIn(4, 20)}
	want := map[string][]int{"d1": {101, 102}, "d2": {102, 103}, "d3": {102, 103}, "d4": {102}}
	kinds := []realtime.Kind{realtime.PolicyChanged}
	before := f.hub.Cursor()
	live := map[string]*realtime.Subscription{}
	for name, v := range viewers {
		live[name] = f.subscribe(t, realtime.Filter{Keys: realtime.ViewerKeys(v), Kinds: kinds}, nil)
	}
	event := func(id int, reach realtime.DealerReach) realtime.Event {
		return realtime.PolicyChangedEvent(realtime.Policy{PolicyID: id, Action: policies.Published, Version: 1}, reach, 0)
	}
	f.record(t,
		event(101, realtime.DealerReach{Dealers: []int{1}}),
		event(102, realtime.DealerReach{All: true}),
		event(103, realtime.DealerReach{Channels: []int{10}, Dealers: []int{2}}),
	)
	f.publish(t)
	heard := func(s *realtime.Subscription, n int) []int {
		var ids []int
		for i := 0; ; i++ {
			wait := 20 * time.Millisecond
			if i < n {
				wait = 5 * time.Second
			}
			ctx, cancel := context.WithTimeout(context.Background(), wait)
			e, err := s.Next(ctx)
			cancel()
			if err != nil {
				return ids
			}
			ids = append(ids, e.SubjectID)
		}
	}
	for name, v := range viewers {
		if got := heard(live[name], len(want[name])); !slices.Equal(got, want[name]) {
			t.Errorf("%s heard %v live; want %v", name, got, want[name])
		}
		replay := f.subscribe(t, realtime.Filter{Keys: realtime.ViewerKeys(v), Kinds: kinds}, &before)
		if got := heard(replay, len(want[name])); !slices.Equal(got, want[name]) {
			t.Errorf("%s heard %v on replay; want %v", name, got, want[name])
		}
	}
}
