-- +goose Up
-- create "outbox_messages" table
CREATE TABLE `outbox_messages` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `key` text NOT NULL, `user_id` integer NULL, `to_address` text NOT NULL, `subject` text NOT NULL, `body` text NOT NULL, `queued_at` datetime NOT NULL, `claimed_at` datetime NULL, `sent_at` datetime NULL, `attempts` integer NOT NULL DEFAULT (0), `last_error` text NULL);
-- create index "outbox_messages_key_key" to table: "outbox_messages"
CREATE UNIQUE INDEX `outbox_messages_key_key` ON `outbox_messages` (`key`);
-- create index "outboxmessage_sent_at_queued_at" to table: "outbox_messages"
CREATE INDEX `outboxmessage_sent_at_queued_at` ON `outbox_messages` (`sent_at`, `queued_at`);

-- +goose Down
-- reverse: create index "outboxmessage_sent_at_queued_at" to table: "outbox_messages"
DROP INDEX `outboxmessage_sent_at_queued_at`;
-- reverse: create index "outbox_messages_key_key" to table: "outbox_messages"
DROP INDEX `outbox_messages_key_key`;
-- reverse: create "outbox_messages" table
DROP TABLE `outbox_messages`;
