// Package personal answers a person who asks for the personal data
// Dealerline holds about them (PIPL, GDPR): Export gives it to them as one
// JSON document, Erase removes it — their name, e-mail, phone and the free
// text they wrote, wherever a copy of it went — while the business records
// that must stay (orders, invoices, payments, the audit trail) keep their
// rows and amounts.
//
// The person is a user (someone who signs in) or a contact (a person at a
// dealer whom the channel team works with).
package personal

import (
	"context"
	"fmt"
	"strings"
	"time"

	"entgo.io/ent/dialect"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/store/tx"
)

// Subject names the person: exactly one of UserID and ContactID.
type Subject struct {
	UserID    int
	ContactID int
}

func (s Subject) valid() error {
	if (s.UserID == 0) == (s.ContactID == 0) {
		return apperr.Invalid("userID", "give exactly one of userID and contactID")
	}
	return nil
}

// Service exports and erases personal data.
type Service struct {
	client  *ent.Client
	dialect string
	auth    *auth.Service
	now     func() time.Time
}

// NewService returns a Service over client, a store of dialectName, that
// revokes tokens through signIn.
func NewService(client *ent.Client, dialectName string, signIn *auth.Service) *Service {
	return &Service{client: client, dialect: dialectName, auth: signIn, now: time.Now}
}

// viewable loads the subject through the viewer's privacy: a person the
// viewer may not see answers as a missing one.
func (s *Service) viewable(ctx context.Context, subj Subject) (*ent.User, *ent.Contact, error) {
	db := tx.Client(ctx, s.client)
	if subj.UserID != 0 {
		u, err := db.User.Get(ctx, subj.UserID)
		if ent.IsNotFound(err) {
			return nil, nil, apperr.Errorf(apperr.NotFound, "no such user")
		}
		return u, nil, err
	}
	c, err := db.Contact.Get(ctx, subj.ContactID)
	if ent.IsNotFound(err) {
		return nil, nil, apperr.Errorf(apperr.NotFound, "no such contact")
	}
	return nil, c, err
}

// CanErase reports whether the viewer of ctx may erase personal data: an
// administrator of the manufacturer may, for anyone but itself.
func CanErase(ctx context.Context, subj Subject) bool {
	v := auth.FromContext(ctx)
	return v.IsAdmin() && !(subj.UserID != 0 && subj.UserID == v.UserID)
}

// CanExport reports whether the viewer of ctx may export the personal data
// of subj: an administrator anyone's, a user its own.
func CanExport(ctx context.Context, subj Subject) bool {
	v := auth.FromContext(ctx)
	return v.IsAdmin() || (v != nil && subj.UserID != 0 && subj.UserID == v.UserID)
}

// Erasure counts what an erasure changed.
type Erasure struct {
	// Placeholder is what the person's name became.
	Placeholder          string
	TokensRevoked        int
	LinksVoided          int
	PushSubscriptions    int
	MessagesDropped      int
	NotificationsRemoved int
	// TextsErased counts the free texts the person wrote (notes, ticket
	// bodies, replies, ...) replaced by "[erased]".
	TextsErased int
	// CopiesScrubbed counts the other rows a copy of the person's name,
	// e-mail, phone or text was replaced in: denormalised names, the search
	// index, notifications, e-mail and webhook payloads, the event outbox,
	// earlier audit entries.
	CopiesScrubbed int
	FilesErased    int
}

// Erased is what free text a person wrote becomes.
const Erased = "[erased]"

// Erase removes the personal data of subj, with note (why: the request it
// answers) kept in the audit entry of the erasure. Administrators only;
// nobody erases itself, nor the last active administrator. One transaction:
// all of it or nothing.
func (s *Service) Erase(ctx context.Context, subj Subject, note string) (*Erasure, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if !v.IsAdmin() {
		return nil, apperr.Errorf(apperr.Forbidden, "only an administrator erases personal data")
	}
	if err := subj.valid(); err != nil {
		return nil, err
	}
	note, err = apperr.Lines("note", note, true, 2000)
	if err != nil {
		return nil, err
	}
	u, c, err := s.viewable(ctx, subj)
	if err != nil {
		return nil, err
	}
	if u != nil {
		if u.ID == v.UserID {
			return nil, apperr.Invalid("userID", "you cannot erase your own personal data: another administrator does it")
		}
		if u.Role == user.RoleADMIN && u.Active {
			others, err := tx.Client(ctx, s.client).User.Query().
				Where(user.RoleEQ(user.RoleADMIN), user.Active(true), user.IDNEQ(u.ID)).
				Count(access.Bypass(ctx))
			if err != nil {
				return nil, err
			}
			if others == 0 {
				return nil, apperr.Invalid("userID", "%s is the last active administrator", u.Name)
			}
		}
	}
	var out *Erasure
	err = s.inTx(ctx, func(db *ent.Client) error {
		e := &eraser{s: s, db: db, ctx: access.Bypass(ctx), now: s.now().UTC()}
		if u != nil {
			out, err = e.user(u)
		} else {
			out, err = e.contact(c)
		}
		if err != nil {
			return err
		}
		return e.audit(ctx, subj, note, out)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// inTx runs fn in the request's transaction, or in one of its own.
func (s *Service) inTx(ctx context.Context, fn func(db *ent.Client) error) error {
	if ent.TxFromContext(ctx) != nil {
		return fn(ent.FromContext(ctx))
	}
	t, err := s.client.Tx(ctx)
	if err != nil {
		return err
	}
	if err := fn(t.Client()); err != nil {
		t.Rollback()
		return err
	}
	return t.Commit()
}

// sqlDialect holds the few differences between the stores in the raw
// statements of this package.
type sqlDialect struct{ postgres bool }

func (d sqlDialect) ph(i int) string {
	if d.postgres {
		return fmt.Sprintf("$%d", i)
	}
	return "?"
}

func quote(id string) string { return `"` + strings.ReplaceAll(id, `"`, `""`) + `"` }

func (s *Service) sql() sqlDialect { return sqlDialect{postgres: s.dialect == dialect.Postgres} }
