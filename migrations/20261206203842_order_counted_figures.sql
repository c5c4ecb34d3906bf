-- Drop index "order_placed_at" from table: "orders"
DROP INDEX "order_placed_at";
-- Modify "orders" table
ALTER TABLE "orders" ADD COLUMN "net_amount" bigint NULL, ADD COLUMN "cost_of_goods" bigint NULL, ADD COLUMN "confirmed_at" timestamptz NULL, ADD COLUMN "delivered_at" timestamptz NULL;
-- Fill in the figures of the orders written before the columns were, as the hook of ordering/counted keeps them (before the indexes, so they are built once)
UPDATE orders SET confirmed_at = e.at FROM (SELECT order_id, MIN(at) AS at FROM order_events WHERE "to" = 'CONFIRMED' AND kind = 'STATUS_CHANGED' GROUP BY order_id) AS e WHERE e.order_id = orders.id;
UPDATE orders SET delivered_at = e.at FROM (SELECT order_id, MIN(at) AS at FROM order_events WHERE "to" = 'DELIVERED' AND kind = 'STATUS_CHANGED' GROUP BY order_id) AS e WHERE e.order_id = orders.id;
UPDATE orders SET net_amount = l.amount, cost_of_goods = l.cost FROM (SELECT order_id, SUM(amount) AS amount, SUM(quantity * unit_cost) AS cost, MAX(CASE WHEN delivered_quantity < quantity THEN 1 ELSE 0 END) AS short FROM order_lines GROUP BY order_id) AS l WHERE l.order_id = orders.id AND NOT (orders.status = 'DELIVERED' AND l.short = 1);
-- Create index "order_placed_at" to table: "orders"
CREATE INDEX "order_placed_at" ON "orders" ("placed_at") INCLUDE ("dealer_id", "status", "net_amount", "cost_of_goods");
-- Create index "order_dealer_id_delivered_at" to table: "orders"
CREATE INDEX "order_dealer_id_delivered_at" ON "orders" ("dealer_id", "delivered_at");
-- Create index "order_delivered_at" to table: "orders"
CREATE INDEX "order_delivered_at" ON "orders" ("delivered_at") INCLUDE ("dealer_id", "confirmed_at");
-- Create index "order_placed_at_uncounted" to table: "orders"
CREATE INDEX "order_placed_at_uncounted" ON "orders" ("placed_at") WHERE (net_amount IS NULL);
