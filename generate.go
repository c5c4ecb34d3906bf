package main

// One `go generate ./...` makes all generated Go code: ent (with the entgql
// schema) first, then gqlgen, which reads that schema, then the executor's
// lists are pointed at package sequential (graph/sequential says why).
//go:generate go run -mod=mod ./ent/entc.go
//go:generate go tool gqlgen
//go:generate go run ./graph/sequential/rewrite graph/generated.go
