package server_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dealerline/dealerline/server"
)

const claimFields = `id number status activity activityOn amount approvedAmount decisionNote version allowedActions attachments
	creditNote { number amount kind }`

type claimResult struct {
	ID, Number, Status, Activity, ActivityOn, Amount string
	ApprovedAmount                                   *string
	DecisionNote                                     string
	Version                                          int
	AllowedActions, Attachments                      []string
	CreditNote                                       *struct{ Number, Amount, Kind string }
}

type budgetResult struct {
	ID                                   string
	Budget, Approved, Pending, Remaining string
	NetInvoiced                          *string
	Fund                                 struct{ Name, Period string }
}

// thisQuarter is the business period a fund opened now pays for.
func thisQuarter() string {
	now := time.Now().UTC()
	return fmt.Sprintf("%d-Q%d", now.Year(), (int(now.Month())-1)/3+1)
}

func openFund(t *testing.T, c client, name string, in map[string]any) gqlResponse {
	t.Helper()
	input := map[string]any{"name": name, "period": thisQuarter(), "budgetKind": "AMOUNT", "budgetAmount": "1000.00"}
	for k, v := range in {
		input[k] = v
	}
	return c.query(t, `mutation($in: OpenMarketingFundInput!) { openMarketingFund(input: $in) { id name period budgetKind budgetAmount } }`,
		map[string]any{"in": input})
}

func budgetOf(t *testing.T, c client, dealerID, fundID string) budgetResult {
	t.Helper()
	var got struct {
		FundBudgets struct{ Edges []struct{ Node budgetResult } }
	}
	c.mustQuery(t, `query($d: ID, $f: ID) { fundBudgets(dealerID: $d, fundID: $f) { edges { node {
		id budget approved pending remaining netInvoiced fund { name period } } } } }`,
		map[string]any{"d": dealerID, "f": fundID}, &got)
	if len(got.FundBudgets.Edges) != 1 {
		t.Fatalf("budgets of fund %s: %+v", fundID, got.FundBudgets.Edges)
	}
	return got.FundBudgets.Edges[0].Node
}

func claimFund(t *testing.T, c client, budgetID, amount string) gqlResponse {
	t.Helper()
	return c.query(t, `mutation($in: ClaimMarketingFundInput!) { claimMarketingFund(input: $in) { `+claimFields+` } }`,
		map[string]any{"in": map[string]any{
			"budgetID": budgetID, "activity": "Spring trade show booth", "activityOn": time.Now().UTC().Format(time.DateOnly),
			"amount": amount, "description": "Booth rent and printed leaflets", "attachments": []string{"https://files.example/receipt-1.pdf"},
		}})
}

func mustClaim(t *testing.T, r gqlResponse, field string) claimResult {
	t.Helper()
	if len(r.Errors) > 0 {
		t.Fatalf("%s: %+v", field, r.Errors)
	}
	var got map[string]claimResult
	if err := json.Unmarshal(r.Data, &got); err != nil {
		t.Fatal(err)
	}
	return got[field]
}

// fundCounts is everything a refused fund change must leave as it was.
func fundCounts(t *testing.T, admin client) string {
	t.Helper()
	var got struct {
		MarketingFunds struct{ TotalCount int }
		FundClaims     struct {
			TotalCount int
			Edges      []struct{ Node claimResult }
		}
		CreditNotes  struct{ TotalCount int }
		AuditEntries struct{ TotalCount int }
	}
	admin.mustQuery(t, `{ marketingFunds { totalCount } fundClaims(first: 50) { totalCount edges { node { `+claimFields+` } } }
		creditNotes { totalCount } auditEntries { totalCount } }`, nil, &got)
	b, _ := json.Marshal(got)
	return string(b)
}

// A fund from opening to payment: a manager opens it for one dealer, the
// dealer claims within its budget, the manager approves in part (paid by a
// MARKETING_FUND credit note on the statement, counted in the dealer's
// channel costs) and rejects another claim; every refusal answers with its
// code and field and writes nothing.
func TestFunds_Flow(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin, manager := signIn(t, m, "admin@demo.test"), signIn(t, m, "manager@demo.test")
		acct := newAccount(t, m, admin, "MDF1", 30)
		dealer, north := acct.dealer, signIn(t, m, "north@demo.test")
		audience := map[string]any{"audience": map[string]any{"dealerIDs": []string{acct.dealerID}}}

		before := fundCounts(t, admin)
		returnRefused(t, "a dealer opens a fund", openFund(t, dealer, "Co-op", audience), "FORBIDDEN", "")
		returnRefused(t, "no amount", openFund(t, manager, "Co-op", map[string]any{"budgetAmount": nil, "audience": audience["audience"]}), "INVALID_INPUT", "budgetAmount")
		returnRefused(t, "a share over 100 %", openFund(t, manager, "Co-op", map[string]any{"budgetKind": "SHARE_OF_NET_INVOICED", "budgetAmount": nil, "budgetBasisPoints": 10001, "audience": audience["audience"]}), "INVALID_INPUT", "budgetBasisPoints")
		returnRefused(t, "every dealer from a manager", openFund(t, manager, "Co-op", map[string]any{"audience": map[string]any{"all": true}}), "FORBIDDEN", "audience")
		if after := fundCounts(t, admin); after != before {
			t.Fatalf("a refused fund wrote:\n%s\n%s", before, after)
		}
		var opened struct{ OpenMarketingFund struct{ ID string } }
		if r := openFund(t, manager, "Co-op", audience); len(r.Errors) > 0 {
			t.Fatalf("open: %+v", r.Errors)
		} else if err := json.Unmarshal(r.Data, &opened); err != nil {
			t.Fatal(err)
		}
		fundID := opened.OpenMarketingFund.ID
		returnRefused(t, "the same program and period twice", openFund(t, manager, "Co-op", audience), "CONFLICT", "name")

		b := budgetOf(t, dealer, acct.dealerID, fundID)
		if b.Budget != "1000.00" || b.Remaining != "1000.00" || b.Fund.Name != "Co-op" || b.Fund.Period != thisQuarter() {
			t.Fatalf("budget: %+v", b)
		}
		// Another dealer does not see the fund, nor the budget.
		var seen struct {
			MarketingFunds connection
			FundBudgets    struct{ TotalCount int }
		}
		north.mustQuery(t, `query($f: ID) { marketingFunds(first: 100) { totalCount edges { node { id } } } fundBudgets(fundID: $f) { totalCount } }`, map[string]any{"f": fundID}, &seen)
		if seen.MarketingFunds.ids()[fundID] || seen.FundBudgets.TotalCount != 0 {
			t.Errorf("north sees another dealer's fund: %+v", seen)
		}

		before = fundCounts(t, admin)
		if msg := returnRefused(t, "over budget", claimFund(t, dealer, b.ID, "1000.01"), "INVALID_INPUT", "amount"); !strings.Contains(msg, "1000.00") {
			t.Errorf("over-budget message: %q", msg)
		}
		foreign := returnRefused(t, "another dealer's budget", claimFund(t, north, b.ID, "10.00"), "NOT_FOUND", "budgetID")
		missing := returnRefused(t, "no such budget", claimFund(t, north, "999999999", "10.00"), "NOT_FOUND", "budgetID")
		if foreign != missing {
			t.Errorf("a foreign budget answers %q, a missing one %q", foreign, missing)
		}
		returnRefused(t, "staff claim", claimFund(t, manager, b.ID, "10.00"), "FORBIDDEN", "")
		returnRefused(t, "nothing", claimFund(t, dealer, b.ID, "0"), "INVALID_INPUT", "amount")
		if after := fundCounts(t, admin); after != before {
			t.Fatalf("a refused claim wrote:\n%s\n%s", before, after)
		}

		c1 := mustClaim(t, claimFund(t, dealer, b.ID, "600.00"), "claimMarketingFund")
		if c1.Status != "SUBMITTED" || !strings.HasPrefix(c1.Number, "MF-") || len(c1.AllowedActions) != 0 || len(c1.Attachments) != 1 {
			t.Fatalf("claimed: %+v", c1)
		}
		if b = budgetOf(t, dealer, acct.dealerID, fundID); b.Pending != "600.00" || b.Remaining != "400.00" {
			t.Fatalf("after a claim: %+v", b)
		}
		// What a claim holds is not claimed twice.
		returnRefused(t, "over what is left", claimFund(t, dealer, b.ID, "400.01"), "INVALID_INPUT", "amount")

		decide := func(c client, mutation, id, decl, args string, vars map[string]any) gqlResponse {
			if vars == nil {
				vars = map[string]any{}
			}
			vars["id"] = id
			return c.query(t, `mutation($id: ID!, $v: Int`+decl+`) { `+mutation+`(id: $id, expectedVersion: $v`+args+`) { `+claimFields+` } }`, vars)
		}
		approve := func(c client, id string, vars map[string]any) gqlResponse {
			return decide(c, "approveFundClaim", id, ", $amount: Money, $note: String", ", amount: $amount, note: $note", vars)
		}
		reject := func(c client, id string, note string) gqlResponse {
			return decide(c, "rejectFundClaim", id, ", $note: String!", ", note: $note", map[string]any{"note": note})
		}
		before = fundCounts(t, admin)
		foreign = returnRefused(t, "another dealer's claim", approve(north, c1.ID, nil), "NOT_FOUND", "id")
		missing = returnRefused(t, "no such claim", approve(north, "999999999", nil), "NOT_FOUND", "id")
		if foreign != missing {
			t.Errorf("a foreign claim answers %q, a missing one %q", foreign, missing)
		}
		returnRefused(t, "the dealer approves", approve(dealer, c1.ID, nil), "FORBIDDEN", "")
		returnRefused(t, "more than claimed", approve(manager, c1.ID, map[string]any{"amount": "600.01"}), "INVALID_INPUT", "amount")
		returnRefused(t, "in part without a reason", approve(manager, c1.ID, map[string]any{"amount": "450.00"}), "INVALID_INPUT", "note")
		returnRefused(t, "a stale version", approve(manager, c1.ID, map[string]any{"v": c1.Version + 1}), "CONFLICT", "")
		returnRefused(t, "rejected without a reason", reject(manager, c1.ID, " "), "INVALID_INPUT", "note")
		if after := fundCounts(t, admin); after != before {
			t.Fatalf("a refused decision wrote:\n%s\n%s", before, after)
		}

		c1 = mustClaim(t, approve(manager, c1.ID, map[string]any{"amount": "450.00", "note": "Leaflets are not co-op spend"}), "approveFundClaim")
		if c1.Status != "PARTIALLY_APPROVED" || c1.ApprovedAmount == nil || *c1.ApprovedAmount != "450.00" ||
			c1.CreditNote == nil || c1.CreditNote.Kind != "MARKETING_FUND" || c1.CreditNote.Amount != "450.00" {
			t.Fatalf("approved in part: %+v", c1)
		}
		returnRefused(t, "approved twice", approve(manager, c1.ID, nil), "INVALID_TRANSITION", "id")
		if b = budgetOf(t, dealer, acct.dealerID, fundID); b.Approved != "450.00" || b.Pending != "0.00" || b.Remaining != "550.00" {
			t.Fatalf("after approval: %+v", b)
		}
		c2 := mustClaim(t, claimFund(t, dealer, b.ID, "550.00"), "claimMarketingFund")
		c2 = mustClaim(t, reject(manager, c2.ID, "No proof of the event"), "rejectFundClaim")
		if c2.Status != "REJECTED" || c2.DecisionNote != "No proof of the event" || c2.CreditNote != nil {
			t.Fatalf("rejected: %+v", c2)
		}
		if b = budgetOf(t, dealer, acct.dealerID, fundID); b.Remaining != "550.00" {
			t.Fatalf("a rejected claim holds: %+v", b)
		}

		// The payment is on the statement, for both sides.
		today := time.Now().UTC().Format(time.DateOnly)
		for _, c := range []client{dealer, manager} {
			var st struct {
				AccountStatement struct {
					Credited string
					Lines    []struct {
						Kind       string
						CreditNote *struct{ Kind, Amount string }
					}
				}
			}
			c.mustQuery(t, `query($d: ID!, $from: Date!, $to: Date!) { accountStatement(dealerID: $d, from: $from, to: $to) {
				credited lines { kind creditNote { kind amount } } } }`, map[string]any{"d": acct.dealerID, "from": today, "to": today}, &st)
			found := false
			for _, l := range st.AccountStatement.Lines {
				found = found || (l.CreditNote != nil && l.CreditNote.Kind == "MARKETING_FUND" && l.CreditNote.Amount == "450.00")
			}
			if !found || st.AccountStatement.Credited != "450.00" {
				t.Errorf("statement: %+v", st.AccountStatement)
			}
		}

		// And in the dealer's channel costs of the period.
		var sc struct {
			Scorecard struct {
				Explain []struct {
					Kpi       string
					Numerator *float64
				}
			}
		}
		admin.mustQuery(t, `query($d: ID!, $p: Period!) { scorecard(dealerID: $d, period: $p) { explain { kpi numerator } } }`,
			map[string]any{"d": acct.dealerID, "p": thisQuarter()}, &sc)
		for _, k := range sc.Scorecard.Explain {
			if k.Kpi == "CHANNEL_COST_RATIO" && (k.Numerator == nil || *k.Numerator != 450) {
				t.Errorf("channel costs: %+v", k)
			}
		}
	})
}

// Claims made at once on one budget never take more than it holds: each
// waits for the budget's row and counts the others.
func TestFunds_ConcurrentClaimsStayWithinTheBudget(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin, manager := signIn(t, m, "admin@demo.test"), signIn(t, m, "manager@demo.test")
		acct := newAccount(t, m, admin, "MDF2", 30)
		var opened struct{ OpenMarketingFund struct{ ID string } }
		r := openFund(t, manager, "Shop windows", map[string]any{"budgetAmount": "500.00", "audience": map[string]any{"dealerIDs": []string{acct.dealerID}}})
		if err := json.Unmarshal(r.Data, &opened); err != nil || len(r.Errors) > 0 {
			t.Fatalf("open: %v %+v", err, r.Errors)
		}
		b := budgetOf(t, acct.dealer, acct.dealerID, opened.OpenMarketingFund.ID)
		const n = 8
		var wg sync.WaitGroup
		results := make([]gqlResponse, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i] = claimFund(t, acct.dealer, b.ID, "100.00")
			}()
		}
		wg.Wait()
		accepted := 0
		for _, r := range results {
			if len(r.Errors) == 0 {
				accepted++
				continue
			}
			if code := r.Errors[0].Extensions["code"]; code != "INVALID_INPUT" && code != "CONFLICT" {
				t.Errorf("a concurrent claim: %+v", r.Errors)
			}
		}
		b = budgetOf(t, acct.dealer, acct.dealerID, opened.OpenMarketingFund.ID)
		if mustMoney(t, b.Pending) != int64(accepted)*10000 || mustMoney(t, b.Pending) > 50000 || accepted != 5 {
			t.Fatalf("%d claims of 100.00 accepted on a budget of 500.00: %+v", accepted, b)
		}
	})
}
