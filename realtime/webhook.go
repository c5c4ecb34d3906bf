package realtime

import (
	"encoding/json"
	"time"
)

// WebhookPaused: a webhook endpoint was paused after a day of failed
// deliveries. Payload: WebhookPause. Addressed to administrators only (an
// empty audience), the only ones who see webhooks.
const WebhookPaused Kind = "WEBHOOK_PAUSED"

// WebhookPause is the payload of WebhookPaused.
type WebhookPause struct {
	WebhookID int       `json:"webhookId"`
	URL       string    `json:"url"`
	Reason    string    `json:"reason"`
	At        time.Time `json:"at"`
}

// WebhookPausedEvent is the event of endpoint id (at url) paused at at.
func WebhookPausedEvent(id int, url, reason string, at time.Time) Event {
	payload, err := json.Marshal(WebhookPause{WebhookID: id, URL: url, Reason: reason, At: at})
	if err != nil {
		panic(err) // plain values: cannot fail
	}
	return Event{Kind: WebhookPaused, SubjectID: id, Payload: payload, At: at}
}

// DecodeWebhookPause reads the payload of a WebhookPaused event.
func DecodeWebhookPause(e *Event) (WebhookPause, error) {
	var p WebhookPause
	err := json.Unmarshal(e.Payload, &p)
	return p, err
}
