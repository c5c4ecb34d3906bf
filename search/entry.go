package search

import (
	"context"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/searchentry"
)

// Entry is the search index's row for one record: what a hit shows (title
// and body) and what finds it (terms). Bulk writers that bypass ent (the
// seed's COPY) make entries with DealerEntry, ContactEntry,
// InteractionEntry and TicketEntry and write them as search_entries rows.
type Entry struct {
	Kind      searchentry.Kind
	SubjectID int
	DealerID  int
	Internal  bool // only the manufacturer's staff find it
	Title     string
	Body      string
	Terms     string
}

// DealerEntry is the entry of a dealer: found by its code and name.
func DealerEntry(id int, code, name string) Entry {
	return Entry{Kind: searchentry.KindDEALER, SubjectID: id, DealerID: id,
		Title: name, Body: code, Terms: Terms(code, name)}
}

// ContactEntry is the entry of a contact at dealer dealerID.
func ContactEntry(id, dealerID int, name, title, email, phone string) Entry {
	return Entry{Kind: searchentry.KindCONTACT, SubjectID: id, DealerID: dealerID,
		Title: name, Body: joinNonEmpty(" · ", title, email, phone), Terms: Terms(name, title, email, phone)}
}

// InteractionEntry is the entry of an interaction: internal, found by its
// subject, notes and outcome.
func InteractionEntry(id, dealerID int, subject, notes, outcome string) Entry {
	return Entry{Kind: searchentry.KindINTERACTION, SubjectID: id, DealerID: dealerID, Internal: true,
		Title: subject, Body: joinNonEmpty("\n", notes, outcome), Terms: Terms(subject, notes, outcome)}
}

// TicketEntry is the entry of a service ticket with the bodies of its
// replies so far (each reply appends its body as it comes, see
// IndexTicketReplies).
func TicketEntry(id, dealerID int, subject, body string, replies ...string) Entry {
	texts := append([]string{subject, body}, replies...)
	return Entry{Kind: searchentry.KindTICKET, SubjectID: id, DealerID: dealerID,
		Title: subject, Body: joinNonEmpty("\n", append([]string{body}, replies...)...), Terms: Terms(texts...)}
}

func joinNonEmpty(sep string, parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}

// put writes entries, replacing those of the same subjects, with client:
// the writer's own, so in the writer's transaction when it has one.
func put(ctx context.Context, client *ent.Client, entries ...Entry) error {
	if len(entries) == 0 {
		return nil
	}
	now := time.Now().UTC()
	creates := make([]*ent.SearchEntryCreate, len(entries))
	for i, e := range entries {
		creates[i] = client.SearchEntry.Create().
			SetKind(e.Kind).SetSubjectID(e.SubjectID).SetDealerID(e.DealerID).SetInternal(e.Internal).
			SetTitle(e.Title).SetBody(e.Body).SetTerms(e.Terms).SetUpdatedAt(now)
	}
	return client.SearchEntry.CreateBulk(creates...).
		OnConflictColumns(searchentry.FieldSubjectID).
		UpdateNewValues().
		Exec(access.Bypass(ctx))
}

// remove deletes the entries of subjects.
func remove(ctx context.Context, client *ent.Client, subjects []int) error {
	if len(subjects) == 0 {
		return nil
	}
	_, err := client.SearchEntry.Delete().Where(searchentry.SubjectIDIn(subjects...)).Exec(access.Bypass(ctx))
	return err
}

// appendReply adds a reply's body to its ticket's entry. The entry is read
// locked (PostgreSQL; SQLite's write lock is the transaction's) so two
// replies at once both land.
func appendReply(ctx context.Context, client *ent.Client, ticketID int, body string) error {
	ctx = access.Bypass(ctx)
	e, err := client.SearchEntry.Query().
		Where(searchentry.SubjectID(ticketID), func(s *entsql.Selector) {
			if s.Dialect() == dialect.Postgres {
				s.ForUpdate()
			}
		}).
		Only(ctx)
	if ent.IsNotFound(err) {
		return nil // a ticket written before the index (or by a bulk writer that left it out)
	}
	if err != nil {
		return err
	}
	terms := Terms(body)
	if e.Terms != "" && terms != "" {
		terms = " " + terms
	}
	return client.SearchEntry.UpdateOne(e).
		SetBody(joinNonEmpty("\n", e.Body, body)).
		SetTerms(e.Terms + terms).
		SetUpdatedAt(time.Now().UTC()).
		Exec(ctx)
}
