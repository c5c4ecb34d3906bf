-- Create index "invoice_dealer_id_paid_off_on" to table: "invoices"
CREATE INDEX "invoice_dealer_id_paid_off_on" ON "invoices" ("dealer_id", "paid_off_on");
