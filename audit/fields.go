package audit

import (
	"context"
	"encoding/json"

	"github.com/dealerline/dealerline/ent"
)

// Created records the creation of row (an ent entity) with the fields it
// was created with, for the changes that have no domain rule of their own
// (the catalogue, a dealer's master data).
func Created(ctx context.Context, db *ent.Client, action, subjectType string, id int, row any) error {
	return Record(ctx, db, action, subjectType, id, fieldsOf(row))
}

// Updated records the update of a row from before to after (the entity as
// read before and after it), with each changed field's before and after.
func Updated(ctx context.Context, db *ent.Client, action, subjectType string, id int, before, after any) error {
	b, a := fieldsOf(before), fieldsOf(after)
	changed := map[string]any{}
	for k, v := range a {
		if !sameJSON(b[k], v) {
			changed[k] = map[string]any{"before": b[k], "after": v}
		}
	}
	for k, v := range b {
		if _, ok := a[k]; !ok {
			changed[k] = map[string]any{"before": v, "after": nil}
		}
	}
	return Record(ctx, db, action, subjectType, id, map[string]any{"changed": changed})
}

// fieldsOf is row's fields as its JSON says (sensitive fields are not in
// it), without its id, edges and bookkeeping.
func fieldsOf(row any) map[string]any {
	m := map[string]any{}
	if row == nil {
		return m
	}
	b, err := json.Marshal(row)
	if err != nil {
		return m
	}
	_ = json.Unmarshal(b, &m)
	for _, k := range []string{"id", "edges", "created_at", "updated_at", "version"} {
		delete(m, k)
	}
	return m
}

func sameJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}
