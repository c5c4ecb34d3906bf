package server_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/server"
)

// Deal registrations, their lines and leads are read by their own
// dealer's users — never its distributor's or another dealer's — and by
// the staff who see the dealer (leads no dealer holds: by all staff); in
// lists, by node and through edges, a foreign one answers as a missing one.
func TestVisibility_DealsAndLeads(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		w := loadWorld(t, admin)
		byCode := map[string]string{}
		for _, d := range w.Dealers {
			byCode[d.Code] = d.ID
		}
		territory := map[string]string{}
		var ts struct {
			Territories struct {
				Edges []struct{ Node struct{ ID, Code string } }
			}
		}
		admin.mustQuery(t, `{ territories(first: 50) { edges { node { id code } } } }`, nil, &ts)
		for _, e := range ts.Territories.Edges {
			territory[e.Node.Code] = e.Node.ID
		}
		var ps struct {
			Products struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		admin.mustQuery(t, `{ products(first: 1, where: {active: true}, orderBy: {field: SKU}) { edges { node { id } } } }`, nil, &ps)
		product := ps.Products.Edges[0].Node.ID

		// A registration by each of: South Traders, North Distribution, a
		// sub-dealer of North's, and a key account in South's territory.
		users := map[string]client{
			"D-SOUTH": signIn(t, m, "south@demo.test"),
			"D-NORTH": signIn(t, m, "north@demo.test"),
			"D-BJ-01": dealerUser(t, m, admin, byCode["D-BJ-01"], "capital@deals.test"),
			"D-KA-02": dealerUser(t, m, admin, byCode["D-KA-02"], "metro@deals.test"),
		}
		home := map[string]string{"D-SOUTH": "SC-PRD", "D-NORTH": "NC-BTH", "D-BJ-01": "NC-BTH", "D-KA-02": "SC-PRD"}
		dealOf := map[string]string{} // registration → its dealer
		for code, c := range users {
			var got struct{ RegisterDeal struct{ ID string } }
			c.mustQuery(t, `mutation($in: RegisterDealInput!) { registerDeal(input: $in) { id } }`, map[string]any{"in": map[string]any{
				"customerName": "Customer of " + code, "territoryID": territory[home[code]],
				"expectedCloseOn": time.Now().UTC().AddDate(0, 1, 0).Format(time.DateOnly),
				"lines":           []map[string]any{{"productID": product, "quantity": 5}},
			}}, &got)
			dealOf[got.RegisterDeal.ID] = byCode[code]
		}
		// A lead offered to each, and one no dealer holds.
		leadOf := map[string]string{}
		for _, code := range []string{"D-SOUTH", "D-NORTH", "D-BJ-01", "D-KA-02", ""} {
			var l struct{ CreateLead struct{ ID string } }
			admin.mustQuery(t, `mutation($in: CreateLeadInput!) { createLead(input: $in) { id } }`, map[string]any{"in": map[string]any{
				"customerName": "Lead for " + code, "territoryID": territory["SC-PRD"], "need": "Tools", "source": "WEBSITE"}}, &l)
			leadOf[l.CreateLead.ID] = byCode[code]
			if code != "" {
				d := byCode[code]
				if r := assignLead(t, admin, l.CreateLead.ID, "MANUAL", &d); len(r.Errors) > 0 {
					t.Fatal(r.Errors)
				}
			}
		}

		// Every registration and lead, the demo's among them, as the
		// administrator reads them.
		var all struct {
			DealRegistrations struct {
				Edges []struct{ Node struct{ ID, DealerID string } }
			}
			Leads struct {
				Edges []struct {
					Node struct {
						ID       string
						DealerID *string
					}
				}
			}
		}
		admin.mustQuery(t, `{ dealRegistrations(first: 100) { edges { node { id dealerID } } } leads(first: 100) { edges { node { id dealerID } } } }`, nil, &all)
		for _, e := range all.DealRegistrations.Edges {
			dealOf[e.Node.ID] = e.Node.DealerID
		}
		for _, e := range all.Leads.Edges {
			leadOf[e.Node.ID] = ""
			if e.Node.DealerID != nil {
				leadOf[e.Node.ID] = *e.Node.DealerID
			}
		}

		for _, email := range append(viewers, "capital@deals.test", "metro@deals.test") {
			t.Run(strings.TrimSuffix(email, "@demo.test"), func(t *testing.T) {
				var c client
				var role, own string
				switch email {
				case "capital@deals.test":
					c, role, own = users["D-BJ-01"], "DEALER", byCode["D-BJ-01"]
				case "metro@deals.test":
					c, role, own = users["D-KA-02"], "DEALER", byCode["D-KA-02"]
				default:
					c = signIn(t, m, email)
					for _, u := range w.Users {
						if u.Email == email {
							role = u.Role
							if u.Dealer != nil {
								own = u.Dealer.ID
							}
						}
					}
				}
				staffSees := set{}
				if role != "DEALER" {
					staffSees = expect(w, email).dealers
				}
				sees := func(dealerID string, unassignedToo bool) bool {
					if role == "DEALER" {
						return dealerID != "" && dealerID == own
					}
					return (dealerID == "" && unassignedToo) || staffSees[dealerID]
				}
				check := func(what, list string, rows map[string]string, unassignedToo bool) {
					t.Helper()
					want := set{}
					for id, d := range rows {
						if sees(d, unassignedToo) {
							want[id] = true
						}
					}
					var got struct {
						List connection
					}
					c.mustQuery(t, `{ list: `+list+`(first: 100) { totalCount edges { node { id } } } }`, nil, &got)
					if ids := got.List.ids(); !ids.equal(want) || got.List.TotalCount != len(want) {
						t.Errorf("%s listed %v (total %d); want %v", what, ids.sorted(), got.List.TotalCount, want.sorted())
					}
					for id := range rows {
						var n struct{ Node *struct{ ID string } }
						c.mustQueryAllowingErrors(t, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": id}, &n)
						if (n.Node != nil) != want[id] {
							t.Errorf("%s node(%s) = %v; want seen: %v", what, id, n.Node, want[id])
						}
					}
					// By a dealer's id: nothing of a dealer the viewer may not read.
					for _, d := range byCode {
						var got struct{ List connection }
						c.mustQuery(t, fmt.Sprintf(`{ list: %s(first: 100, dealerID: %q) { totalCount edges { node { id } } } }`, list, d), nil, &got)
						for id := range got.List.ids() {
							if !want[id] {
								t.Errorf("%s of dealer %s lists %s", what, d, id)
							}
						}
					}
				}
				check("dealRegistrations", "dealRegistrations", dealOf, false)
				check("leads", "leads", leadOf, true)
				// Lines and deals through a lead's edge: seen with the registration.
				for id := range dealOf {
					var n struct {
						Node *struct {
							Lines []struct{ ID string }
							Lead  *struct{ ID string }
						}
					}
					c.mustQueryAllowingErrors(t, `query($id: ID!) { node(id: $id) { ... on DealRegistration { lines { id } lead { id } } } }`, map[string]any{"id": id}, &n)
					if n.Node != nil {
						for _, l := range n.Node.Lines {
							var ln struct{ Node *struct{ ID string } }
							c.mustQueryAllowingErrors(t, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": l.ID}, &ln)
							if ln.Node == nil {
								t.Errorf("a line of a registration seen is not read by id")
							}
						}
					}
				}
			})
		}
	})
}
