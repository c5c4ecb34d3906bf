package server_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/mail/mailtest"
	"github.com/dealerline/dealerline/server"
)

const inviteQ = `mutation($in: InviteUserInput!) { inviteUser(input: $in) { link user { id email name role dealerAdmin active invitationPending dealer { code } } } }`

type invited struct {
	InviteUser struct {
		Link *string
		User struct {
			ID, Email, Name, Role string
			DealerAdmin, Active   bool
			InvitationPending     bool
			Dealer                *struct{ Code string }
		}
	}
}

// errField is the extensions.field of the first error, or "".
func errField(r gqlResponse) string {
	if len(r.Errors) == 0 {
		return ""
	}
	f, _ := r.Errors[0].Extensions["field"].(string)
	return f
}

// dealersByCode is the id of each dealer c sees, by code.
func dealersByCode(t *testing.T, c client) map[string]string {
	t.Helper()
	var got struct {
		Dealers struct {
			Edges []struct{ Node struct{ ID, Code string } }
		}
	}
	c.mustQuery(t, `{ dealers(first: 100) { edges { node { id code } } } }`, nil, &got)
	ids := map[string]string{}
	for _, e := range got.Dealers.Edges {
		ids[e.Node.Code] = e.Node.ID
	}
	return ids
}

// userEmails is the e-mail of every user c sees.
func userEmails(t *testing.T, c client) map[string]string {
	t.Helper()
	var got struct {
		Users struct {
			Edges []struct{ Node struct{ ID, Email string } }
		}
	}
	c.mustQuery(t, `{ users(first: 100) { edges { node { id email } } } }`, nil, &got)
	ids := map[string]string{}
	for _, e := range got.Users.Edges {
		ids[e.Node.Email] = e.Node.ID
	}
	return ids
}

func loginWith(t *testing.T, m *server.Main, email, password string) gqlResponse {
	t.Helper()
	return client{m: m}.query(t, `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
		map[string]any{"e": email, "p": password})
}

// TestUsers_WhoMayInviteWhom: administrators invite anyone, managers DEALER
// users of their dealers, a dealer administrator its own dealer's users; a
// dealer another may not add users to answers like a missing one, a plain
// dealer user is refused, and each refusal writes nothing. Without e-mail
// the link comes back to the inviter. A deactivated user cannot sign in.
func TestUsers_WhoMayInviteWhom(t *testing.T) {
	forEachStore(t, func(t *testing.T, m *server.Main) {
		admin := signIn(t, m, "admin@demo.test")
		manager := signIn(t, m, "manager@demo.test")
		south := signIn(t, m, "south@demo.test")
		sales := signIn(t, m, "south.sales@demo.test")
		all := dealersByCode(t, admin)
		mine := dealersByCode(t, manager)
		foreign := ""
		for code, id := range all {
			if _, ok := mine[code]; !ok {
				foreign = id
			}
		}
		if foreign == "" || mine["D-SOUTH"] == "" {
			t.Fatalf("the manager sees %d of %d dealers, South Traders among them: want some not", len(mine), len(all))
		}

		invite := func(c client, in map[string]any) (invited, gqlResponse) {
			t.Helper()
			var got invited
			r := c.query(t, inviteQ, map[string]any{"in": in})
			if len(r.Errors) == 0 {
				if err := json.Unmarshal(r.Data, &got); err != nil {
					t.Fatal(err)
				}
			}
			return got, r
		}
		ok := func(c client, in map[string]any) invited {
			t.Helper()
			got, r := invite(c, in)
			if len(r.Errors) > 0 {
				t.Fatalf("invite %v: %+v", in, r.Errors)
			}
			if l := got.InviteUser.Link; l == nil || !strings.HasPrefix(*l, "http://localhost:8080/invitation/dlt_") {
				t.Errorf("invite %v: link %v, want one to pass on (no e-mail is configured)", in["email"], l)
			}
			if !got.InviteUser.User.InvitationPending || !got.InviteUser.User.Active {
				t.Errorf("invited %+v: want active and pending", got.InviteUser.User)
			}
			return got
		}
		refused := func(c client, in map[string]any, code, wantField string) {
			t.Helper()
			_, r := invite(c, in)
			if r.code() != code || errField(r) != wantField {
				t.Errorf("invite %v: %s %q (%+v), want %s %q", in, r.code(), errField(r), r.Errors, code, wantField)
			}
			if email, _ := in["email"].(string); email != "" && email != "south.sales@demo.test" {
				if _, there := userEmails(t, admin)[email]; there {
					t.Errorf("a refused invitation of %s created the user", email)
				}
			}
		}

		ok(admin, map[string]any{"email": "new.manager@example.com", "name": "New Manager", "role": "CHANNEL_MANAGER"})
		got := ok(manager, map[string]any{"email": "buyer@example.com", "name": "Buyer", "role": "DEALER", "dealerID": mine["D-SOUTH"]})
		if d := got.InviteUser.User.Dealer; d == nil || d.Code != "D-SOUTH" {
			t.Errorf("the manager's invitee works for %v, want D-SOUTH", d)
		}
		refused(manager, map[string]any{"email": "far@example.com", "name": "Far", "role": "DEALER", "dealerID": foreign}, "NOT_FOUND", "")
		refused(manager, map[string]any{"email": "boss@example.com", "name": "Boss", "role": "CHANNEL_MANAGER"}, "FORBIDDEN", "")
		got = ok(south, map[string]any{"email": "Colleague@Example.com", "name": "Colleague", "role": "DEALER", "dealerAdmin": true})
		if u := got.InviteUser.User; u.Email != "colleague@example.com" || u.Dealer == nil || u.Dealer.Code != "D-SOUTH" || !u.DealerAdmin {
			t.Errorf("the dealer administrator's invitee: %+v, want a dealer administrator of D-SOUTH", u)
		}
		refused(south, map[string]any{"email": "north.x@example.com", "name": "X", "role": "DEALER", "dealerID": all["D-NORTH"]}, "NOT_FOUND", "")
		refused(south, map[string]any{"email": "made.up@example.com", "name": "X", "role": "DEALER", "dealerID": "8589934999"}, "NOT_FOUND", "")
		refused(south, map[string]any{"email": "staff@example.com", "name": "X", "role": "ADMIN"}, "FORBIDDEN", "")
		refused(sales, map[string]any{"email": "plain@example.com", "name": "X", "role": "DEALER"}, "FORBIDDEN", "")
		refused(admin, map[string]any{"email": "south.sales@demo.test", "name": "X", "role": "DEALER", "dealerID": all["D-SOUTH"]}, "INVALID_INPUT", "email")
		refused(admin, map[string]any{"email": "not an e-mail", "name": "X", "role": "DEALER", "dealerID": all["D-SOUTH"]}, "INVALID_INPUT", "email")
		refused(admin, map[string]any{"email": "nodealer@example.com", "name": "X", "role": "DEALER"}, "INVALID_INPUT", "dealerID")

		// Each sees the users §4 gives it.
		seen := userEmails(t, south)
		for _, want := range []string{"south@demo.test", "south.sales@demo.test", "colleague@example.com", "buyer@example.com"} {
			if _, ok := seen[want]; !ok {
				t.Errorf("south does not see %s", want)
			}
		}
		for _, not := range []string{"north@demo.test", "admin@demo.test", "new.manager@example.com"} {
			if _, ok := seen[not]; ok {
				t.Errorf("south sees %s", not)
			}
		}
		if _, ok := userEmails(t, manager)["new.manager@example.com"]; ok {
			t.Error("the manager sees a manager it did not invite")
		}

		// Deactivating: the dealer administrator its colleague, not
		// another dealer's user nor itself; a plain user nobody.
		ids := userEmails(t, admin)
		deactivate := `mutation($id: ID!) { deactivateUser(id: $id) { id active } }`
		for _, c := range []struct {
			who  client
			id   string
			code string
		}{
			{south, ids["north@demo.test"], "NOT_FOUND"},
			{south, ids["south@demo.test"], "FORBIDDEN"},
			{sales, ids["colleague@example.com"], "FORBIDDEN"},
			{manager, ids["admin@demo.test"], "NOT_FOUND"},
		} {
			if r := c.who.query(t, deactivate, map[string]any{"id": c.id}); r.code() != c.code {
				t.Errorf("deactivate %s: %s (%+v), want %s", c.id, r.code(), r.Errors, c.code)
			}
		}
		if r := loginWith(t, m, "north@demo.test", "demo"); len(r.Errors) > 0 {
			t.Errorf("north cannot sign in after a refused deactivation: %+v", r.Errors)
		}
		var off struct{ DeactivateUser struct{ Active bool } }
		south.mustQuery(t, deactivate, map[string]any{"id": ids["south.sales@demo.test"]}, &off)
		if off.DeactivateUser.Active {
			t.Error("deactivated, still active")
		}
		if r := loginWith(t, m, "south.sales@demo.test", "demo"); r.code() != "UNAUTHENTICATED" {
			t.Errorf("a deactivated user signs in: %s", r.code())
		}
		if r := sales.query(t, `{ me { email } }`, nil); r.code() != "UNAUTHENTICATED" {
			t.Errorf("a deactivated user's session: %s, want UNAUTHENTICATED", r.code())
		}
		// A user with a password is not re-invited (nobody takes over an
		// account that way) unless deactivated; activating brings back
		// its own password.
		reinvite := `mutation($id: ID!) { reinviteUser(id: $id) { link user { email } } }`
		if r := south.query(t, reinvite, map[string]any{"id": ids["south@demo.test"]}); r.code() != "FORBIDDEN" {
			t.Errorf("re-inviting oneself: %s", r.code())
		}
		if r := admin.query(t, reinvite, map[string]any{"id": ids["north@demo.test"]}); r.code() != "INVALID_TRANSITION" {
			t.Errorf("re-inviting an active user: %s, want INVALID_TRANSITION", r.code())
		}
		var again struct{ ReinviteUser struct{ Link *string } }
		south.mustQuery(t, reinvite, map[string]any{"id": ids["south.sales@demo.test"]}, &again)
		if again.ReinviteUser.Link == nil {
			t.Error("re-invitation without e-mail gave no link")
		}
		south.mustQuery(t, `mutation($id: ID!) { activateUser(id: $id) { active } }`, map[string]any{"id": ids["south.sales@demo.test"]}, &struct{}{})
		if r := loginWith(t, m, "south.sales@demo.test", "demo"); len(r.Errors) > 0 {
			t.Errorf("an activated user cannot sign in: %+v", r.Errors)
		}
	})
}

var linkIn = regexp.MustCompile(`https://dealers\.example\.com/(invitation|reset-password)/(dlt_[A-Za-z0-9_-]+)`)

// TestUsers_LinksAreOneTimeAndExpire: with e-mail, the invitation and the
// reset links come by mail (in the user's language) and never in the
// answer; each works once and until it expires (by the service's clock),
// refusing alike when used or expired; a weak password writes nothing; a
// reset answers the same for every e-mail and is throttled.
func TestUsers_LinksAreOneTimeAndExpire(t *testing.T) {
	var smtp *mailtest.Server
	forEachStoreWith(t, func(c *server.Config) {
		smtp = mailtest.Start(t, mailtest.Options{})
		c.Mail.SMTPURL = "smtp://" + smtp.Addr
		c.Mail.From = "Dealerline <noreply@example.com>"
		c.Mail.PublicURL = "https://dealers.example.com"
	}, func(t *testing.T, m *server.Main) {
		now := time.Now()
		m.SetUsersClock(func() time.Time { return now })
		admin := signIn(t, m, "admin@demo.test")
		anon := client{m: m}
		seen := 0
		mailTo := func(to, kind string) (subject, token string) {
			t.Helper()
			deadline := time.Now().Add(20 * time.Second)
			for {
				msgs := smtp.Messages()
				for i := seen; i < len(msgs); i++ {
					if msgs[i].To != to {
						continue
					}
					p := mailtest.Parse(t, msgs[i].Data)
					if l := linkIn.FindStringSubmatch(p.Text); l != nil && l[1] == kind {
						seen = i + 1
						if !strings.Contains(p.HTML, l[0]) {
							t.Errorf("the HTML part lacks the link %s", l[0])
						}
						return p.Subject, l[2]
					}
				}
				if time.Now().After(deadline) {
					t.Fatalf("no %s e-mail to %s", kind, to)
				}
				time.Sleep(50 * time.Millisecond)
			}
		}
		accept := func(token, password string) gqlResponse {
			return anon.query(t, `mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p, name: "Mei Chen") { token user { email name role } } }`,
				map[string]any{"t": token, "p": password})
		}

		var inv invited
		admin.mustQuery(t, inviteQ, map[string]any{"in": map[string]any{
			"email": "mei@example.com", "name": "Mei", "role": "DEALER", "dealerID": dealersByCode(t, admin)["D-SOUTH"], "locale": "zh-CN",
		}}, &inv)
		if inv.InviteUser.Link != nil {
			t.Error("the link came back though it was e-mailed")
		}
		subject, token := mailTo("mei@example.com", "invitation")
		if !strings.Contains(subject, "邀请") {
			t.Errorf("subject %q: want the invitation in Chinese", subject)
		}
		if r := loginWith(t, m, "mei@example.com", "anything at all"); r.code() != "UNAUTHENTICATED" {
			t.Errorf("an invited user signs in before accepting: %s", r.code())
		}
		if r := accept(token, "short"); r.code() != "INVALID_INPUT" || errField(r) != "password" {
			t.Errorf("a weak password: %s %q, want INVALID_INPUT password", r.code(), errField(r))
		}
		r := accept(token, "a long enough secret")
		if len(r.Errors) > 0 {
			t.Fatalf("accept: %+v (the refused weak password must not have used the link)", r.Errors)
		}
		var acc struct {
			AcceptInvitation struct {
				Token string
				User  struct{ Email, Name, Role string }
			}
		}
		if err := json.Unmarshal(r.Data, &acc); err != nil {
			t.Fatal(err)
		}
		var me struct{ Me struct{ Email, Name string } }
		client{m: m, token: acc.AcceptInvitation.Token}.mustQuery(t, `{ me { email name } }`, nil, &me)
		if me.Me.Email != "mei@example.com" || me.Me.Name != "Mei Chen" {
			t.Errorf("signed in as %+v, want mei@example.com named Mei Chen", me.Me)
		}
		used := accept(token, "a long enough secret")
		if used.code() != "INVALID_INPUT" || errField(used) != "token" {
			t.Errorf("a used invitation: %s %q, want INVALID_INPUT token", used.code(), errField(used))
		}

		// Expired: 7 days and a minute later.
		admin.mustQuery(t, inviteQ, map[string]any{"in": map[string]any{
			"email": "late@example.com", "name": "Late", "role": "CHANNEL_MANAGER",
		}}, &inv)
		subject, token = mailTo("late@example.com", "invitation")
		if subject != "You are invited to Dealerline" {
			t.Errorf("subject %q: want the English invitation", subject)
		}
		now = now.Add(7*24*time.Hour + time.Minute)
		expired := accept(token, "a long enough secret")
		if expired.code() != "INVALID_INPUT" || errField(expired) != "token" || expired.Errors[0].Message != used.Errors[0].Message {
			t.Errorf("an expired invitation: %+v, want what a used one answers: %+v", expired.Errors, used.Errors)
		}
		admin.mustQuery(t, `mutation($id: ID!) { reinviteUser(id: $id) { user { email } } }`, map[string]any{"id": inv.InviteUser.User.ID}, &struct{}{})
		_, fresh := mailTo("late@example.com", "invitation")
		if r := accept(fresh, "a long enough secret"); len(r.Errors) > 0 {
			t.Errorf("the re-invitation: %+v", r.Errors)
		}

		// Resets answer alike for a known, an unknown and a deactivated
		// user; only the known one is mailed.
		ids := userEmails(t, admin)
		admin.mustQuery(t, `mutation($id: ID!) { deactivateUser(id: $id) { id } }`, map[string]any{"id": ids["north@demo.test"]}, &struct{}{})
		reset := `mutation($e: String!) { requestPasswordReset(email: $e) }`
		var answers []string
		for _, e := range []string{"nobody@example.com", "north@demo.test", "south.sales@demo.test"} {
			r := anon.query(t, reset, map[string]any{"e": e})
			answers = append(answers, string(r.Data)+r.code())
		}
		if answers[0] != answers[1] || answers[1] != answers[2] || answers[0] != `{"requestPasswordReset":true}` {
			t.Errorf("answers %q differ", answers)
		}
		_, token = mailTo("south.sales@demo.test", "reset-password")
		for _, r := range smtp.Messages() {
			if r.To == "nobody@example.com" || r.To == "north@demo.test" {
				t.Errorf("a reset was mailed to %s", r.To)
			}
		}
		resetQ := `mutation($t: String!, $p: String!) { resetPassword(token: $t, password: $p) }`
		if r := anon.query(t, resetQ, map[string]any{"t": token, "p": "short"}); r.code() != "INVALID_INPUT" || errField(r) != "password" {
			t.Errorf("a weak new password: %s %q", r.code(), errField(r))
		}
		anon.mustQuery(t, resetQ, map[string]any{"t": token, "p": "the new password"}, &struct{}{})
		if r := loginWith(t, m, "south.sales@demo.test", "demo"); r.code() != "UNAUTHENTICATED" {
			t.Errorf("the old password still works: %s", r.code())
		}
		if r := loginWith(t, m, "south.sales@demo.test", "the new password"); len(r.Errors) > 0 {
			t.Errorf("the new password: %+v", r.Errors)
		}
		twice := anon.query(t, resetQ, map[string]any{"t": token, "p": "another new password"})
		if twice.code() != "INVALID_INPUT" || errField(twice) != "token" || twice.Errors[0].Message != used.Errors[0].Message {
			t.Errorf("a reset link used twice: %+v", twice.Errors)
		}
		anon.mustQuery(t, reset, map[string]any{"e": "south.sales@demo.test"}, &struct{}{})
		_, token = mailTo("south.sales@demo.test", "reset-password")
		now = now.Add(61 * time.Minute)
		late := anon.query(t, resetQ, map[string]any{"t": token, "p": "another new password"})
		if late.code() != "INVALID_INPUT" || errField(late) != "token" || late.Errors[0].Message != twice.Errors[0].Message {
			t.Errorf("an expired reset link: %+v, want what a used one answers", late.Errors)
		}
		if r := loginWith(t, m, "south.sales@demo.test", "the new password"); len(r.Errors) > 0 {
			t.Errorf("a refused reset changed the password: %+v", r.Errors)
		}

		// Throttled alike, known or not: five at once, then one a minute.
		var limited []string
		for _, e := range []string{"nobody.else@example.com", "south@demo.test"} {
			for i := 0; i < 5; i++ {
				if r := anon.query(t, reset, map[string]any{"e": e}); len(r.Errors) > 0 {
					t.Fatalf("request %d for %s: %+v", i+1, e, r.Errors)
				}
			}
			r := anon.query(t, reset, map[string]any{"e": e})
			if r.code() != "RATE_LIMITED" {
				t.Errorf("the sixth reset for %s: %s, want RATE_LIMITED", e, r.code())
				continue
			}
			limited = append(limited, r.Errors[0].Message)
		}
		if len(limited) == 2 && limited[0] != limited[1] {
			t.Errorf("throttled differently: %q", limited)
		}
	})
}
