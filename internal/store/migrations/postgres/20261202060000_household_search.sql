-- +goose Up
-- The households search on PostgreSQL matched each word against the
-- reference, the postcode and the carers' names separately: a word that
-- matches a few carers but no reference made PostgreSQL read households to
-- rule each one out (61–79 ms at 50,000 households for a full name, part
-- of a reference or a name nobody has). As on SQLite (household_search,
-- FTS5), each household now has one search text, its reference, postcode
-- and live carers' names, lower-cased and without accents, in a table of
-- its own with a trigram index; every word is one indexed LIKE on it.
-- Triggers keep it current with every write to households and carers, in
-- the same transaction. unaccent ships with PostgreSQL (contrib) beside
-- pg_trgm and is trusted; like pg_trgm it goes in public and is named
-- there, for schemas whose search_path leaves public out (each test's).
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
CREATE TABLE "household_search" (
  "household_id" bigint NOT NULL PRIMARY KEY REFERENCES "households" ("id") ON DELETE CASCADE,
  "text" text NOT NULL
);
CREATE INDEX "household_search_text_trgm" ON "household_search" USING GIN ("text" public.gin_trgm_ops);
-- PostgreSQL estimates how many texts a LIKE '%…%' matches from a sample
-- of them; with the default sample it took a name 1,446 households share
-- for a few hundred, joined every household to the matches (26–57 ms at
-- 50,000 households) instead of reading households in order until a page
-- is full (2–5 ms). A sample ten times larger gets it right.
ALTER TABLE "household_search" ALTER COLUMN "text" SET STATISTICS 1000;
-- household_search_write (re)writes the search text of the households
-- given; the SQL in registry.SearchHouseholds folds the words it is given
-- the same way (lower-case, public.unaccent).
-- +goose StatementBegin
CREATE FUNCTION "household_search_write"(ids bigint[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "household_search" ("household_id", "text")
  SELECT h."id", lower(public.unaccent('public.unaccent', h."reference" || ' ' || coalesce(h."postcode", '') || ' ' ||
    coalesce((SELECT string_agg(c."first_name" || ' ' || c."last_name", ' ' ORDER BY c."id") FROM "carers" c
      WHERE c."household_id" = h."id" AND c."archived_at" IS NULL), '')))
  FROM "households" h WHERE h."id" = ANY (ids)
  ON CONFLICT ("household_id") DO UPDATE SET "text" = excluded."text"
$$;
-- +goose StatementEnd
-- Inserts and deletes write once a statement (the seed inserts hundreds of
-- rows in one); updates name their columns, which a statement trigger with
-- the changed rows cannot, so they write once a row.
-- +goose StatementBegin
CREATE FUNCTION "household_search_households_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "household_search_write"(ARRAY(SELECT "id" FROM new_rows));
  RETURN NULL;
END $$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE FUNCTION "household_search_household_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "household_search_write"(ARRAY[new."id"]);
  RETURN NULL;
END $$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE FUNCTION "household_search_carers_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "household_search_write"(ARRAY(SELECT DISTINCT "household_id" FROM new_rows));
  RETURN NULL;
END $$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE FUNCTION "household_search_carer_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "household_search_write"(ARRAY[old."household_id", new."household_id"]);
  RETURN NULL;
END $$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE FUNCTION "household_search_carers_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "household_search_write"(ARRAY(SELECT DISTINCT "household_id" FROM old_rows));
  RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER "household_search_insert" AFTER INSERT ON "households"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "household_search_households_inserted"();
CREATE TRIGGER "household_search_update" AFTER UPDATE OF "reference", "postcode" ON "households"
  FOR EACH ROW EXECUTE FUNCTION "household_search_household_updated"();
CREATE TRIGGER "household_search_carer_insert" AFTER INSERT ON "carers"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "household_search_carers_inserted"();
CREATE TRIGGER "household_search_carer_update" AFTER UPDATE OF "first_name", "last_name", "household_id", "archived_at" ON "carers"
  FOR EACH ROW EXECUTE FUNCTION "household_search_carer_updated"();
CREATE TRIGGER "household_search_carer_delete" AFTER DELETE ON "carers"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "household_search_carers_deleted"();
-- A household deleted goes from household_search by its foreign key.
SELECT "household_search_write"(ARRAY(SELECT "id" FROM "households"));
ANALYZE "household_search";

-- +goose Down
DROP TRIGGER "household_search_carer_delete" ON "carers";
DROP TRIGGER "household_search_carer_update" ON "carers";
DROP TRIGGER "household_search_carer_insert" ON "carers";
DROP TRIGGER "household_search_update" ON "households";
DROP TRIGGER "household_search_insert" ON "households";
DROP FUNCTION "household_search_carers_deleted"();
DROP FUNCTION "household_search_carer_updated"();
DROP FUNCTION "household_search_carers_inserted"();
DROP FUNCTION "household_search_household_updated"();
DROP FUNCTION "household_search_households_inserted"();
DROP FUNCTION "household_search_write"(bigint[]);
DROP TABLE "household_search";
