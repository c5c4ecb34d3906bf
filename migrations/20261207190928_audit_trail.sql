-- Modify "audit_entries" table
ALTER TABLE "audit_entries" ADD COLUMN "dealer_id" bigint NULL, ADD CONSTRAINT "audit_entries_dealers_dealer" FOREIGN KEY ("dealer_id") REFERENCES "dealers" ("id") ON UPDATE NO ACTION ON DELETE SET NULL;
-- Create index "auditentry_action_at" to table: "audit_entries"
CREATE INDEX "auditentry_action_at" ON "audit_entries" ("action", "at");
-- Create index "auditentry_actor_id_at" to table: "audit_entries"
CREATE INDEX "auditentry_actor_id_at" ON "audit_entries" ("actor_id", "at");
-- Create index "auditentry_dealer_id_at" to table: "audit_entries"
CREATE INDEX "auditentry_dealer_id_at" ON "audit_entries" ("dealer_id", "at");
-- Create index "auditentry_subject_type_at" to table: "audit_entries"
CREATE INDEX "auditentry_subject_type_at" ON "audit_entries" ("subject_type", "at");
