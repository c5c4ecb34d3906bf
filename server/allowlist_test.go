package server_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dealerline/dealerline/server"
)

const (
	loginQuery  = `mutation($e: String!) { login(email: $e, password: "demo") { token } }`
	viewerQuery = `query Viewer { me { id name } }`
)

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// allowlistFile writes an allow-list of queries for --operations-allowlist.
func allowlistFile(t *testing.T, queries ...string) string {
	t.Helper()
	list := map[string]string{}
	for i, q := range queries {
		list[sha256Hex(q)] = "Op" + string(rune('A'+i))
	}
	b, _ := json.Marshal(list)
	name := filepath.Join(t.TempDir(), "operations.json")
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// persisted is a request body with the APQ extension: the query's hash,
// and the query unless it is "".
func persisted(query, hash string) []byte {
	body := map[string]any{"extensions": map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hash}}}
	if query != "" {
		body["query"] = query
	}
	b, _ := json.Marshal(body)
	return b
}

func TestAllowlist_DealersRunOnlyListedOperations(t *testing.T) {
	forEachStoreWith(t, func(c *server.Config) {
		c.OperationsAllowlist = allowlistFile(t, loginQuery, viewerQuery)
	}, func(t *testing.T, m *server.Main) {
		dealer := signIn(t, m, "south@demo.test") // login is listed
		var me struct{ Me struct{ Name string } }
		dealer.mustQuery(t, viewerQuery, nil, &me)
		if me.Me.Name == "" {
			t.Errorf("listed operation: me = %+v", me.Me)
		}

		// The same operation worded differently is another operation.
		for _, q := range []string{`query Viewer { me { id } }`, `{ __typename }`, `mutation { logout }`} {
			if r := dealer.query(t, q, nil); r.code() != "FORBIDDEN" || r.Data != nil && string(r.Data) != "null" {
				t.Errorf("%s: code %q data %s, want FORBIDDEN and no data", q, r.code(), r.Data)
			}
		}
		// By hash, once its query is known, a listed operation runs; an
		// unlisted one does not.
		if r := post(t, m, dealer.token, persisted(viewerQuery, sha256Hex(viewerQuery))); len(r.Errors) > 0 {
			t.Fatalf("listed operation with its hash: %+v", r.Errors)
		}
		if r := post(t, m, dealer.token, persisted("", sha256Hex(viewerQuery))); len(r.Errors) > 0 {
			t.Errorf("listed operation by hash: %+v", r.Errors)
		}
		unlisted := `query { me { name } }`
		if r := post(t, m, dealer.token, persisted(unlisted, sha256Hex(unlisted))); r.code() != "FORBIDDEN" {
			t.Errorf("unlisted operation with its hash: code %q, want FORBIDDEN", r.code())
		}
		if r := post(t, m, dealer.token, persisted("", sha256Hex(unlisted))); r.code() != "FORBIDDEN" {
			t.Errorf("unlisted hash: code %q, want FORBIDDEN", r.code())
		}

		// Staff are not bound by the list.
		admin := signIn(t, m, "admin@demo.test")
		var dealers struct{ Dealers struct{ TotalCount int } }
		admin.mustQuery(t, `{ dealers { totalCount } }`, nil, &dealers)
	})
}

func TestAllowlist_Off(t *testing.T) {
	m := startServer(t)
	dealer := signIn(t, m, "south@demo.test")
	var got struct{ Me struct{ Name string } }
	dealer.mustQuery(t, `query { me { name } }`, nil, &got)
}

// The list built into the binary is the portal's operations.json.
func TestAllowlist_Portal(t *testing.T) {
	m := startServerWith(t, "", func(c *server.Config) { c.OperationsAllowlist = server.PortalOperations })
	r := client{m: m}.query(t, loginQuery, map[string]any{"e": "south@demo.test"})
	if r.code() != "FORBIDDEN" || !strings.Contains(r.Errors[0].Message, "portal") {
		t.Errorf("a login worded unlike the portal's: code %q (%+v), want FORBIDDEN", r.code(), r.Errors)
	}
}

func TestAllowlist_RefusesABadFile(t *testing.T) {
	for name, content := range map[string]string{
		"NotJSON":  `operations`,
		"NotAHash": `{"abc": "Login"}`,
		"Empty":    `{}`,
	} {
		t.Run(name, func(t *testing.T) {
			cfg := server.DefaultConfig()
			cfg.Addr = "127.0.0.1:0"
			cfg.DataDir = t.TempDir()
			cfg.OperationsAllowlist = filepath.Join(t.TempDir(), "operations.json")
			os.WriteFile(cfg.OperationsAllowlist, []byte(content), 0o644)
			m := server.NewMain(cfg)
			if err := m.Run(t.Context()); err == nil {
				m.Close()
				t.Fatal("started with a bad allow-list")
			} else if !strings.Contains(err.Error(), "operations-allowlist") {
				t.Errorf("error %q does not name the setting", err)
			}
		})
	}
}
