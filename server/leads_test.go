package server_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/dealerline/dealerline/server"
)

const leadFields = `id number status customerName dealerID rule answerDueAt allowedActions deal { id number status protected }`

type leadResult struct {
	ID, Number, Status, CustomerName string
	DealerID, Rule, AnswerDueAt      *string
	AllowedActions                   []string
	Deal                             *struct {
		ID, Number, Status string
		Protected          bool
	}
}

func mustLead(t *testing.T, r gqlResponse, field string) leadResult {
	t.Helper()
	if len(r.Errors) > 0 {
		t.Fatalf("%s: %+v", field, r.Errors)
	}
	var got map[string]leadResult
	if err := json.Unmarshal(r.Data, &got); err != nil {
		t.Fatal(err)
	}
	return got[field]
}

func (w dealWorld) createLead(t *testing.T, customer string) leadResult {
	t.Helper()
	return mustLead(t, w.admin.query(t, `mutation($in: CreateLeadInput!) { createLead(input: $in) { `+leadFields+` } }`, map[string]any{"in": map[string]any{
		"customerName": customer, "city": "Guangzhou", "territoryID": w.prd, "need": "Tools for a new depot", "source": "TRADE_SHOW",
	}}), "createLead")
}

func assignLead(t *testing.T, c client, id, rule string, dealerID *string) gqlResponse {
	t.Helper()
	vars := map[string]any{"id": id, "rule": rule}
	if dealerID != nil {
		vars["d"] = *dealerID
	}
	return c.query(t, `mutation($id: ID!, $rule: LeadAssignmentRule!, $d: ID) { assignLead(id: $id, rule: $rule, dealerID: $d) { `+leadFields+` } }`, vars)
}

// tradersOf are the trading dealers of territory code, as an administrator
// reads them.
func tradersOf(t *testing.T, admin client, code string) map[string]bool {
	t.Helper()
	var got struct {
		Dealers struct {
			Edges []struct {
				Node struct {
					ID, Status  string
					Territories []struct{ Code string }
				}
			}
		}
	}
	admin.mustQuery(t, `{ dealers(first: 100) { edges { node { id status territories { code } } } } }`, nil, &got)
	out := map[string]bool{}
	for _, e := range got.Dealers.Edges {
		for _, tr := range e.Node.Territories {
			if tr.Code == code && (e.Node.Status == "ACTIVE" || e.Node.Status == "PROBATION") {
				out[e.Node.ID] = true
			}
		}
	}
	return out
}

// Leads go to one dealer at a time: by hand, in turn, or to the best
// completion of last quarter; a decline or an answer not given in time
// passes the lead on, never back; an accepted lead is a protected deal;
// the outcome closes it and shows in the dealer's lead conversion. A
// dealer never reads a lead offered to another.
func TestLeads_Flow(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		w := newDealWorld(t, m)
		traders := tradersOf(t, w.admin, "SC-PRD")
		start := conversion(t, w.south, w.southID)

		// In turn: each trader of the territory once, those that waited
		// longest first.
		seen := map[string]bool{}
		for i := range len(traders) {
			r := mustLead(t, assignLead(t, w.admin, w.createLead(t, fmt.Sprintf("Turn %d Ltd", i)).ID, "ROUND_ROBIN", nil), "assignLead")
			seen[*r.DealerID] = true
		}
		if len(seen) != len(traders) {
			t.Errorf("%d leads in turn went to %d dealers; want each of the %d traders once", len(traders), len(seen), len(traders))
		}

		// By hand to South Traders; Pearl River cannot touch it.
		l := w.createLead(t, "Baiyun Logistics Park")
		if l.Status != "UNASSIGNED" || l.DealerID != nil {
			t.Fatalf("created: %+v", l)
		}
		before := dealCounts(t, w.admin)
		returnRefused(t, "a dealer creates a lead", w.south.query(t, `mutation($in: CreateLeadInput!) { createLead(input: $in) { id } }`, map[string]any{"in": map[string]any{
			"customerName": "X", "territoryID": w.prd, "need": "X", "source": "OTHER"}}), "FORBIDDEN", "")
		returnRefused(t, "by hand without a dealer", assignLead(t, w.admin, l.ID, "MANUAL", nil), "INVALID_INPUT", "dealerID")
		returnRefused(t, "South accepts a lead not offered to it", w.south.query(t, `mutation($id: ID!) { acceptLead(id: $id) { id } }`, map[string]any{"id": l.ID}), "NOT_FOUND", "id")
		if after := dealCounts(t, w.admin); after != before {
			t.Fatalf("refusals changed something:\n%s\n%s", before, after)
		}
		l = mustLead(t, assignLead(t, w.admin, l.ID, "MANUAL", &w.southID), "assignLead")
		if l.Status != "OFFERED" || *l.DealerID != w.southID || l.AnswerDueAt == nil {
			t.Fatalf("assigned: %+v", l)
		}
		returnRefused(t, "Pearl River declines South's lead", w.pearl.query(t, `mutation($id: ID!) { declineLead(id: $id, reason: "no") { id } }`, map[string]any{"id": l.ID}), "NOT_FOUND", "id")
		var pearlSees struct {
			Leads struct {
				Edges []struct{ Node struct{ ID string } }
			}
			Node *struct{ ID string }
		}
		w.pearl.mustQueryAllowingErrors(t, `query($id: ID!) { leads(first: 50) { edges { node { id } } } node(id: $id) { id } }`, map[string]any{"id": l.ID}, &pearlSees)
		for _, e := range pearlSees.Leads.Edges {
			if e.Node.ID == l.ID {
				t.Fatalf("Pearl River lists South's lead")
			}
		}
		if pearlSees.Node != nil {
			t.Fatalf("Pearl River reads South's lead by id")
		}
		var inbox struct {
			Leads struct {
				Edges []struct{ Node leadResult }
			}
		}
		w.south.mustQuery(t, `{ leads(first: 10) { edges { node { `+leadFields+` } } } }`, nil, &inbox)
		if len(inbox.Leads.Edges) == 0 || inbox.Leads.Edges[0].Node.ID != l.ID || fmt.Sprint(inbox.Leads.Edges[0].Node.AllowedActions) != "[ACCEPT DECLINE]" {
			t.Fatalf("South's inbox: %+v; want this lead first, to accept or decline", inbox)
		}

		// Declined: on to another trader of the territory, in turn.
		returnRefused(t, "a decline without a reason", w.south.query(t, `mutation($id: ID!) { declineLead(id: $id, reason: "") { id } }`, map[string]any{"id": l.ID}), "INVALID_INPUT", "reason")
		if gone := mustLead(t, w.south.query(t, `mutation($id: ID!) { declineLead(id: $id, reason: "No capacity this quarter") { `+leadFields+` } }`, map[string]any{"id": l.ID}), "declineLead"); gone.ID != "" {
			t.Fatalf("South still reads the lead it declined: %+v", gone)
		}
		var declined struct{ Node leadResult }
		w.admin.mustQuery(t, `query($id: ID!) { node(id: $id) { ... on Lead { `+leadFields+` } } }`, map[string]any{"id": l.ID}, &declined)
		d := declined.Node
		if d.Status != "OFFERED" || d.DealerID == nil || *d.DealerID == w.southID || !traders[*d.DealerID] || *d.Rule != "ROUND_ROBIN" {
			t.Fatalf("declined lead went to %+v; want another trader of the territory", d)
		}
		// Not answered in time: on again, never back to one that had it.
		had := map[string]bool{w.southID: true, *d.DealerID: true}
		// (With every other offer due by then, all unanswered.)
		cutoff := time.Now().Add(49 * time.Hour)
		var offered struct {
			Leads struct {
				Edges []struct {
					Node struct{ AnswerDueAt time.Time }
				}
			}
		}
		w.admin.mustQuery(t, `{ leads(first: 100, statuses: [OFFERED]) { edges { node { answerDueAt } } } }`, nil, &offered)
		due := 0
		for _, e := range offered.Leads.Edges {
			if !e.Node.AnswerDueAt.After(cutoff) {
				due++
			}
		}
		if n, err := m.ExpireLeads(cutoff); err != nil || n != due {
			t.Fatalf("expiry pass: %d, %v; want %d leads passed on", n, err, due)
		}
		if n, err := m.ExpireLeads(time.Now().Add(time.Hour)); err != nil || n != 0 {
			t.Fatalf("second pass: %d, %v; want nothing due", n, err)
		}
		var after struct{ Node leadResult }
		w.admin.mustQuery(t, `query($id: ID!) { node(id: $id) { ... on Lead { `+leadFields+` } } }`, map[string]any{"id": l.ID}, &after)
		if after.Node.Status != "OFFERED" || had[*after.Node.DealerID] || !traders[*after.Node.DealerID] {
			t.Fatalf("expired lead went to %+v; had it: %v", after.Node, had)
		}

		// The best quota completion last quarter.
		prev := previousQuarter(time.Now().UTC())
		best, bestValue := "", -1.0
		for id := range traders {
			var card struct {
				Scorecard struct{ QuotaCompletion *float64 }
			}
			w.admin.mustQuery(t, `query($d: ID!, $p: Period!) { scorecard(dealerID: $d, period: $p) { quotaCompletion } }`, map[string]any{"d": id, "p": prev}, &card)
			if v := card.Scorecard.QuotaCompletion; v != nil && *v > bestValue {
				best, bestValue = id, *v
			}
		}
		b := mustLead(t, assignLead(t, w.admin, w.createLead(t, "Best Completion Co").ID, "BEST_COMPLETION", nil), "assignLead")
		if best != "" && *b.DealerID != best {
			t.Errorf("BEST_COMPLETION went to %s; want %s (completion %.3f in %s)", *b.DealerID, best, bestValue, prev)
		}

		// Accepted: a protected deal of South's.
		a := w.createLead(t, "Huadu Auto Plant")
		mustLead(t, assignLead(t, w.admin, a.ID, "MANUAL", &w.southID), "assignLead")
		acc := mustLead(t, w.south.query(t, `mutation($id: ID!) { acceptLead(id: $id) { `+leadFields+` } }`, map[string]any{"id": a.ID}), "acceptLead")
		if acc.Status != "ACCEPTED" || acc.Deal == nil || acc.Deal.Status != "APPROVED" || !acc.Deal.Protected || fmt.Sprint(acc.AllowedActions) != "[WIN LOSE]" {
			t.Fatalf("accepted: %+v", acc)
		}
		returnRefused(t, "Pearl River registers the accepted lead's customer", w.register(t, w.pearl, "Huadu Auto Plant Co., Ltd.", w.prd), "CONFLICT", "customerName")
		out := mustLead(t, w.south.query(t, `mutation($id: ID!) { reportLeadOutcome(id: $id, outcome: LOST, note: "Went with a local supplier") { `+leadFields+` } }`,
			map[string]any{"id": a.ID}), "reportLeadOutcome")
		if out.Status != "LOST" || out.Deal.Status != "LOST" {
			t.Fatalf("outcome: %+v", out)
		}

		// A manager's rule hands the lead to a dealer it works with.
		var ml struct{ CreateLead struct{ ID string } }
		w.manager.mustQuery(t, `mutation($in: CreateLeadInput!) { createLead(input: $in) { id } }`, map[string]any{"in": map[string]any{
			"customerName": "Nansha Port Works", "territoryID": w.prd, "need": "Grinders", "source": "PHONE"}}, &ml)
		mr := mustLead(t, assignLead(t, w.manager, ml.CreateLead.ID, "ROUND_ROBIN", nil), "assignLead")
		if *mr.DealerID != w.southID && *mr.DealerID != w.pearlID {
			t.Errorf("the Retail manager's lead went to %s, a dealer outside Retail", *mr.DealerID)
		}

		// South's conversion this year: two more leads offered, one more
		// accepted, none more won.
		end := conversion(t, w.south, w.southID)
		if end.Offered < start.Offered+2 || end.Accepted != start.Accepted+1 || end.Won != start.Won || end.Rate == nil {
			t.Errorf("South's lead conversion: %+v, from %+v", end, start)
		}
	})
}

type leadConversion struct {
	Offered, Accepted, Won int
	Rate                   *float64
}

// conversion is a dealer's lead conversion this year, as c reads it.
func conversion(t *testing.T, c client, dealerID string) leadConversion {
	t.Helper()
	var conv struct {
		Scorecard struct{ LeadConversion *leadConversion }
	}
	c.mustQuery(t, `query($d: ID!, $p: Period!) { scorecard(dealerID: $d, period: $p) { leadConversion { offered accepted won rate } } }`,
		map[string]any{"d": dealerID, "p": time.Now().UTC().Format("2006")}, &conv)
	if conv.Scorecard.LeadConversion == nil {
		t.Fatal("a dealer's scorecard has no lead conversion")
	}
	return *conv.Scorecard.LeadConversion
}

// previousQuarter names the quarter before the one of day, like "2026-Q3".
func previousQuarter(day time.Time) string {
	q := (int(day.Month())-1)/3 + 1
	y := day.Year()
	if q--; q == 0 {
		q, y = 4, y-1
	}
	return fmt.Sprintf("%d-Q%d", y, q)
}
