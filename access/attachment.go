package access

import (
	"context"

	"entgo.io/ent/dialect/sql"

	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/attachment"
	"github.com/dealerline/dealerline/ent/conflictcase"
	"github.com/dealerline/dealerline/ent/conflictcomment"
	"github.com/dealerline/dealerline/ent/predicate"
	"github.com/dealerline/dealerline/ent/privacy"
)

// Parent types an attachment may have, by their ent type names.
const (
	AttachedToServiceTicket   = "ServiceTicket"
	AttachedToTicketReply     = "TicketReply"
	AttachedToInteraction     = "Interaction"
	AttachedToMarketReport    = "MarketReport"
	AttachedToConflictCase    = "ConflictCase"
	AttachedToConflictComment = "ConflictComment"
	AttachedToSalesReturn     = "SalesReturn"
	AttachedToAgreement       = "Agreement"
	AttachedToFundClaim       = "FundClaim"
)

// dealerDataParents are the parents read under DealerDataPolicy: by whoever
// sees their dealer.
var dealerDataParents = []string{
	AttachedToServiceTicket, AttachedToTicketReply, AttachedToMarketReport,
	AttachedToSalesReturn, AttachedToFundClaim,
}

// Attachments is the set of attachments v may see: those whose parent v
// may see, each parent type under its own rule (mirrored here as a filter,
// so lists, counts and node(id:) obey it), and never a deleted one.
//   - tickets and their replies, market reports, returns and fund claims:
//     with their dealer (DealerDataPolicy);
//   - interactions: staff who see the dealer, never dealer users
//     (StaffDealerDataPolicy);
//   - agreements: the dealer's own users and the staff who see it
//     (OwnDealerDataPolicy);
//   - conflict cases and comments: with the case (ConflictCases), internal
//     comments by staff only (ConflictPartPolicy).
func Attachments(v *auth.Viewer) predicate.Attachment {
	notDeleted := attachment.DeletedAtIsNil()
	switch {
	case v.IsAdmin():
		return notDeleted
	case v.IsManager():
		return attachment.And(notDeleted, attachment.Or(
			attachment.And(
				attachment.ParentTypeIn(append([]string{AttachedToInteraction, AttachedToAgreement}, dealerDataParents...)...),
				attachment.HasDealerWith(Dealers(v)),
			),
			attachedToCase(v),
			attachedToComment(v, false),
		))
	case v.IsDealer():
		return attachment.And(notDeleted, attachment.Or(
			attachment.And(attachment.ParentTypeIn(dealerDataParents...), attachment.HasDealerWith(Dealers(v))),
			attachment.And(attachment.ParentType(AttachedToAgreement), attachment.DealerID(v.DealerID)),
			attachedToCase(v),
			attachedToComment(v, true),
		))
	}
	return attachment.IDIn()
}

// attachedToCase: attachments of the conflict cases v may see.
func attachedToCase(v *auth.Viewer) predicate.Attachment {
	return parentIn(AttachedToConflictCase, conflictcase.Table, conflictcase.FieldID, func(s *sql.Selector) {
		ConflictCases(v)(s)
	})
}

// attachedToComment: attachments of the comments v may see (not internal
// ones for a dealer user).
func attachedToComment(v *auth.Viewer, publicOnly bool) predicate.Attachment {
	return parentIn(AttachedToConflictComment, conflictcomment.Table, conflictcomment.FieldID, func(s *sql.Selector) {
		conflictcomment.HasCaseWith(ConflictCases(v))(s)
		if publicOnly {
			conflictcomment.Internal(false)(s)
		}
	})
}

// parentIn: attachments of parentType whose parent is a row of table that
// filter keeps.
func parentIn(parentType, table, idColumn string, filter func(*sql.Selector)) predicate.Attachment {
	return func(s *sql.Selector) {
		t := sql.Table(table)
		sub := sql.Dialect(s.Dialect()).Select(t.C(idColumn)).From(t)
		filter(sub)
		s.Where(sql.And(
			sql.EQ(s.C(attachment.FieldParentType), parentType),
			sql.In(s.C(attachment.FieldParentID), sub),
		))
	}
}

// AttachmentPolicy: see Attachments. Only package attachments writes them,
// after checking the viewer may see the parent.
func AttachmentPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{privacy.AttachmentQueryRuleFunc(func(ctx context.Context, q *ent.AttachmentQuery) error {
			v, err := viewer(ctx)
			if err != nil {
				return err
			}
			q.Where(Attachments(v))
			return privacy.Allow
		})},
		Mutation: systemWrites(),
	}
}
