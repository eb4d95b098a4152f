-- +goose Up
-- add column "calendar_token_hash" to table: "users" (a column then a
-- unique index, rather than the table rebuild a UNIQUE column would need)
ALTER TABLE `users` ADD COLUMN `calendar_token_hash` text NULL;
-- create index "users_calendar_token_hash_key" to table: "users"
CREATE UNIQUE INDEX `users_calendar_token_hash_key` ON `users` (`calendar_token_hash`);

-- +goose Down
-- reverse: create index "users_calendar_token_hash_key" to table: "users"
DROP INDEX `users_calendar_token_hash_key`;
-- reverse: add column "calendar_token_hash" to table: "users"
ALTER TABLE `users` DROP COLUMN `calendar_token_hash`;
