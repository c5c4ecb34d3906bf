package server

import "time"

// SetUsersClock makes the users service take the time from now: the expiry
// of invitation and reset links.
func (m *Main) SetUsersClock(now func() time.Time) { m.services.Users.SetClock(now) }
