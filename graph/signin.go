package graph

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
)

// SignInRequired refuses, before anything runs, every operation of a caller
// without a valid token — except signing in, and looking at the schema
// (introspection is off in production). The privacy rules deny a missing
// viewer too; this gives the caller one clear UNAUTHENTICATED instead.
type SignInRequired struct{}

var (
	_ graphql.HandlerExtension        = SignInRequired{}
	_ graphql.OperationContextMutator = SignInRequired{}
)

func (SignInRequired) ExtensionName() string                   { return "SignInRequired" }
func (SignInRequired) Validate(graphql.ExecutableSchema) error { return nil }

func (SignInRequired) MutateOperationContext(ctx context.Context, rc *graphql.OperationContext) *gqlerror.Error {
	if auth.FromContext(ctx) != nil || public(rc.Operation.SelectionSet) {
		return nil
	}
	msg := "sign in first: send Authorization: Bearer <token> (get a token from the login mutation)"
	if err := auth.CredentialError(ctx); err != nil {
		if e, ok := apperr.As(err); ok {
			msg = e.Message
		}
	}
	return &gqlerror.Error{Message: msg, Extensions: map[string]any{"code": string(apperr.Unauthenticated)}}
}

// public reports whether every root field may be asked for signed out.
func public(set ast.SelectionSet) bool {
	for _, sel := range set {
		switch sel := sel.(type) {
		case *ast.Field:
			if sel.Name != "login" && !strings.HasPrefix(sel.Name, "__") {
				return false
			}
		case *ast.InlineFragment:
			if !public(sel.SelectionSet) {
				return false
			}
		case *ast.FragmentSpread:
			if !public(sel.Definition.SelectionSet) {
				return false
			}
		}
	}
	return true
}
