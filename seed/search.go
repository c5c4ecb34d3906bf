package seed

import (
	"time"

	"github.com/dealerline/dealerline/history"
	"github.com/dealerline/dealerline/search"
)

// The search index's rows for what the seed writes: the entries package
// search makes for each record (its hooks do the same for what is written
// through ent), written as rows with the rest.

func (g *gen) entry(b *batch, e search.Entry, updated time.Time) {
	t := g.t.searchEntries
	b.add(t, t.id(), string(e.Kind), e.SubjectID, e.DealerID, e.Internal, e.Title, e.Body, e.Terms, updated.UTC())
}

func (g *gen) dealerEntry(b *batch, d *dealerInfo, at time.Time) {
	g.entry(b, search.DealerEntry(d.id, d.code, d.name), at)
}

func (g *gen) contactEntry(b *batch, d *dealerInfo, email, phone string, at time.Time) {
	c := d.contact
	g.entry(b, search.ContactEntry(c.ID, d.id, c.Name, c.Title, email, phone), at)
}

func (g *gen) interactionEntry(b *batch, in *history.Interaction) {
	g.entry(b, search.InteractionEntry(in.ID, in.Dealer.ID, in.Subject, in.Notes, in.Outcome), in.Logged)
}

func (g *gen) ticketEntry(b *batch, tk *history.Ticket) {
	replies := make([]string, len(tk.Replies))
	for i, r := range tk.Replies {
		replies[i] = r.Body
	}
	g.entry(b, search.TicketEntry(tk.ID, tk.Dealer.ID, tk.Subject, tk.Body, replies...), tk.LastActivity())
}
