package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/portal"
)

// PortalOperations names the allow-list built into the binary with the
// portal (portal/operations.json) for --operations-allowlist.
const PortalOperations = "portal"

// persistedOperations is automatic persisted queries (a client may send the
// sha256 of a query it sent before instead of the query) with coded
// refusals, and, with an allow-list, the operations that may run at all.
// Both are decided before the query is parsed, so a refused one costs
// nothing.
type persistedOperations struct {
	apq extension.AutomaticPersistedQuery
	// allowed maps the sha256 of a query to its operation's name; nil lets
	// every operation run.
	allowed map[string]string
}

// persistedQueryNotFound is APQ's answer to a hash it does not know.
const persistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND"

var (
	_ graphql.HandlerExtension          = persistedOperations{}
	_ graphql.OperationParameterMutator = persistedOperations{}
)

func newPersistedOperations(cacheSize int, allowed map[string]string) persistedOperations {
	return persistedOperations{
		apq:     extension.AutomaticPersistedQuery{Cache: lru.New[string](cacheSize)},
		allowed: allowed,
	}
}

func (persistedOperations) ExtensionName() string { return "PersistedOperations" }

func (p persistedOperations) Validate(s graphql.ExecutableSchema) error { return p.apq.Validate(s) }

func (p persistedOperations) MutateOperationParameters(ctx context.Context, raw *graphql.RawParams) *gqlerror.Error {
	// The list first: an unlisted query is not remembered either.
	if p.allowed != nil && restricted(auth.FromContext(ctx)) {
		if _, ok := p.allowed[operationHash(raw)]; !ok {
			return refusal(apperr.Errorf(apperr.Forbidden, "this operation is not one this server runs for dealers: only the operations of the portal are allowed"))
		}
	}
	if err := p.apq.MutateOperationParameters(ctx, raw); err != nil {
		if err.Extensions["code"] == persistedQueryNotFound {
			// The client sends the query with its hash next; its code is
			// the one APQ clients look for.
			return err
		}
		// A hash that is not the query's, a version other than 1.
		return refusal(apperr.Errorf(apperr.InvalidInput, "persisted query: %s", err.Message))
	}
	return nil
}

// operationHash is the sha256 of the query sent, or else the hash sent in
// its place (APQ).
func operationHash(raw *graphql.RawParams) string {
	if raw.Query != "" {
		return queryHash(raw.Query)
	}
	pq, _ := raw.Extensions["persistedQuery"].(map[string]any)
	hash, _ := pq["sha256Hash"].(string)
	return hash
}

// restricted reports whether the allow-list binds the viewer: dealer users
// and callers not signed in. Staff (administrators, channel managers) run
// any operation; their integrations and GraphiQL are not in the portal.
func restricted(v *auth.Viewer) bool { return v == nil || v.IsDealer() }

// refusal is an apperr refusal as a request error, for the error
// presenter to code.
func refusal(e *apperr.Error) *gqlerror.Error {
	return &gqlerror.Error{Message: e.Message, Err: e}
}

func queryHash(query string) string {
	sum := sha256.Sum256([]byte(query))
	return hex.EncodeToString(sum[:])
}

// loadAllowlist reads an allow-list of operations (portal/operations.json's
// shape: the sha256 of each query to its name) from name, a file or
// PortalOperations; "" is no allow-list.
func loadAllowlist(name string) (map[string]string, error) {
	if name == "" {
		return nil, nil
	}
	data := portal.Operations
	if name != PortalOperations {
		var err error
		if data, err = os.ReadFile(name); err != nil {
			return nil, fmt.Errorf("operations-allowlist: %w", err)
		}
	}
	var list map[string]string
	if err := json.Unmarshal(data, &list); err != nil {
		return nil, fmt.Errorf("operations-allowlist %s: not a JSON object of sha256 hashes to operation names: %w", name, err)
	}
	for hash := range list {
		if b, err := hex.DecodeString(hash); err != nil || len(b) != sha256.Size {
			return nil, fmt.Errorf("operations-allowlist %s: %q is not a hex sha256 hash", name, hash)
		}
	}
	if len(list) == 0 {
		return nil, fmt.Errorf("operations-allowlist %s: lists no operations", name)
	}
	return list, nil
}
