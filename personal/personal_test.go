package personal

import (
	"strings"
	"testing"

	"github.com/dealerline/dealerline/ent/migrate"
)

// Every column naming a user as the one who wrote or did something is
// decided on: its rows' free text is erased with the user (authored), or
// it holds none (notAuthored). A new table with such a column fails here
// until it is one or the other.
func TestAuthorColumnsDecided(t *testing.T) {
	columns := map[string]map[string]bool{}
	for _, tb := range migrate.Tables {
		columns[tb.Name] = map[string]bool{}
		for _, c := range tb.Columns {
			columns[tb.Name][c.Name] = true
		}
	}
	listed := map[string]bool{}
	for _, a := range authored {
		listed[a.table+"."+a.by] = true
		if !columns[a.table][a.by] {
			t.Errorf("authored names %s.%s, which is not in the schema", a.table, a.by)
		}
		for _, c := range a.texts {
			if !columns[a.table][c] {
				t.Errorf("authored names %s.%s, which is not in the schema", a.table, c)
			}
		}
	}
	for _, tb := range migrate.Tables {
		for _, c := range tb.Columns {
			n := c.Name
			if !(strings.HasSuffix(n, "_by_id") || n == "author_id" || n == "actor_id" || n == "assignee_id") {
				continue
			}
			if k := tb.Name + "." + n; !listed[k] && !notAuthored[k] {
				t.Errorf("%s names a user: add it to authored (with the text its rows hold) or to notAuthored", k)
			}
		}
	}
}

// TestExportFindsEveryUserColumn: every column naming a user is read by
// the export, as a foreign key to users or listed in userColumnsOutsideEdges.
func TestExportFindsEveryUserColumn(t *testing.T) {
	found := map[string]bool{}
	for tb, cols := range userReferences() {
		for _, c := range cols {
			found[tb+"."+c] = true
		}
	}
	for _, tb := range migrate.Tables {
		if notExported[tb.Name] {
			continue
		}
		for _, c := range tb.Columns {
			n := c.Name
			if !(strings.HasSuffix(n, "_by_id") || n == "author_id" || n == "actor_id" || n == "assignee_id" || n == "user_id") {
				continue
			}
			if k := tb.Name + "." + n; !found[k] {
				t.Errorf("%s names a user but is not exported: add it to userColumnsOutsideEdges", k)
			}
		}
	}
}

func TestPairs(t *testing.T) {
	e := &eraser{}
	e.add("Li", "erased-user-1", false)
	e.add("li.wei@example.com", "erased-1@invalid", true)
	e.add(`A long note with "quotes" & more`, Erased, true)
	loose, exact := e.pairs("text")
	if len(exact) != 1 || exact[0][0] != "Li" {
		t.Errorf("exact = %v", exact)
	}
	var froms []string
	for _, p := range loose {
		froms = append(froms, p[0])
	}
	want := []string{`A long note with \"quotes\" \u0026 more`, `A long note with &#34;quotes&#34; &amp; more`, `A long note with "quotes" & more`, `A long note with \"quotes\" & more`, "li.wei@example.com"}
	for _, w := range want {
		found := false
		for _, f := range froms {
			found = found || f == w
		}
		if !found {
			t.Errorf("no replacement of %q in %q", w, froms)
		}
	}
	jl, _ := e.pairs("json")
	found := false
	for _, p := range jl {
		found = found || p[0] == `"Li"`
	}
	if !found {
		t.Errorf("a short name is replaced as a whole JSON string: %v", jl)
	}
	if got := e.scrubbed("asked by li.wei@example.com"); got != "asked by erased-1@invalid" {
		t.Errorf("scrubbed = %q", got)
	}
}
