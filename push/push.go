// Package push is Web Push: the installable portal's notifications. A user
// allows notifications in a browser, which subscribes with the
// installation's VAPID key and hands the portal its push service's endpoint
// and keys; the server then sends each message to every browser the user
// subscribed, encrypted so that only that browser reads it.
//
// The notification code decides who is told what and calls Sender.Send;
// this package keeps the keys and subscriptions and speaks to push
// services.
package push

import (
	"context"
	"crypto/ecdh"
	"encoding/base64"
	"net/url"
	"strings"
	"time"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/pushsubscription"
	"github.com/dealerline/dealerline/store/tx"
)

// Limits of a subscription's text.
const (
	MaxEndpoint  = 2048
	MaxUserAgent = 500
)

// Service keeps the viewer's subscriptions and sends the test message.
type Service struct {
	client *ent.Client
	sender *Sender
}

// NewService returns a Service over client that sends through sender.
func NewService(client *ent.Client, sender *Sender) *Service {
	return &Service{client: client, sender: sender}
}

// Sender is the service's sender, for the code that notifies users.
func (s *Service) Sender() *Sender { return s.sender }

// PublicKey is the VAPID public key browsers subscribe with.
func (s *Service) PublicKey() string { return s.sender.PublicKey() }

// SubscribeInput is a browser's PushSubscription as the portal reads it.
type SubscribeInput struct {
	Endpoint string
	// P256dh and Auth are getKey("p256dh") and getKey("auth"), base64url.
	P256dh    string
	Auth      string
	UserAgent string
}

// Subscribe keeps the viewer's browser subscription. Subscribing the same
// endpoint again updates its keys: the browser may have renewed them. A
// browser belongs to whoever last subscribed in it, so the endpoint is
// taken from any other user who had signed in there.
func (s *Service) Subscribe(ctx context.Context, in SubscribeInput) (*ent.PushSubscription, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	endpoint, err := validEndpoint(in.Endpoint)
	if err != nil {
		return nil, err
	}
	p256dh, err := key("p256dh", in.P256dh, 65)
	if err != nil {
		return nil, err
	}
	if _, err := ecdh.P256().NewPublicKey(p256dh); err != nil {
		return nil, apperr.Invalid("p256dh", "p256dh is not a P-256 public key")
	}
	secret, err := key("auth", in.Auth, 16)
	if err != nil {
		return nil, err
	}
	agent, err := apperr.Text("userAgent", in.UserAgent, false, MaxUserAgent)
	if err != nil {
		return nil, err
	}

	sys := access.Bypass(ctx)
	db := tx.Client(ctx, s.client)
	if _, err := db.PushSubscription.Delete().
		Where(pushsubscription.Endpoint(endpoint), pushsubscription.UserIDNEQ(v.UserID)).
		Exec(sys); err != nil {
		return nil, err
	}
	enc := base64.RawURLEncoding.EncodeToString
	id, err := db.PushSubscription.Create().
		SetUserID(v.UserID).
		SetEndpoint(endpoint).
		SetP256dh(enc(p256dh)).
		SetAuth(enc(secret)).
		SetUserAgent(agent).
		OnConflictColumns(pushsubscription.FieldUserID, pushsubscription.FieldEndpoint).
		UpdateP256dh().
		UpdateAuth().
		UpdateUserAgent().
		ID(sys)
	if err != nil {
		return nil, err
	}
	return db.PushSubscription.Get(ctx, id)
}

// Unsubscribe removes the viewer's subscription of endpoint. One the
// viewer does not have, another user's included, is NOT_FOUND.
func (s *Service) Unsubscribe(ctx context.Context, endpoint string) error {
	v, err := auth.Require(ctx)
	if err != nil {
		return err
	}
	db := tx.Client(ctx, s.client)
	// Found through the viewer's privacy, so another user's is missing.
	sub, err := db.PushSubscription.Query().Where(pushsubscription.Endpoint(strings.TrimSpace(endpoint))).Only(ctx)
	if ent.IsNotFound(err) || (err == nil && sub.UserID != v.UserID) {
		return apperr.Missing("endpoint", "this browser is not subscribed")
	}
	if err != nil {
		return err
	}
	return db.PushSubscription.DeleteOneID(sub.ID).Exec(access.Bypass(ctx))
}

// Subscriptions are the viewer's browsers, newest first.
func (s *Service) Subscriptions(ctx context.Context) ([]*ent.PushSubscription, error) {
	if _, err := auth.Require(ctx); err != nil {
		return nil, err
	}
	return tx.Client(ctx, s.client).PushSubscription.Query().
		Order(ent.Desc(pushsubscription.FieldCreatedAt), ent.Desc(pushsubscription.FieldID)).
		All(ctx)
}

// TestMessage is what SendTest sends.
var TestMessage = Message{
	Title:   "Dealerline",
	Body:    "Dealerline: notifications are on",
	Link:    "/settings/push",
	Tag:     "dealerline-test",
	TTL:     10 * time.Minute,
	Urgency: Normal,
}

// SendTest sends TestMessage to the viewer's own browsers, so a user sees
// the whole way a notification takes, and says how many push services
// took it. It is not run in the request's transaction: it waits on push
// services.
func (s *Service) SendTest(ctx context.Context) (int, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return 0, err
	}
	reached, err := s.sender.Deliver(ctx, v.UserID, TestMessage)
	if reached == 0 && err != nil {
		return 0, err
	}
	return reached, nil
}

// validEndpoint is endpoint if it is an https URL a push service could
// serve.
func validEndpoint(endpoint string) (string, error) {
	endpoint = strings.TrimSpace(endpoint)
	if endpoint == "" {
		return "", apperr.Invalid("endpoint", "endpoint is required")
	}
	if len(endpoint) > MaxEndpoint {
		return "", apperr.Invalid("endpoint", "endpoint is longer than %d characters", MaxEndpoint)
	}
	u, err := url.Parse(endpoint)
	if err != nil || u.Scheme != "https" || u.Hostname() == "" || u.User != nil || u.Fragment != "" || u.Opaque != "" {
		return "", apperr.Invalid("endpoint", "endpoint must be an https URL of a push service")
	}
	return endpoint, nil
}

// key decodes a base64url key of size bytes, with or without padding.
func key(field, s string, size int) ([]byte, error) {
	s = strings.TrimRight(strings.TrimSpace(s), "=")
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, apperr.Invalid(field, "%s is not base64url", field)
	}
	if len(b) != size {
		return nil, apperr.Invalid(field, "%s must be %d bytes, not %d", field, size, len(b))
	}
	return b, nil
}
