-- Modify "order_lines" table
ALTER TABLE "order_lines" ADD COLUMN "backordered_quantity" bigint NOT NULL DEFAULT 0, ADD COLUMN "closed_quantity" bigint NOT NULL DEFAULT 0;
-- Modify "orders" table
ALTER TABLE "orders" ADD COLUMN "backorder" boolean NOT NULL DEFAULT false;
-- Modify "products" table
ALTER TABLE "products" ADD COLUMN "on_hand" bigint NOT NULL DEFAULT 0, ADD COLUMN "reserved" bigint NOT NULL DEFAULT 0, ADD COLUMN "lead_time_days" bigint NOT NULL DEFAULT 0;
-- Reserve what confirmed orders have left to ship (store/fill.go)
UPDATE products SET reserved = l.units, on_hand = l.units FROM (SELECT order_lines.product_id, SUM(order_lines.quantity - order_lines.shipped_quantity) AS units FROM order_lines JOIN orders ON orders.id = order_lines.order_id WHERE orders.status IN ('CONFIRMED', 'IN_FULFILLMENT', 'SHIPPED', 'PARTIALLY_DELIVERED') AND order_lines.quantity > order_lines.shipped_quantity GROUP BY order_lines.product_id) AS l WHERE l.product_id = products.id;
