package signals

import "context"

// Evaluate evaluates the enabled rules over the open periods sc touches
// (as of s.now in the business time zone) and keeps the signals' lifecycle:
// raises what fires and has no signal for its (rule, subject, period),
// raises again a WITHDRAWN one that fires, withdraws an OPEN one that no
// longer does, recording each change's event in the same transaction.
// It runs below privacy.
func (s *Service) Evaluate(ctx context.Context, sc Scope) error {
	return nil // contract: built by the evaluation
}
