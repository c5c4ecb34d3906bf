package personal

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/attachments"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/migrate"
	"github.com/dealerline/dealerline/store/tx"
)

// Document is the export: the person's own record and every row that names
// them, by table.
type Document struct {
	Subject struct {
		Type string `json:"type"`
		ID   int    `json:"id"`
	} `json:"subject"`
	ExportedAt time.Time `json:"exportedAt"`
	// About says in a sentence what the document holds.
	About   string                      `json:"about"`
	Profile map[string]any              `json:"profile"`
	Records map[string][]map[string]any `json:"records"`
}

// userColumnsOutsideEdges are the columns naming a user that are not
// foreign keys (so not found in the schema's edges).
var userColumnsOutsideEdges = map[string][]string{
	"notifications":         {"user_id"},
	"notification_settings": {"user_id"},
	"outbound_messages":     {"user_id"},
	"signal_rules":          {"updated_by_id"},
	"attachments":           {"uploaded_by_id", "deleted_by_id"},
}

// userReferences are the columns naming a user, by table: the foreign keys
// to users and userColumnsOutsideEdges.
func userReferences() map[string][]string {
	refs := map[string][]string{}
	for t, cols := range userColumnsOutsideEdges {
		refs[t] = append(refs[t], cols...)
	}
	for _, t := range migrate.Tables {
		for _, fk := range t.ForeignKeys {
			if fk.RefTable != nil && fk.RefTable.Name == migrate.UsersTable.Name && len(fk.Columns) == 1 {
				refs[t.Name] = append(refs[t.Name], fk.Columns[0].Name)
			}
		}
	}
	return refs
}

// notExported are the tables left out: the event outbox is the system's
// delivery log (its payloads copy rows exported from their own tables).
var notExported = map[string]bool{"events": true}

// secret reports whether a column holds a credential, never exported.
func secret(col string) bool {
	c := strings.ToLower(col)
	return strings.Contains(c, "hash") || strings.Contains(c, "secret") ||
		c == "p256dh" || c == "auth" || c == "private_key"
}

// Export returns the personal data of subj as a JSON document: for a user,
// its profile, sign-ins (tokens), invitations, notifications and their
// settings, push subscriptions, messages sent to it, and every record that
// names it as author, actor, assignee, owner or recipient; for a contact,
// its record and the interactions it took part in. An administrator
// exports anyone's, a user its own.
func (s *Service) Export(ctx context.Context, subj Subject) ([]byte, error) {
	if _, err := auth.Require(ctx); err != nil {
		return nil, err
	}
	if err := subj.valid(); err != nil {
		return nil, err
	}
	u, c, err := s.viewable(ctx, subj)
	if err != nil {
		return nil, err
	}
	if !CanExport(ctx, subj) {
		return nil, apperr.Errorf(apperr.Forbidden, "an administrator exports personal data; you may export your own")
	}
	db := tx.Client(ctx, s.client)
	x := exporter{db: db, ctx: access.Bypass(ctx), d: s.sql()}
	doc := &Document{ExportedAt: s.now().UTC(), Records: map[string][]map[string]any{}}
	if u != nil {
		doc.Subject.Type, doc.Subject.ID = "User", u.ID
		doc.About = "Everything Dealerline holds about this user: the profile, sign-ins (tokens), invitations, " +
			"notifications, push subscriptions, messages, and each record naming the user, by table; " +
			"each file the user uploaded is downloaded from its \"download\" path with an administrator's token."
		if doc.Profile, err = x.one("users", u.ID); err != nil {
			return nil, err
		}
		for t, cols := range userReferences() {
			if notExported[t] {
				continue
			}
			for _, col := range cols {
				rows, err := x.rows("SELECT * FROM "+quote(t)+" WHERE "+quote(col)+" = "+x.d.ph(1)+" ORDER BY 1", u.ID)
				if err != nil {
					return nil, err
				}
				if len(rows) == 0 {
					continue
				}
				key := t
				if len(cols) > 1 {
					key = t + "." + col
				}
				doc.Records[key] = append(doc.Records[key], rows...)
			}
		}
		// The files themselves are fetched from where they are served.
		for _, key := range []string{"attachments", "attachments.uploaded_by_id"} {
			for _, row := range doc.Records[key] {
				if id, ok := row["id"].(int64); ok && row["deleted_at"] == nil {
					row["download"] = attachments.Path(int(id))
				}
			}
		}
	} else {
		doc.Subject.Type, doc.Subject.ID = "Contact", c.ID
		doc.About = "Everything Dealerline holds about this contact: the contact's record, its dealer, and the interactions it took part in."
		if doc.Profile, err = x.one("contacts", c.ID); err != nil {
			return nil, err
		}
		dealer, err := x.rows("SELECT id, code, name FROM dealers WHERE id = "+x.d.ph(1), c.DealerID)
		if err != nil {
			return nil, err
		}
		doc.Records["dealers"] = dealer
		is, err := x.rows("SELECT i.* FROM interactions i JOIN interaction_contacts ic ON ic.interaction_id = i.id WHERE ic.contact_id = "+x.d.ph(1)+" ORDER BY i.id", c.ID)
		if err != nil {
			return nil, err
		}
		if len(is) > 0 {
			doc.Records["interactions"] = is
			fs, err := x.rows("SELECT f.* FROM follow_ups f JOIN interaction_contacts ic ON ic.interaction_id = f.interaction_id WHERE ic.contact_id = "+x.d.ph(1)+" ORDER BY f.id", c.ID)
			if err != nil {
				return nil, err
			}
			if len(fs) > 0 {
				doc.Records["follow_ups"] = fs
			}
		}
	}
	return json.MarshalIndent(doc, "", "  ")
}

type exporter struct {
	db  *ent.Client
	ctx context.Context
	d   sqlDialect
}

func (x exporter) one(table string, id int) (map[string]any, error) {
	rows, err := x.rows("SELECT * FROM "+quote(table)+" WHERE id = "+x.d.ph(1), id)
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	return rows[0], nil
}

// rows reads the rows of query as maps from column to value, credentials
// left out.
func (x exporter) rows(query string, args ...any) ([]map[string]any, error) {
	rs, err := x.db.QueryContext(x.ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("export personal data: %w", err)
	}
	defer rs.Close()
	cols, err := rs.Columns()
	if err != nil {
		return nil, err
	}
	var out []map[string]any
	for rs.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rs.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := map[string]any{}
		for i, col := range cols {
			if secret(col) {
				continue
			}
			v := vals[i]
			switch b := v.(type) {
			case []byte:
				if json.Valid(b) {
					v = json.RawMessage(append([]byte(nil), b...))
				} else {
					v = string(b)
				}
			case string:
				if (strings.HasPrefix(b, "{") || strings.HasPrefix(b, "[")) && json.Valid([]byte(b)) {
					v = json.RawMessage(b)
				}
			}
			row[col] = v
		}
		out = append(out, row)
	}
	return out, rs.Err()
}

// Tables lists the record sections of a document, sorted (for tests and
// the README).
func (d *Document) Tables() []string {
	var out []string
	for k := range d.Records {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
