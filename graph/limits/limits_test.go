package limits

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/executor"
	"github.com/99designs/gqlgen/graphql/introspection"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/validator"
)

// testSchema follows the entgql conventions the package relies on.
const testSchema = `
scalar Cursor

type Query {
  node(id: ID!): Dealer
  dealers(after: Cursor, first: Int, before: Cursor, last: Int, where: DealerWhereInput): DealerConnection!
  tags: [Tag!]!
}

type PageInfo {
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
  startCursor: Cursor
  endCursor: Cursor
}

type DealerConnection {
  edges: [DealerEdge]
  pageInfo: PageInfo!
  totalCount: Int!
}

type DealerEdge {
  node: Dealer
  cursor: Cursor!
}

type Dealer {
  id: ID!
  name: String!
  parent: Dealer
  tags: [Tag!]!
  vehicles(after: Cursor, first: Int, before: Cursor, last: Int, where: VehicleWhereInput): VehicleConnection!
}

type VehicleConnection {
  edges: [VehicleEdge]
  pageInfo: PageInfo!
  totalCount: Int!
}

type VehicleEdge {
  node: Vehicle
  cursor: Cursor!
}

type Vehicle {
  id: ID!
  vin: String!
  dealer: Dealer!
}

type Tag {
  id: ID!
  name: String!
}

input DealerWhereInput {
  not: DealerWhereInput
  and: [DealerWhereInput!]
  or: [DealerWhereInput!]
  name: String
  hasVehicles: Boolean
  hasVehiclesWith: [VehicleWhereInput!]
}

input VehicleWhereInput {
  not: VehicleWhereInput
  and: [VehicleWhereInput!]
  or: [VehicleWhereInput!]
  vin: String
  hasDealerWith: [DealerWhereInput!]
}
`

func loadSchema(t testing.TB) *ast.Schema {
	t.Helper()
	s, err := gqlparser.LoadSchema(&ast.Source{Name: "test.graphqls", Input: testSchema})
	if err != nil {
		t.Fatalf("load schema: %v", err)
	}
	return s
}

// server is gqlgen's executor (what handler.New wraps and every transport
// calls) over a mock executable schema. Exec answers {"first": …} with the
// first argument of the first root field as the resolvers would see it
// (ArgumentMap over the AST). The test cannot use handler.New itself: its
// transports pull in modules our go.mod doesn't list yet.
type server struct {
	exec  *executor.Executor
	execs atomic.Int64
}

func newServer(t testing.TB, cfg Config) *server {
	t.Helper()
	s := &server{}
	schema := loadSchema(t)
	es := &graphql.ExecutableSchemaMock{
		SchemaFunc: func() *ast.Schema { return schema },
		ComplexityFunc: func(context.Context, string, string, int, map[string]any) (int, bool) {
			return 0, false
		},
		ExecFunc: func(ctx context.Context) graphql.ResponseHandler {
			s.execs.Add(1)
			rc := graphql.GetOperationContext(ctx)
			first := any(nil)
			for _, sel := range rc.Operation.SelectionSet {
				if f, ok := sel.(*ast.Field); ok {
					first = f.ArgumentMap(rc.Variables)["first"]
					break
				}
			}
			data, _ := json.Marshal(map[string]any{"first": first})
			return graphql.OneShot(&graphql.Response{Data: data})
		},
	}
	lim := New(cfg)
	s.exec = executor.New(es)
	s.exec.Use(lim)
	s.exec.SetDefaultRulesFn(lim.ValidationRules)
	s.exec.SetQueryCache(lim.QueryCache(&syncCache{m: map[string]*ast.QueryDocument{}}))
	return s
}

// syncCache is a goroutine-safe query cache (gqlgen's LRU lives in a package
// our go.mod can't import yet).
type syncCache struct {
	mu sync.Mutex
	m  map[string]*ast.QueryDocument
}

func (c *syncCache) Get(_ context.Context, key string) (*ast.QueryDocument, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	doc, ok := c.m[key]
	return doc, ok
}

func (c *syncCache) Add(_ context.Context, key string, doc *ast.QueryDocument) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[key] = doc
}

// do runs query the way the transports do: variables arrive as JSON decoded
// with UseNumber, then CreateOperationContext (parse, validate, mutators) and
// DispatchOperation.
func (s *server) do(t testing.TB, query string, vars map[string]any) *graphql.Response {
	t.Helper()
	params := &graphql.RawParams{Query: query}
	if vars != nil {
		b, err := json.Marshal(vars)
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		if err := dec.Decode(&params.Variables); err != nil {
			t.Fatal(err)
		}
	}
	ctx := graphql.StartOperationTrace(context.Background())
	rc, errs := s.exec.CreateOperationContext(ctx, params)
	if errs != nil {
		return s.exec.DispatchError(graphql.WithOperationContext(ctx, rc), errs)
	}
	h, ctx := s.exec.DispatchOperation(ctx, rc)
	return h(ctx)
}

// deep returns a query whose deepest field chain is n (n >= 2).
func deep(n int) string {
	return `{ node(id: "1") { ` + strings.Repeat("parent { ", n-2) + "id" + strings.Repeat(" }", n-2) + " } }"
}

func aliased(n int) string {
	var b strings.Builder
	b.WriteString("{ ")
	for i := range n {
		fmt.Fprintf(&b, `a%d: node(id: "%d") { id } `, i, i)
	}
	b.WriteString("}")
	return b.String()
}

// whereLiteral nests n filter objects through and/or/not.
func whereLiteral(n int) string {
	if n <= 1 {
		return `{name: "x"}`
	}
	switch n % 3 {
	case 0:
		return "{and: [" + whereLiteral(n-1) + `, {name: "y"}]}`
	case 1:
		return "{or: [" + whereLiteral(n-1) + "]}"
	default:
		return "{not: " + whereLiteral(n-1) + "}"
	}
}

// whereValue is whereLiteral as a JSON variable.
func whereValue(n int) map[string]any {
	if n <= 1 {
		return map[string]any{"name": "x"}
	}
	switch n % 3 {
	case 0:
		return map[string]any{"and": []any{whereValue(n - 1), map[string]any{"name": "y"}}}
	case 1:
		return map[string]any{"or": []any{whereValue(n - 1)}}
	default:
		return map[string]any{"not": whereValue(n - 1)}
	}
}

func TestLimitsThroughExecutor(t *testing.T) {
	const connQuery = `query($n: Int, $m: Int, $w: DealerWhereInput) {
		dealers(first: $n, last: $m, where: $w) { totalCount edges { node { id } } } }`
	tests := []struct {
		name      string
		query     string
		vars      map[string]any
		wantLimit string // "" when the query must run
		wantMsg   string // substring of the error message
	}{
		{name: "plain query", query: `{ dealers { totalCount edges { node { id name tags { name } } } } }`},
		{name: "depth 12 accepted", query: deep(12)},
		{name: "depth 16 refused", query: deep(16), wantLimit: LimitDepth, wantMsg: "query depth 16 exceeds the limit of 12"},
		{
			name: "depth counted through fragments",
			query: `{ node(id: "1") { ...P } } fragment P on Dealer { ` + strings.Repeat("parent { ", 7) +
				"... on Dealer { " + strings.Repeat("parent { ", 7) + "id" + strings.Repeat(" }", 16),
			wantLimit: LimitDepth,
		},
		{name: "30 aliases accepted", query: aliased(30)},
		{name: "500 aliases refused", query: aliased(500), wantLimit: LimitAliases, wantMsg: "500 aliases, more than the limit of 30"},
		{
			name:      "aliases counted per fragment spread",
			query:     `{ ...F ...F ...F } fragment F on Query { ...G ...G } fragment G on Query ` + aliased(6),
			wantLimit: LimitAliases,
			wantMsg:   "36 aliases",
		},
		{name: "aliased introspection fields count", query: "{ __typename " + aliasedTypename(31) + " }", wantLimit: LimitAliases},
		{name: "first 100 accepted", query: `{ dealers(first: 100) { totalCount edges { node { id } } } }`},
		{
			name:      "first 1000 refused",
			query:     `{ dealers(first: 1000) { totalCount } }`,
			wantLimit: LimitPageSize,
			wantMsg:   "first on dealers must be between 0 and 100, got 1000",
		},
		{name: "last 101 refused", query: `{ dealers(last: 101) { totalCount } }`, wantLimit: LimitPageSize},
		{name: "negative first refused", query: `{ dealers(first: -1) { totalCount } }`, wantLimit: LimitPageSize, wantMsg: "got -1"},
		{
			name:      "nested first names the path",
			query:     `{ dealers { edges { node { vehicles(first: 500) { totalCount } } } } }`,
			wantLimit: LimitPageSize,
			wantMsg:   "first on dealers.edges.node.vehicles must be between 0 and 100",
		},
		{name: "first 50 via variable accepted", query: connQuery, vars: map[string]any{"n": 50}},
		{name: "first 1000 via variable refused", query: connQuery, vars: map[string]any{"n": 1000}, wantLimit: LimitPageSize},
		{name: "last via variable, first unset", query: connQuery, vars: map[string]any{"m": 10}},
		{
			name:      "first and last both unset variables refused",
			query:     connQuery,
			wantLimit: LimitPageSize,
			wantMsg:   "first or last on dealers is null",
		},
		{
			name:  "20x20 nested connections accepted",
			query: `{ dealers { edges { node { vehicles { edges { node { id vin } } } } } } }`,
		},
		{
			name:      "100x100 nested connections refused",
			query:     `{ dealers(first: 100) { edges { node { vehicles(first: 100) { edges { node { id } } } } } } }`,
			wantLimit: LimitComplexity,
			wantMsg:   "query complexity 30301 exceeds the limit of 10000",
		},
		{
			name:      "lists of objects multiply",
			query:     `{ dealers(first: 50) { edges { node { vehicles(first: 10) { edges { node { dealer { tags { id name } } } } } } } } }`,
			wantLimit: LimitComplexity,
		},
		{name: "where 3 deep accepted", query: `{ dealers(first: 5, where: ` + whereLiteral(3) + `) { totalCount } }`},
		{name: "where 5 deep accepted", query: `{ dealers(first: 5, where: ` + whereLiteral(5) + `) { totalCount } }`},
		{
			name:      "where 6 deep refused",
			query:     `{ dealers(first: 5, where: ` + whereLiteral(6) + `) { totalCount } }`,
			wantLimit: LimitWhereDepth,
			wantMsg:   "where on dealers nests more than 5 levels",
		},
		{
			name:      "where nesting through hasVehiclesWith refused",
			query:     `{ dealers(where: {hasVehiclesWith: [{hasDealerWith: [{hasVehiclesWith: [{hasDealerWith: [{or: [{name: "x"}]}]}]}]}]}) { totalCount } }`,
			wantLimit: LimitWhereDepth,
		},
		{name: "where 3 deep via variable accepted", query: connQuery, vars: map[string]any{"n": 5, "w": whereValue(3)}},
		{name: "where 6 deep via variable refused", query: connQuery, vars: map[string]any{"n": 5, "w": whereValue(6)}, wantLimit: LimitWhereDepth},
		{name: "introspection query accepted", query: introspection.Query},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(t, DefaultConfig())
			resp := s.do(t, tt.query, tt.vars)
			execs := s.execs.Load()
			if tt.wantLimit == "" {
				if len(resp.Errors) != 0 || execs != 1 {
					t.Fatalf("got errors %+v, %d executions; want none and 1", resp.Errors, execs)
				}
				return
			}
			if len(resp.Errors) != 1 {
				t.Fatalf("got errors %+v, want one", resp.Errors)
			}
			e := resp.Errors[0]
			if got, want := e.Extensions["code"], CodeInvalidInput; got != want {
				t.Errorf("got code %v, want %v (%s)", got, want, e.Message)
			}
			if got, want := e.Extensions["limit"], tt.wantLimit; got != want {
				t.Errorf("got limit %v, want %v (%s)", got, want, e.Message)
			}
			if got, want := e.Message, tt.wantMsg; !strings.Contains(got, want) {
				t.Errorf("got message %q, want it to contain %q", got, want)
			}
			if got, want := execs, int64(0); got != want {
				t.Errorf("got %d executions, want %d", got, want)
			}
		})
	}
}

func aliasedTypename(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "t%d: __typename ", i)
	}
	return b.String()
}

// TestDefaultPageSizeReachesResolvers checks the executor sees first: 20,
// read from the AST as the generated code does, including for cached
// documents.
func TestDefaultPageSizeReachesResolvers(t *testing.T) {
	s := newServer(t, DefaultConfig())
	tests := []struct {
		name  string
		query string
		vars  map[string]any
		want  string
	}{
		{name: "neither given", query: `{ dealers { totalCount } }`, want: `{"first":20}`},
		{name: "neither given, cached", query: `{ dealers { totalCount } }`, want: `{"first":20}`},
		{name: "explicit first", query: `{ dealers(first: 7) { totalCount } }`, want: `{"first":7}`},
		{name: "last only", query: `{ dealers(last: 5) { totalCount } }`, want: `{"first":null}`},
		{name: "variable first", query: `query($n: Int) { dealers(first: $n) { totalCount } }`, vars: map[string]any{"n": 3}, want: `{"first":3}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := s.do(t, tt.query, tt.vars)
			if len(resp.Errors) != 0 {
				t.Fatalf("got errors %+v", resp.Errors)
			}
			if got, want := string(resp.Data), tt.want; got != want {
				t.Errorf("got data %s, want %s", got, want)
			}
		})
	}
}

// TestConcurrentCachedQuery runs one cached document through the executor from
// many goroutines; go test -race fails if anything writes to the shared AST.
func TestConcurrentCachedQuery(t *testing.T) {
	s := newServer(t, DefaultConfig())
	const query = `query($w: DealerWhereInput) { dealers(where: $w) { totalCount edges { node { id vehicles { totalCount } } } } }`
	const goroutines, requests = 32, 20
	var wg sync.WaitGroup
	errs := make(chan string, goroutines*requests)
	for g := range goroutines {
		wg.Go(func() {
			for i := range requests {
				depth := 1 + (g+i)%8 // some over the where limit
				resp := s.do(t, query, map[string]any{"w": whereValue(depth)})
				refused := len(resp.Errors) > 0
				if got, want := refused, depth > 5; got != want {
					errs <- fmt.Sprintf("where depth %d: got refused=%v, want %v (%+v)", depth, got, want, resp.Errors)
					continue
				}
				if !refused && string(resp.Data) != `{"first":20}` {
					errs <- fmt.Sprintf("got data %s, want first 20", resp.Data)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func argsString(f *ast.Field) string {
	var parts []string
	for _, a := range f.Arguments {
		parts = append(parts, a.Name+": "+a.Value.String())
	}
	return strings.Join(parts, ", ")
}

// fieldAt finds the field at a response path, looking through fragments.
func fieldAt(set ast.SelectionSet, path []string) *ast.Field {
	for _, sel := range set {
		var found *ast.Field
		switch sel := sel.(type) {
		case *ast.Field:
			key := sel.Alias
			if key == "" {
				key = sel.Name
			}
			if key != path[0] {
				continue
			}
			if len(path) == 1 {
				return sel
			}
			found = fieldAt(sel.SelectionSet, path[1:])
		case *ast.InlineFragment:
			found = fieldAt(sel.SelectionSet, path)
		case *ast.FragmentSpread:
			found = fieldAt(sel.Definition.SelectionSet, path)
		}
		if found != nil {
			return found
		}
	}
	return nil
}

func TestQueryCacheNormalises(t *testing.T) {
	schema := loadSchema(t)
	type check struct{ path, want string }
	tests := []struct {
		name   string
		query  string
		checks []check
	}{
		{name: "neither given", query: `{ dealers { totalCount } }`, checks: []check{{"dealers", "first: 20"}}},
		{name: "last alone untouched", query: `{ dealers(last: 5) { totalCount } }`, checks: []check{{"dealers", "last: 5"}}},
		{name: "explicit first untouched", query: `{ dealers(first: 3) { totalCount } }`, checks: []check{{"dealers", "first: 3"}}},
		{
			name:   "variable first untouched",
			query:  `query($n: Int) { dealers(first: $n) { totalCount } }`,
			checks: []check{{"dealers", "first: $n"}},
		},
		{
			name:   "appended after other arguments",
			query:  `{ dealers(where: {name: "x"}) { totalCount } }`,
			checks: []check{{"dealers", `where: {name:"x"}, first: 20`}},
		},
		{
			name:  "nested connections",
			query: `{ d: dealers { edges { node { vehicles(last: 2) { totalCount } v2: vehicles { totalCount } } } } }`,
			checks: []check{
				{"d", "first: 20"},
				{"d.edges.node.vehicles", "last: 2"},
				{"d.edges.node.v2", "first: 20"},
			},
		},
		{
			name:  "inside fragments",
			query: `{ ...Q node(id: "1") { ... on Dealer { vehicles { totalCount } } } } fragment Q on Query { dealers { totalCount } }`,
			checks: []check{
				{"dealers", "first: 20"},
				{"node.vehicles", "first: 20"},
				{"node", `id: "1"`},
			},
		},
		{name: "not a connection", query: `{ tags { id } }`, checks: []check{{"tags", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, gerrs := gqlparser.LoadQuery(schema, tt.query)
			if gerrs != nil {
				t.Fatalf("load query: %v", gerrs)
			}
			lim := New(DefaultConfig())
			if err := lim.Validate(&graphql.ExecutableSchemaMock{SchemaFunc: func() *ast.Schema { return schema }}); err != nil {
				t.Fatal(err)
			}
			inner := graphql.MapCache[*ast.QueryDocument]{}
			lim.QueryCache(inner).Add(context.Background(), tt.query, doc)

			if got, ok := inner[tt.query]; !ok || got != doc {
				t.Fatalf("inner cache got %p, %v; want %p", got, ok, doc)
			}
			for _, c := range tt.checks {
				f := fieldAt(doc.Operations[0].SelectionSet, strings.Split(c.path, "."))
				if f == nil {
					t.Fatalf("no field at %s", c.path)
				}
				if got, want := argsString(f), c.want; got != want {
					t.Errorf("%s: got args %q, want %q", c.path, got, want)
				}
				if a := f.Arguments.ForName("first"); a != nil && a.Value.Kind == ast.IntValue {
					if got, want := f.ArgumentMap(nil)["first"], any(int64(20)); c.want == "first: 20" && got != want {
						t.Errorf("%s: got ArgumentMap first %#v, want %#v", c.path, got, want)
					}
					if got, want := a.Value.Definition, schema.Types["Int"]; got != want {
						t.Errorf("%s: got Value.Definition %v, want the schema's Int", c.path, got)
					}
				}
			}
			// The normalised document is still valid.
			if errs := validator.Validate(schema, doc); errs != nil {
				t.Errorf("normalised document invalid: %v", errs)
			}
		})
	}
}

// TestMutateOperationContext drives the extension directly, with a cache that
// bypassed the wrapper: a connection without first/last counts as the default.
func TestMutateOperationContext(t *testing.T) {
	schema := loadSchema(t)
	tests := []struct {
		name      string
		cfg       func(*Config)
		query     string
		wantLimit string
	}{
		{name: "bare connection counts default page", query: `{ dealers { edges { node { vehicles { edges { node { id } } } } } } }`},
		{
			name:      "bare connection over a small limit",
			cfg:       func(c *Config) { c.MaxComplexity = 50 },
			query:     `{ dealers { edges { node { id } } } }`,
			wantLimit: LimitComplexity,
		},
		{name: "__typename does not add depth", cfg: func(c *Config) { c.MaxDepth = 1 }, query: `{ tags { __typename } }`},
		{name: "one over the depth limit", cfg: func(c *Config) { c.MaxDepth = 1 }, query: `{ tags { id } }`, wantLimit: LimitDepth},
		{name: "depth exactly at limit", cfg: func(c *Config) { c.MaxDepth = 2 }, query: `{ tags { id __typename } }`},
		{
			name:      "fragment bomb is counted, not walked exponentially",
			query:     fragmentBomb(40),
			wantLimit: LimitComplexity,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := DefaultConfig()
			if tt.cfg != nil {
				tt.cfg(&cfg)
			}
			doc, gerrs := gqlparser.LoadQuery(schema, tt.query)
			if gerrs != nil {
				t.Fatalf("load query: %v", gerrs)
			}
			vars, err := validator.VariableValues(schema, doc.Operations[0], nil)
			if err != nil {
				t.Fatal(err)
			}
			rc := &graphql.OperationContext{RawQuery: tt.query, Doc: doc, Operation: doc.Operations[0], Variables: vars}
			gerr := New(cfg).MutateOperationContext(context.Background(), rc)
			var got string
			if gerr != nil {
				got, _ = gerr.Extensions["limit"].(string)
			}
			if want := tt.wantLimit; got != want {
				t.Errorf("got limit %q (%v), want %q", got, gerr, want)
			}
		})
	}
}

// fragmentBomb spreads each of n fragments twice into the next: 2^n tags
// fields if expanded.
func fragmentBomb(n int) string {
	var b strings.Builder
	b.WriteString("{ ...F0 }\n")
	for i := range n {
		fmt.Fprintf(&b, "fragment F%d on Query { ...F%d ...F%d }\n", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "fragment F%d on Query { tags { id } }\n", n)
	return b.String()
}

func TestValidateConfig(t *testing.T) {
	es := &graphql.ExecutableSchemaMock{SchemaFunc: func() *ast.Schema { return loadSchema(t) }}
	tests := []struct {
		name    string
		cfg     func(*Config)
		wantErr bool
	}{
		{name: "defaults", cfg: func(*Config) {}},
		{name: "zero depth", cfg: func(c *Config) { c.MaxDepth = 0 }, wantErr: true},
		{name: "default page over max", cfg: func(c *Config) { c.DefaultPageSize = c.MaxPageSize + 1 }, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := DefaultConfig()
			tt.cfg(&cfg)
			err := New(cfg).Validate(es)
			if got, want := err != nil, tt.wantErr; got != want {
				t.Errorf("got error %v, want error: %v", err, want)
			}
		})
	}
}

func TestDefaultConfig(t *testing.T) {
	got, want := DefaultConfig(), Config{
		MaxDepth: 12, MaxComplexity: 10000, MaxAliases: 30,
		DefaultPageSize: 20, MaxPageSize: 100, MaxWhereDepth: 5,
		MaxTokens: 15_000, MaxFields: 1_000, MaxDirectives: 100, MaxErrors: 100,
	}
	if got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestRawDocumentLimits(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MaxTokens, cfg.MaxFields, cfg.MaxDirectives, cfg.MaxErrors = 300, 20, 3, 5
	s := newServer(t, cfg)
	nodes := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, ` node(id: "%d") { id }`, i)
		}
		return "{" + b.String() + " }"
	}
	tests := []struct {
		name       string
		query      string
		wantLimit  string // of the last error; "" when the query must run
		wantErrors int
	}{
		{"within every limit", `{ __typename @include(if: true) ...F } fragment F on Query { __typename }`, "", 0},
		{"tokens", "{" + strings.Repeat(" __typename", 301) + " }", LimitTokens, 1},
		{"fields", "{" + strings.Repeat(" __typename", 21) + " }", LimitFields, 1},
		{"fields in fragments", `{ ...F } fragment F on Query {` + strings.Repeat(" __typename", 21) + " }", LimitFields, 1},
		{"directives", `{ __typename @a @a @a @a }`, LimitDirectives, 1},
		// Ten fields, forty-five conflicting pairs.
		{"errors", nodes(10), LimitErrors, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := s.execs.Load()
			resp := s.do(t, tt.query, nil)
			if len(resp.Errors) != tt.wantErrors {
				t.Fatalf("got %d errors, want %d: %v", len(resp.Errors), tt.wantErrors, resp.Errors)
			}
			if tt.wantLimit == "" {
				if s.execs.Load() != before+1 {
					t.Error("the query did not run")
				}
				return
			}
			last := resp.Errors[len(resp.Errors)-1]
			if got := last.Extensions["limit"]; got != tt.wantLimit {
				t.Errorf("got limit %v (%s), want %q", got, last.Message, tt.wantLimit)
			}
			if s.execs.Load() != before {
				t.Error("a refused query ran")
			}
		})
	}
}

func TestTypenameCosts(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MaxComplexity = 10
	s := newServer(t, cfg)
	resp := s.do(t, "{"+strings.Repeat(" __typename", 11)+" }", nil)
	if len(resp.Errors) != 1 || resp.Errors[0].Extensions["limit"] != LimitComplexity {
		t.Errorf("got %v, want the complexity limit", resp.Errors)
	}
}
