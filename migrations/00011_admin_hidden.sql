-- +goose Up
-- When the programme team hid a mentor from search, or null when they did
-- not. It is kept apart from the mentor's own "searchable" setting, so a
-- mentor who turns that setting on again stays hidden until the programme
-- team shows them.
ALTER TABLE mentor_profiles ADD COLUMN admin_hidden_at timestamptz;

-- +goose Down
ALTER TABLE mentor_profiles DROP COLUMN admin_hidden_at;
