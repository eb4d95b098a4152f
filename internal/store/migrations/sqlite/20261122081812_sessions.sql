-- +goose Up
-- create "sessions" table
CREATE TABLE `sessions` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `token_hash` text NOT NULL, `created_at` datetime NOT NULL, `last_seen_at` datetime NOT NULL, `expires_at` datetime NOT NULL, `client_address` text NULL, `user_agent` text NULL, `user_id` integer NOT NULL, CONSTRAINT `sessions_users_sessions` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION);
-- create index "sessions_token_hash_key" to table: "sessions"
CREATE UNIQUE INDEX `sessions_token_hash_key` ON `sessions` (`token_hash`);
-- create index "session_user_id" to table: "sessions"
CREATE INDEX `session_user_id` ON `sessions` (`user_id`);
-- create index "session_expires_at" to table: "sessions"
CREATE INDEX `session_expires_at` ON `sessions` (`expires_at`);
-- create "sign_in_attempts" table
CREATE TABLE `sign_in_attempts` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `at` datetime NOT NULL, `email` text NOT NULL, `client_address` text NOT NULL, `succeeded` bool NOT NULL);
-- create index "signinattempt_email_at" to table: "sign_in_attempts"
CREATE INDEX `signinattempt_email_at` ON `sign_in_attempts` (`email`, `at`);
-- create index "signinattempt_client_address_at" to table: "sign_in_attempts"
CREATE INDEX `signinattempt_client_address_at` ON `sign_in_attempts` (`client_address`, `at`);
-- create index "signinattempt_at" to table: "sign_in_attempts"
CREATE INDEX `signinattempt_at` ON `sign_in_attempts` (`at`);

-- +goose Down
-- reverse: create index "signinattempt_at" to table: "sign_in_attempts"
DROP INDEX `signinattempt_at`;
-- reverse: create index "signinattempt_client_address_at" to table: "sign_in_attempts"
DROP INDEX `signinattempt_client_address_at`;
-- reverse: create index "signinattempt_email_at" to table: "sign_in_attempts"
DROP INDEX `signinattempt_email_at`;
-- reverse: create "sign_in_attempts" table
DROP TABLE `sign_in_attempts`;
-- reverse: create index "session_expires_at" to table: "sessions"
DROP INDEX `session_expires_at`;
-- reverse: create index "session_user_id" to table: "sessions"
DROP INDEX `session_user_id`;
-- reverse: create index "sessions_token_hash_key" to table: "sessions"
DROP INDEX `sessions_token_hash_key`;
-- reverse: create "sessions" table
DROP TABLE `sessions`;
