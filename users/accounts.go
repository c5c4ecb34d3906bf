package users

import (
	"context"
	"time"

	"github.com/dealerline/dealerline/audit"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/store/tx"
)

// The account changes below are made by package auth, which the audit
// package is built on (for the viewer) and so cannot record them itself:
// they are recorded here, in the request's transaction, after auth made
// them. The audit entry holds no password, hash or token secret.

// CreateUser creates a user with a role and a password (administrators
// only, by the privacy rules).
func (s *Service) CreateUser(ctx context.Context, in auth.NewUser) (*ent.User, error) {
	u, err := s.auth.CreateUser(ctx, in)
	if err != nil {
		return nil, err
	}
	if err := audit.Created(ctx, tx.Client(ctx, s.client), "user.create", "User", u.ID, u); err != nil {
		return nil, err
	}
	return u, nil
}

// UpdateUser changes user id (administrators only, by the privacy rules;
// one the viewer may not see is NOT_FOUND), recording its fields before
// and after.
func (s *Service) UpdateUser(ctx context.Context, id int, input ent.UpdateUserInput) error {
	db := tx.Client(ctx, s.client)
	before, err := db.User.Get(ctx, id)
	if err != nil {
		return err
	}
	if err := s.auth.UpdateUser(ctx, id, input); err != nil {
		return err
	}
	after, err := db.User.Get(ctx, id)
	if err != nil {
		return err
	}
	return audit.Updated(ctx, db, "user.update", "User", id, before, after)
}

// ChangePassword sets the viewer's password (see auth.Service.ChangePassword);
// the entry says it was changed, never to what.
func (s *Service) ChangePassword(ctx context.Context, current, next string) error {
	if err := s.auth.ChangePassword(ctx, current, next); err != nil {
		return err
	}
	v := auth.FromContext(ctx)
	return audit.Record(ctx, tx.Client(ctx, s.client), "user.changePassword", "User", v.UserID, nil)
}

// CreateAPIToken issues an API token of the viewer; the entry names it,
// the secret is returned only to the caller.
func (s *Service) CreateAPIToken(ctx context.Context, name string, expiresAt *time.Time) (string, *ent.Token, error) {
	secret, tok, err := s.auth.CreateAPIToken(ctx, name, expiresAt)
	if err != nil {
		return "", nil, err
	}
	if err := audit.Record(ctx, tx.Client(ctx, s.client), "token.create", "Token", tok.ID, map[string]any{
		"name": tok.Name, "kind": tok.Kind, "expiresAt": tok.ExpiresAt,
	}); err != nil {
		return "", nil, err
	}
	return secret, tok, nil
}

// RevokeAPIToken ends one of the viewer's tokens (another's is NOT_FOUND).
func (s *Service) RevokeAPIToken(ctx context.Context, id int) (*ent.Token, error) {
	tok, err := s.auth.Revoke(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := audit.Record(ctx, tx.Client(ctx, s.client), "token.revoke", "Token", tok.ID, map[string]any{
		"name": tok.Name, "kind": tok.Kind,
	}); err != nil {
		return nil, err
	}
	return tok, nil
}
