// Package casestatus is a conflict case's status machine: the one place that
// says which moves are allowed, for the service and for the API's
// allowedTransitions alike.
package casestatus

import (
	"fmt"
	"io"
	"strconv"
)

// Status is where a conflict case stands.
type Status string

const (
	Open          Status = "OPEN"
	Investigating Status = "INVESTIGATING"
	Resolved      Status = "RESOLVED"
	Dismissed     Status = "DISMISSED"
)

var all = []Status{Open, Investigating, Resolved, Dismissed}

// moves is the machine: resolved and dismissed cases may be reopened.
var moves = map[Status][]Status{
	Open:          {Investigating, Resolved, Dismissed},
	Investigating: {Resolved, Dismissed},
	Resolved:      {Open},
	Dismissed:     {Open},
}

// CanMove reports whether a case may move from → to.
func CanMove(from, to Status) bool {
	for _, s := range moves[from] {
		if s == to {
			return true
		}
	}
	return false
}

// Next lists the statuses a case in s may move to.
func Next(s Status) []Status { return append([]Status(nil), moves[s]...) }

// Closed reports whether the case is settled (resolved or dismissed).
func (s Status) Closed() bool { return s == Resolved || s == Dismissed }

// Values lists every status, for ent's enum columns.
func (Status) Values() []string {
	v := make([]string, len(all))
	for i, s := range all {
		v[i] = string(s)
	}
	return v
}

// Valid reports whether s is a status.
func (s Status) Valid() bool {
	for _, a := range all {
		if s == a {
			return true
		}
	}
	return false
}

// MarshalGQL writes s as a GraphQL enum value.
func (s Status) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(string(s))) }

// UnmarshalGQL reads a GraphQL enum value, refusing an unknown one.
func (s *Status) UnmarshalGQL(v any) error {
	str, ok := v.(string)
	if !ok {
		return fmt.Errorf("conflict status must be a string")
	}
	*s = Status(str)
	if !s.Valid() {
		return fmt.Errorf("%s is not a conflict status", str)
	}
	return nil
}
