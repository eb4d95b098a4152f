-- +goose Up
-- add column "proxy_request_id" to table: "audit_events"
ALTER TABLE `audit_events` ADD COLUMN `proxy_request_id` text NULL;

-- +goose Down
-- reverse: add column "proxy_request_id" to table: "audit_events"
ALTER TABLE `audit_events` DROP COLUMN `proxy_request_id`;
