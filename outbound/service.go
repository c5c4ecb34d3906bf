package outbound

import (
	"context"

	"github.com/dealerline/dealerline/access"
	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/auth"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/outboundmessage"
)

// Log is the delivery log, for administrators: what was sent to whom, and
// what was given up.
type Log struct {
	client *ent.Client
}

// NewLog returns the log over client.
func NewLog(client *ent.Client) *Log { return &Log{client: client} }

// MaxMessages is the most messages one read of the log returns.
const MaxMessages = 100

// Messages is the newest messages on channel and in status (any, when
// nil), at most first: what administrators look at when someone says an
// e-mail did not come.
func (l *Log) Messages(ctx context.Context, channel *outboundmessage.Channel, status *outboundmessage.Status, first int) ([]*ent.OutboundMessage, error) {
	v, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if !v.IsAdmin() {
		return nil, apperr.Errorf(apperr.Forbidden, "only an administrator reads the delivery log")
	}
	if first < 1 || first > MaxMessages {
		return nil, apperr.Invalid("first", "first must be 1 to %d", MaxMessages)
	}
	q := l.client.OutboundMessage.Query()
	if channel != nil {
		q.Where(outboundmessage.ChannelEQ(*channel))
	}
	if status != nil {
		q.Where(outboundmessage.StatusEQ(*status))
	}
	return q.Order(ent.Desc(outboundmessage.FieldCreatedAt), ent.Desc(outboundmessage.FieldID)).
		Limit(first).
		All(access.Bypass(ctx))
}
