-- +goose Up
-- What a person typed into a details form that they closed without saving,
-- so the form opens with it next time. Saving the profile deletes it.
CREATE TABLE profile_drafts (
    team_id    text NOT NULL,
    user_id    text NOT NULL,
    role       text NOT NULL CHECK (role IN ('mentee', 'mentor')),
    draft      jsonb NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (team_id, user_id, role),
    FOREIGN KEY (team_id, user_id) REFERENCES people ON DELETE CASCADE
);

-- +goose Down
DROP TABLE profile_drafts;
