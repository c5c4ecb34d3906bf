package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/dealerline/dealerline/access"
)

// SearchEntry is the search index's row for one searchable record (a
// dealer, contact, interaction or ticket): its text as shown, and its terms
// as package search tokenises them at write time (words in lower case,
// Chinese as overlapping pairs of characters). A full-text index over terms
// is added beside ent's: PostgreSQL's in a migration, SQLite's FTS5 table at
// start. Read and written by package search only.
type SearchEntry struct{ ent.Schema }

func (SearchEntry) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").Values("DEALER", "CONTACT", "INTERACTION", "TICKET"),
		// The record's id (unique across types).
		field.Int("subject_id").Unique(),
		// The dealer it belongs to (a dealer's own id for a dealer): who may
		// find it follows from who may see that dealer.
		field.Int("dealer_id"),
		// Only the manufacturer's staff may find it (interactions).
		field.Bool("internal").Default(false),
		field.String("title"),
		field.Text("body").Default(""),
		field.Text("terms"),
		field.Time("updated_at"),
	}
}

func (SearchEntry) Indexes() []ent.Index {
	return []ent.Index{index.Fields("dealer_id")}
}

func (SearchEntry) Policy() ent.Policy { return access.SystemOnlyPolicy() }

func (SearchEntry) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
