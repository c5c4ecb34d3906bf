package limits

import (
	"context"
	"fmt"
	"reflect"
	"strconv"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Limit values of the argument checks.
const (
	LimitListItems  = "list_items"
	LimitPagination = "pagination"
)

// MaxListItems is how many list items one field's arguments may hold
// (nodes(ids:), idIn, an order's lines): enough for any screen or import
// batch, and far below the bound parameters a database accepts in one
// statement (32,766 in SQLite, 65,535 in PostgreSQL).
const MaxListItems = 1000

// Arguments refuses, before execution, field arguments the resolvers cannot
// answer correctly: too many list items, and connection arguments outside
// Relay's two ways of paging.
//
// entgql's Paginate pages forward with first/after and backward with
// last/before. Given any other mix it compares both cursors the same way
// round, so first+before and last+after answer rows from the wrong side of
// the cursor, and after == before answers rows. Those mixes are refused with
// the argument at fault, as is a cursor that is not one of ours (which
// entgql reports as an internal error).
type Arguments struct{}

var (
	_ graphql.HandlerExtension        = Arguments{}
	_ graphql.OperationContextMutator = Arguments{}
)

// ExtensionName implements graphql.HandlerExtension.
func (Arguments) ExtensionName() string { return "Arguments" }

// Validate implements graphql.HandlerExtension.
func (Arguments) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext implements graphql.OperationContextMutator. Like
// Limits, it only reads the shared document.
func (Arguments) MutateOperationContext(_ context.Context, rc *graphql.OperationContext) *gqlerror.Error {
	if rc == nil || rc.Operation == nil {
		return nil
	}
	a := argWalker{vars: rc.Variables, seen: map[string]bool{}}
	return a.selectionSet(rc.Operation.SelectionSet)
}

type argWalker struct {
	vars map[string]any
	seen map[string]bool // fragments checked
}

func (a *argWalker) selectionSet(set ast.SelectionSet) *gqlerror.Error {
	for _, sel := range set {
		var err *gqlerror.Error
		switch sel := sel.(type) {
		case *ast.Field:
			if err = a.field(sel); err == nil {
				err = a.selectionSet(sel.SelectionSet)
			}
		case *ast.InlineFragment:
			err = a.selectionSet(sel.SelectionSet)
		case *ast.FragmentSpread:
			if sel.Definition != nil && !a.seen[sel.Name] {
				a.seen[sel.Name] = true
				err = a.selectionSet(sel.Definition.SelectionSet)
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (a *argWalker) field(f *ast.Field) *gqlerror.Error {
	if f.Definition == nil || len(f.Arguments) == 0 {
		return nil
	}
	args := f.ArgumentMap(a.vars)
	items := 0
	for _, arg := range f.Arguments {
		if field := overLong(reflect.ValueOf(args[arg.Name]), arg.Name, &items); field != "" {
			return argError(LimitListItems, f.Position, field,
				"%s holds more than %d list items in its arguments; send fewer ids or split the request",
				f.Name, MaxListItems)
		}
	}
	if isConnection(f.Definition) {
		return pagination(f, args)
	}
	return nil
}

// overLong adds the list items in v to *items and returns the path of the
// list at which they pass MaxListItems, or "".
func overLong(v reflect.Value, path string, items *int) string {
	for v.IsValid() && (v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer) {
		v = v.Elem()
	}
	if !v.IsValid() {
		return ""
	}
	switch v.Kind() {
	case reflect.Slice, reflect.Array:
		if *items += v.Len(); *items > MaxListItems {
			return path
		}
		for i := 0; i < v.Len(); i++ {
			if p := overLong(v.Index(i), path+"["+strconv.Itoa(i)+"]", items); p != "" {
				return p
			}
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			if p := overLong(it.Value(), path+"."+fmt.Sprint(it.Key()), items); p != "" {
				return p
			}
		}
	}
	return ""
}

// pagination checks a connection's first, last, after and before.
func pagination(f *ast.Field, args map[string]any) *gqlerror.Error {
	given := func(name string) bool { return args[name] != nil }
	for _, name := range []string{"after", "before"} {
		if !given(name) {
			continue
		}
		var c entgql.Cursor[int] // every id in this API is an int
		if err := c.UnmarshalGQL(args[name]); err != nil {
			return argError(LimitPagination, f.Position, name,
				"%s on %s is not a cursor this API gave out; pass an edge's cursor or pageInfo's startCursor/endCursor", name, f.Name)
		}
	}
	switch {
	case given("first") && given("last"):
		return argError(LimitPagination, f.Position, "last",
			"%s takes first or last, not both: first pages forward (with after), last pages backward (with before)", f.Name)
	case given("first") && given("before"):
		return argError(LimitPagination, f.Position, "before",
			"%s pages forward with first and after; to page backward from before, pass last instead of first", f.Name)
	case given("last") && given("after"):
		return argError(LimitPagination, f.Position, "after",
			"%s pages backward with last and before; to page forward from after, pass first instead of last", f.Name)
	}
	return nil
}

func argError(limit string, pos *ast.Position, field, format string, args ...any) *gqlerror.Error {
	err := limitError(limit, pos, format, args...)
	err.Extensions["field"] = field
	return err
}

// defaultPageArg is the page-size argument QueryCache adds to a connection
// field given neither first nor last: last when it pages backward from
// before alone, else first.
func defaultPageArg(f *ast.Field) string {
	if f.Arguments.ForName("before") != nil && f.Arguments.ForName("after") == nil {
		return "last"
	}
	return "first"
}
