package search_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/searchentry"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/search"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

// world: dealer North (D-NORTH, channel A, manager A) with a contact, an
// interaction with a note in Chinese and a ticket with a reply; dealer
// South (D-SOUTH, channel B) with a ticket; a user at each dealer.
type world struct {
	svc     *search.Service
	client  *ent.Client
	viewers map[string]*auth.Viewer
	id      map[string]int
}

func build(t *testing.T, db *store.DB) *world {
	t.Helper()
	ctx := access.Bypass(context.Background())
	c := db.Client
	day := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	w := &world{svc: search.NewService(c, db.Dialect), client: c, viewers: map[string]*auth.Viewer{}, id: map[string]int{}}

	admin := c.User.Create().SetEmail("admin@x.test").SetName("Admin").SetRole(user.RoleADMIN).SaveX(ctx)
	mgrA := c.User.Create().SetEmail("a@x.test").SetName("Manager A").SetRole(user.RoleCHANNEL_MANAGER).SaveX(ctx)
	mgrB := c.User.Create().SetEmail("b@x.test").SetName("Manager B").SetRole(user.RoleCHANNEL_MANAGER).SaveX(ctx)
	chA := c.Channel.Create().SetCode("A").SetName("Retail").AddManagers(mgrA).SaveX(ctx)
	chB := c.Channel.Create().SetCode("B").SetName("Key accounts").AddManagers(mgrB).SaveX(ctx)
	north := c.Dealer.Create().SetCode("D-NORTH").SetName("North Trading").SetTier(1).SetJoinedOn(day).SetChannel(chA).SaveX(ctx)
	south := c.Dealer.Create().SetCode("D-SOUTH").SetName("South Supplies").SetTier(2).SetJoinedOn(day).SetChannel(chB).SaveX(ctx)
	w.viewers["admin"] = &auth.Viewer{UserID: admin.ID, Role: user.RoleADMIN}
	w.viewers["manager A"] = &auth.Viewer{UserID: mgrA.ID, Role: user.RoleCHANNEL_MANAGER, ManagedChannelIDs: []int{chA.ID}}
	w.viewers["manager B"] = &auth.Viewer{UserID: mgrB.ID, Role: user.RoleCHANNEL_MANAGER, ManagedChannelIDs: []int{chB.ID}}
	for name, d := range map[string]*ent.Dealer{"north user": north, "south user": south} {
		u := c.User.Create().SetEmail(d.Code + "@x.test").SetName("User of " + d.Code).SetRole(user.RoleDEALER).SetDealer(d).SaveX(ctx)
		w.viewers[name] = &auth.Viewer{UserID: u.ID, Role: user.RoleDEALER, DealerID: d.ID, DealerTier: d.Tier, DealerChannelID: d.ChannelID}
	}
	w.id["north"], w.id["south"] = north.ID, south.ID
	w.id["contact"] = c.Contact.Create().SetDealer(north).SetName("Li Wei").SetTitle("采购经理").SetEmail("li.wei@example.com").SaveX(ctx).ID
	w.id["interaction"] = c.Interaction.Create().SetDealerID(north.ID).SetKind("VISIT").SetOccurredAt(day).
		SetSubject("Quarterly visit").SetNotes("客户反映售后响应慢").SetOutcome("Escalate the DELIVERY delays").
		SetAuthorName("Manager A").SaveX(ctx).ID
	tk := c.ServiceTicket.Create().SetDealerID(north.ID).SetSubject("Late delivery").SetBody("Order 42 arrived late").
		SetOpenedAt(day).SetOpenedByName("User of D-NORTH").SetLastActivityAt(day).SaveX(ctx)
	w.id["north ticket"] = tk.ID
	c.TicketReply.Create().SetTicketID(tk.ID).SetDealerID(north.ID).SetAuthorName("Manager A").SetFromStaff(true).
		SetBody("Sorry: the carrier lost a pallet").SetAt(day).SaveX(ctx)
	w.id["south ticket"] = c.ServiceTicket.Create().SetDealerID(south.ID).SetSubject("Broken pump").SetBody("售后服务 needed").
		SetOpenedAt(day).SetOpenedByName("User of D-SOUTH").SetLastActivityAt(day).SaveX(ctx).ID
	return w
}

// find runs a search as viewer and returns the ids found, best first.
func (w *world) find(t *testing.T, viewer, query string) ([]int, []search.Hit) {
	t.Helper()
	hits, err := w.svc.Find(auth.NewContext(context.Background(), w.viewers[viewer]), query, search.MaxFirst)
	if err != nil {
		t.Fatalf("%s searching %q: %v", viewer, query, err)
	}
	var ids []int
	for _, h := range hits {
		ids = append(ids, nodeID(h.Node))
	}
	return ids, hits
}

func nodeID(n ent.Noder) int {
	switch n := n.(type) {
	case *ent.Dealer:
		return n.ID
	case *ent.Contact:
		return n.ID
	case *ent.Interaction:
		return n.ID
	case *ent.ServiceTicket:
		return n.ID
	}
	return 0
}

func (w *world) names(ids []int) []string {
	var out []string
	for _, id := range ids {
		for name, v := range w.id {
			if v == id {
				out = append(out, name)
			}
		}
	}
	slices.Sort(out)
	return out
}

func TestSearch_FindsWhatTheViewerMaySee(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		for _, c := range []struct {
			viewer, query string
			want          []string
		}{
			// A Chinese phrase inside a note, and inside a ticket.
			{"admin", "售后", []string{"interaction", "south ticket"}},
			{"manager A", "售后", []string{"interaction"}},
			{"manager B", "售后", []string{"south ticket"}},
			{"north user", "售后", nil}, // interactions are internal
			{"south user", "售后", []string{"south ticket"}},
			{"admin", "售后响应", []string{"interaction"}},
			{"admin", "响应慢", []string{"interaction"}},
			{"admin", "售", []string{"interaction", "south ticket"}}, // a lone character as a prefix
			{"admin", "采购", []string{"contact"}},
			// English in any case, every word, the last as a prefix.
			{"north user", "LATE Delivery", []string{"north ticket"}},
			{"north user", "late deliv", []string{"north ticket"}},
			{"north user", "late pump", nil},
			{"admin", "quarter", []string{"interaction"}},
			{"admin", "delivery", []string{"interaction", "north ticket"}},
			{"north user", "delivery", []string{"north ticket"}},
			// A reply's words find its ticket.
			{"north user", "pallet", []string{"north ticket"}},
			// Dealer codes, as typed or not.
			{"admin", "D-NORTH", []string{"north"}},
			{"admin", "d-nor", []string{"north"}},
			{"north user", "d-south", nil},
			{"south user", "North", nil},
			{"manager B", "North", nil},
			{"manager A", "north trading", []string{"north"}},
			{"admin", "li.wei@example.com", []string{"contact"}},
			{"south user", "li wei", nil},
		} {
			ids, _ := w.find(t, c.viewer, c.query)
			if got := w.names(ids); !slices.Equal(got, c.want) {
				t.Errorf("%s searching %q found %v, want %v", c.viewer, c.query, got, c.want)
			}
		}
	})
}

// Highlights are ranges of characters of the snippet, each over a term
// of the query, Chinese included.
func TestSearch_HighlightsTheTerms(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		for _, c := range []struct {
			query string
			want  []string
		}{
			{"售后", []string{"售后"}},
			{"售后响应", []string{"售后响应"}},
			{"escalate DELIV", []string{"Escalate", "DELIVERY"}},
			{"quarterly 客户", []string{"Quarterly", "客户"}},
		} {
			_, hits := w.find(t, "admin", c.query)
			var h *search.Hit
			for i := range hits {
				if hits[i].Kind == searchentry.KindINTERACTION {
					h = &hits[i]
				}
			}
			if h == nil {
				t.Fatalf("%q: the interaction not found", c.query)
			}
			runes := []rune(h.Snippet)
			var got []string
			for _, r := range h.Highlights {
				got = append(got, string(runes[r.Start:r.Start+r.Len]))
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("%q: highlights %v in %q, want %v", c.query, got, h.Snippet, c.want)
			}
		}
	})
}

// Every writer keeps the index: an update re-indexes, a delete removes.
func TestSearch_IndexFollowsWrites(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ctx := access.Bypass(context.Background())
		w.client.Contact.UpdateOneID(w.id["contact"]).SetName("Zhang San").SetEmail("zs@example.com").ExecX(ctx)
		if ids, _ := w.find(t, "admin", "Wei"); len(ids) != 0 {
			t.Errorf("the old name still finds %v", w.names(ids))
		}
		if ids, _ := w.find(t, "admin", "zhang"); !slices.Equal(w.names(ids), []string{"contact"}) {
			t.Errorf("the new name finds %v", w.names(ids))
		}
		w.client.Dealer.Update().SetName("Northern Star").ExecX(ctx) // a bulk update
		if ids, _ := w.find(t, "admin", "star"); !slices.Equal(w.names(ids), []string{"north", "south"}) {
			t.Errorf("after a bulk rename, star finds %v", w.names(ids))
		}
		// A write that leaves the indexed fields alone leaves the entry.
		w.client.Dealer.UpdateOneID(w.id["south"]).SetCreditLimit(5).ExecX(ctx)
		if ids, _ := w.find(t, "admin", "d-south"); !slices.Equal(w.names(ids), []string{"south"}) {
			t.Errorf("after a credit limit change, d-south finds %v", w.names(ids))
		}
		w.client.Contact.DeleteOneID(w.id["contact"]).ExecX(ctx)
		if ids, _ := w.find(t, "admin", "zhang"); len(ids) != 0 {
			t.Errorf("a deleted contact is still found: %v", w.names(ids))
		}
		if n := w.client.SearchEntry.Query().CountX(ctx); n != 5 {
			t.Errorf("%d entries, want 5 (two dealers, an interaction, two tickets)", n)
		}
	})
}

// The index is written in the writer's transaction: a rolled-back write
// leaves no entry.
func TestSearch_RolledBackWriteLeavesNoEntry(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ctx := access.Bypass(context.Background())
		tx, err := w.client.Tx(ctx)
		if err != nil {
			t.Fatal(err)
		}
		tx.Contact.Create().SetDealerID(w.id["north"]).SetName("Ghost Writer").SaveX(ctx)
		if err := tx.Rollback(); err != nil {
			t.Fatal(err)
		}
		if ids, _ := w.find(t, "admin", "ghost"); len(ids) != 0 {
			t.Errorf("a rolled-back contact is found: %v", ids)
		}
	})
}

func TestSearch_RefusesBadInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ctx := auth.NewContext(context.Background(), w.viewers["admin"])
		for _, c := range []struct {
			query string
			first int
			field string
		}{
			{"", 20, "query"},
			{"   ", 20, "query"},
			{"?!… —", 20, "query"}, // nothing to search for once tokenised
			{strings.Repeat("a", 201), 20, "query"},
			{"north", 0, "first"},
			{"north", 51, "first"},
		} {
			_, err := w.svc.Find(ctx, c.query, c.first)
			e, ok := apperr.As(err)
			if !ok || e.Code != apperr.InvalidInput || e.Field != c.field {
				t.Errorf("Find(%.20q, %d) = %v, want INVALID_INPUT on %s", c.query, c.first, err, c.field)
			}
		}
		if _, err := w.svc.Find(ctx, strings.Repeat("售", 200), 50); err != nil {
			t.Errorf("200 characters: %v", err)
		}
	})
}

// A database from before the index gets its dealers and contacts indexed
// at start, once.
func TestIndexExisting(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := build(t, db)
		ctx := access.Bypass(context.Background())
		w.client.SearchEntry.Delete().ExecX(ctx)
		if err := search.IndexExisting(context.Background(), w.client); err != nil {
			t.Fatal(err)
		}
		for query, want := range map[string][]string{"d-north": {"north"}, "li wei": {"contact"}} {
			if ids, _ := w.find(t, "admin", query); !slices.Equal(w.names(ids), want) {
				t.Errorf("%q finds %v, want %v", query, w.names(ids), want)
			}
		}
		if n := w.client.SearchEntry.Query().CountX(ctx); n != 3 {
			t.Errorf("%d entries, want 3", n)
		}
		w.client.SearchEntry.Delete().Where(searchentry.KindEQ(searchentry.KindCONTACT)).ExecX(ctx)
		if err := search.IndexExisting(context.Background(), w.client); err != nil {
			t.Fatal(err)
		}
		if n := w.client.SearchEntry.Query().CountX(ctx); n != 2 {
			t.Errorf("a second run wrote entries: %d, want 2", n)
		}
	})
}
