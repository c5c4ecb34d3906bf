package graph

import (
	goast "go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// unaudited are the mutations that change nothing an administrator needs
// in the audit trail, each with why. Every other mutation must reach an
// audit call (audit.Record, Created or Updated) from its resolver.
var unaudited = map[string]string{
	"login":                      "signing in changes no record (the token keeps its last use)",
	"logout":                     "ends the caller's own session",
	"markAnnouncementRead":       "a read receipt of the caller's own",
	"markNotificationsRead":      "the caller's own inbox",
	"updateNotificationSettings": "the caller's own preferences",
	"subscribePush":              "the caller's own browser subscription",
	"unsubscribePush":            "the caller's own browser subscription",
	"sendTestPush":               "sends a test message, changes nothing",
	"requestPasswordReset":       "sends a link, changes no record; the reset itself is audited",
}

// notYetAudited are mutations that change data but record no entry yet.
// Take each off as it is done; the test fails for one that is audited and
// still listed.
var notYetAudited = map[string]bool{}

const module = "github.com/dealerline/dealerline/"

// goPackage is the parsed non-test Go files of one directory.
type goPackage struct {
	funcs map[string][]*goast.FuncDecl // by name, methods of any receiver included
	files []*goast.File
}

type auditScan struct {
	fset *token.FileSet
	pkgs map[string]*goPackage // by directory relative to the module root
}

func (s *auditScan) pkg(t *testing.T, dir string) *goPackage {
	if p, ok := s.pkgs[dir]; ok {
		return p
	}
	p := &goPackage{funcs: map[string][]*goast.FuncDecl{}}
	s.pkgs[dir] = p
	entries, err := os.ReadDir(filepath.Join("..", dir))
	if err != nil {
		t.Fatalf("package %s: %v", dir, err)
	}
	for _, e := range entries {
		n := e.Name()
		if !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") || n == "generated.go" {
			continue
		}
		f, err := parser.ParseFile(s.fset, filepath.Join("..", dir, n), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		p.files = append(p.files, f)
		for _, d := range f.Decls {
			if fd, ok := d.(*goast.FuncDecl); ok {
				p.funcs[fd.Name.Name] = append(p.funcs[fd.Name.Name], fd)
			}
		}
	}
	return p
}

// imports maps a file's import names to module-relative directories.
func imports(f *goast.File) map[string]string {
	out := map[string]string{}
	for _, im := range f.Imports {
		path, _ := strconv.Unquote(im.Path.Value)
		if !strings.HasPrefix(path, module) {
			continue
		}
		dir := strings.TrimPrefix(path, module)
		name := filepath.Base(dir)
		if im.Name != nil {
			name = im.Name.Name
		}
		out[name] = dir
	}
	return out
}

// fileOf is the file of p holding fd.
func fileOf(p *goPackage, fd *goast.FuncDecl) *goast.File {
	for _, f := range p.files {
		if f.Pos() <= fd.Pos() && fd.End() <= f.End() {
			return f
		}
	}
	return nil
}

// audits says whether function name of package dir reaches an audit
// call: directly, through a function or method of the same name in its
// package (by name: an over-approximation), or through a function of
// another package of the module. fields maps a resolver's fields to their
// packages (r.Ordering → ordering).
func (s *auditScan) audits(t *testing.T, dir, name string, fields map[string]string, seen map[string]bool) bool {
	key := dir + "." + name
	if seen[key] {
		return false
	}
	seen[key] = true
	p := s.pkg(t, dir)
	for _, fd := range p.funcs[name] {
		if fd.Body == nil {
			continue
		}
		imp := imports(fileOf(p, fd))
		found := false
		goast.Inspect(fd.Body, func(n goast.Node) bool {
			if found {
				return false
			}
			call, ok := n.(*goast.CallExpr)
			if !ok {
				return true
			}
			switch fn := call.Fun.(type) {
			case *goast.Ident:
				found = s.audits(t, dir, fn.Name, fields, seen)
			case *goast.SelectorExpr:
				switch x := fn.X.(type) {
				case *goast.Ident:
					if other, ok := imp[x.Name]; ok {
						if other == "audit" {
							found = true
						} else {
							found = s.audits(t, other, fn.Sel.Name, fields, seen)
						}
					} else {
						found = s.audits(t, dir, fn.Sel.Name, fields, seen)
					}
				case *goast.SelectorExpr: // r.Ordering.Place, s.auth.X
					if other, ok := fields[x.Sel.Name]; ok {
						found = s.audits(t, other, fn.Sel.Name, fields, seen)
					} else {
						found = s.audits(t, dir, fn.Sel.Name, fields, seen)
					}
				}
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// resolverFields maps the Resolver's fields to the packages of their types.
func resolverFields(t *testing.T, s *auditScan) map[string]string {
	p := s.pkg(t, "graph")
	out := map[string]string{}
	for _, f := range p.files {
		imp := imports(f)
		goast.Inspect(f, func(n goast.Node) bool {
			ts, ok := n.(*goast.TypeSpec)
			if !ok || ts.Name.Name != "Resolver" {
				return true
			}
			for _, fl := range ts.Type.(*goast.StructType).Fields.List {
				typ := fl.Type
				if st, ok := typ.(*goast.StarExpr); ok {
					typ = st.X
				}
				sel, ok := typ.(*goast.SelectorExpr)
				if !ok {
					continue
				}
				if dir, ok := imp[sel.X.(*goast.Ident).Name]; ok {
					for _, n := range fl.Names {
						out[n.Name] = dir
					}
				}
			}
			return false
		})
	}
	return out
}

// TestMutationsAreAudited: every mutation reaches an audit call from its
// resolver, or is one of the few that change nothing worth auditing.
func TestMutationsAreAudited(t *testing.T) {
	schema := loadSchema(t)
	s := &auditScan{fset: token.NewFileSet(), pkgs: map[string]*goPackage{}}
	fields := resolverFields(t, s)
	graph := s.pkg(t, "graph")
	resolvers := map[string]*goast.FuncDecl{}
	for name, fds := range graph.funcs {
		for _, fd := range fds {
			if fd.Recv == nil || len(fd.Recv.List) != 1 {
				continue
			}
			if st, ok := fd.Recv.List[0].Type.(*goast.StarExpr); ok {
				if id, ok := st.X.(*goast.Ident); ok && id.Name == "mutationResolver" {
					resolvers[strings.ToLower(name)] = fd
				}
			}
		}
	}
	var missing []string
	for _, f := range schema.Mutation.Fields {
		if strings.HasPrefix(f.Name, "__") {
			continue
		}
		_, exempt := unaudited[f.Name]
		exempt = exempt || notYetAudited[f.Name]
		fd, ok := resolvers[strings.ToLower(f.Name)]
		if !ok {
			t.Errorf("mutation %s: no resolver found", f.Name)
			continue
		}
		audited := s.audits(t, "graph", fd.Name.Name, fields, map[string]bool{})
		switch {
		case exempt && audited:
			t.Errorf("mutation %s is audited: take it off the unaudited (or notYetAudited) list", f.Name)
		case !exempt && !audited:
			missing = append(missing, f.Name)
		}
	}
	for name := range unaudited {
		if schema.Mutation.Fields.ForName(name) == nil {
			t.Errorf("unaudited lists %s, which is no mutation", name)
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("mutation %s records no audit entry: call audit.Record (or Created/Updated) in the change's transaction, or list it in unaudited with why", m)
	}
}
