package server_test

import (
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/server"
)

const auditTrailQuery = `query($f: AuditFilter) { auditTrail(filter: $f, first: 100) { totalCount edges { node {
	id action actorName subjectType subjectID dealer { id code } changes { field before after } } } } }`

type auditNode struct {
	ID, Action, ActorName, SubjectType, SubjectID string
	Dealer                                        *struct{ ID, Code string }
	Changes                                       []struct {
		Field         string
		Before, After *string
	}
}

func auditTrail(t *testing.T, c client, f map[string]any) []auditNode {
	t.Helper()
	var got struct {
		AuditTrail struct {
			TotalCount int
			Edges      []struct{ Node auditNode }
		}
	}
	c.mustQuery(t, auditTrailQuery, map[string]any{"f": f}, &got)
	out := make([]auditNode, len(got.AuditTrail.Edges))
	for i, e := range got.AuditTrail.Edges {
		out[i] = e.Node
	}
	if got.AuditTrail.TotalCount < len(out) {
		t.Fatalf("totalCount %d < %d edges", got.AuditTrail.TotalCount, len(out))
	}
	return out
}

func actionsOf(es []auditNode) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Action
	}
	return out
}

func change(e auditNode, field string) (before, after string, ok bool) {
	for _, c := range e.Changes {
		if c.Field == field {
			s := func(p *string) string {
				if p == nil {
					return "<nil>"
				}
				return *p
			}
			return s(c.Before), s(c.After), true
		}
	}
	return "", "", false
}

// TestAudit_Trail: administrators read the trail, narrowed by each filter;
// entries carry their subject's dealer and their changes before and
// after; the CSV; anyone else is refused.
func TestAudit_Trail(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin, manager, north := signIn(t, m, "admin@demo.test"), signIn(t, m, "manager@demo.test"), signIn(t, m, "north@demo.test")
		acct := newAccount(t, m, admin, "AUD1", 30)
		order := placeConfirmed(t, acct.dealer, manager, 1)
		admin.mustQuery(t, `mutation($id: ID!) { updateDealer(id: $id, input: {name: "Audit Renamed"}) { id } }`, map[string]any{"id": acct.dealerID}, &struct{}{})
		ticket := openTicket(t, acct.dealer, map[string]any{"subject": "Audit check", "body": "Where is my order?"})

		// By dealer: the dealer's own entry, its order's and its ticket's.
		mine := auditTrail(t, admin, map[string]any{"dealerID": acct.dealerID})
		got := strings.Join(actionsOf(mine), " ")
		for _, want := range []string{"dealer.create", "dealer.update", "order.place", "order.transition", "ticket.open"} {
			if !strings.Contains(got, want) {
				t.Errorf("dealer %s's trail lacks %s: %s", acct.dealerID, want, got)
			}
		}
		for _, e := range mine {
			if e.Dealer == nil || e.Dealer.ID != acct.dealerID {
				t.Errorf("%s in the dealer's trail has dealer %+v", e.Action, e.Dealer)
			}
		}
		if mine[0].Action != "ticket.open" || mine[0].SubjectType != "ServiceTicket" || mine[0].SubjectID != ticket.ID {
			t.Errorf("newest first: the ticket, got %+v", mine[0])
		}

		// By action prefix, kind, actor and dates.
		orders := auditTrail(t, admin, map[string]any{"dealerID": acct.dealerID, "action": "order."})
		if got := strings.Join(actionsOf(orders), " "); got != "order.transition order.place" {
			t.Errorf("action order.: %s", got)
		}
		for _, e := range orders {
			if e.SubjectType != "Order" || e.SubjectID != order.ID {
				t.Errorf("order entry %+v, want subject %s", e, order.ID)
			}
		}
		if b, a, ok := change(orders[0], "status"); !ok || b != "SUBMITTED" || a != "CONFIRMED" {
			t.Errorf("transition changes: %+v", orders[0].Changes)
		}
		dealers := auditTrail(t, admin, map[string]any{"dealerID": acct.dealerID, "subjectType": "Dealer"})
		if got := strings.Join(actionsOf(dealers), " "); got != "dealer.update dealer.create" {
			t.Errorf("kind Dealer: %s", got)
		}
		if b, a, ok := change(dealers[0], "name"); !ok || b != "AUD1" || a != "Audit Renamed" {
			t.Errorf("update changes: %+v", dealers[0].Changes)
		}
		if _, a, ok := change(dealers[1], "code"); !ok || a != "AUD1" {
			t.Errorf("create changes: %+v", dealers[1].Changes)
		}
		var me struct{ Me struct{ ID string } }
		manager.mustQuery(t, `{ me { id } }`, nil, &me)
		byManager := auditTrail(t, admin, map[string]any{"dealerID": acct.dealerID, "actorID": me.Me.ID})
		if got := strings.Join(actionsOf(byManager), " "); got != "order.transition" {
			t.Errorf("actor manager: %s", got)
		}
		today := time.Now().UTC().Format(time.DateOnly)
		tomorrow := time.Now().UTC().AddDate(0, 0, 1).Format(time.DateOnly)
		if n := len(auditTrail(t, admin, map[string]any{"dealerID": acct.dealerID, "from": today, "to": today})); n != len(mine) {
			t.Errorf("today, both ends included: %d entries, want %d", n, len(mine))
		}
		if n := len(auditTrail(t, admin, map[string]any{"dealerID": acct.dealerID, "from": tomorrow})); n != 0 {
			t.Errorf("from tomorrow: %d entries", n)
		}
		r := admin.query(t, `query { auditTrail(filter: {from: "2026-02-02", to: "2026-02-01"}) { totalCount } }`, nil)
		refusedWith(t, r, "INVALID_INPUT", "to")

		// The menus.
		var menus struct{ AuditSubjectTypes, AuditActions []string }
		admin.mustQuery(t, `{ auditSubjectTypes auditActions }`, nil, &menus)
		if !strings.Contains(strings.Join(menus.AuditSubjectTypes, ","), "ServiceTicket") || !strings.Contains(strings.Join(menus.AuditActions, ","), "order.place") {
			t.Errorf("menus: %+v", menus)
		}

		// CSV: byte order mark, header, a row per changed field.
		var csv struct{ AuditTrailCSV string }
		admin.mustQuery(t, `query($f: AuditFilter) { auditTrailCSV(filter: $f) }`, map[string]any{"f": map[string]any{"dealerID": acct.dealerID, "subjectType": "Dealer"}}, &csv)
		if !strings.HasPrefix(csv.AuditTrailCSV, "\ufefftime,actor,action,kind,subject id,dealer id,field,before,after\n") {
			t.Errorf("CSV header: %q", csv.AuditTrailCSV[:min(len(csv.AuditTrailCSV), 120)])
		}
		if !strings.Contains(csv.AuditTrailCSV, ",dealer.update,Dealer,"+acct.dealerID+","+acct.dealerID+",name,AUD1,Audit Renamed") {
			t.Errorf("CSV lacks the rename: %s", csv.AuditTrailCSV)
		}

		// Nobody else reads it: not a manager, not a dealer user, not a
		// dealer's administrator.
		for name, c := range map[string]client{"manager": manager, "north": north, "dealer": acct.dealer} {
			for _, q := range []string{`{ auditTrail { totalCount } }`, `{ auditTrailCSV }`, `{ auditSubjectTypes }`, `{ auditActions }`} {
				if r := c.query(t, q, nil); r.code() != "FORBIDDEN" {
					t.Errorf("%s %s: code %q, want FORBIDDEN", name, q, r.code())
				}
			}
		}
	})
}

// TestAudit_AccountChanges: creating and changing users, a password change
// and API tokens are in the trail (made in package auth, recorded around
// it), with who did it and what changed, but never a password, hash or
// token secret; a refused change records nothing.
func TestAudit_AccountChanges(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		acct := newAccount(t, m, admin, "AUD2", 30)
		var me struct{ Me struct{ ID string } }
		acct.dealer.mustQuery(t, `{ me { id } }`, nil, &me)
		userID := me.Me.ID
		admin.mustQuery(t, `mutation($id: ID!) { updateUser(id: $id, input: {name: "Account Renamed"}) { id } }`, map[string]any{"id": userID}, &struct{}{})

		var tok struct {
			CreateAPIToken struct {
				Secret   string
				APIToken struct{ ID string }
			}
		}
		acct.dealer.mustQuery(t, `mutation { createApiToken(name: "Shop till") { secret apiToken { id } } }`, nil, &tok)
		acct.dealer.mustQuery(t, `mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, map[string]any{"id": tok.CreateAPIToken.APIToken.ID}, &struct{}{})
		before := len(auditTrail(t, admin, map[string]any{"actorID": userID}))
		r := acct.dealer.query(t, `mutation { changePassword(currentPassword: "wrong one", newPassword: "a secret new one") }`, nil)
		refusedWith(t, r, "INVALID_INPUT", "currentPassword")
		if n := len(auditTrail(t, admin, map[string]any{"actorID": userID})); n != before {
			t.Errorf("a refused password change recorded %d entries", n-before)
		}
		acct.dealer.mustQuery(t, `mutation { changePassword(currentPassword: "longenough", newPassword: "a secret new one") }`, nil, &struct{}{})

		users := auditTrail(t, admin, map[string]any{"subjectType": "User", "action": "user."})
		var mine []auditNode
		for _, e := range users {
			if e.SubjectID == userID {
				mine = append(mine, e)
			}
		}
		if got := strings.Join(actionsOf(mine), " "); got != "user.changePassword user.update user.create" {
			t.Fatalf("the user's entries: %s", got)
		}
		if len(mine[0].Changes) != 0 {
			t.Errorf("password change: changes %+v", mine[0].Changes)
		}
		if got := actionsOf(auditTrail(t, admin, map[string]any{"actorID": userID, "action": "user."})); len(got) != 1 || got[0] != "user.changePassword" {
			t.Errorf("the user's own account changes: %v", got)
		}
		if b, a, ok := change(mine[1], "name"); !ok || b != "Account Keeper" || a != "Account Renamed" {
			t.Errorf("update changes: %+v", mine[1].Changes)
		}
		if _, a, ok := change(mine[2], "email"); !ok || a != "aud2@accounts.test" {
			t.Errorf("create changes: %+v", mine[2].Changes)
		}
		if mine[2].Dealer == nil || mine[2].Dealer.ID != acct.dealerID {
			t.Errorf("the created user's dealer: %+v", mine[2].Dealer)
		}

		tokens := auditTrail(t, admin, map[string]any{"subjectType": "Token", "actorID": userID})
		if got := strings.Join(actionsOf(tokens), " "); got != "token.revoke token.create" {
			t.Fatalf("token entries: %s", got)
		}
		for _, e := range tokens {
			if e.SubjectID != tok.CreateAPIToken.APIToken.ID {
				t.Errorf("%s on %s, want token %s", e.Action, e.SubjectID, tok.CreateAPIToken.APIToken.ID)
			}
		}
		if _, a, ok := change(tokens[1], "name"); !ok || a != "Shop till" {
			t.Errorf("token creation changes: %+v", tokens[1].Changes)
		}

		var csv struct{ AuditTrailCSV string }
		admin.mustQuery(t, `{ auditTrailCSV }`, nil, &csv)
		for _, secret := range []string{"longenough", "a secret new one", tok.CreateAPIToken.Secret, "password_hash", "secret_hash"} {
			if strings.Contains(csv.AuditTrailCSV, secret) {
				t.Errorf("the trail holds %q", secret)
			}
		}
	})
}
