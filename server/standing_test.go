package server_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/server"
)

const standingFields = `id code status creditLimit creditExposure availableCredit balance
	ageing { at notYetDue overdue1To30 overdue31To60 overdue61To90 overdueOver90 overdue }
	openOrders { status count }`

type standingResult struct {
	ID, Code, Status                             string
	CreditLimit, CreditExposure, AvailableCredit string
	Balance                                      string
	Ageing                                       struct{ At, NotYetDue, Overdue1To30, Overdue31To60, Overdue61To90, OverdueOver90, Overdue string }
	OpenOrders                                   []struct {
		Status string
		Count  int
	}
}

// openStatuses are the statuses of orders still to be delivered, in the
// order of the status machine.
var openStatuses = []string{"SUBMITTED", "CONFIRMED", "IN_FULFILLMENT", "SHIPPED", "PARTIALLY_DELIVERED"}

// TestStanding_DealerFiguresAgreeWithStatementAndOrders: every demo
// dealer's balance and ageing are its statement's closing balance and
// ageing today, its open orders what orders counts by status, its exposure
// what quoteOrder weighs a new order against, and its available credit the
// limit less that.
func TestStanding_DealerFiguresAgreeWithStatementAndOrders(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		var got struct {
			Dealers struct {
				Edges []struct{ Node standingResult }
			}
		}
		admin.mustQuery(t, `{ dealers(first: 100) { edges { node { `+standingFields+` } } } }`, nil, &got)
		if len(got.Dealers.Edges) < 30 {
			t.Fatalf("%d dealers, want the 30 of the demo", len(got.Dealers.Edges))
		}
		var overdue, open, quoted int
		product := productOf(t, signIn(t, m, "south@demo.test"))
		for _, e := range got.Dealers.Edges {
			d := e.Node
			st, _ := statement(t, admin, d.ID, mustDate(t, "2000-01-01"), mustDate(t, d.Ageing.At))
			if d.Balance != st.ClosingBalance {
				t.Errorf("%s: balance %s, statement's closing balance %s", d.Code, d.Balance, st.ClosingBalance)
			}
			if fmt.Sprint(d.Ageing) != fmt.Sprint(st.Ageing) {
				t.Errorf("%s: ageing %+v, statement's %+v", d.Code, d.Ageing, st.Ageing)
			}
			if mustMoney(t, d.AvailableCredit) != mustMoney(t, d.CreditLimit)-mustMoney(t, d.CreditExposure) {
				t.Errorf("%s: available %s, want limit %s less exposure %s", d.Code, d.AvailableCredit, d.CreditLimit, d.CreditExposure)
			}
			if d.Status == "ACTIVE" || d.Status == "PROBATION" {
				var q struct {
					QuoteOrder struct{ Exposure, CreditLimit string }
				}
				admin.mustQuery(t, `query($d: ID!, $p: ID!) { quoteOrder(input: {dealerID: $d, lines: [{productID: $p, quantity: 1}]}) { exposure creditLimit } }`,
					map[string]any{"d": d.ID, "p": product}, &q)
				if q.QuoteOrder.Exposure != d.CreditExposure {
					t.Errorf("%s: exposure %s, quoteOrder's %s", d.Code, d.CreditExposure, q.QuoteOrder.Exposure)
				}
				quoted++
			}
			var counts []string
			var aliases []string
			for i, s := range openStatuses {
				aliases = append(aliases, fmt.Sprintf(`s%d: orders(dealerID: $d, first: 1, where: {status: %s}) { totalCount }`, i, s))
			}
			var byStatus map[string]struct{ TotalCount int }
			admin.mustQuery(t, `query($d: ID!) { `+strings.Join(aliases, " ")+` }`, map[string]any{"d": d.ID}, &byStatus)
			for i, s := range openStatuses {
				if n := byStatus[fmt.Sprintf("s%d", i)].TotalCount; n > 0 {
					counts = append(counts, fmt.Sprintf("%s:%d", s, n))
				}
			}
			var gotCounts []string
			for _, c := range d.OpenOrders {
				gotCounts = append(gotCounts, fmt.Sprintf("%s:%d", c.Status, c.Count))
			}
			if strings.Join(gotCounts, " ") != strings.Join(counts, " ") {
				t.Errorf("%s: open orders %v, orders counts %v", d.Code, gotCounts, counts)
			}
			if mustMoney(t, d.Ageing.Overdue) > 0 {
				overdue++
			}
			open += len(counts)
		}
		// The demo has something of each, or the comparisons above prove little.
		if overdue == 0 || open == 0 || quoted == 0 {
			t.Fatalf("%d dealers overdue, %d with open orders, %d quoted: want some of each", overdue, open, quoted)
		}

		// A dealer user sees its own figures; the home page asks for them
		// all at once in a handful of statements.
		south := signIn(t, m, "south@demo.test")
		q := `{ me { dealer { ` + standingFields + ` } } }`
		south.mustQuery(t, q, nil, &struct{}{}) // the token's last use is written at most once a minute
		before := m.Statements()
		var me struct {
			Me struct{ Dealer standingResult }
		}
		south.mustQuery(t, q, nil, &me)
		if n := m.Statements() - before; n > 12 {
			t.Errorf("the home figures took %d statements, want at most 12", n)
		}
		for _, e := range got.Dealers.Edges {
			if e.Node.Code == me.Me.Dealer.Code && fmt.Sprint(e.Node) != fmt.Sprint(me.Me.Dealer) {
				t.Errorf("south sees %+v, the administrator %+v", me.Me.Dealer, e.Node)
			}
		}
	})
}

const summariesQuery = `query($f: DealerSummaryFilter, $o: DealerSummaryOrder, $first: Int, $after: String) {
	dealerSummaries(filter: $f, orderBy: $o, first: $first, after: $after) { totalCount pageInfo { hasNextPage }
		edges { cursor node { dealer { id code name tier status channel { id } } salesThisMonth salesThisYear openOrders heldOrders
			balance overdue creditExposure lastOrderAt } } } }`

type summaryNode struct {
	Dealer struct {
		ID, Code, Name, Status string
		Tier                   int
		Channel                struct{ ID string }
	}
	SalesThisMonth, SalesThisYear, Balance, Overdue, CreditExposure string
	OpenOrders, HeldOrders                                          int
	LastOrderAt                                                     *string
}

type summaryPage struct {
	TotalCount int
	PageInfo   struct{ HasNextPage bool }
	Edges      []struct {
		Cursor string
		Node   summaryNode
	}
}

func summaries(t *testing.T, c client, vars map[string]any) summaryPage {
	t.Helper()
	if vars == nil {
		vars = map[string]any{}
	}
	if _, ok := vars["first"]; !ok {
		vars["first"] = 100
	}
	var got struct{ DealerSummaries summaryPage }
	c.mustQuery(t, summariesQuery, vars, &got)
	return got.DealerSummaries
}

func (p summaryPage) codes() []string {
	var out []string
	for _, e := range p.Edges {
		out = append(out, e.Node.Dealer.Code)
	}
	return out
}

// visibleCodes is the codes of the dealers c sees, sorted.
func visibleCodes(t *testing.T, c client) []string {
	t.Helper()
	var got struct {
		Dealers struct {
			Edges []struct{ Node struct{ Code string } }
		}
	}
	c.mustQuery(t, `{ dealers(first: 100, orderBy: {field: CODE}) { edges { node { code } } } }`, nil, &got)
	var out []string
	for _, e := range got.Dealers.Edges {
		out = append(out, e.Node.Code)
	}
	return out
}

// TestDealerSummaries_FiguresSortingFiltersPagingAndVisibility: the
// manager's list gives each dealer the figures its own page gives, sorts
// by them with ties by code, filters, pages with cursors, and lists only
// the dealers the viewer may see.
func TestDealerSummaries_FiguresSortingFiltersPagingAndVisibility(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		all := summaries(t, admin, map[string]any{"first": 100})
		if want := visibleCodes(t, admin); strings.Join(all.codes(), " ") != strings.Join(want, " ") || all.TotalCount != len(want) || all.PageInfo.HasNextPage {
			t.Fatalf("the administrator's list %v (%d), want every dealer by code %v", all.codes(), all.TotalCount, want)
		}
		// Each dealer's figures are its own page's.
		var sales, held int
		for _, e := range all.Edges {
			s := e.Node
			var d struct {
				Node struct {
					standingResult
					Orders struct {
						Edges []struct{ Node struct{ PlacedAt string } }
					}
				}
			}
			admin.mustQuery(t, `query($id: ID!) { node(id: $id) { ... on Dealer { `+standingFields+` } } }`, map[string]any{"id": s.Dealer.ID}, &d)
			var last struct {
				Orders struct {
					Edges []struct{ Node struct{ PlacedAt string } }
				}
			}
			admin.mustQuery(t, `query($d: ID!) { orders(dealerID: $d, first: 1, orderBy: {field: PLACED_AT, direction: DESC}) { edges { node { placedAt } } } }`, map[string]any{"d": s.Dealer.ID}, &last)
			open := 0
			for _, c := range d.Node.OpenOrders {
				open += c.Count
			}
			if s.Balance != d.Node.Balance || s.Overdue != d.Node.Ageing.Overdue || s.CreditExposure != d.Node.CreditExposure || s.OpenOrders != open {
				t.Errorf("%s: list %+v, its page %+v", s.Dealer.Code, s, d.Node.standingResult)
			}
			switch {
			case len(last.Orders.Edges) == 0 && s.LastOrderAt != nil, len(last.Orders.Edges) > 0 && (s.LastOrderAt == nil || !sameTime(t, *s.LastOrderAt, last.Orders.Edges[0].Node.PlacedAt)):
				t.Errorf("%s: last order at %v, its orders' latest %+v", s.Dealer.Code, s.LastOrderAt, last.Orders.Edges)
			}
			if m, y := mustMoney(t, s.SalesThisMonth), mustMoney(t, s.SalesThisYear); m < 0 || m > y {
				t.Errorf("%s: sales this month %s, this year %s", s.Dealer.Code, s.SalesThisMonth, s.SalesThisYear)
			} else if y > 0 {
				sales++
			}
			if s.HeldOrders > s.OpenOrders {
				t.Errorf("%s: %d held of %d open", s.Dealer.Code, s.HeldOrders, s.OpenOrders)
			}
			held += s.HeldOrders
		}
		if sales == 0 {
			t.Error("no dealer has sales this year: the demo data should give some")
		}

		// By overdue, most first, ties by code; paged 7 at a time, the pages
		// make up the whole list.
		byOverdue := map[string]any{"field": "OVERDUE", "direction": "DESC"}
		whole := summaries(t, admin, map[string]any{"o": byOverdue, "first": 100})
		for i := 1; i < len(whole.Edges); i++ {
			a, b := whole.Edges[i-1].Node, whole.Edges[i].Node
			if x, y := mustMoney(t, a.Overdue), mustMoney(t, b.Overdue); x < y || x == y && a.Dealer.Code > b.Dealer.Code {
				t.Errorf("%s (%s) before %s (%s)", a.Dealer.Code, a.Overdue, b.Dealer.Code, b.Overdue)
			}
		}
		if mustMoney(t, whole.Edges[0].Node.Overdue) == 0 {
			t.Fatal("nobody is overdue in the demo data")
		}
		var paged []string
		var after any
		for pages := 0; ; pages++ {
			p := summaries(t, admin, map[string]any{"o": byOverdue, "first": 7, "after": after})
			if p.TotalCount != whole.TotalCount || pages > 10 {
				t.Fatalf("page %d: totalCount %d, want %d", pages, p.TotalCount, whole.TotalCount)
			}
			paged = append(paged, p.codes()...)
			if !p.PageInfo.HasNextPage {
				break
			}
			after = p.Edges[len(p.Edges)-1].Cursor
		}
		if strings.Join(paged, " ") != strings.Join(whole.codes(), " ") {
			t.Errorf("pages %v, want %v", paged, whole.codes())
		}
		if p := summaries(t, admin, map[string]any{"first": 0}); len(p.Edges) != 0 || p.TotalCount != whole.TotalCount || !p.PageInfo.HasNextPage {
			t.Errorf("first: 0 gave %+v", p)
		}
		refusedInput(t, admin.query(t, summariesQuery, map[string]any{"first": 101}), "first")
		refusedInput(t, admin.query(t, summariesQuery, map[string]any{"first": 10, "after": "not-a-cursor"}), "after")
		refusedInput(t, admin.query(t, summariesQuery, map[string]any{"first": 10, "after": whole.Edges[0].Cursor}), "after") // another order's

		// Each filter keeps exactly the dealers it names.
		filtered := func(f map[string]any, keep func(summaryNode) bool) {
			t.Helper()
			p := summaries(t, admin, map[string]any{"f": f, "first": 100})
			var want []string
			for _, e := range all.Edges {
				if keep(e.Node) {
					want = append(want, e.Node.Dealer.Code)
				}
			}
			if len(want) == 0 || strings.Join(p.codes(), " ") != strings.Join(want, " ") || p.TotalCount != len(want) {
				t.Errorf("filter %v: %v (%d), want %v", f, p.codes(), p.TotalCount, want)
			}
		}
		ids := demoIDs(t, admin)
		filtered(map[string]any{"search": "soUTH"}, func(s summaryNode) bool {
			return strings.Contains(strings.ToLower(s.Dealer.Code+"|"+s.Dealer.Name), "south")
		})
		filtered(map[string]any{"channelID": ids.retail}, func(s summaryNode) bool { return s.Dealer.Channel.ID == ids.retail })
		filtered(map[string]any{"tier": 1}, func(s summaryNode) bool { return s.Dealer.Tier == 1 })
		filtered(map[string]any{"status": "SUSPENDED"}, func(s summaryNode) bool { return s.Dealer.Status == "SUSPENDED" })
		filtered(map[string]any{"overdueOnly": true}, func(s summaryNode) bool { return mustMoney(t, s.Overdue) > 0 })
		filtered(map[string]any{"tier": 2, "overdueOnly": true, "channelID": ids.retail}, func(s summaryNode) bool {
			return s.Dealer.Tier == 2 && mustMoney(t, s.Overdue) > 0 && s.Dealer.Channel.ID == ids.retail
		})
		var terr struct {
			Territories struct {
				Edges []struct {
					Node struct {
						ID      string
						Dealers struct {
							Edges []struct{ Node struct{ Code string } }
						}
					}
				}
			}
		}
		admin.mustQuery(t, `{ territories(first: 1) { edges { node { id dealers(first: 100) { edges { node { code } } } } } } }`, nil, &terr)
		inTerritory := map[string]bool{}
		for _, d := range terr.Territories.Edges[0].Node.Dealers.Edges {
			inTerritory[d.Node.Code] = true
		}
		filtered(map[string]any{"territoryID": terr.Territories.Edges[0].Node.ID}, func(s summaryNode) bool { return inTerritory[s.Dealer.Code] })

		// A manager its dealers, a dealer user its own (a distributor's with
		// its sub-dealers): a foreign dealer never appears, even searched for.
		for _, email := range []string{"manager@demo.test", "south@demo.test", "north@demo.test"} {
			c := signIn(t, m, email)
			want := visibleCodes(t, c)
			p := summaries(t, c, map[string]any{"o": byOverdue})
			got := p.codes()
			sortedGot := append([]string(nil), got...)
			slices.Sort(sortedGot)
			if strings.Join(sortedGot, " ") != strings.Join(want, " ") || p.TotalCount != len(want) || len(want) == 0 || len(want) == len(all.Edges) {
				t.Errorf("%s sees %v (%d), want %v", email, got, p.TotalCount, want)
			}
			if p := summaries(t, c, map[string]any{"f": map[string]any{"search": "D-EAST"}}); email != "manager@demo.test" && (p.TotalCount != 0 || len(p.Edges) != 0) {
				t.Errorf("%s finds %v searching for another's dealer", email, p.codes())
			}
		}
		if p := summaries(t, signIn(t, m, "south@demo.test"), nil); strings.Join(p.codes(), " ") != "D-SOUTH" {
			t.Errorf("south lists %v", p.codes())
		}
	})
}

func sameTime(t *testing.T, a, b string) bool {
	t.Helper()
	x, err := time.Parse(time.RFC3339Nano, a)
	if err != nil {
		t.Fatal(err)
	}
	y, err := time.Parse(time.RFC3339Nano, b)
	if err != nil {
		t.Fatal(err)
	}
	return x.Equal(y)
}
