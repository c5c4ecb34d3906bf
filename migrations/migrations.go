// Package migrations holds Dealerline's versioned PostgreSQL schema
// migrations in Atlas's directory format, embedded in the binary. Files
// named <version>_<name>.sql apply in version order, each in one
// transaction; atlas.sum guards them against edits that were not rehashed.
//
// Generate one after changing ent/schema (from the module root):
//
//	go run -mod=mod ./store/migrate/gen.go <name>
//
// and after writing or editing one by hand, rehash atlas.sum:
//
//	go run -mod=mod ./store/migrate/gen.go hash
package migrations

import "embed"

// Files are the migration files and atlas.sum.
//
//go:embed *.sql atlas.sum
var Files embed.FS
