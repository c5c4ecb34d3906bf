package auth

import (
	"context"
	"math"
	"time"

	"github.com/dealerline/dealerline/apperr"
)

// NewLinkSecret returns the secret of a one-time link (an invitation, a
// password reset) and the hash to store: made and kept like a token's.
func NewLinkSecret() (secret string, hash []byte, err error) {
	return newSecret()
}

// HashLinkSecret is the hash a link's secret is stored and looked up by.
func HashLinkSecret(secret string) []byte { return hashSecret(secret) }

// ResetThrottle slows requests for password-reset e-mail, with the buckets
// of the sign-in Throttle: every request is charged, known address or not,
// so nobody fills an inbox or learns from the answer which e-mails exist.
type ResetThrottle struct{ t *Throttle }

// NewResetThrottle returns an empty ResetThrottle.
func NewResetThrottle() *ResetThrottle { return &ResetThrottle{t: NewThrottle()} }

// Charge counts a request for email from the client of ctx at now: a
// RATE_LIMITED error when the request must wait, the same for every e-mail.
func (r *ResetThrottle) Charge(ctx context.Context, email string, now time.Time) error {
	wait, _ := r.t.Begin(NormalizeEmail(email), ClientAddrFrom(ctx), now)
	if wait > 0 {
		return apperr.Errorf(apperr.RateLimited, "too many password-reset requests: try again in %d seconds", int(math.Ceil(wait.Seconds())))
	}
	return nil
}
