-- +goose Up
-- Searching households by part of a carer's name is an ILIKE '%…%', which
-- only a trigram index serves. pg_trgm ships with PostgreSQL (contrib) and
-- is a trusted extension, so the database's owner may create it. It goes
-- in public, and the operator class is named there, so that a schema whose
-- search_path leaves out public (each test's own) finds it.
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
-- create index "carer_first_name_trgm" to table: "carers"
CREATE INDEX "carer_first_name_trgm" ON "carers" USING GIN ("first_name" public.gin_trgm_ops);
-- create index "carer_last_name_trgm" to table: "carers"
CREATE INDEX "carer_last_name_trgm" ON "carers" USING GIN ("last_name" public.gin_trgm_ops);

-- +goose Down
-- reverse: create index "carer_last_name_trgm" to table: "carers"
DROP INDEX "carer_last_name_trgm";
-- reverse: create index "carer_first_name_trgm" to table: "carers"
DROP INDEX "carer_first_name_trgm";
