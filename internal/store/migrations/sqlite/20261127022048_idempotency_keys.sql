-- +goose Up
-- create "idempotency_keys" table
CREATE TABLE `idempotency_keys` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `actor` text NOT NULL, `key` text NOT NULL, `method` text NOT NULL, `path` text NOT NULL, `request_hash` text NOT NULL, `status` integer NOT NULL DEFAULT (0), `response` blob NULL, `location` text NULL);
-- create index "idempotencykey_actor_key" to table: "idempotency_keys"
CREATE UNIQUE INDEX `idempotencykey_actor_key` ON `idempotency_keys` (`actor`, `key`);
-- create index "idempotencykey_created_at" to table: "idempotency_keys"
CREATE INDEX `idempotencykey_created_at` ON `idempotency_keys` (`created_at`);

-- +goose Down
-- reverse: create index "idempotencykey_created_at" to table: "idempotency_keys"
DROP INDEX `idempotencykey_created_at`;
-- reverse: create index "idempotencykey_actor_key" to table: "idempotency_keys"
DROP INDEX `idempotencykey_actor_key`;
-- reverse: create "idempotency_keys" table
DROP TABLE `idempotency_keys`;
