package server

import (
	"context"

	"github.com/dealerline/dealerline/ent"
)

// Client is the instance's database client, for tests that write rows no
// API writes yet.
func (m *Main) Client() *ent.Client { return m.db.Client }

// SignalsIdle waits until the signals runner has evaluated every mark
// written.
func (m *Main) SignalsIdle(ctx context.Context) error { return m.signals.Idle(ctx) }
