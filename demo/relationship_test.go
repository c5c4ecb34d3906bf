package demo_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"entgo.io/ent/dialect"

	"github.com/dealerline/dealerline/demo"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/interaction"
	"github.com/dealerline/dealerline/ent/privacy"
	"github.com/dealerline/dealerline/ent/serviceticket"
	"github.com/dealerline/dealerline/ent/ticketreply"
	"github.com/dealerline/dealerline/store"
	"github.com/dealerline/dealerline/store/storetest"
)

// relSet is the demo's relationship as the tests read it.
type relSet struct {
	dealers      map[int]*ent.Dealer
	users        map[int]*ent.User
	interactions []*ent.Interaction // with dealer, contacts and follow-up
	tickets      []*ent.ServiceTicket
	replies      map[int][]*ent.TicketReply // by ticket, oldest first
}

func readRelationship(t *testing.T, c *ent.Client) *relSet {
	t.Helper()
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow) // the tests read as the system
	s := &relSet{dealers: map[int]*ent.Dealer{}, users: map[int]*ent.User{}, replies: map[int][]*ent.TicketReply{}}
	ds, err := c.Dealer.Query().WithChannel().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		s.dealers[d.ID] = d
	}
	us, err := c.User.Query().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range us {
		s.users[u.ID] = u
	}
	if s.interactions, err = c.Interaction.Query().WithContacts().WithFollowUp().
		Order(ent.Asc(interaction.FieldOccurredAt), ent.Asc(interaction.FieldID)).All(ctx); err != nil {
		t.Fatal(err)
	}
	if s.tickets, err = c.ServiceTicket.Query().Order(ent.Asc(serviceticket.FieldOpenedAt), ent.Asc(serviceticket.FieldID)).All(ctx); err != nil {
		t.Fatal(err)
	}
	rs, err := c.TicketReply.Query().Order(ent.Asc(ticketreply.FieldAt), ent.Asc(ticketreply.FieldID)).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		s.replies[r.TicketID] = append(s.replies[r.TicketID], r)
	}
	return s
}

func (s *relSet) dealer(code string) *ent.Dealer {
	for _, d := range s.dealers {
		if d.Code == code {
			return d
		}
	}
	return nil
}

func hasHan(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) })
}

func TestRelationship(t *testing.T) { storetest.Each(t, testRelationship) }

func testRelationship(t *testing.T, db *store.DB) {
	s := readRelationship(t, loaded(t, db))
	checkRelationship(t, s, today, time.UTC)
}

// checkRelationship checks the relationship of a demo loaded on today in
// loc.
func checkRelationship(t *testing.T, s *relSet, today time.Time, loc *time.Location) {
	start := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, loc)
	yearAgo := start.AddDate(-1, 0, -1)
	staffOf := func(d *ent.Dealer) []string { // who may read the dealer
		if d.Edges.Channel.Code == "RETAIL" {
			return []string{"admin@demo.test", "manager@demo.test"}
		}
		return []string{"admin@demo.test", "keys@demo.test"}
	}

	t.Run("interactions", func(t *testing.T) {
		perDealer := map[int]int{}
		kinds := map[interaction.Kind]int{}
		var chinese, english, withContacts int
		for _, in := range s.interactions {
			d := s.dealers[in.DealerID]
			perDealer[d.ID]++
			kinds[in.Kind]++
			if hasHan(in.Notes) {
				chinese++
			} else {
				english++
			}
			if !in.OccurredAt.Before(start) || in.OccurredAt.Before(yearAgo) {
				t.Errorf("%s: interaction %q at %s, not in the year before %s", d.Code, in.Subject, in.OccurredAt, today.Format(time.DateOnly))
			}
			if in.CreatedAt.Before(in.OccurredAt) || !in.CreatedAt.Before(start) {
				t.Errorf("%s: %q logged at %s, happened at %s", d.Code, in.Subject, in.CreatedAt, in.OccurredAt)
			}
			author := s.users[*in.AuthorID]
			if !slices.Contains(staffOf(d), author.Email) || author.Name != in.AuthorName {
				t.Errorf("%s: %q logged by %s (%q), who may not see the dealer", d.Code, in.Subject, author.Email, in.AuthorName)
			}
			if in.Subject == "" || in.Notes == "" || strings.Contains(in.Subject+in.Notes+in.Outcome, "{") {
				t.Errorf("%s: interaction %q / %q / %q", d.Code, in.Subject, in.Notes, in.Outcome)
			}
			if len(in.Edges.Contacts) > 0 {
				withContacts++
			}
			for _, c := range in.Edges.Contacts {
				if c.DealerID != d.ID {
					t.Errorf("%s: %q with a contact of dealer %d", d.Code, in.Subject, c.DealerID)
				}
			}
		}
		for _, d := range s.dealers {
			if perDealer[d.ID] < 5 {
				t.Errorf("%s: %d interactions over the year", d.Code, perDealer[d.ID])
			}
		}
		for _, k := range []interaction.Kind{interaction.KindVISIT, interaction.KindCALL, interaction.KindMEETING, interaction.KindEMAIL, interaction.KindMESSAGE, interaction.KindTRAINING} {
			if kinds[k] == 0 {
				t.Errorf("no %s interactions: %v", k, kinds)
			}
		}
		if n := len(s.interactions); chinese < n/4 || english < n/4 {
			t.Errorf("%d interactions in Chinese and %d in English", chinese, english)
		}
		if withContacts < len(s.interactions)/5 {
			t.Errorf("%d of %d interactions have contacts", withContacts, len(s.interactions))
		}
	})

	t.Run("the complaint", func(t *testing.T) {
		var found []*ent.Interaction
		for _, in := range s.interactions {
			if strings.Contains(in.Notes, "客户反映售后响应慢") {
				found = append(found, in)
			}
		}
		if len(found) != 1 {
			t.Fatalf("%d interactions say 客户反映售后响应慢, want 1", len(found))
		}
		in := found[0]
		if d := s.dealers[in.DealerID]; d.Code != demo.SouthTraders || in.Notes != demo.ComplaintNote {
			t.Errorf("the complaint is about %s: %q", d.Code, in.Notes)
		}
		if s.users[*in.AuthorID].Email != "manager@demo.test" {
			t.Errorf("the complaint was logged by %s", in.AuthorName)
		}
		f := in.Edges.FollowUp
		if f == nil || f.DoneAt != nil || !f.DueOn.Before(today) || s.users[*f.AssigneeID].Email != "manager@demo.test" {
			t.Errorf("the complaint's follow-up %+v: want overdue, manager@demo.test's", f)
		}
	})

	t.Run("follow-ups", func(t *testing.T) {
		type tally struct{ done, open, overdue int }
		by := map[string]*tally{}
		for _, in := range s.interactions {
			f := in.Edges.FollowUp
			if f == nil {
				continue
			}
			d := s.dealers[in.DealerID]
			u := s.users[*f.AssigneeID]
			if !slices.Contains(staffOf(d), u.Email) || u.Name != f.AssigneeName {
				t.Errorf("%s: follow-up %q assigned to %s, who may not see the dealer", d.Code, f.Text, u.Email)
			}
			if f.DealerID != d.ID || f.Text == "" || f.DueOn.Before(in.OccurredAt.AddDate(0, 0, -1)) {
				t.Errorf("%s: follow-up %+v of %q", d.Code, f, in.Subject)
			}
			if by[u.Email] == nil {
				by[u.Email] = &tally{}
			}
			switch n := by[u.Email]; {
			case f.DoneAt != nil:
				n.done++
				if f.DoneAt.Before(in.OccurredAt) || !f.DoneAt.Before(start) || f.DoneByName == "" {
					t.Errorf("%s: follow-up %q done at %s by %q, set at %s", d.Code, f.Text, f.DoneAt, f.DoneByName, in.OccurredAt)
				}
			case f.DueOn.Before(today):
				n.overdue++
			default:
				n.open++
			}
		}
		for _, email := range []string{"manager@demo.test", "admin@demo.test"} {
			n := by[email]
			if n == nil || n.done == 0 || n.open == 0 || n.overdue == 0 {
				t.Errorf("%s's follow-ups: %+v; want some done, some open, some overdue", email, n)
			}
		}
	})

	t.Run("tickets", func(t *testing.T) {
		statuses := map[string]map[serviceticket.Status]int{}
		var waiting, again int // for staff: never answered, and answered then written to again
		numbers := map[string]bool{}
		for _, tk := range s.tickets {
			d := s.dealers[tk.DealerID]
			opener := s.users[*tk.OpenedByID]
			if opener.DealerID == nil || *opener.DealerID != d.ID || opener.Name != tk.OpenedByName {
				t.Errorf("%s: ticket %s opened by %s", d.Code, tk.Number, opener.Email)
			}
			if !regexp.MustCompile(`^ST-\d{6}$`).MatchString(tk.Number) || numbers[tk.Number] {
				t.Errorf("%s: ticket number %q", d.Code, tk.Number)
			}
			numbers[tk.Number] = true
			if !tk.OpenedAt.Before(start) || tk.OpenedAt.Before(yearAgo) {
				t.Errorf("%s: ticket %s opened at %s", d.Code, tk.Number, tk.OpenedAt)
			}
			rs := s.replies[tk.ID]
			if tk.ReplyCount != len(rs) {
				t.Errorf("%s: ticket %s counts %d replies, has %d", d.Code, tk.Number, tk.ReplyCount, len(rs))
			}
			var first *time.Time
			last := tk.OpenedAt
			for _, r := range rs {
				if !r.At.After(last) || !r.At.Before(start) || r.DealerID != d.ID || r.Body == "" {
					t.Errorf("%s: ticket %s: reply at %s after %s: %+v", d.Code, tk.Number, r.At, last, r)
				}
				last = r.At
				u := s.users[*r.AuthorID]
				if r.FromStaff != (u.DealerID == nil) || (!r.FromStaff && *u.DealerID != d.ID) || (r.FromStaff && !slices.Contains(staffOf(d), u.Email)) {
					t.Errorf("%s: ticket %s: reply by %s, from staff %v", d.Code, tk.Number, u.Email, r.FromStaff)
				}
				if r.FromStaff && first == nil {
					first = &r.At
				}
			}
			if (first == nil) != (tk.FirstResponseAt == nil) || (first != nil && !first.Equal(*tk.FirstResponseAt)) {
				t.Errorf("%s: ticket %s: first response %v, first staff reply %v", d.Code, tk.Number, tk.FirstResponseAt, first)
			}
			want := serviceticket.StatusOPEN
			switch {
			case tk.ClosedAt != nil:
				want = serviceticket.StatusCLOSED
				if tk.ClosedAt.Before(last) || !tk.ClosedAt.Before(start) {
					t.Errorf("%s: ticket %s closed at %s, last reply %s", d.Code, tk.Number, tk.ClosedAt, last)
				}
				last = *tk.ClosedAt
			case len(rs) > 0 && rs[len(rs)-1].FromStaff:
				want = serviceticket.StatusANSWERED
			case len(rs) == 0:
				waiting++
			default:
				again++
			}
			if tk.Status != want {
				t.Errorf("%s: ticket %s is %s, its thread says %s", d.Code, tk.Number, tk.Status, want)
			}
			if !tk.LastActivityAt.Equal(last) {
				t.Errorf("%s: ticket %s: last activity %s, want %s", d.Code, tk.Number, tk.LastActivityAt, last)
			}
			if statuses[d.Code] == nil {
				statuses[d.Code] = map[serviceticket.Status]int{}
			}
			statuses[d.Code][tk.Status]++
		}
		if waiting == 0 || again == 0 {
			t.Errorf("%d tickets waiting for a first answer, %d written to again after one; want some of each", waiting, again)
		}
		for _, code := range []string{demo.NorthDistribution, demo.SouthTraders} {
			for _, st := range []serviceticket.Status{serviceticket.StatusOPEN, serviceticket.StatusANSWERED, serviceticket.StatusCLOSED} {
				if statuses[code][st] == 0 {
					t.Errorf("%s has no %s tickets: %v", code, st, statuses[code])
				}
			}
		}
		var zh int
		for _, tk := range s.tickets {
			if hasHan(tk.Subject) {
				zh++
			}
		}
		if zh == 0 || zh == len(s.tickets) {
			t.Errorf("%d of %d tickets in Chinese", zh, len(s.tickets))
		}
	})
}

// relDump is a canonical text of the relationship: dealers' codes, texts,
// people and times on loc's wall clock, no ids.
func relDump(s *relSet, loc *time.Location) string {
	var b strings.Builder
	email := func(id *int) string { return s.users[*id].Email }
	for _, in := range s.interactions {
		var cs []string
		for _, c := range in.Edges.Contacts {
			cs = append(cs, c.Name)
		}
		slices.Sort(cs)
		fmt.Fprintf(&b, "interaction %s %s %s logged=%s by=%s %q %q %q contacts=%v\n", s.dealers[in.DealerID].Code, in.Kind,
			wall(in.OccurredAt, loc), wall(in.CreatedAt, loc), email(in.AuthorID), in.Subject, in.Notes, in.Outcome, cs)
		if f := in.Edges.FollowUp; f != nil {
			done := ""
			if f.DoneAt != nil {
				done = wall(*f.DoneAt, loc) + " " + f.DoneByName
			}
			fmt.Fprintf(&b, "  follow-up due=%s to=%s %q done=%s\n", f.DueOn.Format(time.DateOnly), email(f.AssigneeID), f.Text, done)
		}
	}
	for _, tk := range s.tickets {
		fmt.Fprintf(&b, "ticket %s %s %s %s %s by=%s %q %q\n", tk.Number, s.dealers[tk.DealerID].Code, tk.Category, tk.Status,
			wall(tk.OpenedAt, loc), email(tk.OpenedByID), tk.Subject, tk.Body)
		for _, r := range s.replies[tk.ID] {
			fmt.Fprintf(&b, "  reply %s by=%s %q\n", wall(r.At, loc), email(r.AuthorID), r.Body)
		}
	}
	return b.String()
}

// TestRelationshipDeterministic loads the demo on both stores and in two
// zones: the same interactions, follow-ups and tickets, at the same hours
// of each zone's wall clock.
func TestRelationshipDeterministic(t *testing.T) {
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	number := regexp.MustCompile(`ST-\d{6}`)
	var dumps []string
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		dumps = append(dumps, number.ReplaceAllString(relDump(readRelationship(t, loaded(t, db)), time.UTC), "ST-"))
	})
	db := storetest.Open(t)
	if err := demo.LoadIn(context.Background(), db.Client, today, shanghai); err != nil {
		t.Fatal(err)
	}
	s := readRelationship(t, db.Client)
	checkRelationship(t, s, today, shanghai)
	dumps = append(dumps, number.ReplaceAllString(relDump(s, shanghai), "ST-"))
	for i := 1; i < len(dumps); i++ {
		if dumps[i] != dumps[0] {
			a, b := strings.Split(dumps[0], "\n"), strings.Split(dumps[i], "\n")
			for j := range min(len(a), len(b)) {
				if a[j] != b[j] {
					t.Fatalf("load %d differs at line %d:\n%s\n%s", i+1, j+1, a[j], b[j])
				}
			}
			t.Fatalf("load %d differs: %d lines and %d", i+1, len(a), len(b))
		}
	}
	if !strings.Contains(dumps[0], "follow-up") || !strings.Contains(dumps[0], "reply") {
		t.Fatal("nothing to compare")
	}
}

// TestRelationshipSearchEntries: the demo's records are in the search
// index (written by the index's hooks as the demo writes them), South
// Traders' complaint among the internal entries with the terms that find
// 售后, every ticket with its thread; on SQLite the full-text index holds
// them too.
func TestRelationshipSearchEntries(t *testing.T) { storetest.Each(t, testRelationshipSearchEntries) }

func testRelationshipSearchEntries(t *testing.T, db *store.DB) {
	loaded(t, db)
	ctx := context.Background()
	count := func(q string) int {
		t.Helper()
		var n int
		if err := db.SQL.QueryRowContext(ctx, q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	for kind, table := range map[string]string{"DEALER": "dealers", "CONTACT": "contacts", "INTERACTION": "interactions", "TICKET": "service_tickets"} {
		if n, want := count("SELECT count(*) FROM search_entries WHERE kind = '"+kind+"'"), count("SELECT count(*) FROM "+table); n != want {
			t.Errorf("%d %s entries for %d rows of %s", n, kind, want, table)
		}
	}
	if n := count(`SELECT count(*) FROM search_entries e JOIN interactions i ON i.id = e.subject_id
		WHERE e.internal AND e.body LIKE '%` + demo.ComplaintNote + `%' AND e.terms LIKE '%售后%'`); n != 1 {
		t.Errorf("%d internal entries hold the complaint, want 1", n)
	}
	if n := count(`SELECT count(*) FROM search_entries e JOIN service_tickets s ON s.id = e.subject_id
		WHERE NOT e.internal AND s.reply_count > 0 AND e.body NOT LIKE '%' || (SELECT r.body FROM ticket_replies r WHERE r.ticket_id = s.id ORDER BY r.at DESC LIMIT 1) || '%'`); n != 0 {
		t.Errorf("%d tickets' entries miss their last reply", n)
	}
	if db.Dialect == dialect.SQLite {
		if n := count(`SELECT count(*) FROM search_fts WHERE search_fts MATCH 'terms : "售后"'`); n == 0 {
			t.Error("SQLite's full-text index does not find 售后")
		}
	}
}
