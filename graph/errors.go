package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"runtime/debug"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/graph/limits"
)

// ErrorPresenter maps every error to extensions.code, once, at the edge
// (DESIGN.md §7). Errors it does not recognise are INTERNAL: they are
// logged in full and the client gets a plain message, never SQL or a stack.
// In production, validation messages lose gqlparser's "Did you mean …"
// suggestions, which would spell out the schema to a caller that may not
// introspect it.
func ErrorPresenter(log *slog.Logger, production bool) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		rows, reason := rowsOf(err), reasonOf(err) // before gqlErr (which may be err) drops its cause
		code, message, field := classify(err, gqlErr)
		if code == apperr.InvalidInput && field == "" {
			field, message = inputField(ctx, gqlErr, message)
		}
		if code == apperr.Internal {
			if errors.Is(err, context.Canceled) && ctx.Err() != nil {
				// The client went away (closed the page, dropped the
				// connection): nobody reads this answer, nothing failed.
				log.DebugContext(ctx, "request cancelled by the client", "path", gqlErr.Path.String())
			} else {
				log.ErrorContext(ctx, "internal error", "path", gqlErr.Path.String(), "err", err)
			}
			message = "internal error: the server could not complete this request"
		}
		if production {
			message, _, _ = strings.Cut(message, " Did you mean ")
		}
		gqlErr.Message = message
		gqlErr.Err = nil
		if gqlErr.Extensions == nil {
			gqlErr.Extensions = map[string]any{}
		}
		gqlErr.Extensions["code"] = string(code)
		if field != "" {
			gqlErr.Extensions["field"] = field
		}
		if rows != nil {
			gqlErr.Extensions["rows"] = rows
		}
		if reason != "" {
			gqlErr.Extensions["reason"] = reason
		}
		return gqlErr
	}
}

// rowsOf is extensions.rows: the bad rows of a file refused whole, if err
// lists them.
func rowsOf(err error) []map[string]any {
	e, ok := apperr.As(err)
	if !ok || len(e.Rows) == 0 {
		return nil
	}
	rows := make([]map[string]any, len(e.Rows))
	for i, r := range e.Rows {
		rows[i] = map[string]any{"line": r.Line, "field": r.Field, "message": r.Message}
	}
	return rows
}

// reasonOf is extensions.reason, if err gives one.
func reasonOf(err error) string {
	if e, ok := apperr.As(err); ok {
		return e.Reason
	}
	return ""
}

func classify(err error, gqlErr *gqlerror.Error) (code apperr.Code, message, field string) {
	if e, ok := apperr.As(err); ok {
		return e.Code, e.Message, e.Field
	}
	switch {
	case ent.IsNotFound(err):
		return apperr.NotFound, "not found", ""
	case ent.IsValidationError(err):
		var ve *ent.ValidationError
		errors.As(err, &ve)
		name := lowerCamel(ve.Name)
		return apperr.InvalidInput, fmt.Sprintf("%s: %v", name, errors.Unwrap(ve)), name
	case ent.IsConstraintError(err):
		return apperr.Conflict, "conflicts with existing data: a value that must be unique is taken, or a referenced record does not exist", ""
	case errors.Is(err, privacy.Deny):
		return apperr.Forbidden, "you are not allowed to do this", ""
	case strings.HasSuffix(gqlErr.Message, "introspection disabled"): // gqlgen's, when turned off
		return apperr.Forbidden, "introspection is off in production: the schema is published with the API's documentation", ""
	case emptyFilter(err):
		return apperr.InvalidInput, "a filter in a where argument is empty: give it at least one condition (hasX: true matches any X)", "where"
	}
	// Errors raised before execution (parse, validation, variable
	// coercion, limits, sign-in) are about the request itself; entgql
	// answers NOT_FOUND for each missing id of nodes(ids:).
	switch c, _ := gqlErr.Extensions["code"].(string); c {
	case errcode.ParseFailed, errcode.ValidationFailed:
		return apperr.InvalidInput, gqlErr.Message, ""
	case string(apperr.InvalidInput), string(apperr.Unauthenticated), string(apperr.NotFound),
		// Automatic persisted queries: a hash not known here; the client
		// sends the query with it next.
		"PERSISTED_QUERY_NOT_FOUND":
		return apperr.Code(c), gqlErr.Message, ""
	}
	return apperr.Internal, "", ""
}

// variableType matches gqlparser's refusal of a variable's value
// ("cannot use string as Int").
var variableType = regexp.MustCompile(`^cannot use .* as (\w+)$`)

// inputField names the input at fault in a refusal of a value that
// arrived without one: a scalar refused while reading a field's arguments
// (the error's path is the field's, then the argument's), or a variable
// refused by gqlparser (its path is "variable", then the variable's). The
// name is written like "lines[2].quantity" (an input's fields without the
// "input."), "where.idIn".
func inputField(ctx context.Context, gqlErr *gqlerror.Error, message string) (field, msg string) {
	path := gqlErr.Path
	variable := len(path) > 0 && path[0] == ast.PathName("variable")
	switch fc := graphql.GetFieldContext(ctx); {
	case variable:
		path = path[1:]
	case fc != nil && len(path) > len(fc.Path()):
		path = path[len(fc.Path()):]
	default:
		return "", message
	}
	var b strings.Builder
	for _, el := range path {
		switch el := el.(type) {
		case ast.PathName:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(string(el))
		case ast.PathIndex:
			fmt.Fprintf(&b, "[%d]", int(el))
		}
	}
	at := b.String()
	if variable {
		// gqlparser's messages leave the variable to the path: "must be
		// defined", "cannot use string as Int".
		if m := variableType.FindStringSubmatch(message); m != nil {
			message = fmt.Sprintf("%s is not a valid %s", at, m[1])
		} else {
			message = fmt.Sprintf("variable %s: %s", at, message)
		}
	}
	// The fields of a mutation's input are named as the services name them:
	// "lines[2].quantity", "allocations[0].amount".
	return strings.TrimPrefix(at, "input."), message
}

// emptyFilter reports entgql's refusal of an empty nested where-input
// (hasChannelWith: [{}]); it has one sentinel per type, all worded alike.
func emptyFilter(err error) bool {
	for ; err != nil; err = errors.Unwrap(err) {
		if strings.HasPrefix(err.Error(), "ent: empty predicate ") {
			return true
		}
	}
	return false
}

// lowerCamel turns ent's column name ("credit_limit") into the GraphQL
// field name ("creditLimit") the client sent.
func lowerCamel(s string) string {
	parts := strings.Split(s, "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}

// Recover turns a panic in a resolver into INTERNAL, logging the stack.
func Recover(log *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		log.ErrorContext(ctx, "panic in resolver", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		return apperr.Errorf(apperr.Internal, "internal error")
	}
}

// ErrorCodes is the safety net behind ErrorPresenter: a few errors are
// built outside it (gqlgen's transport errors, a failed transaction commit),
// carry no code, and may quote the database. They become INTERNAL with a
// plain message. Register it before the transaction so it sees its errors.
//
// It also keeps a response to MaxErrors errors and one limits.LimitErrors
// error, however many the operation raised.
type ErrorCodes struct {
	Log       *slog.Logger
	MaxErrors int
}

var (
	_ graphql.HandlerExtension    = ErrorCodes{}
	_ graphql.ResponseInterceptor = ErrorCodes{}
)

func (ErrorCodes) ExtensionName() string                   { return "ErrorCodes" }
func (ErrorCodes) Validate(graphql.ExecutableSchema) error { return nil }

func (e ErrorCodes) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	if resp == nil {
		return resp
	}
	for _, err := range resp.Errors {
		if _, ok := err.Extensions["code"]; ok {
			continue
		}
		e.Log.ErrorContext(ctx, "internal error", "err", err.Message)
		err.Message = "internal error: the server could not complete this request"
		if err.Extensions == nil {
			err.Extensions = map[string]any{}
		}
		err.Extensions["code"] = string(apperr.Internal)
	}
	if e.MaxErrors > 0 && len(resp.Errors) > e.MaxErrors+1 {
		tooMany := limits.TooManyErrors(e.MaxErrors)
		tooMany.Extensions["code"] = string(apperr.InvalidInput)
		resp.Errors = append(resp.Errors[:e.MaxErrors:e.MaxErrors], tooMany)
	}
	return resp
}
