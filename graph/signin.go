package graph

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
)

// SignInRequired refuses, before anything runs, every operation of a caller
// without a valid token — except signing in, and looking at the schema
// (introspection is off in production). The privacy rules deny a missing
// viewer too; this gives the caller one clear UNAUTHENTICATED instead.
//
// It checks twice: on the raw document, before gqlparser validates it, so a
// signed-out caller cannot make the server validate large documents; and on
// the validated operation, for a persisted query sent by its hash.
type SignInRequired struct{}

var (
	_ graphql.HandlerExtension          = SignInRequired{}
	_ graphql.OperationContextMutator   = SignInRequired{}
	_ graphql.OperationParameterMutator = SignInRequired{}
)

func (SignInRequired) ExtensionName() string                   { return "SignInRequired" }
func (SignInRequired) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters refuses a signed-out caller's document on its
// raw parse. Register it after limits.Limits, which bounds the parse. A
// document that does not parse, or lacks the operation named, is left to
// validation to refuse.
func (SignInRequired) MutateOperationParameters(ctx context.Context, params *graphql.RawParams) *gqlerror.Error {
	if auth.FromContext(ctx) != nil || params.Query == "" {
		return nil
	}
	doc, err := parser.ParseQuery(&ast.Source{Input: params.Query})
	if err != nil {
		return nil
	}
	op := doc.Operations.ForName(params.OperationName)
	if op == nil || public(doc, op.SelectionSet, map[string]bool{}) {
		return nil
	}
	return signInFirst(ctx)
}

func (SignInRequired) MutateOperationContext(ctx context.Context, rc *graphql.OperationContext) *gqlerror.Error {
	if auth.FromContext(ctx) != nil || public(rc.Doc, rc.Operation.SelectionSet, map[string]bool{}) {
		return nil
	}
	return signInFirst(ctx)
}

func signInFirst(ctx context.Context) *gqlerror.Error {
	msg := "sign in first: send Authorization: Bearer <token> (get a token from the login mutation)"
	if err := auth.CredentialError(ctx); err != nil {
		if e, ok := apperr.As(err); ok {
			msg = e.Message
		}
	}
	return &gqlerror.Error{Message: msg, Extensions: map[string]any{"code": string(apperr.Unauthenticated)}}
}

// signedOut are the root fields a caller without a token may ask for:
// signing in, and the one-time links that set a password.
var signedOut = map[string]bool{
	"login":                true,
	"acceptInvitation":     true,
	"requestPasswordReset": true,
	"resetPassword":        true,
}

// public reports whether every root field of set may be asked for signed
// out. It reads validated and raw documents alike: spreads are looked up by
// name in doc (an unknown one is left to validation) and each is followed
// once, so a fragment cycle ends.
func public(doc *ast.QueryDocument, set ast.SelectionSet, seen map[string]bool) bool {
	for _, sel := range set {
		switch sel := sel.(type) {
		case *ast.Field:
			if !signedOut[sel.Name] && !strings.HasPrefix(sel.Name, "__") {
				return false
			}
		case *ast.InlineFragment:
			if !public(doc, sel.SelectionSet, seen) {
				return false
			}
		case *ast.FragmentSpread:
			frag := doc.Fragments.ForName(sel.Name)
			if frag == nil || seen[sel.Name] {
				continue
			}
			seen[sel.Name] = true
			if !public(doc, frag.SelectionSet, seen) {
				return false
			}
		}
	}
	return true
}
