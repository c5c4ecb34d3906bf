// Package returnstatus is the machine of a return's status, kept apart from
// package returns so that the ent schema can name its type.
package returnstatus

import (
	"fmt"
	"io"
	"slices"
	"strconv"
)

// Status is where a return stands.
type Status string

const (
	Requested Status = "REQUESTED"
	Approved  Status = "APPROVED"
	Rejected  Status = "REJECTED"
	Received  Status = "RECEIVED"
)

var all = []Status{Requested, Approved, Rejected, Received}

// moves is the machine: staff decide on a request; an approved return is
// received. REJECTED and RECEIVED are final.
var moves = map[Status][]Status{
	Requested: {Approved, Rejected},
	Approved:  {Received},
}

// CanMove reports whether the machine allows from → to.
func CanMove(from, to Status) bool { return slices.Contains(moves[from], to) }

// Open reports whether a return in s still holds its quantities against
// what may be returned of its order lines: every status but REJECTED.
func (s Status) Open() bool { return s != Rejected }

// Values lists every status, for ent's enum column.
func (Status) Values() []string {
	v := make([]string, len(all))
	for i, s := range all {
		v[i] = string(s)
	}
	return v
}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return slices.Contains(all, s) }

// MarshalGQL writes the status as a GraphQL enum value.
func (s Status) MarshalGQL(w io.Writer) { io.WriteString(w, strconv.Quote(string(s))) }

// UnmarshalGQL reads a GraphQL enum value.
func (s *Status) UnmarshalGQL(v any) error {
	str, ok := v.(string)
	if !ok || !Status(str).Valid() {
		return fmt.Errorf("%v is not a return status", v)
	}
	*s = Status(str)
	return nil
}
