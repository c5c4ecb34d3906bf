package server_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/money"
	"github.com/dealerline/dealerline/server"
)

const disputeFields = `id number status amount reason resolutionNote creditedAmount version allowedActions
	lines { id amount } invoice { id number balance disputableAmount } creditNote { number amount kind }`

type disputeResult struct {
	ID, Number, Status, Amount, Reason, ResolutionNote string
	CreditedAmount                                     *string
	Version                                            int
	AllowedActions                                     []string
	Lines                                              []struct{ ID, Amount string }
	Invoice                                            struct{ ID, Number, Balance, DisputableAmount string }
	CreditNote                                         *struct{ Number, Amount, Kind string }
}

type disputedInvoice struct {
	ID, Number, Amount, Balance, DisputableAmount string
	Shipment                                      struct {
		Lines []struct{ ID, Amount string }
	}
}

func dealerInvoice(t *testing.T, c client, dealerID string) disputedInvoice {
	t.Helper()
	var got struct {
		Invoices struct {
			Edges []struct{ Node disputedInvoice }
		}
	}
	c.mustQuery(t, `query($d: ID) { invoices(dealerID: $d, first: 1) { edges { node {
		id number amount balance disputableAmount shipment { lines { id amount } } } } } }`, map[string]any{"d": dealerID}, &got)
	if len(got.Invoices.Edges) != 1 {
		t.Fatalf("invoices: %+v", got)
	}
	return got.Invoices.Edges[0].Node
}

func raiseDispute(t *testing.T, c client, invoiceID, amount string, lines ...string) gqlResponse {
	t.Helper()
	in := map[string]any{"invoiceID": invoiceID, "amount": amount, "reason": "Two units arrived broken"}
	if len(lines) > 0 {
		in["shipmentLineIDs"] = lines
	}
	return c.query(t, `mutation($in: RaiseInvoiceDisputeInput!) { raiseInvoiceDispute(input: $in) { `+disputeFields+` } }`,
		map[string]any{"in": in})
}

func mustDispute(t *testing.T, r gqlResponse, field string) disputeResult {
	t.Helper()
	if len(r.Errors) > 0 {
		t.Fatalf("%s: %+v", field, r.Errors)
	}
	var got map[string]disputeResult
	if err := json.Unmarshal(r.Data, &got); err != nil {
		t.Fatal(err)
	}
	return got[field]
}

func disputeCounts(t *testing.T, admin client) string {
	t.Helper()
	var got struct {
		InvoiceDisputes struct {
			TotalCount int
			Edges      []struct{ Node disputeResult }
		}
		CreditNotes  struct{ TotalCount int }
		AuditEntries struct{ TotalCount int }
	}
	admin.mustQuery(t, `{ invoiceDisputes(first: 50) { totalCount edges { node { `+disputeFields+` } } }
		creditNotes { totalCount } auditEntries { totalCount } }`, nil, &got)
	b, _ := json.Marshal(got)
	return string(b)
}

type statementAgeing struct {
	ClosingBalance string
	Ageing         struct{ NotYetDue, Overdue, Disputed string }
	Lines          []struct {
		Kind, Reference, Disputed string
	}
}

func statementAt(t *testing.T, c client, dealerID string, to time.Time) statementAgeing {
	t.Helper()
	var got struct{ AccountStatement statementAgeing }
	c.mustQuery(t, `query($d: ID!, $from: Date!, $to: Date!) { accountStatement(dealerID: $d, from: $from, to: $to) {
		closingBalance ageing { notYetDue overdue disputed } lines { kind reference disputed } } }`,
		map[string]any{"d": dealerID, "from": time.Now().UTC().AddDate(0, 0, -1).Format(time.DateOnly), "to": to.Format(time.DateOnly)}, &got)
	return got.AccountStatement
}

func disputeTimeline(t *testing.T, c client, dealerID string) []string {
	t.Helper()
	var got struct {
		Node struct {
			Timeline struct {
				Edges []struct {
					Node struct {
						Kind, Action string
						Subject      struct{ Number string }
					}
				}
			}
		}
	}
	c.mustQuery(t, `query($d: ID!) { node(id: $d) { ... on Dealer { timeline(first: 20, kinds: [DISPUTE]) { edges { node {
		kind action subject { ... on InvoiceDispute { number } } } } } } } }`, map[string]any{"d": dealerID}, &got)
	var out []string
	for _, e := range got.Node.Timeline.Edges {
		out = append(out, e.Node.Action+" "+e.Node.Subject.Number)
	}
	return out
}

// A dispute from raising to resolution: the dealer disputes part of an
// invoice from its statement, the amount is shown on the statement and
// kept out of the overdue ageing while open, and the manager resolves it
// with a CORRECTION credit note applied to the invoice; another is
// rejected with a reason. Both appear on the timeline; every refusal
// answers with its code and field and writes nothing.
func TestDisputes_Flow(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin, manager := signIn(t, m, "admin@demo.test"), signIn(t, m, "manager@demo.test")
		acct := newAccount(t, m, admin, "DSP1", 0) // due at once: overdue tomorrow
		dealer, north := acct.dealer, signIn(t, m, "north@demo.test")
		deliveredOrder(t, dealer, manager, 4, 2)
		inv := dealerInvoice(t, dealer, acct.dealerID)
		if inv.DisputableAmount != inv.Balance || len(inv.Shipment.Lines) != 2 {
			t.Fatalf("invoice: %+v", inv)
		}
		line := inv.Shipment.Lines[1]

		before := disputeCounts(t, admin)
		over := money.Format(mustMoney(t, inv.Balance) + 1)
		returnRefused(t, "over the open amount", raiseDispute(t, dealer, inv.ID, over), "INVALID_INPUT", "amount")
		returnRefused(t, "over the line's amount", raiseDispute(t, dealer, inv.ID, money.Format(mustMoney(t, line.Amount)+1), line.ID), "INVALID_INPUT", "amount")
		returnRefused(t, "a line of another invoice", raiseDispute(t, dealer, inv.ID, "1.00", "999999999"), "INVALID_INPUT", "shipmentLineIDs")
		foreign := returnRefused(t, "another dealer's invoice", raiseDispute(t, north, inv.ID, "1.00"), "NOT_FOUND", "invoiceID")
		missing := returnRefused(t, "no such invoice", raiseDispute(t, north, "999999999", "1.00"), "NOT_FOUND", "invoiceID")
		if foreign != missing {
			t.Errorf("a foreign invoice answers %q, a missing one %q", foreign, missing)
		}
		returnRefused(t, "staff dispute", raiseDispute(t, manager, inv.ID, "1.00"), "FORBIDDEN", "")
		returnRefused(t, "nothing", raiseDispute(t, dealer, inv.ID, "0"), "INVALID_INPUT", "amount")
		if after := disputeCounts(t, admin); after != before {
			t.Fatalf("a refused dispute wrote:\n%s\n%s", before, after)
		}

		d1 := mustDispute(t, raiseDispute(t, dealer, inv.ID, line.Amount, line.ID), "raiseInvoiceDispute")
		if d1.Status != "OPEN" || !strings.HasPrefix(d1.Number, "DP-") || len(d1.Lines) != 1 || len(d1.AllowedActions) != 0 {
			t.Fatalf("raised: %+v", d1)
		}
		open := mustMoney(t, inv.Balance) - mustMoney(t, line.Amount)
		if got := mustMoney(t, d1.Invoice.DisputableAmount); got != open {
			t.Fatalf("disputable after a dispute: %d, want %d", got, open)
		}
		returnRefused(t, "over what other disputes leave", raiseDispute(t, dealer, inv.ID, money.Format(open+1)), "INVALID_INPUT", "amount")

		// Both sides see the disputed amount; 40 days on it is still not
		// overdue, the rest of the invoice is.
		later := time.Now().UTC().AddDate(0, 0, 40)
		for _, c := range []client{dealer, manager} {
			st := statementAt(t, c, acct.dealerID, later)
			if st.Ageing.Disputed != line.Amount || mustMoney(t, st.Ageing.Overdue) != open {
				t.Errorf("ageing with an open dispute: %+v", st.Ageing)
			}
			for _, l := range st.Lines {
				if l.Kind == "INVOICE" && l.Reference == inv.Number && l.Disputed != line.Amount {
					t.Errorf("statement line: %+v", l)
				}
			}
		}

		// The statement CSV says it too.
		var csv struct{ AccountStatementCSV string }
		dealer.mustQuery(t, `query($d: ID!, $from: Date!, $to: Date!) { accountStatementCSV(dealerID: $d, from: $from, to: $to) }`,
			map[string]any{"d": acct.dealerID, "from": time.Now().UTC().AddDate(0, 0, -1).Format(time.DateOnly), "to": later.Format(time.DateOnly)}, &csv)
		if !strings.Contains(csv.AccountStatementCSV, "DISPUTED,,,,,,,,"+line.Amount) {
			t.Errorf("statement CSV without the disputed amount:\n%s", csv.AccountStatementCSV)
		}

		decide := func(c client, mutation, id, decl, args string, vars map[string]any) gqlResponse {
			if vars == nil {
				vars = map[string]any{}
			}
			vars["id"] = id
			return c.query(t, `mutation($id: ID!, $v: Int`+decl+`) { `+mutation+`(id: $id, expectedVersion: $v`+args+`) { `+disputeFields+` } }`, vars)
		}
		resolve := func(c client, id string, vars map[string]any) gqlResponse {
			return decide(c, "resolveInvoiceDispute", id, ", $amount: Money, $note: String", ", amount: $amount, note: $note", vars)
		}
		reject := func(c client, id, note string) gqlResponse {
			return decide(c, "rejectInvoiceDispute", id, ", $note: String!", ", note: $note", map[string]any{"note": note})
		}
		before = disputeCounts(t, admin)
		foreign = returnRefused(t, "another dealer's dispute", resolve(north, d1.ID, nil), "NOT_FOUND", "id")
		missing = returnRefused(t, "no such dispute", resolve(north, "999999999", nil), "NOT_FOUND", "id")
		if foreign != missing {
			t.Errorf("a foreign dispute answers %q, a missing one %q", foreign, missing)
		}
		returnRefused(t, "the dealer resolves", resolve(dealer, d1.ID, nil), "FORBIDDEN", "")
		returnRefused(t, "credit over the dispute", resolve(manager, d1.ID, map[string]any{"amount": money.Format(mustMoney(t, line.Amount) + 1)}), "INVALID_INPUT", "amount")
		returnRefused(t, "a stale version", resolve(manager, d1.ID, map[string]any{"v": d1.Version + 1}), "CONFLICT", "")
		returnRefused(t, "rejected without a reason", reject(manager, d1.ID, ""), "INVALID_INPUT", "note")
		if after := disputeCounts(t, admin); after != before {
			t.Fatalf("a refused decision wrote:\n%s\n%s", before, after)
		}

		d1 = mustDispute(t, resolve(manager, d1.ID, map[string]any{"note": "Credited the broken units"}), "resolveInvoiceDispute")
		if d1.Status != "RESOLVED" || d1.CreditNote == nil || d1.CreditNote.Kind != "CORRECTION" || d1.CreditNote.Amount != line.Amount ||
			mustMoney(t, d1.Invoice.Balance) != open {
			t.Fatalf("resolved: %+v", d1)
		}
		returnRefused(t, "resolved twice", resolve(manager, d1.ID, nil), "INVALID_TRANSITION", "id")
		if st := statementAt(t, dealer, acct.dealerID, later); st.Ageing.Disputed != "0.00" || mustMoney(t, st.Ageing.Overdue) != open {
			t.Errorf("ageing once resolved: %+v", st.Ageing)
		}

		d2 := mustDispute(t, raiseDispute(t, dealer, inv.ID, "10.00"), "raiseInvoiceDispute")
		d2 = mustDispute(t, reject(manager, d2.ID, "The price is the list price"), "rejectInvoiceDispute")
		if d2.Status != "REJECTED" || d2.CreditNote != nil || d2.ResolutionNote != "The price is the list price" {
			t.Fatalf("rejected: %+v", d2)
		}
		got := strings.Join(disputeTimeline(t, dealer, acct.dealerID), ", ")
		want := strings.Join([]string{"REJECTED " + d2.Number, "OPEN " + d2.Number, "RESOLVED " + d1.Number, "OPEN " + d1.Number}, ", ")
		if got != want {
			t.Errorf("timeline: %s; want %s", got, want)
		}
	})
}
