package push

import (
	"context"
	"crypto/ecdh"
	"crypto/rand"
	"encoding/base64"
	"fmt"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/pushkey"
)

// Keys is the installation's VAPID key pair (RFC 8292), base64url without
// padding: Public is the uncompressed P-256 point browsers subscribe with,
// Private the scalar that signs each request's JWT.
type Keys struct {
	Public  string
	Private string
}

// vapidName is the one PushKey row's name.
const vapidName = "vapid"

// LoadKeys returns the installation's VAPID keys, making and keeping them
// at the first start. Instances starting together each try to insert a
// pair; the unique name keeps the first, and the others read it back, so
// every instance signs with the same key and subscriptions outlive
// restarts.
func LoadKeys(ctx context.Context, client *ent.Client) (Keys, error) {
	ctx = access.Bypass(ctx)
	if k, err := readKeys(ctx, client); err == nil || !ent.IsNotFound(err) {
		return k, err
	}
	k, err := newKeys()
	if err != nil {
		return Keys{}, err
	}
	err = client.PushKey.Create().SetName(vapidName).SetPublicKey(k.Public).SetPrivateKey(k.Private).Exec(ctx)
	if ent.IsConstraintError(err) {
		return readKeys(ctx, client) // another instance made them first
	}
	if err != nil {
		return Keys{}, fmt.Errorf("keep the VAPID keys: %w", err)
	}
	return k, nil
}

func readKeys(ctx context.Context, client *ent.Client) (Keys, error) {
	row, err := client.PushKey.Query().Where(pushkey.Name(vapidName)).Only(ctx)
	if err != nil {
		return Keys{}, err
	}
	return Keys{Public: row.PublicKey, Private: row.PrivateKey}, nil
}

// newKeys makes a P-256 key pair.
func newKeys() (Keys, error) {
	priv, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		return Keys{}, err
	}
	return Keys{
		Public:  base64.RawURLEncoding.EncodeToString(priv.PublicKey().Bytes()),
		Private: base64.RawURLEncoding.EncodeToString(priv.Bytes()),
	}, nil
}
