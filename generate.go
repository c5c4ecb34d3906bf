package main

// One `go generate ./...` makes all generated Go code: ent (with the entgql
// schema) first, then gqlgen, which reads that schema.
//go:generate go run -mod=mod ./ent/entc.go
//go:generate go tool gqlgen
