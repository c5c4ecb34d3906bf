-- Modify "contacts" table: a contact takes part in many interactions (the
-- join table below), so it holds no interaction of its own.
ALTER TABLE "contacts" DROP COLUMN "interaction_contacts";
-- Create "interaction_contacts" table
CREATE TABLE "interaction_contacts" ("interaction_id" bigint NOT NULL, "contact_id" bigint NOT NULL, PRIMARY KEY ("interaction_id", "contact_id"), CONSTRAINT "interaction_contacts_contact_id" FOREIGN KEY ("contact_id") REFERENCES "contacts" ("id") ON UPDATE NO ACTION ON DELETE CASCADE, CONSTRAINT "interaction_contacts_interaction_id" FOREIGN KEY ("interaction_id") REFERENCES "interactions" ("id") ON UPDATE NO ACTION ON DELETE CASCADE);
