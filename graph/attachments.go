package graph

import (
	"context"

	"github.com/dealerline/dealerline/attachments"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
)

// attachmentURL is where an attachment is served.
func attachmentURL(a *ent.Attachment) string {
	return attachments.Path(a.ID)
}

// attachmentThumbnailURL is where an image's thumbnail is served; nil for
// other files.
func attachmentThumbnailURL(a *ent.Attachment) *string {
	if !a.HasThumbnail {
		return nil
	}
	u := attachmentURL(a) + "/thumbnail"
	return &u
}

// canDeleteAttachment says whether the viewer may delete a.
func canDeleteAttachment(ctx context.Context, a *ent.Attachment) bool {
	return attachments.CanDelete(auth.FromContext(ctx), a)
}
