package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/server"
)

// The markers the person's data is written with: found case-insensitively
// (the search index keeps words in lower case).
var personalMarkers = []string{"zqx", "1390007788"}

const erasureFields = `placeholder tokensRevoked linksVoided pushSubscriptionsRemoved messagesDropped
	notificationsRemoved textsErased copiesScrubbed filesErased`

type erasureResult struct {
	Placeholder                                          string
	TokensRevoked, LinksVoided, PushSubscriptionsRemoved int
	MessagesDropped, NotificationsRemoved, TextsErased   int
	CopiesScrubbed, FilesErased                          int
}

var invitationToken = regexp.MustCompile(`dlt_[A-Za-z0-9_-]+`)

// markersIn reads every column of every table of m's database as text
// (blobs too) and answers where a marker stands.
func markersIn(t *testing.T, m *server.Main) []string {
	t.Helper()
	ctx := context.Background()
	db := m.Client()
	postgres := strings.Contains(t.Name(), "postgres")
	type col struct{ table, name, typ string }
	var cols []col
	scan := func(q string, args ...any) {
		rows, err := db.QueryContext(ctx, q, args...)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var c col
			if err := rows.Scan(&c.table, &c.name, &c.typ); err != nil {
				t.Fatal(err)
			}
			cols = append(cols, c)
		}
	}
	var tables []string
	if postgres {
		scan(`SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
			JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
			WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'`)
	} else {
		rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table'`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var n string
			rows.Scan(&n)
			tables = append(tables, n)
		}
		rows.Close()
		for _, tb := range tables {
			scan(`SELECT ?, name, type FROM pragma_table_info(?)`, tb, tb)
		}
	}
	if len(cols) < 100 {
		t.Fatalf("only %d columns found", len(cols))
	}
	var found []string
	for _, c := range cols {
		for _, mk := range personalMarkers {
			var q string
			switch {
			case postgres && c.typ == "bytea":
				q = fmt.Sprintf(`SELECT COUNT(*) FROM %q WHERE encode(%q, 'escape') ILIKE '%%%s%%'`, c.table, c.name, mk)
			case postgres:
				q = fmt.Sprintf(`SELECT COUNT(*) FROM %q WHERE %q::text ILIKE '%%%s%%'`, c.table, c.name, mk)
			default:
				q = fmt.Sprintf(`SELECT COUNT(*) FROM %q WHERE CAST(%q AS TEXT) LIKE '%%%s%%'`, c.table, c.name, mk)
			}
			var n int
			rows, err := db.QueryContext(ctx, q)
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			for rows.Next() {
				rows.Scan(&n)
			}
			rows.Close()
			if n > 0 {
				found = append(found, fmt.Sprintf("%s.%s (%d rows: %s)", c.table, c.name, n, mk))
			}
		}
	}
	return found
}

// sqlInts runs a query answering one row of integers.
func sqlInts(t *testing.T, m *server.Main, q string) []int64 {
	t.Helper()
	rows, err := m.Client().QueryContext(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	out := make([]int64, len(cols))
	ptrs := make([]any, len(cols))
	for i := range out {
		ptrs[i] = &out[i]
	}
	if !rows.Next() {
		t.Fatal("no row")
	}
	if err := rows.Scan(ptrs...); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestPersonal_EraseLeavesNoTrace: a user and a contact are written with
// markers in their names, e-mail, phone and everything they wrote; their
// copies travel to the search index, notifications and the event log.
// After erasure no column of any table holds a marker, while orders,
// invoices, payments and the audit trail are whole, and the user cannot
// sign in.
func TestPersonal_EraseLeavesNoTrace(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		south := signIn(t, m, "south@demo.test")
		dealerID := dealersByCode(t, admin)["D-SOUTH"]

		// The person: an administrator (who writes every kind of text).
		var inv struct {
			InviteUser struct {
				User struct{ ID string }
				Link *string
			}
		}
		admin.mustQuery(t, `mutation($in: InviteUserInput!) { inviteUser(input: $in) { user { id } link } }`,
			map[string]any{"in": map[string]any{"email": "zqxuser@example.com", "name": "Zqxuser Alpha", "role": "ADMIN"}}, &inv)
		if inv.InviteUser.Link == nil {
			t.Fatal("no invitation link")
		}
		var acc struct{ AcceptInvitation struct{ Token string } }
		client{m: m}.mustQuery(t, `mutation($t: String!) { acceptInvitation(token: $t, password: "zqx-secret-pass-1") { token } }`,
			map[string]any{"t": invitationToken.FindString(*inv.InviteUser.Link)}, &acc)
		person := client{m: m, token: acc.AcceptInvitation.Token}
		userID := inv.InviteUser.User.ID

		var ct struct{ CreateContact struct{ ID string } }
		admin.mustQuery(t, `mutation($in: CreateContactInput!) { createContact(input: $in) { id } }`,
			map[string]any{"in": map[string]any{"name": "Zqxcontact Beta", "title": "Buyer", "email": "zqxcontact@example.com",
				"phone": "+86 1390007788", "dealerID": dealerID}}, &ct)
		contactID := ct.CreateContact.ID

		// A ticket the dealer opens naming the contact; the person answers.
		var tk struct{ OpenServiceTicket struct{ ID string } }
		south.mustQuery(t, `mutation { openServiceTicket(input: {subject: "Pallet damaged", body: "Please ask Zqxcontact Beta about the pallet"}) { id } }`, nil, &tk)
		person.mustQuery(t, `mutation($id: ID!) { replyToTicket(id: $id, body: "Zqxreply: we send a new pallet on Monday morning") { id } }`,
			map[string]any{"id": tk.OpenServiceTicket.ID}, &struct{}{})
		south.mustQuery(t, `mutation($id: ID!) { replyToTicket(id: $id, body: "Thank you") { id } }`,
			map[string]any{"id": tk.OpenServiceTicket.ID}, &struct{}{})
		photo := testPNG(t, 8, 8)
		mustAttachment(t, person.upload(t, tk.OpenServiceTicket.ID, "Zqxphoto of the pallet.png", photo))

		// An interaction naming the contact, with a follow-up.
		person.mustQuery(t, `mutation($in: LogInteractionInput!) { logInteraction(input: $in) { id } }`, map[string]any{"in": map[string]any{
			"dealerID": dealerID, "kind": "VISIT", "occurredAt": time.Now().UTC().Format(time.RFC3339),
			"subject": "Zqxvisit at the warehouse", "notes": "Met Zqxcontact Beta (zqxcontact@example.com, +86 1390007788) about zqxnotes",
			"outcome": "Zqxoutcome agreed on a trial", "contactIDs": []string{contactID},
			"followUp": map[string]any{"dueOn": time.Now().AddDate(0, 0, 7).Format("2006-01-02"), "text": "Zqxfollow call back next week"},
		}}, &struct{}{})

		// An order with a note.
		var prods struct {
			Products struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		south.mustQuery(t, `{ products(first: 1) { edges { node { id } } } }`, nil, &prods)
		var ord struct{ PlaceOrder struct{ ID, Total string } }
		person.mustQuery(t, `mutation($in: PlaceOrderInput!) { placeOrder(input: $in) { id total } }`, map[string]any{"in": map[string]any{
			"dealerID": dealerID, "note": "Zqxorder: deliver to the back door please",
			"lines": []map[string]any{{"productID": prods.Products.Edges[0].Node.ID, "quantity": 2}},
		}}, &ord)

		// The notifications that copy the person's name and the ticket.
		unread := func(c client) int {
			var n struct {
				Notifications struct{ TotalCount, UnreadCount int }
			}
			c.mustQuery(t, `{ notifications(first: 50) { unreadCount } }`, nil, &n)
			return n.Notifications.UnreadCount
		}
		waitFor(t, 15*time.Second, "notifications", func() bool { return unread(person) > 0 && unread(south) > 0 })
		found := markersIn(t, m)
		for _, want := range []string{"search_entries.terms", "events.payload", "notifications.params", "ticket_replies.author_name", "follow_ups.assignee_name"} {
			if !strings.Contains(strings.Join(found, "\n"), want) {
				t.Errorf("no marker in %s before the erasure: %s", want, found)
			}
		}

		// Export: the person's own, and the contact's by an administrator.
		var ex struct{ ExportPersonalData string }
		person.mustQuery(t, `query($u: ID) { exportPersonalData(userID: $u) }`, map[string]any{"u": userID}, &ex)
		var doc struct {
			Profile map[string]any
			Records map[string][]map[string]any
		}
		if err := json.Unmarshal([]byte(ex.ExportPersonalData), &doc); err != nil {
			t.Fatal(err)
		}
		if doc.Profile["email"] != "zqxuser@example.com" {
			t.Errorf("profile: %v", doc.Profile)
		}
		if _, ok := doc.Profile["password_hash"]; ok {
			t.Error("the export holds the password hash")
		}
		for _, k := range []string{"tokens", "notifications", "interactions", "ticket_replies", "orders", "follow_ups"} {
			if len(doc.Records[k]) == 0 {
				t.Errorf("the export has no %s: %v", k, keys(doc.Records))
			}
		}
		// The uploaded file, with where to download it.
		files := doc.Records["attachments.uploaded_by_id"]
		if len(files) != 1 || files[0]["file_name"] != "Zqxphoto of the pallet.png" {
			t.Fatalf("the export's files: %v (records %v)", files, keys(doc.Records))
		}
		if path, _ := files[0]["download"].(string); path == "" {
			t.Errorf("the file has no download path: %v", files[0])
		} else if resp, body := download(t, m, admin.token, path); resp.StatusCode != 200 || !bytes.Equal(body, photo) {
			t.Errorf("downloading %s: %d, %d bytes", path, resp.StatusCode, len(body))
		}
		for _, tok := range doc.Records["tokens"] {
			if _, ok := tok["secret_hash"]; ok {
				t.Error("the export holds a token's hash")
			}
		}
		admin.mustQuery(t, `query($c: ID) { exportPersonalData(contactID: $c) }`, map[string]any{"c": contactID}, &ex)
		if !strings.Contains(ex.ExportPersonalData, "Zqxvisit") || !strings.Contains(ex.ExportPersonalData, "1390007788") {
			t.Errorf("the contact's export lacks its interaction or phone: %s", ex.ExportPersonalData)
		}

		// Refusals, each changing nothing.
		audits := func() int64 { return sqlInts(t, m, `SELECT COUNT(*) FROM audit_entries`)[0] }
		before := audits()
		erase := `mutation($u: ID, $c: ID, $n: String!) { erasePersonalData(userID: $u, contactID: $c, note: $n) { ` + erasureFields + ` } }`
		var me struct{ Me struct{ ID string } }
		admin.mustQuery(t, `{ me { id } }`, nil, &me)
		for _, c := range []struct {
			who         client
			vars        map[string]any
			code, field string
		}{
			{admin, map[string]any{"u": me.Me.ID, "n": "asked"}, "INVALID_INPUT", "userID"},
			{admin, map[string]any{"c": contactID, "n": "  "}, "INVALID_INPUT", "note"},
			{admin, map[string]any{"u": userID, "c": contactID, "n": "asked"}, "INVALID_INPUT", "userID"},
			{admin, map[string]any{"n": "asked"}, "INVALID_INPUT", "userID"},
			{admin, map[string]any{"c": "999999999", "n": "asked"}, "NOT_FOUND", ""},
			{south, map[string]any{"c": contactID, "n": "asked"}, "FORBIDDEN", ""},
			{south, map[string]any{"u": userID, "n": "asked"}, "FORBIDDEN", ""},
		} {
			r := c.who.query(t, erase, c.vars)
			if r.code() != c.code {
				t.Errorf("%v: code %q, want %q (%+v)", c.vars, r.code(), c.code, r.Errors)
			} else if f, _ := r.Errors[0].Extensions["field"].(string); f != c.field {
				t.Errorf("%v: field %q, want %q", c.vars, f, c.field)
			}
		}
		// A dealer sees neither the administrator nor another dealer's user.
		var north struct{ Me struct{ ID string } }
		signIn(t, m, "north@demo.test").mustQuery(t, `{ me { id } }`, nil, &north)
		for _, id := range []string{userID, north.Me.ID, "999999999"} {
			if r := south.query(t, `query($u: ID) { exportPersonalData(userID: $u) }`, map[string]any{"u": id}); r.code() != "NOT_FOUND" {
				t.Errorf("a dealer exports user %s: %q, want NOT_FOUND", id, r.code())
			}
		}
		if r := south.query(t, `query($c: ID) { exportPersonalData(contactID: $c) }`, map[string]any{"c": contactID}); r.code() != "FORBIDDEN" {
			t.Errorf("a dealer exports a contact: %q, want FORBIDDEN", r.code())
		}
		if audits() != before || len(markersIn(t, m)) == 0 {
			t.Fatal("a refused erasure wrote")
		}

		money := func() []int64 {
			return sqlInts(t, m, `SELECT (SELECT COUNT(*) FROM orders), (SELECT COALESCE(SUM(total), 0) FROM orders),
				(SELECT COUNT(*) FROM invoices), (SELECT COALESCE(SUM(amount), 0) FROM invoices),
				(SELECT COUNT(*) FROM payments), (SELECT COALESCE(SUM(amount), 0) FROM payments),
				(SELECT COUNT(*) FROM audit_entries)`)
		}
		kept := money()

		var er struct{ ErasePersonalData erasureResult }
		admin.mustQuery(t, erase, map[string]any{"u": userID, "n": "Asked by e-mail on 1 December"}, &er)
		got := er.ErasePersonalData
		if !strings.HasPrefix(got.Placeholder, "erased-user-") || got.TokensRevoked < 1 || got.TextsErased < 5 || got.CopiesScrubbed < 1 {
			t.Errorf("user erasure: %+v", got)
		}
		admin.mustQuery(t, erase, map[string]any{"c": contactID, "n": "Asked by phone"}, &er)
		if !strings.HasPrefix(er.ErasePersonalData.Placeholder, "erased-contact-") || er.ErasePersonalData.CopiesScrubbed < 1 {
			t.Errorf("contact erasure: %+v", er.ErasePersonalData)
		}

		if found := markersIn(t, m); len(found) > 0 {
			t.Errorf("erased values remain in:\n%s", strings.Join(found, "\n"))
		}
		after := money()
		if fmt.Sprint(after[:6]) != fmt.Sprint(kept[:6]) || after[6] != kept[6]+2 {
			t.Errorf("orders, invoices, payments, audit: before %v, after %v", kept, after)
		}
		var o struct {
			Node struct{ Total, Note string }
		}
		admin.mustQuery(t, `query($id: ID!) { node(id: $id) { ... on Order { total note } } }`, map[string]any{"id": ord.PlaceOrder.ID}, &o)
		if o.Node.Total != ord.PlaceOrder.Total || o.Node.Note != "[erased]" {
			t.Errorf("order after erasure: %+v (total was %s)", o.Node, ord.PlaceOrder.Total)
		}
		if n := sqlInts(t, m, `SELECT COUNT(*) FROM audit_entries WHERE action = 'personal.erase'`)[0]; n != 2 {
			t.Errorf("%d erasure audit entries, want 2", n)
		}

		// The person is signed out and cannot sign in again.
		if r := person.query(t, `{ me { id } }`, nil); r.code() != "UNAUTHENTICATED" {
			t.Errorf("the erased user's token: %q", r.code())
		}
		for _, email := range []string{"zqxuser@example.com", "erased-" + strings.TrimPrefix(got.Placeholder, "erased-user-") + "@invalid"} {
			if r := loginWith(t, m, email, "zqx-secret-pass-1"); r.code() != "UNAUTHENTICATED" {
				t.Errorf("sign-in as %s: %q", email, r.code())
			}
		}
		// The search finds the placeholder, not the name.
		var s struct {
			Search []struct{ Snippet string }
		}
		admin.mustQueryAllowingErrors(t, `{ search(query: "Zqxcontact") { snippet } }`, nil, &s)
		if len(s.Search) > 0 {
			t.Errorf("the search still finds the contact: %+v", s.Search)
		}
	})
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
