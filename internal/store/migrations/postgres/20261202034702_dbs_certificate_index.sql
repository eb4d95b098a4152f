-- +goose Up
-- create index "dbscheck_certificate_number" to table: "dbs_checks"
CREATE INDEX "dbscheck_certificate_number" ON "dbs_checks" ("certificate_number");

-- +goose Down
-- reverse: create index "dbscheck_certificate_number" to table: "dbs_checks"
DROP INDEX "dbscheck_certificate_number";
