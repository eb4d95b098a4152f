-- +goose Up
-- Written by hand: the generator rebuilt users and sessions (copy, drop,
-- rename), and inside goose's transaction SQLite ignores
-- "PRAGMA foreign_keys = off", so dropping users would have fired every
-- foreign key to it. Adding columns needs no rebuild.
ALTER TABLE `users` ADD COLUMN `mfa_pending_secret` text NULL;
ALTER TABLE `users` ADD COLUMN `mfa_enabled_at` datetime NULL;
ALTER TABLE `users` ADD COLUMN `mfa_last_step` integer NOT NULL DEFAULT (0);
ALTER TABLE `sessions` ADD COLUMN `mfa_passed` bool NOT NULL DEFAULT (false);
-- create "recovery_codes" table
CREATE TABLE `recovery_codes` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `code_hash` text NOT NULL, `created_at` datetime NOT NULL, `used_at` datetime NULL, `user_id` integer NOT NULL, CONSTRAINT `recovery_codes_users_recovery_codes` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE NO ACTION);
-- create index "recovery_codes_code_hash_key" to table: "recovery_codes"
CREATE UNIQUE INDEX `recovery_codes_code_hash_key` ON `recovery_codes` (`code_hash`);

-- +goose Down
DROP INDEX `recovery_codes_code_hash_key`;
DROP TABLE `recovery_codes`;
ALTER TABLE `sessions` DROP COLUMN `mfa_passed`;
ALTER TABLE `users` DROP COLUMN `mfa_last_step`;
ALTER TABLE `users` DROP COLUMN `mfa_enabled_at`;
ALTER TABLE `users` DROP COLUMN `mfa_pending_secret`;
