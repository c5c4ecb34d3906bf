package announcing

import (
	"context"

	entsql "entgo.io/ent/dialect/sql"

	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent/announcement"
	"github.com/dealerline/dealerline/ent/announcementread"
	"github.com/dealerline/dealerline/ent/predicate"
)

// Unread keeps the announcements the viewer has not marked read. Only
// dealer users mark announcements read; for staff, who read none by a
// receipt, it keeps none, as the API documents.
func Unread(ctx context.Context) (predicate.Announcement, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if !v.IsDealer() {
		return func(s *entsql.Selector) { s.Where(entsql.False()) }, nil
	}
	return announcement.Not(announcement.HasReadsWith(announcementread.UserID(v.UserID))), nil
}
