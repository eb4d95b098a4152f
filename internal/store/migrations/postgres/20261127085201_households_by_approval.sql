-- +goose Up
-- create index "household_approved_on_reference" to table: "households"
CREATE INDEX "household_approved_on_reference" ON "households" ("approved_on", "reference");
-- create index "household_status_approved_on_reference" to table: "households"
CREATE INDEX "household_status_approved_on_reference" ON "households" ("status", "approved_on", "reference");

-- +goose Down
-- reverse: create index "household_status_approved_on_reference" to table: "households"
DROP INDEX "household_status_approved_on_reference";
-- reverse: create index "household_approved_on_reference" to table: "households"
DROP INDEX "household_approved_on_reference";
