package store

// Fill is a fill as the tests see it.
type Fill struct {
	Table, Column, Migration string
	Statements               []string
}

// Fills are fills, for the test that holds the PostgreSQL migrations to
// them.
func Fills() []Fill {
	out := make([]Fill, len(fills))
	for i, f := range fills {
		out[i] = Fill{f.table, f.column, f.migration, f.statements}
	}
	return out
}
