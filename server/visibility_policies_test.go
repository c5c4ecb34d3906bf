package server_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dealerline/dealerline/server"
)

// policyRow is a policy as an administrator reads it.
type policyRow struct {
	ID, Title     string
	PublishedByID *string
	Audience      struct {
		All                            bool
		Tiers                          []int
		Channels, Territories, Dealers []struct{ ID string }
	}
	Versions         []struct{ ID string }
	Acknowledgements []struct {
		ID     string
		Dealer struct{ ID string }
	}
}

func allPolicies(t *testing.T, admin client) []policyRow {
	t.Helper()
	var got struct {
		Policies struct{ Edges []struct{ Node policyRow } }
	}
	admin.mustQuery(t, `{ policies(includeWithdrawn: true, first: 100) { edges { node { id title publishedByID
		audience { all tiers channels { id } territories { id } dealers { id } }
		versions { id } acknowledgements { id dealer { id } } } } } }`, nil, &got)
	var out []policyRow
	for _, e := range got.Policies.Edges {
		out = append(out, e.Node)
	}
	return out
}

// seedPolicies adds a policy addressed by name to one sub-dealer of North
// Distribution, acknowledged by its user: its distributor must not learn
// of it, not even through the receipt.
func seedPolicies(t *testing.T, m *server.Main, admin client, w world) {
	t.Helper()
	var capital string
	for _, d := range w.Dealers {
		if d.Code == "D-BJ-01" {
			capital = d.ID
		}
	}
	var got struct{ PublishPolicy struct{ ID string } }
	admin.mustQuery(t, publishPolicyQ, map[string]any{"in": policyInput("Capital showroom rules", "Only for Capital Hardware.",
		map[string]any{"dealerIDs": []string{capital}})}, &got)
	signIn(t, m, "capital@demo.test").mustQuery(t, ackPolicyQ, map[string]any{"id": got.PublishPolicy.ID}, &struct{}{})
}

// expectPolicies works out the policies a user may read from DESIGN.md §4:
// an admin all; a manager those it published and those naming no channel
// or one of its own; a dealer user those to every dealer, to its channel,
// tier and territories (each one given), or naming it. Versions with their
// policy; acknowledgements with their policy and dealer (a dealer user: its
// own dealer's only).
func expectPolicies(w world, meID, role string, managed set, myDealer string, e *expected) {
	e.policies, e.policyVersions, e.policyAcks = set{}, set{}, set{}
	var me *struct {
		ID, Code, ChannelID string
		ParentID, OwnerID   *string
		Tier                int
		Contacts            []struct{ ID string }
		Territories         []struct{ ID string }
	}
	for i := range w.Dealers {
		if w.Dealers[i].ID == myDealer {
			me = &w.Dealers[i]
		}
	}
	for _, p := range w.Policies {
		a := p.Audience
		var reads bool
		switch role {
		case "ADMIN":
			reads = true
		case "CHANNEL_MANAGER":
			reads = (p.PublishedByID != nil && *p.PublishedByID == meID) || len(a.Channels) == 0 ||
				slices.ContainsFunc(a.Channels, func(c struct{ ID string }) bool { return managed[c.ID] })
		case "DEALER":
			dims := len(a.Channels) > 0 || len(a.Tiers) > 0 || len(a.Territories) > 0
			match := dims &&
				(len(a.Channels) == 0 || slices.ContainsFunc(a.Channels, func(c struct{ ID string }) bool { return c.ID == me.ChannelID })) &&
				(len(a.Tiers) == 0 || slices.Contains(a.Tiers, me.Tier)) &&
				(len(a.Territories) == 0 || slices.ContainsFunc(a.Territories, func(t struct{ ID string }) bool { return idsOf(me.Territories)[t.ID] }))
			reads = a.All || match || idsOf(a.Dealers)[me.ID]
		}
		if !reads {
			continue
		}
		e.policies[p.ID] = true
		for _, v := range p.Versions {
			e.policyVersions[v.ID] = true
		}
		for _, ack := range p.Acknowledgements {
			if (role == "DEALER" && ack.Dealer.ID == myDealer) || (role != "DEALER" && e.dealers[ack.Dealer.ID]) {
				e.policyAcks[ack.ID] = true
			}
		}
	}
}

// checkPolicies: the list, node(id:) and the edges of policies show
// exactly the policies, versions and receipts the user may read; one it
// may not answers as a missing id.
func checkPolicies(t *testing.T, c client, w world, want expected) {
	t.Helper()
	var got struct {
		Policies struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					ID             string
					PublishedBy    *struct{ ID string }
					Versions       []struct{ ID string }
					Audience       struct{ Dealers []struct{ ID string } }
					PendingDealers *connection
				}
			}
		}
	}
	c.mustQuery(t, `{ policies(includeWithdrawn: true, first: 20) { totalCount edges { node { id publishedBy { id } versions { id }
		audience { dealers { id } } pendingDealers(first: 30) { totalCount edges { node { id } } } } } } }`, nil, &got)
	listed, versions := set{}, set{}
	for _, e := range got.Policies.Edges {
		p := e.Node
		listed[p.ID] = true
		for _, v := range p.Versions {
			versions[v.ID] = true
		}
		if p.PublishedBy != nil && !want.users[p.PublishedBy.ID] {
			t.Errorf("policy %s publishedBy reveals user %s", p.ID, p.PublishedBy.ID)
		}
		if !want.dealers.contains(idsOf(p.Audience.Dealers)) {
			t.Errorf("policy %s audience reveals dealers %v", p.ID, idsOf(p.Audience.Dealers).sorted())
		}
		if p.PendingDealers != nil && !want.dealers.contains(p.PendingDealers.ids()) {
			t.Errorf("policy %s pendingDealers reveal %v", p.ID, p.PendingDealers.ids().sorted())
		}
	}
	if !listed.equal(want.policies) || got.Policies.TotalCount != len(want.policies) {
		t.Errorf("policies = %v (total %d), want %v", listed.sorted(), got.Policies.TotalCount, want.policies.sorted())
	}
	if !versions.equal(want.policyVersions) {
		t.Errorf("policy versions = %v, want %v", versions.sorted(), want.policyVersions.sorted())
	}

	const missing = "8589999999"
	const q = `query($id: ID!) { node(id: $id) { id ... on PolicyAcknowledgement { policy { id } dealer { id } } } }`
	missingResp := c.query(t, q, map[string]any{"id": missing})
	check := func(kind, id string, visible bool) {
		r := c.query(t, q, map[string]any{"id": id})
		if visible {
			if len(r.Errors) > 0 || !strings.Contains(string(r.Data), id) {
				t.Errorf("%s node(%s) = %s %+v, want the row", kind, id, r.Data, r.Errors)
			}
			return
		}
		if string(r.Data) != string(missingResp.Data) || fmt.Sprint(r.Errors) != fmt.Sprint(missingResp.Errors) {
			t.Errorf("%s node(%s), not visible, = %s %+v; a missing id gives %s %+v", kind, id, r.Data, r.Errors, missingResp.Data, missingResp.Errors)
		}
	}
	for _, p := range w.Policies {
		check("policy", p.ID, want.policies[p.ID])
		for _, v := range p.Versions {
			check("policy version", v.ID, want.policyVersions[v.ID])
		}
		for _, a := range p.Acknowledgements {
			check("acknowledgement", a.ID, want.policyAcks[a.ID])
		}
	}
}
