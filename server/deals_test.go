package server_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/server"
)

const dealFields = `id number status customerName city protected protectedUntil decisionNote outcomeNote version allowedActions
	dealerID territory { code } lines { sku quantity } orders { id } conflictCase { id kind parties { id } }`

type dealResult struct {
	ID, Number, Status, CustomerName, City string
	Protected                              bool
	ProtectedUntil                         *string
	DecisionNote, OutcomeNote              string
	Version                                int
	AllowedActions                         []string
	DealerID                               string
	Territory                              struct{ Code string }
	Lines                                  []struct {
		Sku      string
		Quantity int
	}
	Orders       []struct{ ID string }
	ConflictCase *struct {
		ID, Kind string
		Parties  []struct{ ID string }
	}
}

// dealWorld is what the deal and lead tests work with: the demo's Pearl
// River Delta territory, where South Traders and Pearl River Tool Centre
// both trade, a user for the latter, and two products.
type dealWorld struct {
	admin, manager, south, pearl client
	southID, pearlID             string
	prd, bth                     string // territories
	products                     []string
}

func newDealWorld(t *testing.T, m *server.Main) dealWorld {
	t.Helper()
	w := dealWorld{admin: signIn(t, m, "admin@demo.test"), manager: signIn(t, m, "manager@demo.test"), south: signIn(t, m, "south@demo.test")}
	var got struct {
		Dealers struct {
			Edges []struct{ Node struct{ ID, Code string } }
		}
		Territories struct {
			Edges []struct{ Node struct{ ID, Code string } }
		}
		Products struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	w.admin.mustQuery(t, `{ dealers(first: 100) { edges { node { id code } } } territories(first: 50) { edges { node { id code } } }
		products(first: 2, where: {active: true}, orderBy: {field: SKU}) { edges { node { id } } } }`, nil, &got)
	for _, e := range got.Dealers.Edges {
		switch e.Node.Code {
		case "D-SOUTH":
			w.southID = e.Node.ID
		case "D-GZ-01":
			w.pearlID = e.Node.ID
		}
	}
	for _, e := range got.Territories.Edges {
		switch e.Node.Code {
		case "SC-PRD":
			w.prd = e.Node.ID
		case "NC-BTH":
			w.bth = e.Node.ID
		}
	}
	for _, e := range got.Products.Edges {
		w.products = append(w.products, e.Node.ID)
	}
	w.pearl = dealerUser(t, m, w.admin, w.pearlID, "pearl@deals.test")
	return w
}

// dealerUser creates a user of dealer dealerID and signs it in.
func dealerUser(t *testing.T, m *server.Main, admin client, dealerID, email string) client {
	t.Helper()
	var u struct{ CreateUser struct{ ID string } }
	admin.mustQuery(t, `mutation($e: String!, $d: ID!) { createUser(input: {email: $e, name: "Deal Keeper", password: "longenough", role: DEALER, dealerID: $d}) { id } }`,
		map[string]any{"e": email, "d": dealerID}, &u)
	var got struct{ Login struct{ Token string } }
	client{m: m}.mustQuery(t, `mutation($e: String!) { login(email: $e, password: "longenough") { token } }`, map[string]any{"e": email}, &got)
	return client{m: m, token: got.Login.Token}
}

func (w dealWorld) register(t *testing.T, c client, customer, territoryID string) gqlResponse {
	t.Helper()
	return c.query(t, `mutation($in: RegisterDealInput!) { registerDeal(input: $in) { `+dealFields+` } }`, map[string]any{"in": map[string]any{
		"customerName": customer, "city": "Guangzhou", "territoryID": territoryID, "notes": "Fit-out of 12 stations",
		"expectedCloseOn": time.Now().UTC().AddDate(0, 2, 0).Format(time.DateOnly),
		"lines":           []map[string]any{{"productID": w.products[0], "quantity": 40}, {"productID": w.products[1], "quantity": 8}},
	}})
}

func mustDeal(t *testing.T, r gqlResponse, field string) dealResult {
	t.Helper()
	if len(r.Errors) > 0 {
		t.Fatalf("%s: %+v", field, r.Errors)
	}
	var got map[string]dealResult
	if err := json.Unmarshal(r.Data, &got); err != nil {
		t.Fatal(err)
	}
	return got[field]
}

// dealCounts is what a refused deal or lead change must leave as it was.
func dealCounts(t *testing.T, admin client) string {
	t.Helper()
	var got struct {
		DealRegistrations struct {
			TotalCount int
			Edges      []struct{ Node struct{ ID, Status string } }
		}
		Leads struct {
			TotalCount int
			Edges      []struct{ Node struct{ ID, Status string } }
		}
		ConflictCases struct{ TotalCount int }
		AuditEntries  struct{ TotalCount int }
	}
	admin.mustQuery(t, `{ dealRegistrations(first: 100) { totalCount edges { node { id status } } }
		leads(first: 100) { totalCount edges { node { id status } } }
		conflictCases { totalCount } auditEntries { totalCount } }`, nil, &got)
	b, _ := json.Marshal(got)
	return string(b)
}

// A registration approved protects its customer: a second dealer in the
// territory registering the same customer — however it writes the name —
// is told it is protected, and never sees the first one; staff approving
// an overlap anyway opens a conflict case with both dealers as parties.
// WON closes with the dealer's orders, LOST with none; a rejection says
// why. Every refusal answers with its code and field and writes nothing.
func TestDeals_Flow(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		w := newDealWorld(t, m)
		first := mustDeal(t, w.register(t, w.south, "Zengcheng Water Plant Co., Ltd.", w.prd), "registerDeal")
		if first.Status != "PENDING" || first.Protected || !strings.HasPrefix(first.Number, "DR-") || len(first.Lines) != 2 || len(first.AllowedActions) != 0 {
			t.Fatalf("registered: %+v", first)
		}
		// Pearl River registers the same customer while South's waits.
		rival := mustDeal(t, w.register(t, w.pearl, "ZENGCHENG  water plant 有限公司", w.prd), "registerDeal")

		before := dealCounts(t, w.admin)
		returnRefused(t, "South registers its customer twice", w.register(t, w.south, "zengcheng water plant", w.prd), "CONFLICT", "customerName")
		returnRefused(t, "a territory South is not in", w.register(t, w.south, "Beijing Airport Works", w.bth), "INVALID_INPUT", "territoryID")
		returnRefused(t, "staff register", w.register(t, w.manager, "Anyone", w.prd), "FORBIDDEN", "")
		returnRefused(t, "a dealer approves", w.south.query(t, `mutation($id: ID!) { approveDeal(id: $id) { id } }`, map[string]any{"id": first.ID}), "FORBIDDEN", "")
		returnRefused(t, "protection of 0 days", w.manager.query(t, `mutation($id: ID!) { approveDeal(id: $id, protectionDays: 0) { id } }`, map[string]any{"id": first.ID}), "INVALID_INPUT", "protectionDays")
		returnRefused(t, "a rejection without a reason", w.manager.query(t, `mutation($id: ID!) { rejectDeal(id: $id, reason: " ") { id } }`, map[string]any{"id": first.ID}), "INVALID_INPUT", "reason")
		returnRefused(t, "Pearl River closes South's registration", w.pearl.query(t, `mutation($id: ID!) { closeDeal(id: $id, outcome: LOST) { id } }`, map[string]any{"id": first.ID}), "NOT_FOUND", "id")
		if after := dealCounts(t, w.admin); after != before {
			t.Fatalf("refusals changed something:\n%s\n%s", before, after)
		}

		approved := mustDeal(t, w.manager.query(t, `mutation($id: ID!) { approveDeal(id: $id, protectionDays: 60, note: "First to register") { `+dealFields+` } }`,
			map[string]any{"id": first.ID}), "approveDeal")
		wantUntil := time.Now().UTC().AddDate(0, 0, 59).Format(time.DateOnly)
		if approved.Status != "APPROVED" || !approved.Protected || approved.ProtectedUntil == nil || *approved.ProtectedUntil != wantUntil || approved.ConflictCase != nil {
			t.Fatalf("approved: %+v; want protected until %s, no case", approved, wantUntil)
		}

		// A second dealer is told the customer is protected, nothing more.
		r := w.register(t, w.pearl, "Zengcheng Water Plant", w.prd)
		msg := returnRefused(t, "Pearl River registers a protected customer", r, "CONFLICT", "customerName")
		if strings.Contains(msg, "South") || strings.Contains(msg, first.Number) {
			t.Errorf("the refusal names the protecting registration: %q", msg)
		}
		var seen struct {
			DealRegistrations struct {
				Edges []struct {
					Node struct{ ID, CustomerName string }
				}
			}
			Node *struct{ ID string }
		}
		w.pearl.mustQueryAllowingErrors(t, `query($id: ID!) { dealRegistrations(first: 50) { edges { node { id customerName } } } node(id: $id) { id } }`,
			map[string]any{"id": first.ID}, &seen)
		if len(seen.DealRegistrations.Edges) != 1 || seen.DealRegistrations.Edges[0].Node.ID != rival.ID || seen.Node != nil {
			t.Fatalf("Pearl River sees %+v; want only its own registration", seen)
		}

		// Staff approve the overlap anyway: a case between the two.
		over := mustDeal(t, w.manager.query(t, `mutation($id: ID!) { approveDeal(id: $id) { `+dealFields+` } }`, map[string]any{"id": rival.ID}), "approveDeal")
		if over.ConflictCase == nil || over.ConflictCase.Kind != "CUSTOMER_POACHING" {
			t.Fatalf("overlap approved without a case: %+v", over)
		}
		parties := map[string]bool{}
		for _, p := range over.ConflictCase.Parties {
			parties[p.ID] = true
		}
		if len(parties) != 2 || !parties[w.southID] || !parties[w.pearlID] {
			t.Errorf("case parties %v; want South Traders and Pearl River", parties)
		}
		var theirCase struct{ Node *struct{ ID string } }
		w.pearl.mustQuery(t, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": over.ConflictCase.ID}, &theirCase)
		if theirCase.Node == nil {
			t.Errorf("Pearl River cannot read the case it is a party to")
		}

		// WON with the dealer's orders; another dealer's order is not there.
		southOrder := placeConfirmed(t, w.south, w.manager, 2)
		pearlOrder := placeConfirmed(t, w.pearl, w.manager, 1)
		returnRefused(t, "WON without orders", w.south.query(t, `mutation($id: ID!) { closeDeal(id: $id, outcome: WON) { id } }`, map[string]any{"id": first.ID}), "INVALID_INPUT", "orderIDs")
		returnRefused(t, "WON with another dealer's order", w.south.query(t, `mutation($id: ID!, $o: [ID!]) { closeDeal(id: $id, outcome: WON, orderIDs: $o) { id } }`,
			map[string]any{"id": first.ID, "o": []string{pearlOrder.ID}}), "NOT_FOUND", "orderIDs[0]")
		won := mustDeal(t, w.south.query(t, `mutation($id: ID!, $o: [ID!]) { closeDeal(id: $id, outcome: WON, orderIDs: $o, note: "Signed") { `+dealFields+` } }`,
			map[string]any{"id": first.ID, "o": []string{southOrder.ID}}), "closeDeal")
		if won.Status != "WON" || won.Protected || len(won.Orders) != 1 || won.Orders[0].ID != southOrder.ID || won.OutcomeNote != "Signed" {
			t.Fatalf("won: %+v", won)
		}
		lost := mustDeal(t, w.pearl.query(t, `mutation($id: ID!) { closeDeal(id: $id, outcome: LOST) { `+dealFields+` } }`, map[string]any{"id": rival.ID}), "closeDeal")
		if lost.Status != "LOST" || len(lost.AllowedActions) != 0 {
			t.Fatalf("lost: %+v", lost)
		}
		returnRefused(t, "closing a closed registration", w.pearl.query(t, `mutation($id: ID!) { closeDeal(id: $id, outcome: LOST) { id } }`, map[string]any{"id": rival.ID}), "INVALID_TRANSITION", "id")

		// Rejected with a reason.
		other := mustDeal(t, w.register(t, w.south, "Dongguan Glass Works", w.prd), "registerDeal")
		rejected := mustDeal(t, w.manager.query(t, `mutation($id: ID!) { rejectDeal(id: $id, reason: "Already a key account") { `+dealFields+` } }`,
			map[string]any{"id": other.ID}), "rejectDeal")
		if rejected.Status != "REJECTED" || rejected.DecisionNote != "Already a key account" {
			t.Fatalf("rejected: %+v", rejected)
		}
		// Closed, the customer is free again.
		mustDeal(t, w.register(t, w.pearl, "Zengcheng Water Plant", w.prd), "registerDeal")
	})
}
