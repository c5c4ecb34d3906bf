package limits

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/executor"
	"github.com/vektah/gqlparser/v2/ast"
)

// fuzzConfig is small, so that random documents reach every limit.
var fuzzConfig = Config{MaxDepth: 6, MaxComplexity: 400, MaxAliases: 5, DefaultPageSize: 5, MaxPageSize: 10, MaxWhereDepth: 3,
	MaxTokens: 2_000, MaxFields: 200, MaxDirectives: 20, MaxErrors: 20}

// FuzzLimits runs arbitrary documents through gqlgen's executor with the
// limits, as every transport does. Whatever the document: nothing panics;
// every refusal carries a code (a limit's names which); a document that
// reaches the resolvers is within the limits, measured here apart from
// the package's walker, and asks for bounded pages only; and the cached
// document gets the same answer as the freshly parsed one.
func FuzzLimits(f *testing.F) {
	for _, q := range []string{
		`{ tags { id } }`,
		`{ dealers { edges { node { vehicles { edges { node { vin } } } } } } }`,
		`query($n: Int = 1000) { dealers(first: $n) { totalCount } }`,
		`{ dealers(first: 11) { totalCount } }`,
		`{ dealers(first: -1) { totalCount } }`,
		`{ dealers(last: 99999999999999999999) { totalCount } }`,
		`{ dealers(first: null) { totalCount } }`,
		`{ dealers(first: 10) { edges { node { vehicles(first: 10) { edges { node { dealer { tags { id } } } } } } } } }`,
		`{ dealers(where: ` + whereLiteral(6) + `) { totalCount } }`,
		`{ dealers(where: {hasVehiclesWith: [{hasDealerWith: [{hasVehiclesWith: [{vin: "x"}]}]}]}) { totalCount } }`,
		deep(4), deep(7), deep(40),
		aliased(5), aliased(6), aliased(100),
		aliasedTypename(50),
		fragmentBomb(30),
		`{ ...on Query { tags { id } } ...F } fragment F on Query { a: tags { id } b: tags { id } }`,
		// The probe's shapes: repeated fields, directive floods,
		// __typename floods, several operations, bad bytes.
		`{ ` + strings.Repeat(`node(id: "1") { id } `, 300) + `}`,
		`{ tags ` + strings.Repeat("@aa", 1000) + ` { id } }`,
		`{ ` + strings.Repeat("__typename ", 2000) + `}`,
		`{ __schema { types { name fields { name type { name ofType { name ofType { name } } } } } } }`,
		`query A { tags { id } } query B { tags { id } }`,
		`mutation { login(email: "a", password: "b") { token } }`,
		`subscription { tags { id } }`,
		"{ node(id: \"\xff\xfe\") { id } }",
		"{ node(id: \"1\x00\") { name } }",
		"{ node(id: \"\u202e1\") { name } }",
		"{ tags\x00 { id } }",
		`{ node(id: "1") { ` + strings.Repeat("parent { ", 12) + `id` + strings.Repeat(" }", 12) + ` } }`,
	} {
		f.Add(q)
	}

	schema := loadSchema(f)
	var executed *graphql.OperationContext
	es := &graphql.ExecutableSchemaMock{
		SchemaFunc: func() *ast.Schema { return schema },
		ComplexityFunc: func(context.Context, string, string, int, map[string]any) (int, bool) {
			return 0, false
		},
		ExecFunc: func(ctx context.Context) graphql.ResponseHandler {
			executed = graphql.GetOperationContext(ctx)
			return graphql.OneShot(&graphql.Response{Data: json.RawMessage(`{}`)})
		},
	}
	lim := New(fuzzConfig)
	exec := executor.New(es)
	exec.Use(lim)
	exec.SetQueryCache(lim.QueryCache(&syncCache{m: map[string]*ast.QueryDocument{}}))

	// run answers query and reports the operation that reached the
	// resolvers, nil for a refusal.
	run := func(t *testing.T, query string) (*graphql.OperationContext, *graphql.Response) {
		executed = nil
		ctx := graphql.StartOperationTrace(context.Background())
		rc, errs := exec.CreateOperationContext(ctx, &graphql.RawParams{Query: query})
		if errs != nil {
			return nil, exec.DispatchError(graphql.WithOperationContext(ctx, rc), errs)
		}
		h, ctx := exec.DispatchOperation(ctx, rc)
		return executed, h(ctx)
	}

	f.Fuzz(func(t *testing.T, query string) {
		var verdicts [2]string
		for i := range verdicts {
			rc, resp := run(t, query)
			if rc == nil {
				if len(resp.Errors) == 0 {
					t.Fatalf("refused without an error: %q", query)
				}
				for _, e := range resp.Errors {
					code, _ := e.Extensions["code"].(string)
					if code == "" {
						t.Fatalf("error without a code: %v", e)
					}
					if code == CodeInvalidInput {
						switch limit, _ := e.Extensions["limit"].(string); limit {
						case LimitDepth, LimitComplexity, LimitAliases, LimitPageSize, LimitWhereDepth,
							LimitTokens, LimitFields, LimitDirectives, LimitErrors:
						default:
							t.Fatalf("limit error without a known limit: %v", e)
						}
					}
				}
				verdicts[i] = "refused: " + resp.Errors.Error()
				continue
			}
			checkWithinLimits(t, fuzzConfig, rc)
			verdicts[i] = "executed"
		}
		if verdicts[0] != verdicts[1] {
			t.Fatalf("the cached document is answered differently:\n  first  %s\n  cached %s", verdicts[0], verdicts[1])
		}
	})
}

// checkWithinLimits measures the operation rc executes without the
// package's walker: its depth and aliases (fragments spread as often as
// they are), page sizes and filter nesting.
func checkWithinLimits(t *testing.T, cfg Config, rc *graphql.OperationContext) {
	t.Helper()
	type measure struct{ depth, aliases int }
	memo := map[string]measure{}
	var walk func(ast.SelectionSet) measure
	walk = func(set ast.SelectionSet) measure {
		var m measure
		add := func(c measure) {
			m.depth = max(m.depth, c.depth)
			m.aliases = min(m.aliases+c.aliases, 1<<30)
		}
		for _, sel := range set {
			switch sel := sel.(type) {
			case *ast.Field:
				if sel.Alias != "" && sel.Alias != sel.Name {
					m.aliases++
				}
				if strings.HasPrefix(sel.Name, "__") {
					continue
				}
				checkArguments(t, cfg, sel, rc.Variables)
				c := walk(sel.SelectionSet)
				c.depth++
				add(c)
			case *ast.InlineFragment:
				add(walk(sel.SelectionSet))
			case *ast.FragmentSpread:
				c, ok := memo[sel.Name]
				if !ok && sel.Definition != nil {
					c = walk(sel.Definition.SelectionSet)
					memo[sel.Name] = c
				}
				add(c)
			}
		}
		return m
	}
	m := walk(rc.Operation.SelectionSet)
	if m.depth > cfg.MaxDepth || m.aliases > cfg.MaxAliases {
		t.Fatalf("executed with depth %d and %d aliases, over the limits %d and %d:\n%s",
			m.depth, m.aliases, cfg.MaxDepth, cfg.MaxAliases, rc.RawQuery)
	}
}

// checkArguments fails unless a connection field asks for a page of at
// most MaxPageSize (first or last, given or added by the cache) and its
// filter nests at most MaxWhereDepth objects.
func checkArguments(t *testing.T, cfg Config, f *ast.Field, vars map[string]any) {
	t.Helper()
	if f.Definition == nil {
		return
	}
	args := f.ArgumentMap(vars)
	if isConnection(f.Definition) {
		bounded := false
		for _, name := range []string{"first", "last"} {
			if v, ok := args[name]; ok && v != nil {
				n, ok := toInt(v)
				if !ok || n < 0 || n > int64(cfg.MaxPageSize) {
					t.Fatalf("%s executed with %s: %v, outside 0..%d", f.Name, name, v, cfg.MaxPageSize)
				}
				bounded = true
			}
		}
		if !bounded {
			t.Fatalf("%s executed without first or last: every row", f.Name)
		}
	}
	if where, ok := args["where"]; ok {
		if d := nesting(where); d > cfg.MaxWhereDepth {
			t.Fatalf("%s executed with a filter nesting %d objects, over %d: %s", f.Name, d, cfg.MaxWhereDepth, fmt.Sprint(where))
		}
	}
}

// nesting is how deeply objects nest in v; lists do not count.
func nesting(v any) int {
	switch v := v.(type) {
	case map[string]any:
		d := 0
		for _, e := range v {
			d = max(d, nesting(e))
		}
		return 1 + d
	case []any:
		d := 0
		for _, e := range v {
			d = max(d, nesting(e))
		}
		return d
	}
	return 0
}
