-- +goose Up
-- create "service_secrets" table
CREATE TABLE `service_secrets` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `name` text NOT NULL, `secret` blob NOT NULL);
-- create index "service_secrets_name_key" to table: "service_secrets"
CREATE UNIQUE INDEX `service_secrets_name_key` ON `service_secrets` (`name`);

-- +goose Down
-- reverse: create index "service_secrets_name_key" to table: "service_secrets"
DROP INDEX `service_secrets_name_key`;
-- reverse: create "service_secrets" table
DROP TABLE `service_secrets`;
