-- +goose Up
-- create "due_month_tallies" table
CREATE TABLE `due_month_tallies` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `kind` text NOT NULL, `month` date NOT NULL, `items` integer NOT NULL DEFAULT (0));
-- create index "duemonthtally_kind_month" to table: "due_month_tallies"
CREATE UNIQUE INDEX `duemonthtally_kind_month` ON `due_month_tallies` (`kind`, `month`);
-- backfill (hand-written): count the items already open, by month, from the day tallies
INSERT INTO `due_month_tallies` (`kind`, `month`, `items`) SELECT `kind`, substr(`due_on`, 1, 7) || '-01', SUM(`items`) FROM `due_tallies` GROUP BY `kind`, substr(`due_on`, 1, 7) || '-01';

-- +goose Down
-- reverse: create index "duemonthtally_kind_month" to table: "due_month_tallies"
DROP INDEX `duemonthtally_kind_month`;
-- reverse: create "due_month_tallies" table
DROP TABLE `due_month_tallies`;
