-- Drop index "allocation_invoice_id" from table: "allocations"
DROP INDEX "allocation_invoice_id";
-- Create index "allocation_invoice_id" to table: "allocations"
CREATE INDEX "allocation_invoice_id" ON "allocations" ("invoice_id") INCLUDE ("applied_on", "amount", "dealer_id");
-- Drop index "inventoryline_report_id_product_id" from table: "inventory_lines"
DROP INDEX "inventoryline_report_id_product_id";
-- Create index "inventoryline_report_id_product_id" to table: "inventory_lines"
CREATE UNIQUE INDEX "inventoryline_report_id_product_id" ON "inventory_lines" ("report_id", "product_id") INCLUDE ("dealer_id", "stock", "unit_cost");
-- Create index "invoice_paid_off_on" to table: "invoices"
CREATE INDEX "invoice_paid_off_on" ON "invoices" ("paid_off_on") INCLUDE ("dealer_id", "issued_on", "due_on", "amount");
