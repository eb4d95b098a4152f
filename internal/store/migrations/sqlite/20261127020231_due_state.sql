-- +goose Up
-- create "due_states" table
CREATE TABLE `due_states` (`id` integer NOT NULL PRIMARY KEY AUTOINCREMENT, `rules_version` integer NOT NULL, `computed_at` datetime NOT NULL);

-- +goose Down
-- reverse: create "due_states" table
DROP TABLE `due_states`;
