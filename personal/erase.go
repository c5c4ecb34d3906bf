package personal

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/dealerline/dealerline/attachments"
	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/interaction"
	"github.com/dealerline/dealerline/ent/notification"
	"github.com/dealerline/dealerline/ent/notificationsetting"
	"github.com/dealerline/dealerline/ent/outboundmessage"
	"github.com/dealerline/dealerline/ent/predicate"
	"github.com/dealerline/dealerline/ent/pushsubscription"
	"github.com/dealerline/dealerline/ent/searchentry"
	"github.com/dealerline/dealerline/ent/serviceticket"
	"github.com/dealerline/dealerline/ent/ticketreply"
	"github.com/dealerline/dealerline/ent/token"
	"github.com/dealerline/dealerline/ent/userlink"
	"github.com/dealerline/dealerline/search"
)

// The erasure writes below ent, in raw statements through the erasure's
// transaction (eraser.exec), and nowhere else does anything: the copies it
// scrubs are Immutable in the ent schema (author_name, ticket bodies, the
// audit trail, the event outbox, sent e-mail) because no one else may
// change them. Lifting Immutable would open every generated update to
// them; this one path, run only by Erase, leaves them closed to the rest.

// authored lists the free text a user writes, by the column naming its
// author: erased with the user. Company documents a user published
// (announcements, policies, promotions, funds, rebate programs) are the
// manufacturer's, not personal: they stay, with the publisher's name
// replaced. A test keeps every author column of the schema in this list or
// in notAuthored, so a new one is decided on.
var authored = []struct {
	table, by string
	texts     []string
}{
	{"interactions", "author_id", []string{"subject", "notes", "outcome"}},
	{"service_tickets", "opened_by_id", []string{"subject", "body"}},
	{"ticket_replies", "author_id", []string{"body"}},
	{"orders", "placed_by_id", []string{"note"}},
	{"order_events", "actor_id", []string{"note"}},
	{"delivery_events", "actor_id", []string{"note"}},
	{"conflict_cases", "opened_by_id", []string{"summary", "evidence"}},
	{"conflict_comments", "author_id", []string{"body"}},
	{"agreement_versions", "author_id", []string{"note"}},
	{"dealer_status_changes", "requested_by_id", []string{"reason"}},
	{"channel_costs", "recorded_by_id", []string{"note"}},
	{"distribution_surveys", "recorded_by_id", []string{"note"}},
	{"satisfaction_scores", "recorded_by_id", []string{"note"}},
	{"market_reports", "reported_by_id", []string{"note"}},
	{"deal_registrations", "registered_by_id", []string{"notes"}},
	{"fund_claims", "submitted_by_id", []string{"description"}},
	{"invoice_disputes", "raised_by_id", []string{"reason"}},
	{"sales_returns", "requested_by_id", []string{"note"}},
	{"sales_return_events", "actor_id", []string{"note"}},
	{"channel_signals", "resolved_by_id", []string{"resolution_note"}},
}

// notAuthored are the columns naming a user whose rows hold no text the
// user wrote (see authored).
var notAuthored = map[string]bool{
	"announcements.published_by_id": true, "channel_policies.published_by_id": true,
	"promotions.published_by_id": true, "marketing_funds.published_by_id": true,
	"rebate_programs.published_by_id": true, "audit_entries.actor_id": true,
	"inventory_reports.recorded_by_id": true, "signal_rules.updated_by_id": true,
	"follow_ups.assignee_id": true, // the text is the interaction author's: erased with it
	// The files a user uploaded are removed whole (attachments.EraseUploadedBy).
	"attachments.uploaded_by_id": true, "attachments.deleted_by_id": true,
}

// minLoose is how long a name (in runes) must be to be replaced where it
// stands inside longer text; shorter ones ("Li") are replaced only where
// they are the whole value, so that other words keep their letters.
// minLooseText is the same for a free text's copies.
const (
	minLoose     = 4
	minLooseText = 20
)

type replacement struct {
	from, to string
	loose    bool // inside longer text too
}

type eraser struct {
	s    *Service
	db   *ent.Client
	ctx  context.Context // access.Bypass: the viewer's rights were checked
	now  time.Time
	repl []replacement
	out  *Erasure
	// the records whose search entries are written again
	tickets, interactions []int
}

func (e *eraser) add(from, to string, loose bool) {
	if strings.TrimSpace(from) == "" || from == to {
		return
	}
	for _, r := range e.repl {
		if r.from == from {
			return
		}
	}
	e.repl = append(e.repl, replacement{from: from, to: to, loose: loose})
}

func runes(s string) int { return len([]rune(strings.TrimSpace(s))) }

// nameLoose reports whether a name is distinctive enough to be replaced
// inside longer text: 4 characters, or 3 Chinese ones (a full name, which
// rarely stands inside another word).
func nameLoose(name string) bool {
	n := runes(name)
	if n >= minLoose {
		return true
	}
	for _, r := range name {
		if unicode.Is(unicode.Han, r) {
			return n >= 3
		}
	}
	return false
}

func digits(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

func (e *eraser) exec(query string, args ...any) (int, error) {
	res, err := e.db.ExecContext(e.ctx, query, args...)
	if err != nil {
		return 0, fmt.Errorf("erase personal data: %w", err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

func (e *eraser) strings(query string, args ...any) ([]string, error) {
	rows, err := e.db.QueryContext(e.ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("erase personal data: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s *string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		if s != nil {
			out = append(out, *s)
		}
	}
	return out, rows.Err()
}

func (e *eraser) ints(query string, args ...any) ([]int, error) {
	rows, err := e.db.QueryContext(e.ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("erase personal data: %w", err)
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var n int
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// texts replaces the non-empty values of column col of table's rows
// matching where by "[erased]", after noting each value for its copies.
func (e *eraser) texts(table, col, where string, args ...any) error {
	q := quote
	cond := where + " AND " + q(col) + " IS NOT NULL AND " + q(col) + " <> '' AND " + q(col) + " <> '" + Erased + "'"
	vals, err := e.strings("SELECT "+q(col)+" FROM "+q(table)+" WHERE "+cond, args...)
	if err != nil {
		return err
	}
	for _, v := range vals {
		e.add(v, Erased, runes(v) >= minLooseText)
	}
	n, err := e.exec("UPDATE "+q(table)+" SET "+q(col)+" = '"+Erased+"' WHERE "+cond, args...)
	e.out.TextsErased += n
	return err
}

func (e *eraser) user(u *ent.User) (*Erasure, error) {
	d := e.s.sql()
	e.out = &Erasure{Placeholder: fmt.Sprintf("erased-user-%d", u.ID)}
	e.add(u.Name, e.out.Placeholder, nameLoose(u.Name))
	email := fmt.Sprintf("erased-%d@invalid", u.ID)
	e.add(u.Email, email, true)

	// What they wrote. Follow-ups first: theirs are found through the
	// interactions they wrote.
	err := e.texts("follow_ups", "text",
		"interaction_id IN (SELECT id FROM interactions WHERE author_id = "+d.ph(1)+")", u.ID)
	if err != nil {
		return nil, err
	}
	for _, a := range authored {
		for _, col := range a.texts {
			if err := e.texts(a.table, col, quote(a.by)+" = "+d.ph(1), u.ID); err != nil {
				return nil, err
			}
		}
	}
	if e.interactions, err = e.ints("SELECT id FROM interactions WHERE author_id = "+d.ph(1), u.ID); err != nil {
		return nil, err
	}
	if e.tickets, err = e.ints("SELECT id FROM service_tickets WHERE opened_by_id = "+d.ph(1)+
		" UNION SELECT ticket_id FROM ticket_replies WHERE author_id = "+d.ph(2), u.ID, u.ID); err != nil {
		return nil, err
	}

	// They cannot sign in again: no password, deactivated, every token and
	// open link void (the revocation closes their sockets on every instance).
	err = e.db.User.UpdateOneID(u.ID).
		SetName(e.out.Placeholder).
		SetEmail(email).
		ClearPasswordHash().
		SetActive(false).
		SetDealerAdmin(false).
		ClearLocale().
		Exec(e.ctx)
	if err != nil {
		return nil, err
	}
	if e.out.TokensRevoked, err = e.db.Token.Query().Where(token.UserID(u.ID), token.RevokedAtIsNil()).Count(e.ctx); err != nil {
		return nil, err
	}
	if err := e.s.auth.RevokeUsers(e.ctx, e.db, u.ID); err != nil {
		return nil, err
	}
	if e.out.LinksVoided, err = e.db.UserLink.Update().
		Where(userlink.UserID(u.ID), userlink.UsedAtIsNil()).
		SetUsedAt(e.now).Save(e.ctx); err != nil {
		return nil, err
	}
	if e.out.PushSubscriptions, err = e.db.PushSubscription.Delete().Where(pushsubscription.UserID(u.ID)).Exec(e.ctx); err != nil {
		return nil, err
	}
	// Their inbox, and the e-mail and push messages not yet sent to them.
	if e.out.NotificationsRemoved, err = e.db.Notification.Delete().Where(notification.UserID(u.ID)).Exec(e.ctx); err != nil {
		return nil, err
	}
	if _, err = e.db.NotificationSetting.Delete().Where(notificationsetting.UserID(u.ID)).Exec(e.ctx); err != nil {
		return nil, err
	}
	if e.out.MessagesDropped, err = e.db.OutboundMessage.Delete().
		Where(
			outboundmessage.Or(outboundmessage.UserID(u.ID), outboundmessage.To(u.Email)),
			outboundmessage.StatusIn(outboundmessage.StatusPENDING, outboundmessage.StatusFAILED),
		).Exec(e.ctx); err != nil {
		return nil, err
	}

	// The files they uploaded, and their names wherever copied (the audit
	// entry of the upload).
	names, err := e.strings("SELECT file_name FROM attachments WHERE uploaded_by_id = "+d.ph(1), u.ID)
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		e.add(n, Erased, runes(n) >= minLooseText)
	}
	if e.out.FilesErased, err = attachments.EraseUploadedBy(e.ctx, e.db, u.ID); err != nil {
		return nil, err
	}
	return e.out, e.copies("users", u.ID)
}

func (e *eraser) contact(c *ent.Contact) (*Erasure, error) {
	d := e.s.sql()
	e.out = &Erasure{Placeholder: fmt.Sprintf("erased-contact-%d", c.ID)}
	e.add(c.Name, e.out.Placeholder, nameLoose(c.Name))
	e.add(c.Email, Erased, true)
	e.add(c.Phone, Erased, digits(c.Phone) >= 6)
	var err error
	if e.interactions, err = e.ints("SELECT interaction_id FROM interaction_contacts WHERE contact_id = "+d.ph(1), c.ID); err != nil {
		return nil, err
	}
	// Through ent: its hook writes the contact's search entry again.
	err = e.db.Contact.UpdateOneID(c.ID).
		SetName(e.out.Placeholder).SetTitle("").SetEmail("").SetPhone("").
		Exec(e.ctx)
	if err != nil {
		return nil, err
	}
	return e.out, e.copies("contacts", c.ID)
}

// copies replaces every copy of the person's name, e-mail, phone and text
// in every table but keptTables, then writes the search entries of what the person
// wrote or was named in again.
func (e *eraser) copies(of string, id int) error {
	if len(e.repl) == 0 {
		return nil
	}
	sort.SliceStable(e.repl, func(i, j int) bool { return len(e.repl[i].from) > len(e.repl[j].from) })
	cols, err := e.columns()
	if err != nil {
		return err
	}
	d := e.s.sql()
	for _, c := range cols {
		if keptTables[c.table] {
			continue
		}
		// A denormalised name beside the id of whom it names
		// (author_name, author_id): only where it names this user.
		guard := ""
		if sib, ok := strings.CutSuffix(c.name, "_name"); ok && c.siblings[sib+"_id"] {
			if of != "users" {
				continue
			}
			guard = fmt.Sprintf(" AND (%s = %d OR %s IS NULL)", quote(sib+"_id"), id, quote(sib+"_id"))
		}
		n, err := e.scrub(d, c, guard)
		if err != nil {
			return err
		}
		e.out.CopiesScrubbed += n
	}
	return e.reindex()
}

// keptTables are not scrubbed: the people's own (whose other rows are
// other people, who may share a name), the things that have names of
// their own (a dealer called after its owner keeps its business name), and
// the bytes of uploaded files, which are not copies of text (the person's
// own are removed whole, attachments.EraseUploadedBy).
var keptTables = map[string]bool{
	"users": true, "contacts": true, "dealers": true, "products": true,
	"channels": true, "territories": true, "attachment_contents": true,
}

// column is one text column of the database, found in its catalogue (so
// that tables outside ent's schema are scrubbed too).
type column struct {
	table, name string
	kind        string // text, json, jsonb, blob
	siblings    map[string]bool
}

func (e *eraser) columns() ([]column, error) {
	type raw struct{ table, name, typ string }
	var all []raw
	collect := func(query string, args ...any) error {
		rows, err := e.db.QueryContext(e.ctx, query, args...)
		if err != nil {
			return fmt.Errorf("erase personal data: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var r raw
			if err := rows.Scan(&r.table, &r.name, &r.typ); err != nil {
				return err
			}
			all = append(all, r)
		}
		return rows.Err()
	}
	if e.s.sql().postgres {
		err := collect(`SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
			JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
			WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
			ORDER BY c.table_name, c.ordinal_position`)
		if err != nil {
			return nil, err
		}
	} else {
		tables, err := e.strings(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
		if err != nil {
			return nil, err
		}
		for _, t := range tables {
			// The full-text index's own tables: rebuilt from search_entries.
			if t == search.FTSTable || strings.HasPrefix(t, search.FTSTable+"_") {
				continue
			}
			if err := collect(`SELECT ?, name, type FROM pragma_table_info(?)`, t, t); err != nil {
				return nil, err
			}
		}
	}
	siblings := map[string]map[string]bool{}
	for _, r := range all {
		if siblings[r.table] == nil {
			siblings[r.table] = map[string]bool{}
		}
		siblings[r.table][r.name] = true
	}
	var out []column
	for _, r := range all {
		t := strings.ToLower(r.typ)
		kind := ""
		switch {
		case t == "jsonb":
			kind = "jsonb"
		case strings.Contains(t, "json"):
			kind = "json"
		case strings.Contains(t, "char") || strings.Contains(t, "text") || strings.Contains(t, "clob"):
			kind = "text"
		case t == "bytea" || t == "blob":
			// Secrets and their hashes are not text; bodies (webhook
			// deliveries) are.
			n := strings.ToLower(r.name)
			if strings.Contains(n, "hash") || strings.Contains(n, "secret") || strings.Contains(n, "key") {
				continue
			}
			kind = "blob"
		default:
			continue
		}
		out = append(out, column{table: r.table, name: r.name, kind: kind, siblings: siblings[r.table]})
	}
	return out, nil
}

// jsonInner is s as it stands inside a JSON string, escaped the way Go
// writes it (and, when that differs, without HTML escaping).
func jsonInner(s string) []string {
	b, _ := json.Marshal(s)
	out := []string{string(b[1 : len(b)-1])}
	var w strings.Builder
	enc := json.NewEncoder(&w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	if plain := strings.TrimSuffix(w.String(), "\n"); plain != string(b) {
		out = append(out, plain[1:len(plain)-1])
	}
	return out
}

// pairs are the (from, to) replacements made in a column of kind.
func (e *eraser) pairs(kind string) (loose, exact [][2]string) {
	seen := map[string]bool{}
	addLoose := func(from, to string) {
		if from != "" && !seen[from] {
			seen[from] = true
			loose = append(loose, [2]string{from, to})
		}
	}
	for _, r := range e.repl {
		if kind == "text" {
			if r.loose {
				addLoose(r.from, r.to)
				addLoose(html.EscapeString(r.from), r.to)
				for _, j := range jsonInner(r.from) {
					addLoose(j, r.to)
				}
			} else {
				exact = append(exact, [2]string{r.from, r.to})
			}
			continue
		}
		// JSON (and bodies, which hold JSON): inside a string, or a whole
		// string value when the text is short.
		for _, j := range jsonInner(r.from) {
			if r.loose {
				addLoose(j, r.to)
			} else {
				addLoose(`"`+j+`"`, `"`+r.to+`"`)
			}
		}
	}
	sort.SliceStable(loose, func(i, j int) bool { return len(loose[i][0]) > len(loose[j][0]) })
	return loose, exact
}

func (e *eraser) scrub(d sqlDialect, c column, guard string) (int, error) {
	col := quote(c.name)
	read, write := col, func(v string) string { return v }
	switch {
	case c.kind == "jsonb" || (c.kind == "json" && d.postgres):
		read = col + "::text"
		write = func(v string) string { return "(" + v + ")::" + c.kind }
	case c.kind == "blob" && d.postgres:
		read = "convert_from(" + col + ", 'UTF8')"
		write = func(v string) string { return "convert_to(" + v + ", 'UTF8')" }
	case c.kind == "blob":
		read = "CAST(" + col + " AS TEXT)"
		write = func(v string) string { return "CAST(" + v + " AS BLOB)" }
	}
	contains := func(expr, arg string) string {
		if d.postgres {
			return "strpos(" + expr + ", " + arg + ") > 0"
		}
		return "instr(" + expr + ", " + arg + ") > 0"
	}
	loose, exact := e.pairs(c.kind)
	total := 0
	if len(loose) > 0 {
		var args []any
		next := func(v string) string { args = append(args, v); return d.ph(len(args)) }
		expr := read
		for _, p := range loose {
			expr = "REPLACE(" + expr + ", " + next(p[0]) + ", " + next(p[1]) + ")"
		}
		var conds []string
		for _, p := range loose {
			conds = append(conds, contains(read, next(p[0])))
		}
		n, err := e.exec("UPDATE "+quote(c.table)+" SET "+col+" = "+write(expr)+
			" WHERE "+col+" IS NOT NULL AND ("+strings.Join(conds, " OR ")+")"+guard, args...)
		if err != nil {
			return 0, err
		}
		total += n
	}
	if len(exact) > 0 {
		var args []any
		next := func(v string) string { args = append(args, v); return d.ph(len(args)) }
		expr := "CASE " + col
		for _, p := range exact {
			expr += " WHEN " + next(p[0]) + " THEN " + next(p[1])
		}
		expr += " ELSE " + col + " END"
		var in []string
		for _, p := range exact {
			in = append(in, next(p[0]))
		}
		n, err := e.exec("UPDATE "+quote(c.table)+" SET "+col+" = "+expr+
			" WHERE "+col+" IN ("+strings.Join(in, ", ")+")"+guard, args...)
		if err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

// reindex writes the search entries of the interactions and tickets the
// person wrote or was named in from their erased rows, gives every entry
// still holding a term of an erased value terms of its scrubbed text, and
// (SQLite) rebuilds the full-text index, whose tables would otherwise keep
// the erased terms until they are merged.
func (e *eraser) reindex() error {
	var entries []search.Entry
	if len(e.interactions) > 0 {
		is, err := e.db.Interaction.Query().Where(interaction.IDIn(e.interactions...)).All(e.ctx)
		if err != nil {
			return err
		}
		for _, i := range is {
			entries = append(entries, search.InteractionEntry(i.ID, i.DealerID, i.Subject, i.Notes, i.Outcome))
		}
	}
	if len(e.tickets) > 0 {
		ts, err := e.db.ServiceTicket.Query().Where(serviceticket.IDIn(e.tickets...)).All(e.ctx)
		if err != nil {
			return err
		}
		for _, t := range ts {
			replies, err := e.db.TicketReply.Query().Where(ticketreply.TicketID(t.ID)).
				Order(ticketreply.ByAt(), ticketreply.ByID()).All(e.ctx)
			if err != nil {
				return err
			}
			var bodies []string
			for _, r := range replies {
				bodies = append(bodies, r.Body)
			}
			entries = append(entries, search.TicketEntry(t.ID, t.DealerID, t.Subject, t.Body, bodies...))
		}
	}
	for _, en := range entries {
		if err := e.db.SearchEntry.Update().Where(searchentry.SubjectID(en.SubjectID)).
			SetTitle(en.Title).SetBody(en.Body).SetTerms(en.Terms).SetUpdatedAt(e.now).
			Exec(e.ctx); err != nil {
			return err
		}
	}
	var stale []predicate.SearchEntry
	for _, r := range e.repl {
		if t := search.Terms(r.from); t != "" {
			stale = append(stale, searchentry.TermsContains(t))
		}
	}
	if len(stale) > 0 {
		es, err := e.db.SearchEntry.Query().Where(searchentry.Or(stale...)).All(e.ctx)
		if err != nil {
			return err
		}
		for _, en := range es {
			if err := e.db.SearchEntry.UpdateOne(en).SetTerms(search.Terms(en.Title, en.Body)).SetUpdatedAt(e.now).Exec(e.ctx); err != nil {
				return err
			}
		}
	}
	if !e.s.sql().postgres {
		n, err := e.ints(`SELECT COUNT(*) FROM sqlite_schema WHERE name = ?`, search.FTSTable)
		if err != nil {
			return err
		}
		if len(n) == 1 && n[0] > 0 {
			if _, err := e.exec(`INSERT INTO ` + search.FTSTable + `(` + search.FTSTable + `) VALUES ('rebuild')`); err != nil {
				return err
			}
		}
	}
	return nil
}

// scrubbed is s with the erased values replaced (the note of the erasure).
func (e *eraser) scrubbed(s string) string {
	for _, r := range e.repl {
		if r.loose {
			s = strings.ReplaceAll(s, r.from, r.to)
		} else if strings.TrimSpace(s) == r.from {
			s = r.to
		}
	}
	return s
}

// audit records the erasure: who, whom, why and how much — not the values.
func (e *eraser) audit(ctx context.Context, subj Subject, note string, out *Erasure) error {
	details := map[string]any{
		"note":                 e.scrubbed(note),
		"placeholder":          out.Placeholder,
		"tokensRevoked":        out.TokensRevoked,
		"linksVoided":          out.LinksVoided,
		"pushSubscriptions":    out.PushSubscriptions,
		"messagesDropped":      out.MessagesDropped,
		"notificationsRemoved": out.NotificationsRemoved,
		"textsErased":          out.TextsErased,
		"copiesScrubbed":       out.CopiesScrubbed,
		"filesErased":          out.FilesErased,
	}
	if subj.ContactID != 0 {
		return audit.Record(ctx, e.db, "personal.erase", "Contact", subj.ContactID, details)
	}
	return audit.Record(ctx, e.db, "personal.erase", "User", subj.UserID, details)
}
