package realtime

import (
	"encoding/json"
	"time"
)

// AnnouncementPublished: an announcement was published to some dealers.
// Payload: Announcement. Its audience is a DealerReach, plus its publisher.
const AnnouncementPublished Kind = "ANNOUNCEMENT_PUBLISHED"

// Announcement is the payload of AnnouncementPublished.
type Announcement struct {
	AnnouncementID int       `json:"announcementId"`
	Title          string    `json:"title"`
	Pinned         bool      `json:"pinned,omitempty"`
	PublishedAt    time.Time `json:"publishedAt"`
}

// AnnouncementPublishedEvent is the event of announcement p, published by
// user publishedBy (0 for the system) to the dealers reach matches.
func AnnouncementPublishedEvent(p Announcement, reach DealerReach, publishedBy int) Event {
	payload, err := json.Marshal(p)
	if err != nil {
		panic(err) // plain values: cannot fail
	}
	return Event{
		Kind:      AnnouncementPublished,
		SubjectID: p.AnnouncementID,
		Audience:  Audience{UserID: publishedBy, Dealers: &reach},
		Payload:   payload,
		At:        p.PublishedAt,
	}
}

// DecodeAnnouncement reads the payload of an AnnouncementPublished event.
func DecodeAnnouncement(e *Event) (Announcement, error) {
	var p Announcement
	err := json.Unmarshal(e.Payload, &p)
	return p, err
}
