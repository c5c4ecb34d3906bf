// Package limits refuses GraphQL operations that are too deep, too costly,
// use too many aliases, ask for oversized pages or nest filters too deeply.
//
// It runs twice on every transport (POST, GET, websockets): as a gqlgen
// OperationParameterMutator it counts the tokens, fields and directives of the
// raw document before gqlparser validates it (validation compares fields
// pairwise, so its work grows with the square of the document), and as an
// OperationContextMutator it checks the validated operation before execution. It knows nothing about our generated schema; it relies only on
// the entgql conventions: connection types end in "Connection" and take
// first/last, filters are a "where" argument.
//
// Wiring:
//
//	lim := limits.New(limits.DefaultConfig())
//	srv.Use(lim)
//	srv.SetQueryCache(lim.QueryCache(lru.New[*ast.QueryDocument](1000)))
//	srv.SetParserTokenLimit(cfg.MaxTokens)
//	srv.SetValidationRulesFn(lim.ValidationRules)
package limits

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator/core"
	"github.com/vektah/gqlparser/v2/validator/rules"
)

// Error codes and the values of Extensions["limit"].
const (
	CodeInvalidInput = "INVALID_INPUT"

	LimitDepth      = "depth"
	LimitComplexity = "complexity"
	LimitAliases    = "aliases"
	LimitPageSize   = "page_size"
	LimitWhereDepth = "where_depth"
	LimitTokens     = "tokens"
	LimitFields     = "fields"
	LimitDirectives = "directives"
	LimitErrors     = "errors"
)

// listMultiplier is the assumed length of a plain (non-connection) list of
// objects, which has no page size to go by.
const listMultiplier = 10

// Config holds the limits. All values must be positive, and DefaultPageSize
// must not exceed MaxPageSize.
type Config struct {
	MaxDepth        int // deepest chain of fields; a root field is depth 1
	MaxComplexity   int // see Limits for the cost model
	MaxAliases      int // aliased fields in the whole operation
	DefaultPageSize int // first used for connections given neither first nor last
	MaxPageSize     int // largest first/last accepted
	MaxWhereDepth   int // nesting of input objects in a where argument
	// Counted in the raw document, before validation.
	MaxTokens     int // lexical tokens
	MaxFields     int // field selections, fragments not expanded
	MaxDirectives int // directives anywhere
	MaxErrors     int // errors in one response; then one LimitErrors error
}

// DefaultConfig returns the limits we run with in production.
func DefaultConfig() Config {
	return Config{
		MaxDepth:        12,
		MaxComplexity:   10000,
		MaxAliases:      30,
		DefaultPageSize: 20,
		MaxPageSize:     100,
		MaxWhereDepth:   5,
		MaxTokens:       15_000,
		MaxFields:       1_000,
		MaxDirectives:   100,
		MaxErrors:       100,
	}
}

// Limits enforces a Config. Register it with srv.Use and wrap the server's
// query cache with QueryCache.
//
// Complexity: cost(field) = 1 + multiplier × Σ cost(children), where the
// multiplier is the first/last value of a connection field (DefaultPageSize
// when neither is given), 10 for a list of objects, and 1 otherwise. The
// edges of a connection count once: their length is the connection's page
// size, already in the multiplier. Every field written counts, a repeated
// one each time: gqlgen answers it once, but validation compares each pair.
//
// Introspection fields (__schema, __type, __typename) cost 1, add no depth
// and are not descended into:
// gqlparser limits introspection depth itself, and GraphiQL's introspection
// query is deeper than MaxDepth. Their aliases still count, because aliasing
// __schema repeats the whole schema in the response.
type Limits struct {
	cfg Config
	// schema is set by Validate (srv.Use) and read by the cache wrapper to
	// give added arguments the same Value.Definition gqlparser would.
	schema atomic.Pointer[ast.Schema]
	// validated holds the documents already parsed, validated and counted.
	validated graphql.Cache[*ast.QueryDocument]
}

var (
	_ graphql.HandlerExtension          = (*Limits)(nil)
	_ graphql.OperationContextMutator   = (*Limits)(nil)
	_ graphql.OperationParameterMutator = (*Limits)(nil)
)

// New returns Limits enforcing cfg. cfg is checked when the server calls
// Validate (on srv.Use), which panics on an invalid Config.
func New(cfg Config) *Limits {
	return &Limits{cfg: cfg}
}

// ExtensionName implements graphql.HandlerExtension.
func (l *Limits) ExtensionName() string { return "Limits" }

// Validate implements graphql.HandlerExtension.
func (l *Limits) Validate(schema graphql.ExecutableSchema) error {
	c := l.cfg
	for _, v := range []struct {
		name string
		val  int
	}{
		{"MaxDepth", c.MaxDepth},
		{"MaxComplexity", c.MaxComplexity},
		{"MaxAliases", c.MaxAliases},
		{"DefaultPageSize", c.DefaultPageSize},
		{"MaxPageSize", c.MaxPageSize},
		{"MaxWhereDepth", c.MaxWhereDepth},
		{"MaxTokens", c.MaxTokens},
		{"MaxFields", c.MaxFields},
		{"MaxDirectives", c.MaxDirectives},
		{"MaxErrors", c.MaxErrors},
	} {
		if v.val <= 0 {
			return fmt.Errorf("limits: %s must be positive, got %d", v.name, v.val)
		}
	}
	if c.DefaultPageSize > c.MaxPageSize {
		return fmt.Errorf("limits: DefaultPageSize %d exceeds MaxPageSize %d", c.DefaultPageSize, c.MaxPageSize)
	}
	if schema == nil {
		return errors.New("limits: nil schema")
	}
	l.schema.Store(schema.Schema())
	return nil
}

// MutateOperationParameters implements graphql.OperationParameterMutator:
// it refuses a document with too many tokens, fields or directives before
// gqlparser validates it. Parsing is linear in the document; the counts
// bound the pairwise work of validation. A document in the query cache has
// passed already.
func (l *Limits) MutateOperationParameters(ctx context.Context, params *graphql.RawParams) *gqlerror.Error {
	if params.Query == "" {
		return nil // a persisted query's hash: its text passed when it was stored
	}
	if l.validated != nil {
		if _, ok := l.validated.Get(ctx, params.Query); ok {
			return nil
		}
	}
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: params.Query}, l.cfg.MaxTokens)
	if err != nil {
		var gqlErr *gqlerror.Error
		if !errors.As(err, &gqlErr) {
			gqlErr = gqlerror.Wrap(err)
		}
		if strings.HasPrefix(gqlErr.Message, "exceeded token limit") {
			return limitError(LimitTokens, nil,
				"the document has more than %d tokens; split the query", l.cfg.MaxTokens)
		}
		errcode.Set(gqlErr, errcode.ParseFailed)
		return gqlErr
	}
	c := count(doc)
	if c.fields > l.cfg.MaxFields {
		return limitError(LimitFields, nil,
			"the document selects %d fields, more than the limit of %d; split the query", c.fields, l.cfg.MaxFields)
	}
	if c.directives > l.cfg.MaxDirectives {
		return limitError(LimitDirectives, nil,
			"the document uses %d directives, more than the limit of %d", c.directives, l.cfg.MaxDirectives)
	}
	return nil
}

// counts are the sizes of a raw document, each fragment counted once.
type counts struct{ fields, directives int }

func count(doc *ast.QueryDocument) counts {
	var c counts
	var walk func(ast.SelectionSet)
	walk = func(set ast.SelectionSet) {
		for _, sel := range set {
			switch sel := sel.(type) {
			case *ast.Field:
				c.fields++
				c.directives += len(sel.Directives)
				walk(sel.SelectionSet)
			case *ast.InlineFragment:
				c.directives += len(sel.Directives)
				walk(sel.SelectionSet)
			case *ast.FragmentSpread:
				c.directives += len(sel.Directives)
			}
		}
	}
	for _, op := range doc.Operations {
		c.directives += len(op.Directives)
		for _, v := range op.VariableDefinitions {
			c.directives += len(v.Directives)
		}
		walk(op.SelectionSet)
	}
	for _, frag := range doc.Fragments {
		c.directives += len(frag.Directives)
		walk(frag.SelectionSet)
	}
	return c
}

// ValidationRules are gqlparser's rules reporting at most MaxErrors errors,
// then one LimitErrors error: the errors of a hostile document can grow with
// the square of its fields. Pass it to srv.SetValidationRulesFn; it is
// called once per document validated.
func (l *Limits) ValidationRules() *rules.Rules {
	all := rules.NewDefaultRules()
	reported := 0
	for name, rule := range all.GetInner() {
		all.ReplaceRule(name, func(observers *core.Events, addError core.AddErrFunc) {
			rule(observers, func(options ...core.ErrorOption) {
				reported++
				switch {
				case reported <= l.cfg.MaxErrors:
					addError(options...)
				case reported == l.cfg.MaxErrors+1:
					tooMany := TooManyErrors(l.cfg.MaxErrors)
					addError(func(err *gqlerror.Error) {
						err.Message, err.Extensions = tooMany.Message, tooMany.Extensions
					})
				}
			})
		})
	}
	return all
}

// TooManyErrors is the error that stands for the errors after the first max.
func TooManyErrors(max int) *gqlerror.Error {
	return limitError(LimitErrors, nil, "too many errors: only the first %d are shown", max)
}

// MutateOperationContext implements graphql.OperationContextMutator. It
// only reads the operation: the document may be shared with concurrent
// requests through the query cache.
func (l *Limits) MutateOperationContext(_ context.Context, rc *graphql.OperationContext) *gqlerror.Error {
	if rc == nil || rc.Operation == nil {
		return nil
	}
	w := walker{cfg: l.cfg, vars: rc.Variables, frags: map[string]stats{}}
	s, err := w.selectionSet(rc.Operation.SelectionSet, "")
	if err != nil {
		return err
	}
	if s.depth > l.cfg.MaxDepth {
		return limitError(LimitDepth, nil,
			"query depth %d exceeds the limit of %d; request fewer nested fields or split the query",
			s.depth, l.cfg.MaxDepth)
	}
	if s.aliases > l.cfg.MaxAliases {
		return limitError(LimitAliases, nil,
			"query uses %d aliases, more than the limit of %d; split the query",
			s.aliases, l.cfg.MaxAliases)
	}
	if s.cost > l.cfg.MaxComplexity {
		return limitError(LimitComplexity, nil,
			"query complexity %d exceeds the limit of %d; request smaller pages (first/last) or fewer nested lists",
			s.cost, l.cfg.MaxComplexity)
	}
	return nil
}

// stats summarise a selection set. Fragments are memoised by name, so a
// document that spreads fragments exponentially is still walked in linear time;
// the sums saturate instead of overflowing.
type stats struct {
	depth   int // deepest field chain
	cost    int // Σ cost of the fields
	aliases int
}

type walker struct {
	cfg   Config
	vars  map[string]any
	frags map[string]stats
}

func (w *walker) selectionSet(set ast.SelectionSet, path string) (stats, *gqlerror.Error) {
	var total stats
	add := func(s stats) {
		total.depth = max(total.depth, s.depth)
		total.cost = satAdd(total.cost, s.cost)
		total.aliases = satAdd(total.aliases, s.aliases)
	}
	for _, sel := range set {
		switch sel := sel.(type) {
		case *ast.Field:
			s, err := w.field(sel, path)
			if err != nil {
				return stats{}, err
			}
			add(s)
		case *ast.InlineFragment:
			s, err := w.selectionSet(sel.SelectionSet, path)
			if err != nil {
				return stats{}, err
			}
			add(s)
		case *ast.FragmentSpread:
			if sel.Definition == nil {
				continue
			}
			s, ok := w.frags[sel.Name]
			if !ok {
				var err *gqlerror.Error
				// Validation rejects fragment cycles, so this terminates.
				s, err = w.selectionSet(sel.Definition.SelectionSet, path)
				if err != nil {
					return stats{}, err
				}
				w.frags[sel.Name] = s
			}
			add(s)
		}
	}
	return total, nil
}

func (w *walker) field(f *ast.Field, parent string) (stats, *gqlerror.Error) {
	var s stats
	if f.Alias != "" && f.Alias != f.Name {
		s.aliases = 1
	}
	if strings.HasPrefix(f.Name, "__") || f.Definition == nil {
		s.cost = 1 // __typename ×10,000 once took seconds to validate
		return s, nil
	}
	key := f.Alias
	if key == "" {
		key = f.Name
	}
	path := key
	if parent != "" {
		path = parent + "." + key
	}

	mult := 1
	def := f.Definition
	var args map[string]any
	if def.Arguments.ForName("first") != nil || def.Arguments.ForName("last") != nil ||
		def.Arguments.ForName("where") != nil {
		args = f.ArgumentMap(w.vars)
	}

	// Page size.
	pageSize, given := -1, false
	for _, name := range []string{"first", "last"} {
		if def.Arguments.ForName(name) == nil {
			continue
		}
		if f.Arguments.ForName(name) != nil {
			given = true
		}
		raw, ok := args[name]
		if !ok || raw == nil {
			continue
		}
		n, ok := toInt(raw)
		if !ok || n < 0 || n > int64(w.cfg.MaxPageSize) {
			err := limitError(LimitPageSize, f.Position,
				"%s on %s must be between 0 and %d, got %v", name, path, w.cfg.MaxPageSize, raw)
			err.Extensions["field"] = name
			return s, err
		}
		pageSize = max(pageSize, int(n))
	}

	switch {
	case isConnection(def):
		switch {
		case pageSize >= 0:
			mult = pageSize
		case given:
			// first/last written but null (e.g. an unset variable): entgql
			// would return every row, and the AST default can't apply.
			return s, limitError(LimitPageSize, f.Position,
				"first or last on %s is null; pass a value between 0 and %d, or omit both for the default of %d",
				path, w.cfg.MaxPageSize, w.cfg.DefaultPageSize)
		default:
			// Neither argument: QueryCache adds first: DefaultPageSize to
			// every document it caches, so this only happens with a cache
			// that bypassed the wrapper. Count the default; don't refuse.
			mult = w.cfg.DefaultPageSize
		}
	// A list of objects, except a connection's edges: the connection's page
	// size already counts those.
	case def.Type.Elem != nil && len(f.SelectionSet) > 0 &&
		(f.ObjectDefinition == nil || !strings.HasSuffix(f.ObjectDefinition.Name, "Connection")):
		mult = listMultiplier
	}

	// Filter nesting.
	if where, ok := args["where"]; ok {
		if d := valueDepth(reflect.ValueOf(where), w.cfg.MaxWhereDepth+1); d > w.cfg.MaxWhereDepth {
			return s, limitError(LimitWhereDepth, f.Position,
				"where on %s nests more than %d levels of filters; flatten the and/or/not/has…With nesting",
				path, w.cfg.MaxWhereDepth)
		}
	}

	child, err := w.selectionSet(f.SelectionSet, path)
	if err != nil {
		return s, err
	}
	s.depth = 1 + child.depth
	s.cost = satAdd(1, satMul(mult, child.cost))
	s.aliases = satAdd(s.aliases, child.aliases)
	return s, nil
}

// isConnection reports whether def returns a Relay connection (entgql naming).
func isConnection(def *ast.FieldDefinition) bool {
	return def.Type != nil && def.Type.Elem == nil && strings.HasSuffix(def.Type.NamedType, "Connection")
}

// valueDepth returns how deeply input objects nest in v (lists don't count),
// stopping once it reaches limit so hostile input can't make it recurse long.
func valueDepth(v reflect.Value, limit int) int {
	for v.IsValid() && (v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer) {
		v = v.Elem()
	}
	if !v.IsValid() || limit <= 0 {
		return 0
	}
	switch v.Kind() {
	case reflect.Map:
		deepest := 0
		for it := v.MapRange(); it.Next() && deepest < limit-1; {
			deepest = max(deepest, valueDepth(it.Value(), limit-1))
		}
		return 1 + deepest
	case reflect.Slice, reflect.Array:
		deepest := 0
		for i := 0; i < v.Len() && deepest < limit; i++ {
			deepest = max(deepest, valueDepth(v.Index(i), limit))
		}
		return deepest
	}
	return 0
}

// toInt reads an Int argument: int64 from literals and JSON variables, any
// integer type from Go callers.
func toInt(v any) (int64, bool) {
	if n, ok := v.(json.Number); ok {
		i, err := n.Int64()
		return i, err == nil
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int(), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if rv.Uint() > math.MaxInt64 {
			return math.MaxInt64, true
		}
		return int64(rv.Uint()), true
	case reflect.Float32, reflect.Float64:
		f := rv.Float()
		if f != math.Trunc(f) || math.IsNaN(f) {
			return 0, false
		}
		// Clamp first: converting an out-of-range float is undefined.
		return int64(max(min(f, 1<<53), -1<<53)), true
	}
	return 0, false
}

func satAdd(a, b int) int {
	if a > math.MaxInt-b {
		return math.MaxInt
	}
	return a + b
}

func satMul(a, b int) int {
	if a != 0 && b > math.MaxInt/a {
		return math.MaxInt
	}
	return a * b
}

func limitError(limit string, pos *ast.Position, format string, args ...any) *gqlerror.Error {
	var err *gqlerror.Error
	if pos != nil {
		err = gqlerror.ErrorPosf(pos, format, args...)
	} else {
		err = gqlerror.Errorf(format, args...)
	}
	err.Extensions = map[string]any{"code": CodeInvalidInput, "limit": limit}
	return err
}

// QueryCache wraps the server's query cache so every document it stores asks
// for a bounded page: each connection field given neither first nor last
// gets first: DefaultPageSize (last, paging backward from before alone).
//
// Why here: entgql's paginate returns every row when neither is given, and
// the generated eager-loading code reads arguments from the AST
// (field.ArgumentMap), so the default has to be in the AST. gqlgen shares one
// cached *ast.QueryDocument between concurrent requests, so changing it in
// MutateOperationContext would be a data race. The executor calls Add for
// every document it has just parsed and validated, before that document is
// used or handed to anyone else, so Add is the one point where changing it is
// safe. Use it even with graphql.NoCache, which never stores but still gets Add.
func (l *Limits) QueryCache(inner graphql.Cache[*ast.QueryDocument]) graphql.Cache[*ast.QueryDocument] {
	l.validated = inner
	return &queryCache{inner: inner, l: l}
}

type queryCache struct {
	inner graphql.Cache[*ast.QueryDocument]
	l     *Limits
}

func (c *queryCache) Get(ctx context.Context, key string) (*ast.QueryDocument, bool) {
	return c.inner.Get(ctx, key)
}

func (c *queryCache) Add(ctx context.Context, key string, doc *ast.QueryDocument) {
	if doc != nil {
		c.l.normalise(doc)
	}
	c.inner.Add(ctx, key, doc)
}

// normalise adds first (or last): DefaultPageSize to connection fields given
// neither. Fragment definitions are normalised in place, not through
// their spreads, so each is done once.
func (l *Limits) normalise(doc *ast.QueryDocument) {
	var intDef *ast.Definition
	if s := l.schema.Load(); s != nil {
		intDef = s.Types["Int"]
	}
	raw := strconv.Itoa(l.cfg.DefaultPageSize)

	var walk func(ast.SelectionSet)
	walk = func(set ast.SelectionSet) {
		for _, sel := range set {
			switch sel := sel.(type) {
			case *ast.Field:
				if def := sel.Definition; def != nil && isConnection(def) &&
					sel.Arguments.ForName("first") == nil && sel.Arguments.ForName("last") == nil {
					name := defaultPageArg(sel)
					if argDef := def.Arguments.ForName(name); argDef != nil {
						sel.Arguments = append(sel.Arguments, &ast.Argument{
							Name:     name,
							Position: sel.Position,
							Value: &ast.Value{
								Kind:         ast.IntValue,
								Raw:          raw,
								Position:     sel.Position,
								Definition:   intDef,
								ExpectedType: argDef.Type,
								ExpectedTypeHasDefault: argDef.DefaultValue != nil &&
									argDef.DefaultValue.Kind != ast.NullValue,
							},
						})
					}
				}
				walk(sel.SelectionSet)
			case *ast.InlineFragment:
				walk(sel.SelectionSet)
			}
		}
	}
	for _, op := range doc.Operations {
		walk(op.SelectionSet)
	}
	for _, frag := range doc.Fragments {
		walk(frag.SelectionSet)
	}
}
