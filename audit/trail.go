package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/dialect/sql"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/auditentry"
	"github.com/dealerline/dealerline/spreadsheet"
)

// Filter narrows the audit trail. From and To are business dates, both
// included; Action matches a prefix ("order." is every order action).
type Filter struct {
	ActorID     *int
	DealerID    *int
	SubjectType *string
	Action      *string
	From, To    *time.Time
}

// NewestFirst is the order the trail is listed in.
var NewestFirst = &ent.AuditEntryOrder{Field: ent.AuditEntryOrderFieldAt, Direction: entgql.OrderDirectionDesc}

// requireAdmin refuses anyone but an administrator: the trail shows every
// dealer's changes (a dealer's administrator is no administrator here).
func requireAdmin(ctx context.Context) error {
	v, err := auth.Require(ctx)
	if err != nil {
		return err
	}
	if !v.IsAdmin() {
		return apperr.Errorf(apperr.Forbidden, "only administrators read the audit trail")
	}
	return nil
}

// Trail is the audit entries f selects, for an administrator; list them
// NewestFirst. loc is the business time zone f's dates are in.
func Trail(ctx context.Context, db *ent.Client, loc *time.Location, f Filter) (*ent.AuditEntryQuery, error) {
	if err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	if f.From != nil && f.To != nil && f.To.Before(*f.From) {
		return nil, apperr.Invalid("to", "the period ends before it starts")
	}
	q := db.AuditEntry.Query()
	if f.ActorID != nil {
		q.Where(auditentry.ActorID(*f.ActorID))
	}
	if f.DealerID != nil {
		q.Where(auditentry.DealerID(*f.DealerID))
	}
	if f.SubjectType != nil && *f.SubjectType != "" {
		q.Where(auditentry.SubjectType(*f.SubjectType))
	}
	if f.Action != nil && *f.Action != "" {
		q.Where(auditentry.ActionHasPrefix(*f.Action))
	}
	if f.From != nil {
		q.Where(auditentry.AtGTE(startOf(*f.From, loc)))
	}
	if f.To != nil {
		q.Where(auditentry.AtLT(startOf(f.To.AddDate(0, 0, 1), loc)))
	}
	return q, nil
}

// startOf is the instant business date day begins in loc.
func startOf(day time.Time, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	y, m, d := day.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// SubjectTypes are the kinds of record the trail holds entries for, for
// an administrator's filter menu.
func SubjectTypes(ctx context.Context, db *ent.Client) ([]string, error) {
	return distinct(ctx, db, auditentry.FieldSubjectType)
}

// Actions are the actions the trail holds entries for.
func Actions(ctx context.Context, db *ent.Client) ([]string, error) {
	return distinct(ctx, db, auditentry.FieldAction)
}

func distinct(ctx context.Context, db *ent.Client, field string) ([]string, error) {
	if err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	out, err := db.AuditEntry.Query().Unique(true).Select(field).Strings(ctx)
	if err != nil {
		return nil, err
	}
	sort.Strings(out)
	return out, nil
}

// Change is one field of a change: what it was before and after, as text
// (a number, a word, or JSON for a list or a record); nil for nothing.
type Change struct {
	Field  string
	Before *string
	After  *string
}

// Changes presents an entry's details uniformly, as a list of changed
// fields. Details come in a few shapes: {from, to} (a status change, the
// field the action says), {before: {...}, after: {...}}, fields whose
// value is such a pair ({"name": {"before": …, "after": …}}), a record of
// pairs ({"changed": {...}}), and plain values (what a creation set: no
// before).
func Changes(action string, details map[string]any) []Change {
	var out []Change
	rest := map[string]any{}
	for k, v := range details {
		rest[k] = v
	}
	from, hasFrom := rest["from"]
	to, hasTo := rest["to"]
	if hasFrom || hasTo {
		out = append(out, Change{Field: fromToField(action), Before: text(from), After: text(to)})
		delete(rest, "from")
		delete(rest, "to")
	}
	before, okB := rest["before"].(map[string]any)
	after, okA := rest["after"].(map[string]any)
	if okB || okA {
		out = append(out, diff(before, after)...)
		delete(rest, "before")
		delete(rest, "after")
	}
	out = append(out, fields("", rest)...)
	return out
}

// fromToField is the field a {from, to} entry changes.
func fromToField(action string) string {
	switch {
	case strings.HasPrefix(action, "followup."):
		return "assignee"
	default:
		return "status"
	}
}

// pair is v's before and after when v is {from, to} or {before, after}.
func pair(v any) (before, after any, ok bool) {
	m, isMap := v.(map[string]any)
	if !isMap || len(m) == 0 || len(m) > 2 {
		return nil, nil, false
	}
	if b, a := m["from"], m["to"]; hasOnly(m, "from", "to") {
		return b, a, true
	}
	if b, a := m["before"], m["after"]; hasOnly(m, "before", "after") {
		return b, a, true
	}
	return nil, nil, false
}

func hasOnly(m map[string]any, keys ...string) bool {
	for k := range m {
		if k != keys[0] && k != keys[1] {
			return false
		}
	}
	return true
}

// fields are the changes of record m, sorted by field; prefix names the
// record they are in.
func fields(prefix string, m map[string]any) []Change {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []Change
	for _, k := range keys {
		v := m[k]
		name := prefix + k
		if b, a, ok := pair(v); ok {
			out = append(out, Change{Field: name, Before: text(b), After: text(a)})
			continue
		}
		if sub, ok := v.(map[string]any); ok && holdsPairs(sub) {
			p := name + "."
			if k == "changed" || k == "changes" {
				p = prefix
			}
			out = append(out, fields(p, sub)...)
			continue
		}
		out = append(out, Change{Field: name, After: text(v)})
	}
	return out
}

// holdsPairs says whether some value of m is a before/after pair.
func holdsPairs(m map[string]any) bool {
	for _, v := range m {
		if _, _, ok := pair(v); ok {
			return true
		}
		if sub, ok := v.(map[string]any); ok && holdsPairs(sub) {
			return true
		}
	}
	return false
}

// diff are the fields whose values differ between before and after.
func diff(before, after map[string]any) []Change {
	keys := map[string]bool{}
	for k := range before {
		keys[k] = true
	}
	for k := range after {
		keys[k] = true
	}
	names := make([]string, 0, len(keys))
	for k := range keys {
		names = append(names, k)
	}
	sort.Strings(names)
	var out []Change
	for _, k := range names {
		b, a := text(before[k]), text(after[k])
		if equal(b, a) {
			continue
		}
		out = append(out, Change{Field: k, Before: b, After: a})
	}
	return out
}

func equal(a, b *string) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// text is v as text: nil for nothing, numbers and words plain, anything
// else as JSON.
func text(v any) *string {
	var s string
	switch v := v.(type) {
	case nil:
		return nil
	case string:
		s = v
	case bool:
		s = strconv.FormatBool(v)
	case float64:
		s = strconv.FormatFloat(v, 'f', -1, 64)
	case int, int64, int32:
		s = fmt.Sprint(v)
	case json.Number:
		s = v.String()
	case fmt.Stringer:
		s = v.String()
	default:
		b, err := json.Marshal(v)
		if err != nil {
			s = fmt.Sprint(v)
		} else {
			s = string(b)
		}
	}
	return &s
}

// CSVHeader is the first row of the trail as CSV.
var CSVHeader = []string{"time", "actor", "action", "kind", "subject id", "dealer id", "field", "before", "after"}

// TrailCSV is the entries f selects as CSV, newest first, a row per
// changed field (one row for an entry with none): UTF-8 with a byte order
// mark, a header, times in RFC 3339 in the business time zone, and text a
// spreadsheet would run as a formula kept plain. At most limit entries.
func TrailCSV(ctx context.Context, db *ent.Client, loc *time.Location, f Filter, limit int) (string, error) {
	q, err := Trail(ctx, db, loc, f)
	if err != nil {
		return "", err
	}
	entries, err := q.Order(auditentry.ByAt(sql.OrderDesc()), auditentry.ByID(sql.OrderDesc())).Limit(limit).All(ctx)
	if err != nil {
		return "", err
	}
	if loc == nil {
		loc = time.UTC
	}
	opt := func(p *int) string {
		if p == nil {
			return ""
		}
		return strconv.Itoa(*p)
	}
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return spreadsheet.Text(*p)
	}
	rows := [][]string{CSVHeader}
	for _, e := range entries {
		head := []string{e.At.In(loc).Format(time.RFC3339), spreadsheet.Text(e.ActorName), spreadsheet.Text(e.Action), spreadsheet.Text(e.SubjectType), strconv.Itoa(e.SubjectID), opt(e.DealerID)}
		changes := Changes(e.Action, e.Details)
		if len(changes) == 0 {
			rows = append(rows, append(head, "", "", ""))
		}
		for _, c := range changes {
			rows = append(rows, append(append([]string(nil), head...), spreadsheet.Text(c.Field), str(c.Before), str(c.After)))
		}
	}
	return spreadsheet.CSV(rows), nil
}
