-- +goose Up
-- Each question that a person sent to the programme team with Contact the
-- programme team.
CREATE TABLE help_questions (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- team_id is the Enterprise Grid organisation or the workspace, as in
    -- people.
    team_id  text NOT NULL,
    user_id  text NOT NULL,
    question text NOT NULL,
    asked_at timestamptz NOT NULL
);

-- The messages that carried each question to the programme team: one post
-- in the help channel, or one DM to each member of the team. A reply in the
-- thread of one of them is passed on to the person who asked, so the key is
-- the message's channel and timestamp, which is also its thread's
-- thread_ts.
CREATE TABLE help_question_posts (
    team_id     text NOT NULL,
    channel_id  text NOT NULL,
    ts          text NOT NULL,
    question_id bigint NOT NULL REFERENCES help_questions ON DELETE CASCADE,
    PRIMARY KEY (team_id, channel_id, ts)
);

CREATE INDEX help_question_posts_question ON help_question_posts (question_id);

-- +goose Down
DROP TABLE help_question_posts;
DROP TABLE help_questions;
