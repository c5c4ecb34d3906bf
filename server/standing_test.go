package server_test

import (
	"fmt"
	"strings"
	"testing"

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
