-- +goose Up
-- What the programme team did, and what the bot did on people's behalf
-- that cannot be seen elsewhere, such as an erasure: who acted, on whom,
-- and when. An entry names what happened, never the personal data that
-- was changed or erased.
CREATE TABLE audit_log (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id         text NOT NULL,
    -- The Slack user who acted, or '' for the bot itself.
    actor_user_id   text NOT NULL,
    action          text NOT NULL,
    -- The person acted on, or '' when the action is about no one person.
    subject_user_id text NOT NULL DEFAULT '',
    invitation_id   bigint,
    detail          text NOT NULL DEFAULT '',
    at              timestamptz NOT NULL
);

CREATE INDEX audit_log_team_at_idx ON audit_log (team_id, at);
CREATE INDEX audit_log_subject_idx ON audit_log (team_id, subject_user_id) WHERE subject_user_id <> '';

-- +goose Down
DROP TABLE audit_log;
