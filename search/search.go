package search

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/contact"
	"github.com/dealerline/dealerline/ent/dealer"
	"github.com/dealerline/dealerline/ent/interaction"
	"github.com/dealerline/dealerline/ent/searchentry"
	"github.com/dealerline/dealerline/ent/serviceticket"
)

// Limits of a search.
const (
	MaxQuery     = 200 // characters
	DefaultFirst = 20
	MaxFirst     = 50
)

// FTSTable is SQLite's full-text index over search_entries.terms (an FTS5
// table kept in step by triggers, see package store).
const FTSTable = "search_fts"

// Hit is one record found.
type Hit struct {
	Node    ent.Noder
	Kind    searchentry.Kind
	Snippet string
	// Highlights are where the query's terms are in Snippet, in characters.
	Highlights []Range
}

// Range is a run of characters.
type Range struct{ Start, Len int }

// Service answers searches.
type Service struct {
	client  *ent.Client
	dialect string
}

// NewService returns a Service over client, whose database speaks dialect
// (dialect.SQLite or dialect.Postgres).
func NewService(client *ent.Client, dialectName string) *Service {
	return &Service{client: client, dialect: dialectName}
}

// Find returns the best first matches of query the viewer may see, best
// first. Every term of the query must match, the last as a prefix (the
// word being typed); Chinese matches as the pairs of characters the index
// holds, so a phrase of two or more characters is found anywhere in a
// text, and a lone character as the start of a pair.
//
// What the viewer may see is part of the statement (entries of the dealers
// it sees; internal ones for staff only), and each hit's record is then
// loaded through the viewer's privacy rules, so a hit never shows a record
// the viewer could not read.
func (s *Service) Find(ctx context.Context, query string, first int) ([]Hit, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	switch n := utf8.RuneCountInString(strings.TrimSpace(query)); {
	case n == 0:
		return nil, apperr.Invalid("query", "type something to search for")
	case n > MaxQuery:
		return nil, apperr.Invalid("query", "a search is at most %d characters", MaxQuery)
	}
	if first < 1 || first > MaxFirst {
		return nil, apperr.Invalid("first", "first must be between 1 and %d", MaxFirst)
	}
	terms := queryTerms(query)
	if len(terms) == 0 {
		return nil, apperr.Invalid("query", "search for words, numbers or Chinese characters")
	}
	rows, err := s.match(ctx, v, terms, first)
	if err != nil {
		return nil, err
	}
	nodes, err := s.load(ctx, rows)
	if err != nil {
		return nil, err
	}
	hits := make([]Hit, 0, len(rows))
	for _, r := range rows {
		n, ok := nodes[r.subject]
		if !ok {
			continue
		}
		snippet, marks := Snippet(r.title, r.body, terms)
		hits = append(hits, Hit{Node: n, Kind: r.kind, Snippet: snippet, Highlights: marks})
	}
	return hits, nil
}

// queryTerms is the distinct terms of query, in order; the last is matched
// as a prefix.
func queryTerms(query string) []string {
	var out []string
	for _, t := range Tokens(query) {
		if !slices.Contains(out, t.Term) {
			out = append(out, t.Term)
		}
	}
	// The last term typed is the prefix, even when it repeats an earlier
	// one.
	if toks := Tokens(query); len(toks) > 0 {
		last := toks[len(toks)-1].Term
		out = append(slices.DeleteFunc(out, func(t string) bool { return t == last }), last)
	}
	return out
}

type match struct {
	subject     int
	kind        searchentry.Kind
	title, body string
}

// Candidates is how many matches a search ranks at most. Ranking reads
// every match it ranks, so a word in half a million notes would cost
// seconds; the first Candidates matches the visibility filter lets through
// are ranked instead (SQLite's the oldest, PostgreSQL's in the order the
// index finds them: both read their index forwards and stop). A query of rarer words — what one types to find one
// thing — has fewer matches than that, and is ranked in full.
const Candidates = 1000

// match finds the entries: on PostgreSQL through the GIN index over
// to_tsvector('simple', terms),
//
//	SELECT subject_id, kind, title, body FROM (
//	  SELECT e.id, e.subject_id, e.kind, e.title, e.body, e.terms FROM search_entries e
//	  WHERE to_tsvector('simple', e.terms) @@ to_tsquery('simple', $1)
//	    AND e.dealer_id IN (SELECT id FROM dealers WHERE <the viewer's dealers>)  -- not for admins
//	    AND e.internal = false                                                    -- dealer users
//	  LIMIT 1000) AS c
//	ORDER BY ts_rank(to_tsvector('simple', c.terms), to_tsquery('simple', $1)) DESC, c.id DESC LIMIT $n
//
// with $1 like 'late' & '售后' & 'deliv':*; on SQLite through FTS5,
//
//	SELECT subject_id, kind, title, body FROM (
//	  SELECT e.id, e.subject_id, e.kind, e.title, e.body, bm25(search_fts) AS rank
//	  FROM search_fts JOIN search_entries e ON e.id = search_fts.rowid
//	  WHERE search_fts MATCH ? AND … ORDER BY search_fts.rowid LIMIT 1000) AS c
//	ORDER BY c.rank, c.id DESC LIMIT ?
//
// with terms : ("late" "售后" "deliv"*), and for a dealer user
// AND dealer : ("d1" OR "d2") naming the dealers it sees.
func (s *Service) match(ctx context.Context, v *auth.Viewer, terms []string, limit int) ([]match, error) {
	b := &entsql.Builder{}
	b.SetDialect(s.dialect)
	b.WriteString("SELECT subject_id, kind, title, body FROM (SELECT e.id, e.subject_id, e.kind, e.title, e.body, ")
	var q string
	if s.dialect == dialect.Postgres {
		q = tsQuery(terms)
		b.WriteString("e.terms FROM search_entries e WHERE to_tsvector('simple', e.terms) @@ to_tsquery('simple', ").Arg(q).WriteString(")")
	} else {
		fts := "terms : (" + ftsQuery(terms) + ")"
		if v.IsDealer() {
			// A dealer user sees a few dealers: name them in the full-text
			// query, which then skips through their entries rather than
			// every match of a common word (see package store).
			ids, err := s.client.Dealer.Query().Where(access.Dealers(v)).IDs(ctx)
			if err != nil {
				return nil, err
			}
			if len(ids) == 0 {
				return nil, nil
			}
			fts += " AND dealer : (" + dealerTokens(ids) + ")"
		}
		b.WriteString("bm25(" + FTSTable + ") AS rank FROM " + FTSTable + " JOIN search_entries e ON e.id = " + FTSTable + ".rowid WHERE " +
			FTSTable + " MATCH ").Arg(fts)
	}
	if !v.IsAdmin() {
		dealers := entsql.Dialect(s.dialect).Select(dealer.FieldID).From(entsql.Table(dealer.Table))
		access.Dealers(v)(dealers)
		b.WriteString(" AND e.dealer_id IN ")
		b.Wrap(func(b *entsql.Builder) { b.Join(dealers) })
	}
	if !v.IsAdmin() && !v.IsManager() {
		b.WriteString(" AND e.internal = false")
	}
	if s.dialect == dialect.Postgres {
		b.WriteString(" LIMIT ").Arg(Candidates)
		b.WriteString(") AS c ORDER BY ts_rank(to_tsvector('simple', c.terms), to_tsquery('simple', ").Arg(q).WriteString(")) DESC")
	} else {
		b.WriteString(" ORDER BY " + FTSTable + ".rowid LIMIT ").Arg(Candidates)
		b.WriteString(") AS c ORDER BY c.rank")
	}
	b.WriteString(", c.id DESC LIMIT ").Arg(limit)
	query, args := b.Query()
	rs, err := s.client.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rs.Close()
	var out []match
	for rs.Next() {
		var m match
		if err := rs.Scan(&m.subject, &m.kind, &m.title, &m.body); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		out = append(out, m)
	}
	return out, rs.Err()
}

// tsQuery is terms as a PostgreSQL tsquery: each term quoted (terms are
// letters and digits, never a quote), the last a prefix.
func tsQuery(terms []string) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = "'" + t + "'"
	}
	parts[len(parts)-1] += ":*"
	return strings.Join(parts, " & ")
}

// ftsQuery is terms as an FTS5 query: each a quoted string, the last a
// prefix; strings side by side must all match.
func ftsQuery(terms []string) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
	}
	parts[len(parts)-1] += "*"
	return strings.Join(parts, " ")
}

// dealerTokens is an FTS5 query for entries of any of the dealers ids.
func dealerTokens(ids []int) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = `"d` + strconv.Itoa(id) + `"`
	}
	return strings.Join(parts, " OR ")
}

// load loads the records of rows through the viewer's privacy rules, one
// statement per kind.
func (s *Service) load(ctx context.Context, rows []match) (map[int]ent.Noder, error) {
	ids := map[searchentry.Kind][]int{}
	for _, r := range rows {
		ids[r.kind] = append(ids[r.kind], r.subject)
	}
	out := map[int]ent.Noder{}
	c := s.client
	for kind, in := range ids {
		var err error
		switch kind {
		case searchentry.KindDEALER:
			err = keep(ctx, c.Dealer.Query().Where(dealer.IDIn(in...)).All, func(n *ent.Dealer) int { return n.ID }, out)
		case searchentry.KindCONTACT:
			err = keep(ctx, c.Contact.Query().Where(contact.IDIn(in...)).All, func(n *ent.Contact) int { return n.ID }, out)
		case searchentry.KindINTERACTION:
			err = keep(ctx, c.Interaction.Query().Where(interaction.IDIn(in...)).All, func(n *ent.Interaction) int { return n.ID }, out)
		case searchentry.KindTICKET:
			err = keep(ctx, c.ServiceTicket.Query().Where(serviceticket.IDIn(in...)).All, func(n *ent.ServiceTicket) int { return n.ID }, out)
		}
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func keep[T ent.Noder](ctx context.Context, all func(context.Context) ([]T, error), id func(T) int, into map[int]ent.Noder) error {
	got, err := all(ctx)
	for _, n := range got {
		into[id(n)] = n
	}
	return err
}
