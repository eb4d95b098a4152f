-- +goose Up
-- modify "audit_events" table
ALTER TABLE "audit_events" ADD COLUMN "proxy_request_id" character varying NULL;

-- +goose Down
-- reverse: modify "audit_events" table
ALTER TABLE "audit_events" DROP COLUMN "proxy_request_id";
