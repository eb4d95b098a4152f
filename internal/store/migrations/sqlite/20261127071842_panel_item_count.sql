-- +goose Up
-- create index "panelitem_panel_id_archived_at" to table: "panel_items"
CREATE INDEX `panelitem_panel_id_archived_at` ON `panel_items` (`panel_id`, `archived_at`);

-- +goose Down
-- reverse: create index "panelitem_panel_id_archived_at" to table: "panel_items"
DROP INDEX `panelitem_panel_id_archived_at`;
