package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/dealerline/dealerline/search"
)

// SQLite's full-text index of the search entries: an FTS5 table over
// search_entries.terms (external content: the text lives in search_entries
// only, read through a view), kept in step by triggers, so every writer of
// an entry — ent, or a bulk writer's INSERT — updates it in its own
// transaction. The terms are tokenised already (package search), so FTS5
// only splits them at spaces; unicode61 keeps a pair of Chinese characters
// one token. A second column holds the entry's dealer as a token (d and its
// id), so a search limited to a few dealers is one full-text query that
// skips through the dealers' short lists, not a scan of every match of a
// common word.
var sqliteSearch = []string{
	`CREATE VIEW ` + search.FTSTable + `_source AS SELECT id, terms, 'd' || dealer_id AS dealer FROM search_entries`,
	`CREATE VIRTUAL TABLE ` + search.FTSTable + ` USING fts5(terms, dealer, content='` + search.FTSTable + `_source', content_rowid='id',
		tokenize='unicode61 remove_diacritics 0')`,
	`CREATE TRIGGER search_entries_fts_insert AFTER INSERT ON search_entries BEGIN
		INSERT INTO ` + search.FTSTable + `(rowid, terms, dealer) VALUES (new.id, new.terms, 'd' || new.dealer_id);
	END`,
	`CREATE TRIGGER search_entries_fts_delete AFTER DELETE ON search_entries BEGIN
		INSERT INTO ` + search.FTSTable + `(` + search.FTSTable + `, rowid, terms, dealer) VALUES ('delete', old.id, old.terms, 'd' || old.dealer_id);
	END`,
	`CREATE TRIGGER search_entries_fts_update AFTER UPDATE ON search_entries BEGIN
		INSERT INTO ` + search.FTSTable + `(` + search.FTSTable + `, rowid, terms, dealer) VALUES ('delete', old.id, old.terms, 'd' || old.dealer_id);
		INSERT INTO ` + search.FTSTable + `(rowid, terms, dealer) VALUES (new.id, new.terms, 'd' || new.dealer_id);
	END`,
	// Entries written before the index was.
	`INSERT INTO ` + search.FTSTable + `(` + search.FTSTable + `) VALUES ('rebuild')`,
}

// migrateSQLiteSearch creates the full-text index once, after ent has
// created search_entries.
func (db *DB) migrateSQLiteSearch(ctx context.Context) error {
	var n int
	if err := db.SQL.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_schema WHERE name = ?`, search.FTSTable).Scan(&n); err != nil {
		return fmt.Errorf("find the search index: %w", err)
	}
	if n > 0 {
		return nil
	}
	tx, err := db.SQL.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, s := range sqliteSearch {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("create the search index: %w", err)
		}
	}
	return tx.Commit()
}

// isSearchTable reports whether an SQLite table is the full-text index or
// one of the tables FTS5 keeps it in: not in ent's schema, but Dealerline's.
func isSearchTable(name string) bool {
	return name == search.FTSTable || strings.HasPrefix(name, search.FTSTable+"_")
}
