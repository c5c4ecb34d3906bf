package realtime

import (
	"encoding/json"
	"time"
)

// NotificationAdded: notifications were added to a user's inbox (package
// notify), in the transaction that wrote them. Addressed to that user
// alone (Audience.UserID); SubjectID is the notification.
const NotificationAdded Kind = "NOTIFICATION_ADDED"

// Notification is the payload of NotificationAdded.
type Notification struct {
	NotificationID int       `json:"notificationId"`
	UserID         int       `json:"userId"`
	At             time.Time `json:"at"`
}

// NotificationAddedEvent is the event of notification id, added to user
// userID's inbox at at.
func NotificationAddedEvent(id, userID int, at time.Time) Event {
	payload, err := json.Marshal(Notification{NotificationID: id, UserID: userID, At: at})
	if err != nil {
		panic(err) // plain values: cannot fail
	}
	return Event{Kind: NotificationAdded, SubjectID: id, Audience: Audience{UserID: userID}, Payload: payload, At: at}
}

// DecodeNotification reads the payload of a NotificationAdded event.
func DecodeNotification(e *Event) (Notification, error) {
	var p Notification
	err := json.Unmarshal(e.Payload, &p)
	return p, err
}

// OwnKeys are the keys of a subscriber who hears only what is addressed to
// user userID by name: its notifications.
func OwnKeys(userID int) []Key { return []Key{UserKey(userID)} }

// Heard reports whether a subscriber holding keys (ViewerKeys) would hear
// e: the hub's rule, for readers of the outbox that decide per user
// (package notify).
func Heard(keys []Key, e *Event) bool {
	return Filter{Keys: keys, Kinds: []Kind{e.Kind}}.hears(e)
}
