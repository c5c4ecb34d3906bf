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

// PolicyChanged: a policy was published, amended, withdrawn or re-sent as
// a reminder. Payload: Policy. Its audience is the policy's as a
// DealerReach (every dealer, the dimensions and the named dealers), plus
// its publisher.
const PolicyChanged Kind = "POLICY_CHANGED"

// Policy is the payload of PolicyChanged.
type Policy struct {
	PolicyID int `json:"policyId"`
	// PUBLISHED, AMENDED, WITHDRAWN or REMINDED.
	Action  string    `json:"action"`
	Version int       `json:"version"`
	At      time.Time `json:"at"`
}

// PolicyChangedEvent is the event of p, a policy published by user
// publishedBy (0 for the system), to the dealers reach addresses.
func PolicyChangedEvent(p Policy, reach DealerReach, publishedBy int) Event {
	payload, err := json.Marshal(p)
	if err != nil {
		panic(err) // plain values: cannot fail
	}
	return Event{
		Kind:      PolicyChanged,
		SubjectID: p.PolicyID,
		Audience:  Audience{UserID: publishedBy, Dealers: &reach},
		Payload:   payload,
		At:        p.At,
	}
}

// DecodePolicy reads the payload of a PolicyChanged event.
func DecodePolicy(e *Event) (Policy, error) {
	var p Policy
	err := json.Unmarshal(e.Payload, &p)
	return p, err
}
