package store

import (
	"context"
	"fmt"
)

// fillOrderFigures are the statements that give the orders written before
// orders had net_amount, cost_of_goods, confirmed_at and delivered_at
// those figures, as the hook of ordering/counted keeps them: dated by
// their history, and counted whole unless a line was closed short (those
// are counted from their lines). The PostgreSQL migration that adds the
// columns runs the same statements (a test holds them equal).
var fillOrderFigures = []string{
	`UPDATE orders SET confirmed_at = e.at FROM (SELECT order_id, MIN(at) AS at FROM order_events WHERE "to" = 'CONFIRMED' AND kind = 'STATUS_CHANGED' GROUP BY order_id) AS e WHERE e.order_id = orders.id;`,
	`UPDATE orders SET delivered_at = e.at FROM (SELECT order_id, MIN(at) AS at FROM order_events WHERE "to" = 'DELIVERED' AND kind = 'STATUS_CHANGED' GROUP BY order_id) AS e WHERE e.order_id = orders.id;`,
	`UPDATE orders SET net_amount = l.amount, cost_of_goods = l.cost FROM (SELECT order_id, SUM(amount) AS amount, SUM(quantity * unit_cost) AS cost, MAX(CASE WHEN delivered_quantity < quantity THEN 1 ELSE 0 END) AS short FROM order_lines GROUP BY order_id) AS l WHERE l.order_id = orders.id AND NOT (orders.status = 'DELIVERED' AND l.short = 1);`,
}

// ordersLackFigures tells, before SQLite's schema is brought up to date,
// whether an orders table exists without the figures' columns: then they
// are filled in once the columns are added.
func (db *DB) ordersLackFigures(ctx context.Context) (bool, error) {
	var n int
	err := db.SQL.QueryRowContext(ctx,
		`SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'orders'`).Scan(&n)
	if err != nil || n == 0 {
		return false, err
	}
	err = db.SQL.QueryRowContext(ctx,
		`SELECT COUNT(*) FROM pragma_table_info('orders') WHERE name = 'net_amount'`).Scan(&n)
	return n == 0, err
}

func (db *DB) fillOrderFigures(ctx context.Context) error {
	for _, q := range fillOrderFigures {
		if _, err := db.SQL.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("fill in the figures of orders: %w", err)
		}
	}
	return nil
}
