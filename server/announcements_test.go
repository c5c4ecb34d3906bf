package server_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/server"
)

const announcementList = `{ announcements { totalCount edges { node { id title pinned readAt readCount publishedByName } } } }`

type announcementNode struct {
	ID, Title       string
	Pinned          bool
	ReadAt          *string
	ReadCount       *int
	PublishedByName string
}

func announcementsOf(t *testing.T, c client) (titles []string, total int, byTitle map[string]announcementNode) {
	t.Helper()
	var got struct {
		Announcements struct {
			TotalCount int
			Edges      []struct{ Node announcementNode }
		}
	}
	c.mustQuery(t, announcementList, nil, &got)
	byTitle = map[string]announcementNode{}
	for _, e := range got.Announcements.Edges {
		titles = append(titles, e.Node.Title)
		byTitle[e.Node.Title] = e.Node
	}
	return titles, got.Announcements.TotalCount, byTitle
}

// The demo's announcements, by who they are for.
const (
	priceList    = "New price list from the 1st of next month"     // pinned, every dealer
	retailOnly   = "Retail counter displays: order by the 20th"    // channel Retail, by manager@
	distributors = "Distributor quarterly business review"         // tier 1
	yangtzeDelta = "Yangtze River Delta warehouse stocktake"       // territory EC-YRD
	newDrivers   = "Brushless impact drivers now in the catalogue" // every dealer
	// The announcements of the demo's promotions (demo/promotions.go).
	accDealNews   = "Accessories volume deal"      // every dealer
	drillWeekNews = "Retail brushless drill weeks" // channel Retail, by manager@
)

// Each reads what is addressed to it, pinned first, then newest first; a
// foreign announcement's id answers as a missing one.
func TestAnnouncements_WhoReadsWhat(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		for _, tt := range []struct {
			email string
			want  []string
		}{
			{"admin@demo.test", []string{priceList, newDrivers, accDealNews, yangtzeDelta, drillWeekNews, distributors, retailOnly}},
			// Its own, and those with no channel restriction.
			{"manager@demo.test", []string{priceList, newDrivers, accDealNews, yangtzeDelta, drillWeekNews, distributors, retailOnly}},
			{"keys@demo.test", []string{priceList, newDrivers, accDealNews, yangtzeDelta, distributors}},
			// Tier 1 in Retail, not in the Yangtze River Delta.
			{"north@demo.test", []string{priceList, newDrivers, accDealNews, drillWeekNews, distributors, retailOnly}},
			// Tier 2 in Retail, in the Pearl River Delta.
			{"south@demo.test", []string{priceList, newDrivers, accDealNews, drillWeekNews, retailOnly}},
		} {
			t.Run(tt.email, func(t *testing.T) {
				titles, total, _ := announcementsOf(t, signIn(t, m, tt.email))
				if !slices.Equal(titles, tt.want) || total != len(tt.want) {
					t.Errorf("announcements = %q (totalCount %d); want %q", titles, total, tt.want)
				}
			})
		}

		_, _, all := announcementsOf(t, admin)
		south := signIn(t, m, "south@demo.test")
		_, _, seen := announcementsOf(t, south)
		if r := seen[priceList]; r.ReadAt == nil || r.ReadCount != nil || r.PublishedByName != "Chen Jing" {
			t.Errorf("south's price list: readAt %v, readCount %v, by %q; want read, no count, by Chen Jing", r.ReadAt, r.ReadCount, r.PublishedByName)
		}
		if r := seen[newDrivers]; r.ReadAt != nil {
			t.Errorf("south has not read %q, but readAt = %v", newDrivers, *r.ReadAt)
		}
		if r := all[priceList]; r.ReadCount == nil || *r.ReadCount != 1 || r.ReadAt != nil {
			t.Errorf("admin's price list: readCount %v, readAt %v; want 1 and null", r.ReadCount, r.ReadAt)
		}

		// node(id:) of an announcement south may not read answers as a
		// missing one does.
		const nodeQ = `query($id: ID!) { node(id: $id) { id ... on Announcement { title } } }`
		foreign := south.query(t, nodeQ, map[string]any{"id": all[distributors].ID})
		missing := south.query(t, nodeQ, map[string]any{"id": fmt.Sprint(mustInt(t, all[distributors].ID) + 1000)})
		if string(foreign.Data) != string(missing.Data) || foreign.code() != missing.code() {
			t.Errorf("a foreign announcement answers %s %v; a missing one %s %v", foreign.Data, foreign.Errors, missing.Data, missing.Errors)
		}
		own := south.query(t, nodeQ, map[string]any{"id": all[retailOnly].ID})
		if !strings.Contains(string(own.Data), retailOnly) {
			t.Errorf("south's own announcement by node(id:): %s %v", own.Data, own.Errors)
		}
	})
}

type audienceIDSet struct{ channel, territory map[string]string }

// audienceIDs finds the ids of the demo's channels and territories by code.
func audienceIDs(t *testing.T, admin client) audienceIDSet {
	t.Helper()
	var got struct {
		Channels, Territories struct {
			Edges []struct{ Node struct{ ID, Code string } }
		}
	}
	admin.mustQuery(t, `{ channels(first: 100) { edges { node { id code } } } territories(first: 100) { edges { node { id code } } } }`, nil, &got)
	ids := audienceIDSet{channel: map[string]string{}, territory: map[string]string{}}
	for _, e := range got.Channels.Edges {
		ids.channel[e.Node.Code] = e.Node.ID
	}
	for _, e := range got.Territories.Edges {
		ids.territory[e.Node.Code] = e.Node.ID
	}
	return ids
}

func mustInt(t *testing.T, s string) int {
	t.Helper()
	var n int
	if _, err := fmt.Sscan(s, &n); err != nil {
		t.Fatal(err)
	}
	return n
}

const publishQ = `mutation($in: PublishAnnouncementInput!) {
	publishAnnouncement(input: $in) { id title body pinned tiers publishedByName readAt readCount channels { code } territories { code } } }`

// announcementSnapshot is what a refused publish must leave as it was.
func announcementSnapshot(t *testing.T, admin client) string {
	t.Helper()
	var got struct {
		Announcements struct{ TotalCount int }
		AuditEntries  struct{ TotalCount int }
	}
	admin.mustQuery(t, `{ announcements { totalCount } auditEntries { totalCount } }`, nil, &got)
	return fmt.Sprintf("%+v", got)
}

// Admins publish to anyone, managers to their own channels, dealers
// never; bad input names its field; a refusal writes nothing.
func TestAnnouncements_Publish(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		manager := signIn(t, m, "manager@demo.test")
		ids := audienceIDs(t, admin)
		retail, key := ids.channel["RETAIL"], ids.channel["KEY"]

		refuse := func(c client, code, field string, in map[string]any) {
			t.Helper()
			before := announcementSnapshot(t, admin)
			r := c.query(t, publishQ, map[string]any{"in": in})
			if got := r.code(); got != code {
				t.Fatalf("code = %q, want %q (%+v)", got, code, r.Errors)
			}
			if got, _ := r.Errors[0].Extensions["field"].(string); got != field {
				t.Errorf("field = %q, want %q (%s)", got, field, r.Errors[0].Message)
			}
			if after := announcementSnapshot(t, admin); after != before {
				t.Errorf("a refused publish changed data: before %s, after %s", before, after)
			}
		}
		ok := map[string]any{"title": "Hello", "body": "World"}
		with := func(kv ...any) map[string]any {
			in := map[string]any{}
			for k, v := range ok {
				in[k] = v
			}
			for i := 0; i < len(kv); i += 2 {
				in[kv[i].(string)] = kv[i+1]
			}
			return in
		}
		refuse(signIn(t, m, "south@demo.test"), "FORBIDDEN", "", with("channelIDs", []string{retail}))
		refuse(manager, "FORBIDDEN", "", ok)                                        // every dealer: not only its own
		refuse(manager, "FORBIDDEN", "", with("channelIDs", []string{retail, key})) // one not its own
		refuse(manager, "FORBIDDEN", "", with("tiers", []int{2}))
		refuse(admin, "INVALID_INPUT", "title", with("title", "  "))
		refuse(admin, "INVALID_INPUT", "title", with("title", strings.Repeat("标", 201)))
		refuse(admin, "INVALID_INPUT", "body", with("body", ""))
		refuse(admin, "INVALID_INPUT", "body", with("body", strings.Repeat("x", 10001)))
		refuse(admin, "INVALID_INPUT", "tiers", with("tiers", []int{3}))
		refuse(admin, "INVALID_INPUT", "channelIDs", with("channelIDs", []string{ids.territory["SC-PRD"]}))
		refuse(admin, "INVALID_INPUT", "territoryIDs", with("territoryIDs", []string{retail}))

		var got struct {
			PublishAnnouncement struct {
				ID, Title, Body, PublishedByName string
				Pinned                           bool
				Tiers                            []int
				ReadAt                           *string
				ReadCount                        *int
				Channels, Territories            []struct{ Code string }
			}
		}
		manager.mustQuery(t, publishQ, map[string]any{"in": with("title", "  Retail tiers  ", "body", strings.Repeat("体", 10000),
			"pinned", true, "channelIDs", []string{retail, retail}, "tiers", []int{2}, "territoryIDs", []string{ids.territory["SC-PRD"]})}, &got)
		a := got.PublishAnnouncement
		if a.Title != "Retail tiers" || !a.Pinned || a.PublishedByName != "Liu Yang" || !slices.Equal(a.Tiers, []int{2}) ||
			len(a.Channels) != 1 || a.Channels[0].Code != "RETAIL" || len(a.Territories) != 1 || a.Territories[0].Code != "SC-PRD" ||
			a.ReadAt != nil || a.ReadCount == nil || *a.ReadCount != 0 {
			t.Errorf("published %+v", a)
		}
		var audit struct {
			AuditEntries struct {
				Edges []struct {
					Node struct{ Action, ActorName, SubjectType string }
				}
			}
		}
		admin.mustQuery(t, `query($id: ID!) { auditEntries(where: {subjectID: $id}) { edges { node { action actorName subjectType } } } }`,
			map[string]any{"id": mustInt(t, a.ID)}, &audit)
		if e := audit.AuditEntries.Edges; len(e) != 1 || e[0].Node.Action != "announcement.publish" || e[0].Node.ActorName != "Liu Yang" {
			t.Errorf("audit of the publish: %+v", e)
		}
		// South is tier 2 in Retail and the Pearl River Delta; North is tier 1.
		if titles, _, _ := announcementsOf(t, signIn(t, m, "south@demo.test")); titles[0] != "Retail tiers" {
			t.Errorf("south's announcements: %q; want the new pinned one first", titles)
		}
		if titles, _, _ := announcementsOf(t, signIn(t, m, "north@demo.test")); slices.Contains(titles, "Retail tiers") {
			t.Errorf("north reads %q, addressed to tier 2", titles)
		}
	})
}

const markReadQ = `mutation($id: ID!) { markAnnouncementRead(id: $id) { id readAt readCount } }`

// A dealer user marks an announcement read once; marking again changes
// nothing; staff see the count.
func TestAnnouncements_MarkRead(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		south := signIn(t, m, "south@demo.test")
		_, _, all := announcementsOf(t, admin)
		id := all[newDrivers].ID

		var first, again struct {
			MarkAnnouncementRead struct {
				ReadAt    *string
				ReadCount *int
			}
		}
		south.mustQuery(t, markReadQ, map[string]any{"id": id}, &first)
		time.Sleep(10 * time.Millisecond)
		south.mustQuery(t, markReadQ, map[string]any{"id": id}, &again)
		if r := first.MarkAnnouncementRead; r.ReadAt == nil || r.ReadCount != nil {
			t.Fatalf("marked read: %+v", r)
		}
		if *again.MarkAnnouncementRead.ReadAt != *first.MarkAnnouncementRead.ReadAt {
			t.Errorf("marking again moved readAt from %s to %s", *first.MarkAnnouncementRead.ReadAt, *again.MarkAnnouncementRead.ReadAt)
		}
		signIn(t, m, "north@demo.test").mustQuery(t, markReadQ, map[string]any{"id": id}, &first)
		if _, _, all := announcementsOf(t, admin); *all[newDrivers].ReadCount != 2 {
			t.Errorf("readCount = %d after two dealer users read it, one twice; want 2", *all[newDrivers].ReadCount)
		}
		if r := admin.query(t, markReadQ, map[string]any{"id": id}); r.code() != "FORBIDDEN" {
			t.Errorf("an admin marking read: %+v", r.Errors)
		}
		if r := south.query(t, markReadQ, map[string]any{"id": all[distributors].ID}); r.code() != "NOT_FOUND" {
			t.Errorf("south marking an announcement not for it: %+v", r.Errors)
		}
	})
}

const announcementPublished = `subscription($after: String) {
	announcementPublished(after: $after) { cursor at announcement { title readAt channels { code } } } }`

type announcementEventMsg struct {
	AnnouncementPublished struct {
		Cursor, At   string
		Announcement struct {
			Title  string
			ReadAt *string
		}
	}
}

func (w *ws) expectAnnouncements(id string, n int) (titles []string, last string) {
	w.tb.Helper()
	for range n {
		var e announcementEventMsg
		w.next(id, 5*time.Second, &e)
		titles = append(titles, e.AnnouncementPublished.Announcement.Title)
		last = e.AnnouncementPublished.Cursor
	}
	return titles, last
}

// quiet checks that nothing arrives within; the connection is unusable
// after (a read timeout ends it).
func (w *ws) quiet(within time.Duration) {
	w.tb.Helper()
	if msg, err := w.tryRead(within); err == nil {
		w.tb.Errorf("expected nothing, got %s %s %s", msg.Type, msg.ID, msg.Payload)
	}
}

// A dealer in the audience hears an announcement as it is published; one
// outside does not; a dealer that was away resumes after its last cursor.
func TestRealtime_AnnouncementPublished(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		keys := signIn(t, m, "keys@demo.test")
		south := signIn(t, m, "south@demo.test")
		north := signIn(t, m, "north@demo.test")
		ids := audienceIDs(t, admin)
		var c struct{ EventCursor string }
		south.mustQuery(t, `{ eventCursor }`, nil, &c)

		southWS := connect(t, m, transportWS, south.token)
		southWS.subscribe("a", announcementPublished, map[string]any{"after": c.EventCursor})
		northWS := connect(t, m, legacyWS, north.token)
		northWS.subscribe("a", announcementPublished, nil)
		keysWS := connect(t, m, transportWS, keys.token)
		keysWS.subscribe("a", announcementPublished, nil)
		time.Sleep(100 * time.Millisecond) // the subscriptions are registered

		publish := func(title string, kv ...any) {
			t.Helper()
			in := map[string]any{"title": title, "body": "b"}
			for i := 0; i < len(kv); i += 2 {
				in[kv[i].(string)] = kv[i+1]
			}
			var got struct{ PublishAnnouncement struct{ ID string } }
			admin.mustQuery(t, publishQ, map[string]any{"in": in}, &got)
		}
		publish("Tier 2", "tiers", []int{2})
		publish("Tier 1", "tiers", []int{1})
		publish("Retail in the Pearl River Delta", "channelIDs", []string{ids.channel["RETAIL"]}, "territoryIDs", []string{ids.territory["SC-PRD"]})
		publish("Everyone")

		got, _ := southWS.expectAnnouncements("a", 3)
		if want := []string{"Tier 2", "Retail in the Pearl River Delta", "Everyone"}; !slices.Equal(got, want) {
			t.Errorf("south heard %q; want %q", got, want)
		}
		if got, _ := northWS.expectAnnouncements("a", 2); !slices.Equal(got, []string{"Tier 1", "Everyone"}) {
			t.Errorf("north heard %q", got)
		}
		// Key accounts' manager: those that name no channel.
		if got, _ := keysWS.expectAnnouncements("a", 3); !slices.Equal(got, []string{"Tier 2", "Tier 1", "Everyone"}) {
			t.Errorf("the key accounts manager heard %q", got)
		}
		southWS.quiet(300 * time.Millisecond)
		northWS.quiet(100 * time.Millisecond)
		keysWS.quiet(100 * time.Millisecond)

		// South goes away after its first one, misses two, and resumes.
		southWS.Close()
		var first struct{ EventCursor string }
		south.mustQuery(t, `{ eventCursor }`, nil, &first)
		publish("While away, to Retail", "channelIDs", []string{ids.channel["RETAIL"]})
		publish("While away, to Key accounts", "channelIDs", []string{ids.channel["KEY"]})
		again := connect(t, m, transportWS, south.token)
		again.subscribe("r", announcementPublished, map[string]any{"after": c.EventCursor})
		got, last := again.expectAnnouncements("r", 4)
		if want := []string{"Tier 2", "Retail in the Pearl River Delta", "Everyone", "While away, to Retail"}; !slices.Equal(got, want) {
			t.Errorf("south resumed with %q; want %q", got, want)
		}
		// Then live, and nothing between (a read timeout would end the
		// connection, so the next event tells).
		publish("Back again")
		if got, _ := again.expectAnnouncements("r", 1); !slices.Equal(got, []string{"Back again"}) {
			t.Errorf("then live: %q", got)
		}
		again.subscribe("x", announcementPublished, map[string]any{"after": last + "000"})
		if e := again.subscriptionError("x"); e.code() != "CURSOR_EXPIRED" {
			t.Errorf("unknown cursor: %+v", e)
		}
	})
}

// A page of announcements with their audience, receipts and counts costs
// the same statements whatever its size.
func TestAnnouncements_NoNPlusOne(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin, south := signIn(t, m, "admin@demo.test"), signIn(t, m, "south@demo.test")
		retail := audienceIDs(t, admin).channel["RETAIL"]
		for i := range 6 {
			admin.mustQuery(t, publishQ, map[string]any{"in": map[string]any{
				"title": fmt.Sprint("Note ", i), "body": "b", "channelIDs": []string{retail}}}, &struct{}{})
		}
		q := `query($n: Int) { announcements(first: $n) { totalCount edges { node { title pinned tiers publishedAt
			publishedByName readAt readCount channels { code } territories { code } } } } }`
		for _, c := range []client{admin, south} {
			count := func(n int) int64 {
				before := m.Statements()
				var got struct {
					Announcements struct{ Edges []json.RawMessage }
				}
				c.mustQuery(t, q, map[string]any{"n": n}, &got)
				if len(got.Announcements.Edges) < n {
					t.Fatalf("first %d gave %d announcements", n, len(got.Announcements.Edges))
				}
				return m.Statements() - before
			}
			count(1) // the token's last use is written at most once a minute: not in the figures
			if small, large := count(2), count(8); small != large {
				t.Errorf("announcements(first: 2) took %d statements, (first: 8) %d: something loads per announcement", small, large)
			}
		}

		// Rows fetched by id come without their receipts: those of the
		// viewer are loaded once for all of them.
		var page struct {
			Announcements struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		south.mustQuery(t, `{ announcements(first: 8) { edges { node { id } } } }`, nil, &page)
		var ids []string
		for _, e := range page.Announcements.Edges {
			ids = append(ids, e.Node.ID)
		}
		south.mustQuery(t, `mutation($id: ID!) { markAnnouncementRead(id: $id) { id } }`, map[string]any{"id": ids[0]}, &struct{}{})
		byID := func(n int) int64 {
			before := m.Statements()
			var got struct {
				Nodes []struct{ ReadAt *string }
			}
			south.mustQuery(t, `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Announcement { readAt } } }`, map[string]any{"ids": ids[:n]}, &got)
			if len(got.Nodes) != n || got.Nodes[0].ReadAt == nil || got.Nodes[1].ReadAt != nil {
				t.Fatalf("nodes(ids: %d ids): %+v; want the first read, the second not", n, got.Nodes)
			}
			return m.Statements() - before
		}
		if small, large := byID(2), byID(8); small != large {
			t.Errorf("nodes(ids:) took %d statements for 2 announcements, %d for 8: readAt loads per announcement", small, large)
		}
	})
}

// One announcement to many sockets is loaded once, not once per socket.
func TestRealtime_AnnouncementLoadedOncePerEvent(t *testing.T) {
	m := startServer(t)
	admin, south := signIn(t, m, "admin@demo.test"), signIn(t, m, "south@demo.test")
	const q = `subscription { announcementPublished { cursor announcement { title pinned channels { code } territories { code } } } }`
	var sockets []*ws
	round := func(title string, n int) int64 {
		for len(sockets) < n {
			w := connect(t, m, transportWS, south.token)
			w.subscribe("a", q, nil)
			sockets = append(sockets, w)
		}
		time.Sleep(200 * time.Millisecond) // the subscriptions are registered
		before := m.Statements()
		admin.mustQuery(t, publishQ, map[string]any{"in": map[string]any{"title": title, "body": "b"}}, &struct{}{})
		for _, w := range sockets {
			if got, _ := w.expectAnnouncements("a", 1); got[0] != title {
				t.Fatalf("heard %q; want %q", got, title)
			}
		}
		return m.Statements() - before
	}
	few, many := round("To two", 2), round("To twelve", 12)
	if many-few >= 10 {
		t.Errorf("publishing to 2 sockets took %d statements, to 12 %d: something loads per socket", few, many)
	}
	t.Logf("%d statements to publish to 2 sockets, %d to 12", few, many)
}

// An announcement has a category, NEWS unless given, and lists filter on it.
func TestAnnouncements_Category(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		var got struct {
			PublishAnnouncement struct{ Category string }
		}
		admin.mustQuery(t, `mutation($in: PublishAnnouncementInput!) { publishAnnouncement(input: $in) { category } }`,
			map[string]any{"in": map[string]any{"title": "Street prices in the north", "body": "b", "category": "MARKET"}}, &got)
		if got.PublishAnnouncement.Category != "MARKET" {
			t.Errorf("category = %q, want MARKET", got.PublishAnnouncement.Category)
		}
		admin.mustQuery(t, `mutation { publishAnnouncement(input: {title: "Plain", body: "b"}) { category } }`, nil, &got)
		if got.PublishAnnouncement.Category != "NEWS" {
			t.Errorf("category by default = %q, want NEWS", got.PublishAnnouncement.Category)
		}
		var list struct {
			Announcements struct {
				Edges []struct{ Node struct{ Title string } }
			}
		}
		admin.mustQuery(t, `{ announcements(where: {category: MARKET}) { edges { node { title } } } }`, nil, &list)
		var titles []string
		for _, e := range list.Announcements.Edges {
			titles = append(titles, e.Node.Title)
		}
		if want := []string{"Street prices in the north", distributors}; !slices.Equal(titles, want) {
			t.Errorf("market bulletins = %q, want %q", titles, want)
		}
	})
}
