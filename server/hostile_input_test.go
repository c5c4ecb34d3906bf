package server_test

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

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
