package server

import "github.com/dealerline/dealerline/ent"

// Client is the instance's database client, for tests that write rows no
// API writes yet.
func (m *Main) Client() *ent.Client { return m.db.Client }
