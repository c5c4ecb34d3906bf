package history_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/dealerline/dealerline/accounts"
	"github.com/dealerline/dealerline/ent/serviceticket"
	"github.com/dealerline/dealerline/history"
)

// relate runs the world's orders, then a year of its relationship.
func relate(t *testing.T, loc *time.Location) (*history.Generator, []*history.Interaction, []*history.Ticket) {
	t.Helper()
	g := history.New(loc, today)
	g.Admin = history.Person{ID: 99, Name: "Chen Jing"}
	dealers := world(g)
	if _, err := g.Run(accounts.NewHistory(loc), dealers...); err != nil {
		t.Fatal(err)
	}
	var ins []*history.Interaction
	var tks []*history.Ticket
	for i, d := range dealers {
		d.Contacts = []history.Contact{{ID: 500 + i, Name: "Wang Wei", Title: "Owner"}, {ID: 600 + i, Name: "Li Na", Title: "Purchasing Manager"}}
		in, tk := g.Relationship(d, rand.New(rand.NewPCG(5, uint64(i))), today.AddDate(-1, 0, 0), today, 80, 12)
		ins, tks = append(ins, in...), append(tks, tk...)
	}
	return g, ins, tks
}

func TestRelationship(t *testing.T) {
	g, ins, tks := relate(t, time.UTC)
	var overdue, open, done, zh int
	for _, in := range ins {
		if !in.At.Before(g.Cutoff) || in.Logged.Before(in.At) || !in.Logged.Before(g.Cutoff) {
			t.Errorf("%s: %q at %s, logged %s", in.Dealer.Code, in.Subject, in.At, in.Logged)
		}
		if strings.ContainsAny(in.Subject+in.Notes+in.Outcome, "{}") {
			t.Errorf("a blank left: %q %q %q", in.Subject, in.Notes, in.Outcome)
		}
		if strings.ContainsRune(in.Notes, '，') {
			zh++
		}
		if f := in.FollowUp; f != nil {
			switch {
			case f.Done != nil:
				done++
				if !f.Done.After(in.At) || !f.Done.Before(g.Cutoff) {
					t.Errorf("%q done at %s, set at %s", f.Text, f.Done, in.At)
				}
			case f.Overdue(g.Today):
				overdue++
			default:
				open++
			}
		}
	}
	if len(ins) < 300 || zh == 0 || zh == len(ins) || overdue == 0 || open == 0 || done == 0 {
		t.Errorf("%d interactions, %d in Chinese; follow-ups %d done, %d open, %d overdue", len(ins), zh, done, open, overdue)
	}
	statuses := map[serviceticket.Status]int{}
	for _, tk := range tks {
		if tk.Dealer.User == nil || tk.OpenedBy != *tk.Dealer.User {
			t.Errorf("%s: a ticket opened by %v", tk.Dealer.Code, tk.OpenedBy)
		}
		last := tk.Opened
		for _, r := range tk.Replies {
			if !r.At.After(last) || !r.At.Before(g.Cutoff) {
				t.Errorf("%s: %q: a reply at %s after %s", tk.Dealer.Code, tk.Subject, r.At, last)
			}
			last = r.At
		}
		if tk.Closed != nil && (tk.Closed.Before(last) || !tk.Closed.Before(g.Cutoff)) {
			t.Errorf("%s: %q closed at %s", tk.Dealer.Code, tk.Subject, tk.Closed)
		}
		statuses[tk.Status()]++
	}
	if len(tks) != 24 || statuses[serviceticket.StatusCLOSED] == 0 {
		t.Errorf("%d tickets (want 24: the two dealers with users), %v", len(tks), statuses)
	}
}

// TestRelationship_SameInEveryZone: the same notes and threads at the
// same hours of each zone's wall clock.
func TestRelationship_SameInEveryZone(t *testing.T) {
	tell := func(loc *time.Location) string {
		_, ins, tks := relate(t, loc)
		wall := func(t time.Time) string { return t.In(loc).Format("2006-01-02 15:04:05") }
		var b strings.Builder
		for _, in := range ins {
			fmt.Fprintf(&b, "%s %s %s %q %q %d\n", in.Dealer.Code, in.Kind, wall(in.At), in.Subject, in.Notes, len(in.Contacts))
			if f := in.FollowUp; f != nil {
				fmt.Fprintf(&b, "  %s %q %s %v\n", f.Due.Format(time.DateOnly), f.Text, f.Assignee.Name, f.Done != nil)
			}
		}
		for _, tk := range tks {
			fmt.Fprintf(&b, "%s %s %q %s\n", tk.Dealer.Code, wall(tk.Opened), tk.Subject, tk.Status())
			for _, r := range tk.Replies {
				fmt.Fprintf(&b, "  %s %s %q\n", wall(r.At), r.Author.Name, r.Body)
			}
		}
		return b.String()
	}
	if a, b := tell(time.UTC), tell(shanghai(t)); a != b {
		t.Error("the relationship differs between UTC and Shanghai")
	}
}
