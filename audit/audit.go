// Package audit records who changed what, when and through which token, in
// the transaction of the change itself.
package audit

import (
	"context"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
)

// Record writes an audit entry for the viewer of ctx through db (the
// change's transaction), so the entry exists exactly when the change does.
func Record(ctx context.Context, db *ent.Client, action, subjectType string, subjectID int, details map[string]any) error {
	e := db.AuditEntry.Create().
		SetAction(action).
		SetSubjectType(subjectType).
		SetSubjectID(subjectID).
		SetDetails(details).
		SetActorName("system")
	dealerID, err := dealerOf(access.Bypass(ctx), db, subjectType, subjectID)
	if err != nil {
		return err
	}
	e.SetNillableDealerID(dealerID)
	if v := auth.FromContext(ctx); v != nil {
		e.SetActorID(v.UserID).SetActorName(v.Name).SetTokenID(v.TokenID)
	}
	return e.Exec(access.Bypass(ctx))
}
