-- +goose Up
-- When the person erased their data with "/mentor delete-me", or null.
-- The erasure empties the people row but keeps it: invitations refer to
-- it with ON DELETE CASCADE, so deleting it would delete the other
-- person's history too. Registering again sets erased_at back to null.
ALTER TABLE people ADD COLUMN erased_at timestamptz;

-- Cards look up whether a user id was erased without knowing its team.
CREATE INDEX people_erased_idx ON people (user_id) WHERE erased_at IS NOT NULL;

-- +goose Down
DROP INDEX people_erased_idx;
ALTER TABLE people DROP COLUMN erased_at;
