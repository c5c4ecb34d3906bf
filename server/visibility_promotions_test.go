package server_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dealerline/dealerline/server"
)

// promotionRow is a promotion as an administrator reads it.
type promotionRow struct {
	ID, Name      string
	PublishedByID *string
	Announcement  *struct{ ID string }
	Audience      struct {
		All                            bool
		Tiers                          []int
		Channels, Territories, Dealers []struct{ ID string }
	}
}

func allPromotions(t *testing.T, admin client) []promotionRow {
	t.Helper()
	var got struct {
		Promotions struct{ Edges []struct{ Node promotionRow } }
	}
	admin.mustQuery(t, `{ promotions(first: 100) { edges { node { id name publishedByID announcement { id }
		audience { all tiers channels { id } territories { id } dealers { id } } } } } }`, nil, &got)
	var out []promotionRow
	for _, e := range got.Promotions.Edges {
		out = append(out, e.Node)
	}
	return out
}

// seedPromotions adds a promotion naming one sub-dealer of North
// Distribution alone, and an order of that dealer under it: its
// distributor sees the order, not the promotion (the line keeps its name),
// nor the announcement that told the sub-dealer. And one to a tier in a
// territory, which reaches no channel's manager in particular.
func seedPromotions(t *testing.T, m *server.Main, admin client, w world) {
	t.Helper()
	var capital, prd string
	for _, d := range w.Dealers {
		if d.Code == "D-BJ-01" {
			capital = d.ID
			prd = d.Territories[0].ID
		}
	}
	admin.mustQuery(t, createPromotionQ, map[string]any{"in": promotionIn("Capital only", map[string]any{"dealerIDs": []string{capital}}, "discountBasisPoints", 2000)}, &struct{}{})
	admin.mustQuery(t, createPromotionQ, map[string]any{"in": promotionIn("Tier 2 in one territory", map[string]any{"tiers": []int{2}, "territoryIDs": []string{prd}})}, &struct{}{})
	c := signIn(t, m, "capital@demo.test")
	cat := catalogueOf(t, c)
	var placed struct {
		PlaceOrder struct {
			Lines []struct{ PromotionName *string }
		}
	}
	c.mustQuery(t, placePromotedQ, map[string]any{"in": map[string]any{"lines": []any{map[string]any{"productID": cat["SW-1801"].ID, "quantity": 1}}}}, &placed)
	if l := placed.PlaceOrder.Lines; len(l) != 1 || l[0].PromotionName == nil || *l[0].PromotionName != "Capital only" {
		t.Fatalf("capital's order: %+v", l)
	}
}

// expectPromotions works out the promotions a user may read from
// DESIGN.md §4, as for policies: an admin all; a manager those it
// published and those naming no channel or one of its own; a dealer user
// those to every dealer, to its channel, tier and territories (each one
// given), or naming it.
func expectPromotions(w world, email string) set {
	var me struct {
		id, role string
		managed  set
		dealer   string
	}
	me.managed = set{}
	for _, u := range w.Users {
		if u.Email == email {
			me.id, me.role = u.ID, u.Role
			for _, c := range u.ManagedChannels {
				me.managed[c.ID] = true
			}
			if u.Dealer != nil {
				me.dealer = u.Dealer.ID
			}
		}
	}
	out := set{}
	for _, p := range w.Promotions {
		a := p.Audience
		var reads bool
		switch me.role {
		case "ADMIN":
			reads = true
		case "CHANNEL_MANAGER":
			reads = (p.PublishedByID != nil && *p.PublishedByID == me.id) || len(a.Channels) == 0 ||
				slices.ContainsFunc(a.Channels, func(c struct{ ID string }) bool { return me.managed[c.ID] })
		case "DEALER":
			for _, d := range w.Dealers {
				if d.ID != me.dealer {
					continue
				}
				dims := len(a.Channels) > 0 || len(a.Tiers) > 0 || len(a.Territories) > 0
				match := dims &&
					(len(a.Channels) == 0 || slices.ContainsFunc(a.Channels, func(c struct{ ID string }) bool { return c.ID == d.ChannelID })) &&
					(len(a.Tiers) == 0 || slices.Contains(a.Tiers, d.Tier)) &&
					(len(a.Territories) == 0 || slices.ContainsFunc(a.Territories, func(t struct{ ID string }) bool { return idsOf(d.Territories)[t.ID] }))
				reads = a.All || match || idsOf(a.Dealers)[d.ID]
			}
		}
		if reads {
			out[p.ID] = true
		}
	}
	return out
}

// checkPromotions: the list, node(id:) and the announcements show exactly
// the promotions the user may read (an announcement of a promotion has its
// audience); the audience shows only dealers it sees; an order line under
// a promotion it may not read keeps the name and shows no promotion.
func checkPromotions(t *testing.T, c client, w world, want expected) {
	t.Helper()
	readable := want.promotions
	var got struct {
		Promotions struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					ID          string
					PublishedBy *struct{ ID string }
					Audience    struct{ Dealers []struct{ ID string } }
				}
			}
		}
		Announcements struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	c.mustQuery(t, `{ promotions(first: 50) { totalCount edges { node { id publishedBy { id } audience { dealers { id } } } } }
		announcements(first: 100) { edges { node { id } } } }`, nil, &got)
	listed := set{}
	for _, e := range got.Promotions.Edges {
		listed[e.Node.ID] = true
		if p := e.Node.PublishedBy; p != nil && !want.users[p.ID] {
			t.Errorf("promotion %s publishedBy reveals user %s", e.Node.ID, p.ID)
		}
		if !want.dealers.contains(idsOf(e.Node.Audience.Dealers)) {
			t.Errorf("promotion %s audience reveals dealers %v", e.Node.ID, idsOf(e.Node.Audience.Dealers).sorted())
		}
	}
	if !listed.equal(readable) || got.Promotions.TotalCount != len(readable) {
		t.Errorf("promotions = %v (total %d), want %v", listed.sorted(), got.Promotions.TotalCount, readable.sorted())
	}
	announced := set{}
	for _, e := range got.Announcements.Edges {
		announced[e.Node.ID] = true
	}
	for _, p := range w.Promotions {
		if p.Announcement != nil && announced[p.Announcement.ID] != readable[p.ID] {
			t.Errorf("promotion %s (%s): announcement listed %v, promotion readable %v", p.ID, p.Name, announced[p.Announcement.ID], readable[p.ID])
		}
	}

	const missing = "8589999999"
	const q = `query($id: ID!) { node(id: $id) { id ... on Promotion { name } } }`
	missingResp := c.query(t, q, map[string]any{"id": missing})
	for _, p := range w.Promotions {
		r := c.query(t, q, map[string]any{"id": p.ID})
		if readable[p.ID] {
			if len(r.Errors) > 0 || !strings.Contains(string(r.Data), p.ID) {
				t.Errorf("promotion node(%s) = %s %+v, want the row", p.ID, r.Data, r.Errors)
			}
			continue
		}
		if string(r.Data) != string(missingResp.Data) || fmt.Sprint(r.Errors) != fmt.Sprint(missingResp.Errors) {
			t.Errorf("promotion node(%s), not visible, = %s %+v; a missing id gives %s %+v", p.ID, r.Data, r.Errors, missingResp.Data, missingResp.Errors)
		}
	}

	var orders struct {
		Orders struct {
			Edges []struct {
				Node struct {
					Lines []struct {
						PromotionName     *string
						Promotion         *struct{ ID string }
						AppliedPromotions []struct {
							Name      string
							Promotion *struct{ ID string }
						}
					}
				}
			}
		}
	}
	c.mustQuery(t, `{ orders(first: 5) { edges { node { lines { promotionName promotion { id }
		appliedPromotions { name promotion { id } } } } } } }`, nil, &orders)
	for _, e := range orders.Orders.Edges {
		for _, l := range e.Node.Lines {
			if l.Promotion != nil && !readable[l.Promotion.ID] {
				t.Errorf("an order line reveals promotion %s", l.Promotion.ID)
			}
			for _, a := range l.AppliedPromotions {
				if a.Promotion != nil && !readable[a.Promotion.ID] {
					t.Errorf("an applied promotion reveals promotion %s", a.Promotion.ID)
				}
				if a.Name == "" {
					t.Errorf("an applied promotion without its name")
				}
			}
		}
	}
}
