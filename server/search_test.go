package server_test

import (
	"strings"
	"testing"

	"github.com/dealerline/dealerline/demo"
	"github.com/dealerline/dealerline/server"
)

const searchQuery = `query($q: String!, $n: Int) { search(query: $q, first: $n) {
	kind snippet highlights { start length }
	node { id __typename ... on Dealer { code } ... on Interaction { subject } ... on ServiceTicket { subject } } } }`

type searchHits struct {
	Search []struct {
		Kind       string
		Snippet    string
		Highlights []struct{ Start, Length int }
		Node       struct {
			ID       string
			Typename string `json:"__typename"`
			Code     string
			Subject  string
		}
	}
}

// The demo's dealers are indexed as the demo loader writes them, and
// what each viewer finds is what it may read.
func TestSearch_API(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin, manager := signIn(t, m, "admin@demo.test"), signIn(t, m, "manager@demo.test")
		north, south := signIn(t, m, "north@demo.test"), signIn(t, m, "south@demo.test")
		addRelationship(t, m, dealerNamed(t, m, demo.NorthDistribution), 1)

		var got searchHits
		admin.mustQuery(t, searchQuery, map[string]any{"q": "d-north", "n": 5}, &got)
		if len(got.Search) != 1 || got.Search[0].Node.Code != demo.NorthDistribution || got.Search[0].Kind != "DEALER" {
			t.Fatalf("d-north finds %+v", got.Search)
		}

		// The note in Chinese, by a phrase inside it; highlighted.
		manager.mustQuery(t, searchQuery, map[string]any{"q": "售后 visit"}, &got)
		found := false
		for _, h := range got.Search {
			if h.Node.Typename != "Interaction" || h.Node.Subject != "Visit 0" {
				continue
			}
			found = true
			var marked []string
			for _, r := range h.Highlights {
				marked = append(marked, string([]rune(h.Snippet)[r.Start:r.Start+r.Length]))
			}
			if strings.Join(marked, ",") != "Visit,售后" {
				t.Errorf("highlights %v in %q", marked, h.Snippet)
			}
		}
		if !found {
			t.Fatalf("the manager does not find the note: %+v", got.Search)
		}
		// Dealer users never find interactions, nor other dealers' records.
		for name, c := range map[string]client{"north": north, "south": south} {
			c.mustQuery(t, searchQuery, map[string]any{"q": "售后"}, &got)
			for _, h := range got.Search {
				if h.Kind == "INTERACTION" {
					t.Errorf("%s's user finds an interaction: %+v", name, h)
				}
			}
		}
		north.mustQuery(t, searchQuery, map[string]any{"q": "late delivery 0"}, &got)
		if len(got.Search) != 1 || got.Search[0].Node.Subject != "Late delivery 0" {
			t.Errorf("north's user finds %+v, want its ticket", got.Search)
		}
		south.mustQuery(t, searchQuery, map[string]any{"q": "late delivery 0"}, &got)
		if len(got.Search) != 0 {
			t.Errorf("south's user finds north's ticket: %+v", got.Search)
		}
		south.mustQuery(t, searchQuery, map[string]any{"q": "north distribution"}, &got)
		if len(got.Search) != 0 {
			t.Errorf("south's user finds another dealer: %+v", got.Search)
		}
		// A manager finds nothing outside its dealers.
		manager.mustQuery(t, searchQuery, map[string]any{"q": "D-EAST"}, &got)
		if len(got.Search) != 0 {
			t.Errorf("the manager finds a dealer of another channel: %+v", got.Search)
		}

		for _, c := range []struct {
			vars  map[string]any
			field string
		}{
			{map[string]any{"q": ""}, "query"},
			{map[string]any{"q": "!!!"}, "query"},
			{map[string]any{"q": strings.Repeat("a", 201)}, "query"},
			{map[string]any{"q": "north", "n": 0}, "first"},
			{map[string]any{"q": "north", "n": 51}, "first"},
		} {
			r := admin.query(t, searchQuery, c.vars)
			if r.code() != "INVALID_INPUT" || r.Errors[0].Extensions["field"] != c.field {
				t.Errorf("%.30v: %+v, want INVALID_INPUT on %s", c.vars, r.Errors, c.field)
			}
		}
	})
}
