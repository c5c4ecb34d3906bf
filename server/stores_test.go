package server_test

import (
	"testing"

	"github.com/dealerline/dealerline/server"
	"github.com/dealerline/dealerline/store/storetest"
)

// forEachStore runs fn against a fresh server with demo data on each store:
// the embedded SQLite, and PostgreSQL (skipped without TEST_DATABASE_URL
// unless services are required).
func forEachStore(t *testing.T, fn func(t *testing.T, m *server.Main)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, startServer(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, startServerOn(t, storetest.EmptyPostgres(t))) })
}
