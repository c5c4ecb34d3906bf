package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/dealerline/dealerline/realtime"
	"github.com/dealerline/dealerline/realtime/wsclient"
	"github.com/dealerline/dealerline/server"
)

// refusedInput checks that r is one error with code INVALID_INPUT naming field,
// with a message, and no data for the refused field.
func refusedInput(t *testing.T, r gqlResponse, field string) {
	t.Helper()
	if len(r.Errors) != 1 || r.code() != "INVALID_INPUT" {
		t.Fatalf("errors %+v, want one INVALID_INPUT", r.Errors)
	}
	e := r.Errors[0]
	if got, _ := e.Extensions["field"].(string); got != field {
		t.Errorf("field = %q, want %q (%s)", got, field, e.Message)
	}
	if e.Message == "" {
		t.Error("error without a message")
	}
}

// dealerPage is the ids of a page of dealers, oldest first, and the cursor
// of each.
type dealerPage struct {
	ids, cursors []string
}

func pageOfDealers(t *testing.T, c client, args string, vars map[string]any) dealerPage {
	t.Helper()
	var got struct {
		Dealers struct {
			Edges []struct {
				Cursor string
				Node   struct{ ID string }
			}
		}
	}
	c.mustQuery(t, cursorVars(vars)+` { dealers(`+args+`) { edges { cursor node { id } } } }`, vars, &got)
	var p dealerPage
	for _, e := range got.Dealers.Edges {
		p.ids = append(p.ids, e.Node.ID)
		p.cursors = append(p.cursors, e.Cursor)
	}
	return p
}

// cursorVars declares the variables in vars, each a Cursor.
func cursorVars(vars map[string]any) string {
	q := "query"
	for _, name := range slices.Sorted(maps.Keys(vars)) {
		q += "($" + name + ": Cursor)"
	}
	return strings.Replace(q, ")($", ", $", -1)
}

func TestHostile_Pagination_Cursors(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		all := pageOfDealers(t, admin, "first: 10", nil)
		if len(all.ids) != 10 {
			t.Fatalf("%d dealers, want 10", len(all.ids))
		}
		a := map[string]any{"a": all.cursors[4]}
		b := map[string]any{"b": all.cursors[4]}
		ab := map[string]any{"a": all.cursors[4], "b": all.cursors[4]}

		t.Run("ForwardFromAfter", func(t *testing.T) {
			got := pageOfDealers(t, admin, "first: 2, after: $a", a)
			if want := all.ids[5:7]; !slices.Equal(got.ids, want) {
				t.Errorf("first 2 after #4 = %v, want %v", got.ids, want)
			}
		})
		t.Run("BackwardFromBefore", func(t *testing.T) {
			got := pageOfDealers(t, admin, "last: 2, before: $b", b)
			if want := all.ids[2:4]; !slices.Equal(got.ids, want) {
				t.Errorf("last 2 before #4 = %v, want %v", got.ids, want)
			}
		})
		t.Run("BeforeAloneIsTheDefaultPageBeforeIt", func(t *testing.T) {
			got := pageOfDealers(t, admin, "before: $b", b)
			if want := all.ids[:4]; !slices.Equal(got.ids, want) {
				t.Errorf("before #4 = %v, want %v", got.ids, want)
			}
		})

		for _, tc := range []struct {
			name, args, field string
			vars              map[string]any
		}{
			{"FirstAndLast", "first: 2, last: 2", "last", nil},
			{"FirstWithBefore", "first: 2, before: $b", "before", b},
			{"LastWithAfter", "last: 2, after: $a", "after", a},
			{"AfterIsBefore", "after: $a, before: $b", "before", ab},
			{"GarbageBefore", "last: 2, before: $b", "before", map[string]any{"b": "not-a-cursor"}},
			{"GarbageAfter", "first: 2, after: $a", "after", map[string]any{"a": "gqFpzQ"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				refusedInput(t, admin.query(t, cursorVars(tc.vars)+` { dealers(`+tc.args+`) { edges { node { id } } } }`, tc.vars), tc.field)
			})
		}
	})
}

func TestHostile_Lists_TooManyIDs(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		many := make([]string, 40_000)
		for i := range many {
			many[i] = strconv.Itoa(i + 1)
		}
		refusedInput(t, admin.query(t, `query($ids: [ID!]) { dealers(where: {idIn: $ids}) { totalCount } }`,
			map[string]any{"ids": many}), "where.idIn")
		refusedInput(t, admin.query(t, `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
			map[string]any{"ids": many[:1001]}), "ids")

		// At the cap, the list is answered.
		var got struct{ Dealers struct{ TotalCount int } }
		admin.mustQuery(t, `query($ids: [ID!]) { dealers(where: {idIn: $ids}) { totalCount } }`,
			map[string]any{"ids": many[:1000]}, &got)
	})
}

func TestHostile_Lists_MissingNodes(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		all := pageOfDealers(t, admin, "first: 1", nil)
		r := admin.query(t, `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
			map[string]any{"ids": []string{all.ids[0], "8589999999", "999999999999"}})
		var data struct{ Nodes []*struct{ ID string } }
		if err := json.Unmarshal(r.Data, &data); err != nil {
			t.Fatal(err)
		}
		if len(data.Nodes) != 3 || data.Nodes[0] == nil || data.Nodes[0].ID != all.ids[0] || data.Nodes[1] != nil || data.Nodes[2] != nil {
			t.Errorf("nodes = %s, want the dealer, null, null", r.Data)
		}
		for _, e := range r.Errors {
			if e.Extensions["code"] != "NOT_FOUND" {
				t.Errorf("error %+v, want NOT_FOUND", e)
			}
		}
	})
}

func TestHostile_Scalars_RefusedWithTheField(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		south := signIn(t, m, "south@demo.test")
		cat := loadCatalogue(t, admin)
		before := orderCounts(t, admin)

		for _, tc := range []struct {
			name  string
			c     client
			query string
			vars  map[string]any
			field string
		}{
			{"QuantityAsString", south, placeOrder, map[string]any{"in": map[string]any{"dealerID": cat.south, "lines": lines(cat.products[0], "5")}}, "lines[0].quantity"},
			{"QuantityAsFraction", south, placeOrder, map[string]any{"in": map[string]any{"dealerID": cat.south, "lines": lines(cat.products[0], 1.5)}}, "in.lines[0].quantity"},
			{"IntVariableAsFraction", admin, `query($n: Int) { dealers(first: $n) { totalCount } }`, map[string]any{"n": 1.5}, "n"},
			{"PageSizeOutOfRange", admin, `query($n: Int) { dealers(first: $n) { totalCount } }`, map[string]any{"n": 1000}, "first"},
			{"IntArgumentAsString", admin, `query($w: DealerWhereInput) { dealers(where: $w) { totalCount } }`, map[string]any{"w": map[string]any{"tier": "1"}}, "where.tier"},
			{"BadTime", admin, `{ orders(where: {placedAtGT: "yesterday"}) { totalCount } }`, nil, "where.placedAtGT"},
			{"TimeAsNumber", admin, `query($t: Time) { orders(where: {placedAtGT: $t}) { totalCount } }`, map[string]any{"t": 5}, "where.placedAtGT"},
			{"BadMoney", admin, `mutation { updateDealer(id: "1", input: {creditLimit: "12.345"}) { id } }`, nil, "creditLimit"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := tc.c.query(t, tc.query, tc.vars)
				refusedInput(t, r, tc.field)
				if msg := r.Errors[0].Message; strings.Contains(msg, "cannot use") {
					t.Errorf("message %q is gqlparser's, not a plain one", msg)
				}
			})
		}
		if after := orderCounts(t, admin); after != before {
			t.Errorf("counts changed: %s → %s", before, after)
		}
	})
}

func TestHostile_Text_RefusedInNamesAndNotes(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		south := signIn(t, m, "south@demo.test")
		cat := loadCatalogue(t, admin)
		var ch struct {
			Channels struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		admin.mustQuery(t, `{ channels(first: 1) { edges { node { id } } } }`, nil, &ch)
		channel := ch.Channels.Edges[0].Node.ID
		counts := func() string {
			var got struct {
				Dealers, Channels, Products struct{ TotalCount int }
			}
			admin.mustQuery(t, `{ dealers { totalCount } channels { totalCount } products { totalCount } }`, nil, &got)
			return fmt.Sprintf("%+v %s", got, orderCounts(t, admin))
		}
		before := counts()

		for _, tc := range []struct {
			name  string
			c     client
			query string
			vars  map[string]any
			field string
		}{
			{"NULInDealerName", admin, `mutation($c: ID!, $n: String!) { createDealer(input: {code: "D-NUL", name: $n, tier: 2, joinedOn: "2026-01-01", channelID: $c}) { id } }`,
				map[string]any{"c": channel, "n": "Evil\x00Dealer"}, "name"},
			{"BidiOverrideInDealerName", admin, `mutation($c: ID!, $n: String!) { createDealer(input: {code: "D-BIDI", name: $n, tier: 2, joinedOn: "2026-01-01", channelID: $c}) { id } }`,
				map[string]any{"c": channel, "n": "Acme \u202egnp.exe"}, "name"},
			{"NewlineInChannelName", admin, `mutation($n: String!) { createChannel(input: {code: "X-NL", name: $n}) { id } }`,
				map[string]any{"n": "Two\nLines"}, "name"},
			{"IsolateInProductName", admin, `mutation($n: String!) { updateProduct(id: "` + cat.products[0] + `", input: {name: $n}) { id } }`,
				map[string]any{"n": "Drill \u2066x\u2069"}, "name"},
			{"NULInOrderNote", south, placeOrder, map[string]any{"in": map[string]any{"dealerID": cat.south, "lines": lines(cat.products[0], 1), "note": "ok\x00"}}, "note"},
			{"BidiInOrderNote", south, placeOrder, map[string]any{"in": map[string]any{"dealerID": cat.south, "lines": lines(cat.products[0], 1), "note": "pay \u202e01"}}, "note"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				refusedInput(t, tc.c.query(t, tc.query, tc.vars), tc.field)
			})
		}

		t.Run("InvalidUTF8", func(t *testing.T) {
			// JSON cannot carry invalid UTF-8 in a string, but a body can:
			// the decoder would replace it with U+FFFD, silently.
			body := []byte("{\"query\": \"mutation { createChannel(input: {code: \\\"X-UTF\\\", name: \\\"Bad \xff\xfe\\\"}) { id } }\"}")
			r := post(t, m, admin.token, body)
			if r.Status != http.StatusBadRequest || r.code() != "INVALID_INPUT" {
				t.Errorf("status %d code %q, want 400 INVALID_INPUT", r.Status, r.code())
			}
		})

		if after := counts(); after != before {
			t.Errorf("counts changed: %s → %s", before, after)
		}

		t.Run("NotesKeepLinesAndNamesAreNormalised", func(t *testing.T) {
			var got struct {
				PlaceOrder    struct{ Note string }
				CreateChannel struct{ Name string }
			}
			south.mustQuery(t, `mutation($in: PlaceOrderInput!) { placeOrder(input: $in) { note } }`,
				map[string]any{"in": map[string]any{"dealerID": cat.south, "lines": lines(cat.products[0], 1), "note": "first line\r\n\tsecond Cafe\u0301"}}, &got)
			if want := "first line\n\tsecond Café"; got.PlaceOrder.Note != want {
				t.Errorf("note = %q, want %q", got.PlaceOrder.Note, want)
			}
		})
	})
}

func TestHostile_Websocket_DuplicateSubscriptionID(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		w := connect(t, m, transportWS, admin.token)
		payload, _ := json.Marshal(map[string]any{"query": statusChanged})
		w.send(wsMessage{Type: "subscribe", ID: "1", Payload: payload})
		w.send(wsMessage{Type: "subscribe", ID: "1", Payload: payload})
		if code := w.closed(5 * time.Second); code != realtime.CloseDuplicateID {
			t.Errorf("closed with %d, want 4409", code)
		}

		// An id may be used again once its operation has ended.
		w = connect(t, m, transportWS, admin.token)
		once, _ := json.Marshal(map[string]any{"query": `{ __typename }`})
		for range 2 {
			w.send(wsMessage{Type: "subscribe", ID: "q", Payload: once})
			if msg := w.read(5 * time.Second); msg.Type != "next" {
				t.Fatalf("got %s %s, want next", msg.Type, msg.Payload)
			}
			if msg := w.read(5 * time.Second); msg.Type != "complete" {
				t.Fatalf("got %s %s, want complete", msg.Type, msg.Payload)
			}
		}
	})
}

func TestHostile_Websocket_UnknownSubprotocol(t *testing.T) {
	m := startServer(t)
	_, resp, err := wsclient.Dial(context.Background(), nil, m.URL(), "graphql-chat-v9", nil)
	if err == nil {
		t.Fatal("upgraded a websocket asking for an unknown subprotocol")
	}
	if resp == nil || resp.StatusCode != http.StatusBadRequest {
		t.Errorf("response %v, want 400", resp)
	}
}

// TestHostile_SignIn_GuessesDoNotLockOutTheOwner: anyone could lock a user
// out with five wrong passwords; now they lock out only the guesser's
// address, and the owner signs in from its own.
func TestHostile_SignIn_GuessesDoNotLockOutTheOwner(t *testing.T) {
	m := startServerWith(t, "", func(c *server.Config) {
		c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
	})
	login := func(from, pw string) gqlResponse {
		body, _ := json.Marshal(map[string]any{
			"query":     `mutation($pw: String!) { login(email: "south@demo.test", password: $pw) { token } }`,
			"variables": map[string]any{"pw": pw},
		})
		req, _ := http.NewRequest(http.MethodPost, m.URL()+"/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Forwarded-For", from)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var r gqlResponse
		json.NewDecoder(resp.Body).Decode(&r)
		return r
	}
	const owner, guesser = "203.0.113.7", "198.51.100.1"
	for i := range 5 {
		if r := login(guesser, "guess"); r.code() != "UNAUTHENTICATED" {
			t.Fatalf("guess %d: code %q", i+1, r.code())
		}
	}
	if r := login(guesser, "demo"); r.code() != "RATE_LIMITED" {
		t.Errorf("the guesser with the right password: code %q, want RATE_LIMITED", r.code())
	}
	if r := login(owner, "demo"); r.code() != "" {
		t.Errorf("the owner from its own address: %+v, want signed in", r.Errors)
	}
}

// A websocket message that is not UTF-8 text is closed with 1007, not read
// with its bytes replaced.
func TestHostile_Websocket_MessageNotUTF8(t *testing.T) {
	m := startServer(t)
	south := signIn(t, m, "south@demo.test")
	w := connect(t, m, transportWS, south.token)
	if err := w.WriteMessage(websocket.TextMessage, []byte("{\"type\":\"subscribe\",\"id\":\"\xff\",\"payload\":{\"query\":\"{ me { email } }\"}}")); err != nil {
		t.Fatal(err)
	}
	if code := w.closed(5 * time.Second); code != realtime.CloseInvalidText {
		t.Errorf("closed with %d, want 1007", code)
	}
}
