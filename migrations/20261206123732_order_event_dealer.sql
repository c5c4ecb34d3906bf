-- Modify "order_events" table
ALTER TABLE "order_events" ADD COLUMN "dealer_id" bigint NULL;
-- Fill in the dealer of the events written before the column was (before the index, so it is built once)
UPDATE order_events e SET dealer_id = o.dealer_id FROM orders o WHERE o.id = e.order_id AND e.dealer_id IS NULL;
-- Create index "orderevent_dealer_id_at" to table: "order_events"
CREATE INDEX "orderevent_dealer_id_at" ON "order_events" ("dealer_id", "at");
