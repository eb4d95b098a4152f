-- +goose Up
-- modify "users" table
ALTER TABLE "users" ADD COLUMN "calendar_token_hash" character varying NULL;
-- create index "users_calendar_token_hash_key" to table: "users"
CREATE UNIQUE INDEX "users_calendar_token_hash_key" ON "users" ("calendar_token_hash");

-- +goose Down
-- reverse: create index "users_calendar_token_hash_key" to table: "users"
DROP INDEX "users_calendar_token_hash_key";
-- reverse: modify "users" table
ALTER TABLE "users" DROP COLUMN "calendar_token_hash";
