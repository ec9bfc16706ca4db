-- +goose Up
-- Slack reports a deactivated account with user_change; such a person is
-- never listed in search results or nudged.
ALTER TABLE people ADD COLUMN deactivated_at timestamptz;
-- The person's Slack name, as users.info last returned it, so searches can
-- match names.
ALTER TABLE people ADD COLUMN display_name text NOT NULL DEFAULT '';

-- An invitation is a mentee's request to a mentor, and once accepted the
-- mentoring relationship itself. Its status moves only as the domain's
-- state machine allows.
CREATE TABLE invitations (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id        text NOT NULL,
    mentor_user_id text NOT NULL,
    mentee_user_id text NOT NULL,
    status         text NOT NULL CHECK (status IN ('considering', 'ongoing', 'declined', 'withdrawn', 'finished')),
    note           text NOT NULL DEFAULT '',
    -- Why the invitation ended, such as "no response" or a reason the
    -- programme team gave.
    reason         text NOT NULL DEFAULT '',
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    answered_at    timestamptz,
    ended_at       timestamptz,
    -- The mentor's invitation DM, kept so it can be updated in place.
    mentor_channel text NOT NULL DEFAULT '',
    mentor_ts      text NOT NULL DEFAULT '',
    CHECK (mentor_user_id <> mentee_user_id),
    FOREIGN KEY (team_id, mentor_user_id) REFERENCES people (team_id, user_id) ON DELETE CASCADE,
    FOREIGN KEY (team_id, mentee_user_id) REFERENCES people (team_id, user_id) ON DELETE CASCADE
);

-- One open invitation at most between the same two people.
CREATE UNIQUE INDEX invitations_open_pair_idx ON invitations (team_id, mentor_user_id, mentee_user_id)
    WHERE status IN ('considering', 'ongoing');
CREATE INDEX invitations_mentor_idx ON invitations (team_id, mentor_user_id, status);
CREATE INDEX invitations_mentee_idx ON invitations (team_id, mentee_user_id, status);

-- Every status change: who made it, from what, to what, and when.
CREATE TABLE invitation_events (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    invitation_id bigint NOT NULL REFERENCES invitations ON DELETE CASCADE,
    actor_user_id text NOT NULL,
    from_status   text NOT NULL,
    to_status     text NOT NULL,
    reason        text NOT NULL DEFAULT '',
    at            timestamptz NOT NULL
);

CREATE INDEX invitation_events_invitation_idx ON invitation_events (invitation_id, at);

-- +goose Down
DROP TABLE invitation_events;
DROP TABLE invitations;
ALTER TABLE people DROP COLUMN display_name;
ALTER TABLE people DROP COLUMN deactivated_at;
