-- +goose Up
-- modify "due_states" table
ALTER TABLE "due_states" ADD COLUMN "stale_since" timestamptz NULL, ADD COLUMN "recalculate_after" bigint NOT NULL DEFAULT 0, ADD COLUMN "recalculated" bigint NOT NULL DEFAULT 0, ADD COLUMN "to_recalculate" bigint NOT NULL DEFAULT 0;

-- +goose Down
-- reverse: modify "due_states" table
ALTER TABLE "due_states" DROP COLUMN "to_recalculate", DROP COLUMN "recalculated", DROP COLUMN "recalculate_after", DROP COLUMN "stale_since";
