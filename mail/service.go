package mail

import (
	"context"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/emaildelivery"
)

// Service is what the API offers of the e-mail: the delivery log, for
// administrators.
type Service struct {
	client *ent.Client
	// Enabled says whether e-mail is sent at all (--smtp-url is set).
	Enabled bool
	Composer
}

// NewService returns the e-mail service over client; enabled says whether
// an SMTP server is set.
func NewService(client *ent.Client, enabled bool, c Composer) *Service {
	return &Service{client: client, Enabled: enabled, Composer: c}
}

// MaxDeliveries is the most deliveries one read of the log returns.
const MaxDeliveries = 100

// Deliveries is the newest e-mails in status (any, when nil), at most
// first: what administrators look at when someone says an e-mail did not
// come.
func (s *Service) Deliveries(ctx context.Context, status *emaildelivery.Status, first int) ([]*ent.EmailDelivery, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if !v.IsAdmin() {
		return nil, apperr.Errorf(apperr.Forbidden, "only an administrator reads the e-mail log")
	}
	if first < 1 || first > MaxDeliveries {
		return nil, apperr.Invalid("first", "first must be 1 to %d", MaxDeliveries)
	}
	q := s.client.EmailDelivery.Query()
	if status != nil {
		q.Where(emaildelivery.StatusEQ(*status))
	}
	return q.Order(ent.Desc(emaildelivery.FieldCreatedAt), ent.Desc(emaildelivery.FieldID)).
		Limit(first).
		All(access.Bypass(ctx))
}
