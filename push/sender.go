package push

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/SherClockHolmes/webpush-go"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/pushsubscription"
)

// Urgency tells a push service how soon a message must reach a device
// that saves its battery (RFC 8030 §5.3).
type Urgency string

const (
	VeryLow Urgency = "very-low"
	Low     Urgency = "low"
	Normal  Urgency = "normal"
	High    Urgency = "high"
)

// Message is what a browser shows: the payload the service worker reads
// (title, body, the portal link a click opens, and a tag under which a
// newer message replaces an older one), with how long a push service keeps
// it for an offline device and how urgent it is.
type Message struct {
	Title string `json:"title"`
	Body  string `json:"body"`
	// Link is a path of the portal, e.g. /orders/42; "/" when empty.
	Link string `json:"link"`
	Tag  string `json:"tag,omitempty"`
	// TTL is how long a push service keeps the message for a device that
	// is offline: DefaultTTL when 0.
	TTL time.Duration `json:"-"`
	// Urgency is Normal when empty.
	Urgency Urgency `json:"-"`
}

// DefaultTTL is how long a message waits for an offline device when its
// sender does not say.
const DefaultTTL = 24 * time.Hour

// Timeout bounds one request to a push service.
const Timeout = 10 * time.Second

// maxPayload is the most plaintext one aes128gcm record of 4096 octets
// carries: less its 86-octet header, the 16-octet tag and the padding
// delimiter (RFC 8291 §4).
const maxPayload = 4096 - 86 - 16 - 1

// Sender sends Web Push messages (RFC 8030) to the browsers a user
// subscribed, encrypted for each browser (RFC 8291) and signed with the
// installation's VAPID key (RFC 8292). It runs as the system: callers
// decide who is told what.
type Sender struct {
	client  *ent.Client
	keys    Keys
	subject string
	// HTTP is the client push services are reached through. Push
	// services may be at private addresses (an on-premises gateway), so
	// none is refused.
	HTTP *http.Client
	now  func() time.Time
}

// NewSender returns a Sender signing with keys; subject is the VAPID
// contact a push service may write to about the installation's traffic:
// a mailto: or https: URL.
func NewSender(client *ent.Client, keys Keys, subject string) *Sender {
	return &Sender{client: client, keys: keys, subject: subject, HTTP: &http.Client{Timeout: Timeout}, now: time.Now}
}

// PublicKey is the VAPID public key, base64url: what
// PushManager.subscribe takes as its applicationServerKey.
func (s *Sender) PublicKey() string { return s.keys.Public }

// Send sends msg to every browser userID subscribed: the call the
// notification code makes. A subscription whose push service answers 404
// or 410 is gone and is removed; any other failure is returned, for the
// caller to retry (a retry sends to every browser again, and a tag lets
// the browser show the message once).
func (s *Sender) Send(ctx context.Context, userID int, msg Message) error {
	_, err := s.Deliver(ctx, userID, msg)
	return err
}

// Deliver is Send that also says how many browsers' push services took
// the message.
func (s *Sender) Deliver(ctx context.Context, userID int, msg Message) (reached int, err error) {
	ctx = access.Bypass(ctx)
	subs, err := s.client.PushSubscription.Query().Where(pushsubscription.UserID(userID)).All(ctx)
	if err != nil || len(subs) == 0 {
		return 0, err
	}
	payload, err := encodePayload(msg)
	if err != nil {
		return 0, err
	}
	var (
		mu   sync.Mutex
		errs []error
		wg   sync.WaitGroup
	)
	for _, sub := range subs {
		wg.Go(func() {
			ok, err := s.deliverOne(ctx, sub, payload, msg)
			mu.Lock()
			defer mu.Unlock()
			if ok {
				reached++
			}
			if err != nil {
				errs = append(errs, err)
			}
		})
	}
	wg.Wait()
	return reached, errors.Join(errs...)
}

// deliverOne sends payload to one browser: true when its push service took
// it.
func (s *Sender) deliverOne(ctx context.Context, sub *ent.PushSubscription, payload []byte, msg Message) (bool, error) {
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	ttl := msg.TTL
	if ttl <= 0 {
		ttl = DefaultTTL
	}
	urgency := msg.Urgency
	if urgency == "" {
		urgency = Normal
	}
	resp, err := webpush.SendNotificationWithContext(ctx, payload, &webpush.Subscription{
		Endpoint: sub.Endpoint,
		Keys:     webpush.Keys{P256dh: sub.P256dh, Auth: sub.Auth},
	}, &webpush.Options{
		HTTPClient: s.HTTP,
		// The library writes "mailto:" before anything not https:.
		Subscriber:      strings.TrimPrefix(s.subject, "mailto:"),
		TTL:             int(ttl / time.Second),
		Urgency:         webpush.Urgency(urgency),
		VAPIDPublicKey:  s.keys.Public,
		VAPIDPrivateKey: s.keys.Private,
	})
	if err != nil {
		return false, fmt.Errorf("push to %s: %w", host(sub.Endpoint), err)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		err := s.client.PushSubscription.UpdateOneID(sub.ID).SetLastSuccessAt(s.now()).Exec(ctx)
		if ent.IsNotFound(err) { // unsubscribed meanwhile
			err = nil
		}
		return true, err
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone:
		// The browser unsubscribed or the subscription expired.
		_, err := s.client.PushSubscription.Delete().Where(pushsubscription.ID(sub.ID)).Exec(ctx)
		return false, err
	default:
		return false, fmt.Errorf("push to %s: answered %s: %s", host(sub.Endpoint), resp.Status, strings.TrimSpace(string(answer)))
	}
}

// encodePayload is msg as the service worker reads it, its body shortened
// to fit one record.
func encodePayload(msg Message) ([]byte, error) {
	if msg.Link == "" {
		msg.Link = "/"
	}
	for {
		b, err := json.Marshal(msg)
		if err != nil || len(b) <= maxPayload {
			return b, err
		}
		if msg.Body == "" {
			return nil, fmt.Errorf("push message: title, link and tag take %d bytes, more than %d", len(b), maxPayload)
		}
		// Cut the body by what it is over, in whole characters, and
		// mark the cut.
		over := len(b) - maxPayload + len("…")
		body := strings.TrimSuffix(msg.Body, "…")
		cut := max(len(body)-over, 0)
		for cut > 0 && !utf8.RuneStart(body[cut]) {
			cut--
		}
		msg.Body = body[:cut] + "…"
		if cut == 0 {
			msg.Body = ""
		}
	}
}

// host names a push service in errors without the endpoint's secret path.
func host(endpoint string) string {
	if u, err := url.Parse(endpoint); err == nil {
		return u.Host
	}
	return "the push service"
}
