-- +goose Up
-- add column "decided_at" to table: "sign_in_attempts"
ALTER TABLE `sign_in_attempts` ADD COLUMN `decided_at` datetime NULL;
-- Attempts recorded before this were decided when written.
UPDATE `sign_in_attempts` SET `decided_at` = `at`;
-- create "service_secrets" table
CREATE TABLE `service_secrets` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `name` text NOT NULL, `secret` blob NOT NULL);
-- create index "service_secrets_name_key" to table: "service_secrets"
CREATE UNIQUE INDEX `service_secrets_name_key` ON `service_secrets` (`name`);

-- +goose Down
-- reverse: create index "service_secrets_name_key" to table: "service_secrets"
DROP INDEX `service_secrets_name_key`;
-- reverse: create "service_secrets" table
DROP TABLE `service_secrets`;
-- reverse: add column "decided_at" to table: "sign_in_attempts"
ALTER TABLE `sign_in_attempts` DROP COLUMN `decided_at`;
