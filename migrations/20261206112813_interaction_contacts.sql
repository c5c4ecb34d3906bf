-- Contacts take part in any number of interactions: a join table replaces
-- the one-to-many column.
-- Modify "contacts" table
ALTER TABLE "contacts" DROP CONSTRAINT "contacts_interactions_contacts", DROP COLUMN "interaction_contacts";
-- Create "interaction_contacts" table
CREATE TABLE "interaction_contacts" ("interaction_id" bigint NOT NULL, "contact_id" bigint NOT NULL, PRIMARY KEY ("interaction_id", "contact_id"), CONSTRAINT "interaction_contacts_contact_id" FOREIGN KEY ("contact_id") REFERENCES "contacts" ("id") ON UPDATE NO ACTION ON DELETE CASCADE, CONSTRAINT "interaction_contacts_interaction_id" FOREIGN KEY ("interaction_id") REFERENCES "interactions" ("id") ON UPDATE NO ACTION ON DELETE CASCADE);
