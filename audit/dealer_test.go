package audit

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// recorders are the functions of this package that write an entry, and
// the position of their subject type argument.
var recorders = map[string]int{"Record": 3, "Created": 3, "Updated": 3}

// wrappers are functions elsewhere that pass their subjectType parameter
// on to a recorder: their callers are checked instead.
var wrappers = map[string]int{"auditedCreate": 3, "auditedUpdate": 3}

// auditedTypes are the subject types the module's code records entries
// for, read from its calls of this package (outside tests).
func auditedTypes(t *testing.T) map[string][]string {
	t.Helper()
	types := map[string][]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case "node_modules", "ent", ".git", "portal", "audit":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var name string
			arg := -1
			switch fn := call.Fun.(type) {
			case *ast.SelectorExpr:
				if pkg, ok := fn.X.(*ast.Ident); ok && pkg.Name == "audit" {
					if i, ok := recorders[fn.Sel.Name]; ok {
						name, arg = "audit."+fn.Sel.Name, i
					}
				}
			case *ast.Ident:
				if i, ok := wrappers[fn.Name]; ok {
					name, arg = fn.Name, i
				}
			}
			if arg < 0 || len(call.Args) <= arg {
				return true
			}
			if id, ok := call.Args[arg].(*ast.Ident); ok && id.Name == "subjectType" {
				return true // a wrapper passing its parameter on
			}
			lit, ok := call.Args[arg].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				t.Errorf("%s: %s with a subject type that is not a literal: the dealer rules cannot be checked", fset.Position(call.Pos()), name)
				return true
			}
			s, _ := strconv.Unquote(lit.Value)
			types[s] = append(types[s], fset.Position(call.Pos()).String())
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return types
}

// hasDealerColumn says whether ent type name has a dealer_id field.
func hasDealerColumn(t *testing.T, name string) bool {
	pkg := strings.ToLower(name)
	b, err := os.ReadFile(filepath.Join("..", "ent", pkg, pkg+".go"))
	if err != nil {
		t.Fatalf("%s is no ent type: %v", name, err)
	}
	return strings.Contains(string(b), "FieldDealerID = ")
}

// TestDealerRules: every subject type audited anywhere says how its dealer
// is found, or why it has none; none that has a dealer_id is said to have
// none.
func TestDealerRules(t *testing.T) {
	types := auditedTypes(t)
	if len(types) < 20 {
		t.Fatalf("found only %d audited subject types: is the scan broken?", len(types))
	}
	for name, where := range types {
		_, rule := dealerRules[name]
		_, none := noDealer[name]
		switch {
		case name == "Dealer":
		case !rule && !none:
			t.Errorf("%s is audited (%s) with no dealer rule: add it to dealerRules or noDealer in audit/dealer.go", name, where[0])
		case none && hasDealerColumn(t, name):
			t.Errorf("%s has a dealer_id but is in noDealer: move it to dealerRules", name)
		}
	}
	for name := range dealerRules {
		if name != "Dealer" && name != "ConflictCase" && name != "ConflictComment" && !hasDealerColumn(t, name) {
			t.Errorf("dealerRules reads DealerID of %s, which has none: say where its dealer is", name)
		}
	}
}
