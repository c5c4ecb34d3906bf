package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/server"
)

// startServer runs the production wiring on a free port with a fresh data
// directory (so the demo data is loaded), closed when the test ends.
func startServer(tb testing.TB) *server.Main {
	tb.Helper()
	return startServerOn(tb, "")
}

// startServerOn is startServer on the database at databaseURL: PostgreSQL,
// or the embedded SQLite for "".
func startServerOn(tb testing.TB, databaseURL string) *server.Main {
	tb.Helper()
	cfg := server.DefaultConfig()
	cfg.Addr = "127.0.0.1:0"
	cfg.DataDir = tb.TempDir()
	cfg.DatabaseURL = databaseURL
	m := server.NewMain(cfg)
	m.Out = io.Discard
	if err := m.Run(context.Background()); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := m.Close(); err != nil {
			tb.Error(err)
		}
	})
	return m
}

type gqlError struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions"`
}

type gqlResponse struct {
	Status int
	Data   json.RawMessage `json:"data"`
	Errors []gqlError      `json:"errors"`
}

// code is the extensions.code of the first error, or "".
func (r gqlResponse) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// reason is the first error's extensions.reason, if any.
func (r gqlResponse) reason() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["reason"].(string)
	return c
}

func post(tb testing.TB, m *server.Main, token string, body []byte) gqlResponse {
	tb.Helper()
	req, err := http.NewRequest(http.MethodPost, m.URL()+"/graphql", bytes.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	var r gqlResponse
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		tb.Fatalf("decode response (status %d): %v", resp.StatusCode, err)
	}
	r.Status = resp.StatusCode
	return r
}

// client calls the API of m as one signed-in user (or nobody, with no token).
type client struct {
	m     *server.Main
	token string
}

// signIn signs in as a demo user.
func signIn(tb testing.TB, m *server.Main, email string) client {
	tb.Helper()
	var got struct{ Login struct{ Token string } }
	client{m: m}.mustQuery(tb, `mutation($e: String!) { login(email: $e, password: "demo") { token } }`,
		map[string]any{"e": email}, &got)
	return client{m: m, token: got.Login.Token}
}

func (c client) query(tb testing.TB, q string, vars map[string]any) gqlResponse {
	tb.Helper()
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	return post(tb, c.m, c.token, body)
}

// mustQueryAllowingErrors runs q and decodes data into out, whatever errors
// came with it (nodes(ids:) answers NOT_FOUND beside each null).
func (c client) mustQueryAllowingErrors(tb testing.TB, q string, vars map[string]any, out any) {
	tb.Helper()
	r := c.query(tb, q, vars)
	if err := json.Unmarshal(r.Data, out); err != nil {
		tb.Fatal(err)
	}
}

// mustQuery runs q, fails on any error, and decodes data into out.
func (c client) mustQuery(tb testing.TB, q string, vars map[string]any, out any) {
	tb.Helper()
	r := c.query(tb, q, vars)
	if len(r.Errors) > 0 {
		tb.Fatalf("query failed: %+v", r.Errors)
	}
	if err := json.Unmarshal(r.Data, out); err != nil {
		tb.Fatal(err)
	}
}

func TestServer_ServesDemoDealers(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")

		var page struct {
			Dealers struct {
				TotalCount int
				Edges      []struct {
					Node struct{ ID, Code, Name string }
				}
				PageInfo struct{ HasNextPage bool }
			}
		}
		admin.mustQuery(t, `{ dealers(orderBy: {field: CODE}) { totalCount edges { node { id code name } } pageInfo { hasNextPage } } }`, nil, &page)
		if got, want := page.Dealers.TotalCount, 30; got != want {
			t.Errorf("totalCount = %d, want %d", got, want)
		}
		// No first or last: the default page of 20, not every row.
		if got, want := len(page.Dealers.Edges), 20; got != want {
			t.Errorf("default page has %d dealers, want %d", got, want)
		}
		if !page.Dealers.PageInfo.HasNextPage {
			t.Error("hasNextPage = false on a partial page")
		}

		first := page.Dealers.Edges[0].Node
		var node struct {
			Node struct {
				Typename string `json:"__typename"`
				ID       string
				Code     string
				Channel  struct{ Name string }
			}
		}
		admin.mustQuery(t, `query($id: ID!) { node(id: $id) { __typename id ... on Dealer { code channel { name } } } }`,
			map[string]any{"id": first.ID}, &node)
		if node.Node.Typename != "Dealer" || node.Node.ID != first.ID || node.Node.Code != first.Code || node.Node.Channel.Name == "" {
			t.Errorf("node(id: %s) = %+v, want dealer %s", first.ID, node.Node, first.Code)
		}

		// A dealer id that does not exist, and one of a type that does not.
		for _, id := range []string{"8589999999", "999999999999"} {
			if r := admin.query(t, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": id}); r.code() != "NOT_FOUND" {
				t.Errorf("node(id: %s): code %q, want NOT_FOUND (%s)", id, r.code(), r.Data)
			}
		}
	})
}

func TestServer_Routes(t *testing.T) {
	m := startServer(t)
	for _, tc := range []struct {
		path     string
		want     int
		contains string
	}{
		{"/healthz", 200, "ok"},
		{"/readyz", 200, "ready"},
		{"/", 200, "Dealerline"},
		{"/orders/42", 200, "Dealerline"}, // deep links reach the portal
		{"/graphiql/", 200, "<html"},
		{"/graphql?query=%7B__typename%7D", 200, `"Query"`}, // introspection needs no sign-in
	} {
		t.Run(tc.path, func(t *testing.T) {
			resp, err := http.Get(m.URL() + tc.path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tc.want || !strings.Contains(string(body), tc.contains) {
				t.Errorf("GET %s = %d %.200q, want %d containing %q", tc.path, resp.StatusCode, body, tc.want, tc.contains)
			}
		})
	}
}

func TestServer_RefusesBadInput(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")

		deep := "{ dealers { edges { node { channel { dealers { edges { node { channel { dealers { edges { node { channel { dealers { edges { node { id } } } } } } } } } } } } } } } }"
		var aliases strings.Builder
		aliases.WriteString("{")
		for i := range 500 {
			fmt.Fprintf(&aliases, " a%d: __typename", i)
		}
		aliases.WriteString(" }")

		for _, tc := range []struct {
			name  string
			query string
			vars  map[string]any
			want  string
		}{
			{"UnknownField", `{ dealers { edges { node { secret } } } }`, nil, "INVALID_INPUT"},
			{"WrongType", `{ dealers(first: "ten") { totalCount } }`, nil, "INVALID_INPUT"},
			{"WrongVariableType", `query($n: Int) { dealers(first: $n) { totalCount } }`, map[string]any{"n": "ten"}, "INVALID_INPUT"},
			{"SyntaxError", `{ dealers { `, nil, "INVALID_INPUT"},
			{"TooDeep", deep, nil, "INVALID_INPUT"},
			{"TooManyAliases", aliases.String(), nil, "INVALID_INPUT"},
			{"PageTooLarge", `{ dealers(first: 1000) { totalCount } }`, nil, "INVALID_INPUT"},
			{"PageTooLargeInVariable", `query($n: Int) { products(first: $n) { totalCount } }`, map[string]any{"n": 101}, "INVALID_INPUT"},
			{"BadMoney", `mutation { updateDealer(id: "1", input: {creditLimit: "12.345"}) { id } }`, nil, "INVALID_INPUT"},
			{"BadDate", `mutation { createDealer(input: {code: "X", name: "X", tier: 2, joinedOn: "31/12/2026", channelID: "1"}) { id } }`, nil, "INVALID_INPUT"},
			{"EmptyNestedFilter", `{ dealers(where: {hasChannelWith: [{}]}) { totalCount } }`, nil, "INVALID_INPUT"},
			{"MissingNode", `mutation { updateChannel(id: "999", input: {name: "Nowhere"}) { id } }`, nil, "NOT_FOUND"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := admin.query(t, tc.query, tc.vars)
				if got := r.code(); got != tc.want {
					t.Errorf("code = %q, want %q (errors %+v)", got, tc.want, r.Errors)
				}
				if len(r.Errors) > 0 && r.Errors[0].Message == "" {
					t.Error("error without a message")
				}
			})
		}

		t.Run("BodyNotJSON", func(t *testing.T) {
			r := post(t, m, admin.token, []byte(`{"query": "{ __typename }"`))
			if r.Status != http.StatusBadRequest || r.code() != "INVALID_INPUT" {
				t.Errorf("status %d code %q, want 400 INVALID_INPUT", r.Status, r.code())
			}
		})

		t.Run("OversizeBody", func(t *testing.T) {
			body := fmt.Appendf(nil, `{"query": "{ __typename }", "padding": %q}`, strings.Repeat("x", 2<<20))
			r := post(t, m, admin.token, body)
			if r.Status != http.StatusRequestEntityTooLarge || r.code() != "INVALID_INPUT" {
				t.Errorf("status %d code %q, want 413 INVALID_INPUT", r.Status, r.code())
			}
		})
	})
}

func TestServer_RefusedMutationsChangeNothing(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")

		counts := func() (channels, dealers, prices int) {
			var got struct {
				Channels struct{ TotalCount int }
				Dealers  struct{ TotalCount int }
				Products struct {
					Edges []struct {
						Node struct{ Prices []struct{ ID string } }
					}
				}
			}
			admin.mustQuery(t, `{ channels { totalCount } dealers { totalCount }
			products(where: {sku: "DR-1801"}) { edges { node { prices { id } } } } }`, nil, &got)
			return got.Channels.TotalCount, got.Dealers.TotalCount, len(got.Products.Edges[0].Node.Prices)
		}
		var ids struct {
			Channels struct {
				Edges []struct{ Node struct{ ID string } }
			}
			Products struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		admin.mustQuery(t, `{ channels(first: 1) { edges { node { id } } } products(where: {sku: "DR-1801"}) { edges { node { id } } } }`, nil, &ids)
		channel, product := ids.Channels.Edges[0].Node.ID, ids.Products.Edges[0].Node.ID

		c0, d0, p0 := counts()
		for _, tc := range []struct {
			name      string
			query     string
			wantCode  string
			wantField string
		}{
			{"TierOutOfRange", `mutation($c: ID!) { createDealer(input: {code: "D-NEW", name: "New", tier: 5, joinedOn: "2026-01-01", channelID: $c}) { id } }`, "INVALID_INPUT", "tier"},
			{"EmptyName", `mutation($c: ID!) { createDealer(input: {code: "D-NEW", name: "", tier: 2, joinedOn: "2026-01-01", channelID: $c}) { id } }`, "INVALID_INPUT", "name"},
			{"DuplicateCode", `mutation($c: ID!) { createDealer(input: {code: "D-NORTH", name: "Again", tier: 2, joinedOn: "2026-01-01", channelID: $c}) { id } }`, "CONFLICT", ""},
			{"OverlappingPrice", `mutation($p: ID!) { createPrice(input: {tier: 1, amount: "1.00", validFrom: "2020-01-01", productID: $p}) { id } }`, "CONFLICT", ""},
			{"PriceEndsBeforeItStarts", `mutation($p: ID!) { createPrice(input: {tier: 1, amount: "1.00", validFrom: "2020-01-01", validTo: "2019-01-01", productID: $p}) { id } }`, "INVALID_INPUT", "validTo"},
			// The first mutation succeeds, the second fails: the operation is
			// one transaction, so neither is kept.
			{"SecondMutationFails", `mutation($c: ID!) {
			ok: createChannel(input: {code: "PARTNER", name: "Partners"}) { id }
			bad: createDealer(input: {code: "D-NORTH", name: "Again", tier: 2, joinedOn: "2026-01-01", channelID: $c}) { id } }`, "CONFLICT", ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := admin.query(t, tc.query, map[string]any{"c": channel, "p": product})
				if got := r.code(); got != tc.wantCode {
					t.Fatalf("code = %q, want %q (%+v)", got, tc.wantCode, r.Errors)
				}
				if got, _ := r.Errors[0].Extensions["field"].(string); got != tc.wantField {
					t.Errorf("field = %q, want %q", got, tc.wantField)
				}
				if c, d, p := counts(); c != c0 || d != d0 || p != p0 {
					t.Errorf("counts changed: channels %d→%d, dealers %d→%d, prices %d→%d", c0, c, d0, d, p0, p)
				}
			})
		}

		t.Run("AcceptedMutationIsKept", func(t *testing.T) {
			var got struct{ CreateChannel struct{ ID, Name string } }
			admin.mustQuery(t, `mutation { createChannel(input: {code: "PARTNER", name: "Partners"}) { id name } }`, nil, &got)
			var nodes struct{ Nodes []struct{ ID, Name string } }
			admin.mustQuery(t, `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Channel { name } } }`,
				map[string]any{"ids": []string{got.CreateChannel.ID, channel}}, &nodes)
			if len(nodes.Nodes) != 2 || nodes.Nodes[0].Name != "Partners" || nodes.Nodes[1].ID != channel {
				t.Errorf("nodes = %+v", nodes.Nodes)
			}
			if c, _, _ := counts(); c != c0+1 {
				t.Errorf("channels = %d, want %d", c, c0+1)
			}
		})
	})
}

func TestServer_Settings(t *testing.T) {
	m := startServer(t)
	var got struct {
		Settings struct {
			Currency, Timezone, Today string
			MaxLineQuantity           int
		}
	}
	signIn(t, m, "south@demo.test").mustQuery(t, `{ settings { currency timezone today maxLineQuantity } }`, nil, &got)
	today := time.Now().UTC().Format(time.DateOnly)
	if s := got.Settings; s.Currency != "CNY" || s.Timezone != "UTC" || s.Today != today || s.MaxLineQuantity != 10000 {
		t.Errorf("settings = %+v, want CNY, UTC, %s, 10000", s, today)
	}
}
