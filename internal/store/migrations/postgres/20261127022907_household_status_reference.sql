-- +goose Up
-- drop index "household_status" from table: "households"
DROP INDEX "household_status";
-- create index "household_status_reference" to table: "households"
CREATE INDEX "household_status_reference" ON "households" ("status", "reference");

-- +goose Down
-- reverse: create index "household_status_reference" to table: "households"
DROP INDEX "household_status_reference";
-- reverse: drop index "household_status" from table: "households"
CREATE INDEX "household_status" ON "households" ("status");
