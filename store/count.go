package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync/atomic"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

// countingDriver counts the SQL statements ent sends, inside transactions
// or not: the figure behind "no N+1" tests and statements per request in
// benchmarks. An atomic add per statement costs nothing next to the
// statement.
type countingDriver struct {
	*entsql.Driver
	n *atomic.Int64
}

func (d countingDriver) Exec(ctx context.Context, query string, args, v any) error {
	d.n.Add(1)
	ctx, end := statementSpan(ctx, query)
	return end(d.Driver.Exec(ctx, query, args, v))
}

func (d countingDriver) Query(ctx context.Context, query string, args, v any) error {
	d.n.Add(1)
	ctx, end := statementSpan(ctx, query)
	return end(d.Driver.Query(ctx, query, args, v))
}

func (d countingDriver) Tx(ctx context.Context) (dialect.Tx, error) {
	tx, err := d.Driver.Tx(ctx)
	return countingTx{tx, d.n}, err
}

func (d countingDriver) BeginTx(ctx context.Context, opts *sql.TxOptions) (dialect.Tx, error) {
	tx, err := d.Driver.BeginTx(ctx, opts)
	return countingTx{tx, d.n}, err
}

type countingTx struct {
	dialect.Tx
	n *atomic.Int64
}

func (t countingTx) Exec(ctx context.Context, query string, args, v any) error {
	t.n.Add(1)
	ctx, end := statementSpan(ctx, query)
	return end(t.Tx.Exec(ctx, query, args, v))
}

func (t countingTx) Query(ctx context.Context, query string, args, v any) error {
	t.n.Add(1)
	ctx, end := statementSpan(ctx, query)
	return end(t.Tx.Query(ctx, query, args, v))
}

// statementSpan traces a statement of a traced request (the server's
// tracing, when on, makes the request's span): its SQL, never its
// arguments. Outside one, or with tracing off, it costs a check.
func statementSpan(ctx context.Context, query string) (context.Context, func(error) error) {
	if !trace.SpanFromContext(ctx).IsRecording() {
		return ctx, func(err error) error { return err }
	}
	ctx, span := otel.Tracer("github.com/dealerline/dealerline/store").Start(ctx, "sql",
		trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(attribute.String("db.query.text", query)))
	return ctx, func(err error) error {
		if err != nil {
			span.SetStatus(codes.Error, "statement failed")
		}
		span.End()
		return err
	}
}

// Statements is how many SQL statements have been sent through Client.
func (db *DB) Statements() int64 { return db.statements.Load() }

// ExecContext runs a statement ent has no builder for in the transaction:
// the relay's pg_notify, in a transaction of its own after the writer's has
// committed, and its SET LOCAL.
func (t countingTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	ex, ok := t.Tx.(interface {
		ExecContext(context.Context, string, ...any) (sql.Result, error)
	})
	if !ok {
		return nil, fmt.Errorf("the transaction cannot run raw statements")
	}
	t.n.Add(1)
	return ex.ExecContext(ctx, query, args...)
}

// QueryContext runs a query ent has no builder for (the timeline's UNION,
// the search's full-text match), counted like the rest.
func (d countingDriver) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	d.n.Add(1)
	return d.Driver.QueryContext(ctx, query, args...)
}

// QueryContext: see countingDriver.QueryContext.
func (t countingTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	q, ok := t.Tx.(interface {
		QueryContext(context.Context, string, ...any) (*sql.Rows, error)
	})
	if !ok {
		return nil, fmt.Errorf("the transaction cannot run raw queries")
	}
	t.n.Add(1)
	return q.QueryContext(ctx, query, args...)
}
