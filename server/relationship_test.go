package server_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/server"
)

// relIDs are the demo rows the relationship tests work on.
type relIDs struct {
	demoIDSet
	east, capital                    string // a Key accounts distributor; a sub-dealer of North
	admin, manager, keys, southUser  string // users
	southOrder, northOrder, subOrder string
}

func relationshipIDs(t *testing.T, admin client) relIDs {
	t.Helper()
	ids := relIDs{demoIDSet: demoIDs(t, admin)}
	var got struct {
		Users struct {
			Edges []struct{ Node struct{ ID, Email string } }
		}
		Dealers struct {
			Edges []struct{ Node struct{ ID, Code string } }
		}
	}
	admin.mustQuery(t, `{ users(first: 100) { edges { node { id email } } } dealers(first: 100) { edges { node { id code } } } }`, nil, &got)
	for _, e := range got.Users.Edges {
		switch e.Node.Email {
		case "admin@demo.test":
			ids.admin = e.Node.ID
		case "manager@demo.test":
			ids.manager = e.Node.ID
		case "keys@demo.test":
			ids.keys = e.Node.ID
		case "south@demo.test":
			ids.southUser = e.Node.ID
		}
	}
	for _, e := range got.Dealers.Edges {
		switch e.Node.Code {
		case "D-EAST":
			ids.east = e.Node.ID
		case "D-BJ-01":
			ids.capital = e.Node.ID
		}
	}
	orderOf := func(dealer string) string {
		var o struct {
			Orders struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
		admin.mustQuery(t, `query($d: ID!) { orders(dealerID: $d, first: 1) { edges { node { id } } } }`, map[string]any{"d": dealer}, &o)
		if len(o.Orders.Edges) == 0 {
			t.Fatalf("dealer %s has no demo order", dealer)
		}
		return o.Orders.Edges[0].Node.ID
	}
	ids.southOrder, ids.northOrder, ids.subOrder = orderOf(ids.south), orderOf(ids.north), orderOf(ids.capital)
	return ids
}

const logInteractionQ = `mutation($in: LogInteractionInput!) { logInteraction(input: $in) {
	id dealerID kind occurredAt subject notes outcome authorName contacts { id }
	followUp { id dueOn text assigneeName status doneAt doneByName } } }`

type interactionNode struct {
	ID, DealerID, Kind, OccurredAt, Subject, Notes, Outcome, AuthorName string
	Contacts                                                            []struct{ ID string }
	FollowUp                                                            *followUpNode
}

type followUpNode struct {
	ID, DueOn, Text, AssigneeName, Status, DoneByName string
	DoneAt                                            *string
}

func logInteraction(t *testing.T, c client, in map[string]any) interactionNode {
	t.Helper()
	var got struct{ LogInteraction interactionNode }
	c.mustQuery(t, logInteractionQ, map[string]any{"in": in}, &got)
	return got.LogInteraction
}

// businessDay is the UTC business date days from today (the tests' server
// keeps UTC).
func businessDay(days int) string {
	return time.Now().UTC().AddDate(0, 0, days).Format(time.DateOnly)
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return at
}

func ago(d time.Duration) string { return time.Now().Add(-d).UTC().Format(time.RFC3339) }

// only keeps the ids made by the test, in the order given: the demo data
// has rows of its own.
func only(ids []string, made ...string) []string {
	out := []string{}
	for _, id := range ids {
		if slices.Contains(made, id) {
			out = append(out, id)
		}
	}
	return out
}

// declare declares the variables vars gives values to, of the list
// arguments the tests filter by.
func declare(vars map[string]any) string {
	types := map[string]string{"d": "ID", "k": "InteractionKind", "from": "Date", "to": "Date", "s": "TicketStatus"}
	var decl []string
	for _, name := range slices.Sorted(maps.Keys(vars)) {
		decl = append(decl, "$"+name+": "+types[name])
	}
	if len(decl) == 0 {
		return ""
	}
	return "(" + strings.Join(decl, ", ") + ")"
}

func connIDs(c connection) []string {
	var ids []string
	for _, e := range c.Edges {
		ids = append(ids, e.Node.ID)
	}
	return ids
}

// auditOf is the actions of the audit trail of a subject, oldest first.
func auditOf(t *testing.T, admin client, id string) []string {
	t.Helper()
	var got struct {
		AuditEntries struct {
			Edges []struct{ Node struct{ Action string } }
		}
	}
	admin.mustQuery(t, `query($id: ID!) { auditEntries(where: {subjectID: $id}, orderBy: {field: AT, direction: ASC}) { edges { node { action } } } }`,
		map[string]any{"id": mustInt(t, id)}, &got)
	var actions []string
	for _, e := range got.AuditEntries.Edges {
		actions = append(actions, e.Node.Action)
	}
	return actions
}

// A manager logs a visit with the dealer's contacts and a follow-up for
// itself; lists filter by dealer, kind and business dates, newest first;
// the author corrects it within the day, audited.
func TestRelationship_LogAndListInteractions(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin, manager := signIn(t, m, "admin@demo.test"), signIn(t, m, "manager@demo.test")
		ids := relationshipIDs(t, admin)

		visit := logInteraction(t, manager, map[string]any{
			"dealerID": ids.south, "kind": "VISIT", "occurredAt": ago(2 * time.Hour),
			"subject": "  Quarterly visit  ", "notes": "客户反映售后响应慢\r\nWants faster repairs.", "outcome": "Agreed a repair SLA",
			"contactIDs": []string{ids.southContact, ids.southContact},
			"followUp":   map[string]any{"dueOn": businessDay(3), "text": "Send the SLA draft"},
		})
		if visit.Subject != "Quarterly visit" || visit.Notes != "客户反映售后响应慢\nWants faster repairs." || visit.AuthorName != "Liu Yang" ||
			len(visit.Contacts) != 1 || visit.Contacts[0].ID != ids.southContact {
			t.Errorf("logged %+v", visit)
		}
		if f := visit.FollowUp; f == nil || f.AssigneeName != "Liu Yang" || f.Status != "OPEN" || f.DueOn != businessDay(3) || f.DoneAt != nil {
			t.Errorf("its follow-up: %+v", f)
		}
		if got := auditOf(t, admin, visit.ID); !slices.Equal(got, []string{"interaction.log"}) {
			t.Errorf("audit of the interaction: %q", got)
		}
		call := logInteraction(t, admin, map[string]any{
			"dealerID": ids.south, "kind": "CALL", "occurredAt": businessDay(-2) + "T12:00:00Z", "subject": "Price question",
		})
		if call.FollowUp != nil || call.AuthorName != "Chen Jing" || call.Notes != "" || len(call.Contacts) != 0 {
			t.Errorf("a call without a follow-up: %+v", call)
		}
		training := logInteraction(t, manager, map[string]any{
			"dealerID": ids.north, "kind": "TRAINING", "occurredAt": ago(0), "subject": "Brushless range training",
		})

		list := func(args string, vars map[string]any) []string {
			t.Helper()
			var got struct{ Interactions connection }
			manager.mustQuery(t, `query`+declare(vars)+` { interactions(first: 100, `+args+`) { totalCount edges { node { id } } } }`, vars, &got)
			return only(connIDs(got.Interactions), visit.ID, call.ID, training.ID)
		}
		if got := list("dealerID: $d", map[string]any{"d": ids.south}); !slices.Equal(got, []string{visit.ID, call.ID}) {
			t.Errorf("south's interactions, newest first: %v; want %v", got, []string{visit.ID, call.ID})
		}
		if got := list("dealerID: $d, kind: $k", map[string]any{"d": ids.south, "k": "CALL"}); !slices.Equal(got, []string{call.ID}) {
			t.Errorf("south's calls: %v", got)
		}
		// Half-open business dates: from today; up to (not including) today.
		if got := list("from: $from", map[string]any{"from": businessDay(0)}); slices.Contains(got, call.ID) || !slices.Contains(got, training.ID) {
			t.Errorf("from today: %v (the call was two days ago)", got)
		}
		if got := list("to: $to", map[string]any{"to": businessDay(-2)}); slices.Contains(got, call.ID) {
			t.Errorf("to the day of the call, excluded: %v holds it", got)
		}
		if got := list("from: $from, to: $to", map[string]any{"from": businessDay(-2), "to": businessDay(-1)}); !slices.Equal(got, []string{call.ID}) {
			t.Errorf("the day before yesterday: %v; want the call", got)
		}
		if r := manager.query(t, `{ interactions(from: "2026-02-01", to: "2026-01-01") { totalCount } }`, nil); r.code() != "INVALID_INPUT" || r.Errors[0].Extensions["field"] != "to" {
			t.Errorf("to before from: %+v", r.Errors)
		}

		// A page with its edges costs the same statements whatever its size.
		var logged []string
		for i := range 4 {
			logged = append(logged, logInteraction(t, manager, map[string]any{
				"dealerID": ids.north, "kind": "MESSAGE", "occurredAt": ago(time.Duration(i) * time.Minute), "subject": fmt.Sprint("Message ", i),
				"contactIDs": []string{ids.northContact}, "followUp": map[string]any{"dueOn": businessDay(i), "text": "Answer"},
			}).ID)
		}
		// A contact takes part in many interactions.
		var messages struct {
			Interactions struct {
				Edges []struct{ Node interactionNode }
			}
		}
		manager.mustQuery(t, `query($d: ID!) { interactions(dealerID: $d, kind: MESSAGE, first: 10) { edges { node { id contacts { id } } } } }`,
			map[string]any{"d": ids.north}, &messages)
		seen := 0
		for _, e := range messages.Interactions.Edges {
			if !slices.Contains(logged, e.Node.ID) {
				continue // the demo's
			}
			seen++
			if len(e.Node.Contacts) != 1 || e.Node.Contacts[0].ID != ids.northContact {
				t.Errorf("message %s took part with %+v; want North's contact", e.Node.ID, e.Node.Contacts)
			}
		}
		if seen != len(logged) {
			t.Errorf("%d of the %d messages logged listed", seen, len(logged))
		}
		count := func(n int) int64 {
			before := m.Statements()
			var got struct{ Interactions connection }
			manager.mustQuery(t, `query($n: Int) { interactions(first: $n) { totalCount edges { node { id subject dealer { code } author { id }
				contacts { id name } followUp { status assigneeName assignee { id } } } } } }`, map[string]any{"n": n}, &got)
			if len(got.Interactions.Edges) != n {
				t.Fatalf("first %d gave %d", n, len(got.Interactions.Edges))
			}
			return m.Statements() - before
		}
		count(1)
		if small, large := count(2), count(6); small != large {
			t.Errorf("interactions(first: 2) took %d statements, (first: 6) %d", small, large)
		}

		// The author corrects it within the day; the audit says what changed.
		const updateQ = `mutation($id: ID!, $in: UpdateInteractionInput!) { updateInteraction(id: $id, input: $in) { subject outcome kind contacts { id } } }`
		var upd struct {
			UpdateInteraction struct {
				Subject, Outcome, Kind string
				Contacts               []struct{ ID string }
			}
		}
		manager.mustQuery(t, updateQ, map[string]any{"id": visit.ID, "in": map[string]any{"subject": "Quarterly business visit", "contactIDs": []string{}}}, &upd)
		if u := upd.UpdateInteraction; u.Subject != "Quarterly business visit" || u.Outcome != "Agreed a repair SLA" || u.Kind != "VISIT" || len(u.Contacts) != 0 {
			t.Errorf("corrected: %+v", u)
		}
		var audit struct {
			AuditEntries struct {
				Edges []struct {
					Node struct{ Details map[string]any }
				}
			}
		}
		admin.mustQuery(t, `query($id: ID!) { auditEntries(where: {subjectID: $id, action: "interaction.update"}) { edges { node { details } } } }`,
			map[string]any{"id": mustInt(t, visit.ID)}, &audit)
		if e := audit.AuditEntries.Edges; len(e) != 1 {
			t.Errorf("audit of the correction: %+v", e)
		} else if changed, _ := e[0].Node.Details["changed"].(map[string]any); len(changed) != 2 || changed["contactIDs"] == nil ||
			fmt.Sprint(changed["subject"]) != "map[from:Quarterly visit to:Quarterly business visit]" {
			t.Errorf("the correction's audit says %v changed; want the subject and the contacts", changed)
		}
		// Someone else corrects by a new entry.
		if r := admin.query(t, updateQ, map[string]any{"id": visit.ID, "in": map[string]any{"subject": "Mine now"}}); r.code() != "FORBIDDEN" || !strings.Contains(r.Errors[0].Message, "new entry") {
			t.Errorf("an admin correcting the manager's entry: %+v", r.Errors)
		}
		if r := manager.query(t, updateQ, map[string]any{"id": visit.ID, "in": map[string]any{"occurredAt": time.Now().Add(time.Hour).Format(time.RFC3339)}}); r.code() != "INVALID_INPUT" || r.Errors[0].Extensions["field"] != "occurredAt" {
			t.Errorf("a correction into the future: %+v", r.Errors)
		}
	})
}

const myFollowUpsQ = `query($s: FollowUpStatus) { myFollowUps(status: $s, first: 100) { totalCount edges { node { id text status dueOn doneAt assigneeName } } } }`

// myFollowUps lists c's follow-ups in status ("" for all).
func myFollowUps(t *testing.T, c client, status string) []followUpNode {
	t.Helper()
	vars := map[string]any{}
	if status != "" {
		vars["s"] = status
	}
	var got struct {
		MyFollowUps struct {
			TotalCount int
			Edges      []struct{ Node followUpNode }
		}
	}
	c.mustQuery(t, myFollowUpsQ, vars, &got)
	out := []followUpNode{}
	for _, e := range got.MyFollowUps.Edges {
		out = append(out, e.Node)
	}
	if got.MyFollowUps.TotalCount < len(out) {
		t.Errorf("myFollowUps(%s): totalCount %d for %d", status, got.MyFollowUps.TotalCount, len(out))
	}
	return out
}

// texts are the texts of the follow-ups among fs that the test made.
func texts(fs []followUpNode, made ...followUpNode) []string {
	out := []string{}
	for _, f := range fs {
		if slices.ContainsFunc(made, func(m followUpNode) bool { return m.ID == f.ID }) {
			out = append(out, f.Text)
		}
	}
	return out
}

// Follow-ups: overdue in the business time zone, listed earliest due
// first (OPEN includes overdue), completed once, reassigned to staff who
// see the dealer.
func TestRelationship_FollowUps(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin, manager := signIn(t, m, "admin@demo.test"), signIn(t, m, "manager@demo.test")
		ids := relationshipIDs(t, admin)
		setFollowUp := func(c client, dealer, text string, occurred time.Duration, due int, assignee string) followUpNode {
			t.Helper()
			fu := map[string]any{"dueOn": businessDay(due), "text": text}
			if assignee != "" {
				fu["assigneeID"] = assignee
			}
			i := logInteraction(t, c, map[string]any{"dealerID": dealer, "kind": "CALL", "occurredAt": ago(occurred), "subject": text, "followUp": fu})
			return *i.FollowUp
		}
		late := setFollowUp(manager, ids.south, "Late", 10*24*time.Hour, -5, "")
		soon := setFollowUp(manager, ids.north, "Soon", time.Hour, 2, "")
		later := setFollowUp(admin, ids.south, "Later", time.Hour, 9, ids.manager) // the admin gives it to the manager
		made := []followUpNode{late, soon, later}
		if late.Status != "OVERDUE" || soon.Status != "OPEN" || later.AssigneeName != "Liu Yang" {
			t.Errorf("late %+v, soon %+v, later %+v", late, soon, later)
		}
		if got := texts(myFollowUps(t, manager, "OPEN"), made...); !slices.Equal(got, []string{"Late", "Soon", "Later"}) {
			t.Errorf("open, earliest due first: %q", got)
		}
		if got := texts(myFollowUps(t, manager, "OVERDUE"), made...); !slices.Equal(got, []string{"Late"}) {
			t.Errorf("overdue: %q", got)
		}
		if got := texts(myFollowUps(t, admin, ""), made...); len(got) != 0 {
			t.Errorf("the admin set one for the manager, and has %q", got)
		}

		const completeQ = `mutation($id: ID!) { completeFollowUp(id: $id) { status doneAt doneByName } }`
		var done, again struct {
			CompleteFollowUp struct {
				Status, DoneByName string
				DoneAt             *string
			}
		}
		manager.mustQuery(t, completeQ, map[string]any{"id": soon.ID}, &done)
		time.Sleep(10 * time.Millisecond)
		admin.mustQuery(t, completeQ, map[string]any{"id": soon.ID}, &again)
		if d := done.CompleteFollowUp; d.Status != "DONE" || d.DoneAt == nil || d.DoneByName != "Liu Yang" || *again.CompleteFollowUp.DoneAt != *d.DoneAt {
			t.Errorf("completed %+v, then again %+v", d, again.CompleteFollowUp)
		}
		manager.mustQuery(t, completeQ, map[string]any{"id": late.ID}, &done)
		if got := texts(myFollowUps(t, manager, "DONE"), made...); !slices.Equal(got, []string{"Late", "Soon"}) {
			t.Errorf("done, latest first: %q", got)
		}
		if got := texts(myFollowUps(t, manager, "OPEN"), made...); !slices.Equal(got, []string{"Later"}) {
			t.Errorf("open after completing two: %q", got)
		}
		if got := auditOf(t, admin, soon.ID); !slices.Equal(got, []string{"followup.complete"}) {
			t.Errorf("audit of completing twice: %q", got)
		}

		const reassignQ = `mutation($id: ID!, $to: ID!) { reassignFollowUp(id: $id, assigneeID: $to) { assigneeName status } }`
		var re struct {
			ReassignFollowUp struct{ AssigneeName, Status string }
		}
		admin.mustQuery(t, reassignQ, map[string]any{"id": later.ID, "to": ids.admin}, &re)
		if re.ReassignFollowUp.AssigneeName != "Chen Jing" || len(texts(myFollowUps(t, manager, "OPEN"), made...)) != 0 ||
			!slices.Equal(texts(myFollowUps(t, admin, "OPEN"), made...), []string{"Later"}) {
			t.Errorf("reassigned to the admin: %+v", re.ReassignFollowUp)
		}
		for _, tc := range []struct {
			name, id, to, code, field string
		}{
			{"ToAManagerWhoCannotSeeTheDealer", later.ID, ids.keys, "INVALID_INPUT", "assigneeID"},
			{"ToADealerUser", later.ID, ids.southUser, "INVALID_INPUT", "assigneeID"},
			{"ToNobody", later.ID, fmt.Sprint(mustInt(t, ids.keys) + 1_000_000), "NOT_FOUND", "assigneeID"},
			{"ADoneOne", soon.ID, ids.admin, "INVALID_TRANSITION", "id"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				before := relationshipSnapshot(t, admin)
				r := admin.query(t, reassignQ, map[string]any{"id": tc.id, "to": tc.to})
				if r.code() != tc.code || r.Errors[0].Extensions["field"] != tc.field {
					t.Errorf("got %+v; want %s of %s", r.Errors, tc.code, tc.field)
				}
				if after := relationshipSnapshot(t, admin); after != before {
					t.Errorf("a refused reassignment changed data:\nbefore %s\nafter  %s", before, after)
				}
			})
		}
		// The manager reads only itself among staff: another's id is not there.
		if r := manager.query(t, reassignQ, map[string]any{"id": later.ID, "to": ids.admin}); r.code() != "NOT_FOUND" || r.Errors[0].Extensions["field"] != "assigneeID" {
			t.Errorf("a manager reassigning to a user it cannot read: %+v", r.Errors)
		}
	})
}

// Interactions and follow-ups are internal: dealer users never see them,
// by any path; a manager sees its own dealers' only.
func TestRelationship_InteractionsAreInternal(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin, manager := signIn(t, m, "admin@demo.test"), signIn(t, m, "manager@demo.test")
		ids := relationshipIDs(t, admin)
		south := logInteraction(t, admin, map[string]any{
			"dealerID": ids.south, "kind": "MEETING", "occurredAt": ago(time.Hour), "subject": "Credit review",
			"followUp": map[string]any{"dueOn": businessDay(1), "text": "Decide", "assigneeID": ids.manager},
		})
		east := logInteraction(t, admin, map[string]any{
			"dealerID": ids.east, "kind": "EMAIL", "occurredAt": ago(time.Hour), "subject": "Framework renewal",
			"followUp": map[string]any{"dueOn": businessDay(1), "text": "Renew", "assigneeID": ids.keys},
		})
		const nodeQ = `query($id: ID!) { node(id: $id) { id } }`
		for _, tc := range []struct {
			email   string
			visible []string // interactions and follow-ups
		}{
			{"admin@demo.test", []string{south.ID, south.FollowUp.ID, east.ID, east.FollowUp.ID}},
			{"manager@demo.test", []string{south.ID, south.FollowUp.ID}},
			{"keys@demo.test", []string{east.ID, east.FollowUp.ID}},
			{"north@demo.test", nil},
			{"south@demo.test", nil},
		} {
			t.Run(strings.TrimSuffix(tc.email, "@demo.test"), func(t *testing.T) {
				c := signIn(t, m, tc.email)
				var got struct {
					Interactions, MyFollowUps connection
				}
				c.mustQuery(t, `{ interactions(first: 100) { totalCount edges { node { id } } } myFollowUps { totalCount edges { node { id } } } }`, nil, &got)
				listed := only(connIDs(got.Interactions), south.ID, east.ID)
				wantListed := []string{}
				for _, id := range []string{south.ID, east.ID} {
					if slices.Contains(tc.visible, id) {
						wantListed = append(wantListed, id)
					}
				}
				slices.Sort(listed)
				slices.Sort(wantListed)
				if !slices.Equal(listed, wantListed) {
					t.Errorf("interactions = %v, want %v", listed, wantListed)
				}
				if tc.visible == nil && (got.Interactions.TotalCount != 0 || got.MyFollowUps.TotalCount != 0) {
					t.Errorf("a dealer user has %d interactions and %d follow-ups", got.Interactions.TotalCount, got.MyFollowUps.TotalCount)
				}
				missing := c.query(t, nodeQ, map[string]any{"id": fmt.Sprint(mustInt(t, south.ID) + 1_000_000)})
				for _, id := range []string{south.ID, south.FollowUp.ID, east.ID, east.FollowUp.ID} {
					r := c.query(t, nodeQ, map[string]any{"id": id})
					if slices.Contains(tc.visible, id) {
						if !strings.Contains(string(r.Data), id) {
							t.Errorf("node(%s) = %s %+v, want it", id, r.Data, r.Errors)
						}
						continue
					}
					if string(r.Data) != string(missing.Data) || fmt.Sprint(r.Errors) != fmt.Sprint(missing.Errors) {
						t.Errorf("node(%s), not visible, = %s %+v; a missing id gives %s %+v", id, r.Data, r.Errors, missing.Data, missing.Errors)
					}
				}
			})
		}
		// Dealer users log nothing and complete nothing.
		southUser := signIn(t, m, "south@demo.test")
		if r := southUser.query(t, logInteractionQ, map[string]any{"in": map[string]any{
			"dealerID": ids.south, "kind": "CALL", "occurredAt": ago(time.Hour), "subject": "Me"}}); r.code() != "FORBIDDEN" {
			t.Errorf("a dealer user logging an interaction: %+v", r.Errors)
		}
		if r := southUser.query(t, `mutation($id: ID!) { completeFollowUp(id: $id) { id } }`, map[string]any{"id": south.FollowUp.ID}); r.code() != "FORBIDDEN" {
			t.Errorf("a dealer user completing a follow-up: %+v", r.Errors)
		}
		if r := manager.query(t, `mutation($id: ID!) { completeFollowUp(id: $id) { id } }`, map[string]any{"id": east.FollowUp.ID}); r.code() != "NOT_FOUND" {
			t.Errorf("the Retail manager completing a Key accounts follow-up: %+v", r.Errors)
		}
	})
}

// relationshipSnapshot is what a refused write must leave as it was.
func relationshipSnapshot(t *testing.T, admin client) string {
	t.Helper()
	var got json.RawMessage
	var parts []string
	for _, q := range []string{
		`{ interactions(first: 100) { totalCount edges { node { kind occurredAt subject notes outcome contacts { id }
			followUp { dueOn text assigneeName doneAt } } } } }`,
		`{ serviceTickets(first: 100) { totalCount edges { node { status replyCount closedAt firstResponseAt lastActivityAt thread { id } } } } }`,
		`{ auditEntries { totalCount } }`,
	} {
		admin.mustQuery(t, q, nil, &got)
		parts = append(parts, string(got))
	}
	return strings.Join(parts, "\n")
}

// Item 8 of the relationship: each bad input refused with its code and
// field, a foreign id exactly like a missing one, and nothing written.
func TestRelationship_RefusesBadInput(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin, manager := signIn(t, m, "admin@demo.test"), signIn(t, m, "manager@demo.test")
		south, north := signIn(t, m, "south@demo.test"), signIn(t, m, "north@demo.test")
		ids := relationshipIDs(t, admin)
		closed := openTicket(t, south, map[string]any{"subject": "Broken chuck", "body": "The chuck slips."})
		south.mustQuery(t, `mutation($id: ID!) { closeTicket(id: $id) { id } }`, map[string]any{"id": closed.ID}, &struct{}{})
		northTicket := openTicket(t, north, map[string]any{"subject": "Invoice copy", "body": "Please resend."})
		missingTicket := fmt.Sprint(mustInt(t, northTicket.ID) + 1_000_000)
		missingDealer := fmt.Sprint(mustInt(t, ids.east) + 1_000_000)

		visit := func(kv ...any) map[string]any {
			in := map[string]any{"dealerID": ids.south, "kind": "VISIT", "occurredAt": ago(time.Hour), "subject": "Visit"}
			for i := 0; i < len(kv); i += 2 {
				in[kv[i].(string)] = kv[i+1]
			}
			return map[string]any{"in": in}
		}
		followUp := func(kv ...any) map[string]any {
			f := map[string]any{"dueOn": businessDay(1), "text": "Call back"}
			for i := 0; i < len(kv); i += 2 {
				f[kv[i].(string)] = kv[i+1]
			}
			return f
		}
		const replyQ = `mutation($id: ID!, $body: String!) { replyToTicket(id: $id, body: $body) { id } }`
		const openQ = `mutation($in: OpenServiceTicketInput!) { openServiceTicket(input: $in) { id } }`
		ticket := func(kv ...any) map[string]any {
			in := map[string]any{"subject": "Help", "body": "Please"}
			for i := 0; i < len(kv); i += 2 {
				in[kv[i].(string)] = kv[i+1]
			}
			return map[string]any{"in": in}
		}
		type call struct {
			c     client
			query string
			vars  map[string]any
		}
		answer := func(t *testing.T, x call) gqlResponse {
			t.Helper()
			before := relationshipSnapshot(t, admin)
			r := x.c.query(t, x.query, x.vars)
			if after := relationshipSnapshot(t, admin); after != before {
				t.Errorf("a refused write changed data:\nbefore %s\nafter  %s", before, after)
			}
			return r
		}
		for _, tc := range []struct {
			name, code, field string
			call              call
			// An id the viewer cannot see, and its answer must be that of
			// this call with a missing one.
			asMissing *call
		}{
			{"FutureOccurredAt", "INVALID_INPUT", "occurredAt", call{manager, logInteractionQ, visit("occurredAt", time.Now().Add(time.Hour).UTC().Format(time.RFC3339))}, nil},
			{"EmptySubject", "INVALID_INPUT", "subject", call{manager, logInteractionQ, visit("subject", "   ")}, nil},
			{"SubjectTooLong", "INVALID_INPUT", "subject", call{manager, logInteractionQ, visit("subject", strings.Repeat("访", 201))}, nil},
			{"NotesOf100KB", "INVALID_INPUT", "notes", call{manager, logInteractionQ, visit("notes", strings.Repeat("x", 100_000))}, nil},
			{"OutcomeTooLong", "INVALID_INPUT", "outcome", call{manager, logInteractionQ, visit("outcome", strings.Repeat("x", 2001))}, nil},
			{"ControlCharacterInNotes", "INVALID_INPUT", "notes", call{manager, logInteractionQ, visit("notes", "bell\a")}, nil},
			{"AssigneeWhoCannotSeeTheDealer", "INVALID_INPUT", "followUp.assigneeID", call{admin, logInteractionQ, visit("followUp", followUp("assigneeID", ids.keys))}, nil},
			{"AssigneeADealerUser", "INVALID_INPUT", "followUp.assigneeID", call{admin, logInteractionQ, visit("followUp", followUp("assigneeID", ids.southUser))}, nil},
			{"AssigneeTheManagerCannotRead", "NOT_FOUND", "followUp.assigneeID",
				call{manager, logInteractionQ, visit("followUp", followUp("assigneeID", ids.keys))},
				&call{manager, logInteractionQ, visit("followUp", followUp("assigneeID", fmt.Sprint(mustInt(t, ids.keys)+1_000_000)))}},
			{"EmptyFollowUpText", "INVALID_INPUT", "followUp.text", call{manager, logInteractionQ, visit("followUp", followUp("text", ""))}, nil},
			{"FollowUpDueBeforeTheInteraction", "INVALID_INPUT", "followUp.dueOn", call{manager, logInteractionQ, visit("occurredAt", ago(72*time.Hour), "followUp", followUp("dueOn", businessDay(-5)))}, nil},
			{"ForeignDealer", "NOT_FOUND", "dealerID",
				call{manager, logInteractionQ, visit("dealerID", ids.east)},
				&call{manager, logInteractionQ, visit("dealerID", missingDealer)}},
			{"AnotherDealersContact", "NOT_FOUND", "contactIDs[1]", call{manager, logInteractionQ, visit("contactIDs", []string{ids.southContact, ids.northContact})}, nil},
			{"DealerUserLogging", "FORBIDDEN", "", call{south, logInteractionQ, visit()}, nil},
			{"DealerReplyToAClosedTicket", "INVALID_TRANSITION", "id", call{south, replyQ, map[string]any{"id": closed.ID, "body": "Still broken"}}, nil},
			{"StaffReplyToAClosedTicket", "INVALID_TRANSITION", "id", call{manager, replyQ, map[string]any{"id": closed.ID, "body": "Reopen first"}}, nil},
			{"EmptyReply", "INVALID_INPUT", "body", call{manager, replyQ, map[string]any{"id": northTicket.ID, "body": " \n "}}, nil},
			{"ForeignTicket", "NOT_FOUND", "id",
				call{south, replyQ, map[string]any{"id": northTicket.ID, "body": "Hello"}},
				&call{south, replyQ, map[string]any{"id": missingTicket, "body": "Hello"}}},
			{"ForeignTicketClosed", "NOT_FOUND", "id",
				call{south, `mutation($id: ID!) { closeTicket(id: $id) { id } }`, map[string]any{"id": northTicket.ID}},
				&call{south, `mutation($id: ID!) { closeTicket(id: $id) { id } }`, map[string]any{"id": missingTicket}}},
			{"SubDealersTicketReplied", "FORBIDDEN", "", call{north, replyQ, map[string]any{"id": openTicket(t, signIn(t, m, "capital@demo.test"), map[string]any{"subject": "S", "body": "B"}).ID, "body": "For you"}}, nil},
			{"ReopenAnOpenTicket", "INVALID_TRANSITION", "id", call{north, `mutation($id: ID!) { reopenTicket(id: $id) { id } }`, map[string]any{"id": northTicket.ID}}, nil},
			{"StaffOpeningATicket", "FORBIDDEN", "", call{manager, openQ, ticket()}, nil},
			{"EmptyTicketBody", "INVALID_INPUT", "body", call{south, openQ, ticket("body", "")}, nil},
			{"TicketSubjectTooLong", "INVALID_INPUT", "subject", call{south, openQ, ticket("subject", strings.Repeat("x", 201))}, nil},
			{"TicketAboutAnotherDealersOrder", "NOT_FOUND", "orderID",
				call{south, openQ, ticket("orderID", ids.northOrder)},
				&call{south, openQ, ticket("orderID", fmt.Sprint(mustInt(t, ids.northOrder)+1_000_000))}},
			{"TicketAboutASubDealersOrder", "NOT_FOUND", "orderID", call{north, openQ, ticket("orderID", ids.subOrder)}, nil},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := answer(t, tc.call)
				if r.code() != tc.code {
					t.Fatalf("code = %q, want %q (%+v)", r.code(), tc.code, r.Errors)
				}
				if got, _ := r.Errors[0].Extensions["field"].(string); got != tc.field {
					t.Errorf("field = %q, want %q (%s)", got, tc.field, r.Errors[0].Message)
				}
				if tc.asMissing != nil {
					missing := answer(t, *tc.asMissing)
					if string(r.Data) != string(missing.Data) || fmt.Sprint(r.Errors) != fmt.Sprint(missing.Errors) {
						t.Errorf("a foreign id answers %s %+v; a missing one %s %+v", r.Data, r.Errors, missing.Data, missing.Errors)
					}
				}
			})
		}
	})
}

const ticketFields = `id number status category subject body openedByName firstResponseAt closedAt lastActivityAt replyCount
	allowedActions order { id } thread { body fromStaff authorName }`

type ticketNode struct {
	ID, Number, Status, Category, Subject, Body, OpenedByName, LastActivityAt string
	FirstResponseAt, ClosedAt                                                 *string
	ReplyCount                                                                int
	AllowedActions                                                            []string
	Order                                                                     *struct{ ID string }
	Thread                                                                    []struct {
		Body, AuthorName string
		FromStaff        bool
	}
}

func openTicket(t *testing.T, c client, in map[string]any) ticketNode {
	t.Helper()
	var got struct{ OpenServiceTicket ticketNode }
	c.mustQuery(t, `mutation($in: OpenServiceTicketInput!) { openServiceTicket(input: $in) { `+ticketFields+` } }`, map[string]any{"in": in}, &got)
	return got.OpenServiceTicket
}

func ticketAction(t *testing.T, c client, action, id string, body ...string) ticketNode {
	t.Helper()
	var got map[string]ticketNode
	if action == "replyToTicket" {
		c.mustQuery(t, `mutation($id: ID!, $b: String!) { replyToTicket(id: $id, body: $b) { `+ticketFields+` } }`, map[string]any{"id": id, "b": body[0]}, &got)
	} else {
		c.mustQuery(t, fmt.Sprintf(`mutation($id: ID!) { %s(id: $id) { %s } }`, action, ticketFields), map[string]any{"id": id}, &got)
	}
	return got[action]
}

func threadOf(tk ticketNode) string {
	var parts []string
	for _, r := range tk.Thread {
		who := "dealer"
		if r.FromStaff {
			who = "staff"
		}
		parts = append(parts, who+": "+r.Body)
	}
	return strings.Join(parts, " | ")
}

// A dealer opens a ticket; staff answer, the dealer replies, either side
// closes and reopens it; the times and counts follow; each side sees what
// it may do next.
func TestRelationship_Tickets(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin, manager, keys := signIn(t, m, "admin@demo.test"), signIn(t, m, "manager@demo.test"), signIn(t, m, "keys@demo.test")
		south, north, capital := signIn(t, m, "south@demo.test"), signIn(t, m, "north@demo.test"), signIn(t, m, "capital@demo.test")
		ids := relationshipIDs(t, admin)

		tk := openTicket(t, south, map[string]any{"subject": "Late delivery", "body": "送货太慢了", "category": "DELIVERY", "orderID": ids.southOrder})
		if !strings.HasPrefix(tk.Number, "ST-") || tk.Status != "OPEN" || tk.Category != "DELIVERY" || tk.OpenedByName != "Huang Min" ||
			tk.Order == nil || tk.Order.ID != ids.southOrder || tk.FirstResponseAt != nil || len(tk.Thread) != 0 ||
			!slices.Equal(tk.AllowedActions, []string{"REPLIED", "CLOSED"}) {
			t.Fatalf("opened %+v", tk)
		}
		other := openTicket(t, south, map[string]any{"subject": "Other", "body": "b"})
		if other.Category != "OTHER" || other.Number == tk.Number {
			t.Errorf("a second ticket: %+v", other)
		}

		answered := ticketAction(t, manager, "replyToTicket", tk.ID, "It left the warehouse today.")
		if answered.Status != "ANSWERED" || answered.FirstResponseAt == nil || answered.ReplyCount != 1 {
			t.Errorf("answered: %+v", answered)
		}
		back := ticketAction(t, south, "replyToTicket", tk.ID, "Thanks, no tracking number yet")
		if back.Status != "OPEN" || back.ReplyCount != 2 {
			t.Errorf("the dealer's reply: %+v", back)
		}
		again := ticketAction(t, admin, "replyToTicket", tk.ID, "SF1234567")
		if again.Status != "ANSWERED" || *again.FirstResponseAt != *answered.FirstResponseAt || again.ReplyCount != 3 {
			t.Errorf("a second staff reply moved firstResponseAt or the count: %+v", again)
		}
		if got, want := threadOf(again), "staff: It left the warehouse today. | dealer: Thanks, no tracking number yet | staff: SF1234567"; got != want {
			t.Errorf("thread %q, want %q", got, want)
		}

		closed := ticketAction(t, south, "closeTicket", tk.ID)
		if closed.Status != "CLOSED" || closed.ClosedAt == nil || !slices.Equal(closed.AllowedActions, []string{"REOPENED"}) ||
			mustTime(t, closed.LastActivityAt).Before(mustTime(t, again.LastActivityAt)) {
			t.Errorf("closed: %+v", closed)
		}
		reopened := ticketAction(t, manager, "reopenTicket", tk.ID)
		if reopened.Status != "OPEN" || reopened.ClosedAt != nil || reopened.ReplyCount != 3 || !slices.Equal(reopened.AllowedActions, []string{"REPLIED", "CLOSED"}) {
			t.Errorf("reopened: %+v", reopened)
		}
		ticketAction(t, manager, "closeTicket", tk.ID)
		if got := auditOf(t, admin, tk.ID); !slices.Equal(got, []string{"ticket.open", "ticket.reply", "ticket.reply", "ticket.reply", "ticket.close", "ticket.reopen", "ticket.close"}) {
			t.Errorf("audit: %q", got)
		}

		// Who sees which tickets: a sub-dealer's are its distributor's to
		// read, not to act on.
		sub := openTicket(t, capital, map[string]any{"subject": "Sub-dealer's", "body": "b"})
		own := openTicket(t, north, map[string]any{"subject": "North's", "body": "b"})
		list := func(c client, args string, vars map[string]any) []string {
			t.Helper()
			var got struct{ ServiceTickets connection }
			c.mustQuery(t, `query`+declare(vars)+` { serviceTickets(first: 100, `+args+`) { totalCount edges { node { id } } } }`, vars, &got)
			if got.ServiceTickets.TotalCount < len(got.ServiceTickets.Edges) {
				t.Errorf("serviceTickets(%s): totalCount %d for %d", args, got.ServiceTickets.TotalCount, len(got.ServiceTickets.Edges))
			}
			return only(connIDs(got.ServiceTickets), tk.ID, other.ID, sub.ID, own.ID)
		}
		if got := list(north, "", nil); !slices.Equal(got, []string{own.ID}) {
			t.Errorf("north's own tickets: %v", got)
		}
		if got := list(north, "dealerID: $d", map[string]any{"d": ids.capital}); !slices.Equal(got, []string{sub.ID}) {
			t.Errorf("north's sub-dealer's tickets: %v", got)
		}
		var seen struct {
			Node *struct{ AllowedActions []string }
		}
		north.mustQuery(t, `query($id: ID!) { node(id: $id) { ... on ServiceTicket { allowedActions } } }`, map[string]any{"id": sub.ID}, &seen)
		if seen.Node == nil || len(seen.Node.AllowedActions) != 0 {
			t.Errorf("north on its sub-dealer's ticket: %+v", seen.Node)
		}
		if got := list(south, "dealerID: $d", map[string]any{"d": ids.capital}); len(got) != 0 {
			t.Errorf("south lists capital's tickets: %v", got)
		}
		if got := list(south, "", nil); len(got) != 2 || got[0] != tk.ID {
			t.Errorf("south's tickets, most recently active first: %v", got)
		}
		if got := list(south, "status: $s", map[string]any{"s": "CLOSED"}); !slices.Equal(got, []string{tk.ID}) {
			t.Errorf("south's closed tickets: %v", got)
		}
		if got := list(manager, "", nil); len(got) != 4 || got[0] != own.ID {
			t.Errorf("the Retail manager's queue: %v", got)
		}
		if got := list(keys, "", nil); len(got) != 0 {
			t.Errorf("the Key accounts manager sees Retail's tickets: %v", got)
		}
		const nodeQ = `query($id: ID!) { node(id: $id) { id } }`
		missing := south.query(t, nodeQ, map[string]any{"id": fmt.Sprint(mustInt(t, own.ID) + 1_000_000)})
		for _, id := range []string{own.ID, sub.ID} {
			if r := south.query(t, nodeQ, map[string]any{"id": id}); string(r.Data) != string(missing.Data) || fmt.Sprint(r.Errors) != fmt.Sprint(missing.Errors) {
				t.Errorf("south: node(%s) = %s %+v, like a missing one: %s %+v", id, r.Data, r.Errors, missing.Data, missing.Errors)
			}
		}
		// A page of tickets with their threads costs the same statements
		// whatever its size.
		for range 3 {
			x := openTicket(t, south, map[string]any{"subject": "More", "body": "b"})
			ticketAction(t, manager, "replyToTicket", x.ID, "ok")
		}
		count := func(n int) int64 {
			before := m.Statements()
			var got struct{ ServiceTickets connection }
			manager.mustQuery(t, `query($n: Int) { serviceTickets(first: $n) { totalCount edges { node { id number allowedActions thread { body } } } } }`, map[string]any{"n": n}, &got)
			if len(got.ServiceTickets.Edges) != n {
				t.Fatalf("first %d gave %d", n, len(got.ServiceTickets.Edges))
			}
			return m.Statements() - before
		}
		count(1)
		if small, large := count(2), count(6); small != large {
			t.Errorf("serviceTickets(first: 2) took %d statements, (first: 6) %d", small, large)
		}
	})
}

const ticketUpdated = `subscription($id: ID, $after: String) {
	ticketUpdated(ticketID: $id, after: $after) { cursor action at reply { body fromStaff authorName } ticket { id status replyCount } } }`

type ticketEventMsg struct {
	TicketUpdated struct {
		Cursor, Action, At string
		Reply              *struct {
			Body, AuthorName string
			FromStaff        bool
		}
		Ticket struct {
			ID, Status string
			ReplyCount int
		}
	}
}

func (w *ws) expectTicketEvents(id string, n int) (got []string, last string) {
	w.tb.Helper()
	for range n {
		var e ticketEventMsg
		w.next(id, 5*time.Second, &e)
		// The ticket is loaded as it is when the event is sent: the action
		// says what happened.
		s := e.TicketUpdated.Action
		if r := e.TicketUpdated.Reply; r != nil {
			s += " " + r.AuthorName + ": " + r.Body
		}
		got = append(got, s)
		last = e.TicketUpdated.Cursor
	}
	return got, last
}

// A staff reply reaches the dealer's page live; a dealer that was away
// resumes after its last cursor with what it missed, then live; nobody
// else hears of it.
func TestRealtime_TicketUpdated(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		manager, keys := signIn(t, m, "manager@demo.test"), signIn(t, m, "keys@demo.test")
		south, north := signIn(t, m, "south@demo.test"), signIn(t, m, "north@demo.test")
		var c struct{ EventCursor string }
		south.mustQuery(t, `{ eventCursor }`, nil, &c)
		tk := openTicket(t, south, map[string]any{"subject": "Warranty", "body": "Motor died after a week"})

		southWS := connect(t, m, transportWS, south.token)
		southWS.subscribe("t", ticketUpdated, map[string]any{"id": tk.ID, "after": c.EventCursor})
		managerWS := connect(t, m, legacyWS, manager.token)
		managerWS.subscribe("all", ticketUpdated, map[string]any{"after": c.EventCursor})
		northWS := connect(t, m, transportWS, north.token)
		northWS.subscribe("all", ticketUpdated, map[string]any{"after": c.EventCursor})
		keysWS := connect(t, m, transportWS, keys.token)
		keysWS.subscribe("all", ticketUpdated, map[string]any{"after": c.EventCursor})
		time.Sleep(100 * time.Millisecond) // the subscriptions are registered

		ticketAction(t, manager, "replyToTicket", tk.ID, "Send it in for a replacement")
		got, last := southWS.expectTicketEvents("t", 2)
		if want := []string{"OPENED", "REPLIED Liu Yang: Send it in for a replacement"}; !slices.Equal(got, want) {
			t.Errorf("south heard %q; want %q", got, want)
		}
		other := openTicket(t, south, map[string]any{"subject": "Another", "body": "b"})
		if got, _ := managerWS.expectTicketEvents("all", 3); !slices.Equal(got, []string{"OPENED", "REPLIED Liu Yang: Send it in for a replacement", "OPENED"}) {
			t.Errorf("the manager heard %q", got)
		}
		northWS.quiet(300 * time.Millisecond)
		keysWS.quiet(100 * time.Millisecond)

		// Away: the dealer misses a reply and the close.
		southWS.Close()
		ticketAction(t, manager, "replyToTicket", tk.ID, "Courier booked")
		ticketAction(t, manager, "replyToTicket", other.ID, "Not this one")
		ticketAction(t, manager, "closeTicket", tk.ID)
		back := connect(t, m, legacyWS, south.token)
		back.subscribe("t", ticketUpdated, map[string]any{"id": tk.ID, "after": last})
		got, _ = back.expectTicketEvents("t", 2)
		if want := []string{"REPLIED Liu Yang: Courier booked", "CLOSED"}; !slices.Equal(got, want) {
			t.Errorf("south resumed with %q; want %q", got, want)
		}
		ticketAction(t, south, "reopenTicket", tk.ID)
		if got, _ = back.expectTicketEvents("t", 1); !slices.Equal(got, []string{"REOPENED"}) {
			t.Errorf("then live: %q", got)
		}
		// Of that ticket only.
		ticketAction(t, manager, "replyToTicket", other.ID, "Still not this one")
		back.quiet(300 * time.Millisecond)
	})
}
