package server_test

import (
	"testing"

	"github.com/dealerline/dealerline/server"
)

// An APQ hash that is not its query's is refused with a code, and the query
// neither runs nor is remembered under that hash.
func TestHostile_PersistedQuery_HashMismatch(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		dealer := signIn(t, m, "south@demo.test")
		listed := sha256Hex(`query { me { name } }`)
		r := post(t, m, dealer.token, persisted(`mutation { logout }`, listed))
		if r.code() != "INVALID_INPUT" || r.Data != nil && string(r.Data) != "null" {
			t.Errorf("mismatched hash: code %q data %s, want INVALID_INPUT and no data", r.code(), r.Data)
		}
		if r := post(t, m, dealer.token, persisted("", listed)); r.code() != "PERSISTED_QUERY_NOT_FOUND" {
			t.Errorf("the mismatched hash afterwards: code %q, want PERSISTED_QUERY_NOT_FOUND", r.code())
		}
		// The logout did not run: the token still works.
		var me struct{ Me struct{ Name string } }
		dealer.mustQuery(t, `{ me { name } }`, nil, &me)
	})
}

// With an allow-list, an unlisted mutation of a dealer runs nothing.
func TestHostile_PersistedQuery_UnlistedMutation(t *testing.T) {
	forEachStoreWith(t, func(c *server.Config) {
		c.OperationsAllowlist = allowlistFile(t, loginQuery, viewerQuery)
	}, func(t *testing.T, m *server.Main) {
		dealer := signIn(t, m, "south@demo.test")
		if r := dealer.query(t, `mutation { logout }`, nil); r.code() != "FORBIDDEN" {
			t.Errorf("unlisted logout: code %q, want FORBIDDEN", r.code())
		}
		var me struct{ Me struct{ Name string } }
		dealer.mustQuery(t, viewerQuery, nil, &me)
	})
}
