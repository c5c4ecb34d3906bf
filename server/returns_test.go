package server_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/ordering"
	"github.com/dealerline/dealerline/server"
)

const returnFields = `id number status reason note version creditedAmount allowedActions
	lines { id sku quantity receivedQuantity orderLine { id } creditNote { number amount kind } }
	history { from to actorName note }`

type returnResult struct {
	ID, Number, Status, Reason, Note string
	Version                          int
	CreditedAmount                   *string
	AllowedActions                   []string
	Lines                            []struct {
		ID, Sku          string
		Quantity         int
		ReceivedQuantity *int
		OrderLine        struct{ ID string }
		CreditNote       *struct{ Number, Amount, Kind string }
	}
	History []struct {
		From                *string
		To, ActorName, Note string
	}
}

// deliveredOrder places and confirms an order of quantities as c's dealer,
// and ships and delivers all of it.
func deliveredOrder(t *testing.T, c, manager client, quantities ...int) confirmedOrder {
	t.Helper()
	o := placeConfirmed(t, c, manager, quantities...)
	var ls []any
	for _, l := range o.Lines {
		ls = append(ls, l.ID, l.Quantity)
	}
	sh := createShipment(t, manager, o.ID, ls...)
	deliveryEvent(t, manager, sh.ID, "IN_TRANSIT", "Shanghai")
	deliveryEvent(t, manager, sh.ID, "DELIVERED", "Guangzhou")
	return o
}

func requestReturn(c client, t *testing.T, orderID string, reason string, pairs ...any) gqlResponse {
	t.Helper()
	ls := []map[string]any{}
	for i := 0; i < len(pairs); i += 2 {
		ls = append(ls, map[string]any{"orderLineID": pairs[i], "quantity": pairs[i+1]})
	}
	return c.query(t, `mutation($in: RequestReturnInput!) { requestReturn(input: $in) { `+returnFields+` } }`,
		map[string]any{"in": map[string]any{"orderID": orderID, "lines": ls, "reason": reason, "note": "Boxes crushed in transit"}})
}

func mustReturn(t *testing.T, r gqlResponse, field string) returnResult {
	t.Helper()
	if len(r.Errors) > 0 {
		t.Fatalf("%s: %+v", field, r.Errors)
	}
	var got map[string]returnResult
	if err := json.Unmarshal(r.Data, &got); err != nil {
		t.Fatal(err)
	}
	return got[field]
}

func returnable(t *testing.T, c client, orderID string) []int {
	t.Helper()
	var got struct {
		Node struct {
			Lines []struct{ ReturnableQuantity int }
		}
	}
	c.mustQuery(t, `query($id: ID!) { node(id: $id) { ... on Order { lines { returnableQuantity } } } }`, map[string]any{"id": orderID}, &got)
	var out []int
	for _, l := range got.Node.Lines {
		out = append(out, l.ReturnableQuantity)
	}
	return out
}

// returnRefused checks r is an error of code on field, and returns its message.
func returnRefused(t *testing.T, what string, r gqlResponse, code, field string) string {
	t.Helper()
	if len(r.Errors) == 0 {
		t.Fatalf("%s: accepted; want %s", what, code)
	}
	e := r.Errors[0]
	if e.Extensions["code"] != code || (field != "" && e.Extensions["field"] != field) {
		t.Fatalf("%s: %s on %v (%s); want %s on %s", what, e.Extensions["code"], e.Extensions["field"], e.Message, code, field)
	}
	return e.Message
}

// returnCounts is everything a refused return change must leave as it was
// (no event either: the dealer hears exactly the moves made, below).
func returnCounts(t *testing.T, admin client) string {
	t.Helper()
	var got struct {
		SalesReturns struct {
			TotalCount int
			Edges      []struct{ Node returnResult }
		}
		CreditNotes  struct{ TotalCount int }
		AuditEntries struct{ TotalCount int }
	}
	admin.mustQuery(t, `{ salesReturns(first: 50) { totalCount edges { node { `+returnFields+` } } }
		creditNotes { totalCount } auditEntries { totalCount } }`, nil, &got)
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const returnUpdated = `subscription($id: ID, $after: String) {
	returnUpdated(returnID: $id, after: $after) { cursor from to actorName note salesReturn { id number status } } }`

// The whole of a return: requested by the dealer within what was
// delivered, approved and received by its manager, credited on the
// statement at the invoiced price; heard live by the dealer, on its
// timeline and in its inbox. Every refusal answers with its code and field
// and writes nothing.
func TestReturns_Flow(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin, manager := signIn(t, m, "admin@demo.test"), signIn(t, m, "manager@demo.test")
		acct := newAccount(t, m, admin, "RET1", 30)
		south, north := acct.dealer, signIn(t, m, "north@demo.test")
		o := deliveredOrder(t, south, manager, 5, 3)
		l0, l1 := o.Lines[0], o.Lines[1]
		if got := returnable(t, south, o.ID); !slices.Equal(got, []int{5, 3}) {
			t.Fatalf("returnable before any return: %v", got)
		}

		var c struct{ EventCursor string }
		south.mustQuery(t, `{ eventCursor }`, nil, &c)
		southWS := connect(t, m, transportWS, south.token)
		southWS.subscribe("r", returnUpdated, map[string]any{"after": c.EventCursor})
		northWS := connect(t, m, transportWS, north.token)
		northWS.subscribe("r", returnUpdated, map[string]any{"after": c.EventCursor})
		time.Sleep(100 * time.Millisecond) // the subscriptions are registered

		// Bad requests change nothing.
		before := returnCounts(t, admin)
		returnRefused(t, "more than delivered", requestReturn(south, t, o.ID, "DAMAGED", l0.ID, 6), "INVALID_INPUT", "lines[0].quantity")
		returnRefused(t, "nothing", requestReturn(south, t, o.ID, "DAMAGED", l0.ID, 1, l1.ID, 0), "INVALID_INPUT", "lines[1].quantity")
		returnRefused(t, "a line twice", requestReturn(south, t, o.ID, "DAMAGED", l0.ID, 1, l0.ID, 1), "INVALID_INPUT", "lines[1].orderLineID")
		returnRefused(t, "no lines", requestReturn(south, t, o.ID, "DAMAGED"), "INVALID_INPUT", "lines")
		foreign := returnRefused(t, "another dealer's order", requestReturn(north, t, o.ID, "DAMAGED", l0.ID, 1), "NOT_FOUND", "orderID")
		missing := returnRefused(t, "no such order", requestReturn(north, t, "999999999", "DAMAGED", l0.ID, 1), "NOT_FOUND", "orderID")
		if foreign != missing {
			t.Errorf("a foreign order answers %q, a missing one %q", foreign, missing)
		}
		returnRefused(t, "staff", requestReturn(manager, t, o.ID, "DAMAGED", l0.ID, 1), "FORBIDDEN", "")
		if after := returnCounts(t, admin); after != before {
			t.Fatalf("a refused request wrote:\n%s\n%s", before, after)
		}

		r := mustReturn(t, requestReturn(south, t, o.ID, "DAMAGED", l0.ID, 2, l1.ID, 1), "requestReturn")
		if r.Status != "REQUESTED" || !strings.HasPrefix(r.Number, "RT-") || len(r.Lines) != 2 || r.Lines[0].Quantity != 2 || len(r.AllowedActions) != 0 {
			t.Fatalf("requested: %+v", r)
		}
		if got := returnable(t, south, o.ID); !slices.Equal(got, []int{3, 2}) {
			t.Errorf("returnable after a request: %v", got)
		}
		// What the request holds is not asked for twice.
		if msg := returnRefused(t, "over what is held", requestReturn(south, t, o.ID, "OTHER", l0.ID, 4), "INVALID_INPUT", "lines[0].quantity"); !strings.Contains(msg, "at most 3") {
			t.Errorf("over-return message: %q", msg)
		}

		move := func(c client, mutation, id, decl, args string, vars map[string]any) gqlResponse {
			if vars == nil {
				vars = map[string]any{}
			}
			vars["id"] = id
			return c.query(t, `mutation($id: ID!, $v: Int`+decl+`) { `+mutation+`(id: $id, expectedVersion: $v`+args+`) { `+returnFields+` } }`, vars)
		}
		approve := func(c client, id string, vars map[string]any) gqlResponse {
			return move(c, "approveReturn", id, ", $note: String", ", note: $note", vars)
		}
		reject := func(c client, id string, vars map[string]any) gqlResponse {
			if _, ok := vars["note"]; !ok {
				vars["note"] = "no"
			}
			return move(c, "rejectReturn", id, ", $note: String!", ", note: $note", vars)
		}
		receive := func(c client, id string, vars map[string]any) gqlResponse {
			return move(c, "receiveReturn", id, ", $lines: [ReceivedLineInput!]!", ", lines: $lines", vars)
		}
		got := func(qty ...int) map[string]any {
			var ls []map[string]any
			for i, q := range qty {
				ls = append(ls, map[string]any{"returnLineID": r.Lines[i].ID, "quantity": q})
			}
			return map[string]any{"lines": ls}
		}

		// Refused moves change nothing.
		before = returnCounts(t, admin)
		foreign = returnRefused(t, "another dealer's return", approve(north, r.ID, nil), "NOT_FOUND", "id")
		missing = returnRefused(t, "no such return", approve(north, "999999999", nil), "NOT_FOUND", "id")
		if foreign != missing {
			t.Errorf("a foreign return answers %q, a missing one %q", foreign, missing)
		}
		returnRefused(t, "the dealer approves", approve(south, r.ID, nil), "FORBIDDEN", "")
		returnRefused(t, "received before approval", receive(manager, r.ID, got(2, 1)), "INVALID_TRANSITION", "id")
		returnRefused(t, "a stale version", approve(manager, r.ID, map[string]any{"v": r.Version + 1}), "CONFLICT", "")
		returnRefused(t, "rejected without a reason", reject(manager, r.ID, map[string]any{"note": " "}), "INVALID_INPUT", "note")
		if after := returnCounts(t, admin); after != before {
			t.Fatalf("a refused move wrote:\n%s\n%s", before, after)
		}

		r = mustReturn(t, approve(manager, r.ID, map[string]any{"v": r.Version, "note": "Send them back"}), "approveReturn")
		if r.Status != "APPROVED" || !slices.Equal(r.AllowedActions, []string{"RECEIVE"}) {
			t.Fatalf("approved: %+v", r)
		}
		before = returnCounts(t, admin)
		returnRefused(t, "approved twice", approve(manager, r.ID, nil), "INVALID_TRANSITION", "id")
		returnRefused(t, "rejected once approved", reject(manager, r.ID, map[string]any{"note": "no"}), "INVALID_TRANSITION", "id")
		returnRefused(t, "more received than approved", receive(manager, r.ID, got(3, 0)), "INVALID_INPUT", "lines[0].quantity")
		if after := returnCounts(t, admin); after != before {
			t.Fatalf("a refused receipt wrote:\n%s\n%s", before, after)
		}

		// Two of line 0 arrive, none of line 1: credited at the invoiced
		// price of line 0.
		r = mustReturn(t, receive(manager, r.ID, got(2, 0)), "receiveReturn")
		want, _ := ordering.LineAmount(2, mustMoney(t, l0.UnitPrice), l0.DiscountBasisPoints)
		if r.Status != "RECEIVED" || r.CreditedAmount == nil || mustMoney(t, *r.CreditedAmount) != want {
			t.Fatalf("received: %+v; want credited %d", r, want)
		}
		cn := r.Lines[0].CreditNote
		if cn == nil || cn.Kind != "RETURN" || mustMoney(t, cn.Amount) != want || r.Lines[1].CreditNote != nil || *r.Lines[1].ReceivedQuantity != 0 {
			t.Fatalf("received lines: %+v", r.Lines)
		}
		returnRefused(t, "received twice", receive(manager, r.ID, got(2, 0)), "INVALID_TRANSITION", "id")
		// What did not arrive may be asked for again.
		if got := returnable(t, south, o.ID); !slices.Equal(got, []int{3, 3}) {
			t.Errorf("returnable after receipt: %v", got)
		}

		// On the dealer's statement.
		today := time.Now().UTC()
		st, _ := statement(t, south, acct.dealerID, today.AddDate(0, 0, -2), today.AddDate(0, 0, 2))
		found := false
		for _, l := range st.Lines {
			if l.Reference == cn.Number && mustMoney(t, l.Credit) == want {
				found = true
			}
		}
		if !found {
			t.Errorf("credit note %s of %d not on the statement: %+v", cn.Number, want, st.Lines)
		}

		// A rejected return gives its units back.
		r2 := mustReturn(t, requestReturn(south, t, o.ID, "NOT_NEEDED", l1.ID, 3), "requestReturn")
		r2 = mustReturn(t, reject(manager, r2.ID, map[string]any{"note": "Past the return window"}), "rejectReturn")
		if r2.Status != "REJECTED" || len(r2.History) != 2 || r2.History[1].Note != "Past the return window" {
			t.Fatalf("rejected: %+v", r2)
		}
		if got := returnable(t, south, o.ID); !slices.Equal(got, []int{3, 3}) {
			t.Errorf("returnable after a rejection: %v", got)
		}

		// Live to the dealer, in order; nothing to another dealer.
		var heard []string
		for range 5 {
			var e struct {
				ReturnUpdated struct {
					To          string
					SalesReturn struct{ Number string }
				}
			}
			southWS.next("r", 5*time.Second, &e)
			heard = append(heard, e.ReturnUpdated.SalesReturn.Number+" "+e.ReturnUpdated.To)
		}
		if want := []string{r.Number + " REQUESTED", r.Number + " APPROVED", r.Number + " RECEIVED", r2.Number + " REQUESTED", r2.Number + " REJECTED"}; !slices.Equal(heard, want) {
			t.Errorf("south heard %q; want %q", heard, want)
		}
		northWS.quiet(300 * time.Millisecond)

		// On the dealer's timeline, and in its inbox.
		var tl struct {
			Node struct {
				Timeline struct {
					TotalCount int
					Edges      []struct {
						Node struct {
							Action  string
							Subject struct{ Number string }
						}
					}
				}
			}
		}
		south.mustQuery(t, `query($d: ID!) { node(id: $d) { ... on Dealer { timeline(kinds: [RETURN]) { totalCount
			edges { node { action subject { ... on SalesReturn { number } } } } } } } }`, map[string]any{"d": acct.dealerID}, &tl)
		var entries []string
		for _, e := range tl.Node.Timeline.Edges {
			// The demo's own returns of the dealer are there too.
			if n := e.Node.Subject.Number; n == r.Number || n == r2.Number {
				entries = append(entries, n+" "+e.Node.Action)
			}
		}
		if want := []string{r2.Number + " REJECTED", r2.Number + " REQUESTED", r.Number + " RECEIVED", r.Number + " APPROVED", r.Number + " REQUESTED"}; !slices.Equal(entries, want) {
			t.Errorf("timeline %q; want %q", entries, want)
		}
		awaitNotification(t, south, "RETURN_UPDATED", "/returns/"+r.ID)
	})
}
