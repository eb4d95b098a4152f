-- +goose Up
-- create index "carer_first_name_trgm" to table: "carers"
CREATE INDEX `carer_first_name_trgm` ON `carers` (`first_name`);
-- create index "carer_last_name_trgm" to table: "carers"
CREATE INDEX `carer_last_name_trgm` ON `carers` (`last_name`);

-- +goose Down
-- reverse: create index "carer_last_name_trgm" to table: "carers"
DROP INDEX `carer_last_name_trgm`;
-- reverse: create index "carer_first_name_trgm" to table: "carers"
DROP INDEX `carer_first_name_trgm`;
