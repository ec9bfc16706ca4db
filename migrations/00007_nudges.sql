-- +goose Up
-- Each nudge that a scheduled sweep planned, one row per nudge key. The row
-- is inserted in the same transaction as the nudge's notices, so a sweep
-- that runs again, is retried, or races another replica plans and sends
-- each nudge once. sent_at is null until MarkNudgeSent records that the
-- message reached Slack.
CREATE TABLE nudges (
    key           text PRIMARY KEY,
    kind          text NOT NULL,
    team_id       text NOT NULL,
    -- The recipient, or '' for a nudge to the programme team.
    user_id       text NOT NULL,
    invitation_id bigint REFERENCES invitations ON DELETE CASCADE,
    -- The reminder or check-in number, and 0 for the other kinds.
    sequence      integer NOT NULL DEFAULT 0,
    planned_at    timestamptz NOT NULL,
    due_at        timestamptz NOT NULL,
    sent_at       timestamptz
);

CREATE INDEX nudges_invitation_idx ON nudges (invitation_id, kind) WHERE invitation_id IS NOT NULL;
CREATE INDEX nudges_recipient_idx ON nudges (team_id, user_id, kind);

-- Each "We met" tap by one person of a relationship.
CREATE TABLE meetings (
    invitation_id bigint REFERENCES invitations ON DELETE CASCADE,
    user_id       text NOT NULL,
    met_at        timestamptz NOT NULL,
    note          text NOT NULL DEFAULT '',
    PRIMARY KEY (invitation_id, user_id, met_at)
);

CREATE INDEX meetings_latest_idx ON meetings (invitation_id, met_at);

-- Feedback on a finished relationship, one row per person.
CREATE TABLE feedback (
    invitation_id bigint REFERENCES invitations ON DELETE CASCADE,
    user_id       text NOT NULL,
    rating        integer NOT NULL CONSTRAINT feedback_rating_check CHECK (rating BETWEEN 1 AND 5),
    comment       text NOT NULL DEFAULT '',
    given_at      timestamptz NOT NULL,
    PRIMARY KEY (invitation_id, user_id)
);

-- The sweeps page through invitations of one status in id order.
CREATE INDEX invitations_status_idx ON invitations (status, id);

-- +goose Down
DROP INDEX invitations_status_idx;
DROP TABLE feedback;
DROP TABLE meetings;
DROP TABLE nudges;
