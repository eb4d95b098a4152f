-- +goose Up
-- add column "allegation_concluded_on" to table: "reviews"
ALTER TABLE `reviews` ADD COLUMN `allegation_concluded_on` date NULL;
-- create "due_items" table
CREATE TABLE `due_items` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `household_id` integer NOT NULL, `household_reference` text NOT NULL, `ssw_id` integer NULL, `kind` text NOT NULL, `subject_kind` text NOT NULL, `subject_id` integer NOT NULL, `subject_name` text NOT NULL, `ref` integer NOT NULL DEFAULT (0), `what` text NOT NULL, `due_on` date NOT NULL, `reason` text NOT NULL, `source` text NOT NULL);
-- create index "dueitem_due_on_id" to table: "due_items"
CREATE INDEX `dueitem_due_on_id` ON `due_items` (`due_on`, `id`);
-- create index "dueitem_ssw_id_due_on_id" to table: "due_items"
CREATE INDEX `dueitem_ssw_id_due_on_id` ON `due_items` (`ssw_id`, `due_on`, `id`);
-- create index "dueitem_kind_due_on" to table: "due_items"
CREATE INDEX `dueitem_kind_due_on` ON `due_items` (`kind`, `due_on`);
-- create index "dueitem_household_id" to table: "due_items"
CREATE INDEX `dueitem_household_id` ON `due_items` (`household_id`);
-- create "due_tallies" table
CREATE TABLE `due_tallies` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `kind` text NOT NULL, `due_on` date NOT NULL, `items` integer NOT NULL DEFAULT (0));
-- create index "duetally_kind_due_on" to table: "due_tallies"
CREATE UNIQUE INDEX `duetally_kind_due_on` ON `due_tallies` (`kind`, `due_on`);
-- create "service_policies" table
CREATE TABLE `service_policies` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `version` integer NOT NULL DEFAULT (1), `warning_days` integer NOT NULL, `health_renewal_months` integer NOT NULL, `dbs_renewal_months` integer NOT NULL, `supervisory_visit_days` integer NOT NULL, `post_allegation_review_days` integer NOT NULL, `new_carer_training_months` integer NOT NULL);

-- +goose Down
-- reverse: create "service_policies" table
DROP TABLE `service_policies`;
-- reverse: create index "duetally_kind_due_on" to table: "due_tallies"
DROP INDEX `duetally_kind_due_on`;
-- reverse: create "due_tallies" table
DROP TABLE `due_tallies`;
-- reverse: create index "dueitem_household_id" to table: "due_items"
DROP INDEX `dueitem_household_id`;
-- reverse: create index "dueitem_kind_due_on" to table: "due_items"
DROP INDEX `dueitem_kind_due_on`;
-- reverse: create index "dueitem_ssw_id_due_on_id" to table: "due_items"
DROP INDEX `dueitem_ssw_id_due_on_id`;
-- reverse: create index "dueitem_due_on_id" to table: "due_items"
DROP INDEX `dueitem_due_on_id`;
-- reverse: create "due_items" table
DROP TABLE `due_items`;
-- reverse: add column "allegation_concluded_on" to table: "reviews"
ALTER TABLE `reviews` DROP COLUMN `allegation_concluded_on`;
