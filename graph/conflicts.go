package graph

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect/sql"

	"github.com/dealerline/dealerline/apperr"
	"github.com/dealerline/dealerline/conflicts/casestatus"
	"github.com/dealerline/dealerline/ent"
	"github.com/dealerline/dealerline/ent/conflictcase"
	"github.com/dealerline/dealerline/ent/predicate"
)

// conflictPayload answers a conflict case mutation: the case reloaded with
// what the client selected, its edges included, so no field loads through
// the shared transaction.
func (r *mutationResolver) conflictPayload(ctx context.Context, c *ent.ConflictCase, err error) (*ent.ConflictCase, error) {
	if err != nil {
		return nil, err
	}
	q := ent.FromContext(ctx).ConflictCase.Query().Where(conflictcase.ID(c.ID))
	withConflictEdges(ctx, q)
	return loaded[*ent.ConflictCase](ctx, q)
}

// withConflictEdges eager-loads, through the viewer's rules, the edges the
// query selects under path (the case itself when path is empty): one
// statement for each, whatever the number of cases.
func withConflictEdges(ctx context.Context, q *ent.ConflictCaseQuery, path ...string) {
	if selects(ctx, append(path, "parties")...) {
		q.WithParties()
	}
	if selects(ctx, append(path, "evidenceOrders")...) {
		q.WithEvidenceOrders()
	}
	if selects(ctx, append(path, "comments")...) {
		q.WithComments()
	}
	if selects(ctx, append(path, "history")...) {
		q.WithEvents()
	}
}

// The conflict desk's order: cases not settled first — so the overdue, due
// earliest, lead — by due date, then settled ones by due date; ties by id.
// entgql orders by one field, so this connection pages by hand, with the
// key (settled, due date, id) in its cursors.

const settledSQL = "CASE WHEN %s IN ('RESOLVED', 'DISMISSED') THEN 1 ELSE 0 END"

func orderDesk(desc bool) func(*sql.Selector) {
	return func(s *sql.Selector) {
		dir := ""
		if desc {
			dir = " DESC"
		}
		s.OrderExpr(sql.Expr(fmt.Sprintf(settledSQL, s.C(conflictcase.FieldStatus)) + dir))
		s.OrderExpr(sql.Expr(s.C(conflictcase.FieldDueOn) + dir))
		s.OrderExpr(sql.Expr(s.C(conflictcase.FieldID) + dir))
	}
}

type deskKey struct {
	settled bool
	due     time.Time
	id      int
}

func keyOf(c *ent.ConflictCase) deskKey {
	y, m, d := c.DueOn.Date()
	return deskKey{c.Status.Closed(), time.Date(y, m, d, 0, 0, 0, 0, time.UTC), c.ID}
}

func (k deskKey) cursor() ent.Cursor {
	return ent.Cursor{ID: k.id, Value: fmt.Sprintf("%t|%s", k.settled, k.due.Format(time.DateOnly))}
}

func parseDeskCursor(c *ent.Cursor, field string) (deskKey, error) {
	s, _ := c.Value.(string)
	settled, due, ok := strings.Cut(s, "|")
	b, err1 := strconv.ParseBool(settled)
	d, err2 := time.Parse(time.DateOnly, due)
	if !ok || err1 != nil || err2 != nil {
		return deskKey{}, apperr.Invalid(field, "this cursor is not from the conflict cases list")
	}
	return deskKey{b, d, c.ID}, nil
}

// beyond is the cases after k in the desk's order (before it when back).
func beyond(k deskKey, back bool) predicate.ConflictCase {
	settled := conflictcase.StatusIn(casestatus.Resolved, casestatus.Dismissed)
	unsettled := conflictcase.StatusNotIn(casestatus.Resolved, casestatus.Dismissed)
	same, other := unsettled, settled
	if k.settled {
		same, other = settled, unsettled
	}
	dueBeyond, idBeyond := conflictcase.DueOnGT(k.due), conflictcase.IDGT(k.id)
	if back {
		dueBeyond, idBeyond = conflictcase.DueOnLT(k.due), conflictcase.IDLT(k.id)
	}
	inGroup := conflictcase.And(same, conflictcase.Or(dueBeyond, conflictcase.And(conflictcase.DueOnEQ(k.due), idBeyond)))
	// Unsettled cases come before settled ones.
	if k.settled == back {
		return conflictcase.Or(inGroup, other)
	}
	return inGroup
}

// pageDesk pages q in the desk's order.
func pageDesk(ctx context.Context, q *ent.ConflictCaseQuery, after *ent.Cursor, first *int, before *ent.Cursor, last *int) (*ent.ConflictCaseConnection, error) {
	conn := &ent.ConflictCaseConnection{Edges: []*ent.ConflictCaseEdge{}}
	if selects(ctx, "totalCount") {
		n, err := q.Clone().Count(ctx)
		if err != nil {
			return nil, err
		}
		conn.TotalCount = n
	}
	back := last != nil || (before != nil && first == nil)
	n := 20
	switch {
	case first != nil:
		n = *first
	case last != nil:
		n = *last
	}
	if n < 0 {
		return nil, apperr.Invalid("first", "a page has no fewer than 0 cases")
	}
	if after != nil {
		k, err := parseDeskCursor(after, "after")
		if err != nil {
			return nil, err
		}
		q.Where(beyond(k, false))
	}
	if before != nil {
		k, err := parseDeskCursor(before, "before")
		if err != nil {
			return nil, err
		}
		q.Where(beyond(k, true))
	}
	if n == 0 {
		return conn, nil
	}
	cases, err := q.Order(orderDesk(back)).Limit(n + 1).All(ctx)
	if err != nil {
		return nil, err
	}
	more := len(cases) > n
	if more {
		cases = cases[:n]
	}
	if back {
		slices.Reverse(cases)
		conn.PageInfo.HasPreviousPage = more
		conn.PageInfo.HasNextPage = before != nil
	} else {
		conn.PageInfo.HasNextPage = more
		conn.PageInfo.HasPreviousPage = after != nil
	}
	for _, c := range cases {
		conn.Edges = append(conn.Edges, &ent.ConflictCaseEdge{Node: c, Cursor: keyOf(c).cursor()})
	}
	if len(conn.Edges) > 0 {
		conn.PageInfo.StartCursor = &conn.Edges[0].Cursor
		conn.PageInfo.EndCursor = &conn.Edges[len(conn.Edges)-1].Cursor
	}
	return conn, nil
}

// edgeRows is an edge eager-loaded with its case (lists and payloads), or
// else queried through the viewer's rules, in creation order.
func edgeRows[T any](ctx context.Context, loaded func() ([]T, error), query func(context.Context) ([]T, error), id func(T) int) ([]T, error) {
	rows, err := loaded()
	if ent.IsNotLoaded(err) {
		rows, err = query(ctx)
	}
	return inCreationOrder(slices.Clone(rows), err, id)
}
