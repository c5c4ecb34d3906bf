package server_test

import (
	"testing"

	"github.com/dealerline/dealerline/server"
)

// The rebate API over the demo data: the programs, a dealer's standing, a
// settlement preview and a settlement of a settled quarter (nothing more),
// and what is refused.
func TestRebates_API(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		var progs struct {
			RebatePrograms struct {
				Edges []struct {
					Node struct {
						ID, Name, PeriodKind, TierMode string
						CurrentPeriod                  *string
						Tiers                          []struct{ Threshold string }
					}
				}
			}
		}
		admin.mustQuery(t, `{ rebatePrograms(first: 10) { edges { node { id name periodKind tierMode currentPeriod tiers { threshold } } } } }`, nil, &progs)
		var quarterly, yearly string
		for _, e := range progs.RebatePrograms.Edges {
			switch {
			case e.Node.PeriodKind == "QUARTER" && e.Node.TierMode == "RETROACTIVE":
				quarterly = e.Node.ID
			case e.Node.PeriodKind == "YEAR" && e.Node.TierMode == "INCREMENTAL":
				yearly = e.Node.ID
			}
			if e.Node.CurrentPeriod == nil || len(e.Node.Tiers) == 0 {
				t.Errorf("%s: current period %v, tiers %v", e.Node.Name, e.Node.CurrentPeriod, e.Node.Tiers)
			}
		}
		if quarterly == "" || yearly == "" {
			t.Fatalf("demo programs: %+v", progs)
		}

		// The settled quarter: settled again, nothing more.
		var notes struct {
			CreditNotes struct {
				Edges []struct{ Node struct{ RebatePeriod string } }
			}
		}
		admin.mustQuery(t, `query($p: ID!) { creditNotes(first: 1, where: {kind: REBATE, rebateProgramID: $p}) { edges { node { rebatePeriod } } } }`,
			map[string]any{"p": quarterly}, &notes)
		if len(notes.CreditNotes.Edges) == 0 {
			t.Fatal("the demo settled no quarter")
		}
		settled := notes.CreditNotes.Edges[0].Node.RebatePeriod
		type settlement struct {
			Settled       bool
			TotalToCredit string
			Lines         []struct {
				Dealer                  struct{ Code string }
				Earned, AlreadyCredited string
				ToCredit                string
				CreditNote              *struct{ ID string }
			}
		}
		var pv struct{ RebateSettlementPreview settlement }
		admin.mustQuery(t, `query($p: ID!, $q: Period!) { rebateSettlementPreview(programID: $p, period: $q) { settled totalToCredit
			lines { dealer { code } earned alreadyCredited toCredit creditNote { id } } } }`, map[string]any{"p": quarterly, "q": settled}, &pv)
		credited := 0
		for _, l := range pv.RebateSettlementPreview.Lines {
			if l.AlreadyCredited != "0.00" {
				credited++
			}
		}
		if pv.RebateSettlementPreview.Settled || pv.RebateSettlementPreview.TotalToCredit != "0.00" || credited == 0 || len(pv.RebateSettlementPreview.Lines) != 30 {
			t.Errorf("preview of settled %s: %+v", settled, pv.RebateSettlementPreview)
		}
		var again struct{ SettleRebates settlement }
		admin.mustQuery(t, `mutation($p: ID!, $q: Period!) { settleRebates(programID: $p, period: $q) { settled totalToCredit
			lines { dealer { code } earned alreadyCredited toCredit creditNote { id } } } }`, map[string]any{"p": quarterly, "q": settled}, &again)
		if !again.SettleRebates.Settled || again.SettleRebates.TotalToCredit != "0.00" {
			t.Errorf("settled again: %+v", again.SettleRebates)
		}

		refused := func(c client, q string, vars map[string]any, code, field string) {
			t.Helper()
			r := c.query(t, q, vars)
			got := ""
			if len(r.Errors) > 0 {
				got, _ = r.Errors[0].Extensions["field"].(string)
			}
			if r.code() != code || (field != "" && got != field) {
				t.Errorf("%s: %+v, want %s on %s", q, r.Errors, code, field)
			}
		}
		var current struct {
			RebatePrograms struct {
				Edges []struct {
					Node struct{ CurrentPeriod string }
				}
			}
		}
		admin.mustQuery(t, `{ rebatePrograms(first: 10) { edges { node { currentPeriod } } } }`, nil, &current)
		settle := `mutation($p: ID!, $q: Period!) { settleRebates(programID: $p, period: $q) { settled } }`
		var open string
		for _, e := range current.RebatePrograms.Edges {
			if len(e.Node.CurrentPeriod) == 7 {
				open = e.Node.CurrentPeriod
			}
		}
		refused(admin, settle, map[string]any{"p": quarterly, "q": open}, "INVALID_INPUT", "period")
		refused(signIn(t, m, "manager@demo.test"), settle, map[string]any{"p": quarterly, "q": settled}, "FORBIDDEN", "")
		refused(admin, `mutation($in: RebateProgramInput!) { createRebateProgram(input: $in) { id } }`, map[string]any{"in": map[string]any{
			"name": "Overlap", "audience": map[string]any{"all": true}, "periodKind": "QUARTER", "firstPeriod": "2026-Q1", "tierMode": "RETROACTIVE",
			"tiers": []map[string]any{{"threshold": "100.00", "rateBasisPoints": 100}, {"threshold": "100.00", "rateBasisPoints": 200}},
		}}, "INVALID_INPUT", "tiers[1].threshold")
		refused(admin, `mutation($in: RebateProgramInput!) { createRebateProgram(input: $in) { id } }`, map[string]any{"in": map[string]any{
			"name": "Generous", "audience": map[string]any{"all": true}, "periodKind": "QUARTER", "firstPeriod": "2026-Q1", "tierMode": "RETROACTIVE",
			"tiers": []map[string]any{{"threshold": "0.00", "rateBasisPoints": 10001}},
		}}, "INVALID_INPUT", "tiers[0].rateBasisPoints")

		// A distributor: its programs today, and its sub-dealer's standing.
		north := signIn(t, m, "north@demo.test")
		var mine struct {
			Me struct {
				Dealer struct {
					ID      string
					Rebates []struct {
						Program                  struct{ ID string }
						Period, Basis, Accrued   string
						ProjectedBasis, Invoiced string
					}
					SubDealers []struct{ ID string }
				}
			}
		}
		north.mustQuery(t, `{ me { dealer { id rebates { program { id } period basis accrued projectedBasis invoiced } subDealers { id } } } }`, nil, &mine)
		got := set{}
		for _, st := range mine.Me.Dealer.Rebates {
			got[st.Program.ID] = true
		}
		if !got[quarterly] || !got[yearly] {
			t.Errorf("north's rebates: %+v", mine.Me.Dealer.Rebates)
		}
		if len(mine.Me.Dealer.SubDealers) == 0 {
			t.Fatal("north has no sub-dealer")
		}
		status := `query($d: ID!, $p: ID!) { node(id: $d) { ... on Dealer { rebateStatus(programID: $p) { period basis settled } } } }`
		var sub struct {
			Node struct{ RebateStatus *struct{ Period string } }
		}
		north.mustQuery(t, status, map[string]any{"d": mine.Me.Dealer.SubDealers[0].ID, "p": quarterly}, &sub)
		if sub.Node.RebateStatus == nil {
			t.Error("north does not see its sub-dealer's standing")
		}
		refused(north, `query($d: ID!, $p: ID!) { node(id: $d) { ... on Dealer { rebateStatus(programID: $p, period: "2026") { basis } } } }`,
			map[string]any{"d": mine.Me.Dealer.ID, "p": quarterly}, "INVALID_INPUT", "period")
		refused(admin, `mutation($d: ID!) { issueCreditNote(input: {dealerID: $d, amount: "1.00", reason: "x", kind: REBATE}) { id } }`,
			map[string]any{"d": mine.Me.Dealer.ID}, "INVALID_INPUT", "kind")

		// A tier-2 dealer: not in the distributors' program.
		south := signIn(t, m, "south@demo.test")
		var me struct {
			Me struct{ Dealer struct{ ID string } }
		}
		south.mustQuery(t, `{ me { dealer { id } } }`, nil, &me)
		var st struct {
			Node struct{ RebateStatus *struct{ Period string } }
		}
		admin.mustQuery(t, status, map[string]any{"d": me.Me.Dealer.ID, "p": yearly}, &st)
		if st.Node.RebateStatus != nil {
			t.Errorf("south stands in the distributors' program: %+v", st.Node.RebateStatus)
		}
	})
}
