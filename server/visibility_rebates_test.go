package server_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// rebateRow is a rebate program as an administrator reads it.
type rebateRow struct {
	ID            string
	PublishedByID *string
	Audience      struct {
		All                            bool
		Tiers                          []int
		Channels, Territories, Dealers []struct{ ID string }
	}
}

func allRebatePrograms(t *testing.T, admin client) []rebateRow {
	t.Helper()
	var got struct {
		RebatePrograms struct{ Edges []struct{ Node rebateRow } }
	}
	admin.mustQuery(t, `{ rebatePrograms(first: 100) { edges { node { id publishedByID
		audience { all tiers channels { id } territories { id } dealers { id } } } } } }`, nil, &got)
	var out []rebateRow
	for _, e := range got.RebatePrograms.Edges {
		out = append(out, e.Node)
	}
	return out
}

const createRebateQ = `mutation($in: RebateProgramInput!) { createRebateProgram(input: $in) { id } }`

func rebateInput(name string, audience map[string]any) map[string]any {
	return map[string]any{"name": name, "audience": audience, "periodKind": "YEAR", "firstPeriod": "2026",
		"tierMode": "RETROACTIVE", "tiers": []map[string]any{{"threshold": "0.00", "rateBasisPoints": 100}}}
}

// seedRebates adds rebate programs each reaching other dealers: one named
// to a sub-dealer of North Distribution only (which North follows, and no
// one else), one for the tier-1 distributors, one for a territory, and
// two for a channel and tier each.
func seedRebates(t *testing.T, admin client, w world) {
	t.Helper()
	var capital string
	for _, d := range w.Dealers {
		if d.Code == "D-BJ-01" {
			capital = d.ID
		}
	}
	for _, in := range []map[string]any{
		rebateInput("Capital only", map[string]any{"dealerIDs": []string{capital}}),
		rebateInput("Distributors", map[string]any{"tiers": []int{1}}),
		rebateInput("One territory", map[string]any{"territoryIDs": []string{w.Territories[0].ID}}),
		rebateInput("Dealers of one channel", map[string]any{"channelIDs": []string{w.Channels[0].ID}, "tiers": []int{2}}),
		rebateInput("Another channel's distributors", map[string]any{"channelIDs": []string{w.Channels[1].ID}, "tiers": []int{1}}),
	} {
		admin.mustQuery(t, createRebateQ, map[string]any{"in": in}, &struct{}{})
	}
}

// expectRebatePrograms works out the programs a user may read: an admin
// all; a manager those it published and those naming no channel or one of
// its own; a dealer user those whose audience includes its dealer or one
// of its sub-dealers.
func expectRebatePrograms(w world, meID, role string, managed set, myDealer string) set {
	out := set{}
	includes := func(r rebateRow, id string) bool {
		for _, d := range w.Dealers {
			if d.ID != id {
				continue
			}
			a := r.Audience
			dims := len(a.Channels) > 0 || len(a.Tiers) > 0 || len(a.Territories) > 0
			match := dims &&
				(len(a.Channels) == 0 || slices.ContainsFunc(a.Channels, func(c struct{ ID string }) bool { return c.ID == d.ChannelID })) &&
				(len(a.Tiers) == 0 || slices.Contains(a.Tiers, d.Tier)) &&
				(len(a.Territories) == 0 || slices.ContainsFunc(a.Territories, func(t struct{ ID string }) bool { return idsOf(d.Territories)[t.ID] }))
			return a.All || match || idsOf(a.Dealers)[d.ID]
		}
		return false
	}
	for _, r := range w.RebatePrograms {
		var reads bool
		switch role {
		case "ADMIN":
			reads = true
		case "CHANNEL_MANAGER":
			reads = (r.PublishedByID != nil && *r.PublishedByID == meID) || len(r.Audience.Channels) == 0 ||
				slices.ContainsFunc(r.Audience.Channels, func(c struct{ ID string }) bool { return managed[c.ID] })
		case "DEALER":
			for _, d := range w.Dealers {
				if d.ID == myDealer || (d.ParentID != nil && *d.ParentID == myDealer) {
					reads = reads || includes(r, d.ID)
				}
			}
		}
		if reads {
			out[r.ID] = true
		}
	}
	return out
}

// checkRebatePrograms: the list and node lookups give exactly the
// readable programs; a REBATE credit note names its program only when it
// is readable; a dealer's rebate status exists for readable programs only.
func checkRebatePrograms(t *testing.T, c client, w world, want expected) {
	t.Helper()
	var got struct {
		RebatePrograms connection
	}
	c.mustQuery(t, `{ rebatePrograms(first: 100) { totalCount edges { node { id } } } }`, nil, &got)
	if !got.RebatePrograms.ids().equal(want.rebatePrograms) || got.RebatePrograms.TotalCount != len(want.rebatePrograms) {
		t.Errorf("rebatePrograms = %v (total %d), want %v", got.RebatePrograms.ids().sorted(), got.RebatePrograms.TotalCount, want.rebatePrograms.sorted())
	}
	if len(w.RebatePrograms) < 4 {
		t.Fatalf("the world has %d rebate programs: too few to tell", len(w.RebatePrograms))
	}
	// An unreadable program answers as a missing id does.
	missing := c.query(t, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": "158913799999"})
	for _, r := range w.RebatePrograms {
		got := c.query(t, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": r.ID})
		if want.rebatePrograms[r.ID] {
			if len(got.Errors) > 0 || !strings.Contains(string(got.Data), r.ID) {
				t.Errorf("node(%s) = %s %+v, want the program", r.ID, got.Data, got.Errors)
			}
		} else if string(got.Data) != string(missing.Data) || fmt.Sprint(got.Errors) != fmt.Sprint(missing.Errors) {
			t.Errorf("node(%s), not readable, = %s %+v; a missing id gives %s %+v", r.ID, got.Data, got.Errors, missing.Data, missing.Errors)
		}
	}
	var notes struct {
		CreditNotes struct {
			Edges []struct {
				Node struct {
					ID, Kind      string
					RebateProgram *struct{ ID string }
				}
			}
		}
	}
	c.mustQuery(t, `{ creditNotes(first: 100, where: {kind: REBATE, rebateProgramIDNotNil: true}) { edges { node { id kind rebateProgram { id } } } } }`, nil, &notes)
	for _, e := range notes.CreditNotes.Edges {
		if p := e.Node.RebateProgram; p != nil && !want.rebatePrograms[p.ID] {
			t.Errorf("credit note %s reveals rebate program %s", e.Node.ID, p.ID)
		}
	}
	// A dealer's status: for a program it may not read, null.
	for id := range want.dealers {
		for _, r := range w.RebatePrograms {
			var st struct {
				Node *struct {
					RebateStatus *struct{ Program struct{ ID string } }
				}
			}
			c.mustQuery(t, `query($d: ID!, $p: ID!) { node(id: $d) { ... on Dealer { rebateStatus(programID: $p) { program { id } } } } }`,
				map[string]any{"d": id, "p": r.ID}, &st)
			if st.Node != nil && st.Node.RebateStatus != nil && !want.rebatePrograms[r.ID] {
				t.Errorf("dealer %s: status in rebate program %s, which is not readable", id, r.ID)
			}
		}
		break // one dealer is enough to try each program
	}
}
