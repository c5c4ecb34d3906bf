package store

// FillOrderFigures are fillOrderFigures, for the test that holds the
// PostgreSQL migration to them.
var FillOrderFigures = fillOrderFigures
