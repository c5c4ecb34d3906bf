package server_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/demo"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/server"
)

// dealerNamed is the id of the demo dealer with code.
func dealerNamed(t *testing.T, m *server.Main, code string) *ent.Dealer {
	t.Helper()
	return m.Client().Dealer.Query().Where(dealer.Code(code)).OnlyX(access.Bypass(context.Background()))
}

// addRelationship writes n interactions (each with a follow-up done) and n
// tickets (each with a reply) for d, over the last n days, as the
// relationship service would.
func addRelationship(t *testing.T, m *server.Main, d *ent.Dealer, n int) {
	t.Helper()
	ctx := access.Bypass(context.Background())
	c := m.Client()
	now := time.Now().UTC()
	for i := range n {
		at := now.Add(-time.Duration(i)*24*time.Hour - time.Hour)
		in := c.Interaction.Create().SetDealerID(d.ID).SetKind("VISIT").SetOccurredAt(at).
			SetSubject(fmt.Sprintf("Visit %d", i)).SetNotes("客户反映售后响应慢").SetAuthorName("Liu Yang").SaveX(ctx)
		c.FollowUp.Create().SetInteractionID(in.ID).SetDealerID(d.ID).SetDueOn(at).SetText("Call back").
			SetAssigneeName("Liu Yang").SetDoneAt(at.Add(time.Minute)).SaveX(ctx)
		tk := c.ServiceTicket.Create().SetDealerID(d.ID).SetSubject(fmt.Sprintf("Late delivery %d", i)).SetBody("Where is it?").
			SetOpenedAt(at.Add(2 * time.Minute)).SetOpenedByName("Zhao Lei").SetLastActivityAt(at).SaveX(ctx)
		c.TicketReply.Create().SetTicketID(tk.ID).SetDealerID(d.ID).SetAuthorName("Liu Yang").SetFromStaff(true).
			SetBody("On its way").SetAt(at.Add(3 * time.Minute)).SaveX(ctx)
	}
}

const timelineQuery = `query($id: ID!, $n: Int, $after: String, $kinds: [TimelineKind!]) { node(id: $id) { ... on Dealer {
	timeline(first: $n, after: $after, kinds: $kinds) { totalCount pageInfo { hasNextPage endCursor }
		edges { cursor node { id kind at action subject { id __typename } } } } } } }`

type timelinePage struct {
	Node *struct {
		Timeline struct {
			TotalCount int
			PageInfo   struct {
				HasNextPage bool
				EndCursor   string
			}
			Edges []struct {
				Node struct {
					ID      string
					Kind    string
					Action  *string
					Subject struct {
						Typename string `json:"__typename"`
					}
				}
			}
		}
	}
}

// TestTimeline_BoundedStatements: a page costs the same few statements
// whatever its size — the page, its total, the dealer's territories (for
// the announcements that reached it) and one per kind of subject on it.
func TestTimeline_BoundedStatements(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		north := dealerNamed(t, m, demo.NorthDistribution)
		addRelationship(t, m, north, 6)
		count := func(n int) (int64, map[string]bool) {
			before := m.Statements()
			var got timelinePage
			admin.mustQuery(t, timelineQuery, map[string]any{"id": north.ID, "n": n}, &got)
			if got.Node == nil || len(got.Node.Timeline.Edges) != n {
				t.Fatalf("first %d: %+v", n, got.Node)
			}
			kinds := map[string]bool{}
			for _, e := range got.Node.Timeline.Edges {
				kinds[e.Node.Kind] = true
			}
			return m.Statements() - before, kinds
		}
		count(1) // the token's last use is written at most once a minute: not in the figures
		small, _ := count(5)
		large, kinds := count(50)
		if len(kinds) < 6 {
			t.Errorf("the page of 50 has only the kinds %v: the test proves little", kinds)
		}
		// The dealer, its territories, the page, the total, and at most a
		// statement per type of subject (eleven).
		const bound = 4 + 11
		if small > bound || large > bound {
			t.Errorf("timeline pages took %d (first 5) and %d (first 50) statements, want at most %d", small, large, bound)
		}
		t.Logf("%d statements for a timeline page of 5, %d for 50 with %d kinds", small, large, len(kinds))
	})
}

func TestTimeline_API(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin, manager := signIn(t, m, "admin@demo.test"), signIn(t, m, "manager@demo.test")
		north, south := signIn(t, m, "north@demo.test"), signIn(t, m, "south@demo.test")
		d := dealerNamed(t, m, demo.NorthDistribution)
		addRelationship(t, m, d, 2)

		// The whole timeline in pages, totalCount the same on each.
		var all []string
		var after any
		total := -1
		for {
			var got timelinePage
			admin.mustQuery(t, timelineQuery, map[string]any{"id": d.ID, "n": 100, "after": after}, &got)
			tl := got.Node.Timeline
			if total >= 0 && tl.TotalCount != total {
				t.Errorf("totalCount changed from %d to %d between pages", total, tl.TotalCount)
			}
			total = tl.TotalCount
			for _, e := range tl.Edges {
				all = append(all, e.Node.ID)
			}
			if !tl.PageInfo.HasNextPage {
				break
			}
			after = tl.PageInfo.EndCursor
		}
		if len(all) != total || total == 0 {
			t.Errorf("paged through %d entries, totalCount %d", len(all), total)
		}

		// The dealer's own user: no internal entries.
		var got timelinePage
		north.mustQuery(t, timelineQuery, map[string]any{"id": d.ID, "n": 100, "kinds": []string{"INTERACTION", "FOLLOW_UP", "TICKET"}}, &got)
		for _, e := range got.Node.Timeline.Edges {
			if e.Node.Kind != "TICKET" {
				t.Errorf("a dealer user sees a %s entry", e.Node.Kind)
			}
		}
		var tickets timelinePage
		admin.mustQuery(t, timelineQuery, map[string]any{"id": d.ID, "n": 100, "kinds": []string{"TICKET"}}, &tickets)
		if n := got.Node.Timeline.TotalCount; n != tickets.Node.Timeline.TotalCount || n < 4 {
			t.Errorf("the dealer user sees %d ticket entries, the admin %d", n, tickets.Node.Timeline.TotalCount)
		}
		var staff timelinePage
		manager.mustQuery(t, timelineQuery, map[string]any{"id": d.ID, "n": 100, "kinds": []string{"INTERACTION", "FOLLOW_UP"}}, &staff)
		if staff.Node == nil || staff.Node.Timeline.TotalCount < 4 {
			t.Errorf("the manager sees %+v, want at least 2 interactions and 2 follow-ups", staff.Node)
		}
		subjects := map[string]string{"INTERACTION": "Interaction", "FOLLOW_UP": "FollowUp"}
		for _, e := range staff.Node.Timeline.Edges {
			if e.Node.Subject.Typename != subjects[e.Node.Kind] {
				t.Errorf("a %s entry is about a %s", e.Node.Kind, e.Node.Subject.Typename)
			}
		}

		// A dealer the viewer may not see has no timeline to ask for.
		east := dealerNamed(t, m, "D-EAST") // Key accounts: not the manager's channel
		for who, c := range map[string]client{"the manager": manager, "another dealer's user": south} {
			id := d.ID
			if who == "the manager" {
				id = east.ID
			}
			var none timelinePage
			c.mustQueryAllowingErrors(t, timelineQuery, map[string]any{"id": id, "n": 10}, &none)
			if none.Node != nil {
				t.Errorf("%s reads the timeline of a dealer it cannot see", who)
			}
		}

		// Bad arguments.
		for _, c := range []struct {
			vars  map[string]any
			field string
		}{
			{map[string]any{"id": d.ID, "n": 0}, "first"},
			{map[string]any{"id": d.ID, "n": 101}, "first"},
			{map[string]any{"id": d.ID, "n": 10, "after": "not-a-cursor"}, "after"},
			{map[string]any{"id": d.ID, "n": 10, "kinds": []string{"GOSSIP"}}, ""},
		} {
			r := admin.query(t, timelineQuery, c.vars)
			if len(r.Errors) == 0 {
				t.Errorf("%v: no error", c.vars)
				continue
			}
			if c.field == "" {
				continue // an unknown enum value: refused by validation
			}
			if r.code() != "INVALID_INPUT" || r.Errors[0].Extensions["field"] != c.field {
				t.Errorf("%v: %+v, want INVALID_INPUT on %s", c.vars, r.Errors, c.field)
			}
		}
	})
}
