package store

import (
	"context"
	"fmt"
)

// A fill gives the rows written before a column was added what the
// writers give them now. PostgreSQL runs the statements in the migration
// that adds the column (a test holds them equal); SQLite, brought up to
// date from the ent schema at start, runs them once, at the first start
// that finds the column missing.
type fill struct {
	table, column string
	migration     string // the PostgreSQL migration's name, after its timestamp
	statements    []string
}

var fills = []fill{{
	// Orders are dated by their history and counted whole unless a line was
	// closed short (those are counted from their lines), as the hook of
	// ordering/counted keeps them.
	table: "orders", column: "net_amount", migration: "order_counted_figures",
	statements: []string{
		`UPDATE orders SET confirmed_at = e.at FROM (SELECT order_id, MIN(at) AS at FROM order_events WHERE "to" = 'CONFIRMED' AND kind = 'STATUS_CHANGED' GROUP BY order_id) AS e WHERE e.order_id = orders.id;`,
		`UPDATE orders SET delivered_at = e.at FROM (SELECT order_id, MIN(at) AS at FROM order_events WHERE "to" = 'DELIVERED' AND kind = 'STATUS_CHANGED' GROUP BY order_id) AS e WHERE e.order_id = orders.id;`,
		`UPDATE orders SET net_amount = l.amount, cost_of_goods = l.cost FROM (SELECT order_id, SUM(amount) AS amount, SUM(quantity * unit_cost) AS cost, MAX(CASE WHEN delivered_quantity < quantity THEN 1 ELSE 0 END) AS short FROM order_lines GROUP BY order_id) AS l WHERE l.order_id = orders.id AND NOT (orders.status = 'DELIVERED' AND l.short = 1);`,
	},
}, {
	// Stock lines are named by their product's SKU and name.
	table: "inventory_lines", column: "sku", migration: "inventory_line_names",
	statements: []string{
		`UPDATE inventory_lines SET sku = p.sku, product_name = p.name FROM products AS p WHERE p.id = inventory_lines.product_id;`,
	},
}, {
	// Orders confirmed before stock was kept hold what they have left to
	// ship, and that much is taken to be on hand: 0 ≤ reserved ≤ on hand
	// from the start, and administrators count the rest in.
	table: "products", column: "reserved", migration: "product_stock",
	statements: []string{
		`UPDATE products SET reserved = l.units, on_hand = l.units FROM (SELECT order_lines.product_id, SUM(order_lines.quantity - order_lines.shipped_quantity) AS units FROM order_lines JOIN orders ON orders.id = order_lines.order_id WHERE orders.status IN ('CONFIRMED', 'IN_FULFILLMENT', 'SHIPPED', 'PARTIALLY_DELIVERED') AND order_lines.quantity > order_lines.shipped_quantity GROUP BY order_lines.product_id) AS l WHERE l.product_id = products.id;`,
	},
}}

// missingFills are the fills whose table exists without the column, read
// before SQLite's schema is brought up to date.
func (db *DB) missingFills(ctx context.Context) ([]fill, error) {
	var out []fill
	for _, f := range fills {
		var tables, columns int
		err := db.SQL.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?`, f.table).Scan(&tables)
		if err != nil {
			return nil, err
		}
		if tables == 0 {
			continue
		}
		err = db.SQL.QueryRowContext(ctx, `SELECT COUNT(*) FROM pragma_table_info(?) WHERE name = ?`, f.table, f.column).Scan(&columns)
		if err != nil {
			return nil, err
		}
		if columns == 0 {
			out = append(out, f)
		}
	}
	return out, nil
}

func (db *DB) runFills(ctx context.Context, fs []fill) error {
	for _, f := range fs {
		for _, q := range f.statements {
			if _, err := db.SQL.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("fill in %s.%s: %w", f.table, f.column, err)
			}
		}
	}
	return nil
}
