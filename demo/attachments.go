package demo

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/attachments"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/serviceticket"
)

// loadAttachments attaches a photo to South Traders' open ticket, by the
// user who opened it, a few minutes after: the portal shows one.
func (l *loader) loadAttachments(ctx context.Context) error {
	t, err := l.c.ServiceTicket.Query().
		Where(serviceticket.DealerID(l.dealerIDs["D-SOUTH"]), serviceticket.StatusEQ(serviceticket.StatusOPEN)).
		Order(ent.Desc(serviceticket.FieldOpenedAt), ent.Desc(serviceticket.FieldID)).
		First(ctx)
	if ent.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	data, err := demoPhoto()
	if err != nil {
		return err
	}
	contentType, thumb, err := attachments.Prepare(data)
	if err != nil {
		return err
	}
	_, err = attachments.Store(ctx, l.c, attachments.Stored{
		Parent:   attachments.Parent{ID: t.ID, Type: access.AttachedToServiceTicket, DealerID: &t.DealerID},
		FileName: "invoice-photo.png", Data: data, ContentType: contentType, Thumbnail: thumb,
		UploadedByID: t.OpenedByID, UploaderName: t.OpenedByName, At: t.OpenedAt.Add(5 * time.Minute),
	})
	return err
}

// demoPhoto is a small PNG drawn here: a paper page with lines of "text"
// and one line marked, the same on every load.
func demoPhoto() ([]byte, error) {
	const w, h = 480, 360
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{0x9a, 0x8f, 0x80, 0xff} // desk
			if x >= 60 && x < 420 && y >= 20 && y < 340 {
				c = color.RGBA{0xfb, 0xfa, 0xf6, 0xff} // paper
				if row := (y - 50) % 24; y >= 50 && y < 320 && row < 6 && x >= 90 && x < 390-((y/24)%3)*40 {
					c = color.RGBA{0x55, 0x5b, 0x66, 0xff} // a line of text
					if y >= 194 && y < 218 {
						c = color.RGBA{0xd9, 0x3b, 0x2b, 0xff} // the wrong price
					}
				}
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	err := png.Encode(&b, img)
	return b.Bytes(), err
}
