-- +goose Up
-- create "api_tokens" table
CREATE TABLE `api_tokens` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `name` text NOT NULL, `prefix` text NOT NULL, `token_hash` text NOT NULL, `role` text NOT NULL, `created_by_id` integer NULL, `created_at` datetime NOT NULL, `expires_at` datetime NULL, `last_used_at` datetime NULL, `revoked_at` datetime NULL);
-- create index "api_tokens_token_hash_key" to table: "api_tokens"
CREATE UNIQUE INDEX `api_tokens_token_hash_key` ON `api_tokens` (`token_hash`);
-- create index "apitoken_revoked_at" to table: "api_tokens"
CREATE INDEX `apitoken_revoked_at` ON `api_tokens` (`revoked_at`);

-- +goose Down
-- reverse: create index "apitoken_revoked_at" to table: "api_tokens"
DROP INDEX `apitoken_revoked_at`;
-- reverse: create index "api_tokens_token_hash_key" to table: "api_tokens"
DROP INDEX `api_tokens_token_hash_key`;
-- reverse: create "api_tokens" table
DROP TABLE `api_tokens`;
