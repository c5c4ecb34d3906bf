-- Modify "inventory_lines" table
ALTER TABLE "inventory_lines" DROP CONSTRAINT "inventory_lines_products_product", ALTER COLUMN "product_id" DROP NOT NULL, ADD COLUMN "sku" character varying NOT NULL DEFAULT '', ADD COLUMN "product_name" character varying NOT NULL DEFAULT '', ADD CONSTRAINT "inventory_lines_products_product" FOREIGN KEY ("product_id") REFERENCES "products" ("id") ON UPDATE NO ACTION ON DELETE SET NULL;
-- Name the stock lines written before the columns were by their products
UPDATE inventory_lines SET sku = p.sku, product_name = p.name FROM products AS p WHERE p.id = inventory_lines.product_id;
