package server_test

import (
	"fmt"
	"testing"

	"github.com/dealerline/dealerline/server"
)

// Through the API: a refused import lists every bad line in
// extensions.rows; a foreign dealer answers as a missing one; a channel's
// progress is its managers'.
func TestQuotas_API(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		manager := signIn(t, m, "manager@demo.test")
		r := manager.query(t, `mutation($csv: String!) { importQuotas(csv: $csv) { written } }`, map[string]any{
			"csv": "dealer code,month,amount\nD-SOUTH,2026-11,1\nD-NOPE,2026-11,1\nD-EAST,2026-11,1\nD-SOUTH,2026-Q4,1\n"})
		if r.code() != "INVALID_INPUT" {
			t.Fatalf("bad file: %+v", r.Errors)
		}
		rows, _ := r.Errors[0].Extensions["rows"].([]any)
		var got []string
		for _, x := range rows {
			row, _ := x.(map[string]any)
			got = append(got, fmt.Sprintf("%v:%v", row["line"], row["field"]))
		}
		if fmt.Sprint(got) != "[3:dealer code 4:dealer code 5:month]" || r.Errors[0].Extensions["field"] != "csv" {
			t.Errorf("extensions %v; want rows 3, 4 and 5 of field csv", r.Errors[0].Extensions)
		}

		var dealers struct {
			Dealers struct {
				Edges []struct{ Node struct{ ID, Code string } }
			}
		}
		signIn(t, m, "admin@demo.test").mustQuery(t, `{ dealers(first: 100) { edges { node { id code } } } }`, nil, &dealers)
		ids := map[string]string{}
		for _, e := range dealers.Dealers.Edges {
			ids[e.Node.Code] = e.Node.ID
		}
		r = manager.query(t, `mutation($in: [QuotaInput!]!) { setQuotas(input: $in) { id } }`, map[string]any{"in": []any{
			map[string]any{"dealerID": ids["D-SOUTH"], "month": "2026-11", "amount": "10.00"},
			map[string]any{"dealerID": ids["D-EAST"], "month": "2026-11", "amount": "10.00"},
		}})
		if r.code() != "NOT_FOUND" || r.Errors[0].Extensions["field"] != "input[1].dealerID" {
			t.Errorf("a foreign dealer: %+v", r.Errors)
		}
		r = manager.query(t, `mutation($in: [QuotaInput!]!) { setQuotas(input: $in) { id } }`, map[string]any{"in": []any{
			map[string]any{"dealerID": ids["D-SOUTH"], "month": "2026-11", "amount": "-1"},
		}})
		if r.code() != "INVALID_INPUT" || r.Errors[0].Extensions["field"] != "input[0].amount" {
			t.Errorf("a negative amount: %+v", r.Errors)
		}

		var ch struct {
			Channels struct {
				Edges []struct {
					Node struct {
						Code          string
						QuotaProgress *struct{ Quota, NetSales string }
					}
				}
			}
		}
		manager.mustQueryAllowingErrors(t, `{ channels(first: 10) { edges { node { code quotaProgress(period: "2026") { quota netSales } } } } }`, nil, &ch)
		for _, e := range ch.Channels.Edges {
			if visible := e.Node.QuotaProgress != nil; visible != (e.Node.Code == "RETAIL") {
				t.Errorf("manager of Retail: %s progress visible = %v", e.Node.Code, visible)
			}
		}
		r = signIn(t, m, "south@demo.test").query(t, `{ channels(first: 10) { edges { node { quotaProgress { quota } } } } }`, nil)
		if r.code() != "FORBIDDEN" {
			t.Errorf("a dealer user reads a channel's progress: %+v", r.Errors)
		}
	})
}
