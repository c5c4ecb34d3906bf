package server_test

import (
	"slices"
	"testing"

	"github.com/dealerline/dealerline/server"
)

// TestAnnouncements_UnreadOnly: unreadOnly lists the announcements the
// dealer user has not marked read, and totalCount counts those; another
// user's reading changes nothing for it; staff, who mark none read, get
// none.
func TestAnnouncements_UnreadOnly(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		list := func(c client, unread bool) (ids []string, total int, readAt map[string]bool) {
			t.Helper()
			var got struct {
				Announcements struct {
					TotalCount int
					Edges      []struct {
						Node struct {
							ID     string
							ReadAt *string
						}
					}
				}
			}
			c.mustQuery(t, `query($u: Boolean) { announcements(unreadOnly: $u, first: 100) { totalCount edges { node { id readAt } } } }`,
				map[string]any{"u": unread}, &got)
			readAt = map[string]bool{}
			for _, e := range got.Announcements.Edges {
				ids = append(ids, e.Node.ID)
				readAt[e.Node.ID] = e.Node.ReadAt != nil
			}
			return ids, got.Announcements.TotalCount, readAt
		}
		south := signIn(t, m, "south@demo.test")
		north := signIn(t, m, "north@demo.test")
		all, _, read := list(south, false)
		var wantUnread []string
		for _, id := range all {
			if !read[id] {
				wantUnread = append(wantUnread, id)
			}
		}
		unread, total, _ := list(south, true)
		if len(wantUnread) < 2 || !slices.Equal(unread, wantUnread) || total != len(wantUnread) {
			t.Fatalf("unread %v (%d), want %v: the announcements without readAt, at least two", unread, total, wantUnread)
		}
		northBefore, northTotal, _ := list(north, true)

		south.mustQuery(t, markReadQ, map[string]any{"id": unread[0]}, &struct{}{})
		after, total, _ := list(south, true)
		if !slices.Equal(after, unread[1:]) || total != len(unread)-1 {
			t.Errorf("after reading %s: unread %v (%d), want %v", unread[0], after, total, unread[1:])
		}
		if again, _, _ := list(south, false); !slices.Equal(again, all) {
			t.Errorf("without unreadOnly: %v, want every announcement %v", again, all)
		}
		if got, n, _ := list(north, true); !slices.Equal(got, northBefore) || n != northTotal {
			t.Errorf("south's reading changed north's unread: %v (%d), was %v (%d)", got, n, northBefore, northTotal)
		}
		if got, n, _ := list(signIn(t, m, "manager@demo.test"), true); len(got) != 0 || n != 0 {
			t.Errorf("a manager's unread: %v (%d), want none", got, n)
		}
	})
}
