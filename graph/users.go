package graph

import (
	"context"

	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/user"
	"github.com/dealerline/dealerline/users"
)

// invitation is the answer to an invitation: the user as the inviter sees
// it, and the link when no e-mail carries it.
func (r *mutationResolver) invitation(ctx context.Context, sent *users.Sent) (*InvitationPayload, error) {
	u, err := loaded[*ent.User](ctx, ent.FromContext(ctx).User.Query().Where(user.ID(sent.User.ID)))
	if err != nil {
		return nil, err
	}
	return &InvitationPayload{User: u, Link: sent.Link}, nil
}
