-- +goose Up
-- add the recalculation under way to table: "due_states" (added columns, not a rebuild)
ALTER TABLE `due_states` ADD COLUMN `stale_since` datetime NULL;
ALTER TABLE `due_states` ADD COLUMN `recalculate_after` integer NOT NULL DEFAULT (0);
ALTER TABLE `due_states` ADD COLUMN `recalculated` integer NOT NULL DEFAULT (0);
ALTER TABLE `due_states` ADD COLUMN `to_recalculate` integer NOT NULL DEFAULT (0);

-- +goose Down
-- reverse: add the recalculation under way to table: "due_states"
ALTER TABLE `due_states` DROP COLUMN `to_recalculate`;
ALTER TABLE `due_states` DROP COLUMN `recalculated`;
ALTER TABLE `due_states` DROP COLUMN `recalculate_after`;
ALTER TABLE `due_states` DROP COLUMN `stale_since`;
