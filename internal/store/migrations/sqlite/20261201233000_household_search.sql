-- +goose Up
-- The households search finds a household by any part of its reference,
-- its postcode or its carers' names, in any order and without regard to
-- accents ("sian" finds Siân). A LIKE over households and carers read every
-- household for a name nobody has (190 ms at 50,000 households); a trigram
-- full-text index answers from its index. Triggers keep it current with
-- every write to households and carers, in the same transaction, each
-- writing a household's text as the view household_search_text words it.
CREATE VIEW `household_search_text` AS
  SELECT `id`, `reference` || ' ' || coalesce(`postcode`, '') || ' ' || coalesce((SELECT group_concat(`first_name` || ' ' || `last_name`, ' ')
    FROM `carers` WHERE `carers`.`household_id` = `households`.`id` AND `carers`.`archived_at` IS NULL), '') AS `text`
  FROM `households`;
CREATE VIRTUAL TABLE `household_search` USING fts5(`text`, tokenize = 'trigram remove_diacritics 1');
INSERT INTO `household_search` (`rowid`, `text`) SELECT `id`, `text` FROM `household_search_text`;
-- +goose StatementBegin
CREATE TRIGGER `household_search_insert` AFTER INSERT ON `households` BEGIN
  INSERT INTO `household_search` (`rowid`, `text`) SELECT `id`, `text` FROM `household_search_text` WHERE `id` = new.`id`;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER `household_search_update` AFTER UPDATE OF `reference`, `postcode` ON `households` BEGIN
  DELETE FROM `household_search` WHERE `rowid` = old.`id`;
  INSERT INTO `household_search` (`rowid`, `text`) SELECT `id`, `text` FROM `household_search_text` WHERE `id` = new.`id`;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER `household_search_delete` AFTER DELETE ON `households` BEGIN
  DELETE FROM `household_search` WHERE `rowid` = old.`id`;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER `household_search_carer_insert` AFTER INSERT ON `carers` BEGIN
  DELETE FROM `household_search` WHERE `rowid` = new.`household_id`;
  INSERT INTO `household_search` (`rowid`, `text`) SELECT `id`, `text` FROM `household_search_text` WHERE `id` = new.`household_id`;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER `household_search_carer_update` AFTER UPDATE OF `first_name`, `last_name`, `household_id`, `archived_at` ON `carers` BEGIN
  DELETE FROM `household_search` WHERE `rowid` IN (old.`household_id`, new.`household_id`);
  INSERT INTO `household_search` (`rowid`, `text`) SELECT `id`, `text` FROM `household_search_text` WHERE `id` IN (old.`household_id`, new.`household_id`);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER `household_search_carer_delete` AFTER DELETE ON `carers` BEGIN
  DELETE FROM `household_search` WHERE `rowid` = old.`household_id`;
  INSERT INTO `household_search` (`rowid`, `text`) SELECT `id`, `text` FROM `household_search_text` WHERE `id` = old.`household_id`;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER `household_search_carer_delete`;
DROP TRIGGER `household_search_carer_update`;
DROP TRIGGER `household_search_carer_insert`;
DROP TRIGGER `household_search_delete`;
DROP TRIGGER `household_search_update`;
DROP TRIGGER `household_search_insert`;
DROP TABLE `household_search`;
DROP VIEW `household_search_text`;
