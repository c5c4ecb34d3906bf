-- Modify "channels" table
ALTER TABLE "channels" ADD COLUMN "name_zh" character varying NULL;
-- Modify "orders" table
ALTER TABLE "orders" ADD COLUMN "purchase_order_reference" character varying NULL;
-- Modify "products" table
ALTER TABLE "products" ADD COLUMN "name_zh" character varying NULL, ADD COLUMN "category_zh" character varying NULL;
-- Modify "territories" table
ALTER TABLE "territories" ADD COLUMN "name_zh" character varying NULL;
