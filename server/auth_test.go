package server_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/server"
)

func TestSignIn_EveryCallNeedsAToken(t *testing.T) {
	m := startServer(t)
	nobody := client{m: m}
	for _, q := range []string{
		`{ dealers { totalCount } }`,
		`{ me { id } }`,
		`{ node(id: "8589934593") { id } }`,
		`mutation { createChannel(input: {code: "X", name: "X"}) { id } }`,
		`mutation { logout }`,
		`{ __typename dealers { totalCount } }`,
	} {
		if r := nobody.query(t, q, nil); r.code() != "UNAUTHENTICATED" || r.Data != nil && string(r.Data) != "null" {
			t.Errorf("%s without a token: code %q data %s, want UNAUTHENTICATED and no data", q, r.code(), r.Data)
		}
	}
	bogus := client{m: m, token: "dlt_not-a-token"}
	if r := bogus.query(t, `{ me { id } }`, nil); r.code() != "UNAUTHENTICATED" || !strings.Contains(r.Errors[0].Message, "sign in again") {
		t.Errorf("unknown token: %+v", r.Errors)
	}
}

func TestSignIn_Login(t *testing.T) {
	m := startServer(t)
	nobody := client{m: m}

	var got struct {
		Login struct {
			Token     string
			ExpiresAt time.Time
			User      struct {
				Email, Role string
				Dealer      struct{ Code string }
			}
		}
	}
	nobody.mustQuery(t, `mutation { login(email: " North@Demo.test ", password: "demo") { token expiresAt user { email role dealer { code } } } }`, nil, &got)
	if got.Login.Token == "" || got.Login.User.Email != "north@demo.test" || got.Login.User.Role != "DEALER" || got.Login.User.Dealer.Code != "D-NORTH" {
		t.Errorf("login = %+v", got.Login)
	}
	if d := time.Until(got.Login.ExpiresAt); d < 11*time.Hour || d > 13*time.Hour {
		t.Errorf("session expires in %v, want about 12h", d)
	}

	var me struct{ Me struct{ Email string } }
	client{m: m, token: got.Login.Token}.mustQuery(t, `{ me { email } }`, nil, &me)
	if me.Me.Email != "north@demo.test" {
		t.Errorf("me = %+v", me.Me)
	}

	wrong := nobody.query(t, `mutation { login(email: "north@demo.test", password: "nope") { token } }`, nil)
	unknown := nobody.query(t, `mutation { login(email: "nobody@demo.test", password: "demo") { token } }`, nil)
	if wrong.code() != "UNAUTHENTICATED" || wrong.Errors[0].Message != unknown.Errors[0].Message || wrong.code() != unknown.code() {
		t.Errorf("wrong password %+v and unknown email %+v must answer alike", wrong.Errors, unknown.Errors)
	}
}

func TestSignIn_FailuresAreThrottled(t *testing.T) {
	m := startServer(t)
	nobody := client{m: m}
	login := func(pw string) gqlResponse {
		return nobody.query(t, `mutation($pw: String!) { login(email: "south@demo.test", password: $pw) { token } }`, map[string]any{"pw": pw})
	}
	for i := range 5 {
		if r := login("guess"); r.code() != "UNAUTHENTICATED" {
			t.Fatalf("attempt %d: %q", i+1, r.code())
		}
	}
	if r := login("demo"); r.code() != "RATE_LIMITED" {
		t.Errorf("after 5 failures, the right password: code %q, want RATE_LIMITED", r.code())
	}
	// Another account from the same address is not locked out yet.
	signIn(t, m, "north@demo.test")
}

func TestSignIn_RevokedTokenIsRefusedOnTheNextRequest(t *testing.T) {
	m := startServer(t)

	t.Run("Logout", func(t *testing.T) {
		c := signIn(t, m, "south@demo.test")
		var out struct{ Logout bool }
		c.mustQuery(t, `mutation { logout }`, nil, &out)
		if r := c.query(t, `{ me { id } }`, nil); r.code() != "UNAUTHENTICATED" {
			t.Errorf("after logout: %q, want UNAUTHENTICATED", r.code())
		}
	})

	t.Run("ApiToken", func(t *testing.T) {
		c := signIn(t, m, "south@demo.test")
		var made struct {
			CreateAPIToken struct {
				Secret   string
				APIToken struct{ ID, Name, Kind string }
			} `json:"createApiToken"`
		}
		c.mustQuery(t, `mutation { createApiToken(name: "ERP sync") { secret apiToken { id name kind } } }`, nil, &made)
		app := client{m: m, token: made.CreateAPIToken.Secret}
		var me struct{ Me struct{ Email string } }
		app.mustQuery(t, `{ me { email } }`, nil, &me)
		if me.Me.Email != "south@demo.test" {
			t.Fatalf("API token signs in as %q", me.Me.Email)
		}

		var list struct {
			APITokens []struct {
				ID, Name   string
				LastUsedAt *time.Time
			} `json:"apiTokens"`
		}
		c.mustQuery(t, `{ apiTokens { id name lastUsedAt } }`, nil, &list)
		if len(list.APITokens) != 1 || list.APITokens[0].Name != "ERP sync" || list.APITokens[0].LastUsedAt == nil {
			t.Errorf("apiTokens = %+v, want the one used token", list.APITokens)
		}
		raw, _ := json.Marshal(list)
		if strings.Contains(string(raw), made.CreateAPIToken.Secret) {
			t.Error("the secret can be read back")
		}

		// Another user cannot revoke it: the id answers as a missing one.
		other := signIn(t, m, "north@demo.test")
		if r := other.query(t, `mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, map[string]any{"id": made.CreateAPIToken.APIToken.ID}); r.code() != "NOT_FOUND" {
			t.Errorf("revoking another user's token: %q, want NOT_FOUND", r.code())
		}
		app.mustQuery(t, `{ me { email } }`, nil, &me)

		var revoked struct {
			RevokeAPIToken struct{ RevokedAt *time.Time } `json:"revokeApiToken"`
		}
		c.mustQuery(t, `mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`, map[string]any{"id": made.CreateAPIToken.APIToken.ID}, &revoked)
		if revoked.RevokeAPIToken.RevokedAt == nil {
			t.Error("revokedAt not set")
		}
		if r := app.query(t, `{ me { email } }`, nil); r.code() != "UNAUTHENTICATED" {
			t.Errorf("revoked token: %q, want UNAUTHENTICATED", r.code())
		}
	})

	t.Run("ExpiredApiToken", func(t *testing.T) {
		c := signIn(t, m, "south@demo.test")
		var made struct {
			CreateAPIToken struct{ Secret string } `json:"createApiToken"`
		}
		c.mustQuery(t, `mutation($at: Time) { createApiToken(name: "short", expiresAt: $at) { secret } }`,
			map[string]any{"at": time.Now().Add(1500 * time.Millisecond).Format(time.RFC3339Nano)}, &made)
		app := client{m: m, token: made.CreateAPIToken.Secret}
		var me struct{ Me struct{ Email string } }
		app.mustQuery(t, `{ me { email } }`, nil, &me)
		time.Sleep(2 * time.Second)
		if r := app.query(t, `{ me { email } }`, nil); r.code() != "UNAUTHENTICATED" {
			t.Errorf("expired token: %q, want UNAUTHENTICATED", r.code())
		}
	})
}

// TestWriteRights: who may change what (DESIGN.md §4). Every refusal
// leaves the data as it was.
func TestWriteRights(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		ids := demoIDs(t, admin)
		northOrder := seedOrder(t, admin, ids.north, ids.product)
		ecomOrder := seedOrder(t, admin, ids.ecom, ids.product)
		southOrder := seedOrder(t, admin, ids.south, ids.product)
		var invoiced struct {
			RecordDeliveryEvent struct{ Invoice struct{ ID string } }
		}
		admin.mustQuery(t, `mutation($s: ID!) { recordDeliveryEvent(input: {shipmentID: $s, status: IN_TRANSIT}) { invoice { id } } }`,
			map[string]any{"s": ecomOrder.shipmentID}, &invoiced)
		ecomInvoice := invoiced.RecordDeliveryEvent.Invoice.ID
		now := time.Now().Format(time.RFC3339)
		ship := `mutation($o: ID!, $l: ID!) { createShipment(input: {orderID: $o, lines: [{orderLineID: $l, quantity: 1}], carrier: "SF"}) { id } }`
		deliver := `mutation($s: ID!) { recordDeliveryEvent(input: {shipmentID: $s, status: IN_TRANSIT}) { id } }`
		pay := `mutation($d: ID!, $at: Time!, $al: [PaymentAllocationInput!]) { recordPayment(input: {dealerID: $d, amount: "10.00", receivedAt: $at, reference: "T-1", allocations: $al}) { id } }`
		credit := `mutation($d: ID!) { issueCreditNote(input: {dealerID: $d, amount: "10.00", reason: "rebate"}) { id } }`

		for _, tc := range []struct {
			who, name, query string
			vars             map[string]any
			want             string // "" for accepted
		}{
			// A dealer user changes no dealer, user, price or product...
			{"north", "OwnDealer", `mutation($id: ID!) { updateDealer(id: $id, input: {creditLimit: "99999999"}) { id } }`, map[string]any{"id": ids.north}, "FORBIDDEN"},
			{"north", "OwnUserRoleOrName", `mutation($id: ID!) { updateUser(id: $id, input: {name: "Boss"}) { id } }`, map[string]any{"id": ids.northUser}, "FORBIDDEN"},
			{"north", "CreateDealer", `mutation($c: ID!) { createDealer(input: {code: "D-X", name: "X", tier: 2, joinedOn: "2026-01-01", channelID: $c}) { id } }`, map[string]any{"c": ids.retail}, "FORBIDDEN"},
			{"north", "CreateUser", `mutation($d: ID!) { createUser(input: {email: "x@x.test", name: "X", password: "longenough", role: ADMIN, dealerID: $d}) { id } }`, map[string]any{"d": ids.north}, "INVALID_INPUT"},
			{"north", "CreateAdmin", `mutation { createUser(input: {email: "x@x.test", name: "X", password: "longenough", role: ADMIN}) { id } }`, nil, "FORBIDDEN"},
			{"north", "EditPrice", `mutation($id: ID!) { updatePrice(id: $id, input: {amount: "0.01"}) { id } }`, map[string]any{"id": ids.northPrice}, "FORBIDDEN"},
			{"north", "EditProduct", `mutation($id: ID!) { updateProduct(id: $id, input: {name: "Free"}) { id } }`, map[string]any{"id": ids.product}, "FORBIDDEN"},
			// ... edits its own contacts, not its sub-dealers' or another dealer's.
			{"north", "OwnContact", `mutation($id: ID!) { updateContact(id: $id, input: {phone: "+86 10 1234 5678"}) { id } }`, map[string]any{"id": ids.northContact}, ""},
			{"north", "SubDealerContact", `mutation($id: ID!) { updateContact(id: $id, input: {phone: "0"}) { id } }`, map[string]any{"id": ids.subContact}, "NOT_FOUND"},
			{"north", "ForeignContact", `mutation($id: ID!) { updateContact(id: $id, input: {phone: "0"}) { id } }`, map[string]any{"id": ids.southContact}, "NOT_FOUND"},
			{"north", "AddContactToSubDealer", `mutation($d: ID!) { createContact(input: {name: "Spy", dealerID: $d}) { id } }`, map[string]any{"d": ids.sub}, "FORBIDDEN"},
			{"north", "AddOwnContact", `mutation($d: ID!) { createContact(input: {name: "Wang Fang", dealerID: $d}) { id } }`, map[string]any{"d": ids.north}, ""},
			// A manager works on the dealers of its channels only.
			{"manager", "CreditLimitOfOwnDealer", `mutation($id: ID!) { updateDealer(id: $id, input: {creditLimit: "1234567.89"}) { creditLimit } }`, map[string]any{"id": ids.south}, ""},
			{"manager", "ForeignDealer", `mutation($id: ID!) { updateDealer(id: $id, input: {creditLimit: "1"}) { id } }`, map[string]any{"id": ids.ecom}, "NOT_FOUND"},
			{"manager", "MoveDealerOutOfItsChannels", `mutation($id: ID!, $c: ID!) { updateDealer(id: $id, input: {channelID: $c}) { id } }`, map[string]any{"id": ids.south, "c": ids.ecomChannel}, "FORBIDDEN"},
			{"manager", "CreateInOwnChannel", `mutation($c: ID!) { createDealer(input: {code: "D-NEW", name: "New Retail", tier: 2, joinedOn: "2026-01-01", channelID: $c}) { id } }`, map[string]any{"c": ids.retail}, ""},
			{"manager", "CreateInForeignChannel", `mutation($c: ID!) { createDealer(input: {code: "D-NEW2", name: "X", tier: 2, joinedOn: "2026-01-01", channelID: $c}) { id } }`, map[string]any{"c": ids.ecomChannel}, "FORBIDDEN"},
			{"manager", "EditPrice", `mutation($id: ID!) { updatePrice(id: $id, input: {amount: "0.01"}) { id } }`, map[string]any{"id": ids.northPrice}, "FORBIDDEN"},
			{"manager", "CreateUser", `mutation { createUser(input: {email: "x@x.test", name: "X", password: "longenough", role: CHANNEL_MANAGER}) { id } }`, nil, "FORBIDDEN"},
			// A dealer user reads its shipments and account but ships, records
			// deliveries, payments and credit notes for no one, itself included.
			{"north", "ShipOwnOrder", ship, map[string]any{"o": northOrder.orderID, "l": northOrder.lineID}, "FORBIDDEN"},
			{"north", "RecordOwnDelivery", deliver, map[string]any{"s": northOrder.shipmentID}, "FORBIDDEN"},
			{"north", "RecordOwnPayment", pay, map[string]any{"d": ids.north, "at": now}, "FORBIDDEN"},
			{"north", "CreditItself", credit, map[string]any{"d": ids.north}, "FORBIDDEN"},
			{"south", "CreditItself", credit, map[string]any{"d": ids.south}, "FORBIDDEN"},
			// A manager ships and keeps the accounts of its own channel's
			// dealers only: another channel's are not there.
			{"manager", "ShipForeignOrder", ship, map[string]any{"o": ecomOrder.orderID, "l": ecomOrder.lineID}, "INVALID_INPUT"},
			{"manager", "RecordForeignDelivery", deliver, map[string]any{"s": ecomOrder.shipmentID}, "INVALID_INPUT"},
			{"manager", "ForeignPayment", pay, map[string]any{"d": ids.ecom, "at": now}, "INVALID_INPUT"},
			{"manager", "AllocateToForeignInvoice", pay, map[string]any{"d": ids.south, "at": now, "al": []map[string]any{{"invoiceID": ecomInvoice, "amount": "1.00"}}}, "INVALID_INPUT"},
			{"manager", "ForeignCreditNote", credit, map[string]any{"d": ids.ecom}, "INVALID_INPUT"},
			{"manager", "RecordOwnDealerDelivery", deliver, map[string]any{"s": southOrder.shipmentID}, ""},
			{"manager", "OwnDealerPayment", pay, map[string]any{"d": ids.south, "at": now}, ""},
			{"manager", "OwnDealerCreditNote", credit, map[string]any{"d": ids.south}, ""},
			// An administrator creates users with a role.
			{"admin", "CreateDealerUser", `mutation($d: ID!) { createUser(input: {email: "New.User@North.test", name: "New User", password: "longenough", role: DEALER, dealerID: $d}) { email role dealer { id } } }`, map[string]any{"d": ids.north}, ""},
			{"admin", "DealerUserWithoutDealer", `mutation { createUser(input: {email: "y@y.test", name: "Y", password: "longenough", role: DEALER}) { id } }`, nil, "INVALID_INPUT"},
			{"admin", "ShortPassword", `mutation { createUser(input: {email: "z@z.test", name: "Z", password: "short", role: ADMIN}) { id } }`, nil, "INVALID_INPUT"},
		} {
			t.Run(tc.who+"/"+tc.name, func(t *testing.T) {
				c := signIn(t, m, tc.who+"@demo.test")
				before := snapshotData(t, admin)
				r := c.query(t, tc.query, tc.vars)
				if got := r.code(); got != tc.want {
					t.Fatalf("code = %q, want %q (%+v)", got, tc.want, r.Errors)
				}
				if tc.want != "" {
					if after := snapshotData(t, admin); after != before {
						t.Errorf("a refused change changed data:\nbefore %s\nafter  %s", before, after)
					}
				}
			})
		}
	})
}

type demoIDSet struct {
	north, south, sub, ecom, retail, ecomChannel, northUser, northPrice, product string
	northContact, subContact, southContact                                       string
}

// demoIDs finds the demo rows the write tests work on.
func demoIDs(t *testing.T, admin client) demoIDSet {
	t.Helper()
	var got struct {
		Dealers struct {
			Edges []struct {
				Node struct {
					ID, Code string
					Parent   *struct{ Code string }
					Channel  struct{ ID, Code string }
					Contacts []struct{ ID string }
					Users    []struct{ ID, Email string }
				}
			}
		}
	}
	admin.mustQuery(t, `{ dealers(first: 100) { edges { node { id code parent { code } channel { id code } contacts { id } users { id email } } } } }`, nil, &got)
	var ids demoIDSet
	for _, e := range got.Dealers.Edges {
		d := e.Node
		switch {
		case d.Code == "D-NORTH":
			ids.north, ids.retail, ids.northContact = d.ID, d.Channel.ID, d.Contacts[0].ID
			for _, u := range d.Users {
				if u.Email == "north@demo.test" {
					ids.northUser = u.ID
				}
			}
		case d.Code == "D-SOUTH":
			ids.south, ids.southContact = d.ID, d.Contacts[0].ID
		case d.Parent != nil && d.Parent.Code == "D-NORTH":
			ids.sub, ids.subContact = d.ID, d.Contacts[0].ID
		case d.Channel.Code == "ECOM":
			ids.ecom, ids.ecomChannel = d.ID, d.Channel.ID
		}
	}
	var prices struct {
		Products struct {
			Edges []struct {
				Node struct {
					ID     string
					Prices []struct {
						ID   string
						Tier int
					}
				}
			}
		}
	}
	admin.mustQuery(t, `{ products(first: 1, where: {active: true}) { edges { node { id prices { id tier } } } } }`, nil, &prices)
	ids.product = prices.Products.Edges[0].Node.ID
	for _, p := range prices.Products.Edges[0].Node.Prices {
		if p.Tier == 1 {
			ids.northPrice = p.ID
		}
	}
	return ids
}

// snapshotData is what the write tests could change, as the admin sees it.
func snapshotData(t *testing.T, admin client) string {
	t.Helper()
	var parts []string
	for _, q := range []string{
		`{ dealers(first: 100, orderBy: {field: CODE}) { edges { node { code name creditLimit channelID contacts { name phone } } } } }`,
		`{ users(first: 100, orderBy: {field: EMAIL}) { edges { node { email name role } } } }`,
		`{ products(first: 100, orderBy: {field: SKU}) { edges { node { sku name prices { amount } } } } }`,
	} {
		r := admin.query(t, q, nil)
		if len(r.Errors) > 0 {
			t.Fatalf("snapshot: %+v", r.Errors)
		}
		parts = append(parts, string(r.Data))
	}
	parts = append(parts, accountSnapshot(t, admin))
	return strings.Join(parts, "\n")
}
