package server_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dealerline/dealerline/server"
)

// fundWorld is the marketing funds, budgets, claims and disputes as an
// administrator reads them, each with what decides who sees it.
type fundWorld struct {
	Funds []struct {
		ID            string
		PublishedByID *string
		Budgets       []struct{ ID, DealerID string }
	}
	Claims, Disputes []dealerRow
}

func loadFundWorld(t *testing.T, admin client) fundWorld {
	t.Helper()
	var got struct {
		MarketingFunds struct {
			Edges []struct {
				Node struct {
					ID            string
					PublishedByID *string
					Budgets       []struct{ ID, DealerID string }
				}
			}
		}
		FundClaims, InvoiceDisputes struct {
			Edges []struct{ Node dealerRow }
		}
	}
	admin.mustQuery(t, `{ marketingFunds(first: 100) { edges { node { id publishedByID budgets { id dealerID } } } }
		fundClaims(first: 100) { edges { node { id dealerID } } }
		invoiceDisputes(first: 100) { edges { node { id dealerID } } } }`, nil, &got)
	var w fundWorld
	for _, e := range got.MarketingFunds.Edges {
		w.Funds = append(w.Funds, e.Node)
	}
	for _, e := range got.FundClaims.Edges {
		w.Claims = append(w.Claims, e.Node)
	}
	for _, e := range got.InvoiceDisputes.Edges {
		w.Disputes = append(w.Disputes, e.Node)
	}
	return w
}

// seedFunds opens three funds — for every dealer, for one sub-dealer of
// North only, and a manager's for one dealer of its channel — and has
// North, South and North's sub-dealer each claim on its budget and
// dispute one of its open invoices.
func seedFunds(t *testing.T, m *server.Main, admin, manager client) {
	t.Helper()
	w := loadWorld(t, admin)
	var capital, south string
	for _, d := range w.Dealers {
		switch d.Code {
		case "D-BJ-01":
			capital = d.ID
		case "D-SOUTH":
			south = d.ID
		}
	}
	for _, f := range []struct {
		by       client
		name     string
		audience map[string]any
	}{
		{admin, "Every dealer", map[string]any{"all": true}},
		{admin, "Capital only", map[string]any{"dealerIDs": []string{capital}}},
		{manager, "Retail windows", map[string]any{"dealerIDs": []string{south}}},
	} {
		if r := openFund(t, f.by, f.name, map[string]any{"audience": f.audience}); len(r.Errors) > 0 {
			t.Fatalf("open %s: %+v", f.name, r.Errors)
		}
	}
	for _, email := range []string{"north@demo.test", "south@demo.test", "capital@demo.test"} {
		c := signIn(t, m, email)
		var got struct {
			FundBudgets struct {
				Edges []struct {
					Node struct {
						ID   string
						Fund struct{ Name string }
					}
				}
			}
			Invoices struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		c.mustQuery(t, `{ fundBudgets(first: 10) { edges { node { id fund { name } } } }
			invoices(first: 1, where: {balanceGT: "1.00"}) { edges { node { id } } } }`, nil, &got)
		for _, b := range got.FundBudgets.Edges {
			if b.Node.Fund.Name == "Every dealer" {
				mustClaim(t, claimFund(t, c, b.Node.ID, "50.00"), "claimMarketingFund")
			}
		}
		if len(got.Invoices.Edges) > 0 {
			mustDispute(t, raiseDispute(t, c, got.Invoices.Edges[0].Node.ID, "1.00"), "raiseInvoiceDispute")
		}
	}
}

// Every viewer sees exactly the funds, budgets, claims and disputes of the
// dealers it sees (a manager also the funds it opened), in lists and by
// node; another's answers as a missing id does.
func TestVisibility_FundsAndDisputes(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin, manager := signIn(t, m, "admin@demo.test"), signIn(t, m, "manager@demo.test")
		seedFunds(t, m, admin, manager)
		w := loadFundWorld(t, admin)
		if len(w.Claims) < 3 || len(w.Disputes) < 2 || len(w.Funds) < 3 {
			t.Fatalf("too small a world to tell: %d funds, %d claims, %d disputes", len(w.Funds), len(w.Claims), len(w.Disputes))
		}
		for _, email := range viewers {
			t.Run(strings.TrimSuffix(email, "@demo.test"), func(t *testing.T) {
				c := signIn(t, m, email)
				var me struct {
					Me      struct{ ID string }
					Dealers connection
				}
				c.mustQuery(t, `{ me { id } dealers(first: 100) { totalCount edges { node { id } } } }`, nil, &me)
				seen := me.Dealers.ids()
				wantFunds, wantBudgets, wantClaims, wantDisputes := set{}, set{}, set{}, set{}
				for _, f := range w.Funds {
					if email == "admin@demo.test" || (f.PublishedByID != nil && *f.PublishedByID == me.Me.ID && !strings.HasPrefix(email, "north") && !strings.HasPrefix(email, "south") && !strings.HasPrefix(email, "capital")) {
						wantFunds[f.ID] = true
					}
					for _, b := range f.Budgets {
						if seen[b.DealerID] {
							wantFunds[f.ID], wantBudgets[b.ID] = true, true
						}
					}
				}
				for _, r := range w.Claims {
					if seen[r.DealerID] {
						wantClaims[r.ID] = true
					}
				}
				for _, r := range w.Disputes {
					if seen[r.DealerID] {
						wantDisputes[r.ID] = true
					}
				}
				// Lists: a dealer user's without dealerID are its own dealer's;
				// each visible dealer's when named.
				var lists struct {
					MarketingFunds connection
				}
				c.mustQuery(t, `{ marketingFunds(first: 100) { totalCount edges { node { id } } } }`, nil, &lists)
				if !lists.MarketingFunds.ids().equal(wantFunds) || lists.MarketingFunds.TotalCount != len(wantFunds) {
					t.Errorf("marketingFunds = %v, want %v", lists.MarketingFunds.ids().sorted(), wantFunds.sorted())
				}
				gotBudgets, gotClaims, gotDisputes := set{}, set{}, set{}
				for id := range seen {
					var per struct {
						FundBudgets, FundClaims, InvoiceDisputes connection
					}
					c.mustQuery(t, `query($d: ID) { fundBudgets(dealerID: $d, first: 100) { totalCount edges { node { id } } }
						fundClaims(dealerID: $d, first: 100) { totalCount edges { node { id } } }
						invoiceDisputes(dealerID: $d, first: 100) { totalCount edges { node { id } } } }`, map[string]any{"d": id}, &per)
					for k := range per.FundBudgets.ids() {
						gotBudgets[k] = true
					}
					for k := range per.FundClaims.ids() {
						gotClaims[k] = true
					}
					for k := range per.InvoiceDisputes.ids() {
						gotDisputes[k] = true
					}
				}
				for _, tc := range []struct {
					name      string
					got, want set
				}{{"fundBudgets", gotBudgets, wantBudgets}, {"fundClaims", gotClaims, wantClaims}, {"invoiceDisputes", gotDisputes, wantDisputes}} {
					if !tc.got.equal(tc.want) {
						t.Errorf("%s = %v, want %v", tc.name, tc.got.sorted(), tc.want.sorted())
					}
				}
				// A dealer's list of another dealer it does not see is empty.
				for _, f := range w.Funds {
					for _, b := range f.Budgets {
						if seen[b.DealerID] {
							continue
						}
						var per struct{ FundBudgets, FundClaims, InvoiceDisputes connection }
						c.mustQuery(t, `query($d: ID) { fundBudgets(dealerID: $d) { totalCount } fundClaims(dealerID: $d) { totalCount }
							invoiceDisputes(dealerID: $d) { totalCount } }`, map[string]any{"d": b.DealerID}, &per)
						if per.FundBudgets.TotalCount+per.FundClaims.TotalCount+per.InvoiceDisputes.TotalCount != 0 {
							t.Errorf("dealer %s, not seen: %+v", b.DealerID, per)
						}
						break
					}
				}
				// By node: a row not readable answers as a missing id does.
				missing := c.query(t, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": "999999999"})
				check := func(kind, id string, readable bool) {
					got := c.query(t, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": id})
					if readable {
						if len(got.Errors) > 0 || !strings.Contains(string(got.Data), id) {
							t.Errorf("%s node(%s) = %s %+v, want it", kind, id, got.Data, got.Errors)
						}
					} else if string(got.Data) != string(missing.Data) || fmt.Sprint(got.Errors) != fmt.Sprint(missing.Errors) {
						t.Errorf("%s node(%s), not readable, = %s %+v; a missing id gives %s %+v", kind, id, got.Data, got.Errors, missing.Data, missing.Errors)
					}
				}
				for _, f := range w.Funds {
					check("fund", f.ID, wantFunds[f.ID])
					for _, b := range f.Budgets[:min(len(f.Budgets), 6)] {
						check("budget", b.ID, wantBudgets[b.ID])
					}
				}
				for _, r := range w.Claims {
					check("claim", r.ID, wantClaims[r.ID])
				}
				for _, r := range w.Disputes {
					check("dispute", r.ID, wantDisputes[r.ID])
				}
			})
		}
	})
}
