-- +goose Up
-- modify "reviews" table
ALTER TABLE "reviews" ADD COLUMN "determination_effective_on" date NULL;

-- +goose Down
-- reverse: modify "reviews" table
ALTER TABLE "reviews" DROP COLUMN "determination_effective_on";
