-- +goose Up
-- add column "determination_effective_on" to table: "reviews"
ALTER TABLE `reviews` ADD COLUMN `determination_effective_on` date NULL;

-- +goose Down
-- reverse: add column "determination_effective_on" to table: "reviews"
ALTER TABLE `reviews` DROP COLUMN `determination_effective_on`;
