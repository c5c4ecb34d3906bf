package bench

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// DirectOrders is the baseline for the dealer-orders scenario: the same
// page read straight from the database with hand-written SQL, one
// statement per level (page, count, lines, products, shipments, history),
// at the same concurrency. The API's figure over this one is the cost of
// everything between the client and the database.
func DirectOrders(ctx context.Context, db *sql.DB, postgres bool, dealers []int, clients int, d time.Duration) (QueryResult, error) {
	ph := func(i int) string { // the i-th placeholder, from 1
		if postgres {
			return "$" + strconv.Itoa(i)
		}
		return "?"
	}
	in := func(n int) string {
		s := make([]string, n)
		for i := range s {
			s[i] = ph(i + 1)
		}
		return strings.Join(s, ",")
	}
	page := func(ctx context.Context, dealer int) error {
		ids, err := column(ctx, db, `SELECT id, number, status, total, placed_at, credit_hold FROM orders WHERE dealer_id = `+ph(1)+` ORDER BY placed_at DESC, id DESC LIMIT 51`, dealer)
		if err != nil {
			return err
		}
		if _, err := column(ctx, db, `SELECT count(*) FROM orders WHERE dealer_id = `+ph(1), dealer); err != nil {
			return err
		}
		if len(ids) == 0 {
			return nil
		}
		args := anys(ids)
		products, err := column(ctx, db, `SELECT product_id, order_id, quantity, amount FROM order_lines WHERE order_id IN (`+in(len(ids))+`)`, args...)
		if err != nil {
			return err
		}
		if len(products) > 0 {
			if _, err := column(ctx, db, `SELECT id, sku, name FROM products WHERE id IN (`+in(len(products))+`)`, anys(products)...); err != nil {
				return err
			}
		}
		if _, err := column(ctx, db, `SELECT id, order_id, number, status, tracking_number, eta FROM shipments WHERE order_id IN (`+in(len(ids))+`)`, args...); err != nil {
			return err
		}
		_, err = column(ctx, db, `SELECT id, order_id, "from", "to", at, actor_name FROM order_events WHERE order_id IN (`+in(len(ids))+`) ORDER BY at`, args...)
		return err
	}

	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var (
		mu      sync.Mutex
		lat     Latencies
		failed  error
		wg      sync.WaitGroup
		started = time.Now()
	)
	for i := range clients {
		dealer := dealers[i%len(dealers)]
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine Latencies
			for ctx.Err() == nil {
				t := time.Now()
				if err := page(context.WithoutCancel(ctx), dealer); err != nil {
					mu.Lock()
					failed = err
					mu.Unlock()
					return
				}
				mine = append(mine, time.Since(t))
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	if failed != nil {
		return QueryResult{}, failed
	}
	elapsed := time.Since(started)
	return QueryResult{
		Scenario: "dealer-orders (SQL)", Clients: clients, Users: len(dealers), Requests: len(lat),
		PerSecond: float64(len(lat)) / elapsed.Seconds(),
		P50:       lat.Percentile(50), P99: lat.Percentile(99), Max: lat.Percentile(100),
		Statements: 6,
	}, nil
}

// column runs query, reads every row whole, as the API would, and returns
// the first column, the ids the next level needs.
func column(ctx context.Context, db *sql.DB, query string, args ...any) ([]int64, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", query, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var first int64
	dest := make([]any, len(cols))
	dest[0] = &first
	for i := 1; i < len(dest); i++ {
		dest[i] = new(any)
	}
	var out []int64
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		out = append(out, first)
	}
	return out, rows.Err()
}

func anys(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}
