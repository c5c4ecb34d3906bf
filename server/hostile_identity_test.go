package server_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/realtime"
	"github.com/dealerline/dealerline/server"
	"github.com/dealerline/dealerline/store/storetest"
)

// foreignAndMissing are the ids a channel manager probes with: for each
// kind of row, one outside the manager's channels and one that does not
// exist (the same kind, further up its id range).
type foreignAndMissing map[string]string

func (f foreignAndMissing) set(kind, foreign string) {
	n, _ := strconv.Atoi(foreign)
	f[kind] = foreign
	f[kind+"/missing"] = strconv.Itoa(n + 1_000_000)
}

// probeIDs finds, as the administrator, rows the RETAIL channel's manager
// may not see, and the manager's own channel, dealer and a product.
func probeIDs(t *testing.T, admin, manager client) (ids foreignAndMissing, own map[string]string) {
	t.Helper()
	var seen struct {
		Dealers struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	manager.mustQuery(t, `{ dealers(first: 100) { edges { node { id } } } }`, nil, &seen)
	visible := map[string]bool{}
	for _, e := range seen.Dealers.Edges {
		visible[e.Node.ID] = true
	}
	type row struct{ ID, DealerID, Code, Email string }
	var all struct {
		Channels, Users, Dealers, Orders, Shipments, Invoices, Products struct{ Edges []struct{ Node row } }
	}
	for _, q := range []string{
		`{ channels(first: 10) { edges { node { id code } } } users(first: 100) { edges { node { id email } } } }`,
		`{ dealers(first: 100) { edges { node { id code } } } products(first: 1) { edges { node { id } } } }`,
		`{ orders(first: 100) { edges { node { id dealerID } } } }`,
		`{ shipments(first: 100) { edges { node { id dealerID } } } invoices(first: 100) { edges { node { id dealerID } } } }`,
	} {
		admin.mustQuery(t, q, nil, &all)
	}
	ids, own = foreignAndMissing{}, map[string]string{"product": all.Products.Edges[0].Node.ID}
	pick := func(kind string, rows []struct{ Node row }, foreign func(row) bool) {
		i := slices.IndexFunc(rows, func(r struct{ Node row }) bool { return foreign(r.Node) })
		if i < 0 {
			t.Fatalf("the demo has no %s outside the RETAIL channel", kind)
		}
		ids.set(kind, rows[i].Node.ID)
	}
	for _, c := range all.Channels.Edges {
		if c.Node.Code == "RETAIL" {
			own["channel"] = c.Node.ID
		}
	}
	pick("channel", all.Channels.Edges, func(r row) bool { return r.Code != "RETAIL" })
	pick("user", all.Users.Edges, func(r row) bool { return r.Email == "keys@demo.test" })
	pick("dealer", all.Dealers.Edges, func(r row) bool { return !visible[r.ID] })
	pick("order", all.Orders.Edges, func(r row) bool { return !visible[r.DealerID] })
	pick("shipment", all.Shipments.Edges, func(r row) bool { return !visible[r.DealerID] })
	pick("invoice", all.Invoices.Edges, func(r row) bool { return !visible[r.DealerID] })
	own["dealer"] = seen.Dealers.Edges[0].Node.ID
	var tok struct {
		CreateApiToken struct {
			APIToken struct{ ID string } `json:"apiToken"`
		}
	}
	signIn(t, admin.m, "keys@demo.test").mustQuery(t, `mutation { createApiToken(name: "keys") { apiToken { id } } }`, nil, &tok)
	ids.set("token", tok.CreateApiToken.APIToken.ID)
	return ids, own
}

// rowsSnapshot is what a refused write must leave as it was: the counts of
// every kind of row a probe could add, and the edges of the manager's dealer.
func rowsSnapshot(t *testing.T, admin client, dealerID string) string {
	t.Helper()
	var got json.RawMessage
	for _, q := range []string{
		`{ dealers { totalCount } orders { totalCount } shipments { totalCount } }`,
		`{ invoices { totalCount } payments { totalCount } creditNotes { totalCount } announcements { totalCount } }`,
		`{ interactions { totalCount } serviceTickets { totalCount } auditEntries { totalCount } }`,
		`{ channels { totalCount } users { totalCount } products(first: 1) { edges { node { prices { id } } } } }`,
		`query($d: ID!) { node(id: $d) { ... on Dealer { channelID parentID ownerID contacts { id } territories { id } } } }`,
	} {
		var part json.RawMessage
		admin.mustQuery(t, q, map[string]any{"d": dealerID}, &part)
		got = append(got, part...)
	}
	return string(got)
}

// Every input that names a row, written by a channel manager: a row of
// another channel answers exactly like a missing one, and nothing changes.
func TestHostile_ForeignReference_AnswersAsMissing(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		manager := signIn(t, m, "manager@demo.test")
		ids, own := probeIDs(t, admin, manager)
		newDealer := `code: "D-PROBE", name: "Probe", tier: 2, joinedOn: "2026-01-01"`
		for _, tc := range []struct {
			name, kind, query string
		}{
			{"UpdateDealerParent", "dealer", `mutation($own: ID!, $id: ID!) { updateDealer(id: $own, input: {parentID: $id}) { id parent { id } } }`},
			{"UpdateDealerOwner", "user", `mutation($own: ID!, $id: ID!) { updateDealer(id: $own, input: {ownerID: $id}) { id owner { id } } }`},
			{"UpdateDealerChannel", "channel", `mutation($own: ID!, $id: ID!) { updateDealer(id: $own, input: {channelID: $id}) { id } }`},
			{"CreateDealerParent", "dealer", `mutation($ch: ID!, $id: ID!) { createDealer(input: {` + newDealer + `, channelID: $ch, parentID: $id}) { id } }`},
			{"CreateDealerOwner", "user", `mutation($ch: ID!, $id: ID!) { createDealer(input: {` + newDealer + `, channelID: $ch, ownerID: $id}) { id } }`},
			{"CreateDealerChannel", "channel", `mutation($id: ID!) { createDealer(input: {` + newDealer + `, channelID: $id}) { id } }`},
			{"CreateContactDealer", "dealer", `mutation($id: ID!) { createContact(input: {name: "Probe", dealerID: $id}) { id } }`},
			{"PlaceOrderDealer", "dealer", `mutation($p: ID!, $id: ID!) { placeOrder(input: {dealerID: $id, lines: [{productID: $p, quantity: 1}]}) { id } }`},
			{"RecordPaymentDealer", "dealer", `mutation($id: ID!) { recordPayment(input: {dealerID: $id, amount: "10.00", receivedAt: "2026-01-02T10:00:00Z", reference: "PROBE"}) { id } }`},
			{"RecordPaymentInvoice", "invoice", `mutation($own: ID!, $id: ID!) { recordPayment(input: {dealerID: $own, amount: "10.00", receivedAt: "2026-01-02T10:00:00Z", reference: "PROBE", allocations: [{invoiceID: $id, amount: "10.00"}]}) { id } }`},
			{"IssueCreditNoteDealer", "dealer", `mutation($id: ID!) { issueCreditNote(input: {dealerID: $id, amount: "10.00", reason: "probe"}) { id } }`},
			{"TransitionOrder", "order", `mutation($id: ID!) { transitionOrder(id: $id, to: CANCELLED) { id } }`},
			{"ReleaseCreditHold", "order", `mutation($id: ID!) { releaseCreditHold(orderID: $id, note: "probe") { id } }`},
			{"CreateShipmentOrder", "order", `mutation($id: ID!) { createShipment(input: {orderID: $id, lines: [{orderLineID: $id, quantity: 1}], carrier: "probe"}) { id } }`},
			{"RecordDeliveryEvent", "shipment", `mutation($id: ID!) { recordDeliveryEvent(input: {shipmentID: $id, status: IN_TRANSIT}) { id } }`},
			{"RevokeApiToken", "token", `mutation($id: ID!) { revokeApiToken(id: $id) { id } }`},
			{"LogInteractionDealer", "dealer", `mutation($id: ID!) { logInteraction(input: {dealerID: $id, kind: CALL, occurredAt: "2026-01-02T10:00:00Z", subject: "Probe"}) { id } }`},
			{"LogInteractionAssignee", "user", `mutation($own: ID!, $id: ID!) { logInteraction(input: {dealerID: $own, kind: CALL, occurredAt: "2026-01-02T10:00:00Z", subject: "Probe",
				followUp: {dueOn: "2026-01-03", text: "Probe", assigneeID: $id}}) { id } }`},
			{"OpenConflictCaseParty", "dealer", `mutation($id: ID!) { openConflictCase(input: {severity: LOW, partyIDs: [$id], summary: "Probe"}) { id } }`},
			{"OpenConflictCaseEvidence", "order", `mutation($own: ID!, $id: ID!) { openConflictCase(input: {severity: LOW, partyIDs: [$own], summary: "Probe", evidenceOrderIDs: [$id]}) { id } }`},
			// Administrators' writes: refused before any id is looked at.
			{"CreateChannelManagers", "user", `mutation($id: ID!) { createChannel(input: {code: "PROBE", name: "Probe", managerIDs: [$id]}) { id } }`},
			{"UpdateChannelManagers", "user", `mutation($ch: ID!, $id: ID!) { updateChannel(id: $ch, input: {addManagerIDs: [$id]}) { id } }`},
			{"CreateUserDealer", "dealer", `mutation($id: ID!) { createUser(input: {email: "probe@demo.test", name: "Probe", password: "a long password", role: DEALER, dealerID: $id}) { id } }`},
			{"CreateUserChannels", "channel", `mutation($id: ID!) { createUser(input: {email: "probe@demo.test", name: "Probe", password: "a long password", role: CHANNEL_MANAGER, managedChannelIDs: [$id]}) { id } }`},
			{"CreatePriceChannel", "channel", `mutation($p: ID!, $id: ID!) { createPrice(input: {tier: 1, amount: "1.00", validFrom: "2031-01-01", productID: $p, channelID: $id}) { id } }`},
			{"PublishAnnouncementChannel", "channel", `mutation($id: ID!) { publishAnnouncement(input: {title: "Probe", body: "Probe", channelIDs: [$id]}) { id } }`},
		} {
			t.Run(tc.name, func(t *testing.T) {
				before := rowsSnapshot(t, admin, own["dealer"])
				answer := func(id string) string {
					r := manager.query(t, tc.query, map[string]any{"own": own["dealer"], "ch": own["channel"], "p": own["product"], "id": id})
					if len(r.Errors) == 0 {
						t.Fatalf("id %s was accepted: %s", id, r.Data)
					}
					// The id the client sent may be quoted back; nothing else differs.
					b, _ := json.Marshal(r.Errors[0])
					return strings.ReplaceAll(fmt.Sprintf("%s %s", r.Data, b), id, "<id>")
				}
				foreign, missing := answer(ids[tc.kind]), answer(ids[tc.kind+"/missing"])
				if foreign != missing {
					t.Errorf("a foreign %s and a missing one answer differently:\nforeign: %s\nmissing: %s", tc.kind, foreign, missing)
				}
				if after := rowsSnapshot(t, admin, own["dealer"]); after != before {
					t.Errorf("rows changed:\nbefore: %s\nafter:  %s", before, after)
				}
			})
		}
	})
}

// userTokens signs email in twice and makes it an API token: the sessions
// and the API token's secret.
func userTokens(t *testing.T, m *server.Main, email string) (first, second client, api client) {
	t.Helper()
	first, second = signIn(t, m, email), signIn(t, m, email)
	var got struct{ CreateApiToken struct{ Secret string } }
	first.mustQuery(t, `mutation { createApiToken(name: "integration") { secret } }`, nil, &got)
	return first, second, client{m: m, token: got.CreateApiToken.Secret}
}

// signedOut checks that c's token is UNAUTHENTICATED over HTTP.
func signedOut(t *testing.T, what string, c client) {
	t.Helper()
	if r := c.query(t, `{ me { id } }`, nil); r.code() != "UNAUTHENTICATED" {
		t.Errorf("%s: code %q, want UNAUTHENTICATED (%s)", what, r.code(), r.Data)
	}
}

func TestHostile_Revocation_DeactivationEndsEveryTokenAndSocket(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		session, _, api := userTokens(t, m, "south@demo.test")
		var me struct{ Me struct{ ID string } }
		session.mustQuery(t, `{ me { id } }`, nil, &me) // cached: the cache must hear of the revocation
		api.mustQuery(t, `{ me { id } }`, nil, &me)
		sessionWS := connect(t, m, transportWS, session.token)
		apiWS := connect(t, m, legacyWS, api.token)

		setActive := func(active bool) {
			admin.mustQuery(t, `mutation($id: ID!, $a: Boolean!) { updateUser(id: $id, input: {active: $a}) { id } }`,
				map[string]any{"id": me.Me.ID, "a": active}, &struct{}{})
		}
		setActive(false)
		for name, w := range map[string]*ws{"session": sessionWS, "API token": apiWS} {
			if code := w.closed(5 * time.Second); code != realtime.CloseSignedOut {
				t.Errorf("%s socket: closed with %d, want 4403", name, code)
			}
		}
		signedOut(t, "session after deactivation", session)
		signedOut(t, "API token after deactivation", api)

		setActive(true)
		signedOut(t, "session after reactivation", session)
		signedOut(t, "API token after reactivation", api)
		signIn(t, m, "south@demo.test") // the user itself is back
	})
}

func TestHostile_Revocation_PasswordChangeEndsEveryOtherToken(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		changer, other, api := userTokens(t, m, "south@demo.test")
		var me struct{ Me struct{ ID string } }
		other.mustQuery(t, `{ me { id } }`, nil, &me)
		api.mustQuery(t, `{ me { id } }`, nil, &me)
		otherWS := connect(t, m, transportWS, other.token)
		apiWS := connect(t, m, transportWS, api.token)

		changer.mustQuery(t, `mutation { changePassword(currentPassword: "demo", newPassword: "a new password") }`, nil, &struct{}{})
		for name, w := range map[string]*ws{"other session": otherWS, "API token": apiWS} {
			if code := w.closed(5 * time.Second); code != realtime.CloseSignedOut {
				t.Errorf("%s socket: closed with %d, want 4403", name, code)
			}
		}
		signedOut(t, "other session", other)
		signedOut(t, "API token", api)
		changer.mustQuery(t, `{ me { id } }`, nil, &me) // the session that changed it stays
	})
}

// A mutation over graphql-transport-ws commits once and answers once: its
// result, then complete, and no error after it.
func TestHostile_Websocket_MutationAnswersOnce(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		south := signIn(t, m, "south@demo.test")
		var products struct {
			Products struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		south.mustQuery(t, `{ products(first: 1) { edges { node { id } } } }`, nil, &products)
		count := func() int {
			var got struct{ Orders struct{ TotalCount int } }
			admin.mustQuery(t, `{ orders { totalCount } }`, nil, &got)
			return got.Orders.TotalCount
		}
		before := count()

		w := connect(t, m, transportWS, south.token)
		w.subscribe("1", `mutation($p: ID!) { placeOrder(input: {lines: [{productID: $p, quantity: 1}]}) { id } }`,
			map[string]any{"p": products.Products.Edges[0].Node.ID})
		var placed struct{ PlaceOrder struct{ ID string } }
		w.next("1", 5*time.Second, &placed)
		if msg := w.read(5 * time.Second); msg.Type != "complete" || msg.ID != "1" {
			t.Errorf("after the result: %s %s %s, want complete 1", msg.Type, msg.ID, msg.Payload)
		}
		if _, err := w.tryRead(300 * time.Millisecond); err != nil && !isTimeout(err) {
			t.Errorf("after complete: %v", err)
		} else if err == nil {
			t.Errorf("a message after complete")
		}
		if got := count(); got != before+1 || placed.PlaceOrder.ID == "" {
			t.Errorf("orders %d → %d (placed %q), want one more", before, got, placed.PlaceOrder.ID)
		}
	})
}

// Deactivating a user through one instance ends its tokens on the other
// too: its sockets there close and its cached sign-in there is forgotten.
func TestHostile_Revocation_DeactivationReachesEveryInstance(t *testing.T) {
	redisURL := testRedis(t)
	dbURL := storetest.EmptyPostgres(t)
	leader, follower := leaderFirst(t, dbURL, redisURL, redisPrefix(t, redisURL))
	admin := signIn(t, follower, "admin@demo.test")
	south := signIn(t, follower, "south@demo.test")
	var me struct{ Me struct{ ID string } }
	on(leader, south).mustQuery(t, `{ me { id } }`, nil, &me) // cached on the leader
	onLeader := connect(t, leader, transportWS, south.token)
	onFollower := connect(t, follower, legacyWS, south.token)

	admin.mustQuery(t, `mutation($id: ID!) { updateUser(id: $id, input: {active: false}) { id } }`,
		map[string]any{"id": me.Me.ID}, &struct{}{})
	for name, w := range map[string]*ws{"leader": onLeader, "follower": onFollower} {
		if code := w.closed(5 * time.Second); code != realtime.CloseSignedOut {
			t.Errorf("%s: closed with %d, want 4403", name, code)
		}
	}
	// The sockets closed on the revocation event, which also forgot the
	// leader's cached sign-in.
	signedOut(t, "on the leader", on(leader, south))
}

// An administrator sees every row, so for it an id is either there or
// missing; a missing one is NOT_FOUND on the edge, not a database conflict.
func TestHostile_ForeignReference_MissingIsNotFoundForAdmins(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		manager := signIn(t, m, "manager@demo.test")
		ids, own := probeIDs(t, admin, manager)
		for _, tc := range []struct{ name, field, query string }{
			{"ChannelManagers", "managers", `mutation($id: ID!) { createChannel(input: {code: "PROBE", name: "Probe", managerIDs: [$id]}) { id } }`},
			{"DealerParent", "parent", `mutation($own: ID!, $id: ID!) { updateDealer(id: $own, input: {parentID: $id}) { id } }`},
		} {
			t.Run(tc.name, func(t *testing.T) {
				before := rowsSnapshot(t, admin, own["dealer"])
				kind := map[string]string{"managers": "user", "parent": "dealer"}[tc.field]
				r := admin.query(t, tc.query, map[string]any{"own": own["dealer"], "id": ids[kind+"/missing"]})
				if r.code() != "NOT_FOUND" || r.Errors[0].Extensions["field"] != tc.field {
					t.Errorf("got %+v, want NOT_FOUND on %s", r.Errors, tc.field)
				}
				if after := rowsSnapshot(t, admin, own["dealer"]); after != before {
					t.Errorf("rows changed:\nbefore: %s\nafter:  %s", before, after)
				}
			})
		}
	})
}
