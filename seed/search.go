package seed

import (
	"strings"
	"time"

	"github.com/dealerline/dealerline/ent/searchentry"
	"github.com/dealerline/dealerline/history"
	"github.com/dealerline/dealerline/search"
)

// The search index's rows for what the seed writes, with the text the
// application indexes for each record: a dealer's code and name, a
// contact's name, title, email and phone, an interaction's subject, notes
// and outcome (internal: staff only), a ticket's subject, body and
// replies. Their terms are tokenised as package search does at write time.

func (g *gen) entry(b *batch, kind searchentry.Kind, subjectID, dealerID int, internal bool, title, body string, updated time.Time, texts ...string) {
	t := g.t.searchEntries
	b.add(t, t.id(), string(kind), subjectID, dealerID, internal, title, body, search.Terms(texts...), updated.UTC())
}

func (g *gen) dealerEntry(b *batch, d *dealerInfo, at time.Time) {
	g.entry(b, searchentry.KindDEALER, d.id, d.id, false, d.name, d.code, at, d.code, d.name)
}

func (g *gen) contactEntry(b *batch, d *dealerInfo, email, phone string, at time.Time) {
	c := d.contact
	g.entry(b, searchentry.KindCONTACT, c.ID, d.id, false, c.Name, strings.Join([]string{c.Title, email, phone}, " · "), at,
		c.Name, c.Title, email, phone)
}

func (g *gen) interactionEntry(b *batch, in *history.Interaction) {
	g.entry(b, searchentry.KindINTERACTION, in.ID, in.Dealer.ID, true, in.Subject, joinText(in.Notes, in.Outcome), in.Logged,
		in.Subject, in.Notes, in.Outcome)
}

func (g *gen) ticketEntry(b *batch, tk *history.Ticket) {
	texts := []string{tk.Subject, tk.Body}
	for _, r := range tk.Replies {
		texts = append(texts, r.Body)
	}
	g.entry(b, searchentry.KindTICKET, tk.ID, tk.Dealer.ID, false, tk.Subject,
		joinText(texts[1:]...), tk.LastActivity(), texts...)
}

func joinText(texts ...string) string {
	var keep []string
	for _, t := range texts {
		if t != "" {
			keep = append(keep, t)
		}
	}
	return strings.Join(keep, "\n")
}
